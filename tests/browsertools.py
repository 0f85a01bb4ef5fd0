"""What the browser tests share: Debian's Chromium, a reader's page, axe-core.

The `browser` fixture itself (one Chromium per test module) is in conftest.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from booktools import ROOT, toc_docnames

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
SCREENSHOTS = ROOT / "_build" / "screenshots"
# The book's pages, plus Sphinx's own index and search pages.
PAGES = [*toc_docnames(), "genindex", "search"]
# The chapters that make an explorer (each must show it live).
EXPLORER_PAGES = [doc for doc in toc_docnames()
                  if "Explorer(" in (ROOT / f"{doc}.md").read_text(encoding="utf-8")]

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_REPORT = ROOT / "_build" / "axe-report.json"
BLOCKING = ("serious", "critical")

# Wait for MathJax's typesetting and the explorers (networkidle is too fragile on a busy
# machine).
MATHJAX_DONE_JS = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
}"""


class Reader:
    """A page in a fresh browser context; every request stays on 127.0.0.1."""

    def __init__(self, browser, **context) -> None:
        self.problems: list[str] = []
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900},
                                              **context})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("console", lambda m: m.type == "error"
                     and self.problems.append(f"console: {m.text}"))

    def _route(self, route) -> None:
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.problems.append(f"blocked: {route.request.url}")
            route.abort()

    def open(self, url: str, explorers: bool = False):
        self.page.goto(url, wait_until="load")
        if explorers:
            self.page.wait_for_selector(".web-explorer.wx-ready", timeout=60_000)
        return self.page

    def settle(self) -> None:
        """Wait for MathJax's typesetting and the explorers."""
        self.page.evaluate(MATHJAX_DONE_JS)
        if self.page.locator(".web-explorer").count():
            self.page.wait_for_selector(".web-explorer.wx-ready", timeout=60_000)

    def close(self) -> None:
        self.context.close()


def axe(page, include: str | None = None) -> list[dict]:
    """axe-core's violations of the WCAG 2.1 A/AA rules on the page (or a part of it)."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} missing: run bash scripts/vendor_assets.sh", pytrace=False)
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    return page.evaluate(
        """async ([tags, include]) => {
          const r = await axe.run(include ? {include: [[include]]} : document,
                                  {runOnly: {type: 'tag', values: tags}});
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
        }""", [AXE_TAGS, include])


def record_axe(key: str, violations: list[dict]) -> None:
    """Add a page's violations (every impact) to _build/axe-report.json."""
    report = json.loads(AXE_REPORT.read_text()) if AXE_REPORT.is_file() else {}
    report[key] = {v["id"]: {"impact": v["impact"], "nodes": len(v["nodes"])}
                   for v in violations}
    AXE_REPORT.parent.mkdir(parents=True, exist_ok=True)
    AXE_REPORT.write_text(json.dumps(report, indent=1, sort_keys=True))


def blocking(violations: list[dict]) -> str:
    """The serious and critical violations, described (empty if none)."""
    bad = [v for v in violations if v["impact"] in BLOCKING]
    return "\n".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {v['help']}\n  "
                     + "\n  ".join(v["nodes"][:5]) for v in bad)


def chromium_path() -> Path:
    """Debian's Chromium (or $CHROMIUM); fails the test with what to do when missing."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: run `bash scripts/test.sh` (it installs "
                    "chromium) or set CHROMIUM", pytrace=False)
    return Path(CHROMIUM)
