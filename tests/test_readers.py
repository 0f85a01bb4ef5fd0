"""The site as three kinds of readers use it (issue 13).

- A reader with a screen reader, a keyboard, a narrow screen or zoom: axe-core (WCAG 2.1
  A and AA, vendored from npm) on every explorer after its controls have moved; a
  keyboard-only walk through an explorer; reduced motion respected. (axe-core on every
  page, and no sideways scrolling at 375 px or at 200 % zoom, are checked in the one
  visit tests/test_browser.py makes to each page.)
- A reader who shares a scenario: explorers keep their controls in the address, restore
  them, and survive hand-crafted bad addresses.
- A reader who wants the numbers: every explorer chart and every chapter figure offers
  its data (CSV, compared here with energylib) and its image; the dataset downloads
  match energylib.dataset; the book is licensed and citable (CITATION.cff validated
  against the Citation File Format schema), its workflow checked by linters from PyPI.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import shutil
import subprocess
import sys
import tomllib
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import yaml
from booktools import ROOT, toc_docnames
from browsertools import (
    EXPLORER_PAGES,
    PAGES,
    Reader,
    axe,
    blocking,
    record_axe,
)

pytestmark = pytest.mark.book  # builds the site (the browser tests also carry `browser`)


def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


@pytest.fixture
def reader(browser) -> Iterator[Reader]:
    r = Reader(browser)
    yield r
    r.close()


# ------------------------------------------------------------------ 1. accessibility
# Every page's axe-core check and its width at 375 px and at 200 % zoom are part of the
# one visit test_browser.py::test_page makes to each page.

MOVE_ALL_JS = """(root) => {
  // Every slider to two thirds of its range, every choice to its last option.
  for (const input of root.querySelectorAll('.wx-row input[type=range]')) {
    const lo = Number(input.min), hi = Number(input.max);
    input.value = String(lo + (hi - lo) * 2 / 3);
    input.dispatchEvent(new Event('input', {bubbles: true}));
  }
  for (const select of root.querySelectorAll('.wx-row select')) {
    select.selectedIndex = select.options.length - 1;
    select.dispatchEvent(new Event('change', {bubbles: true}));
  }
  for (const box of root.querySelectorAll('.wx-row input[type=checkbox]')) {
    box.checked = !box.checked;
    box.dispatchEvent(new Event('change', {bubbles: true}));
  }
}"""


@pytest.mark.browser
@pytest.mark.parametrize("doc", EXPLORER_PAGES)
def test_axe_explorers_after_moves(doc: str, reader: Reader, site_url: str) -> None:
    """Each explorer, its controls moved and its text open: no serious or critical issue."""
    page = reader.open(f"{site_url}/{doc}.html", explorers=True)
    for root in page.locator(".web-explorer").all():
        root.evaluate(MOVE_ALL_JS)
        root.locator("details.wx-text").evaluate("d => d.open = true")
        root.locator(".wx-copy-link").click()
    page.wait_for_timeout(700)
    violations = axe(page, ".web-explorer")
    record_axe(f"{doc} (explorers moved)", violations)
    assert not blocking(violations), f"{doc}:\n{blocking(violations)}"
    assert not reader.problems, reader.problems


@pytest.mark.browser
def test_reduced_motion_is_respected(browser, site_url: str) -> None:
    """With prefers-reduced-motion, the theme's sliding sidebars do not animate."""
    durations = {}
    for motion in ("no-preference", "reduce"):
        r = Reader(browser, reduced_motion=motion)
        try:
            page = r.open(f"{site_url}/chapters/thermodynamics.html")
            durations[motion] = page.evaluate("""() => getComputedStyle(
                document.querySelector('.bd-sidebar-primary')).transitionDuration""")
        finally:
            r.close()

    def longest(text: str) -> float:
        return max(float(t[:-2]) / 1000 if t.endswith("ms") else float(t[:-1])
                   for t in text.split(","))

    assert longest(durations["no-preference"]) > 0.1, durations  # positive control
    assert longest(durations["reduce"]) <= 1e-4, durations


