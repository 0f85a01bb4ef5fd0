"""Each chapter states an honest reading time near its top.

Each of the nine chapters says, in its objectives box (before its first ``##``
section), exactly::

    **Reading time:** about N minutes, plus about M minutes for the exercises.

and N is within ±35 % of the chapter's prose words / 150 (a first-year student
reads technical prose at about 150 words a minute).  Prose words are the words
of the chapter's Markdown outside code cells, outside the front matter, and
outside the option lines of directives (``:label:``, ``:class:`` ..., and a
directive's ``---`` YAML block); the text inside directives (admonitions,
proofs, dropdowns, math) counts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ["temporal-infinity", "semantic-infinity", "machine-infinity", "the-argument",
            "thermodynamics", "analogies", "real-numbers", "industry", "verdict"]
WORDS_PER_MINUTE = 150
TOLERANCE = 0.35
READING_TIME = re.compile(r"\*\*Reading time:\*\* about (\d+) minutes, plus about (\d+) "
                          r"minutes for the exercises\.")
_FENCE = re.compile(r"^(`{3,}|:{3,})(\{[^}]*\})?")


def prose(markdown: str) -> str:
    """The chapter's Markdown without front matter, code cells and directive options."""
    lines = markdown.splitlines()
    if lines and lines[0].strip() == "---":  # front matter
        end = next(k for k in range(1, len(lines)) if lines[k].strip() == "---")
        lines = lines[end + 1:]
    kept: list[str] = []
    stack: list[str] = []  # open fences
    in_code = False
    options = False  # inside a directive's option lines or its --- YAML block
    yaml_block = False
    for line in lines:
        stripped = line.strip()
        fence = _FENCE.match(stripped)
        if in_code:
            if fence and not fence.group(2) and stripped.startswith(stack[-1]):
                stack.pop()
                in_code = False
            continue
        if fence and fence.group(2):  # a directive opens
            stack.append(fence.group(1))
            if fence.group(2).startswith("{code-cell"):
                in_code = True
                continue
            options = True
            title = stripped[fence.end():]
            kept.append(title)
            continue
        if fence and stack and stripped == stack[-1]:  # the innermost directive closes
            stack.pop()
            options = False
            continue
        if fence and not fence.group(2) and stripped.startswith("```"):  # a plain code block
            stack.append(fence.group(1))
            in_code = True
            continue
        if options:
            if stripped == "---":
                yaml_block = not yaml_block
                continue
            if yaml_block or re.match(r"^:[\w-]+:", stripped):
                continue
            options = False
        if re.match(r"^\([\w-]+\)=$", stripped) or stripped.startswith("<!--"):
            continue
        kept.append(line)
    return "\n".join(kept)


def word_count(text: str) -> int:
    return sum(1 for token in text.split() if re.search(r"\w", token))


def test_prose_drops_code_and_options() -> None:
    text = ("---\nkernelspec: x\n---\n# Title here\n\n(label)=\nOne two three.\n\n"
            "```{code-cell} ipython3\nx = 1 + 2\n```\n\n:::{admonition} Box title\n"
            ":class: tip\nInside words.\n:::\n\n```{math}\n:label: eq\nE = m c^2\n```\n")
    # Title here One two three. Box title Inside words. E m c^2 ('#' and '=' are not words)
    assert word_count(prose(text)) == 12


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_reading_time_is_stated_and_honest(chapter: str) -> None:
    markdown = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    first_section = re.search(r"^## ", markdown, re.M)
    top = markdown[:first_section.start()] if first_section else markdown
    found = READING_TIME.search(top)
    assert found, (f"{chapter}.md: no '**Reading time:** about N minutes, plus about M "
                   "minutes for the exercises.' before its first section")
    stated = int(found.group(1))
    words = word_count(prose(markdown))
    expected = words / WORDS_PER_MINUTE
    assert abs(stated - expected) <= TOLERANCE * expected, (
        f"{chapter}.md: reading time stated {stated} min, but its {words:,} prose words "
        f"take about {expected:.0f} min at {WORDS_PER_MINUTE} words a minute "
        f"(allowed {expected * (1 - TOLERANCE):.0f} to {expected * (1 + TOLERANCE):.0f})")
    assert int(found.group(2)) > 0, f"{chapter}.md: the exercises take some minutes"
