#!/usr/bin/env bash
# Run the whole test suite: energylib's unit tests and doctests, the strict book build
# (and its sabotage checks), and the built site driven in headless Chromium.
#
#   bash scripts/test.sh                 # everything
#   bash scripts/test.sh -m "not book"   # extra arguments go to pytest
set -euo pipefail
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

.venv/bin/python -m pytest "$@"
