# Shared set-up of scripts/build.sh and scripts/test.sh: `source scripts/setup.sh`.
# From the repository's top: creates .venv if missing, installs requirements.txt into it
# (energylib editable included), and vendors the site's browser assets from npm.
# Re-running is cheap: each step is skipped when its inputs have not changed.
# SETUP_NO_VENDOR=1 skips the browser assets (scripts/test.sh --fast needs none).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
# A machine may tell Python not to write bytecode (PYTHONDONTWRITEBYTECODE, set on the
# 2-core machine): every process then compiles the book's own modules afresh, about 0.3 s
# for energylib, in each chapter's kernel and each autograder check. The book's scripts
# let Python cache them (in __pycache__ folders, which git ignores).
unset PYTHONDONTWRITEBYTECODE

if [[ ! -x $VENV/bin/python ]]; then
  "$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' \
    || { echo "setup: Python >= 3.11 needed (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
  echo "setup: creating $VENV with $("$PYTHON" --version)"
  "$PYTHON" -m venv "$VENV" \
    || { echo "setup: '$PYTHON -m venv' failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }
fi

# Install the pinned requirements when they (or pyproject.toml) changed since last time.
stamp=$VENV/.requirements-stamp
if ! cat requirements.txt pyproject.toml | cmp -s - "$stamp"; then
  echo "setup: pip install -r requirements.txt"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
  cat requirements.txt pyproject.toml > "$stamp"
fi

[[ -n ${SETUP_NO_VENDOR:-} ]] || bash scripts/vendor_assets.sh

export PATH="$PWD/$VENV/bin:$PATH"
