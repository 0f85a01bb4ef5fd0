"""The book's dataset of published figures, loaded typed.

``energylib/data/figures.csv`` holds one published figure a row: training
energy and GPU-hours of real models, energy per query and per token, query
volumes, hardware specifications, PUE and shares.  Each row names its source
by BibTeX key in the book's bibliography and says how the figure was obtained
(``confidence``: *measured* by the source, *reported* by the source without a
published method, or *estimated* from other numbers) and whether the book's
authors read it in the original (``check``: ``read``, ``quoted`` when only
seen quoted elsewhere, ``derived``).  Where sources disagree, both rows are
kept: the spread is information.

Columns: ``id, quantity, subject, value, unit, source, year, confidence,
check, page, note, date, version, low, high, uncertainty, scope,
measurement_id``.  Units are the publication's; :meth:`Figure.si` converts to
SI with :mod:`energylib.units`.

``scope`` is the measurement boundary of an energy figure (see :data:`SCOPES`):
``gpu`` (accelerators only), ``server`` (plus host CPU, memory and, where the
source counts it, idle reserve), ``full-stack`` (plus the data centre's
overhead, i.e. PUE), ``unknown`` (method not published); empty for figures
that are not energies (hardware, dates, shares).  Where a boundary differs from
these (CodeCarbon's GPU + CPU + RAM, a top-decile fleet subset) the note says
so.  ``measurement_id`` names the row of ``measurements.csv`` a figure restates
or derives from (empty if none): a fit that pools both files counts each
measurement once (:func:`energylib.measurements.figures_without_duplicates`).
The two columns are optional when reading (rows written without them load with
empty values).

Every row is dated and carries an uncertainty.  ``date`` is when the source
was published (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``year`` stays the
year the figure refers to) and ``version`` which edition was used (arXiv
version, leaderboard version, datasheet).  ``low`` and ``high`` bound the
value in its unit, and ``uncertainty`` says where the bounds come from (see
:data:`UNCERTAINTY_KINDS`): the source's own range or confidence interval,
the rounding of the printed figure, a specification (exact by definition), a
one-sided bound the source states, or, where the source gives nothing, a
range *assigned* by this dataset with a stated rule (measured +-10 %, reported
+-25 %, estimated a factor of 2 either way, unless the note says otherwise).
:func:`table` formats rows with their date, version and range for the book.

Examples
--------
>>> figs = load_figures()
>>> len(figs) >= 30
True
>>> f = by_id("gemini-median-prompt")
>>> f.value, f.unit, f.source
(0.24, 'Wh', 'elsworth2025google')
>>> round(f.si, 1)  # [J]
864.0
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .units import DAY, GALLON_GASOLINE_EQUIVALENT, GRAM, HOUR, KWH, MILE, TWH, WH, YEAR
from .validation import check_integer, check_number

__all__ = [
    "Figure",
    "UNITS",
    "UNCERTAINTY_KINDS",
    "CONFIDENCE_LEVELS",
    "CHECK_LEVELS",
    "SCOPES",
    "load_figures",
    "by_id",
    "select",
    "values_si",
    "sources",
    "table",
]

UNITS: dict[str, tuple[float, str]] = {
    "J": (1.0, "J"),
    "Wh": (WH, "J"),
    "kWh": (1e3 * WH, "J"),
    "MWh": (1e6 * WH, "J"),
    "GWh": (1e9 * WH, "J"),
    "J/token": (1.0, "J/token"),
    "GPU-h": (HOUR, "GPU-s"),
    "FLOP": (1.0, "FLOP"),
    "TFLOP/J": (1e12, "FLOP/J"),
    "TFLOP/s": (1e12, "FLOP/s"),
    "TB/s": (1e12, "B/s"),
    "W": (1.0, "W"),
    "kW": (1e3, "W"),
    "TWh/yr": (TWH / YEAR, "W"),
    "queries/day": (1.0 / DAY, "1/s"),
    "tokens": (1.0, "tokens"),
    "tokens/month": (12.0 / YEAR, "tokens/s"),
    "year": (YEAR, "s"),
    "1/yr": (1.0 / YEAR, "1/s"),
    "1": (1.0, "1"),
    "MJ": (1e6, "J"),
    "gCO2/kWh": (GRAM / KWH, "kg/J"),
    "kWh/100mi": (KWH / (100.0 * MILE), "J/m"),
    "MPGe": (MILE / GALLON_GASOLINE_EQUIVALENT, "m/J"),
    "TJ/lane-mile": (1e12 / MILE, "J/m"),
    "g/mol": (GRAM, "kg/mol"),
    "kJ/mol": (1e3, "J/mol"),
    "pg": (1e-12 * GRAM, "kg"),
    "m": (1.0, "m"),
    "m^3/s^2": (1.0, "m^3/s^2"),
}
"""Allowed units: unit -> (SI factor, SI unit).

