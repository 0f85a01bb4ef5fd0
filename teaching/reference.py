"""The students' reference to the energylib calls the assignments use.

Each problem-set page (``chapters/problems/<set>.md``) ends with a section listing the
energylib functions its solutions call, made from each problem's ``uses`` and each
function's docstring (signature and first line); the verdict set's section adds the
calls the final assignment needs.  The section sits between two comment lines, so it
is rewritten in place:

    python -m teaching reference
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

from energylib.problemsets import PROBLEM_SETS

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters" / "problems"
START, END = "<!-- energylib-reference: start -->", "<!-- energylib-reference: end -->"
# What the final assignment needs beyond the problem sets (guide, "Final assignment").
FINAL_ASSIGNMENT = ("energylib.break_even_time", "energylib.limiting_inference_energy",
                    "energylib.fleet_limiting_ratio", "energylib.dataset.by_id",
                    "energylib.montecarlo.break_even_monte_carlo", "energylib.per_year")
FINAL_SET = "verdict"


def _resolve(dotted: str) -> object:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _summary(dotted: str) -> str:
    obj = _resolve(dotted)
    try:
        signature = str(inspect.signature(obj)).replace("'", "")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        signature = ""
    doc = inspect.getdoc(obj) if callable(obj) else ""
    first = (doc or "").strip().split("\n\n")[0].replace("\n", " ")
    first = re.sub(r":\w+:`~?([^`]*)`", r"`\1`", first) or "a table of values; see its module."
    return f"`{dotted}{signature}`: {first}"


def section(set_key: str) -> str:
    """The reference section of one problem-set page (Markdown, between the markers)."""
    used: dict[str, list[str]] = {}
    for problem in PROBLEM_SETS[set_key].problems:
        for dotted in problem.uses:
            used.setdefault(dotted, []).append(problem.id)
    if set_key == FINAL_SET:
        for dotted in FINAL_ASSIGNMENT:
            used.setdefault(dotted, []).append("the final assignment")
    lines = [START, "## The energylib calls this set uses", "",
             "Everything is in SI units (J, W, s) unless a name says otherwise; "
             "`energylib.units` converts (`el.GWH`, `el.YEAR`, `el.per_year`), and "
             "`help(...)` in a notebook shows a function's arguments with their units.", ""]
    lines += [f"- {_summary(dotted)} *({', '.join(ids)})*" for dotted, ids in sorted(used.items())]
    return "\n".join(lines) + "\n" + END + "\n"


def with_section(text: str, set_key: str) -> str:
    """A problem-set page with its reference section written (before "Your score")."""
    text = re.sub(rf"{re.escape(START)}.*?{re.escape(END)}\n\n?", "", text, flags=re.S)
    return text.replace("## Your score\n", section(set_key) + "\n## Your score\n", 1)


def write_reference() -> list[Path]:
    written = []
    for set_key, problem_set in PROBLEM_SETS.items():
        path = CHAPTERS / f"{problem_set.name}.md"
        path.write_text(with_section(path.read_text(encoding="utf-8"), set_key),
                        encoding="utf-8")
        written.append(path)
    return written
