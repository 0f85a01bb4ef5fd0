#!/usr/bin/env bash
# Run the tests. Two tiers (markers in pyproject.toml, selection in tests/conftest.py):
#
#   bash scripts/test.sh --fast          # energylib's unit tests and doctests: no book build,
#                                        # no browser, no edition/PDF/JupyterLite build (< 1 min)
#   bash scripts/test.sh                 # everything: the strict book build, its sabotage
#                                        # checks, the editions and the PDF, every page and
#                                        # every explorer in headless Chromium
#   bash scripts/test.sh -k caching      # extra arguments go to pytest (after --fast too)
#
# The full run builds the book first (scripts/build.sh, Sphinx in parallel), then runs
# pytest on one pytest-xdist worker per CPU core; the tests share that one build. The tests
# that share a costlier build (an edition, the PDF) or set-up run on one worker (the
# groups are in tests/conftest.py).
# Hypothesis runs derandomized (the same examples every run); to explore at random:
#   HYPOTHESIS_PROFILE=explore bash scripts/test.sh --fast
set -euo pipefail
fast=false
if [[ ${1:-} == --fast ]]; then
  fast=true
  shift
fi
export HYPOTHESIS_PROFILE=${HYPOTHESIS_PROFILE:-derandomized}
WORKERS=${WORKERS:-auto}   # pytest-xdist workers: auto = one per core

if $fast; then
  SETUP_NO_VENDOR=1 source "$(dirname "$0")/setup.sh"   # also moves to the repository's top
  # Any build in this tier fails its test (tests/booktools.py): the selection never builds.
  export BOOK_TESTS_NO_BUILD=1
  exec .venv/bin/python -m pytest -n "$WORKERS" -m "not book and not browser and not slow" "$@"
fi

source "$(dirname "$0")/setup.sh"   # also moves to the repository's top

# The browser tests drive Debian's Chromium (Playwright's own download is not used).
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x $CHROMIUM ]]; then
  echo "test: $CHROMIUM missing: installing Debian's chromium"
  if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO=(sudo)
  else
    echo "test: cannot install chromium (not root, no sudo). Install it yourself:" >&2
    echo "      sudo apt-get install chromium   (or set CHROMIUM=/path/to/chromium)" >&2
    exit 1
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq chromium
fi
export CHROMIUM

# The strict build (and the JupyterLite site), once: the tests reuse it (a no-change
# rebuild), the browser tests serve it.
bash scripts/build.sh
.venv/bin/python -m pytest -n "$WORKERS" --durations=15 "$@"
