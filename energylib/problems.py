"""Checked answers for the problem sets: tolerance-based, with hints that guide.

A problem is declared once, as a :class:`Problem`: its id, the quantity asked for
and its unit, a function that computes the expected value with energylib (so the
answer follows the model, never a typed-in number), a relative tolerance, and
hints ordered from a gentle nudge to a specific step.  :func:`check` compares a
student's answer with it and says what is wrong without giving the answer away:
a unit slip (off by 10^3, 3,600, 10^6...), a wrong sign, too high or too low, and
the next hint at every wrong attempt.

The problem-set notebooks (``chapters/problems/``) call :func:`check` after each
answer cell; ``ProblemSet.summary`` tallies the results.

Examples
--------
>>> p = Problem("demo-1", "energy of 1,000 queries at 0.3 Wh", "Wh", lambda: 300.0,
...             hints=("Multiply the number of queries by the energy of one.",))
>>> check(p, 300.0).correct
True
>>> print(check(p, 0.3).message)  # doctest: +NORMALIZE_WHITESPACE
demo-1: not yet. Your answer is off by a factor of about 1,000: check the units
(the answer is asked in Wh). Hint 1: Multiply the number of queries by the energy of one.
>>> print(check(p, None).message)
demo-1: not answered yet (energy of 1,000 queries at 0.3 Wh, in Wh).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from numbers import Real

__all__ = ["Problem", "Feedback", "ProblemSet", "check"]

# Factors a unit slip typically makes: k, h/s, M, G and their products.
_SLIPS = {1e3: "1,000", 3.6e3: "3,600", 1e6: "a million", 3.6e6: "3.6 million",
          1e9: "a billion", 3.6e9: "3.6 billion", 1e12: "10^12", 365.25: "365 (days and years?)",
          24.0: "24 (hours and days?)", 8766.0: "8,766 (hours and years?)",
          86400.0: "86,400 (seconds and days?)", 3.15576e7: "3.2 × 10^7 (seconds and years?)"}


@dataclass(frozen=True)
class Problem:
    """One question with a checked numerical answer.

    Parameters
    ----------
    id : str
        Short unique name, e.g. ``"temporal-1"``.
    asks : str
        What is asked, in a few words (shown in messages).
    unit : str
        The unit the answer must be given in, e.g. ``"days"``, ``"GWh"``.
    expected : callable
        No-argument function returning the expected answer [``unit``],
        computed with energylib.
    rtol : float
        Relative tolerance, in (0, 1) (default 2 %: hand calculations round).
    hints : tuple of str
        Hints, from gentle to specific; one more is shown at each wrong attempt.
    """

    id: str
    asks: str
    unit: str
    expected: Callable[[], float]
    rtol: float = 0.02
    hints: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"problem id must be a non-empty string, got {self.id!r}")
        if not isinstance(self.rtol, Real) or not 0.0 < float(self.rtol) < 1.0:
            raise ValueError(f"rtol must be in (0, 1), got {self.rtol!r}")
        if not callable(self.expected):
            raise TypeError(f"expected must be a function, got {type(self.expected).__name__}")


@dataclass(frozen=True)
class Feedback:
    """The outcome of one check: ``correct`` and a message for the student."""

    problem: str
    answered: bool
    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        mark = "✅" if self.correct else ("✏️" if not self.answered else "❌")
        return f"{mark} {self.message}"


def _as_number(problem: Problem, answer: object) -> float:
    if isinstance(answer, bool) or not isinstance(answer, Real):
        try:  # numpy scalars and 0-d arrays
            answer = float(answer)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise TypeError(
                f"{problem.id}: the answer must be a number in {problem.unit}, "
                f"got {type(answer).__name__} {answer!r}"
            ) from None
    value = float(answer)
    if math.isnan(value):
        raise ValueError(f"{problem.id}: the answer is NaN; give a number in {problem.unit}")
    return value


def check(problem: Problem, answer: object, attempt: int = 1) -> Feedback:
    """Compare ``answer`` [``problem.unit``] with the expected value.

    Parameters
    ----------
    problem : Problem
        The question.
    answer : float or None
        The student's answer in ``problem.unit``; ``None`` (or ``...``) means
        not answered yet.
    attempt : int
        How many times this problem has been tried (>= 1): hint ``attempt`` is
        shown with a wrong answer.

    Returns
    -------
    Feedback

    Raises
    ------
    TypeError
        If ``answer`` is not a number (or None).
    ValueError
        If ``answer`` is NaN, or ``attempt`` < 1.
    """
    if not isinstance(attempt, int) or attempt < 1:
        raise ValueError(f"attempt must be an integer >= 1, got {attempt!r}")
    if answer is None or answer is Ellipsis:
        return Feedback(problem.id, False, False,
                        f"{problem.id}: not answered yet ({problem.asks}, in {problem.unit}).")
    value = _as_number(problem, answer)
    expected = float(problem.expected())
    if math.isinf(expected) or math.isinf(value):
        if value == expected:
            return Feedback(problem.id, True, True, f"{problem.id}: correct.")
        what = "never (infinite)" if math.isinf(expected) else "finite"
        return Feedback(problem.id, True, False,
                        f"{problem.id}: not yet. Think again about whether the answer is "
                        f"{what}.{_hint(problem, attempt)}")
    if math.isclose(value, expected, rel_tol=problem.rtol, abs_tol=1e-300):
        return Feedback(problem.id, True, True,
                        f"{problem.id}: correct (within {100 * problem.rtol:g} %).")
    diagnosis = _diagnose(value, expected, problem.rtol)
    return Feedback(problem.id, True, False,
                    f"{problem.id}: not yet. {diagnosis} (the answer is asked in "
                    f"{problem.unit}).{_hint(problem, attempt)}")


def _hint(problem: Problem, attempt: int) -> str:
    if not problem.hints:
        return ""
    k = min(attempt, len(problem.hints))
    return f" Hint {k}: {problem.hints[k - 1]}"


def _diagnose(value: float, expected: float, rtol: float) -> str:
    if expected != 0 and value != 0 and math.copysign(1, value) != math.copysign(1, expected):
        if math.isclose(-value, expected, rel_tol=rtol):
            return "Check the sign of your answer"
        return "Your answer has the wrong sign"
    if expected != 0 and value != 0:
        ratio = abs(value / expected)
        for factor, words in _SLIPS.items():
            for r in (factor, 1 / factor):
                if math.isclose(ratio, r, rel_tol=rtol):
                    return f"Your answer is off by a factor of about {words}: check the units"
    if expected == 0:
        return "Your answer should be smaller"
    return "Your answer is too high" if value > expected else "Your answer is too low"


@dataclass
class ProblemSet:
    """The problems of one chapter, and the tally of a student's checks.

    Examples
    --------
    >>> ps = ProblemSet("demo", [Problem("demo-1", "two plus two", "-", lambda: 4.0)])
    >>> ps.check("demo-1", 5.0).correct, ps.check("demo-1", 4.0).correct
    (False, True)
    >>> ps.summary()
    'demo: 1 of 1 problems correct.'
    """

    name: str
    problems: Iterable[Problem]
    _by_id: dict[str, Problem] = field(init=False, repr=False)
    attempts: dict[str, int] = field(init=False, default_factory=dict)
    results: dict[str, Feedback] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.problems = tuple(self.problems)
        self._by_id = {}
        for p in self.problems:
            if p.id in self._by_id:
                raise ValueError(f"problem set {self.name!r}: id {p.id!r} used twice")
            self._by_id[p.id] = p

    def __getitem__(self, problem_id: str) -> Problem:
        try:
            return self._by_id[problem_id]
        except KeyError:
            raise KeyError(f"no problem {problem_id!r} in {self.name!r}; "
                           f"problems: {sorted(self._by_id)}") from None

    def check(self, problem_id: str, answer: object) -> Feedback:
        """Check an answer, count the attempt, and remember the result."""
        problem = self[problem_id]
        if answer is not None and answer is not Ellipsis:
            self.attempts[problem_id] = self.attempts.get(problem_id, 0) + 1
        feedback = check(problem, answer, max(self.attempts.get(problem_id, 0), 1))
        self.results[problem_id] = feedback
        return feedback

    def summary(self) -> str:
        """How many problems are correct so far."""
        correct = sum(1 for f in self.results.values() if f.correct)
        return f"{self.name}: {correct} of {len(self._by_id)} problems correct."
