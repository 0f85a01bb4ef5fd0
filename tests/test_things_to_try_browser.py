"""The things to try, on the built site in Chromium: each step shows what it promises.

The steps' other checks (Python, the page's JavaScript in Node, the printed text)
are in test_things_to_try.py, in the fast tier; this module needs the built book.
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from test_things_to_try import (
    CASE_IDS,
    CASES,
    GUIDE_PAGE,
    Case,
    chapter_of,
    check_expect,
    nearest_position,
)

from energylib.explorers.web import Choice, Slider, WebExplorer

pytestmark = pytest.mark.browser

# ------------------------------------------------------------------ in Chromium

SET_AND_READ_JS = """([id, moves]) => {
  const root = document.getElementById(id);
  for (const [name, position] of moves) {
    const row = root.querySelector(`.wx-row[data-param="${name}"]`);
    const input = row.querySelector('input, select');
    if (input.type === 'range') {
      input.value = String(position);
      input.dispatchEvent(new Event('input', {bubbles: true}));
    } else if (input.type === 'checkbox') {
      input.checked = position;
      input.dispatchEvent(new Event('change', {bubbles: true}));
    } else {
      input.value = position;
      input.dispatchEvent(new Event('change', {bubbles: true}));
    }
  }
  const out = {};
  for (const node of root.querySelectorAll('.wx-output')) {
    out[node.dataset.output] = [node.dataset.value, node.querySelector('.wx-value').textContent];
  }
  return out;
}"""


def page_moves(spec: WebExplorer, settings: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The DOM moves of one step: choices first (their presets move sliders), then sliders."""
    moves: list[tuple[str, Any]] = []
    for name, value in sorted(settings.items(),
                              key=lambda kv: not isinstance(spec.param(kv[0]), Choice)):
        param = spec.param(name)
        if isinstance(param, Slider):
            value = nearest_position(param, value)
            moves.append((name, math.log(value, param.base) if param.log else value))
        elif param.widget_kind == "checkbox":
            moves.append((name, bool(value)))
        else:
            moves.append((name, json.dumps(value)))
    return moves


@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_steps_show_what_they_promise_in_chromium(case: Case, browser: Any, site_url: str,
                                                  built_book: Path) -> None:
    """The built page, its controls moved as the steps say, shows what each step promises.

    The explorer shown is the chapter's (its own keyword arguments); the steps run on the
    chapter's page (or the instructor guide's, for the guide's activities, when that page
    shows the explorer; otherwise on the chapter's).
    """
    from test_browser import SPECS_JS

    chapter = chapter_of(case.explorer)
    page_doc = case.page
    guide_html = built_book / f"{GUIDE_PAGE}.html"  # only in the instructor edition
    if page_doc == GUIDE_PAGE and (not guide_html.is_file() or f'data-explorer="{case.explorer}"'
                                   not in guide_html.read_text(encoding="utf-8")):
        page_doc = chapter
    problems: list[str] = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.route("**/*", lambda r: r.continue_() if urlparse(r.request.url).hostname
                   == "127.0.0.1" else (problems.append(r.request.url), r.abort()))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.goto(f"{site_url}/{page_doc}.html", wait_until="load")
        page.wait_for_selector(".web-explorer.wx-ready", timeout=20_000)
        roots = [(root_id, spec) for root_id, spec, _ in page.evaluate(SPECS_JS)
                 if spec["id"] == case.explorer]
        assert roots, f"{case.id}: {page_doc}.html shows no explorer {case.explorer!r}"
        root_id, page_spec = roots[0]
        module = importlib.import_module(page_spec["python"]["class"].partition(":")[0])
        spec = module.declaration(**page_spec["python"]["kwargs"])
        outputs = {o.name: o for o in spec.outputs}
        for step in case.activity.steps:
            shown = page.evaluate(SET_AND_READ_JS, [root_id, page_moves(spec, step.settings)])
            for name, want in step.expect.items():
                raw, text = shown[name]
                check_expect(f"{case.id} (Chromium, {page_doc}) after {step.text!r}",
                             outputs[name], float(raw), want, text=text)
    finally:
        page.close()
    assert not problems, problems
