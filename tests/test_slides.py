"""The session slides: built by one command from the guide, shown by reveal.js offline.

``bash scripts/build_slides.sh`` writes one deck per session of the instructor guide;
each deck opens in Chromium from the files alone (no request leaves the folder),
reveal.js starts, every slide has content, the math is typeset, and the console is
free of errors.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from booktools import ROOT

pytestmark = pytest.mark.browser

GUIDE = (ROOT / "chapters" / "instructor-guide.md").read_text(encoding="utf-8")
SESSIONS = len(re.findall(r"^## Session \d+:", GUIDE, flags=re.M))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def slides() -> Path:
    done = subprocess.run(["bash", "scripts/build_slides.sh"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return ROOT / "_build" / "slides"


def test_one_deck_per_session(slides: Path) -> None:
    assert SESSIONS >= 6
    decks = sorted(slides.glob("session-*.html"))
    assert len(decks) == SESSIONS
    index = (slides / "index.html").read_text(encoding="utf-8")
    assert all(deck.name in index for deck in decks)


def test_decks_run_offline_in_chromium(slides: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        try:
            for number in range(1, SESSIONS + 1):
                page = browser.new_page()
                errors: list[str] = []
                outside: list[str] = []
                page.on("console", lambda m, errors=errors: errors.append(m.text)
                        if m.type == "error" else None)
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on("request", lambda r, outside=outside: outside.append(r.url)
                        if not r.url.startswith(("file://", "data:")) else None)
                page.goto((slides / f"session-{number}.html").as_uri())
                page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=30000)
                total = page.evaluate("Reveal.getTotalSlides()")
                assert total >= 6, f"session {number}: {total} slides"
                empty = page.evaluate(
                    "[...document.querySelectorAll('.slides > section')]"
                    ".filter(s => s.innerText.trim().length < 20).length")
                assert empty == 0, f"session {number}: {empty} empty slides"
                title = page.evaluate("document.querySelector('.slides section h2').textContent")
                assert title.startswith(f"Session {number}:")
                if "$" in page.evaluate("document.querySelector('.slides').innerText"):
                    page.wait_for_function(
                        "document.querySelectorAll('mjx-container').length > 0", timeout=30000)
                page.evaluate("Reveal.next()")
                assert page.evaluate("Reveal.getIndices().h") == 1
                assert not errors, f"session {number}: {errors}"
                assert not outside, f"session {number}: requests outside the folder: {outside}"
                page.close()
        finally:
            browser.close()


def _visible(deck: str) -> str:
    """A deck's text as the room sees it: no speaker notes, no tags."""
    text = re.sub(r'<aside class="notes">.*?</aside>', "", deck, flags=re.S)
    text = re.sub(r"<script.*?</script>|<style.*?</style>", "", text, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


def test_decks_are_for_the_room_and_notes_for_the_speaker(slides: Path) -> None:
    for number in range(1, SESSIONS + 1):
        deck = (slides / f"session-{number}.html").read_text(encoding="utf-8")
        notes = " ".join(re.findall(r'<aside class="notes">(.*?)</aside>', deck, flags=re.S))
        shown = _visible(deck)
        assert "RevealNotes" in deck
        # The instructor's part is in the notes, not on the slides.
        for part in ("Learning objectives", "Plan", "minutes"):
            assert part in notes and part not in shown, (number, part)
        if "Common misconceptions" in GUIDE.split(f"## Session {number}:", 1)[1]:
            assert "Common misconceptions" in notes and "misconception" not in shown.lower()
        # A prediction's answer never shows on a slide; it is in the notes.
        assert "Observe:" not in shown and "Observe:" in notes, number
        # Labels are resolved to titles.
        assert not re.search(r"\b(?:problems-[a-z-]+|ex-[a-z]+(?:-\d+)?)\b", shown), (
            number, re.findall(r"\b(?:problems-[a-z-]+|ex-[a-z-]+)\b", shown))
    first = _visible((slides / "session-1.html").read_text(encoding="utf-8"))
    assert "Problem set: Temporal infinity" in first and "From doubling times to rates" in first
    assert "Exit ticket" in first
