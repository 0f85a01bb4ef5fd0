"""Make the sources of a teaching edition of the book.

    python scripts/make_edition.py student OUT_DIR
    python scripts/make_edition.py instructor OUT_DIR
    python scripts/make_edition.py --strip-only IN.md OUT.md

The reader edition is the repository itself (solutions folded under each
exercise). The other two are made from a copy of its sources:

student     every solution removed (the ``solution-start`` ... ``solution-end``
            blocks, prose and code), so they are absent from the pages, the
            downloadable notebooks and the JupyterLite site alike; the answers
            too: ``energylib/problemsets/`` (the expected values and the code that
            computes them) is left out of the edition's package (and its API page
            out of the book), so its pages, its
            JupyterLite wheel and its sources hold only the hashed answer cards
            (``energylib/data/cards/``); the texts speak of the student edition
            (``STUDENT_WORDING``); no Binder or Colab button (they would open the
            repository's notebooks); the instructor guide's source left out;
instructor  every solution shown open (not folded), and the instructor guide
            (``chapters/instructor-guide.md``) added to the table of contents.

scripts/build_edition.sh builds an edition from these sources.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = ("student", "instructor")
# What a copy of the book needs; everything else (.venv, _build, node_modules, .git...)
# stays behind. _vendor holds the vendored browser assets.
SOURCES = ("_config.yml", "_toc.yml", "references.bib", "CITATION.cff", "LICENSE", "LICENSES",
           "CHANGELOG.md", "chapters", "_ext", "_static",
           "_vendor", "energylib", "pyproject.toml", "requirements.txt", "scripts")
SOLUTION = re.compile(r"^```\{solution-start\}.*?^```\{solution-end\}\n```\n?",
                      flags=re.S | re.M)
FOLDED = re.compile(r"^(```\{solution-start\}[^\n]*\n):class: dropdown\n", flags=re.M)
# What the student edition leaves out of its copy of energylib: the problem sets'
# expected values and the code that computes them (the autograder has them).
STUDENT_OMITS = ("energylib/problemsets", "chapters/api/problemsets.md")
# The API index's mention of the omitted module, and what the student edition says.
STUDENT_API_INDEX = ("{py:mod}`energylib.problemsets`, ", "")
# Sentences of the reader's edition and what the student edition says instead.
STUDENT_WORDING = {
    "In this reader's edition the solutions are folded below each problem; the student "
    "edition leaves them out.":
        "In this student edition the solutions are left out; your teacher has them.",
    "The exercises' solutions are folded under each exercise; they run as code, so a "
    "student can check a hand calculation against `energylib`.":
        "In this student edition the exercises come without their solutions; the problem "
        "sets check each answer against a hashed answer key.",
    "this reader's edition, a student edition with the solutions removed,":
        "a reader's edition, this student edition with the solutions removed,",
}
# Phrases no page of the student edition may keep (checked by tests/test_editions.py).
READER_PHRASES = ("reader's edition of the book", "this reader's edition",
                  "solutions are folded", "see the solution")


def student_wording(text: str) -> str:
    """The reader's-edition sentences of a page, as the student edition says them."""
    for old, new in STUDENT_WORDING.items():
        text = text.replace(old, new)
    return text


def strip_solutions(text: str) -> str:
    """The chapter without its solutions (gated ``solution-start``/``-end`` blocks)."""
    return SOLUTION.sub("", text)


def unfold_solutions(text: str) -> str:
    """The chapter with its solutions shown open rather than folded."""
    return FOLDED.sub(r"\1", text)


def _drop_files(node: object, files: set[str]) -> object:
    """A table of contents without the entries whose ``file`` is in ``files``."""
    if isinstance(node, list):
        return [_drop_files(item, files) for item in node
                if not (isinstance(item, dict) and item.get("file") in files)]
    if isinstance(node, dict):
        return {key: _drop_files(value, files) for key, value in node.items()}
    return node


def make(edition: str, out: Path) -> Path:
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, got {edition!r}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, out / name, ignore=shutil.ignore_patterns(
                "__pycache__", ".ipynb_checkpoints", "*.egg-info"))
        elif src.is_file():
            shutil.copy2(src, out / name)
    if edition == "student":
        # Not built in this edition; not shipped with its sources either.
        (out / "chapters" / "instructor-guide.md").unlink(missing_ok=True)
        for omitted in STUDENT_OMITS:
            path = out / omitted
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        index = out / "chapters" / "api" / "index.md"
        if index.is_file():
            index.write_text(index.read_text(encoding="utf-8").replace(*STUDENT_API_INDEX),
                             encoding="utf-8")
        toc = yaml.safe_load((out / "_toc.yml").read_text(encoding="utf-8"))
        (out / "_toc.yml").write_text(yaml.safe_dump(_drop_files(
            toc, {o.removesuffix(".md") for o in STUDENT_OMITS}), sort_keys=False),
            encoding="utf-8")
    for chapter in (out / "chapters").rglob("*.md"):
        text = chapter.read_text(encoding="utf-8")
        new = (student_wording(strip_solutions(text)) if edition == "student"
               else unfold_solutions(text))
        chapter.write_text(new, encoding="utf-8")

    config = yaml.safe_load((out / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"{config['title']} ({edition} edition)"
    if edition == "student":
        # Binder and Colab would open the repository's notebooks, solutions included;
        # students get the download and JupyterLite, both made from this edition.
        config["sphinx"]["config"]["notebook_links_remote"] = False
    (out / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False,
                                                    allow_unicode=True), encoding="utf-8")
    if edition == "instructor":
        toc = yaml.safe_load((out / "_toc.yml").read_text(encoding="utf-8"))
        toc["parts"].append({"caption": "For instructors",
                             "chapters": [{"file": "chapters/instructor-guide"}]})
        (out / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--strip-only":
        text = Path(argv[1]).read_text(encoding="utf-8")
        Path(argv[2]).write_text(strip_solutions(text), encoding="utf-8")
        return 0
    if len(argv) != 2 or argv[0] not in EDITIONS:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"make_edition: {make(argv[0], Path(argv[1]))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
