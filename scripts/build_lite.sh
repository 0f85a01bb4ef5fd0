#!/usr/bin/env bash
# Build the book's JupyterLite site into _build/html/lite/: every chapter as a notebook,
# energylib preinstalled from a wheel built here, the Pyodide kernel. Run after the book
# build (scripts/build.sh does both); the chapter pages' "JupyterLite" launch button opens
# lite/lab/index.html?path=chapters/<name>.ipynb.
#
# Offline, this builds everything; in the reader's browser Pyodide itself (and numpy,
# matplotlib...) comes from Pyodide's CDN, so running a chapter live needs a connection.
#
#   bash scripts/build_lite.sh
set -euo pipefail
# VENV: the book's Python environment (default: this checkout's .venv); an edition's copy
# of the book (scripts/build_edition.sh) builds with the main checkout's. The JupyterLite
# tools live in their own environment next to it, .venv-lite (requirements-lite.txt).
VENV=$(cd "${VENV:-$(dirname "$0")/../.venv}" && pwd)
cd "$(dirname "$0")/.."
LITE_VENV=$VENV-lite
lite_requirements=$(cd "$(dirname "$VENV")" && pwd)/requirements-lite.txt
[[ -f $lite_requirements ]] || lite_requirements=$PWD/requirements-lite.txt
if [[ ! -x $LITE_VENV/bin/jupyter ]] || ! cmp -s "$lite_requirements" "$LITE_VENV/.requirements-stamp"; then
  echo "build_lite: installing the JupyterLite tools into $LITE_VENV"
  "$VENV/bin/python" -m venv --clear "$LITE_VENV"
  "$LITE_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$lite_requirements"
  cp "$lite_requirements" "$LITE_VENV/.requirements-stamp"
fi
src=_build/lite-src
out=_build/html/lite

# Skip when nothing the lite site is made of changed since the last build.
stamp=_build/.lite-stamp
inputs=$(cat _toc.yml $(find chapters -name "*.md" | sort) pyproject.toml "$lite_requirements" \
         scripts/lite_notebooks.py \
         scripts/build_lite.sh $(find energylib -name '*.py' -o -name '*.csv' | sort) | sha256sum)
if [[ -f $stamp && -f $out/lab/index.html ]] && [[ "$(cat "$stamp")" == "$inputs" ]]; then
  echo "build_lite: $out is up to date"
  exit 0
fi

rm -rf "$src" "$out"
mkdir -p "$src/wheels" "$src/contents"
echo "build_lite: energylib wheel"
"$VENV/bin/python" -m pip wheel --quiet --no-deps --no-build-isolation \
  --disable-pip-version-check -w "$src/wheels" .
"$VENV/bin/python" scripts/lite_notebooks.py "$src/contents" >/dev/null
echo "build_lite: jupyter lite build"
(cd "$src" && "$LITE_VENV/bin/jupyter" lite build --contents contents \
   --piplite-wheels "$(ls wheels/*.whl)" --output-dir "$OLDPWD/$out" \
   --no-sourcemaps >lite-build.log 2>&1) \
  || { tail -30 "$src/lite-build.log" >&2; echo "build_lite: jupyter lite build failed" >&2; exit 1; }
test -f "$out/lab/index.html" || { echo "build_lite: no $out/lab/index.html" >&2; exit 1; }
echo "$inputs" > "$stamp"
echo "build_lite: wrote $(du -sh "$out" | cut -f1) to $out/"