``TWh/yr`` becomes an average power; ``1/yr`` is a continuous rate per year [1/s].
``gCO2/kWh`` is kilograms of CO2 per joule of electricity; ``TJ/lane-mile`` is joules per
metre of one lane; ``MPGe`` (the US EPA's miles
per gallon equivalent, 33.7 kWh to the gallon) is a distance per energy [m/J], the inverse
of ``kWh/100mi``.

Examples
--------
>>> factor, si_unit = UNITS["gCO2/kWh"]
>>> round(436 * factor * KWH, 3), si_unit  # 436 g/kWh: kg of CO2 per kWh
(0.436, 'kg/J')
>>> round(1.0 / (140 * UNITS["MPGe"][0]) / UNITS["kWh/100mi"][0], 2)  # 140 MPGe [kWh/100mi]
24.07
>>> round(5 * UNITS["TJ/lane-mile"][0] * 1e3 / 1e12, 3)  # 5 TJ/lane-mile [TJ per lane-km]
3.107
"""

CONFIDENCE_LEVELS = ("measured", "reported", "estimated")
"""How the source obtained the figure."""

CHECK_LEVELS = ("read", "quoted", "derived")
"""Whether the figure was read in the original, seen only quoted, or derived."""

UNCERTAINTY_KINDS = ("published", "rounding", "spec", "bound", "assigned")
"""Where a row's ``low`` and ``high`` come from: the source's range or interval; half a unit
of the printed figure's last digit; a specification; a one-sided bound stated by the source
(the other side assigned); or this dataset's judgement where the source gives none."""

SCOPES = ("gpu", "server", "full-stack", "unknown")
"""Measurement boundary of an energy figure; empty ``scope`` means not an energy."""

_OPTIONAL_COLUMNS = ("scope", "measurement_id")

_COLUMNS = ("id", "quantity", "subject", "value", "unit", "source", "year",
            "confidence", "check", "page", "note", "date", "version", "low", "high",
            "uncertainty")
_TEXT_FIELDS = ("id", "quantity", "subject", "unit", "source", "confidence", "check", "page",
                "note", "date", "version", "uncertainty", "scope", "measurement_id")


