#!/usr/bin/env bash
# The whole book as one PDF: _build/pdf/inference-energy.pdf
#
#   bash scripts/build_pdf.sh
#
# Builds the book on one page (Sphinx's singlehtml builder, same strict settings as
# scripts/build.sh: every cell runs, warnings fail) into _build/singlehtml/, then prints
# it with Chromium (scripts/print_pdf.py): math typeset by the vendored MathJax, every
# figure, the bibliography, and each explorer's figure at its default settings.
# Both builders share _build/.doctrees: after scripts/build.sh nothing is executed again.
set -euo pipefail
source "$(dirname "$0")/setup.sh"   # also moves to the repository's top

PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" \
  .venv/bin/python scripts/book_build.py -j auto . --builder singlehtml -W -n --keep-going
# singlehtml writes the book as <root>.html (chapters/intro.html) with every link relative
# to the site's top: print a copy that sits there.
root=$(.venv/bin/python -c 'import yaml; print(yaml.safe_load(open("_toc.yml"))["root"])')
cp "_build/singlehtml/$root.html" _build/singlehtml/book.html
.venv/bin/python scripts/print_pdf.py _build/singlehtml book.html _build/pdf/inference-energy.pdf
