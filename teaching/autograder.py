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
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from energylib.problems import Problem
from energylib.problemsets import (
    PROBLEM_SETS,
    expected_values,
    key_rows,
    normalise_id,
    variant_inputs,
)

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


def build_wheel(out: Path, student: bool = False) -> Path:
    """energylib as a wheel: full (problem sets included) for the autograder zip, or,
    with ``student``, without ``energylib/problemsets`` for students' own Python."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:  # build outside the checkout
        source = Path(scratch)
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, source / name)
        shutil.copytree(ROOT / "energylib", source / "energylib",
                        ignore=shutil.ignore_patterns("__pycache__"))
        if student:
            shutil.rmtree(source / "energylib" / "problemsets")
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                        "--no-build-isolation", "--disable-pip-version-check", "-w",
                        str(out.resolve()), str(source)], check=True, capture_output=True)
    wheel = out / WHEEL_GLOB_NAME
    if not wheel.is_file():
        raise RuntimeError(f"no {wheel} (pyproject.toml's version changed?)")
    return wheel


def _raw(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_raw_cell(text)


def hidden_test(set_key: str, problem_id: str, secret: str = "") -> str:
    """The source of a problem's hidden test (it lives only in the autograder zip).

    The answer is turned into a plain number or string here, and the verdict is
    computed in a fresh interpreter (``python -m energylib.problemsets``) from the set,
    the problem, the student id and that plain answer alone: a submission that replaces
    ``energylib.problemsets.grade`` in its own session changes nothing. (A submission
    can still tamper with ``subprocess`` or ``json`` in the session the tests run in:
    the grader flags sources that mention such names, for a look by hand.)
    """
    name = var_name(problem_id)
    request = {"set": set_key, "problem": problem_id}
    if secret:
        request["secret"] = secret
    return (
        '""" # BEGIN TEST CONFIG\nhidden: true\n""" # END TEST CONFIG\n'
        f"def test_{name}_value(env):\n"
        "    import json, subprocess, sys\n"
        f'    answer, student = env.get("{name}"), env.get("STUDENT_ID")\n'
        "    try:\n"
        "        if isinstance(answer, str) or answer is None:\n"
        "            plain = answer\n"
        "        elif isinstance(answer, bool) or getattr(answer, 'shape', ()) != ():\n"
        "            plain = None\n"
        "        else:\n"
        "            plain = float(answer)\n"
        "    except Exception:\n"
        "        plain = None\n"
        f"    request = dict({request!r}, answer=plain,\n"
        "                   student=student if isinstance(student, str) else None)\n"
        "    done = subprocess.run([sys.executable, '-m', 'energylib.problemsets'],\n"
        "                          input=json.dumps(request), capture_output=True, text=True,\n"
        "                          timeout=300, check=False)\n"
        "    assert done.stdout.strip() == 'correct', done.stderr[-500:]\n"
        f"test_{name}_value(globals())")


def solution_cell(set_key: str, problem_id: str, secret: str = "") -> str:
    """The master's solution of one problem: the book's worked method and the example's value.

    The method is the code of the book's solution (with the book's inputs; a student
    puts in the variant's values); the answer is the value of the example student's
    variant, rounded to the precision asked, as a student would write it.
    """
    problem = PROBLEM_SETS[set_key][problem_id]
    value = expected_values(set_key, EXAMPLE_ID, secret)[problem_id]
    method = worked_method(PROBLEM_SETS[set_key].name, problem_id)
    inputs = "; ".join(f"{k} = {v:g}" for k, v in
                       variant_inputs(set_key, EXAMPLE_ID, secret).items())
    lines = [f"# your answer [{problem.unit}], to {problem.precision()}",
             "# Method (the book's worked solution, with the book's inputs):"]
    lines += [f"#   {line}" for line in method.splitlines()]
    lines += [f"# {EXAMPLE_ID}'s varied inputs: {inputs or 'none'}",
              f"{var_name(problem_id)} = {_rounded(problem, value)}  # SOLUTION",
              var_name(problem_id)]
    return "\n".join(lines)


def _rounded(problem: Problem, value: float) -> str:
    if not math.isfinite(value):
        return f"float({str(value)!r})"
    if problem.decimals is not None:
        return repr(round(value, problem.decimals + 1))
    return repr(float(f"{value:.{max(problem.sig + 1, 3)}g}"))


