"""Shared set-up of the tests: Hypothesis profiles, the test tiers, the built book.

Tiers (pyproject.toml declares the markers):

- fast: ``-m "not book and not browser and not slow"`` (``bash scripts/test.sh --fast``):
  energylib's unit tests and doctests. It never builds: scripts/test.sh --fast sets
  BOOK_TESTS_NO_BUILD=1, under which every build (tests/booktools.py) fails the test.
- full: everything (``bash scripts/test.sh``), with pytest-xdist workers.

A test that uses one of BUILD_FIXTURES must be marked ``book`` or ``browser``: collection
fails otherwise (pytest_collection_modifyitems below).

The book is built once per test run, whatever the number of xdist workers
(booktools.once_per_run), with the same command as scripts/build.sh.

Hypothesis runs derandomized by default (profile "derandomized"): the same examples on
every run, so a run never fails by chance. Random exploration, to look for new
counterexamples (each one found becomes an ``@example`` of its test):

    HYPOTHESIS_PROFILE=explore bash scripts/test.sh --fast
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from booktools import (
    HTML,
    ROOT,
    ensure_vendored_assets,
    forbid_build_in_fast_tier,
    log_tail,
    once_per_run,
    run_build,
    run_script,
)
from hypothesis import HealthCheck, settings

# --------------------------------------------------------------------- Hypothesis

# No deadline in either profile: a slow example on a busy machine is not a failure.
settings.register_profile("derandomized", derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", derandomize=False, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "derandomized"))

# --------------------------------------------------------------------- tiers

# The fixtures that build (the book, its JupyterLite site, the editions, the PDF).
BUILD_FIXTURES = {"built_book", "site_url", "lite_site", "student_site", "instructor_site",
                  "book_pdf"}
BUILD_MARKERS = {"book", "browser"}

# Unit tests and doctests that take seconds each (measured on the 2-core machine: these
# were about 70% of the unit tests' time), marked `slow`: the full suite runs them, the
# fast tier does not. SymPy derivations of closed forms and limits, every control of the
# agent explorer at its extremes, and the web explorers' JavaScript run in Node.
# A node id starts with one of these.
SLOW = (
    "tests/test_web_explorers.py::",
    "tests/test_explorers.py::test_every_position_redraws_and_matches_energylib[machines",
    "tests/test_agents.py::test_sympy_",
    "tests/test_symbolic.py::test_cumulative_energy_matches_sympy_closed_form",
    "tests/test_analogies.py::test_sympy_matches_numpy",
    "energylib/symbolic/agents.py::",
    # Each shipped answer card re-hashed at its full 2,000 SHA-256 rounds (about 3 s a
    # set); the fast tier checks the grading logic with quick hashes (test_problem_sets).
    "tests/test_problem_sets.py::test_answer_card_is_current_and_agrees_with_the_problem_set",
)


# Work that one test run does once and several tests share: a build of an edition or of
# the PDF (session fixtures), or a module's costly set-up (the autograder's fresh copy, a
# JupyterLab server, the slides). The tests sharing one go to one pytest-xdist worker, as
# one unit of work (pytest_xdist_make_scheduler below); every other test is a unit of its
# own. Without the groups the tests were spread over both workers, and the second worker
# to need an edition sat idle until the first had built it (booktools.once_per_run),
# built the grading set-up a second time, or collided building the slides.
# (pytest-xdist's own --dist loadgroup marks do not group under pytest 9: measured.)
# A node id prefix, and its group; the first prefix that matches wins.
XDIST_GROUPS = {
    "tests/test_editions.py::test_student_": "student-edition",
    "tests/test_editions.py::test_problem_sets_all_correct_in_reader_and_blank_for_students":
        "student-edition",
    "tests/test_editions.py::test_instructor_": "instructor-edition",
    "tests/test_editions.py::test_pdf_": "pdf",
    "tests/test_grading.py::": "grading",
    "tests/test_jupyterlab.py::": "jupyterlab",
    "tests/test_slides.py::": "slides",
    "tests/test_student_answers.py::": "student-answers",
}
# The session fixtures that build, and the group of the tests that use them (checked at
# collection: a test using one outside its group fails the collection).
FIXTURE_GROUPS = {"student_site": "student-edition", "instructor_site": "instructor-edition",
                  "book_pdf": "pdf"}


def xdist_group(nodeid: str) -> str | None:
    """The group of XDIST_GROUPS a test belongs to, from its node id; None if none."""
    for prefix, group in XDIST_GROUPS.items():
        if nodeid.startswith(prefix):
            return group
    return None


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Load scheduling in which each group of XDIST_GROUPS is one unit of work.

    The largest units go first (pytest-xdist's default reordering), so the editions'
    and the autograder's builds start at once, on both workers, while a worker that
    finishes its unit takes the next test from the queue. The fast tier (no build)
    keeps pytest-xdist's own scheduling, which sends tests in batches: one unit per test
    made its 7,000 small tests about 30 % slower.
    """
    if os.environ.get("BOOK_TESTS_NO_BUILD"):
        return None   # the fast tier builds nothing: pytest-xdist's own load scheduling
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return xdist_group(nodeid) or nodeid

    return GroupScheduling(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unmarked, ungrouped = [], []
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)
        for fixture in FIXTURE_GROUPS.keys() & set(getattr(item, "fixturenames", ())):
            if xdist_group(item.nodeid) != FIXTURE_GROUPS[fixture]:
                ungrouped.append(f"{item.nodeid} (uses {fixture})")
        marks = {m.name for m in item.iter_markers()}
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())) and not BUILD_MARKERS & marks:
            unmarked.append(item.nodeid)
    if ungrouped:
        raise pytest.UsageError(
            "tests that use a shared build must be in its group (XDIST_GROUPS):\n  "
            + "\n  ".join(ungrouped))
    if unmarked:
        raise pytest.UsageError(
            "tests that build the book must be marked `book` or `browser`:\n  "
            + "\n  ".join(unmarked))


# --------------------------------------------------------------------- the built book

@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book strictly once per test run (incrementally, as scripts/build.sh does).

    scripts/test.sh builds the book before pytest starts, so here the build only checks
    that nothing changed (a no-change rebuild executes nothing). Returns _build/html.
    """
    forbid_build_in_fast_tier("the built_book fixture")

    def build() -> Path:
        ensure_vendored_assets()
        proc = run_build(ROOT)
        if proc.returncode != 0:
            pytest.fail(f"strict book build failed (exit {proc.returncode}):\n"
                        f"{log_tail(proc)}", pytrace=False)
        return HTML

    def reuse() -> Path:
        if not (HTML / "index.html").is_file():
            pytest.fail("the book build of another worker failed", pytrace=False)
        return HTML

    return once_per_run("built_book", build, reuse)


@pytest.fixture(scope="session")
def lite_site(built_book: Path) -> Path:
    """The JupyterLite site, built (or found up to date) as scripts/build.sh does."""

    def build() -> Path:
        done = run_script(str(ROOT / "scripts" / "build_lite.sh"), timeout=900)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        return built_book / "lite"

    return once_per_run("lite_site", build, lambda: built_book / "lite")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, one per test module (Playwright drives it)."""
    from browsertools import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        """A browser that closes a connection early (e.g. for favicon.ico) is no error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url(built_book: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (ephemeral port) for the session."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
