"""Per-response energy measurements of LLM inference, loaded as validated records.

``energylib/data/measurements.csv`` holds one measured configuration a row:
the lab and the version of its data, the model, the accelerator and how many,
the serving software and its version, the precision, the batch size, the
input and output tokens per response, the measurement boundary (``scope``)
and the measured energy, per response or per output token.  It is the
evidence base a calibration of the per-query model fits and is tested on.

Columns::

    id, source, lab, source_version, date, model, accelerator, n_accelerators,
    software, software_version, precision, batch_size, input_tokens,
    output_tokens, scope, quantity, value, unit, low, high, group, page, note

``group`` marks dependent points: rows that share a lab, a run and a method
(e.g. one model on one GPU type in one leaderboard version, swept over batch
sizes).  A fit should weight groups, not rows: the ML.ENERGY leaderboards
alone contribute hundreds of rows but only a few dozen groups.  Numeric
columns the source does not publish are empty and load as ``None``; the
``note`` column says which numbers were derived and how (for example, the
leaderboards do not publish input lengths: the values given are this
dataset's estimates and are labelled as such).

Provenance flags live in ``note`` as fixed keywords (:data:`NOTE_FLAGS`), read by
boolean properties, so that the column set stays fixed:

* ``input_tokens estimated`` / ``output_tokens estimated``: the token count is this
  dataset's estimate, not published (:attr:`Measurement.input_tokens_estimated`, ...);
* ``input_tokens unknown``: no input count could be estimated;
* ``batch_size per pipeline stage``: a pipeline-parallel run, whose ``batch_size`` is the
  per-stage decode batch (half the measured mean running batch with two stages), the
  batch that sets weight reads per token (:attr:`Measurement.batch_per_stage`);
* ``NOT a meter reading``: estimated, not metered (:attr:`Measurement.metered` is False);
* ``value derived``: the value is computed from published numbers (for leaderboard v3,
  steady-state energy per token x mean output tokens, a lower bound on production serving);
* ``boundary narrower than scope``: a row whose boundary is narrower than its ``scope``
  says (Google's "existing approach" row);
* ``restated in figures.csv`` / ``doubled in figures.csv``: a row of
  ``energylib/data/figures.csv`` repeats or derives from this measurement
  (:attr:`Measurement.in_figures`); a fit that pools both files must count it once,
  see :func:`figures_without_duplicates`.

Examples
--------
>>> ms = load_measurements()
>>> len(ms) > 500
True
>>> m = by_id("google-gemini-median-fullstack")
>>> m.value, m.unit, m.scope
(0.24, 'Wh', 'full-stack')
>>> round(m.si, 1)  # [J]
864.0
>>> len({m.lab for m in select(scope="gpu")}) >= 3
True
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Sequence
from dataclasses import dataclass, fields
from importlib import resources

from .dataset import Figure, load_figures
from .units import WH
from .validation import check_number

__all__ = [
    "Measurement",
    "COLUMNS",
    "QUANTITIES",
    "SCOPES",
    "UNITS",
    "load_measurements",
    "by_id",
    "select",
    "groups",
    "NOTE_FLAGS",
    "figure_duplicates",
    "figures_without_duplicates",
]

COLUMNS = ("id", "source", "lab", "source_version", "date", "model", "accelerator",
           "n_accelerators", "software", "software_version", "precision", "batch_size",
           "input_tokens", "output_tokens", "scope", "quantity", "value", "unit", "low",
           "high", "group", "page", "note")
"""The file's columns, in order."""

QUANTITIES = ("energy_per_response", "energy_per_output_token")
"""What a row measures."""

SCOPES = ("gpu", "server", "full-stack")
"""Measurement boundary: accelerators only; plus host, memory and idle reserve; plus facility."""

UNITS: dict[str, dict[str, float]] = {
    "energy_per_response": {"J": 1.0, "Wh": WH},
    "energy_per_output_token": {"J/token": 1.0},
}
"""Allowed units per quantity, with their factor to SI (J or J/token)."""

NOTE_FLAGS = ("input_tokens estimated", "output_tokens estimated", "input_tokens unknown",
              "batch_size per pipeline stage", "NOT a meter reading", "value derived",
              "boundary narrower than scope", "restated in figures.csv",
              "doubled in figures.csv")