@dataclass(frozen=True)
class Figure:
    """One published figure.

    Attributes
    ----------
    id : str
        Unique row name.
    quantity : str
        What is measured, e.g. ``"energy_per_query"``, ``"training_energy"``.
    subject : str
        Model, service or hardware the figure is about.
    value : float
        The figure in ``unit`` (> 0).
    unit : str
        One of :data:`UNITS`.
    source : str
        BibTeX key in the book's ``references.bib``.
    year : int
        Year the figure refers to (or was published).
    confidence : str
        One of :data:`CONFIDENCE_LEVELS`.
    check : str
        One of :data:`CHECK_LEVELS`.
    page : str
        Table, section or page of the source.
    note : str
        Scope and caveats.
    date : str
        Publication date of the source (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``);
        empty only for records built by hand.
    version : str
        Edition of the source used (paper version, leaderboard version, datasheet).
    low, high : float or None
        Bounds of the value in ``unit``, ``low <= value <= high``.
    uncertainty : str
        One of :data:`UNCERTAINTY_KINDS` when ``low`` and ``high`` are given.
    scope : str
        Measurement boundary, one of :data:`SCOPES`, or empty for figures that are not
        energies.
    measurement_id : str
        Row of ``measurements.csv`` this figure restates or derives from, or empty.

    Raises
    ------
    TypeError
        If a field has the wrong type (a string field not a string, a number a bool or
        string).
    ValueError
        If a number is NaN, infinite or out of range, a name is not one of the allowed
        ones, or ``low <= value <= high`` fails; the message names the field.

    Examples
    --------
    >>> Figure("x", "pue", "a data centre", 1.2, "1", "k", 2024, "measured", "read",
    ...        "p", "n", low=1.1, high=1.3, uncertainty="published").high
    1.3
    >>> Figure("x", "pue", "a data centre", float("nan"), "1", "k", 2024, "measured",
    ...        "read", "p", "n")
    Traceback (most recent call last):
    ...
    ValueError: value must be a real number in (0, inf); got nan
    """

    id: str
    quantity: str
    subject: str
    value: float
    unit: str
    source: str
    year: int
    confidence: str
    check: str
    page: str
    note: str
    date: str = ""
    version: str = ""
    low: float | None = None
    high: float | None = None
    uncertainty: str = ""
    scope: str = ""
    measurement_id: str = ""

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a string; got {value!r}")
        check_number("value", self.value, low=0.0, low_open=True)
        object.__setattr__(self, "value", float(self.value))
        object.__setattr__(self, "year", check_integer("year", self.year, low=1900, high=2100))
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r} not in {sorted(UNITS)}")
        if self.confidence not in CONFIDENCE_LEVELS:
            raise ValueError(f"confidence {self.confidence!r} not in {CONFIDENCE_LEVELS}")
        if self.check not in CHECK_LEVELS:
            raise ValueError(f"check {self.check!r} not in {CHECK_LEVELS}")
        for name in ("low", "high"):
            bound = getattr(self, name)
            if bound is not None:
                object.__setattr__(self, name, float(check_number(name, bound, low=0.0,
                                                                  low_open=True)))
        tol = 1e-9 * self.value
        if self.low is not None and self.low > self.value + tol:
            raise ValueError(f"low must be <= value ({self.value:g}); got {self.low:g}")
        if self.high is not None and self.high < self.value - tol:
            raise ValueError(f"high must be >= value ({self.value:g}); got {self.high:g}")
        if self.scope and self.scope not in SCOPES:
            raise ValueError(f"scope {self.scope!r} not in {SCOPES} (or empty)")
        if self.uncertainty and self.uncertainty not in UNCERTAINTY_KINDS:
            raise ValueError(f"uncertainty {self.uncertainty!r} not in {UNCERTAINTY_KINDS}")
        if (self.low is None) != (self.high is None) or (
                self.low is not None and not self.uncertainty):
            raise ValueError("low and high must be given together, with an uncertainty kind; "
                             f"got low={self.low!r}, high={self.high!r}, "
                             f"uncertainty={self.uncertainty!r}")
        if self.date and not (self.date[:4].isdigit() and 1900 <= int(self.date[:4]) <= 2100):
            raise ValueError(f"date must start with a year in [1900, 2100]; got {self.date!r}")

    @property
    def si(self) -> float:
        """The value in SI units (see :data:`UNITS`)."""
        return self.value * UNITS[self.unit][0]

    @property
    def si_unit(self) -> str:
        """The SI unit of :attr:`si`."""
        return UNITS[self.unit][1]

    @property
    def si_low(self) -> float | None:
        """``low`` in SI units, or None."""
        return None if self.low is None else self.low * UNITS[self.unit][0]

    @property
    def si_high(self) -> float | None:
        """``high`` in SI units, or None."""
        return None if self.high is None else self.high * UNITS[self.unit][0]


def _parse_row(row: dict[str, str], line: int) -> Figure:
    where = f"figures.csv line {line} ({row.get('id', '?')})"
    for name in _OPTIONAL_COLUMNS:
        if row.get(name) is None:
            row = {**row, name: ""}
    missing = [c for c in _COLUMNS if c not in row or row[c] is None]
    if missing:
        raise ValueError(f"{where}: missing columns {missing}")
    try:
        value = float(row["value"])
        year = int(row["year"])
        low = float(row["low"]) if row["low"].strip() else None
        high = float(row["high"]) if row["high"].strip() else None
    except ValueError as exc:
        raise ValueError(f"{where}: value, year, low and high must be numbers ({exc})") from None
    if not row["date"] or not row["version"] or low is None or high is None:
        raise ValueError(f"{where}: every row needs a date, a version, low and high")
    try:
        return Figure(row["id"], row["quantity"], row["subject"], value, row["unit"],
                      row["source"], year, row["confidence"], row["check"], row["page"],
                      row["note"], row["date"], row["version"], low, high,
                      row["uncertainty"], row["scope"], row["measurement_id"])
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{where}: {exc}") from None


@functools.cache
def load_figures() -> tuple[Figure, ...]:
    """Load the dataset shipped with energylib (package data, any working directory).

    Returns
    -------
    tuple of Figure
        One per row, in file order.

    Raises
    ------
    ValueError
        If a row is malformed (non-numeric or non-positive value, unknown
        unit or confidence, duplicate id).

    Examples
    --------
    >>> load_figures()[0].subject
    'GPT-3 175B'
    """
    text = resources.files("energylib").joinpath("data/figures.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    figures = tuple(_parse_row(row, i + 2) for i, row in enumerate(rows))
    ids = [f.id for f in figures]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"figures.csv: duplicate ids {dupes}")
    return figures


