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
check, page, note``.  Units are the publication's; :meth:`Figure.si` converts
to SI with :mod:`energylib.units`.

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
import math
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .units import DAY, HOUR, TWH, WH, YEAR

__all__ = [
    "Figure",
    "UNITS",
    "CONFIDENCE_LEVELS",
    "CHECK_LEVELS",
    "load_figures",
    "by_id",
    "select",
    "values_si",
    "sources",
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
    "TFLOP/s": (1e12, "FLOP/s"),
    "TB/s": (1e12, "B/s"),
    "W": (1.0, "W"),
    "kW": (1e3, "W"),
    "TWh/yr": (TWH / YEAR, "W"),
    "queries/day": (1.0 / DAY, "1/s"),
    "tokens": (1.0, "tokens"),
    "year": (YEAR, "s"),
    "1": (1.0, "1"),
}
"""Allowed units: unit -> (SI factor, SI unit).  ``TWh/yr`` becomes an average power."""

CONFIDENCE_LEVELS = ("measured", "reported", "estimated")
"""How the source obtained the figure."""

CHECK_LEVELS = ("read", "quoted", "derived")
"""Whether the figure was read in the original, seen only quoted, or derived."""

_COLUMNS = ("id", "quantity", "subject", "value", "unit", "source", "year",
            "confidence", "check", "page", "note")


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

    @property
    def si(self) -> float:
        """The value in SI units (see :data:`UNITS`)."""
        return self.value * UNITS[self.unit][0]

    @property
    def si_unit(self) -> str:
        """The SI unit of :attr:`si`."""
        return UNITS[self.unit][1]


def _parse_row(row: dict[str, str], line: int) -> Figure:
    where = f"figures.csv line {line} ({row.get('id', '?')})"
    missing = [c for c in _COLUMNS if c not in row or row[c] is None]
    if missing:
        raise ValueError(f"{where}: missing columns {missing}")
    try:
        value = float(row["value"])
        year = int(row["year"])
    except ValueError as exc:
        raise ValueError(f"{where}: value and year must be numbers ({exc})") from None
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{where}: value must be finite and > 0; got {value}")
    if row["unit"] not in UNITS:
        raise ValueError(f"{where}: unit {row['unit']!r} not in {sorted(UNITS)}")
    if row["confidence"] not in CONFIDENCE_LEVELS:
        raise ValueError(f"{where}: confidence {row['confidence']!r} not in {CONFIDENCE_LEVELS}")
    if row["check"] not in CHECK_LEVELS:
        raise ValueError(f"{where}: check {row['check']!r} not in {CHECK_LEVELS}")
    return Figure(row["id"], row["quantity"], row["subject"], value, row["unit"],
                  row["source"], year, row["confidence"], row["check"], row["page"],
                  row["note"])


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
