"""No expected answer can be read from the student edition: the obvious routes, tried.

The student edition's sources (scripts/make_edition.py student) are made in a scratch
folder; from them: the package (``import energylib.problemsets``, the answer cards'
objects, every module's source), the notebooks JuptyerLite serves (made by the
edition's own scripts/lite_notebooks.py) and the energylib wheel the in-browser
notebooks install. Positive controls: the reader's sources hold what is looked for.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from booktools import ROOT

from energylib.problemsets import PROBLEM_SETS

sys.path.insert(0, str(ROOT / "scripts"))
from make_edition import READER_PHRASES, make, strip_solutions  # noqa: E402

pytestmark = pytest.mark.slow  # builds the student edition's package and wheel

ALL = [p for ps in PROBLEM_SETS.values() for p in ps.problems]


@pytest.fixture(scope="module")
def student(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make("student", tmp_path_factory.mktemp("edition") / "student")


# The shared venv installs energylib editable from the main checkout; its finder would
# fill a missing submodule from there. A student's installed wheel has no such finder.
NO_EDITABLE = ("import sys\n"
               "sys.meta_path = [f for f in sys.meta_path if 'Editable' not in repr(f)]\n")


def python(edition: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(edition))
    return subprocess.run([sys.executable, "-c", NO_EDITABLE + code], env=env, cwd=edition,
                          capture_output=True, text=True, timeout=300, check=False)


def decimals_in(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*\.\d+(?:e[+-]?\d+)?|"
                                                         r"\d+e[+-]?\d+", text)}


# Numbers the statements give (the same for every reader): not answers, even when one
# happens to fall within an answer's tolerance (30.84 million H100-hours, real-6).
STATED = set().union(*(decimals_in(strip_solutions(
    (ROOT / "chapters" / "problems" / f"{ps.name}.md").read_text(encoding="utf-8")))
    for ps in PROBLEM_SETS.values()))


def leaks(text: str, problems: list | None = None) -> list[str]:
    """Expected values of ``problems`` (default all) found as numbers in ``text``."""
    found = []
    numbers = decimals_in(text) - STATED
    for p in problems if problems is not None else ALL:
        e = p.expected()
        lo, hi = p.interval(e)
        found += [f"{p.id}: {n}" for n in numbers if lo <= n <= hi and n != round(n)]
    return found


def test_package_has_no_problem_sets(student: Path) -> None:
    assert (ROOT / "energylib" / "problemsets").is_dir()  # positive control
    assert not (student / "energylib" / "problemsets").exists()
    done = python(student, "import energylib.problemsets")
    assert done.returncode != 0 and "No module named 'energylib.problemsets'" in done.stderr
    # The answer cards load, check, and hold no expected value to call for.
    done = python(student, (
        "from energylib.problems import card\n"
        "ps = card('thermodynamics')\n"
        "print(ps.check('thermo-1', 1.0).correct)\n"
        "try:\n    ps['thermo-1'].expected()\nexcept RuntimeError as e:\n    print('withheld')\n"
        "print([p.expected for p in ps.problems][0].__name__)"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "withheld", "_withheld"]


def test_module_sources_hold_no_answer_code(student: Path) -> None:
    sources = "\n".join(p.read_text(encoding="utf-8")
                        for p in (student / "energylib").rglob("*.py"))
    for needle in ("PROBLEMS = ProblemSet(", "expected_values", "VARIANTS = {"):
        assert needle in "\n".join(p.read_text(encoding="utf-8") for p in
                                   (ROOT / "energylib" / "problemsets").rglob("*.py"))
        assert needle not in sources, needle
    cards = "\n".join(p.read_text(encoding="utf-8")
                      for p in (student / "energylib" / "data" / "cards").glob("*.json"))
    assert len(list((student / "energylib" / "data" / "cards").glob("*.json"))) == 9
    assert '"key"' in cards


def test_notebooks_hold_no_answer(student: Path, tmp_path: Path) -> None:
    reader = "\n".join((ROOT / "chapters" / "problems" / f"{ps.name}.md").read_text()
                       for ps in PROBLEM_SETS.values())
    assert leaks(reader), "positive control: the reader's solutions show the answers"
    done = subprocess.run([sys.executable, str(student / "scripts" / "lite_notebooks.py"),
                           str(tmp_path / "lite")], env=dict(os.environ, PYTHONPATH=str(student)),
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    notebooks = sorted((tmp_path / "lite" / "chapters" / "problems").glob("*.ipynb"))
    assert len(notebooks) == len(PROBLEM_SETS)
    by_name = {ps.name: list(ps.problems) for ps in PROBLEM_SETS.values()}
    for notebook in notebooks:
        data = json.loads(notebook.read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) for c in data["cells"])
        assert "solution-start" not in text and "energylib.problemsets" not in text
        found = leaks(text, by_name[notebook.stem])
        assert not found, f"{notebook.name}: {found}"
        assert "card(" in text and "Your reasoning" in text


def test_student_texts_speak_of_the_student_edition(student: Path) -> None:
    for page in (student / "chapters").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        for phrase in READER_PHRASES:
            assert phrase not in text, f"{page.name}: {phrase!r}"
    pages = "\n".join(p.read_text() for p in (student / "chapters" / "problems").glob("*.md"))
    assert "In this student edition" in pages


def test_lite_wheel_holds_no_answer(student: Path, tmp_path: Path) -> None:
    """The wheel build_lite.sh makes from the edition and JupyterLite installs."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--disable-pip-version-check", "-w",
                    str(tmp_path), str(student)], check=True, capture_output=True,
                   timeout=600)
    (wheel,) = tmp_path.glob("energylib-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "energylib/problems.py" in names
        assert not [n for n in names if "problemsets" in n]
        cards = [n for n in names if n.startswith("energylib/data/cards/")]
        assert len(cards) == 9
        by_name = {ps.name: list(ps.problems) for ps in PROBLEM_SETS.values()}
        for name in cards:
            readable = json.dumps([{k: v for k, v in e.items() if k != "key"}
                                   for e in json.loads(zf.read(name))["problems"]])
            found = leaks(readable, by_name[Path(name).stem])
            assert not found, (name, found)


def test_student_edition_drops_the_problem_sets_api_page(student: Path) -> None:
    assert (ROOT / "chapters" / "api" / "problemsets.md").is_file()  # positive control
    assert "chapters/api/problemsets" in (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert not (student / "chapters" / "api" / "problemsets.md").exists()
    assert "chapters/api/problemsets" not in (student / "_toc.yml").read_text(encoding="utf-8")
    assert "chapters/api/problems\n" in (student / "_toc.yml").read_text(encoding="utf-8")
    index = (student / "chapters" / "api" / "index.md").read_text(encoding="utf-8")
    assert "energylib.problemsets" not in index and "energylib.problems`" in index