"""Fixed keywords of the ``note`` column that mark provenance (see the module docstring)."""

_REQUIRED_TEXT = ("id", "source", "lab", "source_version", "date", "model", "accelerator",
                  "scope", "quantity", "unit", "group", "page", "note")


def _optional(name: str, value: float | None, low: float, *, low_open: bool) -> float | None:
    if value is None:
        return None
    return float(check_number(name, value, low=low, low_open=low_open))


@dataclass(frozen=True)
class Measurement:
    """One measured configuration (validated on construction).

    Attributes
    ----------
    id, source, lab, source_version, date : str
        Row name, BibTeX key, laboratory, version of the source's data, and
        when the measurement was made (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
    model, accelerator : str
        Published model name and accelerator type.
    n_accelerators : float or None
        Accelerators serving one model replica.
    software, software_version, precision : str
        Serving software, its version, and weight precision (may be empty).
    batch_size : float or None
        Requests decoded together (the measured mean running batch where the
        source publishes it) [1].
    input_tokens, output_tokens : float or None
        Mean tokens per response [tokens].
    scope : str
        One of :data:`SCOPES`.
    quantity : str
        One of :data:`QUANTITIES`.
    value : float
        The measurement in ``unit`` (> 0).
    unit : str
        One of ``UNITS[quantity]``.
    low, high : float or None
        The source's spread or uncertainty in ``unit``; ``low <= value <= high``.
    group : str
        Dependence group: same lab, same run, same method.
    page, note : str
        Where in the source; what was derived and how.
    """

    id: str
    source: str
    lab: str
    source_version: str
    date: str
    model: str
    accelerator: str
    n_accelerators: float | None
    software: str
    software_version: str
    precision: str
    batch_size: float | None
    input_tokens: float | None
    output_tokens: float | None
    scope: str
    quantity: str
    value: float
    unit: str
    low: float | None
    high: float | None
    group: str
    page: str
    note: str

    def __post_init__(self) -> None:
        for f in fields(self):
            if f.type == "str" and not isinstance(getattr(self, f.name), str):
                raise TypeError(f"{f.name} must be a string; got {getattr(self, f.name)!r}")
        for name in _REQUIRED_TEXT:
            if not getattr(self, name):
                raise ValueError(f"{name} must be a non-empty string; got {getattr(self, name)!r}")
        if self.scope not in SCOPES:
            raise ValueError(f"scope must be one of {SCOPES}; got {self.scope!r}")
        if self.quantity not in QUANTITIES:
            raise ValueError(f"quantity must be one of {QUANTITIES}; got {self.quantity!r}")
        if self.unit not in UNITS[self.quantity]:
            raise ValueError(f"unit must be one of {sorted(UNITS[self.quantity])} for "
                             f"{self.quantity}; got {self.unit!r}")
        check_number("value", self.value, low=0.0, low_open=True)
        _optional("n_accelerators", self.n_accelerators, 1.0, low_open=False)
        _optional("batch_size", self.batch_size, 1.0, low_open=False)
        _optional("input_tokens", self.input_tokens, 0.0, low_open=False)
        _optional("output_tokens", self.output_tokens, 1.0, low_open=False)
        low = _optional("low", self.low, 0.0, low_open=True)
        high = _optional("high", self.high, 0.0, low_open=True)
        if low is not None and low > self.value:
            raise ValueError(f"low must be <= value ({self.value:g}); got {low:g}")
        if high is not None and high < self.value:
            raise ValueError(f"high must be >= value ({self.value:g}); got {high:g}")
        year = self.date[:4]
        if not (year.isdigit() and 2015 <= int(year) <= 2035):
            raise ValueError(f"date must start with a year in [2015, 2035]; got {self.date!r}")

    @property
    def input_tokens_estimated(self) -> bool:
        """True if ``input_tokens`` is this dataset's estimate, not a published count."""
        return "input_tokens estimated" in self.note

    @property
    def output_tokens_estimated(self) -> bool:
        """True if ``output_tokens`` is this dataset's estimate, not a published count."""
        return "output_tokens estimated" in self.note

    @property
    def batch_per_stage(self) -> bool:
        """True if ``batch_size`` is the per-stage batch of a pipeline-parallel run."""
        return "batch_size per pipeline stage" in self.note

    @property
    def metered(self) -> bool:
        """False for estimates that are not meter readings (e.g. from API latency)."""
        return "NOT a meter reading" not in self.note

    @property
    def in_figures(self) -> bool:
        """True if a row of ``figures.csv`` restates or derives from this measurement."""
        return "restated in figures.csv" in self.note or "doubled in figures.csv" in self.note

    @property
    def si(self) -> float:
        """The value in SI units: J per response, or J per output token."""
        return self.value * UNITS[self.quantity][self.unit]

    @property
    def si_low(self) -> float | None:
        """``low`` in SI units, or None."""
        return None if self.low is None else self.low * UNITS[self.quantity][self.unit]

    @property
    def si_high(self) -> float | None:
        """``high`` in SI units, or None."""
        return None if self.high is None else self.high * UNITS[self.quantity][self.unit]


