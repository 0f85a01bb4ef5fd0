"""Open every page of the built book in headless Chromium, as a reader would.

Every request must stay on 127.0.0.1 (anything else is blocked and counted as a
failure): the site is self-contained. On every page: no console error, no failed
request, no HTTP error, math typeset by MathJax, every image and font loaded, no
traceback; on pages with widgets, the widgets rendered from the embedded state.
A full-page screenshot of each page goes to _build/screenshots/. In the same visit, as
readers with assistive technology, a phone or zoom meet the page: no serious or critical
axe-core violation (WCAG 2.1 A and AA; every impact recorded in _build/axe-report.json),
and no sideways scrolling at 375 px (a phone) or at 640 px (1280 px at 200 % zoom), nor
an explorer's key or control cut off at its edge: the window is resized on the loaded page, as a
turned phone or a zoom does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from booktools import ROOT
from browsertools import (
    EXPLORER_PAGES,
    PAGES,
    SCREENSHOTS,
    axe,
    blocking,
    record_axe,
)

pytestmark = pytest.mark.browser

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


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


# Narrow windows: a phone, and 1280 px at 200 % zoom [CSS px].
NARROW = ((375, 800, "375px"), (640, 450, "zoom200"))
PHONE_SCREENSHOTS = ("chapters/temporal-infinity", "chapters/thermodynamics")
# After a resize: two animation frames (the theme's and the explorers' resize handlers
# run, the layout is recomputed).
RELAID_OUT_JS = """() => new Promise(done =>
  requestAnimationFrame(() => requestAnimationFrame(() => done())))"""


# An explorer's key (legend) items and controls that reach past the explorer's box
# (clipped there).
CUT_KEY_JS = """() => [...document.querySelectorAll('.web-explorer')].flatMap(root => {
  const right = root.getBoundingClientRect().right;
  return [...root.querySelectorAll('.wx-key-item, .wx-row select, .wx-row input')]
    .filter(item => item.getBoundingClientRect().right > right + 1)
    .map(item => item.textContent.trim() || item.name || item.tagName);
})"""


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
        if not doc.startswith("chapters/api/"):  # the reference shows doctests that raise
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

        violations = axe(page)
        record_axe(doc, violations)
        if blocking(violations):
            problems.append(f"axe-core:\n{blocking(violations)}")

        for width, height, name in NARROW:
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate(RELAID_OUT_JS)
            scroll, inner = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                problems.append(f"at {name}: the page is {scroll} px wide in {inner} px")
            cut = page.evaluate(CUT_KEY_JS)
            if cut:
                problems.append(f"at {name}: explorer key labels or controls cut off: {cut}")
            if name == "375px" and doc in PHONE_SCREENSHOTS:
                page.screenshot(path=str(SCREENSHOTS / f"{name}-{doc.replace('/', '-')}.png"))
    finally:
        context.close()

    assert not problems, f"{doc}:\n" + "\n".join(problems)


# ----------------------------------------------------------------- live explorers

LATENCY_FILE = ROOT / "_build" / "explorer-latency.json"

# Move one control of one explorer; return what the page then shows.
MOVE_JS = """([id, name, value]) => {
  const root = document.getElementById(id);
  const row = root.querySelector(`.wx-row[data-param="${name}"]`);
  const input = row.querySelector('input, select');
  if (input.type === 'range') {
    input.value = String(value);
    input.dispatchEvent(new Event('input', {bubbles: true}));
  } else if (input.type === 'checkbox') {
    input.checked = value;
    input.dispatchEvent(new Event('change', {bubbles: true}));
  } else {
    input.value = value;
    input.dispatchEvent(new Event('change', {bubbles: true}));
  }
  const out = {};
  for (const node of root.querySelectorAll('.wx-output')) {
    out[node.dataset.output] = [node.dataset.value,
                                node.querySelector('.wx-value').textContent];
  }
  return {values: JSON.parse(root.dataset.values), out};
}"""

SPECS_JS = """() => [...document.querySelectorAll('.web-explorer')].map(root =>
  [root.id, JSON.parse(root.querySelector('script.web-explorer-spec').textContent),
   root.classList.contains('wx-ready')])"""


def energylib_reference(spec: dict):
    """energylib's numbers for the page's explorer (explorer_references.py), same arguments."""
    from explorer_references import reference

    return lambda values: reference(spec["id"], values, **spec["python"]["kwargs"])


@pytest.mark.parametrize("doc", EXPLORER_PAGES)
def test_explorers_live(doc: str, browser, site_url: str, built_book: Path) -> None:
    """Every control of every explorer, at its extremes: the page shows energylib's numbers."""
    import math

    source = (built_book / f"{doc}.html").read_text(encoding="utf-8")
    assert 'class="web-explorer"' in source, (
        f"{doc}: the chapter makes an explorer but the page has no live explorer")
    # The page shows the kernel-free explorer, so it carries no dead widget state.
    assert WIDGET_STATE not in source, f"{doc}: unused widget state embedded"

    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if urlparse(r.request.url).hostname
               == "127.0.0.1" else (problems.append(f"blocked: {r.request.url}"), r.abort()))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    latencies: dict[str, list[float]] = {}
    try:
        page.goto(f"{site_url}/{doc}.html", wait_until="load")
        page.wait_for_selector(".web-explorer.wx-ready", timeout=20_000)
        for root_id, spec, ready in page.evaluate(SPECS_JS):
            assert ready, f"{doc}: explorer {root_id} did not start"
            reference = energylib_reference(spec)
            checked = [o for o in spec["outputs"] if o["check"]]
            moves = []
            for p in spec["params"]:
                if p["kind"] == "slider":
                    moves += [(p["name"], p["min"]), (p["name"], p["max"])]
                    # back to the start, so the next control moves from the defaults
                    start = (math.log(p["value"], p.get("base", 10.0)) if p["log"]
                             else p["value"])
                    moves.append((p["name"], start))
                elif p["widget"] == "checkbox":
                    moves += [(p["name"], not json.loads(p["value"])),
                              (p["name"], json.loads(p["value"]))]
                else:
                    moves += [(p["name"], o) for o in p["options"] if o != p["value"]]
                    moves.append((p["name"], p["value"]))
            for name, position in moves:
                shown = page.evaluate(MOVE_JS, [root_id, name, position])
                python = reference(shown["values"])
                for o in checked:
                    raw, text = shown["out"][o["name"]]
                    page_value, expected = float(raw), float(python[o["name"]])
                    where = f"{doc} {spec['id']} {name}={position}: {o['name']}"
                    assert text and "NaN" not in text, f"{where} shows {text!r}"
                    if math.isinf(expected):
                        assert page_value == expected, f"{where}: page {raw}, Python {expected}"
                    else:
                        assert math.isclose(page_value, expected, rel_tol=o["rtol"],
                                            abs_tol=1e-300), (
                            f"{where}: page {raw}, Python {expected} (rtol {o['rtol']})")
            latencies[spec["id"]] = page.evaluate(
                "id => document.getElementById(id).webExplorer.latencies", root_id)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        first = page.locator(".web-explorer").first
        first.scroll_into_view_if_needed()
        first.screenshot(path=str(SCREENSHOTS / f"explorer-{doc.replace('/', '-')}.png"))
    finally:
        context.close()
    assert not problems, f"{doc}:\n" + "\n".join(problems)
    record = json.loads(LATENCY_FILE.read_text()) if LATENCY_FILE.is_file() else {}
    record.update(latencies)
    LATENCY_FILE.write_text(json.dumps(record, indent=1))


