#!/usr/bin/env bash
# Build the book strictly into _build/html (and its JupyterLite site into _build/html/lite):
# every cell executes, and a failing cell, a
# broken cross-reference or a missing citation fails the build (exit status non-zero).
#
#   bash scripts/build.sh          # incremental: re-executes what changed (energylib too)
#   bash scripts/build.sh --all    # re-read and re-execute every chapter
#   bash scripts/build.sh -j 1     # one chapter at a time (default: one per CPU core, plus one)
set -euo pipefail
source "$(dirname "$0")/setup.sh"   # also moves to the repository's top

# The same command is used by tests/booktools.py and benchmarks/run.py.
# scripts/book_build.py is `jupyter-book build` with Sphinx's parallel build: -j auto
# reads (and executes) one more chapter at once than there are CPU cores.
# PYTHONPATH: the chapters import this checkout's energylib whatever is installed.
PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" \
  .venv/bin/python scripts/book_build.py -j auto . -W -n --keep-going "$@"

# The JupyterLite site behind each chapter's "JupyterLite" launch button (_build/html/lite/).
bash scripts/build_lite.sh