@pytest.mark.browser
def test_keyboard_only_walk_through_an_explorer(reader: Reader, site_url: str) -> None:
    """Tab to the first slider (focus visible), move it with arrow keys, hear the result."""
    page = reader.open(f"{site_url}/chapters/thermodynamics.html", explorers=True)
    for _ in range(600):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.web-explorer input[type=range]')"):
            break
    else:
        pytest.fail("Tab never reached an explorer slider")
    focus = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return {id: e.id, outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                root: e.closest('.web-explorer').id, value: e.value,
                valuetext: e.getAttribute('aria-valuetext')}; }""")
    assert focus["outline"] != "none" and focus["width"] >= 2, f"focus not visible: {focus}"
    assert focus["valuetext"], "the slider does not say its value"
    root = page.locator(f"#{focus['root']}")
    page.wait_for_timeout(700)
    before_live = root.locator(".wx-live").text_content()
    before_out = root.locator(".wx-output").first.get_attribute("data-value")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(900)  # the live region speaks once the reader pauses
    after = page.evaluate("() => document.activeElement.value")
    assert after != focus["value"], "arrow keys did not move the slider"
    live = root.locator(".wx-live").text_content()
    assert live and live != before_live, "the announced state did not change"
    assert root.locator(".wx-output").first.get_attribute("data-value") != before_out
    assert live.startswith("Settings:") and "Results:" in live and "Chart" in live, live
    readout = page.evaluate("() => document.activeElement.getAttribute('aria-valuetext')")
    assert readout in live, (readout, live)
    assert focus["root"].removeprefix("wx-") + ":" in page.url, "scenario not in the address"
    assert not reader.problems, reader.problems


# ------------------------------------------------------------- 2. scenarios in the URL

SPECS_JS = """() => [...document.querySelectorAll('.web-explorer')].map(root =>
  JSON.parse(root.querySelector('script.web-explorer-spec').textContent))"""

STATE_JS = """() => Object.fromEntries([...document.querySelectorAll('.web-explorer')].map(root =>
  [root.id, {values: JSON.parse(root.dataset.values),
             out: Object.fromEntries([...root.querySelectorAll('.wx-output')].map(
               n => [n.dataset.output, n.dataset.value])),
             note: root.querySelector('.wx-url-note').hidden ? null
                   : root.querySelector('.wx-url-note').textContent}]))"""


@pytest.mark.browser
@pytest.mark.parametrize("doc", EXPLORER_PAGES)
def test_scenario_round_trip(doc: str, browser, site_url: str) -> None:
    """Move every explorer of the page; its address opened anew shows the same state."""
    first = Reader(browser)
    try:
        page = first.open(f"{site_url}/{doc}.html", explorers=True)
        defaults = page.evaluate(STATE_JS)
        for root in page.locator(".web-explorer").all():
            root.evaluate(MOVE_ALL_JS)
        moved = page.evaluate(STATE_JS)
        url = page.url
    finally:
        first.close()
    assert first.problems == [], first.problems
    for root_id, state in moved.items():
        assert state["values"] != defaults[root_id]["values"], f"{root_id} did not move"
        assert "#" in url and root_id.removeprefix("wx-") + ":" in url, url
    second = Reader(browser)
    try:
        restored = second.open(url, explorers=True).evaluate(STATE_JS)
    finally:
        second.close()
    assert second.problems == [], second.problems
    for root_id, state in moved.items():
        assert restored[root_id]["note"] is None, restored[root_id]["note"]
        assert restored[root_id]["values"] == state["values"], root_id
        assert restored[root_id]["out"] == state["out"], root_id


@pytest.mark.browser
def test_bad_scenario_addresses(browser, site_url: str) -> None:
    """Out-of-range values are clamped, unreadable ones ignored, each with a visible note."""
    doc = "chapters/thermodynamics"
    base = f"{site_url}/{doc}.html"
    r = Reader(browser)
    try:
        specs = r.open(base, explorers=True).evaluate(SPECS_JS)
        defaults = r.page.evaluate(STATE_JS)
    finally:
        r.close()
    spec = specs[0]
    xid, root_id = spec["id"], f"wx-{spec['id']}"
    slider = next(p for p in spec["params"] if p["kind"] == "slider")
    top = (slider.get("base", 10) ** slider["max"]) if slider["log"] else slider["max"]
    other = next(p for p in spec["params"] if p["kind"] == "slider" and p is not slider)
    cases = {
        # address fragment -> (expected value of `slider`, words the note must contain)
        f"#{xid}:{slider['name']}=1e300": (top, "outside"),
        f"#{xid}:{slider['name']}=-1e300": (None, "ignored" if slider["log"] else "outside"),
        f"#{xid}:{slider['name']}=abc": (slider["value"], "not a number"),
        f"#{xid}:{slider['name']}=": (slider["value"], "not a number"),
        f"#{xid}:no_such_setting=3&{other['name']}=NaN": (slider["value"], "not a setting"),
        f"#{xid}:{slider['name']}=%E0%A4%A": (slider["value"], "not readable"),
        "#some-section": (slider["value"], None),
        f"#nonexistent:{slider['name']}=2;{xid}:": (slider["value"], None),
        f"#{xid}:{slider['name']}={'9' * 400}": (top, "outside"),
    }
    for fragment, (expected, words) in cases.items():
        reader = Reader(browser)
        try:
            page = reader.open(base + fragment, explorers=True)
            state = page.evaluate(STATE_JS)[root_id]
            text = page.locator(f"#{root_id} .wx-url-note")
            visible = text.is_visible()
        finally:
            reader.close()
        assert reader.problems == [], (fragment, reader.problems)
        assert all(math.isfinite(float(v)) or v in ("Infinity", "-Infinity")
                   for v in state["out"].values()), (fragment, state)
        if expected is not None:
            assert state["values"][slider["name"]] == pytest.approx(expected, rel=1e-12), (
                fragment, state["values"])
        if words is None:
            assert state["note"] is None and not visible, (fragment, state["note"])
            assert state["values"] == defaults[root_id]["values"], fragment
        else:
            assert visible and words in state["note"], (fragment, state["note"])


@pytest.mark.browser
def test_copy_link_button(browser, site_url: str) -> None:
    """The button copies the page's address, which holds the scenario."""
    r = Reader(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = r.open(f"{site_url}/chapters/thermodynamics.html", explorers=True)
        root = page.locator(".web-explorer").first
        root.evaluate(MOVE_ALL_JS)
        root.locator(".wx-copy-link").click()
        page.wait_for_function("() => document.querySelector('.wx-copy-status').textContent")
        copied = page.evaluate("() => navigator.clipboard.readText()")
        status = root.locator(".wx-copy-status").text_content()
        assert copied == page.url and "#" in copied, (copied, page.url)
        assert status == "Link copied.", status
    finally:
        r.close()


# --------------------------------------------------------------- 3. data behind figures

def python_explorer(spec: dict):
    import importlib

    module, _, name = spec["python"]["class"].partition(":")
    return getattr(importlib.import_module(module), name)(**spec["python"]["kwargs"])


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def number(cell: str) -> float:
    return float(cell) if cell != "" else math.nan


def model_curves(web, values: dict, plot_index: int, xs: np.ndarray) -> list[np.ndarray] | None:
    """Each curve of a plot of a WebExplorer at the page's settings, evaluated in Python
    from its SymPy model (constants, controls in SI, definitions in order) at ``xs``.

    None when the model uses tables or Monte Carlo samples (not evaluated here)."""
    import sympy as sp

    if web.tables or web.samples:
        return None
    env: dict[str, float] = {k: float(v) for k, v in web.constants.items()}
    for param in web.params:
        if hasattr(param, "to_si"):
            env[param.name] = float(values[param.name]) * param.to_si
        else:
            option = next(o for o in param.options
                          if json.dumps(o) == json.dumps(values[param.name]))
            env.update({k: float(v) for k, v in param.values[option].items()})

    def bind(expr):
        expr = sp.sympify(expr)
        return expr.subs({s: env[s.name] for s in expr.free_symbols if s.name in env})

    for name, expr in web.definitions:
        value = bind(expr)
        if value.free_symbols:
            return None
        env[name] = float(value)
    plot = web.plots[plot_index]
    curves = []
    for curve in plot.curves:
        expr = bind(curve.expr)
        f = sp.lambdify([plot.x], expr, modules="numpy")
        with np.errstate(all="ignore"):
            curves.append(np.broadcast_to(np.asarray(f(xs), dtype=float), xs.shape))
    return curves


@pytest.mark.browser
@pytest.mark.parametrize("doc", EXPLORER_PAGES)
def test_explorer_downloads(doc: str, reader: Reader, site_url: str, tmp_path: Path) -> None:
    """Each chart's CSV is what it plots (units in the names), and its curves are
    energylib's model evaluated in Python at the same settings; its PNG is a PNG."""
    page = reader.open(f"{site_url}/{doc}.html", explorers=True)
    compared = 0
    for spec, root in zip(page.evaluate(SPECS_JS), page.locator(".web-explorer").all(),
                          strict=True):
        root.evaluate(MOVE_ALL_JS)
        values = json.loads(root.get_attribute("data-values"))
        web = python_explorer(spec).spec
        buttons = root.locator(".wx-download-csv").all()
        assert len(buttons) == len(spec["plots"]), spec["id"]
        for k, (plot, button) in enumerate(zip(spec["plots"], buttons, strict=True)):
            with page.expect_download() as info:
                button.click()
            path = tmp_path / info.value.suggested_filename
            info.value.save_as(path)
            rows = read_csv(path.read_text(encoding="utf-8"))
            header, body = rows[0], rows[1:]
            assert body, f"{spec['id']} chart {k}: empty CSV"
            if plot["bars"]:
                assert header == ["category", plot["y_label"]]
                assert [r[0] for r in body] == [b["label"] for b in plot["bars"]]
                continue
            assert header[0] == plot["x_label"]
            assert all(h.endswith(": " + plot["y_label"]) for h in header[1:]), header
            assert len(header) == 1 + 2 * len(plot["bands"]) + len(plot["curves"])
            xs = np.array([number(r[0]) for r in body])
            lo, hi = plot["x_range"]
            assert xs[0] == pytest.approx(lo) and xs[-1] == pytest.approx(hi)
            expected = model_curves(web, values, k, xs)
            if expected is None:
                continue
            for j, (curve, ref) in enumerate(zip(plot["curves"], expected, strict=True)):
                ys = np.array([number(r[1 + 2 * len(plot["bands"]) + j]) for r in body])
                finite = np.isfinite(ref)
                assert np.array_equal(np.isfinite(ys), finite), (spec["id"], curve["label"])
                assert np.allclose(ys[finite], ref[finite], rtol=1e-9, atol=0), (
                    f"{spec['id']} {curve['label']}: CSV differs from energylib's model")
                compared += 1
        with page.expect_download() as info:
            root.locator(".wx-download-png").first.click()
        png = tmp_path / "chart.png"
        info.value.save_as(png)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not reader.problems, reader.problems
    if not compared:
        pytest.skip(f"{doc}: every chart's model uses tables or samples (CSV format checked)")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


FIGURE_PAGES = [doc for doc in toc_docnames() if "_figure(" in
                (ROOT / f"{doc}.md").read_text(encoding="utf-8")]


@pytest.mark.browser
@pytest.mark.parametrize("doc", FIGURE_PAGES)
def test_chapter_figures_offer_their_data(doc: str, site_url: str, built_book: Path) -> None:
    """Every figure a chapter draws has a CSV of its data and its PNG, both downloadable."""
    from html.parser import HTMLParser

    from energylib.figures.data import COLUMNS

    html = (built_book / f"{doc}.html").read_text(encoding="utf-8")
    images = re.findall(r'<img[^>]+src="([^"]*_images/[0-9a-f]{64}\.png)"', html)
    assert images, f"{doc}: no figure"

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.blocks: list[list[str]] = []
            self.inside = 0

        def handle_starttag(self, tag, attrs) -> None:
            a = dict(attrs)
            if tag == "p" and "figure-downloads" in (a.get("class") or ""):
                self.blocks.append([])
                self.inside = 1
            elif tag == "a" and self.inside and a.get("href"):
                self.blocks[-1].append(a["href"])

        def handle_endtag(self, tag) -> None:
            if tag == "p":
                self.inside = 0

    parser = Links()
    parser.feed(html)
    assert len(parser.blocks) == len(images), f"{doc}: {len(images)} figures, " \
        f"{len(parser.blocks)} download lines"
    base = f"{site_url}/{doc}.html"
    for image, links in zip(images, parser.blocks, strict=True):
        csv_link = next(h for h in links if h.endswith(".csv"))
        png_link = next(h for h in links if h.endswith(".png"))
        rows = read_csv(fetch(urllib.parse.urljoin(base, csv_link)).decode("utf-8"))
        assert tuple(rows[0]) == COLUMNS and len(rows) > 1, csv_link
        assert fetch(urllib.parse.urljoin(base, png_link)) == fetch(
            urllib.parse.urljoin(base, image)), f"{png_link} is not the figure shown"


@pytest.mark.browser
def test_figure_csvs_match_energylib(site_url: str, built_book: Path) -> None:
    """The CSV under a chapter figure holds energylib's numbers: the same figure drawn
    here gives the same table; the dot plot's energies are the dataset's."""
    import matplotlib

    matplotlib.use("Agg")
    from energylib import dataset
    from energylib.figures import phase_diagram_figure, spread_figure
    from energylib.figures.data import figure_rows

    def site_tables(doc: str) -> list[list[list[str]]]:
        html = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]+-figure-\d+\.csv)"', html)
        base = f"{site_url}/{doc}.html"
        return [read_csv(fetch(urllib.parse.urljoin(base, h)).decode()) for h in links]

    def as_table(fig) -> list[list[str]]:
        from energylib.figures.data import figure_csv

        return read_csv(figure_csv(fig))

    verdict = site_tables("chapters/verdict")
    assert as_table(phase_diagram_figure()) in verdict, "verdict's phase diagram differs"

    spread = [t for t in site_tables("chapters/real-numbers")
              if any("energy per query [Wh]" in r for r in t[1:3])]
    assert spread, "no CSV of the energy-per-query dot plot"
    drawn = {round(float(r[3]), 12) for r in spread[0][1:] if r[3]}
    expected = {round(float(x), 12) for _, _, _, x, _, _ in figure_rows(spread_figure())
                if isinstance(x, float)}
    assert drawn == expected
    published = {round(f.si / 3600.0, 12) for f in dataset.load_figures()
                 if f.unit in ("Wh", "J", "kWh")}
    assert any(x in published for x in drawn), "no dot is a published figure"


