"""The teaching editions and the PDF, built as README's Teaching section says.

- Student edition: no solution anywhere, not in the pages, not in the downloadable
  notebooks, not in the JupyterLite site; the problem sets show nothing answered.
- Instructor edition: every solution present and open, and the instructor guide.
- Reader edition (the default site): solutions present (folded); every problem set
  shows all its problems checked correct.
- PDF: exists, holds every chapter's title, typeset math (no raw TeX), a figure per
  explorer.

Each check has its positive control: a solution line looked for in the student
edition is first found in the reader edition, so the search itself can succeed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from booktools import ROOT, once_per_run, run_script, toc_docnames

sys.path.insert(0, str(ROOT / "scripts"))
from make_edition import SOLUTION  # noqa: E402

pytestmark = pytest.mark.book

EDITIONS = ROOT / "_build" / "editions"
CHAPTERS = [doc for doc in toc_docnames() if "solution-start" in (ROOT / f"{doc}.md").read_text()]
PROBLEM_SETS = [doc for doc in toc_docnames() if doc.startswith("chapters/problems/")]


def build(*command: str) -> None:
    """Run a build script once per test run (shared by the pytest-xdist workers)."""

    def run() -> None:
        done = run_script(*command)
        assert done.returncode == 0, (done.stdout[-4000:] + done.stderr[-4000:])

    once_per_run(" ".join(command).replace("/", "_"), run, lambda: None)


@pytest.fixture(scope="session")
def student_site() -> Path:
    build("scripts/build_edition.sh", "student")
    return EDITIONS / "student" / "_build" / "html"


@pytest.fixture(scope="session")
def instructor_site() -> Path:
    build("scripts/build_edition.sh", "instructor")
    return EDITIONS / "instructor" / "_build" / "html"


@pytest.fixture(scope="session")
def book_pdf(built_book: Path) -> Path:
    # After the book's build: the one-page build reuses its executed chapters (_build/.doctrees).
    build("scripts/build_pdf.sh")
    return ROOT / "_build" / "pdf" / "inference-energy.pdf"


def page_text(html_file: Path) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())


def squash(text: str) -> str:
    """Text without any whitespace: highlighted code splits lines into spans."""
    return re.sub(r"\s+", "", text)


def solution_lines(doc: str, reader_page: str) -> list[str]:
    """One line of each solution of a chapter, unique to it, as the reader page shows it.

    A line of code, or of prose without math, roles or quotes (which the page renders
    differently), that occurs once in the chapter's source and is found on the reader
    edition's page: the positive control for the search in the other editions.
    """
    source = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    page = squash(reader_page)
    found = []
    for block in SOLUTION.findall(source):
        in_code, hit = False, None
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("```"):
                in_code = line.startswith("```{code-cell")
                continue
            if not line or line.startswith((":", "#")) or source.count(raw) != 1:
                continue
            if not in_code:
                if any(c in line for c in "${}\"'") or "--" in line or "..." in line:
                    continue
                line = re.sub(r"[`*_]", "", re.sub(r"^(?:[-*] |\d+\. )", "", line))
            if len(line) >= 20 and squash(line) in page:
                hit = squash(line)
                break
        assert hit, f"{doc}: no line of this solution found on the reader page:\n{block[:400]}"
        found.append(hit)
    return found


@pytest.mark.parametrize("doc", CHAPTERS)
def test_student_edition_has_no_solutions(doc: str, built_book: Path, student_site: Path) -> None:
    lines = solution_lines(doc, page_text(built_book / f"{doc}.html"))
    student = squash(page_text(student_site / f"{doc}.html"))
    student_html = (student_site / f"{doc}.html").read_text(encoding="utf-8")
    notebook = (student_site / "_sources" / f"{doc}.ipynb").read_text(encoding="utf-8")
    lite = (student_site / "lite" / "files" / f"{doc}.ipynb").read_text(encoding="utf-8")
    for line in lines:
        assert line not in student, f"{doc}: solution text in the student page: {line!r}"
        for where, text in (("download", notebook), ("JupyterLite", lite)):
            as_text = json.loads(text)
            cells = squash("".join("".join(c["source"]) for c in as_text["cells"]))
            assert line not in cells, f"{doc}: solution in the student {where} notebook: {line!r}"
    assert 'class="solution' not in student_html and "solution-start" not in notebook


@pytest.mark.parametrize("doc", CHAPTERS)
def test_instructor_edition_has_every_solution_open(
        doc: str, built_book: Path, instructor_site: Path) -> None:
    lines = solution_lines(doc, page_text(built_book / f"{doc}.html"))
    html = (instructor_site / f"{doc}.html").read_text(encoding="utf-8")
    text = squash(page_text(instructor_site / f"{doc}.html"))
    for line in lines:
        assert line in text, f"{doc}: solution missing in the instructor edition: {line!r}"
    solutions = re.findall(r'<div class="([^"]*\bsolution\b[^"]*)"', html)
    source = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    assert len(solutions) == source.count("solution-start"), (doc, solutions)
    assert not [c for c in solutions if "dropdown" in c], f"{doc}: folded solutions"


def test_instructor_edition_has_the_guide(instructor_site: Path) -> None:
    guide = instructor_site / "chapters" / "instructor-guide.html"
    assert guide.is_file()
    text = page_text(guide)
    for session in range(1, 7):
        assert f"Session {session}" in text, f"the guide has no session {session}"
    for needed in ("Discussion questions", "misconception", "rubric", "six sessions at a glance",
                   "nine sessions: a mapping", "Exit tickets: answer keys", "Accommodations",
                   "python -m teaching grade", "--roster", "not a secure test"):
        assert needed.lower() in text.lower(), f"the guide lacks {needed!r}"
    assert "instructor-guide.html" in (instructor_site / "chapters" / "intro.html").read_text()


def test_reader_edition_has_no_guide_and_folded_solutions(built_book: Path) -> None:
    assert not (built_book / "chapters" / "instructor-guide.html").exists()
    html = (built_book / "chapters" / "temporal-infinity.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="[^"]*\bsolution\b[^"]*\bdropdown\b', html)


@pytest.mark.parametrize("doc", PROBLEM_SETS)
def test_problem_sets_all_correct_in_reader_and_blank_for_students(
        doc: str, built_book: Path, student_site: Path) -> None:
    reader = page_text(built_book / f"{doc}.html")
    k = re.search(r"(\d+) of (\d+) problems correct", reader)
    assert k and k.group(1) == k.group(2), f"{doc}: reader edition score {k and k.group(0)}"
    student = page_text(student_site / f"{doc}.html")
    assert f"0 of {k.group(2)} problems correct" in student, f"{doc}: student edition score"
    assert "not answered yet" in student
    assert "In this student edition" in student and "reader's edition" not in student


def test_student_site_ships_no_answers(student_site: Path) -> None:
    """The built student site: its JupyterLite wheel and notebooks hold no answer code."""
    import zipfile

    wheels = list((student_site / "lite").rglob("energylib-*.whl"))
    assert wheels, "no energylib wheel in the student site's JupyterLite"
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            names = zf.namelist()
        assert "energylib/problems.py" in names
        assert not [n for n in names if "problemsets" in n], wheel
        assert len([n for n in names if n.startswith("energylib/data/cards/")]) == 9
    for doc in PROBLEM_SETS:
        for notebook in (student_site / "_sources" / f"{doc}.ipynb",
                         student_site / "lite" / "files" / f"{doc}.ipynb"):
            text = notebook.read_text(encoding="utf-8")
            assert "energylib.problemsets" not in text and "solution-start" not in text


def test_pdf_holds_the_whole_book(book_pdf: Path) -> None:
    import unicodedata

    # PDFium (the PDF engine of Chromium) reads the 760-page PDF's text and images in
    # about 2 s; pypdf took 40 s.
    import pypdfium2
    import pypdfium2.raw as pdfium_raw

    assert book_pdf.is_file() and book_pdf.stat().st_size > 100_000
    pdf = pypdfium2.PdfDocument(book_pdf)
    pages, images = [], 0
    for page in pdf:
        pages.append(page.get_textpage().get_text_bounded())
        images += sum(1 for _ in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE]))
    # NFKC: the PDF's text uses ligatures (the "fi" of "infinity" is one glyph).
    text = unicodedata.normalize("NFKC", "\n".join(pages))
    flat = " ".join(text.split())
    docs = toc_docnames()
    assert len(pages) >= 2 * len(docs), f"only {len(pages)} pages"
    for doc in docs:
        source = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
        title = re.search(r"^# (.+)$", source, flags=re.M).group(1).strip()
        words = " ".join(re.sub(r"[*_`]", "", title).split())
        flat_plain = flat.replace("_", "")  # an API page's title is a module name
        assert words in flat_plain, f"the PDF lacks the chapter {title!r}"
    # Raw TeX outside code: the code cells that print SymPy's LaTeX (display(Math(r"..."))
    # show TeX in their source on purpose; everywhere else it means untypeset math.
    prose = "\n".join(line for line in text.splitlines()
                       if not re.search(r'r"|Math\(|latex\(|lhs|rhs', line))
    for raw in ("\\(", "\\[", "$$", "\\frac", "\\begin{", "\\mathrm"):
        assert raw not in prose, f"raw TeX {raw!r} in the PDF: math not typeset"
    explorers = sum(1 for doc in docs if "Explorer(" in (ROOT / f"{doc}.md").read_text())
    assert flat.count("Explorer at its default settings") == explorers
    assert "References" in flat
    # Every figure of the book's pages is in the PDF (plus each explorer's chart).
    book = (ROOT / "_build" / "singlehtml" / "book.html").read_text(encoding="utf-8")
    figures = book.count('src="_images/')
    assert figures > 10 and images >= figures, f"{images} images in the PDF, {figures} figures"
