"""Autograded problem sets with otter-grader: notebooks, autograder zips, grading a folder.

Why otter-grader (https://otter-grader.readthedocs.io), not nbgrader: one *master*
notebook per set gives, through ``otter assign``, the student notebook (answers and
hidden tests stripped), the solutions, and the autograder zip that Gradescope takes
as it is (Canvas and local grading run the same zip); ``otter run`` grades one
submission without Docker or a server, offline, in the Python environment of the
book, so a teacher grades a folder with one command.  nbgrader needs a course
database, a JupyterHub-style exchange directory and its own extension in the students'
Jupyter; it suits a course run on one hub, not a book whose readers use Gradescope,
Canvas or a laptop.

The master notebooks are made here from the book's problem sets
(``chapters/problems/<set>.md`` for the statements, ``energylib.problemsets`` for the
answers), so the two cannot drift apart.  Each student works a *variant*: the
notebook's first cell holds ``STUDENT_ID``; the assumptions of the variant are drawn
from it (:func:`energylib.problemsets.variant_inputs`) and printed for the student;
the hidden tests grade each answer against the expected value of that student's
variant (:func:`energylib.problemsets.grade`).  Public tests, which students run with
``grader.check``, only check that an answer is one number (they reveal nothing).

Per problem: one public test (0 points: the answer is one finite number in the unit
asked) and one hidden test (1 point: right for the student's variant).  A submission
whose cells raise, lack an answer or hold text where a number belongs is graded
(those problems score 0); ``otter run`` ignores errors in the submission's cells.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from energylib.problemsets import PROBLEM_SETS, key_rows

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters" / "problems"
OTTER = str(Path(sys.executable).parent / "otter")
EXAMPLE_ID = "example-student"


def var_name(problem_id: str) -> str:
    """The notebook variable that holds a problem's answer: ``thermo-1`` -> ``thermo_1``."""
    return problem_id.replace("-", "_")


def _plain(text: str) -> str:
    """MyST roles as plain Markdown (Jupyter shows Markdown and math, not roles)."""
    text = re.sub(r"\{cite(?::\w+)?\}`([^`]*)`", lambda m: f"({m.group(1)})", text)
    text = re.sub(r"\{(?:ref|doc|numref|term|eq)\}`(?:([^`<]*?)\s*<[^`]*>|([^`]*))`",
                  lambda m: (m.group(1) or m.group(2)).strip(), text)
    text = re.sub(r"\{py:\w+\}`~?([^`]*)`", r"`\1`", text)
    return text


def statements(chapter: Path) -> tuple[str, str, dict[str, tuple[str, str]]]:
    """The title, preamble and each exercise's (title, statement) of a problem-set page."""
    text = chapter.read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    title = re.search(r"^# (.+)$", body, flags=re.M)
    preamble = body[title.end():body.index("```{code-cell}")].strip() if title else ""
    exercises = {}
    for m in re.finditer(r"```\{exercise\} (.+?)\n:label: ex-([\w-]+)\n(.*?)\n```", body,
                         flags=re.S):
        exercises[m.group(2)] = (m.group(1).strip(), _plain(m.group(3).strip()))
    return (title.group(1).strip() if title else chapter.stem), _plain(preamble), exercises


WHEEL_GLOB_NAME = "energylib-0.1.0-py3-none-any.whl"


