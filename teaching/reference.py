"""The students' reference to the energylib calls the problem sets and the final
assignment use: ``chapters/problems/energylib-reference.md``, made from each problem's
``uses`` (the functions a solution calls) and each function's docstring.

    python -m teaching reference chapters/problems/energylib-reference.md
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

from energylib.problemsets import PROBLEM_SETS

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "chapters" / "problems" / "energylib-reference.md"
# What the final assignment needs beyond the problem sets (guide, "Final assignment").
FINAL_ASSIGNMENT = ("energylib.break_even_time", "energylib.limiting_inference_energy",
                    "energylib.fleet_limiting_ratio", "energylib.dataset.by_id",
                    "energylib.montecarlo.break_even_monte_carlo", "energylib.per_year")


def _resolve(dotted: str) -> object:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _summary(dotted: str) -> tuple[str, str]:
    obj = _resolve(dotted)
    try:
        signature = str(inspect.signature(obj)).replace("'", "")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        signature = ""
    doc = inspect.getdoc(obj) if callable(obj) else ""
    first = (doc or "").strip().split("\n\n")[0].replace("\n", " ")
    first = re.sub(r":\w+:`~?([^`]*)`", r"`\1`", first)
    return signature, first or "(a table of values; see its module)"


def reference_text() -> str:
    lines = [
        "---", "orphan: true", "---", "", "(energylib-reference)=",
        "# The energylib calls the assignments use", "",
        "The problem sets and the final assignment need only the functions below.",
        "Each entry gives the call's arguments (with their units in the docstring: "
        "`help(energylib.break_even_time)` in a notebook shows it) and what it returns.",
        "Everything is in SI units (J, W, s) unless a name says otherwise; "
        "`energylib.units` converts (`el.GWH`, `el.YEAR`, `el.per_year`).", "",
    ]
    seen: dict[str, list[str]] = {}
    for problem_set in PROBLEM_SETS.values():
        for problem in problem_set.problems:
            for dotted in problem.uses:
                seen.setdefault(dotted, []).append(problem.id)
    for dotted in FINAL_ASSIGNMENT:
        seen.setdefault(dotted, []).append("final assignment")
    for dotted in sorted(seen):
        signature, first = _summary(dotted)
        lines += [f"- `{dotted}{signature}`: {first} *Used in: {', '.join(seen[dotted])}.*"]
    return "\n".join(lines).rstrip() + "\n"


def write_reference(out: Path = PAGE) -> Path:
    out.write_text(reference_text(), encoding="utf-8")
    return out
