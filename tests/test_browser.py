"""Open every page of the built book in headless Chromium, as a reader would.

Every request must stay on 127.0.0.1 (anything else is blocked and counted as a
failure): the site is self-contained. On every page: no console error, no failed
request, no HTTP error, math typeset by MathJax, every image and font loaded, no
traceback; on pages with widgets, the widgets rendered from the embedded state.
A full-page screenshot of each page goes to _build/screenshots/.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from booktools import ROOT, toc_docnames

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
SCREENSHOTS = ROOT / "_build" / "screenshots"
# The book's pages, plus Sphinx's own index and search pages.
PAGES = [*toc_docnames(), "genindex", "search"]
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: run `bash scripts/test.sh` (it installs "
                    "chromium) or set CHROMIUM", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def widget_models(html: str) -> set[str]:
    """Model names (e.g. 'FloatSliderModel') in a built page's embedded widget state."""
    models: set[str] = set()
    pattern = rf'<script type="{re.escape(WIDGET_STATE)}">(.*?)</script>'
    for block in re.findall(pattern, html, flags=re.S):
        state = json.loads(block)["state"]
        models |= {m["model_name"] for m in state.values()}
    return models


# Waits for everything the page loads by itself (MathJax, widgets), then for every
# image and every declared font (theme's, MathJax's, widget manager's) to load.
SETTLE_JS = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  window.scrollTo(0, document.body.scrollHeight);
  await Promise.all([...document.images].map(img => img.complete ? null :
      new Promise(done => { img.onload = img.onerror = done; })));
  const fonts = await Promise.all([...document.fonts].map(f =>
      f.load().then(() => null, () => `font ${f.family} did not load`)));
  window.scrollTo(0, 0);
  return fonts.filter(x => x);
}"""

# Text of the page outside code: raw TeX delimiters there mean MathJax did not typeset.
PROSE_TEXT_JS = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('pre, code, script, style, mjx-container').forEach(e => e.remove());
  return body.textContent;
}"""


@pytest.mark.parametrize("doc", PAGES)
def test_page(doc: str, browser, site_url: str, built_book: Path) -> None:
    html_file = built_book / f"{doc}.html"
    assert html_file.is_file(), f"{doc}.html not built"
    source = html_file.read_text(encoding="utf-8")
    models = widget_models(source)
    has_math = 'class="math' in source

    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def route(route) -> None:
        url = route.request.url
        if urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            problems.append(f"request leaving 127.0.0.1 (blocked): {url}")
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))

    try:
        page.goto(f"{site_url}/{doc}.html", wait_until="networkidle")
        if models:
            # Widgets render asynchronously after the page's load event.
            page.wait_for_selector(".jupyter-widgets", state="visible", timeout=20_000)
        problems += page.evaluate(SETTLE_JS)
        page.wait_for_load_state("networkidle")

        text = page.inner_text("body")
        assert "Traceback" not in text, f"{doc}: a traceback is shown"

        prose = page.evaluate(PROSE_TEXT_JS)
        for delim in ("\\(", "\\[", "$$"):
            assert delim not in prose, f"{doc}: raw {delim} in the text: math not typeset"
        if has_math:
            untypeset = page.evaluate("""() => [...document.querySelectorAll('.math')]
                .filter(e => !e.querySelector('mjx-container')).map(e => e.textContent)""")
            assert page.locator("mjx-container").count() > 0, f"{doc}: no math typeset"
            assert not untypeset, f"{doc}: math not typeset: {untypeset}"

        broken = page.evaluate("""() => [...document.images]
            .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))""")
        assert not broken, f"{doc}: images not loaded: {broken}"

        if models:
            assert page.locator(".jupyter-widgets").first.is_visible()
            if any("Slider" in m for m in models):
                assert page.locator(".widget-slider").first.is_visible(), f"{doc}: no slider"
            if "ImageModel" in models:
                img = page.locator("img.widget-image").first
                assert img.is_visible(), f"{doc}: Image widget not shown"
                assert img.evaluate("i => i.naturalWidth") > 0, f"{doc}: Image widget empty"

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{doc.replace('/', '-')}.png"), full_page=True)
    finally:
        context.close()

    assert not problems, f"{doc}:\n" + "\n".join(problems)
