#!/usr/bin/env bash
# Vendor the browser assets of the book from npm (pinned in package-lock.json) into
# _vendor/vendor/, which Sphinx copies to _build/html/vendor/ (html_extra_path), so the
# built site loads MathJax, require.js and the ipywidgets manager from itself, not a CDN.
#
#   bash scripts/vendor_assets.sh          # run from anywhere
#
# Skips the work when _vendor/ is already up to date with package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

out=_vendor/vendor
stamp=node_modules/.vendor-stamp  # inside node_modules: _vendor/* is all copied to the site
if [[ -f $stamp ]] && cmp -s package-lock.json "$stamp" \
   && [[ -f $out/mathjax/es5/tex-mml-chtml.js ]] && [[ -f $out/uplot/uPlot.iife.min.js ]] \
   && [[ -f node_modules/axe-core/axe.min.js ]]; then
  echo "vendor_assets: _vendor/ is up to date"
  exit 0
fi

command -v npm >/dev/null || { echo "vendor_assets: npm not found: install Node.js and npm" >&2; exit 1; }
echo "vendor_assets: npm ci"
npm ci --no-audit --no-fund --loglevel=error

rm -rf _vendor
mkdir -p "$out/mathjax" "$out/requirejs" "$out/@jupyter-widgets/html-manager/dist"

# MathJax 3 loads its components and fonts on demand from next to the script: whole es5/.
cp -r node_modules/mathjax/es5 "$out/mathjax/es5"
cp node_modules/mathjax/LICENSE "$out/mathjax/"

cp node_modules/requirejs/require.js "$out/requirejs/"

# The widget manager bundle, and the font files (Font Awesome) its CSS asks for. The
# bundle holds several AMD modules, each asking relative to its own module URL:
# @jupyter-widgets/html-manager/dist/libembed-amd -> @jupyter-widgets/html-manager/dist/,
# @jupyter-widgets/base, .../controls -> @jupyter-widgets/. Serve the fonts in both.
hm=node_modules/@jupyter-widgets/html-manager
cp "$hm"/dist/embed-amd.js "$out/@jupyter-widgets/html-manager/dist/"
for dir in "$out/@jupyter-widgets" "$out/@jupyter-widgets/html-manager/dist"; do
  cp "$hm"/dist/*.woff2 "$hm"/dist/*.woff "$dir/"
done

# uPlot: the small charting library the kernel-free explorers draw with.
mkdir -p "$out/uplot"
cp node_modules/uplot/dist/uPlot.iife.min.js node_modules/uplot/dist/uPlot.min.css \
   node_modules/uplot/LICENSE "$out/uplot/"

# axe-core (the accessibility audit of tests/test_readers.py) stays in node_modules: the
# tests inject node_modules/axe-core/axe.min.js into each page; the site does not ship it.

cp package-lock.json "$stamp"
echo "vendor_assets: wrote $(du -sh _vendor | cut -f1) to _vendor/"
