"""Print the single-page book (Sphinx singlehtml) to one PDF with Chromium.

    python scripts/print_pdf.py SITE_DIR PAGE OUT.pdf

Serves SITE_DIR on 127.0.0.1 (nothing else is reachable), opens PAGE, waits for
MathJax to typeset every formula and for every explorer to draw its default state,
then prints A4 with page numbers. The explorers print their figure and headline at
the default settings; their sliders are hidden in print (see explorer.css).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

READY_JS = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  await Promise.all([...document.images].map(img => img.complete ? null :
      new Promise(done => { img.onload = img.onerror = done; })));
  await document.fonts.ready;
  const math = document.querySelectorAll('.math').length;
  const typeset = document.querySelectorAll('mjx-container').length;
  const untypeset = [...document.querySelectorAll('.math')]
      .filter(e => !e.querySelector('mjx-container')).length;
  const explorers = document.querySelectorAll('.web-explorer').length;
  const ready = document.querySelectorAll('.web-explorer.wx-ready').length;
  return {math, typeset, untypeset, explorers, ready};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def print_pdf(site: Path, page: str, out: Path) -> dict:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            tab = browser.new_page(viewport={"width": 1100, "height": 1400})
            tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                      else r.abort())
            tab.goto(f"{base}/{page}", wait_until="networkidle")
            # On a busy machine MathJax and the explorers may still be starting: wait.
            tab.wait_for_function(
                """() => window.MathJax && MathJax.startup && MathJax.startup.promise
                   && document.querySelectorAll('.web-explorer').length
                      === document.querySelectorAll('.web-explorer.wx-ready').length""",
                timeout=180_000)
            state = tab.evaluate(READY_JS)
            if state["explorers"] != state["ready"]:
                raise RuntimeError(f"explorers not drawn: {state}")
            if state["untypeset"] or (state["math"] and not state["typeset"]):
                raise RuntimeError(f"math not typeset: {state}")
            tab.emulate_media(media="print")
            out.parent.mkdir(parents=True, exist_ok=True)
            tab.pdf(path=str(out), format="A4", print_background=True,
                    margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
                    display_header_footer=True, header_template="<span></span>",
                    footer_template='<div style="font-size:8px;width:100%;text-align:center">'
                                    '<span class="pageNumber"></span> / '
                                    '<span class="totalPages"></span></div>')
            browser.close()
    finally:
        server.shutdown()
    return state


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    info = print_pdf(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
    size = Path(sys.argv[3]).stat().st_size
    print(f"print_pdf: {sys.argv[3]} ({size / 1e6:.1f} MB; {info['typeset']} formulas, "
          f"{info['ready']} explorers)")