def test_figure_rows_reads_lines_bars_and_reference_lines() -> None:
    """figure_rows on a figure made here: every kind of artist, with its units."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from energylib.figures.data import figure_rows

    fig, (a, b) = plt.subplots(1, 2)
    a.plot([0.0, 1.0, 2.0], [0.0, 1.0, 4.0], label="square")
    a.axhline(2.5, label="limit")
    a.scatter([1.5], [2.25], label="point")
    a.set(xlabel="t [s]", ylabel="E [J]", title="left")
    b.bar(["GPU", "CPU"], [3.0, 1.0], label="power")
    b.set(ylabel="P [W]")
    rows = figure_rows(fig)
    plt.close(fig)
    assert ("left", "square", "t [s]", 2.0, "E [J]", 4.0) in rows
    assert ("left", "limit", "t [s]", "", "E [J]", 2.5) in rows
    assert ("left", "point", "t [s]", 1.5, "E [J]", 2.25) in rows
    assert ("2", "power", "", "GPU", "P [W]", 3.0) in rows
    assert ("2", "power", "", "CPU", "P [W]", 1.0) in rows
    with pytest.raises(TypeError, match="fig"):
        figure_rows("not a figure")  # type: ignore[arg-type]


@pytest.mark.browser
def test_dataset_downloads_match_energylib(site_url: str, built_book: Path) -> None:
    """The Data page links the dataset; CSV and JSON hold energylib.dataset's figures."""
    from importlib import resources

    from energylib import dataset

    data_page = (built_book / "chapters" / "data.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*data/figures[^"]*)"', data_page)
    assert {Path(h).name for h in links} >= {"figures.csv", "figures.json",
                                             "figures.metadata.json"}
    base = f"{site_url}/chapters/data.html"
    got = {Path(h).name: fetch(urllib.parse.urljoin(base, h)) for h in links}
    figures = dataset.load_figures()
    raw_header = next(csv.reader(io.StringIO(
        resources.files("energylib").joinpath("data/figures.csv").read_text("utf-8"))))

    rows = list(csv.DictReader(io.StringIO(got["figures.csv"].decode("utf-8"))))
    assert list(rows[0].keys()) == [*raw_header, "value_si", "unit_si"]
    assert [r["id"] for r in rows] == [f.id for f in figures]
    for row, fig in zip(rows, figures, strict=True):
        assert float(row["value"]) == fig.value, fig.id
        assert float(row["value_si"]) == pytest.approx(fig.si, rel=1e-15), fig.id
        assert row["unit_si"] == fig.si_unit and row["source"] == fig.source

    records = json.loads(got["figures.json"])
    assert [r["id"] for r in records] == [f.id for f in figures]
    assert all(r["value"] == f.value and r["value_si"] == pytest.approx(f.si, rel=1e-15)
               for r, f in zip(records, figures, strict=True))

    meta = json.loads(got["figures.metadata.json"])
    assert meta["version"] == version() and meta["licence"] == "CC-BY-4.0"
    assert meta["rows"] == len(figures)
    assert [c["name"] for c in meta["columns"]] == list(rows[0].keys())
    assert meta["files"]["figures.csv"]["sha256"] == hashlib.sha256(
        got["figures.csv"]).hexdigest()


