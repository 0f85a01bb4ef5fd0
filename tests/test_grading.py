"""The autograder, from a fresh copy of the book, with the README's commands.

``python -m teaching assign`` builds the student notebook and the autograder zip of a
set (otter-grader); ``python -m teaching grade`` grades a folder holding a correct
submission (rounded as the precision asked allows), a partly wrong one, a broken one
(a cell that raises, a missing answer, text where a number belongs) and a file that
is not a notebook: each gets its score in the CSV, none stops the grader.
``python -m teaching variants`` writes the instructor's key of the students' variants,
and each submission is graded against its own student's variant.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from booktools import copy_sources

from energylib.problemsets import PROBLEM_SETS, expected_values

pytestmark = pytest.mark.slow  # grades notebooks with otter in subprocesses

SET = "thermo"
NAME = PROBLEM_SETS[SET].name
IDS = [p.id for p in PROBLEM_SETS[SET].problems]


def run(copy: Path, *args: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(copy))
    done = subprocess.run([sys.executable, "-m", "teaching", *args], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def assigned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    copy = copy_sources(tmp_path_factory.mktemp("fresh") / "book")
    run(copy, "assign", "dist", "--sets", SET)
    return copy, copy / "dist"


def fill(student_notebook: Path, student: str, answers: dict[str, str], out: Path) -> None:
    """A submission: the student notebook with the id and the answers written in."""
    notebook = nbformat.read(student_notebook, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.source = re.sub(r'^STUDENT_ID = ".*?"', f'STUDENT_ID = "{student}"',
                                 cell.source, flags=re.M)
            for name, text in answers.items():
                cell.source = re.sub(rf"^{name} = \.\.\.$", f"{name} = {text}", cell.source,
                                     flags=re.M)
    nbformat.write(notebook, out)


def test_student_notebook_and_autograder_zip(assigned: tuple[Path, Path]) -> None:
    _, dist = assigned
    student = dist / "student" / f"{NAME}.ipynb"
    text = student.read_text(encoding="utf-8")
    assert "expected_values" not in text and "problemsets" not in text, "a solution shipped"
    assert "hidden=True" not in text, "a hidden test in the student notebook"
    notebook = json.loads(text)
    sources = ["".join(c["source"]) for c in notebook["cells"]]
    for pid in IDS:
        assert f"{pid.replace('-', '_')} = ..." in "\n".join(sources), pid
    assert sum("Your reasoning" in s for s in sources) == len(IDS)
    assert any("Written question" in s for s in sources)
    with zipfile.ZipFile(dist / "autograders" / f"{NAME}-autograder.zip") as zf:
        names = zf.namelist()
        assert {"run_autograder", "setup.sh", "otter_config.json"} <= set(names)
        assert any(n.startswith("files/energylib-") and n.endswith(".whl") for n in names)
        tests = [n for n in names if n.startswith("tests/")]
        assert len(tests) == len(IDS)
        assert all("hidden=True" in zf.read(n).decode() for n in tests)


def test_grading_a_folder_gives_the_right_scores(assigned: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    copy, dist = assigned
    student = dist / "student" / f"{NAME}.ipynb"
    subs = tmp_path / "submissions"
    subs.mkdir()
    var = {pid: pid.replace("-", "_") for pid in IDS}
    # Correct, as a student rounds it: the precision asked (two significant figures).
    right = expected_values(SET, "s-001")
    fill(student, "s-001", {var[p]: repr(float(f"{v:.2g}")) for p, v in right.items()},
         subs / "s-001.ipynb")
    # Partly wrong: a slip by 1.5 and a per-cent slip; the rest right (own variant).
    mine = expected_values(SET, "s-002")
    answers = {var[p]: repr(v) for p, v in mine.items()}
    answers[var[IDS[0]]] = repr(mine[IDS[0]] * 1.5)
    answers[var[IDS[2]]] = repr(mine[IDS[2]] / 100)
    fill(student, "s-002", answers, subs / "s-002.ipynb")
    # Broken: a cell that raises, a missing answer, a string where a number belongs.
    broken = expected_values(SET, "s-003")
    answers = {var[p]: repr(v) for p, v in broken.items()}
    answers[var[IDS[0]]] = 'raise RuntimeError("my cell fails")'
    del answers[var[IDS[1]]]
    answers[var[IDS[2]]] = '"about 3e7"'
    fill(student, "s-003", answers, subs / "s-003.ipynb")
    # Someone else's answers: right for s-001, graded against s-004's own variant.
    fill(student, "s-004", {var[p]: repr(v) for p, v in right.items()}, subs / "s-004.ipynb")
    (subs / "s-005.ipynb").write_text("{not a notebook", encoding="utf-8")

    run(copy, "grade", str(subs), str(tmp_path / "grades"), "--autograder",
        str(dist / "autograders" / f"{NAME}-autograder.zip"))
    with (tmp_path / "grades" / "scores.csv").open(encoding="utf-8") as f:
        rows = {row["file"]: row for row in csv.DictReader(f)}
    n = len(IDS)
    assert float(rows["s-001.ipynb"]["points"]) == n, rows["s-001.ipynb"]
    assert float(rows["s-002.ipynb"]["points"]) == n - 2, rows["s-002.ipynb"]
    assert float(rows["s-003.ipynb"]["points"]) == n - 3, rows["s-003.ipynb"]
    for k in range(3):
        assert float(rows["s-003.ipynb"][IDS[k].replace("-", "_")]) == 0
    # Only the problems whose answer does not depend on the varied assumption pass.
    varied = [p for p in IDS if expected_values(SET, "s-004")[p] != right[p]]
    assert varied and float(rows["s-004.ipynb"]["points"]) == n - len(varied)
    assert rows["s-001.ipynb"]["student"] == "s-001"
    assert float(rows["s-005.ipynb"]["points"]) == 0 and "not graded" in rows["s-005.ipynb"]["note"]


def test_variants_key(assigned: tuple[Path, Path], tmp_path: Path) -> None:
    copy, _ = assigned
    ids = tmp_path / "students.txt"
    ids.write_text("# one id a line\ns-001\ns-002\n", encoding="utf-8")
    run(copy, "variants", str(ids), str(tmp_path / "key.csv"), "--sets", SET)
    with (tmp_path / "key.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2 * len(IDS)
    for row in rows:
        value = expected_values(SET, row["student"])[row["problem"]]
        assert float(row["low"]) <= value <= float(row["high"])
        assert abs(float(row["expected"]) / value - 1) < 1e-5
        assert row["tolerance"] and row["inputs"].startswith("P1_IT_POWER_MW=")
