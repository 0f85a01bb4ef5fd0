"""The book's "things to try": each explorer's activities, as its chapter and the guide print them.

An activity is a question the reader answers before moving anything (predict),
then steps that set the explorer's controls and say what its headline then
shows (observe).  The chapter (or, for ``where="instructor-guide"``, the
instructor guide) prints each question and step verbatim; the tests in
``test_things_to_try.py`` check that every step shows what it promises in
Python (energylib's model functions), in the page's JavaScript (Node) and on
the built page (Chromium), and that the text is printed.

One module per explorer (the keys of :data:`energylib.explorers.EXPLORERS`):
``CHAPTER``, the activities its chapter prints, and ``GUIDE``, the instructor
guide's scripted activity for that explorer's session.  Each guide activity's
first step sets every control the activity relies on, so the steps hold
whatever the explorer's starting values are; settings lie on the slider's own
grid (a log slider's exponent is a whole number of steps from its minimum).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from energylib.explorers.web import _finite
from energylib.units import YEAR

GUIDE_WHERE = "instructor-guide"
"""``Activity.where`` of the instructor guide's activities."""

MONTH = YEAR / 12
"""A month [s], for bands on durations."""


@dataclass(frozen=True)
class Step:
    """One step of a "things to try" activity, as the chapter prints it.

    ``text`` is the instruction exactly as the chapter (or the instructor
    guide) prints it; a test finds it there.  ``settings`` moves controls
    (name -> value in the control's own units, as its readout shows it, or a
    choice's option); steps are cumulative, starting from the defaults, so
    a control a step does not name keeps its value.  ``expect`` is what the
    headline then shows: output name -> the exact text on the page (e.g.
    ``"never"``), or ``(low, high)``, bounds on the output's displayed value
    (its SI value divided by its ``scale``).
    """

    text: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    expect: Mapping[str, str | tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise ValueError("a step needs its text, as the chapter prints it")
        for name, want in self.expect.items():
            if not isinstance(want, str):
                lo, hi = (_finite(f"expect {name} bound", float(b)) for b in want)
                if not lo <= hi:
                    raise ValueError(f"step {self.text[:40]!r}: expect {name} needs low <= high")


@dataclass(frozen=True)
class Activity:
    """A "things to try" list: a question to answer first, then steps to check it.

    ``question`` is asked before the reader moves anything (predict, then
    observe); ``answer`` says what the steps show.  ``where`` is the page
    that prints it: ``"chapter"`` (the explorer's chapter) or
    ``"instructor-guide"``.
    """

    question: str
    steps: tuple[Step, ...]
    answer: str = ""
    where: str = "chapter"

    def __post_init__(self) -> None:
        if not self.question.strip() or not self.steps:
            raise ValueError("an activity needs a question and at least one step")
        if self.where not in ("chapter", GUIDE_WHERE):
            raise ValueError(f"activity where={self.where!r}: 'chapter' or {GUIDE_WHERE!r}")


def activities(name: str) -> tuple[Activity, ...]:
    """Explorer ``name``'s activities: its chapter's, then the instructor guide's."""
    module = importlib.import_module(f"{__name__}.{name}")
    return tuple(module.CHAPTER) + tuple(module.GUIDE)