# ------------------------------------------------------- 4./5. licence, citation, CI

def test_licences_in_the_repository() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Permission is hereby granted" in licence
    assert "CC BY 4.0" in licence
    cc = (ROOT / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert "Attribution 4.0 International Public License" in cc
    assert "Section 3 -- License Conditions." in cc


@pytest.mark.browser
def test_site_states_version_licence_and_citation(built_book: Path) -> None:
    """Every page's footer has the version (pyproject's), the licences and "How to cite";
    the cite page's BibTeX has that version and _config.yml's repository address."""
    v = version()
    for doc in PAGES:
        html = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        footer = html[html.find('<p class="readers-footer">'):]
        footer = footer[:footer.find("</p>")]
        assert f"version {v}" in footer, f"{doc}: no version in the footer"
        assert "creativecommons.org/licenses/by/4.0" in footer and "MIT" in footer, doc
        assert ("cite.html" in footer) != (doc == "chapters/cite"), doc
    cite = (built_book / "chapters" / "cite.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", cite)
    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    assert "@book{" in text and f"version = {{{v}}}" in text and url in text
    assert f"Version {v}" in text


def test_citation_cff_is_valid() -> None:
    """CITATION.cff validates against the Citation File Format 1.2.0 schema (the copy
    shipped in cffconvert 2.0.0's wheel on PyPI) and carries the book's version."""
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" /
                         "citation-file-format-1.2.0.schema.json").read_text())
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(
        schema, format_checker=jsonschema.FormatChecker())
    errors = [e.message for e in validator.iter_errors(cff)]
    assert not errors, errors
    assert str(cff["version"]) == version(), "CITATION.cff's version is not pyproject's"
    # The schema is a real check: a wrong field fails it.
    assert list(validator.iter_errors({**cff, "authors": "nobody"}))
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{version()}]" in changelog