def _number(text: str) -> float | None:
    return None if text.strip() == "" else float(text)


def _parse_row(row: dict[str, str], line: int) -> Measurement:
    where = f"measurements.csv line {line} ({row.get('id', '?')})"
    missing = [c for c in COLUMNS if c not in row or row[c] is None]
    if missing:
        raise ValueError(f"{where}: missing columns {missing}")
    numeric = ("n_accelerators", "batch_size", "input_tokens", "output_tokens", "low", "high")
    try:
        nums = {c: _number(row[c]) for c in numeric}
        value = float(row["value"])
    except ValueError as exc:
        raise ValueError(f"{where}: a numeric column is not a number ({exc})") from None
    text = {c: row[c] for c in COLUMNS if c not in numeric and c != "value"}
    try:
        return Measurement(value=value, **nums, **text)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{where}: {exc}") from None


@functools.cache
def load_measurements() -> tuple[Measurement, ...]:
    """Load the measurements shipped with energylib.

    Returns
    -------
    tuple of Measurement
        One per row, in file order.

    Raises
    ------
    ValueError
        If a row is malformed or two rows share an id.

    Examples
    --------
    >>> load_measurements()[0].lab
    'ML.ENERGY'
    """
    text = resources.files("energylib").joinpath("data/measurements.csv").read_text("utf-8")
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"measurements.csv: columns {reader.fieldnames} != {COLUMNS}")
    rows = tuple(_parse_row(row, i + 2) for i, row in enumerate(reader))
    ids = [m.id for m in rows]
    if len(ids) != len(set(ids)):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"measurements.csv: duplicate ids {dupes}")
    return rows


