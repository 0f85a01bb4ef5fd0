"""Checked answers for the problem sets: tolerances from the precision asked, hints that guide.

A problem is declared once, as a :class:`Problem`: its id, the quantity asked for
and its unit, a function that computes the expected value with energylib, the
precision asked (significant figures, or decimals for an answer that is itself a
logarithm, or an explicit relative tolerance for a statistical answer), and hints
that go from a nudge to the method (never to the call that computes the answer).

Every check goes through an *answer key*, :class:`Key`: salted hashes of the cells
of a fine grid that lie in the tolerance interval (correct), and of a coarse grid
above and below it (too high, too low). A student's answer is hashed and looked
up; the key never holds the expected value, so the same code checks an answer in
the book (where the key is made from the problem) and in the student edition
(where only the keys are shipped, as :class:`AnswerCard` files: ``make_card``).
An answer one cell outside the interval cannot be told from one further away
without another call; a loop of calls can still bracket it, as any too-high /
too-low checker can, and the salt and grid are in the card, so the cells can be
enumerated offline; each cell's hash is slow on purpose (``_digest``), which
makes that costly. This deters; it does not protect. Grading uses the hidden tests
of the autograder instead.

:func:`check` never raises on a student's answer: a string, a list, an array, a
tuple (``42,9``) or a boolean gets a message saying what to write instead. Text
is read only when it carries the unit asked (``"43 days"`` where days are asked).

Examples
--------
>>> p = Problem("demo-1", "energy of 1,000 queries at 0.3 Wh", "Wh", lambda: 300.0,
...             hints=("Multiply the number of queries by the energy of one.",))
>>> check(p, 300.0).correct, check(p, 3e2 * 1.02).correct
(True, True)
>>> print(check(p, 0.3).message)  # doctest: +NORMALIZE_WHITESPACE
demo-1: not yet. Your answer is off by a factor of about 1,000: check the units
(the answer is asked in Wh, to 2 significant figures). Hint 1: Multiply the number of
queries by the energy of one.
>>> print(check(p, None).message)
demo-1: not answered yet (energy of 1,000 queries at 0.3 Wh, in Wh).
>>> print(check(p, "300").message)  # doctest: +NORMALIZE_WHITESPACE
demo-1: '300' is text, not a number: write the number without quotes (in Wh).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from numbers import Real
from typing import Any

__all__ = ["Problem", "Key", "Feedback", "ProblemSet", "AnswerCard", "check", "card",
           "make_card", "parse_answer", "draw_inputs"]

# Factors a unit slip typically makes: per cent, k, h/s, M, G and their products.
_SLIPS = {100.0: "100 (a per-cent and a fraction?)", 1e3: "1,000", 3.6e3: "3,600",
          1e6: "a million", 3.6e6: "3.6 million", 1e9: "a billion", 3.6e9: "3.6 billion",
          1e12: "10^12", 365.25: "365 (days and years?)", 24.0: "24 (hours and days?)",
          8766.0: "8,766 (hours and years?)", 86400.0: "86,400 (seconds and days?)",
          3.15576e7: "3.2 × 10^7 (seconds and years?)"}
# The key's grids, as fractions of the narrowest tolerance interval the precision asked
# can give (so that they reveal nothing of the expected value): fine cells (right or
# not) a twelfth of it, coarse cells (too high / too low) half of it, up to a factor 10
# (relative answers) or 3 units (logarithmic answers) away.
_FINE, _COARSE = 1 / 12, 1 / 2
_FINE_MAX = 0.005  # at most half a per cent (or of the last decimal) beyond the interval
_BAND_LOG, _BAND_LIN = math.log(10.0), 3.0
_HASH_CHARS = 12
_ROUNDS = 2000  # SHA-256 rounds per hashed cell (see _digest)
_CARDS = "data/cards"


_KEYS: dict[tuple[object, ...], Key] = {}


def _withheld() -> float:
    raise RuntimeError("this answer card holds no expected values (student edition)")


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
        The unit the answer must be given in, e.g. ``"days"``, ``"GWh"``; ``"-"`` for
        a pure number.
    expected : callable
        No-argument function returning the expected answer [``unit``], computed with
        energylib.
    sig : int
        Significant figures asked (default 2). An answer is right when it lies within
        half a unit of the last figure of the expected value, plus 1 % for the
        rounding of intermediate steps.
    decimals : int or None
        For an answer that is itself a logarithm (orders of magnitude, log10 of a
        count): the decimals asked; the tolerance is then absolute, half a unit of
        the last decimal plus a fifth of it.
    rtol : float or None
        An explicit relative tolerance in (0, 1), for a statistical answer (the
        spread of an honest estimate); overrides ``sig``.
    hints : tuple of str
        Hints, from a nudge to the method; one more at each new wrong answer.
    uses : tuple of str
        The energylib functions a solution calls (for the students' reference).
    """

    id: str
    asks: str
    unit: str
    expected: Callable[[], float]
    sig: int = 2
    decimals: int | None = None
    rtol: float | None = None
    hints: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError(f"problem id must be a non-empty string, got {self.id!r}")
        if not isinstance(self.sig, int) or isinstance(self.sig, bool) or not 1 <= self.sig <= 6:
            raise ValueError(f"sig must be an integer in [1, 6], got {self.sig!r}")
        if self.decimals is not None and (not isinstance(self.decimals, int)
                                          or not 0 <= self.decimals <= 6):
            raise ValueError(f"decimals must be None or an integer in [0, 6], "
                             f"got {self.decimals!r}")
        if self.rtol is not None and (not isinstance(self.rtol, Real)
                                      or not 0.0 < float(self.rtol) < 1.0):
            raise ValueError(f"rtol must be None or in (0, 1), got {self.rtol!r}")
        if not callable(self.expected):
            raise TypeError(f"expected must be a function, got {type(self.expected).__name__}")

    @property
    def logarithmic(self) -> bool:
        """Whether the answer is a logarithm (absolute tolerance)."""
        return self.decimals is not None

    def min_width(self) -> float:
        """The narrowest tolerance interval of this precision: ln-units, or the unit if
        logarithmic (the key's grids are made from it, not from the expected value)."""
        if self.decimals is not None:
            return 1.2 * 10.0 ** -self.decimals
        if self.rtol is not None:
            return 2.0 * float(self.rtol)
        return 2.0 * (0.05 * 10.0 ** (1 - self.sig) + 0.01)

    def precision(self) -> str:
        """The precision asked, in words (shown to students)."""
        if self.decimals is not None:
            return f"{self.decimals} decimal{'s' if self.decimals != 1 else ''}"
        if self.rtol is not None:
            return f"within {100 * float(self.rtol):.3g} %"
        return f"{self.sig} significant figure{'s' if self.sig != 1 else ''}"

    def interval(self, expected: float | None = None) -> tuple[float, float]:
        """The interval of right answers around ``expected`` [``unit``] (default: own)."""
        e = float(self.expected() if expected is None else expected)
        if math.isinf(e) or math.isnan(e):
            return (e, e)
        if self.decimals is not None:
            half = 0.5 * 10.0 ** -self.decimals * 1.2
        elif self.rtol is not None:
            half = float(self.rtol) * abs(e)
        elif e == 0.0:
            half = 0.0
        else:
            last = 10.0 ** (math.floor(math.log10(abs(e))) - self.sig + 1)
            half = 0.5 * last + 0.01 * abs(e)
        return (e - half, e + half)

    def key(self, salt: str | None = None, expected: float | None = None) -> Key:
        """The answer key of this problem (of ``expected``, default its own value).

        Keys are remembered (making one hashes a few hundred cells, slowly on purpose).
        """
        e = float(self.expected() if expected is None else expected)
        salt = salt if salt is not None else self.id
        memo = (self.id, self.sig, self.decimals, self.rtol, salt, e)
        if memo not in _KEYS:
            if len(_KEYS) > 4096:
                _KEYS.clear()
            _KEYS[memo] = Key.make(self, salt, e)
        return _KEYS[memo]

    def verdict(self, answer: object, expected: float | None = None) -> bool:
        """Whether ``answer`` is right (for ``expected``, default the problem's own)."""
        return check(self, answer, key=self.key(expected=expected)).correct


