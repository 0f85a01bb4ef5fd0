#!/usr/bin/env bash
# Build a teaching edition of the book (see scripts/make_edition.py):
#
#   bash scripts/build_edition.sh student      # solutions removed everywhere
#   bash scripts/build_edition.sh instructor   # solutions open, plus the instructor guide
#
# The edition's sources go to _build/editions/<edition>/, its website to
# _build/editions/<edition>/_build/html/ (JupyterLite site included). Same strict build
# as scripts/build.sh.
set -euo pipefail
edition=${1:-}
if [[ $edition != student && $edition != instructor ]]; then
  echo "usage: bash scripts/build_edition.sh student|instructor" >&2
  exit 2
fi
source "$(dirname "$0")/setup.sh"   # also moves to the repository's top

src=_build/editions/$edition
.venv/bin/python scripts/make_edition.py "$edition" "$src"
# PYTHONPATH: the chapters import the edition's copy of energylib (the same code).
PYTHONPATH="$PWD/$src${PYTHONPATH:+:$PYTHONPATH}" \
  .venv/bin/python scripts/book_build.py -j auto "$src" -W -n --keep-going
VENV="$PWD/.venv" bash "$src/scripts/build_lite.sh"
echo "build_edition: the $edition edition is in $src/_build/html/ (open index.html)"