def _check_str(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string; got {value!r}")
    return value


def by_id(measurement_id: str) -> Measurement:
    """The measurement with this ``id``.

    Parameters
    ----------
    measurement_id : str
        Row name.

    Examples
    --------
    >>> by_id("samsi-llama65b-v100").si
    3.5
    """
    _check_str("measurement_id", measurement_id)
    for m in load_measurements():
        if m.id == measurement_id:
            return m
    raise ValueError(f"measurement_id {measurement_id!r} is not in measurements.csv")


def select(
    lab: str | None = None,
    model: str | None = None,
    scope: str | None = None,
    quantity: str | None = None,
    accelerator: str | None = None,
) -> tuple[Measurement, ...]:
    """Measurements matching every criterion given.

    Parameters
    ----------
    lab : str, optional
        Exact laboratory, e.g. ``"ML.ENERGY"``.
    model : str, optional
        Case-insensitive substring of the model name, e.g. ``"llama 3.1"``.
    scope : str, optional
        One of :data:`SCOPES`.
    quantity : str, optional
        One of :data:`QUANTITIES`.
    accelerator : str, optional
        Exact accelerator name, e.g. ``"H100 SXM"``.

    Returns
    -------
    tuple of Measurement
        Possibly empty.

    Examples
    --------
    >>> [m.value for m in select(lab="Google", scope="full-stack")]
    [0.24]
    >>> sorted({m.software_version for m in select(lab="ML.ENERGY", model="llama 3.1 8b",
    ...                                             accelerator="H100 SXM")})
    ['0.11.1', '0.5.4']
    """
    known_labs = {m.lab for m in load_measurements()}
    if lab is not None and _check_str("lab", lab) not in known_labs:
        raise ValueError(f"lab {lab!r} unknown; known: {sorted(known_labs)}")
    if scope is not None and _check_str("scope", scope) not in SCOPES:
        raise ValueError(f"scope {scope!r} not in {SCOPES}")
    if quantity is not None and _check_str("quantity", quantity) not in QUANTITIES:
        raise ValueError(f"quantity {quantity!r} not in {QUANTITIES}")
    needle = None if model is None else _check_str("model", model).lower()
    if accelerator is not None:
        _check_str("accelerator", accelerator)
    return tuple(
        m for m in load_measurements()
        if (lab is None or m.lab == lab)
        and (needle is None or needle in m.model.lower())
        and (scope is None or m.scope == scope)
        and (quantity is None or m.quantity == quantity)
        and (accelerator is None or m.accelerator == accelerator)
    )


def groups(measurements: tuple[Measurement, ...] | list[Measurement] | None = None
           ) -> dict[str, tuple[Measurement, ...]]:
    """The measurements by dependence group (same lab, same run, same method).

    Parameters
    ----------
    measurements : sequence of Measurement, optional
        Defaults to all of them.

    Returns
    -------
    dict of str to tuple of Measurement
        Group name to its rows, in file order.

    Examples
    --------
    >>> g = groups()
    >>> len(g) < len(load_measurements())
    True
    >>> len(g["google-2025-05:gemini-median"])
    4
    """
    ms = load_measurements() if measurements is None else measurements
    if not isinstance(ms, tuple | list) or not all(isinstance(m, Measurement) for m in ms):
        raise TypeError(f"measurements must be a sequence of Measurement; got {ms!r}")
    out: dict[str, list[Measurement]] = {}
    for m in ms:
        out.setdefault(m.group, []).append(m)
    return {k: tuple(v) for k, v in out.items()}


def figure_duplicates() -> dict[str, tuple[str, ...]]:
    """Rows of ``figures.csv`` that restate or derive from a measurement, by measurement id.

    Read from the ``measurement_id`` column of the dataset
    (:attr:`energylib.dataset.Figure.measurement_id`).

    Returns
    -------
    dict of str to tuple of str
        Measurement id to the figure ids that repeat it.

    Examples
    --------
    >>> figure_duplicates()["google-gemini-median-fullstack"]
    ('gemini-median-prompt',)
    """
    known = {m.id for m in load_measurements()}
    out: dict[str, list[str]] = {}
    for f in load_figures():
        if f.measurement_id:
            if f.measurement_id not in known:
                raise ValueError(f"figures.csv row {f.id}: measurement_id "
                                 f"{f.measurement_id!r} is not in measurements.csv")
            out.setdefault(f.measurement_id, []).append(f.id)
    return {k: tuple(v) for k, v in out.items()}


def figures_without_duplicates(figures: Sequence[Figure]) -> tuple[Figure, ...]:
    """The figures that do not repeat a row of measurements.csv (for a pooled fit).

    A fit that pools ``figures.csv`` with ``measurements.csv`` must count each
    measurement once: keep every measurement and only the figures this returns.

    Parameters
    ----------
    figures : sequence of energylib.dataset.Figure
        Candidate figures.

    Returns
    -------
    tuple of Figure
        Those with an empty ``measurement_id``, in order.

    Examples
    --------
    >>> from energylib.dataset import select as select_figures
    >>> per_query = select_figures("energy_per_query")
    >>> kept = figures_without_duplicates(per_query)
    >>> len(kept) < len(per_query), "gemini-median-prompt" in {f.id for f in kept}
    (True, False)
    """
    if not isinstance(figures, tuple | list) or not all(isinstance(f, Figure) for f in figures):
        raise TypeError(f"figures must be a sequence of energylib.dataset.Figure; got {figures!r}")
    return tuple(f for f in figures if not f.measurement_id)
