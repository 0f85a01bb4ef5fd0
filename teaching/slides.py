"""Slides for each session, made from the instructor guide: reveal.js, offline.

    python -m teaching slides OUT_DIR      (or: bash scripts/build_slides.sh)

One deck per ``## Session N: ...`` section of ``chapters/instructor-guide.md``: a title
slide, then one slide per subsection (objectives, plan, discussion questions, the
explorer activity, problem sets, misconceptions, the exit ticket and its key), long
subsections split over several slides.  reveal.js and MathJax are copied from the
npm packages (``package.json``) next to the decks, so they work with no network.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "chapters" / "instructor-guide.md"
NODE = ROOT / "node_modules"
MAX_LINES = 9  # lines (list items, table rows, paragraphs) per slide

_md = MarkdownIt("commonmark").enable("table")


def plain_myst(text: str) -> str:
    """MyST roles and labels as plain Markdown."""
    text = re.sub(r"^\(.+?\)=\s*$", "", text, flags=re.M)
    text = re.sub(r"\{ref\}`([^`<]*?)\s*<[^`]*>`", r"\1", text)
    text = re.sub(r"\{(?:ref|doc|numref|term)\}`([^`]*)`", r"\1", text)
    text = re.sub(r"\{cite(?::\w+)?\}`([^`]*)`", r"(\1)", text)
    text = re.sub(r"\{py:\w+\}`~?([^`]*)`", r"`\1`", text)
    return text


def sessions(guide: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each session's title and its (subsection title, Markdown body) pairs."""
    found = []
    parts = re.split(r"^## (Session \d+:.*)$", guide, flags=re.M)
    for title, body in zip(parts[1::2], parts[2::2], strict=True):
        body = re.split(r"^## ", body, flags=re.M)[0]  # up to the next top-level section
        subsections = re.split(r"^### (.+)$", body, flags=re.M)
        pairs = [("Overview", subsections[0].strip())] if subsections[0].strip() else []
        pairs += [(t.strip(), b.strip()) for t, b in zip(subsections[1::2], subsections[2::2],
                                                         strict=True)]
        found.append((title.strip(), pairs))
    return found


def _chunks(body: str) -> list[str]:
    """A subsection's Markdown cut into slide-sized pieces (tables keep their header)."""
    lines = [line for line in body.splitlines()]
    if lines and lines[0].startswith("|"):
        header, rows = lines[:2], [ln for ln in lines[2:] if ln.startswith("|")]
        rest = "\n".join(ln for ln in lines[2:] if not ln.startswith("|")).strip()
        pieces = ["\n".join(header + rows[i:i + MAX_LINES - 3])
                  for i in range(0, len(rows), MAX_LINES - 3)]
        return pieces + (_chunks(rest) if rest else [])
    blocks = [b for b in re.split(r"\n(?=\s*(?:[-*] |\d+\. |\n))", body) if b.strip()]
    pieces, current = [], []
    for block in blocks:
        if current and (len(current) >= MAX_LINES // 2 or
                        sum(len(b) for b in current) + len(block) > 900):
            pieces.append("\n".join(current))
            current = []
        current.append(block)
    if current:
        pieces.append("\n".join(current))
    return pieces


def deck(title: str, subsections: list[tuple[str, str]]) -> str:
    """One session's reveal.js deck (HTML)."""
    slides = [f'<section><h2>{html.escape(title)}</h2><p>Inference Energy: instructor '
              "slides, from the instructor guide</p></section>"]
    for heading, body in subsections:
        pieces = _chunks(plain_myst(body)) or [""]
        for k, piece in enumerate(pieces):
            more = f" ({k + 1}/{len(pieces)})" if len(pieces) > 1 else ""
            slides.append(f"<section><h3>{html.escape(heading)}{more}</h3>"
                          f"{_md.render(piece)}</section>")
    return _TEMPLATE.format(title=html.escape(title), slides="\n".join(slides))


_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="reveal/reveal.css">
<link rel="stylesheet" href="reveal/theme/white.css">
<style>
.reveal {{ font-size: 26px; }}
.reveal table {{ font-size: 0.6em; }}
.reveal h3 {{ font-size: 1.2em; }}
.reveal section {{ text-align: left; }}
</style>
</head>
<body>
<div class="reveal"><div class="slides">
{slides}
</div></div>
<script src="reveal/reveal.js"></script>
<script src="reveal/plugin/math.js"></script>
<script>
Reveal.initialize({{
  hash: true, center: false, width: 1280, height: 800,
  mathjax3: {{ mathjax: "mathjax/es5/tex-chtml.js",
              tex: {{ inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]] }} }},
  plugins: [RevealMath.MathJax3]
}});
</script>
</body>
</html>
"""


def build(out: Path) -> list[Path]:
    """Write every session's deck and the assets they need to ``out``; return the decks."""
    reveal, mathjax = NODE / "reveal.js" / "dist", NODE / "mathjax" / "es5"
    for needed in (reveal, mathjax):
        if not needed.is_dir():
            raise FileNotFoundError(f"{needed} missing: run npm ci first")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copytree(reveal, out / "reveal")
    shutil.copytree(mathjax, out / "mathjax" / "es5")
    decks = []
    links = []
    for number, (title, subsections) in enumerate(sessions(GUIDE.read_text("utf-8")), 1):
        path = out / f"session-{number}.html"
        path.write_text(deck(title, subsections), encoding="utf-8")
        decks.append(path)
        links.append(f'<li><a href="{path.name}">{html.escape(title)}</a></li>')
    (out / "index.html").write_text(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Slides"
        "</title></head><body><h1>Inference Energy: slides per session</h1><ul>"
        + "".join(links) + "</ul></body></html>", encoding="utf-8")
    return decks
