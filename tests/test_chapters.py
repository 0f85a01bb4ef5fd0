"""Every chapter meets the book's chapter standard (checked on the MyST sources).

A chapter (a TOC page other than the introduction and the back matter) has: a
label, front matter listing the claims it covers (valid ids C1-C12), learning
objectives, at least one explorer, at least three exercises each with a
solution, figures with captions and alt text, a summary, citations, and at
least 1,200 words of prose. Every claim C1-C12 named in a chapter is real.
"""

from __future__ import annotations

import re

import pytest
import yaml
from booktools import ROOT, toc_docnames

NOT_CHAPTERS = {"chapters/intro", "chapters/glossary", "chapters/notation",
                "chapters/references", "chapters/data", "chapters/cite", "chapters/licence"}
# Problem sets (chapters/problems/) have their own standard: tests/test_problem_sets.py.
# The energylib reference (chapters/api/) is generated from docstrings: tests/test_api_docs.py.
CHAPTERS = [doc for doc in toc_docnames() if doc not in NOT_CHAPTERS
            and not doc.startswith(("chapters/problems/", "chapters/api/"))]
CLAIM_IDS = {f"C{i}" for i in range(1, 13)}


def source(doc: str) -> tuple[dict, str]:
    text = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, flags=re.S)
    assert match, f"{doc}: no front matter"
    return yaml.safe_load(match.group(1)), match.group(2)


def prose_words(body: str) -> int:
    """Words outside code cells, math blocks and directive options."""
    body = re.sub(r"```\{code-cell\}.*?```", "", body, flags=re.S)
    body = re.sub(r"```\{math\}.*?```", "", body, flags=re.S)
    body = re.sub(r"^:[a-z-]+:.*$", "", body, flags=re.M)
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", body))


def test_there_are_chapters():
    assert "chapters/temporal-infinity" in CHAPTERS


@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapter_standard(doc: str) -> None:
    meta, body = source(doc)
    claims = meta.get("claims")
    assert claims and set(claims) <= CLAIM_IDS, f"{doc}: claims front matter {claims!r}"
    name = doc.split("/")[-1]
    assert re.search(rf"^\({re.escape(name)}\)=$", body, flags=re.M), f"{doc}: no label"
    assert "Learning objectives" in body, f"{doc}: no learning objectives"
    assert re.search(r"^## Summary", body, flags=re.M), f"{doc}: no summary"
    exercises = re.findall(r"^```\{exercise\}", body, flags=re.M)
    solutions = re.findall(r"^```\{solution-start\}", body, flags=re.M)
    assert len(exercises) >= 3, f"{doc}: {len(exercises)} exercises"
    assert len(solutions) == len(exercises), f"{doc}: an exercise without a solution"
    assert len(re.findall(r"\{cite\}`", body)) >= 3, f"{doc}: fewer than 3 citations"
    assert "Explorer" in body or "explorer" in body, f"{doc}: no explorer"
    figures = re.findall(r"^\s+figure:\s*$", body, flags=re.M)
    alts = re.findall(r"^\s+alt:\s*\S", body, flags=re.M)
    assert figures and len(alts) >= len(figures), f"{doc}: figures without alt text"
    assert prose_words(body) >= 1200, f"{doc}: {prose_words(body)} words of prose"


@pytest.mark.parametrize("doc", CHAPTERS)
def test_chapter_links_the_glossary(doc: str) -> None:
    """Key terms link to the glossary (the build checks that every link resolves)."""
    _, body = source(doc)
    terms = re.findall(r"\{term\}`", body)
    assert len(terms) >= 3, f"{doc}: only {len(terms)} glossary links"
