"""The strict build of the book, and that it is honest: it fails when it should.

The book itself is built once per test run (the built_book fixture, shared with the
browser tests). The sabotage checks build a tiny copy (booktools.copy_tiny_book: the
book's configuration, extensions, energylib and bibliography, three small pages), which
builds in seconds: what they check is the build's strictness, not the chapters.
Each check also builds the unbroken copy or keeps a positive control, so it can fail.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from booktools import copy_tiny_book, log_tail, run_build, toc_docnames

pytestmark = pytest.mark.book


def test_strict_build_produces_every_page(built_book: Path) -> None:
    for doc in toc_docnames():
        assert (built_book / f"{doc}.html").is_file(), f"{doc}.html not built"
    # A cell that raised would leave its traceback in reports/ (non-strict builds).
    reports = built_book / "reports"
    assert not reports.exists() or not any(reports.iterdir()), sorted(reports.iterdir())
    for page in built_book.rglob("*.html"):
        parts = page.relative_to(built_book).parts
        # The energylib reference and its highlighted sources (viewcode's _modules/) show
        # docstring examples whose expected output is an exception: not an executed cell.
        if "vendor" in parts or "_modules" in parts or parts[:2] == ("chapters", "api"):
            continue
        assert "Traceback" not in page.read_text(encoding="utf-8"), f"traceback in {page}"


def _fails(proc, *expected: str) -> None:
    """The build must have failed, with each `expected` text in its log."""
    assert proc.returncode != 0, f"build passed but should fail:\n{log_tail(proc)}"
    for text in expected:
        assert text in proc.stdout, f"{text!r} not in the build log:\n{log_tail(proc)}"


def test_energylib_change_is_never_hidden_by_the_cache(tmp_path: Path) -> None:
    """Build a copy; break the copy's energylib; the incremental rebuild must fail."""
    book = copy_tiny_book(tmp_path / "book")
    first = run_build(book)
    assert first.returncode == 0, f"clean copy failed to build:\n{log_tail(first)}"

    with (book / "energylib" / "__init__.py").open("a") as f:
        f.write('\nraise ImportError("sabotage")\n')
    second = run_build(book)  # incremental: no --all
    _fails(second, "sabotage")


def test_failing_cell_fails_the_build(tmp_path: Path) -> None:
    book = copy_tiny_book(tmp_path / "book")
    chapter = book / "chapters" / "tiny-page.md"
    with chapter.open("a") as f:
        f.write('\n```{code-cell} ipython3\nraise RuntimeError("cell sabotage")\n```\n')
    _fails(run_build(book), "cell sabotage")


_KERNEL_FACTS = """
```{code-cell} ipython3
import json, os, sys
facts = {"cwd": os.getcwd(), "warm": "scipy.stats" in sys.modules,
         "energylib": "energylib" in sys.modules, "backend": os.environ.get("MPLBACKEND"),
         "own_session": os.getsid(0) == os.getpid(),
         "path_has_scripts": any(p.endswith("scripts") for p in sys.path)}
import matplotlib.pyplot as plt
from energylib.figures.data import MIME
facts["hook"] = MIME in get_ipython().display_formatter.formatters  # noqa: F821
print("KERNEL-FACTS", json.dumps(facts), "KERNEL-FACTS-END")
fig, ax = plt.subplots()
_ = ax.plot([0, 1], [0, 1])
```
"""


def test_forked_kernels_start_like_fresh_ones(tmp_path: Path, monkeypatch) -> None:
    """scripts/forked_kernels.py: the build's kernels are forks of a warm process (SciPy is
    already imported) that start as `python -m ipykernel_launcher` would: in the chapter's
    folder, in a session of their own, with Matplotlib's inline backend and energylib
    imported afresh by the chapter (so its IPython hook for the figures' data registers);
    the page is the one fresh kernels make (BOOK_FORK_KERNELS=0); a kernel that dies
    fails the build."""
    pages = {}
    for fork in ("1", "0"):
        monkeypatch.setenv("BOOK_FORK_KERNELS", fork)
        book = copy_tiny_book(tmp_path / f"book{fork}")
        chapter = book / "chapters" / "tiny-page.md"
        text = chapter.read_text()
        first_cell = text.index("```{code-cell}")   # the facts come from the first cell
        chapter.write_text(text[:first_cell] + _KERNEL_FACTS.lstrip() + "\n"
                           + text[first_cell:])
        built = run_build(book)
        assert built.returncode == 0, log_tail(built)
        page = (book / "_build" / "html" / "chapters" / "tiny-page.html").read_text()
        facts = re.search(r"KERNEL-FACTS (.*?) KERNEL-FACTS-END", page, re.S)
        pages[fork] = (json.loads(html.unescape(facts.group(1))),
                       page.replace(facts.group(0), "").replace(str(book), "BOOK"))
        assert pages[fork][0] == {"cwd": str(chapter.parent), "warm": fork == "1",
                                  "energylib": False,
                                  "backend": "module://matplotlib_inline.backend_inline",
                                  "own_session": True, "path_has_scripts": False,
                                  "hook": True}, fork
        assert re.search(r'<img[^>]+src="[^"]+\.png"', page), "the figure is not an image"
    assert pages["1"][1] == pages["0"][1], "forked and fresh kernels made different pages"

    monkeypatch.setenv("BOOK_FORK_KERNELS", "1")
    with chapter.open("a") as f:
        f.write("\n```{code-cell} ipython3\nos._exit(3)\n```\n")
    _fails(run_build(book), "DeadKernelError")


