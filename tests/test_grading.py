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
    # The students' page and the student wheel (no problem sets) come with the notebooks.
    page = (dist / "student" / "README.md").read_text(encoding="utf-8")
    assert "pip install otter-grader" in page and "Colab" in page and ".ipynb" in page
    wheels = list((dist / "student").glob("energylib-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as zf:
        assert "energylib/problems.py" in zf.namelist()
        assert not [n for n in zf.namelist() if "problemsets" in n]
    # The graded notebook's card refuses to check (it knows the book's values only).
    assert "graded=True" in text
    with zipfile.ZipFile(dist / "autograders" / f"{NAME}-autograder.zip") as zf:
        names = zf.namelist()
        assert {"run_autograder", "setup.sh", "otter_config.json"} <= set(names)
        assert any(n.startswith("files/energylib-") and n.endswith(".whl") for n in names)
        tests = [n for n in names if n.startswith("tests/")]
        assert len(tests) == len(IDS)
        assert all("hidden=True" in zf.read(n).decode() for n in tests)
        assert all("python -m energylib.problemsets" in zf.read(n).decode()
                   or "'-m', 'energylib.problemsets'" in zf.read(n).decode() for n in tests)


def test_master_notebook_with_a_secret() -> None:
    from teaching.autograder import master_notebook

    plain = nbformat.writes(master_notebook(SET))
    secret = nbformat.writes(master_notebook(SET, "teacher's secret"))
    assert "teacher's secret" not in plain and "teacher's secret" in secret
    assert "values_from_teacher=True" in secret and "values_from_teacher=False" in plain
    # The master's solutions are a worked method and a number, not a call for the answer.
    assert "expected_values" not in plain and "problemsets.grade" not in plain
    assert "Method" in plain and "facility_heat" in plain


def add_cell(path: Path, source: str, first: bool = False) -> None:
    """Add a code cell to a submission (at the start or the end)."""
    notebook = nbformat.read(path, as_version=4)
    cell = nbformat.v4.new_code_cell(source)
    if first:
        notebook.cells.insert(0, cell)
    else:
        notebook.cells.append(cell)
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def graded(assigned: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory,
           ) -> dict[str, dict[str, str]]:
    """Every kind of submission, graded in one run of ``python -m teaching grade``."""
    copy, dist = assigned
    tmp_path = tmp_path_factory.mktemp("grading")
    student = dist / "student" / f"{NAME}.ipynb"
    subs = tmp_path / "submissions"
    subs.mkdir()
    var = {pid: pid.replace("-", "_") for pid in IDS}
    # Correct, as a student rounds it: the precision asked (two significant figures).
    right = expected_values(SET, "s-001")
    rounded = {var[p]: repr(float(f"{v:.2g}")) for p, v in right.items()}
    fill(student, "s-001", rounded, subs / "s-001.ipynb")
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
    # The hidden tests switched off from inside the notebook, every answer 1.0.
    fill(student, "s-006", {var[p]: "1.0" for p in IDS}, subs / "s-006.ipynb")
    add_cell(subs / "s-006.ipynb", "import energylib.problemsets as _p\n"
             "_p.grade = lambda *a, **k: True")
    # The one-line call into the instructor's package.
    fill(student, "s-007", {var[p]: f'__import__("energylib.problemsets").problemsets.'
                                    f'expected_values("{SET}", STUDENT_ID)["{p}"]'
                            for p in IDS}, subs / "s-007.ipynb")
    # The id in capitals: the same variant as s-001.
    fill(student, "S-001", rounded, subs / "s-008.ipynb")
    # No STUDENT_ID at all.
    fill(student, "s-009", rounded, subs / "s-009.ipynb")
    notebook = nbformat.read(subs / "s-009.ipynb", as_version=4)
    for cell in notebook.cells:
        cell.source = re.sub(r'^STUDENT_ID = ".*?".*$', "", cell.source, flags=re.M)
    nbformat.write(notebook, subs / "s-009.ipynb")
    # The id reassigned at the end: graded, and listed, as the later id.
    other = expected_values(SET, "s-010")
    fill(student, "s-001", {var[p]: repr(v) for p, v in other.items()}, subs / "s-010.ipynb")
    add_cell(subs / "s-010.ipynb", 'STUDENT_ID = "s-010"')
    # A Gradescope export: a folder per submission, its metadata naming another student.
    (subs / "gradescope-1").mkdir()
    fill(student, "s-001", rounded, subs / "gradescope-1" / "submission.ipynb")
    (subs / "gradescope-1" / "submission_metadata.json").write_text(
        json.dumps({"users": [{"name": "A. Student", "sid": "s-099"}]}), encoding="utf-8")
    roster = tmp_path / "roster.txt"
    roster.write_text("# the class\nS-001\ns-002\ns-003\ns-006\ns-007\ns-010\n",
                      encoding="utf-8")

    run(copy, "grade", str(subs), str(tmp_path / "grades"), "--autograder",
        str(dist / "autograders" / f"{NAME}-autograder.zip"), "--roster", str(roster))
    with (tmp_path / "grades" / "scores.csv").open(encoding="utf-8") as f:
        return {row["file"]: row for row in csv.DictReader(f)}


def test_grading_a_folder_gives_the_right_scores(graded: dict[str, dict[str, str]]) -> None:
    rows, n = graded, len(IDS)
    right = expected_values(SET, "s-001")
    assert float(rows["s-001.ipynb"]["points"]) == n, rows["s-001.ipynb"]
    assert rows["s-001.ipynb"]["note"] == "", rows["s-001.ipynb"]
    assert float(rows["s-002.ipynb"]["points"]) == n - 2, rows["s-002.ipynb"]
    assert float(rows["s-003.ipynb"]["points"]) == n - 3, rows["s-003.ipynb"]
    for k in range(3):
        assert float(rows["s-003.ipynb"][IDS[k].replace("-", "_")]) == 0
    # Only the problems where s-001's answer is also right for s-004's variant pass.
    theirs = expected_values(SET, "s-004")
    wrong_here = [p for p in IDS if not PROBLEM_SETS[SET][p].verdict(right[p], theirs[p])]
    assert wrong_here and float(rows["s-004.ipynb"]["points"]) == n - len(wrong_here)
    assert rows["s-001.ipynb"]["student"] == "s-001"
    assert float(rows["s-005.ipynb"]["points"]) == 0 and "not graded" in rows["s-005.ipynb"]["note"]


def test_hidden_tests_cannot_be_switched_off(graded: dict[str, dict[str, str]]) -> None:
    row = graded["s-006.ipynb"]
    expected = expected_values(SET, "s-006")
    lucky = [p for p in IDS if PROBLEM_SETS[SET][p].verdict(1.0, expected[p])]
    assert float(row["points"]) == len(lucky), row  # 1.0 is wrong everywhere it should be
    assert "flagged" in row["note"] and "problemsets" in row["note"], row
    assert "flagged" not in graded["s-002.ipynb"]["note"]  # negative control


def test_answers_read_from_the_grading_code_are_flagged(graded: dict[str, dict[str, str]],
                                                        ) -> None:
    row = graded["s-007.ipynb"]
    assert "flagged" in row["note"] and "problemsets" in row["note"], row
    assert "__import__" in row["note"] and "expected_values" in row["note"], row


def test_student_ids(graded: dict[str, dict[str, str]]) -> None:
    n = len(IDS)
    # Case: S-001 is s-001 (the same variant, on the roster as S-001).
    assert graded["s-008.ipynb"]["student"] == "s-001"
    assert float(graded["s-008.ipynb"]["points"]) == n, graded["s-008.ipynb"]
    assert "roster" not in graded["s-008.ipynb"]["note"]
    # No id: noted, nothing right.
    assert "no STUDENT_ID" in graded["s-009.ipynb"]["note"], graded["s-009.ipynb"]
    assert float(graded["s-009.ipynb"]["points"]) == 0
    # A later reassignment: the CSV names the id the tests graded against.
    assert graded["s-010.ipynb"]["student"] == "s-010", graded["s-010.ipynb"]
    assert float(graded["s-010.ipynb"]["points"]) == n, graded["s-010.ipynb"]
    # Roster: s-004 is not on it; s-002 is.
    assert "id not on the roster" in graded["s-004.ipynb"]["note"]
    assert "roster" not in graded["s-002.ipynb"]["note"]
    # Gradescope's metadata names another student.
    row = graded[str(Path("gradescope-1") / "submission.ipynb")]
    assert "submission_metadata.json" in row["note"] and "s-099" in row["note"], row


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