def _digest(salt: str, problem_id: str, grid: str, cell: object) -> str:
    """A slow hash of one grid cell: SHA-256 chained ``_ROUNDS`` times (about 1 ms).

    The slowness is the point: a student's check hashes a few cells (well under 50 ms),
    while recovering an interval offline means hashing every cell of a wide grid for
    each problem (minutes for a set instead of a second). It deters; it does not protect
    (the salt and the grid are in the card). Chained SHA-256 rather than
    ``hashlib.scrypt``: scrypt needs OpenSSL, which the in-browser Python (Pyodide) does
    not load by default, and the cards must hash the same everywhere.
    """
    digest = f"{salt}|{problem_id}|{grid}|{cell}".encode()
    for _ in range(_ROUNDS):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()[:_HASH_CHARS]


def _cell(value: float, width: float, logarithmic: bool) -> tuple[int, int] | str:
    """The grid cell of ``value``: (sign, index) or 'inf'/'-inf'/'zero'."""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if logarithmic:
        index = value / width
        return (0, math.floor(index)) if math.isfinite(index) else ("huge" if index > 0
                                                                      else "-huge")
    if value == 0.0:
        return "zero"
    return (1 if value > 0 else -1, math.floor(math.log(abs(value)) / width))


@dataclass(frozen=True)
class Key:
    """An answer key: hashed grid cells, labelled right, too high or too low.

    Holds no expected value; ``verdict`` tells where an answer falls.
    """

    salt: str
    problem: str
    logarithmic: bool
    fine: float
    coarse: float
    correct: frozenset[str]
    high: frozenset[str]
    low: frozenset[str]

    @classmethod
    def make(cls, problem: Problem, salt: str, expected: float | None = None) -> Key:
        e = float(problem.expected() if expected is None else expected)
        if math.isnan(e):
            raise ValueError(f"{problem.id}: the expected value is NaN")
        log = problem.logarithmic
        lo, hi = problem.interval(e)
        correct: set[str] = set()
        high: set[str] = set()
        low: set[str] = set()
        width = problem.min_width()
        fine = min(_FINE * width, _FINE_MAX * (10.0 ** -(problem.decimals or 0) if log else 1.0))
        coarse, band = _COARSE * width, _BAND_LIN if log else _BAND_LOG
        if math.isinf(e):
            correct.add(_digest(salt, problem.id, "fine", _cell(e, fine, log)))
            return cls(salt, problem.id, log, fine, coarse, frozenset(correct), frozenset(),
                       frozenset())

        def span(a: float, b: float, width: float) -> Iterable[tuple[int, int] | str]:
            if log:
                yield from ((0, k) for k in range(math.floor(a / width),
                                                  math.floor(b / width) + 1))
                return
            if a <= 0.0 <= b:  # an interval around zero: both signs, near zero
                yield "zero"
                yield from span(min(abs(a), abs(b), 1e-300) or 1e-300, max(abs(a), abs(b)),
                                width)
                return
            sign = 1 if b > 0 else -1
            a, b = sorted((abs(a), abs(b)))
            for k in range(math.floor(math.log(a) / width), math.floor(math.log(b) / width) + 1):
                yield (sign, k)

        for c in span(lo, hi, fine):
            correct.add(_digest(salt, problem.id, "fine", c))
        # Coarse cells wholly above or below the interval, within the band.
        if log:
            up, down = (hi, hi + band), (lo - band, lo)
        else:
            up, down = (hi, hi * math.exp(band) if hi > 0 else hi / math.exp(band)), \
                       (lo / math.exp(band) if lo > 0 else lo * math.exp(band), lo)
        # Coarse cells above and below the interval (the cells holding its ends count
        # too: a coarse cell is narrower than the interval, so a wrong answer there is
        # beyond that end).
        for (a, b), labels in ((up, high), (down, low)):
            for c in span(a, b, coarse):
                labels.add(_digest(salt, problem.id, "coarse", c))
        return cls(salt, problem.id, log, fine, coarse, frozenset(correct), frozenset(high),
                   frozenset(low))

    def cell(self, value: float) -> tuple[int, int] | str:
        """The fine cell of ``value`` (answers in one cell count as one answer)."""
        return _cell(value, self.fine, self.logarithmic)

    def is_correct(self, value: float) -> bool:
        """Whether ``value`` lies in a right cell (one hash)."""
        return _digest(self.salt, self.problem, "fine", self.cell(value)) in self.correct

    def verdict(self, value: float) -> str:
        """'correct', 'high', 'low' or 'far' for ``value`` (no expected value used)."""
        if self.is_correct(value):
            return "correct"
        if math.isinf(value):
            return "far"
        c = _digest(self.salt, self.problem, "coarse",
                    _cell(value, self.coarse, self.logarithmic))
        return "high" if c in self.high else "low" if c in self.low else "far"

    def to_json(self) -> dict[str, Any]:
        return {"salt": self.salt, "logarithmic": self.logarithmic, "fine": self.fine,
                "coarse": self.coarse, "correct": sorted(self.correct),
                "high": sorted(self.high), "low": sorted(self.low)}

    @classmethod
    def from_json(cls, problem: str, data: dict[str, Any]) -> Key:
        return cls(str(data["salt"]), problem, bool(data["logarithmic"]), float(data["fine"]),
                   float(data["coarse"]), frozenset(data["correct"]), frozenset(data["high"]),
                   frozenset(data["low"]))