def test_broken_reference_and_missing_citation_fail_the_build(tmp_path: Path) -> None:
    """Both are warnings, so -W --keep-going reports both in one failing build.

    A second, unchanged build must fail too: a failed build must not leave the broken
    chapter cached as "read" (see _ext/energylib_dependency.py, forget_failed_build).
    """
    book = copy_tiny_book(tmp_path / "book")
    with (book / "chapters" / "intro.md").open("a") as f:
        f.write("\nSee {ref}`no-such-label-sabotage` and {cite}`nosuchkey2099sabotage`.\n")
    first = run_build(book)
    _fails(first, "no-such-label-sabotage", "nosuchkey2099sabotage")
    _fails(run_build(book), "no-such-label-sabotage", "nosuchkey2099sabotage")


def test_stored_doctrees_hold_their_page_only(built_book: Path) -> None:
    """_ext/lean_doctrees.py: no stored page refers to another document (and through its
    settings to the whole build environment), and sphinx-exercise's registry keeps no
    page. Before it, each API page's doctree weighed about 5 MB (170 MB in all) and the
    environment 7 MB; a page's own doctree is well under 1 MB."""
    import pickle

    doctrees = built_book.parent / ".doctrees"
    stored = sorted(doctrees.rglob("*.doctree"))
    assert len(stored) >= len(toc_docnames()), "the doctrees are missing"
    api_pages = [path for path in stored if path.parent.name == "api"]
    assert api_pages, "no API page's doctree: the check would prove nothing"
    for path in stored:
        doctree = pickle.loads(path.read_bytes())
        foreign = [node for node in doctree.findall(include_self=False)
                   if getattr(node, "_document", None) not in (None, doctree)]
        assert not foreign, f"{path.name}: {len(foreign)} nodes refer to another document"
        assert path.stat().st_size < 1_500_000, f"{path}: {path.stat().st_size} bytes"
    env = pickle.loads((doctrees / "environment.pickle").read_bytes())
    registry = env.sphinx_exercise_registry
    assert registry, "no exercise registered: the check would prove nothing"
    for label, entry in registry.items():
        node = entry["node"]
        assert node.parent is None and node.document is None, f"{label} keeps its page"


def test_a_failed_parallel_task_is_never_lost_or_left_running() -> None:
    """scripts/book_build.py hardens Sphinx's ParallelTasks: a failure found while the
    next task starts is raised (Sphinx 7.4 swallowed it), and no task outlives the
    failure (one left running blocked on its pipe, and the build hung at exit)."""
    import multiprocessing
    import sys
    import time

    from booktools import ROOT
    from sphinx.errors import SphinxParallelError
    from sphinx.util.parallel import ParallelTasks

    sys.path.insert(0, str(ROOT / "scripts"))
    from book_build import harden_parallel_tasks

    def fail(_arg: object) -> None:
        raise RuntimeError("task sabotage")

    def slow(_arg: object) -> bytes:
        time.sleep(30)
        return b"x" * 1_000_000   # more than a pipe holds

    original = (ParallelTasks.add_task, ParallelTasks.terminate)
    harden_parallel_tasks()
    try:
        tasks = ParallelTasks(2)
        started = time.monotonic()
        with pytest.raises(SphinxParallelError, match="task sabotage"):
            tasks.add_task(fail, 0)
            time.sleep(1.0)          # the failure is in the pipe before the next task
            tasks.add_task(slow, 1)
            tasks.add_task(slow, 2)
            tasks.join()
        assert time.monotonic() - started < 20, "the slow tasks were waited for"
        assert not multiprocessing.active_children(), "a task outlived the failure"
    finally:
        ParallelTasks.add_task, ParallelTasks.terminate = original


def test_long_chapters_are_read_first(tmp_path: Path) -> None:
    """scripts/book_build.py's ``longest_first`` chunks, run by Sphinx's own ParallelTasks
    (which starts waiting tasks newest first), start the chapters with code longest first,
    one per chunk, and batch the pages without code: no long chapter is left for last."""
    import sys
    import time

    from booktools import ROOT
    from sphinx.util.parallel import ParallelTasks

    sys.path.insert(0, str(ROOT / "scripts"))
    from book_build import longest_first

    sizes = {f"code{i}": 1000 * i for i in range(1, 8)}          # chapters with code
    for name, size in sizes.items():
        (tmp_path / f"{name}.md").write_text("```{code-cell} ipython3\n" + "x" * size)
    for i in range(12):                                            # pages without code
        (tmp_path / f"page{i}.md").write_text("y" * 50_000)
    docnames = sorted([*sizes, *(f"page{i}" for i in range(12))])
    # One process, so that the order the tasks start in is the order they write in.
    chunks = longest_first(str(tmp_path), batch=5)(docnames, 1)
    assert sorted(d for c in chunks for d in c) == docnames
    assert sum(len(c) == 1 for c in chunks) >= len(sizes)
    log = tmp_path / "started.log"

    def read(chunk: list[str]) -> None:
        with log.open("a") as f:
            f.write(",".join(chunk) + "\n")
        time.sleep(0.05)

    tasks = ParallelTasks(1)
    for chunk in chunks:
        tasks.add_task(read, chunk)
    tasks.join()
    started = log.read_text().split()
    longest = sorted(sizes, key=sizes.get, reverse=True)
    assert started[:len(sizes)] == longest, started