def test_workflow_passes_linters() -> None:
    """The GitHub Actions workflow: zizmor (a linter, PyPI wheel, offline) finds nothing
    and check-jsonschema validates it against GitHub's workflow schema (vendored)."""
    workflow = ROOT / ".github" / "workflows" / "book.yml"
    bindir = Path(sys.executable).parent
    for tool in ("zizmor", "check-jsonschema"):
        if not (bindir / tool).is_file() and not shutil.which(tool):
            pytest.fail(f"{tool} missing: pip install -r requirements.txt", pytrace=False)
    zizmor = subprocess.run([str(bindir / "zizmor"), "--offline", "--no-progress",
                             str(workflow)], capture_output=True, text=True, check=False)
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    schema = subprocess.run([str(bindir / "check-jsonschema"), "--builtin-schema",
                             "vendor.github-workflows", str(workflow)],
                            capture_output=True, text=True, check=False)
    assert schema.returncode == 0, schema.stdout + schema.stderr
    flow = yaml.safe_load(workflow.read_text())
    steps = [s for job in flow["jobs"].values() for s in job.get("steps", [])]
    uses = " ".join(s.get("uses", "") for s in steps)
    assert "actions/upload-pages-artifact@" in uses and "actions/deploy-pages@" in uses
    assert any(s.get("run") == "bash .ci/run" for s in steps)  # -> bash scripts/test.sh
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
    assert "refs/heads/main" in flow["jobs"]["deploy"]["if"]
