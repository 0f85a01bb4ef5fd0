"""Problem sets: every answer is checked by energylib, right answers pass, wrong ones guide.

For every chapter's problem set (energylib/problemsets/, chapters/problems/):
the expected values are computed and finite or infinite (never NaN); each
problem has hints; wrong answers (too high, too low, a unit slip, the wrong
sign) fail with a message that names the problem, says what kind of mistake it
looks like, gives a hint and never the answer; and the notebook pairs each
problem with an answer cell and a solution that checks the right answer.
The built book (reader edition) must show every set fully correct, which
test_editions.py checks on the built pages.
"""

from __future__ import annotations

import math
import re

import pytest
from booktools import ROOT, toc_docnames

from energylib.problems import Feedback, Problem, ProblemSet, check
from energylib.problemsets import PROBLEM_SETS

SETS = sorted(PROBLEM_SETS)


def numbers_in(text: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*\.?\d*(?:e[+-]?\d+)?", text)]


@pytest.mark.parametrize("name", SETS)
def test_problem_set_is_well_formed(name: str) -> None:
    ps = PROBLEM_SETS[name]
    problems = ps.problems
    assert 4 <= len(problems) <= 8, f"{name}: {len(problems)} problems"
    for p in problems:
        assert p.id.startswith(f"{name}-"), p.id
        value = p.expected()
        assert not math.isnan(value), f"{p.id}: expected is NaN"
        assert len(p.hints) >= 2, f"{p.id}: needs at least two hints"
        assert p.unit.strip(), f"{p.id}: no unit"


@pytest.mark.parametrize("name", SETS)
def test_right_answers_pass(name: str) -> None:
    ps = ProblemSet(name, PROBLEM_SETS[name].problems)  # fresh tally
    for p in ps.problems:
        value = p.expected()
        assert ps.check(p.id, value).correct
        if math.isfinite(value) and value != 0:
            # Within the tolerance: a rounded hand calculation is right too.
            assert ps.check(p.id, value * (1 + 0.5 * p.rtol)).correct
    assert ps.summary().endswith(f"{len(ps.problems)} of {len(ps.problems)} problems correct.")


@pytest.mark.parametrize("name", SETS)
def test_wrong_answers_fail_with_a_helpful_message(name: str) -> None:
    for p in PROBLEM_SETS[name].problems:
        value = p.expected()
        wrong = [1.5 * value, value / 1.5, 1000 * value, -value] if math.isfinite(value) and \
            value != 0 else [1.0, 1e6]
        for attempt, answer in enumerate(wrong, start=1):
            feedback = check(p, answer, attempt)
            assert not feedback.correct, (p.id, answer)
            message = feedback.message
            assert message.startswith(f"{p.id}: not yet."), message
            assert "Hint" in message, message
            assert p.unit in message, message
            if math.isfinite(value) and value != 0:
                # The answer itself is never given away.
                for n in numbers_in(re.sub(r"Hint \d+:", "", message)):
                    assert not math.isclose(n, abs(value), rel_tol=p.rtol), (
                        f"{p.id}: the message reveals the answer: {message}")
        if math.isfinite(value) and value != 0:
            assert "off by a factor of about 1,000" in check(p, 1000 * value).message
            assert "sign" in check(p, -value).message


@pytest.mark.parametrize("name", SETS)
def test_notebook_pairs_problems_with_checked_solutions(name: str) -> None:
    ps = PROBLEM_SETS[name]
    path = ROOT / "chapters" / "problems" / f"{ps.name}.md"
    assert path.is_file(), f"no notebook {path}"
    text = path.read_text(encoding="utf-8")
    assert f"chapters/problems/{ps.name}" in toc_docnames(), f"{path} not in _toc.yml"
    assert f"from energylib.problemsets.{name} import PROBLEMS as ps" in text
    assert "print(ps.summary())" in text
    for p in ps.problems:
        assert "```{exercise}" in text
        assert f":label: ex-{p.id}" in text, f"{p.id}: no exercise"
        blank = f'answer = None  # your answer [{p.unit}]\nps.check("{p.id}", answer)'
        assert blank in text, f"{p.id}: no answer cell for the student"
        start = rf"```{{solution-start}} ex-{re.escape(p.id)}\n"
        solution = re.search(start + r"(.*?)```\{solution-end\}", text, flags=re.S)
        assert solution, f"{p.id}: no solution block"
        assert f'ps.check("{p.id}", answer)' in solution.group(1), f"{p.id}: unchecked solution"


def test_checker_refuses_bad_input() -> None:
    p = Problem("x-1", "a number", "Wh", lambda: 1.0, hints=("h1", "h2"))
    with pytest.raises(TypeError, match="x-1: the answer must be a number in Wh"):
        check(p, "12 Wh")
    with pytest.raises(ValueError, match="NaN"):
        check(p, float("nan"))
    with pytest.raises(ValueError, match="attempt"):
        check(p, 1.0, attempt=0)
    with pytest.raises(ValueError, match="rtol"):
        Problem("x-2", "a", "Wh", lambda: 1.0, rtol=1.5)
    with pytest.raises(ValueError, match="used twice"):
        ProblemSet("x", [p, p])
    with pytest.raises(KeyError, match="no problem 'x-9'"):
        ProblemSet("x", [p]).check("x-9", 1.0)


def test_hints_come_one_more_at_each_attempt() -> None:
    p = Problem("x-1", "a number", "Wh", lambda: 10.0, hints=("first", "second"))
    ps = ProblemSet("x", [p])
    assert "Hint 1: first" in ps.check("x-1", 20.0).message
    assert "Hint 2: second" in ps.check("x-1", 20.0).message
    assert "Hint 2: second" in ps.check("x-1", 20.0).message  # the last one stays
    assert isinstance(ps.check("x-1", None), Feedback)
    assert not ps.check("x-1", None).answered
    assert "too high" in check(p, 20.0).message and "too low" in check(p, 5.0).message