@dataclass(frozen=True)
class Feedback:
    """The outcome of one check: ``correct`` and a message for the student.

    ``value`` is the answer read as a number (None if it could not be read).
    """

    problem: str
    answered: bool
    correct: bool
    message: str
    value: float | None = None

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return self.message

    def _repr_markdown_(self) -> str:
        mark = "✅" if self.correct else ("✏️" if not self.answered else "❌")
        return f"{mark} {self.message}"


_NUMBER_WITH_UNIT = re.compile(
    r"^\s*([-+]?(?:\d[\d_]*(?:[.,]\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def parse_answer(answer: object, unit: str) -> float | str:
    """An answer as a number, or a message saying why it is not one.

    Numbers (Python, numpy scalars, 0-d arrays) are taken as they are; text only when
    it carries the unit asked (``"43 days"`` for days); a one-element list or array,
    a tuple (Python reads ``42,9`` as two numbers), a boolean or NaN give a message.

    Examples
    --------
    >>> parse_answer("43 days", "days"), parse_answer(42.9, "days")
    (43.0, 42.9)
    >>> parse_answer(True, "days")
    'True is a boolean, not a number: give the number in days.'
    """
    type_name = type(answer).__name__
    if isinstance(answer, bool) or type_name in ("bool_", "bool"):
        return f"{answer!r} is a boolean, not a number: give the number in {unit}."
    if isinstance(answer, str):
        match = _NUMBER_WITH_UNIT.match(answer)
        if not match:
            return (f"{answer!r} is text, not a number: write the number (in {unit}) "
                    f"without quotes.")
        number, written_unit = match.groups()
        if not written_unit:
            return f"{answer!r} is text, not a number: write the number without quotes (in {unit})."
        if unit.strip() in ("-", "") or written_unit != unit.strip():
            return (f"{answer!r}: the answer is asked in {unit}; give the number alone, "
                    f"converted to {unit}, without quotes.")
        if "," in number:
            return f"{answer!r}: write the decimal point as '.', not ','."
        answer = float(number.replace("_", ""))
    if isinstance(answer, tuple):
        if len(answer) == 2 and all(isinstance(a, int) for a in answer):
            return (f"{answer!r} is two numbers: Python reads a decimal comma as a separator; "
                    f"write {answer[0]}.{answer[1]} with a point (in {unit}).")
        return f"{answer!r} is a tuple of {len(answer)} items: give one number in {unit}."
    shape = getattr(answer, "shape", None)
    if isinstance(answer, list) or (shape is not None and shape != ()):
        size = len(answer) if isinstance(answer, list) else getattr(answer, "size", "?")
        what = "a list" if isinstance(answer, list) else "an array"
        return (f"{what} of {size} item{'s' if size != 1 else ''} is not a number: "
                f"give one number in {unit}" + (" (take its element, e.g. [0])." if size == 1
                                                else "."))
    if not isinstance(answer, Real):
        try:  # numpy scalars, 0-d arrays, Fractions, Decimals
            answer = float(answer)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            return f"{type_name} {answer!r} is not a number: give the number in {unit}."
    value = float(answer)
    if math.isnan(value):
        return f"the answer is NaN (not a number): check the calculation, then give it in {unit}."
    return value


def check(problem: Problem, answer: object, attempt: int = 1, key: Key | None = None,
          ) -> Feedback:
    """Compare ``answer`` [``problem.unit``] with the problem's answer key.

    Parameters
    ----------
    problem : Problem
        The question.
    answer : object
        The student's answer in ``problem.unit``; ``None`` (or ``...``) means not
        answered yet. Anything that is not a number gets a message, never an error.
    attempt : int
        Which hint to show with a wrong answer (>= 1).
    key : Key or None
        The answer key (default: made from ``problem.expected``).

    Returns
    -------
    Feedback

    Raises
    ------
    ValueError
        If ``attempt`` < 1.
    """
    if not isinstance(attempt, int) or attempt < 1:
        raise ValueError(f"attempt must be an integer >= 1, got {attempt!r}")
    if answer is None or answer is Ellipsis:
        return Feedback(problem.id, False, False,
                        f"{problem.id}: not answered yet ({problem.asks}, in {problem.unit}).")
    value = parse_answer(answer, problem.unit)
    if isinstance(value, str):
        return Feedback(problem.id, True, False, f"{problem.id}: {value}")
    key = key if key is not None else problem.key()
    verdict = key.verdict(value)
    if verdict == "correct":
        return Feedback(problem.id, True, True,
                        f"{problem.id}: correct (to {problem.precision()}).", value)
    diagnosis = _diagnose(problem, key, value, verdict)
    return Feedback(problem.id, True, False,
                    f"{problem.id}: not yet. {diagnosis} (the answer is asked in "
                    f"{problem.unit}, to {problem.precision()}).{_hint(problem, attempt)}",
                    value)


def _hint(problem: Problem, attempt: int) -> str:
    if not problem.hints:
        return ""
    k = min(attempt, len(problem.hints))
    return f" Hint {k}: {problem.hints[k - 1]}"


def _diagnose(problem: Problem, key: Key, value: float, verdict: str) -> str:
    right = key.is_correct
    # A unit slip (a factor 24 or more) lands beyond the coarse band (a factor 10): only a
    # "far" answer is tried against them (each try hashes a cell, slowly on purpose).
    far = verdict == "far" and math.isfinite(value) and value != 0
    if math.isfinite(value) and value != 0 and right(-value):
        return "Check the sign of your answer"
    if far and not problem.logarithmic:
        for factor, words in _SLIPS.items():
            if right(value / factor) or right(value * factor):
                return f"Your answer is off by a factor of about {words}: check the units"
    if verdict == "high":
        return "Your answer is too high"
    if verdict == "low":
        return "Your answer is too low"
    if problem.logarithmic:
        return "Your answer is far off (by more than 3): check the method"
    return "Your answer is far off (more than ten times too high or too low): check the method"


@dataclass
class ProblemSet:
    """The problems of one chapter, and the tally of a student's checks.

    A hint advances only on a new wrong answer (not on a rerun, a right answer or text);
    the summary counts each problem's best attempt.

    Examples
    --------
    >>> ps = ProblemSet("demo", [Problem("demo-1", "two plus two", "-", lambda: 4.0)])
    >>> ps.check("demo-1", 5.0).correct, ps.check("demo-1", 4.0).correct
    (False, True)
    >>> _ = ps.check("demo-1", 40.0)
    >>> ps.summary()
    'demo: 1 of 1 problems correct (best attempt of each).'
    """

    name: str
    problems: Iterable[Problem]
    _by_id: dict[str, Problem] = field(init=False, repr=False)
    wrong: dict[str, set[object]] = field(init=False, default_factory=dict)
    results: dict[str, Feedback] = field(init=False, default_factory=dict)
    best: dict[str, Feedback] = field(init=False, default_factory=dict)

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

    def key(self, problem_id: str) -> Key:
        """The answer key of a problem."""
        return self[problem_id].key()

    def check(self, problem_id: str, answer: object) -> Feedback:
        """Check an answer, advance the hint on a new wrong one, remember the best."""
        problem = self[problem_id]
        key = self.key(problem_id)
        seen = self.wrong.setdefault(problem_id, set())
        value = None if answer is None or answer is Ellipsis else parse_answer(answer,
                                                                              problem.unit)
        attempt = max(len(seen), 1)
        if isinstance(value, float) and key.cell(value) not in seen:
            attempt = len(seen) + 1  # the hint a new wrong answer gets (checked once)
        first = check(problem, answer, attempt, key)
        if first.answered and not first.correct and first.value is not None:
            seen.add(key.cell(first.value))
        self.results[problem_id] = first
        if first.correct or problem_id not in self.best:
            self.best[problem_id] = first
        return first

    def summary(self) -> str:
        """How many problems are correct, counting each problem's best attempt."""
        correct = sum(1 for f in self.best.values() if f.correct)
        return (f"{self.name}: {correct} of {len(self._by_id)} problems correct "
                f"(best attempt of each).")


@dataclass
class AnswerCard(ProblemSet):
    """A problem set as the student edition ships it: questions, hints and answer keys.

    No expected value, and no code that computes one: each problem's ``expected``
    raises, and checks go through the hashed keys.
    """

    keys: dict[str, Key] = field(default_factory=dict)
    set_key: str = ""
    variants: dict[str, tuple[float, float, float, str]] = field(default_factory=dict)
    graded: bool = False
    values_from_teacher: bool = False

    def key(self, problem_id: str) -> Key:
        self[problem_id]
        return self.keys[problem_id]

    def check(self, problem_id: str, answer: object) -> Feedback:
        """Check an answer against the book's values; refused in a graded variant.

        The card's keys are made from the book's assumptions; a graded notebook's
        variant has its own, so a check there would call a right answer wrong.
        """
        if not self.graded:
            return super().check(problem_id, answer)
        self[problem_id]
        return Feedback(problem_id, False, False,
                        f"{problem_id}: not checked here. This card knows the book's values, "
                        "not those of your variant, so it would mark your right answers "
                        "wrong. Run grader.check(...) for the form of your answer; its value "
                        "is graded by your teacher's autograder.")

    def my_numbers(self, student: str) -> str:
        """The assumptions of ``student``'s variant of this set, in words (printed)."""
        if not isinstance(student, str) or not student.strip():
            return "Put your student id (a non-empty string) in STUDENT_ID first."
        if self.values_from_teacher:
            text = ("Your values of the varied assumptions are on the sheet your teacher "
                    "gives you (drawn with a teacher's secret): use them where a statement "
                    "gives the book's value.")
            print(text)
            return text
        drawn = draw_inputs({k: v[:3] for k, v in self.variants.items()},
                            f"{self.set_key}|{student.strip().casefold()}")
        lines = [f"Your values ({student.strip()}):"]
        lines += [f"  {self.variants[k][3]}: {v:g}" for k, v in drawn.items()]
        text = "\n".join(lines)
        print(text)
        return text


_FIELDS = ("id", "asks", "unit", "sig", "decimals", "rtol", "hints", "uses")


def make_card(problem_set: ProblemSet, salt: str | None = None, set_key: str = "",
              variants: dict[str, tuple[float, float, float, str]] | None = None,
              ) -> dict[str, Any]:
    """The answer card of a problem set, as JSON-ready data (no expected values).

    ``set_key`` and ``variants`` (name -> (low, high, step, what)) let a student's
    notebook print the assumptions of the student's variant.
    """
    salt = salt if salt is not None else secrets.token_hex(8)
    problems = []
    for p in problem_set.problems:
        entry = {name: getattr(p, name) for name in _FIELDS}
        entry["hints"], entry["uses"] = list(p.hints), list(p.uses)
        entry["key"] = p.key(salt).to_json()
        problems.append(entry)
    return {"name": problem_set.name, "set_key": set_key,
            "variants": {k: list(v) for k, v in (variants or {}).items()},
            "problems": problems}


def card_from_json(data: dict[str, Any]) -> AnswerCard:
    """An :class:`AnswerCard` from the data ``make_card`` wrote."""
    problems, keys = [], {}
    for entry in data["problems"]:
        fields = {name: entry[name] for name in _FIELDS}
        fields["hints"], fields["uses"] = tuple(entry["hints"]), tuple(entry["uses"])
        problems.append(Problem(expected=_withheld, **fields))
        keys[entry["id"]] = Key.from_json(entry["id"], entry["key"])
    variants = {k: (v[0], v[1], v[2], str(v[3])) for k, v in data.get("variants", {}).items()}
    return AnswerCard(str(data["name"]), problems, keys=keys,
                      set_key=str(data.get("set_key", "")), variants=variants)


def card(name: str, graded: bool = False, values_from_teacher: bool = False) -> AnswerCard:
    """The answer card of the problem set ``name`` (``"thermodynamics"``...), as shipped.

    ``graded`` (a graded notebook's card): its ``check`` refuses, since the keys are
    the book's and the student works a variant; ``values_from_teacher``: the variants
    are drawn with a teacher's secret, so ``my_numbers`` points to the teacher's sheet.

    Examples
    --------
    >>> ps = card("thermodynamics")
    >>> ps.check("thermo-1", None).answered
    False
    >>> "not checked here" in card("thermodynamics", graded=True).check("thermo-1", 1.0).message
    True
    """
    text = resources.files("energylib").joinpath(f"{_CARDS}/{name}.json").read_text("utf-8")
    answer_card = card_from_json(json.loads(text))
    answer_card.graded, answer_card.values_from_teacher = graded, values_from_teacher
    return answer_card


def draw_inputs(ranges: dict[str, tuple[float, float, float]], seed: str,
                ) -> dict[str, float]:
    """Inputs of one student's variant: each drawn from its grid ``(low, high, step)``.

    Deterministic in ``seed`` (a student id) and the same on every platform (SHA-256,
    no random-number generator); integers when ``low``, ``high`` and ``step`` are.

    Examples
    --------
    >>> a = draw_inputs({"P": (10.0, 40.0, 1.0)}, "s123")
    >>> a == draw_inputs({"P": (10.0, 40.0, 1.0)}, "s123"), 10.0 <= a["P"] <= 40.0
    (True, True)
    """
    if not isinstance(seed, str) or not seed.strip():
        raise ValueError(f"seed must be a non-empty string (a student id), got {seed!r}")
    seed = seed.strip().casefold()  # seeds are read without regard to case: S-1 is s-1
    drawn = {}
    for name, (low, high, step) in sorted(ranges.items()):
        if not (math.isfinite(low) and math.isfinite(high) and step > 0 and high >= low):
            raise ValueError(f"range of {name} must be finite with high >= low and step > 0, "
                             f"got {(low, high, step)!r}")
        n = int(round((high - low) / step)) + 1
        k = int(hashlib.sha256(f"{seed}|{name}".encode()).hexdigest(), 16) % n
        value = round(low + k * step, 10)
        integral = all(isinstance(x, int) and not isinstance(x, bool) for x in (low, high, step))
        drawn[name] = int(round(value)) if integral else value
    return drawn
