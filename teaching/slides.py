"""Slides for each session, made from the instructor guide: reveal.js, offline.

    python -m teaching slides OUT_DIR      (or: bash scripts/build_slides.sh)

One deck per ``## Session N: ...`` section of ``chapters/instructor-guide.md``, for the
room: the title, the discussion questions, the explorer activity a step a slide (each
prediction asked, its answer kept off the screen), the problem sets and the exit
ticket; the instructor's part (objectives, the timed plan, what to observe, the
misconceptions, the exit ticket's key) is in speaker notes (``<aside class="notes">``,
reveal.js's speaker view, key S). Labels are shown as the titles they point to.
reveal.js and MathJax are copied from the npm packages (``package.json``) next to the
decks, so they work with no network.
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


def titles() -> dict[str, str]:
    """The title of every label of the book: pages' ``(label)=`` and exercises' ``:label:``."""
    found: dict[str, str] = {}
    for page in sorted((ROOT / "chapters").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r"^\((?P<label>[\w-]+)\)=\s*\n+#+ (?P<title>.+)$", text, flags=re.M):
            found[m.group("label")] = m.group("title").strip()
        for m in re.finditer(r"^```\{exercise\} (?P<title>.+)\n:label: (?P<label>[\w-]+)", text,
                             flags=re.M):
            found[m.group("label")] = f"\u201c{m.group('title').strip()}\u201d"
    return found


_TITLES: dict[str, str] = {}


def _title(label: str) -> str:
    if not _TITLES:
        _TITLES.update(titles())
    return _TITLES.get(label.strip(), label.strip())


def plain_myst(text: str) -> str:
    """MyST roles and labels as plain Markdown (a bare label becomes its title)."""
    text = re.sub(r"^\(.+?\)=\s*$", "", text, flags=re.M)
    text = re.sub(r"\{(?:prf:)?ref\}`([^`<]*?)\s*<[^`]*>`", r"\1", text)
    text = re.sub(r"\{(?:ref|doc|numref|prf:ref)\}`([^`]*)`", lambda m: _title(m.group(1)), text)
    text = re.sub(r"\{term\}`([^`]*)`", r"\1", text)
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


def _slide(heading: str, body: str, notes: str = "") -> str:
    aside = f'<aside class="notes">{_md.render(notes)}</aside>' if notes.strip() else ""
    return f"<section><h3>{html.escape(heading)}</h3>{_md.render(body)}{aside}</section>"


def _steps(body: str) -> tuple[str, list[str], str]:
    """An activity's introduction, its numbered steps and what follows them."""
    parts = re.split(r"^\d+\. ", body, flags=re.M)
    intro, steps = parts[0].strip(), [p.strip() for p in parts[1:]]
    after = ""
    if steps:
        last = steps[-1].split("\n\n", 1)
        steps[-1], after = last[0], (last[1].strip() if len(last) > 1 else "")
    return intro, steps, after


def exit_keys(guide: str) -> dict[int, str]:
    """The exit tickets' answer keys of the guide, by session number."""
    section = guide.split("### Exit tickets: answer keys", 1)[-1].split("\n## ", 1)[0]
    return {int(m.group(1)): m.group(2).strip() for m in
            re.finditer(r"^- \*\*Session (\d+)\*\*(.*)$", section, flags=re.M)}


def deck(title: str, subsections: list[tuple[str, str]], exit_key: str = "") -> str:
    """One session's reveal.js deck (HTML): for the room, the instructor's part in notes.

    On the slides: the session's title and chapters, the discussion questions, the
    explorer activity one step a slide (the prediction asked, never its answer), the
    problem sets and the exit ticket. In the speaker notes (``<aside class="notes">``,
    shown by reveal.js's speaker view, key S): objectives, the timed plan, what students
    should observe, the misconceptions and the exit ticket's key.
    """
    parts = {heading: plain_myst(body) for heading, body in subsections}
    notes = "\n\n".join(f"**{h}**\n\n{parts[h]}" for h in ("Learning objectives", "Plan")
                         if h in parts)
    slides = [f'<section><h2>{html.escape(title)}</h2>{_md.render(parts.get("Overview", ""))}'
              f'<p>Inference Energy</p><aside class="notes">{_md.render(notes)}</aside>'
              "</section>"]
    for heading, body in parts.items():
        if heading.startswith("Discussion"):
            pieces = _chunks(body)
            slides += [_slide(heading + (f" ({k + 1}/{len(pieces)})" if len(pieces) > 1
                                         else ""), piece) for k, piece in enumerate(pieces)]
        elif heading.startswith("Explorer activity"):
            intro, steps, after = _steps(body)
            slides += [_slide(heading, piece) for piece in _chunks(intro)]
            for k, step in enumerate(steps, 1):
                shown, _, observed = step.partition("**Observe:**")
                extra = after if k == len(steps) else ""
                slides.append(_slide(f"{heading}: step {k}", shown.strip() or step,
                                     ("**Observe:** " + observed.strip() if observed else "")
                                     + ("\n\n" + extra if extra else "")))
        elif heading.startswith("Problem set"):
            misconceptions = next((b for h, b in parts.items() if h.startswith("Common")), "")
            slides.append(_slide(heading, body, "**Common misconceptions**\n\n"
                                 + misconceptions if misconceptions else ""))
    ticket = re.search(r"\*\*Exit ticket:\*\*\s*(.+?)(?:\s+Assign .*)?\s*\|\s*$",
                       parts.get("Plan", ""), flags=re.M)
    if ticket:
        slides.append(_slide("Exit ticket", ticket.group(1),
                             f"**Key**{exit_key}" if exit_key else ""))
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
<script src="reveal/plugin/notes.js"></script>
<script>
Reveal.initialize({{
  hash: true, center: false, width: 1280, height: 800,
  mathjax3: {{ mathjax: "mathjax/es5/tex-chtml.js",
              tex: {{ inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]] }} }},
  plugins: [RevealMath.MathJax3, RevealNotes]
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
    guide = GUIDE.read_text("utf-8")
    keys = exit_keys(guide)
    for number, (title, subsections) in enumerate(sessions(guide), 1):
        path = out / f"session-{number}.html"
        path.write_text(deck(title, subsections, plain_myst(keys.get(number, ""))),
                        encoding="utf-8")
        decks.append(path)
        links.append(f'<li><a href="{path.name}">{html.escape(title)}</a></li>')
    (out / "index.html").write_text(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Slides"
        "</title></head><body><h1>Inference Energy: slides per session</h1><ul>"
        + "".join(links) + "</ul></body></html>", encoding="utf-8")
    return decks
