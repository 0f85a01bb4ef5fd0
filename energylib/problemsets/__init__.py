"""The problem sets, one module per chapter, and their per-student variants.

Each module defines ``PROBLEMS``, a :class:`energylib.problems.ProblemSet` whose
expected answers energylib computes from the module's constants (published values
read from the dataset with ``by_id``, assumptions stated in the notebook), and
``VARIANTS``, the assumptions a student's variant draws from the student's id.

The notebooks that pose them are ``chapters/problems/<chapter>.md``.  This package
is the instructor's side: the student edition ships without it (only the hashed
answer cards of :func:`energylib.problems.card`).

temporal    temporal-infinity      break-even, lifetime limits, retraining
semantic    semantic-infinity      Zipf caches and hit rates
machines    machine-infinity       agents' demand and power
argument    the-argument           the phase diagram, rebound, fleets
thermo      thermodynamics         Landauer's floor and efficiency trends
analogies   analogies              use against creation
real        real-numbers           published figures and break-even
industry    industry               levers: batch, precision, PUE, grid
verdict     verdict                the deciding parameters

Examples
--------
>>> inputs = variant_inputs("thermo", "s-0042")
>>> sorted(inputs), 10.0 <= inputs["P1_IT_POWER_MW"] <= 40.0
(['P1_IT_POWER_MW', 'P4_BITS_PER_FLOP', 'TEMPERATURE'], True)
>>> book = expected_values("thermo")["thermo-1"]
>>> mine = expected_values("thermo", "s-0042")["thermo-1"]
>>> round(mine / book, 6) == round(inputs["P1_IT_POWER_MW"] / 20.0, 6)
True
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from types import ModuleType

from energylib.problems import ProblemSet, check, draw_inputs

_KEYS = ("temporal", "semantic", "machines", "argument", "thermo", "analogies", "real",
         "industry", "verdict")


class _Sets(Mapping):
    """Chapter key -> a set's module (or its ``PROBLEMS``), imported when first asked for.

    The autograder's check of one answer (``python -m energylib.problemsets``) runs in a
    fresh interpreter per answer and needs one set: importing all nine (SymPy with them)
    took it from about 0.3 to 0.8 s.
    """

    def __init__(self, attribute: str | None = None) -> None:
        self._attribute = attribute

    def __getitem__(self, key: str):  # noqa: ANN204 - a module or a ProblemSet
        if key not in _KEYS:
            raise KeyError(key)
        module = importlib.import_module(f"{__name__}.{key}")
        return module if self._attribute is None else getattr(module, self._attribute)

    def __contains__(self, key: object) -> bool:
        return key in _KEYS

    def __iter__(self) -> Iterator[str]:
        return iter(_KEYS)

    def __len__(self) -> int:
        return len(_KEYS)

    def __repr__(self) -> str:
        return f"{{{', '.join(repr(k) for k in _KEYS)}}} (each loaded on first use)"


MODULES: Mapping[str, ModuleType] = _Sets()
"""Each problem set's module by its chapter's short name."""

PROBLEM_SETS: Mapping[str, ProblemSet] = _Sets("PROBLEMS")
"""Each chapter's problem set (its module's ``PROBLEMS``) by the chapter's short name."""

__all__ = ["PROBLEM_SETS", "MODULES", "variant_inputs", "expected_values", "variant",
           "grade", "key_rows", "normalise_id"]


def normalise_id(student: str) -> str:
    """A student id as variants use it: stripped, case folded (``S-0001`` is ``s-0001``)."""
    return student.strip().casefold()


def _module(set_key: str) -> ModuleType:
    if set_key not in MODULES:
        raise ValueError(f"set_key must be one of {sorted(MODULES)}, got {set_key!r}")
    return MODULES[set_key]


def variant_inputs(set_key: str, student: str, secret: str = "") -> dict[str, float]:
    """The assumptions of ``student``'s variant of a problem set (name -> value).

    ``secret``, the instructor's (optional), joins the seed: without it nobody can
    compute a student's inputs, so students get their values from the key's sheet.
    """
    module = _module(set_key)
    ranges = {name: spec[:3] for name, spec in module.VARIANTS.items()}
    seed = f"{set_key}|{normalise_id(student)}" + (f"|{secret}" if secret else "")
    return draw_inputs(ranges, seed)


@contextmanager
def _assumptions(module: ModuleType, values: dict[str, float]) -> Iterator[None]:
    saved = {name: getattr(module, name) for name in values}
    try:
        for name, value in values.items():
            setattr(module, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def expected_values(set_key: str, student: str | None = None, secret: str = "",
                    ) -> dict[str, float]:
    """Expected answers of a problem set: the book's, or ``student``'s variant's."""
    module = _module(set_key)
    values = variant_inputs(set_key, student, secret) if student is not None else {}
    with _assumptions(module, values):
        return {p.id: float(p.expected()) for p in module.PROBLEMS.problems}


def variant(set_key: str, student: str, secret: str = "") -> ProblemSet:
    """``student``'s variant of a problem set, its expected values fixed."""
    values = expected_values(set_key, student, secret)
    problems = [replace(p, expected=lambda v=values[p.id]: v)
                for p in _module(set_key).PROBLEMS.problems]
    return ProblemSet(f"{_module(set_key).PROBLEMS.name} ({student})", problems)


def grade(set_key: str, student: object, problem_id: str, answer: object, secret: str = "",
          ) -> bool:
    """Whether ``answer`` is right for ``student``'s variant (never raises on an answer).

    Examples
    --------
    >>> right = expected_values("thermo", "s-7")["thermo-1"]
    >>> grade("thermo", "s-7", "thermo-1", right), grade("thermo", "s-7", "thermo-1", "x")
    (True, False)
    """
    if not isinstance(student, str) or not student.strip():
        return False
    problem = variant(set_key, normalise_id(student), secret)[problem_id]
    return check(problem, answer).correct


def key_rows(set_key: str, students: list[str], secret: str = "") -> list[dict[str, object]]:
    """The instructor's key: one row per student and problem (expected, interval)."""
    rows: list[dict[str, object]] = []
    for student in students:
        inputs = variant_inputs(set_key, student, secret)
        for problem in variant(set_key, student, secret).problems:
            value = float(problem.expected())
            low, high = problem.interval(value)
            rows.append({
                "student": student, "set": set_key, "problem": problem.id,
                "expected": f"{value:.6g}", "unit": problem.unit,
                "tolerance": problem.precision(),
                "low": f"{low:.6g}" if math.isfinite(low) else str(low),
                "high": f"{high:.6g}" if math.isfinite(high) else str(high),
                "inputs": "; ".join(f"{k}={v:g}" for k, v in inputs.items()),
            })
    return rows