def build_wheel(out: Path) -> Path:
    """The full energylib (problem sets included) as a wheel, for the autograder zip."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:  # build outside the checkout
        source = Path(scratch)
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, source / name)
        shutil.copytree(ROOT / "energylib", source / "energylib",
                        ignore=shutil.ignore_patterns("__pycache__"))
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                        "--no-build-isolation", "--disable-pip-version-check", "-w",
                        str(out.resolve()), str(source)], check=True, capture_output=True)
    wheel = out / WHEEL_GLOB_NAME
    if not wheel.is_file():
        raise RuntimeError(f"no {wheel} (pyproject.toml's version changed?)")
    return wheel


def _raw(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_raw_cell(text)


def master_notebook(set_key: str) -> nbformat.NotebookNode:
    """The otter-assign master notebook of one problem set."""
    problem_set = PROBLEM_SETS[set_key]
    title, preamble, exercises = statements(CHAPTERS / f"{problem_set.name}.md")
    cells = [
        _raw("# ASSIGNMENT CONFIG\n"
             f"name: {problem_set.name}\n"
             "init_cell: true\n"
             "check_all_cell: true\n"
             "export_cell: false\n"
             "run_tests: true\n"
             "solutions_pdf: false\n"
             "generate:\n"
             "  pdf: false\n"
             "  show_stdout: true\n"
             "  show_hidden: false\n"
             "requirements: requirements.txt\n"
             f"autograder_files:\n  - {WHEEL_GLOB_NAME}\n"
             "tests:\n"
             "  files: false\n"
             "  ok_format: false\n"),
        nbformat.v4.new_markdown_cell(
            f"# {title} (graded)\n\n{preamble}\n\n"
            "**This is your own variant of the set.** Put your student id in the next cell "
            "exactly as your teacher gave it and run it: it prints your values of the "
            "assumptions that vary from student to student. Where a statement below gives "
            "one of them, use your value instead. Write each answer as one number in the "
            "unit asked (no quotes, no list); run `grader.check(...)` to see whether its "
            "form is right (the value itself is graded by your teacher's autograder). "
            "Under each problem, say in a few lines how you got it."),
        nbformat.v4.new_code_cell(
            f'STUDENT_ID = "{EXAMPLE_ID}"  # your student id\n\n'
            "from energylib.problems import card\n"
            f'ps = card("{problem_set.name}")\n'
            "ps.my_numbers(STUDENT_ID)"),
    ]
    for problem in problem_set.problems:
        name = var_name(problem.id)
        heading, statement = exercises[problem.id]
        cells += [
            nbformat.v4.new_markdown_cell(f"## {heading}\n\n{statement}"),
            _raw(f"# BEGIN QUESTION\nname: {name}\npoints: [0, 1]"),
            _raw("# BEGIN SOLUTION"),
            nbformat.v4.new_code_cell(
                f"# your answer [{problem.unit}], to {problem.precision()}\n"
                f'{name} = __import__("energylib.problemsets").problemsets.expected_values('
                f'"{set_key}", STUDENT_ID)["{problem.id}"]  # SOLUTION\n{name}'),
            _raw("# END SOLUTION"),
            _raw("# BEGIN TESTS"),
            nbformat.v4.new_code_cell(
                f"def test_{name}_is_a_number({name}):\n"
                "    from energylib.problems import parse_answer\n"
                f'    value = parse_answer({name}, "{problem.unit}")\n'
                "    assert not isinstance(value, str), value\n"
                f"test_{name}_is_a_number({name})"),
            nbformat.v4.new_code_cell(
                '""" # BEGIN TEST CONFIG\nhidden: true\n""" # END TEST CONFIG\n'
                f"def test_{name}_value(env):\n"
                "    from energylib.problemsets import grade\n"
                f'    assert grade("{set_key}", env.get("STUDENT_ID"), "{problem.id}", '
                f'env.get("{name}"))\n'
                f"test_{name}_value(globals())"),
            _raw("# END TESTS"),
            _raw("# END QUESTION"),
            nbformat.v4.new_markdown_cell(
                "**Your reasoning** (graded by hand): _the method, the numbers you used, "
                "and what the result means, in a few lines._"),
        ]
    written = [label for label in exercises if re.fullmatch(rf"{set_key}-w\d+", label)]
    for label in written:
        heading, question = exercises[label]
        cells += [
            nbformat.v4.new_markdown_cell(f"## Written question: {heading}\n\n{question}"),
            nbformat.v4.new_markdown_cell(f"**Your answer ({label}).** _A short paragraph "
                                          "(graded by hand with the rubric)._"),
        ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


def assign(out: Path, sets: list[str] | None = None) -> dict[str, dict[str, Path]]:
    """Run ``otter assign`` on each set's master: student notebook and autograder zip.

    Writes ``out/<set>/master.ipynb`` and otter's ``out/<set>/dist/student/`` and
    ``out/<set>/dist/autograder/`` (``<name>-autograder_*.zip``), and collects the
    student notebooks in ``out/student/`` and the zips in ``out/autograders/``.
    """
    out.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel(out / "wheel")
    made: dict[str, dict[str, Path]] = {}
    for set_key in sets or list(PROBLEM_SETS):
        name = PROBLEM_SETS[set_key].name
        folder = out / set_key
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        master = folder / f"{name}.ipynb"
        nbformat.write(master_notebook(set_key), master)
        # The autograder installs the full energylib (problem sets included) from this
        # wheel on Gradescope; local grading uses the environment it runs in.
        shutil.copy2(wheel, folder / WHEEL_GLOB_NAME)
        (folder / "requirements.txt").write_text(
            f"/autograder/source/files/{WHEEL_GLOB_NAME}\n", encoding="utf-8")
        proc = subprocess.run([OTTER, "assign", "--no-pdfs", master.name, "dist"],
                              cwd=folder, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"otter assign failed for {set_key}:\n{proc.stdout}\n"
                               f"{proc.stderr}")
        student = folder / "dist" / "student" / f"{name}.ipynb"
        zips = sorted((folder / "dist" / "autograder").glob("*.zip"))
        if not student.is_file() or not zips:
            raise RuntimeError(f"otter assign made no student notebook or zip for {set_key}")
        (out / "student").mkdir(exist_ok=True)
        (out / "autograders").mkdir(exist_ok=True)
        made[set_key] = {"student": shutil.copy2(student, out / "student" / student.name),
                         "autograder": shutil.copy2(zips[-1], out / "autograders" /
                                                    f"{name}-autograder.zip"),
                         "solution": folder / "dist" / "autograder" / f"{name}.ipynb"}
    return {k: {kk: Path(vv) for kk, vv in v.items()} for k, v in made.items()}


def _student_id(submission: Path) -> str:
    """The STUDENT_ID a submission's notebook sets ('' if none)."""
    try:
        notebook = nbformat.read(submission, as_version=4)
    except Exception:  # noqa: BLE001 - an unreadable file is reported, not fatal
        return ""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            m = re.search(r"^STUDENT_ID\s*=\s*['\"]([^'\"]*)['\"]", cell.source, flags=re.M)
            if m:
                return m.group(1)
    return ""


def grade_folder(submissions: Path, autograder: Path, out: Path) -> Path:
    """Grade every ``*.ipynb`` in ``submissions``; write ``out/scores.csv``.

    One row per submission: file, student id (from the notebook), points, possible,
    one column per problem, and a note when a submission could not be run at all.
    """
    from otter.api import grade_submission

    out.mkdir(parents=True, exist_ok=True)
    rows, problems = [], []
    for submission in sorted(submissions.glob("*.ipynb")):
        row: dict[str, object] = {"file": submission.name, "student": _student_id(submission)}
        try:
            with tempfile.TemporaryDirectory() as scratch:
                copy = Path(scratch) / submission.name
                shutil.copy2(submission, copy)
                results = grade_submission(str(copy), str(autograder), quiet=True)
            row["points"], row["possible"] = results.total, results.possible
            for test in sorted(results.test_files):
                row[test] = results.get_score(test)
                if test not in problems:
                    problems.append(test)
            error = results.catastrophic_error if results.has_catastrophic_failure() else None
            row["note"] = f"not graded: {error}"[:200] if error else ""
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
            row.update(points=0, possible="", note=f"not graded: {type(error).__name__}: "
                                                   f"{str(error)[:200]}")
        rows.append(row)
    path = out / "scores.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["file", "student", "points", "possible", *problems, "note"],
                                restval="")
        writer.writeheader()
        writer.writerows(rows)
    (out / "scores.json").write_text(json.dumps(rows, indent=1, default=str), encoding="utf-8")
    return path


def write_key(students: list[str], path: Path, sets: list[str] | None = None) -> Path:
    """The instructor's key CSV: student, set, problem, expected, unit, tolerance, interval."""
    rows = [row for set_key in sets or list(PROBLEM_SETS) for row in key_rows(set_key, students)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
