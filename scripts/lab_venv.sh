#!/usr/bin/env bash
# Make .venv-lab: the book's requirements plus JupyterLab (requirements-lab.txt), for
# opening the chapters as notebooks and for tests/test_jupyterlab.py.  JupyterLab stays out
# of .venv because it slows every build.  Usage: bash scripts/lab_venv.sh [python]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${1:-python3.11}"
if [ ! -x .venv-lab/bin/python ]; then
    "$PYTHON" -m venv .venv-lab
fi
.venv-lab/bin/pip install --quiet --disable-pip-version-check -r requirements-lab.txt \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
.venv-lab/bin/python -c "import jupyterlab, ipywidgets, energylib" 2>/dev/null \
    || echo "note: energylib is imported from PYTHONPATH (the tests set it to the checkout)"
echo ".venv-lab ready: $(.venv-lab/bin/jupyter-lab --version)"
