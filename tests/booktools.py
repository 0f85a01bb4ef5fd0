"""Helpers of the book tests: build the book strictly, in this checkout or in a copy.

Every build the tests start goes through this module (run_build, run_script_once), so
the fast tier can forbid them: with BOOK_TESTS_NO_BUILD=1 (scripts/test.sh --fast) a
build is a test failure, which shows that the fast selection never builds.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"

# The strict build of scripts/build.sh: scripts/book_build.py is `jupyter-book build`
# with Sphinx's parallel build (-j). The venv's python (sys.executable is not resolved:
# that would leave the venv).
BOOK_BUILD = [sys.executable, str(ROOT / "scripts" / "book_build.py")]
BUILD_ARGS = ["-j", "auto", ".", "-W", "-n", "--keep-going"]
BUILD_TIMEOUT_S = 900  # a cold strict build takes 1-3 min here, even under load
NO_BUILD = "BOOK_TESTS_NO_BUILD"
LOCKS = ROOT / "_build" / ".test-locks"

T = TypeVar("T")


def forbid_build_in_fast_tier(what: str) -> None:
    """Raise when the fast tier (BOOK_TESTS_NO_BUILD=1) tries to build anything."""
    if os.environ.get(NO_BUILD):
        raise RuntimeError(f"{what}: a build in the fast tier ({NO_BUILD} is set); mark the "
                           "test `book` or `browser` (see tests/conftest.py)")


@contextlib.contextmanager
def exclusive(name: str) -> Iterator[None]:
    """Hold the lock `name` (a file under _build/.test-locks/) across processes."""
    LOCKS.mkdir(parents=True, exist_ok=True)
    with (LOCKS / f"{name}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def once_per_run(name: str, make: Callable[[], T], reuse: Callable[[], T]) -> T:
    """`make()` once per test run, however many pytest-xdist workers ask; else `reuse()`.

    Session fixtures run once per worker: the first worker to get here makes the thing
    (a build) under a lock; the others wait for it and then `reuse()` what it made.
    Without xdist there is one process, and `make()` runs.
    """
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if not run:
        return make()
    with exclusive(name):
        stamp = LOCKS / f"{name}.done"
        if stamp.is_file() and stamp.read_text() == run:
            return reuse()
        stamp.unlink(missing_ok=True)
        made = make()
        stamp.write_text(run)
        return made


def build_env(root: Path) -> dict[str, str]:
    """Environment for a build of the book in `root`: its own energylib is imported.

    The venv has energylib installed editable from the main checkout; PYTHONPATH comes
    first on sys.path (of the build and of the kernels it starts), so a copy's energylib
    wins.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    return env