def test_jupyterlite_opens_a_chapter_offline(browser, site_url: str, built_book: Path,
                                             lite_site: Path) -> None:
    """The JupyterLite button's target opens the chapter from the site itself.

    Pyodide (the in-browser Python) comes from its CDN and is blocked here, so the
    kernel cannot start; the application, the notebook and its MyST rendering must
    load from 127.0.0.1 alone.
    """
    doc = "chapters/temporal-infinity"
    html = (built_book / f"{doc}.html").read_text(encoding="utf-8")
    link = re.search(r'href="([^"]*lite/lab/index\.html\?path=[^"]+)"', html)
    assert link, "no JupyterLite button on the chapter"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.route("**/*", lambda r: r.continue_() if urlparse(r.request.url).hostname
               == "127.0.0.1" else (outside.append(r.request.url), r.abort()))
    try:
        page.goto(f"{site_url}/{doc}.html", wait_until="load")
        page.goto(urljoin(page.url, link.group(1).replace("&amp;", "&")))
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_function("""() => {
            const text = document.querySelector('.jp-Notebook').innerText;
            return text.includes('%pip install -q energylib')
                && text.includes('Temporal infinity: a moment of training');
        }""", timeout=60_000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "jupyterlite.png"))
    finally:
        context.close()
    # Only Pyodide's own download may leave (blocked here): nothing else.
    assert all("pyodide" in url for url in outside), outside