def _check_str(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string; got {value!r}")
    return value


def by_id(figure_id: str) -> Figure:
    """The figure with this ``id``.

    Parameters
    ----------
    figure_id : str
        Row name, e.g. ``"gpt3-train-energy"``.

    Examples
    --------
    >>> by_id("gpt3-train-energy").value
    1287.0
    """
    _check_str("figure_id", figure_id)
    for f in load_figures():
        if f.id == figure_id:
            return f
    raise ValueError(f"figure_id {figure_id!r} is not in the dataset")


def select(
    quantity: str | None = None,
    subject: str | None = None,
    confidence: str | None = None,
) -> tuple[Figure, ...]:
    """Figures matching every criterion given.

    Parameters
    ----------
    quantity : str, optional
        Exact quantity, e.g. ``"energy_per_query"``.
    subject : str, optional
        Case-insensitive substring of the subject, e.g. ``"llama 3.1"``.
    confidence : str, optional
        One of :data:`CONFIDENCE_LEVELS`.

    Returns
    -------
    tuple of Figure
        Possibly empty.

    Examples
    --------
    >>> [f.value for f in select("pue")]
    [1.1, 1.58]
    >>> len(select("training_gpu_hours", subject="llama 3.1"))
    3
    """
    known_quantities = {f.quantity for f in load_figures()}
    if quantity is not None and _check_str("quantity", quantity) not in known_quantities:
        raise ValueError(f"quantity {quantity!r} unknown; known: {sorted(known_quantities)}")
    if confidence is not None and _check_str("confidence", confidence) not in CONFIDENCE_LEVELS:
        raise ValueError(f"confidence {confidence!r} not in {CONFIDENCE_LEVELS}")
    needle = None if subject is None else _check_str("subject", subject).lower()
    return tuple(
        f for f in load_figures()
        if (quantity is None or f.quantity == quantity)
        and (needle is None or needle in f.subject.lower())
        and (confidence is None or f.confidence == confidence)
    )


def values_si(figures: tuple[Figure, ...] | list[Figure]) -> np.ndarray:
    """The SI values of some figures, which must share one SI unit.

    Examples
    --------
    >>> values_si(select("pue")).tolist()
    [1.1, 1.58]
    """
    if not isinstance(figures, tuple | list) or not all(isinstance(f, Figure) for f in figures):
        raise TypeError(f"figures must be a sequence of energylib.dataset.Figure; got {figures!r}")
    figs = list(figures)
    units = {f.si_unit for f in figs}
    if len(units) > 1:
        raise ValueError(f"figures mix SI units {sorted(units)}; select figures of one quantity")
    return np.array([f.si for f in figs], dtype=np.float64)


def sources() -> tuple[str, ...]:
    """The distinct BibTeX keys cited by the dataset, sorted.

    Examples
    --------
    >>> "meta2024llama31" in sources()
    True
    """
    return tuple(sorted({f.source for f in load_figures()}))


def _fmt(x: float) -> str:
    return f"{x:.4g}" if 1e-3 <= abs(x) < 1e6 else f"{x:.3g}"


def table(figures: tuple[Figure, ...] | list[Figure] | None = None) -> str:
    """A Markdown table of figures with their range, source, date and version.

    Parameters
    ----------
    figures : sequence of Figure, optional
        Rows to show, in order; defaults to the whole dataset.

    Returns
    -------
    str
        A Markdown table with columns id, subject, value, unit, range (low-high and the kind
        of uncertainty), source (BibTeX key), date, version, check and scope (the
        measurement boundary of an energy; empty otherwise).

    Examples
    --------
    >>> row = table([by_id("gemini-median-prompt")]).splitlines()[2]
    >>> row.split(" | ")[2:6]
    ['0.24', 'Wh', '0.2182-0.264 (assigned)', 'elsworth2025google']
    >>> row.split(" | ")[6:8]
    ['2025-08', 'arXiv 2508.15734v1 (Aug. 2025)']
    """
    figs = load_figures() if figures is None else figures
    if not isinstance(figs, tuple | list) or not all(isinstance(f, Figure) for f in figs):
        raise TypeError(f"figures must be a sequence of energylib.dataset.Figure; got {figs!r}")
    lines = ["| id | subject | value | unit | range | source | date | version | check | scope |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for f in figs:
        rng = ("" if f.low is None or f.high is None
               else f"{_fmt(f.low)}-{_fmt(f.high)} ({f.uncertainty})")
        cells = (f.id, f.subject, _fmt(f.value), f.unit, rng, f.source, f.date, f.version,
                 f.check, f.scope)
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)