def worked_method(chapter: str, problem_id: str) -> str:
    """The code cells of a problem's folded solution in the book (its last check dropped)."""
    text = (CHAPTERS / f"{chapter}.md").read_text(encoding="utf-8")
    m = re.search(rf"```\{{solution-start\}} ex-{re.escape(problem_id)}\n(.*?)"
                  r"```\{solution-end\}", text, flags=re.S)
    if not m:
        return "(see the worked solution in the instructor edition)"
    code = "\n".join(c.strip() for c in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```",
                                                   m.group(1), flags=re.S))
    code = "\n".join(line for line in code.splitlines()
                     if not line.lstrip().startswith(("ps.check", ":tags:")))
    return code.strip() or "(see the worked solution in the instructor edition)"


def master_notebook(set_key: str, secret: str = "") -> nbformat.NotebookNode:
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
            "Under each problem, say in a few lines how you got it. Work it yourself: the "
            "grader flags a notebook that reaches into the grading code, for a look by "
            "hand. To run this notebook you need `otter-grader` and the student package "
            "of `energylib`: the README.md your teacher gives with it says how (on your "
            "computer, Colab or Binder) and how to hand it in."),
        nbformat.v4.new_code_cell(
            f'STUDENT_ID = "{EXAMPLE_ID}"  # your student id\n\n'
            "from energylib.problems import card\n"
            f'ps = card("{problem_set.name}", graded=True, '
            f'values_from_teacher={bool(secret)})\n'
            "ps.my_numbers(STUDENT_ID)"),
    ]
    for problem in problem_set.problems:
        name = var_name(problem.id)
        heading, statement = exercises[problem.id]
        cells += [
            nbformat.v4.new_markdown_cell(f"## {heading}\n\n{statement}"),
            _raw(f"# BEGIN QUESTION\nname: {name}\npoints: [0, 1]"),
            _raw("# BEGIN SOLUTION"),
            nbformat.v4.new_code_cell(solution_cell(set_key, problem.id, secret)),
            _raw("# END SOLUTION"),
            _raw("# BEGIN TESTS"),
            nbformat.v4.new_code_cell(
                f"def test_{name}_is_a_number({name}):\n"
                "    from energylib.problems import parse_answer\n"
                f'    value = parse_answer({name}, "{problem.unit}")\n'
                "    assert not isinstance(value, str), value\n"
                f"test_{name}_is_a_number({name})"),
            nbformat.v4.new_code_cell(hidden_test(set_key, problem.id, secret)),
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


def assign(out: Path, sets: list[str] | None = None, secret: str = "",
           ) -> dict[str, dict[str, Path]]:
    """Run ``otter assign`` on each set's master: student notebook and autograder zip.

    Writes ``out/<set>/master.ipynb`` and otter's ``out/<set>/dist/student/`` and
    ``out/<set>/dist/autograder/`` (``<name>-autograder_*.zip``), and collects the
    student notebooks in ``out/student/`` (with the students' page, ``README.md``, and
    the student wheel of energylib, without the problem sets) and the zips in
    ``out/autograders/``.
    """
    out.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel(out / "wheel")
    (out / "student").mkdir(exist_ok=True)
    shutil.copy2(build_wheel(out / "student-wheel", student=True), out / "student")
    shutil.copy2(ROOT / "teaching" / "STUDENTS.md", out / "student" / "README.md")
    made: dict[str, dict[str, Path]] = {}
    for set_key in sets or list(PROBLEM_SETS):
        name = PROBLEM_SETS[set_key].name
        folder = out / set_key
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        master = folder / f"{name}.ipynb"
        nbformat.write(master_notebook(set_key, secret), master)
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


# Names a submission has no business with: flagged in the notes for a look by hand.
SUSPECT = re.compile(r"problemsets|expected_values|\bgrade\b|sys\.modules|setattr|"
                     r"__import__|importlib|subprocess|builtins|environ|__globals__")


def suspect_names(submission: Path) -> list[str]:
    """The suspect names the code cells of a submission mention (sorted, unique)."""
    try:
        notebook = nbformat.read(submission, as_version=4)
    except Exception:  # noqa: BLE001 - an unreadable file is reported elsewhere
        return []
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    return sorted({m.group(0) for m in SUSPECT.finditer(code)})


def read_roster(path: Path) -> set[str]:
    """The ids of a roster file (one a line, ``#`` comments), normalised."""
    return {normalise_id(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")}


def metadata_ids(submission: Path) -> set[str] | None:
    """The student ids of the ``submission_metadata.json`` beside a submission, if any.

    Gradescope's export puts one next to each submission (``users``, each with ``sid``).
    """
    path = submission.parent / "submission_metadata.json"
    if not path.is_file():
        return None
    try:
        users = json.loads(path.read_text(encoding="utf-8")).get("users", [])
        return {normalise_id(str(u["sid"])) for u in users if u.get("sid")}
    except (ValueError, AttributeError, TypeError):
        return set()


def _graded_ids(log: Path) -> list[str | None]:
    """The student ids the hidden tests graded against, in the order they ran."""
    if not log.is_file():
        return []
    return [json.loads(line).get("student") for line in
            log.read_text(encoding="utf-8").splitlines() if line.strip()]


def grade_folder(submissions: Path, autograder: Path, out: Path,
                 roster: Path | None = None) -> Path:
    """Grade every ``*.ipynb`` in ``submissions`` (and its subfolders); write ``out/scores.csv``.

    One row per submission: file, the student id the hidden tests graded against (read
    as the notebook ran, normalised), points, possible, one column per problem, and a
    note: not graded, no STUDENT_ID, several ids, an id not on the ``roster`` or not
    the one in ``submission_metadata.json``, or suspect names in the source (flagged
    for a look by hand; the score is left as graded).
    """
    from otter.api import grade_submission

    out.mkdir(parents=True, exist_ok=True)
    allowed = read_roster(roster) if roster is not None else None
    rows, problems = [], []
    found = sorted(submissions.glob("*.ipynb")) + sorted(submissions.glob("*/*.ipynb"))
    for submission in found:
        name = str(submission.relative_to(submissions))
        row: dict[str, object] = {"file": name, "student": ""}
        notes: list[str] = []
        saved = os.environ.get("TEACHING_GRADED_LOG")
        try:
            with tempfile.TemporaryDirectory() as scratch:
                copy = Path(scratch) / submission.name
                shutil.copy2(submission, copy)
                log = Path(scratch) / "graded-ids.jsonl"
                os.environ["TEACHING_GRADED_LOG"] = str(log)
                results = grade_submission(str(copy), str(autograder), quiet=True)
                ids = _graded_ids(log)
            row["points"], row["possible"] = results.total, results.possible
            for test in sorted(results.test_files):
                row[test] = results.get_score(test)
                if test not in problems:
                    problems.append(test)
            error = results.catastrophic_error if results.has_catastrophic_failure() else None
            if error:
                notes.append(f"not graded: {error}"[:200])
            known = sorted({i for i in ids if i})
            if ids and not known:
                notes.append("no STUDENT_ID")
            elif len(known) > 1:
                notes.append(f"graded against several ids: {', '.join(known)}")
            row["student"] = ", ".join(known)
            if known and allowed is not None and not set(known) <= allowed:
                notes.append("id not on the roster")
            expected_ids = metadata_ids(submission)
            if known and expected_ids is not None and not set(known) <= expected_ids:
                notes.append("id differs from submission_metadata.json: "
                             + ", ".join(sorted(expected_ids)))
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the batch
            row.update(points=0, possible="")
            notes.append(f"not graded: {type(error).__name__}: {str(error)[:200]}")
        finally:
            if saved is None:
                os.environ.pop("TEACHING_GRADED_LOG", None)
            else:
                os.environ["TEACHING_GRADED_LOG"] = saved
        suspects = suspect_names(submission)
        if suspects:
            notes.append("flagged (check by hand): the code mentions " + ", ".join(suspects))
        row["note"] = "; ".join(notes)
        rows.append(row)
    path = out / "scores.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["file", "student", "points", "possible", *problems, "note"],
                                restval="")
        writer.writeheader()
        writer.writerows(rows)
    (out / "scores.json").write_text(json.dumps(rows, indent=1, default=str), encoding="utf-8")
    return path


def write_key(students: list[str], path: Path, sets: list[str] | None = None,
              secret: str = "") -> Path:
    """The instructor's key CSV: student, set, problem, expected, unit, tolerance, interval.

    Its ``inputs`` column is each student's values of the varied assumptions: with a
    secret, the sheet students get their values from.
    """
    rows = [row for set_key in sets or list(PROBLEM_SETS)
            for row in key_rows(set_key, students, secret)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
