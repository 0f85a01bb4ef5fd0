#!/usr/bin/env bash
# Build the slides of every session from the instructor guide (reveal.js and MathJax
# from the npm packages, copied next to the decks: they work offline):
#
#   bash scripts/build_slides.sh            # writes _build/slides/session-<n>.html
#
# Needs the npm packages (npm ci) and the Python environment (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
[[ -d node_modules/reveal.js/dist && -d node_modules/mathjax/es5 ]] || npm ci --no-audit --no-fund
PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" -m teaching slides _build/slides
echo "build_slides: open _build/slides/index.html"