def run_bounded(command: list[str], *, cwd: Path, timeout: float, env: dict | None = None,
                stderr: int = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    """Run `command`; past `timeout` seconds, kill it with all it started, and fail.

    ``subprocess.run(timeout=...)`` kills only the process it started, then waits for
    the output pipes to close, which a child of that process (a forked Sphinx task, a
    Jupyter kernel) can hold open for ever. Here the command leads a process group of
    its own, and the whole group is killed: a hung build fails the test in bounded time
    instead of stalling the run.
    """
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=stderr,
                            text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"{' '.join(command)} (in {cwd}) ran over {timeout:.0f} s and was "
                    f"killed; its output ends:\n{(out or '')[-3000:]}{(err or '')[-3000:]}")
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def run_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Build the book in `root` strictly; return the finished process (stdout+stderr)."""
    forbid_build_in_fast_tier(f"strict build of {root}")
    return run_bounded([*BOOK_BUILD, *BUILD_ARGS, *extra], cwd=root, env=build_env(root),
                       timeout=BUILD_TIMEOUT_S, stderr=subprocess.STDOUT)


def log_tail(proc: subprocess.CompletedProcess[str], lines: int = 60) -> str:
    return "\n".join(proc.stdout.splitlines()[-lines:])


def run_script(*command: str, timeout: int = 1800) -> subprocess.CompletedProcess[str]:
    """Run `bash scripts/<...>.sh args` (a build) from the top; the finished process."""
    forbid_build_in_fast_tier(" ".join(command))
    return run_bounded(["bash", *command], cwd=ROOT, timeout=timeout)


def ensure_vendored_assets() -> None:
    """The site's MathJax, require.js, widget manager and uPlot, vendored from npm.

    vendor_assets.sh does nothing when _vendor/ is up to date with package-lock.json.
    """
    subprocess.run(["bash", str(ROOT / "scripts" / "vendor_assets.sh")], check=True,
                   stdout=subprocess.DEVNULL)


def toc_docnames() -> list[str]:
    """Every document of _toc.yml (root, parts, chapters, sections), in order."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    names = [toc["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                names.append(entry["file"])
            walk(entry.get("sections", []))
            for part in entry.get("parts", []):
                walk(part.get("chapters", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    return [re.sub(r"\.(md|ipynb)$", "", n) for n in names]


# The tiny book of the sabotage checks: the book's own configuration, extensions,
# energylib and bibliography, with small pages instead of the chapters. What the
# checks test (strict execution, warnings as errors, energylib in the cache key, failed
# builds not cached) is the build's, not the chapters'; the tiny book builds in seconds.
# Two pages run code; with the plain pages there are more than five documents, so Sphinx
# reads them in parallel (-j), as it reads the book.
TINY_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""
TINY_PAGES = {
    "chapters/intro": """
        (intro)=
        # A tiny book

        Energy of one day, from energylib ({cite}`{key}`, see {ref}`tiny-page`).

        ```{code-cell} ipython3
        import energylib as el

        el.units.DAY
        ```
        """,
    "chapters/tiny-page": """
        (tiny-page)=
        # A page that computes

        ```{code-cell} ipython3
        from energylib.units import DAY, YEAR

        YEAR / DAY
        ```
        """,
    "chapters/references": """
        (references)=
        # References

        ```{bibliography}
        ```
        """,
    **{f"chapters/tiny-notes-{k}": f"""
        # Notes {k}

        A page without code ({{term}}`energy` is in the glossary).
        """ for k in (1, 2, 3)},
    "chapters/glossary": """
        # Glossary

        ```{glossary}
        energy
          What the book counts, in joules.
        ```
        """,
}


def copy_tiny_book(dest: Path) -> Path:
    """A book of TINY_PAGES with this checkout's _config.yml, _ext, energylib, bibliography."""
    dest.mkdir(parents=True)
    # CITATION.cff and the licences: _ext/readers_site.py reads them for the footer.
    for name in ("_config.yml", "references.bib", "pyproject.toml", "CITATION.cff",
                 "LICENSE", "CHANGELOG.md"):
        shutil.copy2(ROOT / name, dest / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "LICENSES", dest / "LICENSES")
    for folder in ("_ext", "energylib"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=ignore)
    vendor = ROOT / "_vendor"
    (dest / "_vendor").symlink_to(vendor.resolve() if vendor.exists() else vendor)
    key = re.search(r"@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text()).group(1)
    for doc, body in TINY_PAGES.items():
        page = dest / f"{doc}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        header = TINY_HEADER if "code-cell" in body else ""
        page.write_text(header + textwrap.dedent(body).replace("{key}", key))
    toc = {"format": "jb-book", "root": "chapters/intro",
           "chapters": [{"file": doc} for doc in TINY_PAGES if doc != "chapters/intro"]}
    (dest / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False))
    return dest


def copy_sources(dest: Path) -> Path:
    """Copy the book's sources (not .venv, _build, node_modules...) to `dest`, as a fresh
    clone would have them; the vendored assets (_vendor) come along so the copy builds
    without npm."""
    ignore = shutil.ignore_patterns(
        ".git", ".venv", ".venv-lite", ".venv-lab", "_build", "node_modules", ".pytest_cache",
        ".hypothesis", ".mypy_cache", ".ruff_cache", "__pycache__", ".ipynb_checkpoints",
        "*.egg-info",
    )
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest
