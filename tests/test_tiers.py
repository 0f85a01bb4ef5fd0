"""The fast tier never builds: its guard, and the markers that keep builds out of it.

scripts/test.sh --fast runs ``-m "not book and not browser and not slow"`` with
BOOK_TESTS_NO_BUILD=1. Three things keep a build out of that selection:
collection fails when a test uses a build fixture without the ``book``/``browser``
marker (tests/conftest.py); every test module that calls a build helper is marked as a
whole (checked here); and any build attempted anyway fails (checked here).
"""

from __future__ import annotations

import re
from pathlib import Path

import booktools
import pytest
from conftest import BUILD_FIXTURES, BUILD_MARKERS

TESTS = Path(__file__).parent
BUILD_CALLS = re.compile(r"\b(run_build|run_script|copy_tiny_book|build_edition|book_build)\b")


def test_every_build_fails_when_the_fast_tier_forbids_it(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(booktools.NO_BUILD, "1")
    with pytest.raises(RuntimeError, match="fast tier"):
        booktools.run_build(tmp_path)
    with pytest.raises(RuntimeError, match="fast tier"):
        booktools.run_script("scripts/build_lite.sh")


def test_modules_that_build_are_marked_as_a_whole() -> None:
    mark = re.compile(r"^pytestmark = pytest\.mark\.(\w+)", flags=re.M)
    for module in sorted(TESTS.glob("test_*.py")):
        if module.name == Path(__file__).name:
            continue
        source = module.read_text(encoding="utf-8")
        uses_fixture = any(re.search(rf"\b{f}\b", source) for f in BUILD_FIXTURES)
        if BUILD_CALLS.search(source) or uses_fixture:
            marked = mark.search(source)
            assert marked and marked.group(1) in BUILD_MARKERS, (
                f"{module.name} builds the book: give it `pytestmark = pytest.mark.book` "
                "(or browser)")


def test_the_fast_selection_excludes_the_build_markers() -> None:
    script = (TESTS.parent / "scripts" / "test.sh").read_text(encoding="utf-8")
    selection = re.search(r'-m "([^"]+)"', script).group(1)
    assert {f"not {m}" for m in BUILD_MARKERS} <= {s.strip() for s in selection.split("and")}
    assert "BOOK_TESTS_NO_BUILD=1" in script
