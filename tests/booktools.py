"""Helpers of the book tests: build the book strictly, in this checkout or in a copy."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"

# The strict build of scripts/build.sh. The venv's jupyter-book sits next to its python
# (sys.executable is not resolved: that would leave the venv).
JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
BUILD_ARGS = ["build", ".", "-W", "-n", "--keep-going"]
BUILD_TIMEOUT_S = 1800


def build_env(root: Path) -> dict[str, str]:
    """Environment for a build of the book in `root`: its own energylib is imported.

    The venv has energylib installed editable from the main checkout; PYTHONPATH comes
    first on sys.path (of the build and of the kernels it starts), so a copy's energylib
    wins.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    return env


def run_build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Build the book in `root` strictly; return the finished process (stdout+stderr)."""
    return subprocess.run(
        [JUPYTER_BOOK, *BUILD_ARGS, *extra],
        cwd=root,
        env=build_env(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )


def log_tail(proc: subprocess.CompletedProcess[str], lines: int = 60) -> str:
    return "\n".join(proc.stdout.splitlines()[-lines:])


def ensure_vendored_assets() -> None:
    """The site's MathJax, require.js, widget manager and uPlot, vendored from npm.

    vendor_assets.sh does nothing when _vendor/ is up to date with package-lock.json.
    """
    subprocess.run(["bash", str(ROOT / "scripts" / "vendor_assets.sh")], check=True,
                   stdout=subprocess.DEVNULL)


def copy_sources(dest: Path) -> Path:
    """Copy the book's sources (not .venv, _build, node_modules...) to `dest`.

    The vendored assets (_vendor) are copied too, so the copy builds without npm.
    """
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "_build", "node_modules", ".pytest_cache", ".hypothesis",
        ".mypy_cache", ".ruff_cache", "__pycache__", ".ipynb_checkpoints", "*.egg-info",
    )
    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest


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
