"""Every "things to try" activity works as written, on every renderer and in the text.

Each explorer's activities are declared in ``tests/activities/<explorer>.py``
(:class:`activities.Activity`): a question to answer before moving anything,
then steps (:class:`activities.Step`), cumulative from the explorer's defaults,
each with what the headline then shows; ``CHAPTER`` for its chapter, ``GUIDE``
for the instructor guide.  Here, for every step:

* the settings name the explorer's controls, and its expectations its outputs;
* the settings are positions the page's controls can take (inside the slider's
  range, on its step lattice; an option of a choice);
* Python: the explorer's reference (energylib's model functions,
  ``explorer_references.py``) at the
  step's values shows what the step expects (:func:`format_output` for an exact
  text, the displayed value ``out / scale`` for a band);
* the page's JavaScript, run in Node by the page's own runtime, shows the same;
* the built page in Chromium (marker ``browser``), with its sliders moved as the
  steps say, shows it in its headline;
* the question, every step's text and the answer appear verbatim (whitespace
  normalised) in the Markdown of the page that prints them: the explorer's
  chapter, or the instructor guide.

And every explorer has at least one activity its chapter prints, and one in the guide.

Python and Node start from the defaults of ``declaration()`` called without
arguments; the Chromium test starts from the page's own explorer, which the
chapter may make with other arguments (e.g. the temporal chapter's training
energy).  A step that depends on such a slider should set it.
"""

from __future__ import annotations

import importlib
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from activities import GUIDE_WHERE, Activity, activities
from explorer_references import reference

from energylib.explorers import EXPLORERS
from energylib.explorers.render import _model_inputs, compile_numpy
from energylib.explorers.web import Choice, Output, Slider, WebExplorer, format_output

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
GUIDE_PAGE = "chapters/instructor-guide"


def chapter_of(name: str) -> str:
    """The docname of the chapter that makes the explorer ``name`` (e.g. 'chapters/verdict')."""
    module = EXPLORERS[name]
    classes = [n for n, v in vars(module).items() if isinstance(v, type)
               and getattr(v, "__module__", "") == module.__name__ and n.endswith("Explorer")]
    patterns = [rf"\b{re.escape(c)}\(" for c in classes]
    patterns.append(rf"""explorer\(\s*["']{re.escape(name)}["']""")
    found = []
    for path in sorted(CHAPTERS.glob("*.md")):
        text = code_cells(path.read_text(encoding="utf-8"))
        if path.stem != "instructor-guide" and any(re.search(p, text) for p in patterns):
            found.append(f"chapters/{path.stem}")
    assert len(found) == 1, f"explorer {name!r}: made by {found or 'no chapter'} (want one)"
    return found[0]


def code_cells(markdown: str) -> str:
    return "\n".join(re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", markdown, re.S | re.M))


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Case:
    """One activity of one explorer, as a test case."""

    explorer: str
    index: int
    activity: Activity
    page: str  # docname of the page that prints it

    @property
    def id(self) -> str:
        where = "guide" if self.page == GUIDE_PAGE else "chapter"
        return f"{self.explorer}-{where}-{self.index}"


def all_cases() -> list[Case]:
    cases = []
    for name in EXPLORERS:
        for k, activity in enumerate(activities(name)):
            page = GUIDE_PAGE if activity.where == GUIDE_WHERE else chapter_of(name)
            cases.append(Case(name, k, activity, page))
    return cases


CASES = all_cases()
CASE_IDS = [c.id for c in CASES]


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_every_explorer_has_a_chapter_and_a_guide_activity(name: str) -> None:
    module = importlib.import_module(f"activities.{name}")
    assert module.CHAPTER and all(a.where == "chapter" for a in module.CHAPTER), (
        f"explorer {name!r}: tests/activities/{name}.py needs CHAPTER, the 'things to try' its "
        f"chapter ({chapter_of(name)}.md) prints, each with where='chapter'")
    assert module.GUIDE and all(a.where == GUIDE_WHERE for a in module.GUIDE), (
        f"explorer {name!r}: tests/activities/{name}.py needs GUIDE, the instructor guide's "
        f"activity, each with where={GUIDE_WHERE!r}")


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_steps_name_the_explorers_controls_and_outputs(case: Case) -> None:
    spec = EXPLORERS[case.explorer].declaration()
    controls = {p.name for p in spec.params}
    outputs = {o.name for o in spec.outputs}
    for step in case.activity.steps:
        assert set(step.settings) <= controls, (
            f"{case.id}: step {step.text!r} sets {sorted(set(step.settings) - controls)}; "
            f"the controls are {sorted(controls)}")
        assert set(step.expect) <= outputs, (
            f"{case.id}: step {step.text!r} expects {sorted(set(step.expect) - outputs)}; "
            f"the outputs are {sorted(outputs)}")


# ------------------------------------------------------------------ the steps' states

def step_states(spec: WebExplorer, activity: Activity,
                snap: bool = False) -> Iterator[dict[str, Any]]:
    """The controls' values (their own units) after each step, from the defaults.

    A step that picks an option of a choice first applies that option's presets (as
    the page and the Python explorer do), then its slider settings.  With ``snap``,
    each slider setting is the nearest position the page's slider can take (what a
    reader dragging it gets), not the value the text names.
    """
    values: dict[str, Any] = {p.name: p.value for p in spec.params}
    for step in activity.steps:
        choices = {k: v for k, v in step.settings.items() if isinstance(spec.param(k), Choice)}
        for name, option in choices.items():
            values[name] = option
            param = spec.param(name)
            assert isinstance(param, Choice)
            values.update(param.presets.get(option, {}))
        for name, value in step.settings.items():
            param = spec.param(name)
            if name not in choices:
                values[name] = nearest_position(param, value) if snap else value
        yield dict(values)


def nearest_position(param: Slider | Choice, value: Any) -> Any:
    """The slider's position nearest ``value`` (a choice's option unchanged)."""
    if isinstance(param, Choice):
        return value
    position = math.log(value, param.base) if param.log else float(value)
    k = round((position - param.min) / param.step)
    # On the page's decimal grid (a range input snaps in decimal: -1 + 130 x 0.01 is 0.3).
    position = float(f"{min(max(param.min + k * param.step, param.min), param.max):.12g}")
    return param.base**position if param.log else position


def reachable(param: Slider | Choice, value: Any) -> str:
    """Why the page's control cannot take ``value`` ('' when it can)."""
    if isinstance(param, Choice):
        return "" if value in param.options else f"not one of {param.options}"
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return "not a finite number"
    if param.log:
        if value <= 0:
            return "not positive (log slider)"
        position = math.log(value, param.base)
    else:
        position = float(value)
    lo, hi = param.extremes
    if not param.min - 1e-9 <= position <= param.max + 1e-9:
        return f"outside the slider's range [{lo:g}, {hi:g}]"
    # Off the slider's grid is fine (a reader drags to the nearest position; the
    # steps are checked there too) as long as the nearest position is within half a
    # step: the value the text names is one the slider can show.
    k = (position - param.min) / param.step
    if abs(k - round(k)) > 0.5 + 1e-9:
        return (f"not within half a step of the slider's positions (min {param.min:g}, "
                f"step {param.step:g}"
                f"{', exponents of ' + format(param.base, 'g') if param.log else ''})")
    return ""


def shown_value(output: Output, si: float) -> float:
    return si / output.scale


def check_expect(where: str, output: Output, si: float, want: str | tuple[float, float],
                 text: str | None = None) -> None:
    """Assert the headline of ``output`` at ``si`` shows ``want`` (``text``: what it shows)."""
    shown = format_output(output, si) if text is None else text
    if isinstance(want, str):
        assert shown == want, f"{where}: {output.name} shows {shown!r}, the text promises {want!r}"
    else:
        lo, hi = want
        value = shown_value(output, si)
        assert lo <= value <= hi, (
            f"{where}: {output.name} = {value!r} (shown {shown!r}), the text promises "
            f"[{lo}, {hi}]")


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_settings_are_positions_the_page_can_take(case: Case) -> None:
    spec = EXPLORERS[case.explorer].declaration()
    for step in case.activity.steps:
        for name, value in step.settings.items():
            why = reachable(spec.param(name), value)
            assert not why, f"{case.id}: step {step.text!r} sets {name} = {value!r}: {why}"


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_steps_show_what_they_promise_in_python(case: Case) -> None:
    spec = EXPLORERS[case.explorer].declaration()
    outputs = {o.name: o for o in spec.outputs}
    declared = compile_numpy(spec)
    runs = [(step, values, snapped) for snapped in (False, True)
            for step, values in zip(case.activity.steps,
                                    step_states(spec, case.activity, snapped), strict=True)]
    for step, values, snap in runs:
        out = reference(case.explorer, values, **spec.python["kwargs"])
        # Outputs with no counterpart in energylib (check=False, e.g. a regime's name):
        # the declaration's own numbers, in numpy.
        model = declared(_model_inputs(spec, values))["out"]
        for name, want in step.expect.items():
            if outputs[name].check:
                assert name in out, (f"{case.id}: step {step.text!r} expects {name!r}, which "
                                     "its reference (explorer_references.py) does not "
                                     f"compute (it has {sorted(out)})")
            value = float(out[name]) if outputs[name].check else float(model[name])
            where = "Python, at the slider's nearest position" if snap else "Python"
            check_expect(f"{case.id} ({where}) after {step.text!r}", outputs[name], value, want)


def test_steps_show_what_they_promise_in_node() -> None:
    from test_web_explorers import run_node

    jobs, where = [], []
    for case in CASES:
        spec = EXPLORERS[case.explorer].declaration()
        # The page's sliders take their nearest positions (what a reader gets).
        states = [dict(s) for s in step_states(spec, case.activity, snap=True)]
        jobs.append({"spec": json.loads(spec.to_json()), "cases": states})
        where.append((case, spec))
    if not jobs:
        pytest.skip("no activity is declared yet "
                    "(test_every_explorer_has_a_chapter_and_a_guide_activity fails)")
    for (case, spec), results in zip(where, run_node(jobs), strict=True):
        outputs = {o.name: o for o in spec.outputs}
        for step, result in zip(case.activity.steps, results, strict=True):
            for name, want in step.expect.items():
                raw = result["out"][name]
                check_expect(f"{case.id} (page JavaScript) after {step.text!r}", outputs[name],
                             float(raw), want, text=result["shown"][name])


# ------------------------------------------------------------------ the printed text

@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_question_and_steps_are_printed_verbatim(case: Case) -> None:
    source = normalised((ROOT / f"{case.page}.md").read_text(encoding="utf-8"))
    pieces = (case.activity.question, *(s.text for s in case.activity.steps), case.activity.answer)
    for text in filter(None, pieces):
        assert normalised(text) in source, (
            f"{case.id}: {case.page}.md does not print, verbatim: {normalised(text)!r}")
