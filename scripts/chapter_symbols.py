"""The mathematical symbols a chapter uses, and the ones its notation table defines.

A chapter's symbols are read from its mathematics (``$...$``, ``$$...$$`` and
``{math}`` blocks; code cells are skipped).  A symbol is one Latin letter or
one Greek letter command, with its subscript and a ``^*`` if it has them:
``q_0``, ``E_train`` (from ``E_\\mathrm{train}``), ``T^*``, ``\\rho``.
``\\mathrm{...}``, ``\\text{...}`` and ``\\operatorname{...}`` hold words and
units (``\\mathrm{d}t``, ``\\mathrm{GWh}``, ``\\mathrm{e}``), not symbols, unless
they are a subscript.  Euler's number is written upright, ``\\mathrm{e}``, so
that a bare ``e`` is always a symbol.

Each chapter's notation table is ``chapters/notation/<chapter>.md``: a
Markdown table whose first column is the symbol in math, ``$q_0$``.

Run ``python scripts/chapter_symbols.py chapters/temporal-infinity.md`` to list
the symbols the chapter uses that its table does not define, and the reverse.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTATION = ROOT / "chapters" / "notation"

GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda "
         "mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
         "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega").split()
_WORDS = re.compile(r"\\(?:mathrm|text|operatorname|textrm|mbox|unit|mathsf|texttt)\s*\{[^{}]*\}")
_CODE = re.compile(r"^```\{code-cell\}.*?^```", re.S | re.M)
_MATH_BLOCK = re.compile(r"^```\{math\}[^\n]*\n(.*?)^```", re.S | re.M)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$([^$\n]+?)\$(?!\$)")
_SUB = r"(?:_\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|_\\[A-Za-z]+|_[A-Za-z0-9])"
_TOKEN = re.compile(
    r"(?<![A-Za-z\\])(\\(?:" + "|".join(GREEK) + r")(?![A-Za-z])|[A-Za-z])"
    r"(" + _SUB + r")?(\^\{?\*\}?)?")


def _math_parts(markdown: str) -> list[str]:
    text = _CODE.sub("", markdown)
    parts = [re.sub(r"^:[a-z-]+:.*$", "", m.group(1), flags=re.M)
             for m in _MATH_BLOCK.finditer(text)]
    text = _MATH_BLOCK.sub("", text)
    text = re.sub(r"`[^`\n]*`", "", text)  # inline code and roles' targets
    parts += [m.group(1) for m in _DISPLAY.finditer(text)]
    text = _DISPLAY.sub("", text)
    parts += [m.group(1) for m in _INLINE.finditer(text)]
    return parts


def normalize(symbol_tex: str) -> str:
    """A symbol's canonical name: ``E_\\mathrm{train}`` -> ``E_train``, ``T^{*}`` -> ``T^*``."""
    s = re.sub(r"\\(?:mathrm|text|operatorname|textrm|mathsf)\s*\{([^{}]*)\}", r"\1", symbol_tex)
    s = re.sub(r"\\(min|max|mathrm)\b", r"\1", s)
    s = s.replace("\\ast", "*").replace("\\,", "")
    s = s.replace("{", "").replace("}", "").replace(" ", "")
    return s


def symbols_in_math(tex: str) -> set[str]:
    """The symbols in one piece of LaTeX (see the module's docstring)."""
    found: set[str] = set()
    # Subscripts in words count: keep \mathrm{...} only where it is a subscript.
    protected = re.sub(r"_\s*(\\(?:mathrm|text|operatorname)\s*\{[^{}]*\})",
                       lambda m: "_{" + normalize(m.group(1)) + "}", tex)
    bare = _WORDS.sub(" ", protected)
    bare = re.sub(r"\\(?:begin|end)\{[^{}]*\}", " ", bare)
    bare = re.sub(r"\\(?:label|tag|ref|eqref)\{[^{}]*\}", " ", bare)
    for m in _TOKEN.finditer(bare):
        base, sub, star = m.group(1), m.group(2) or "", m.group(3) or ""
        found.add(normalize(base + sub + ("^*" if star else "")))
    return found


def chapter_symbols(markdown: str) -> set[str]:
    """Every symbol the chapter's mathematics uses."""
    found: set[str] = set()
    for part in _math_parts(markdown):
        found |= symbols_in_math(part)
    return found


def table_symbols(markdown: str) -> dict[str, list[str]]:
    """The notation table's symbols -> their meanings (a symbol may list several forms)."""
    table: dict[str, list[str]] = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("$"):
            continue
        for tex in re.findall(r"\$([^$]+)\$", cells[0]):
            for symbol in symbols_in_math(tex):
                table.setdefault(symbol, []).append(cells[1])
    return table


def check(chapter: Path) -> tuple[set[str], set[str]]:
    """(used but not defined, defined but not used) for one chapter."""
    used = chapter_symbols(chapter.read_text(encoding="utf-8"))
    table_file = NOTATION / chapter.name
    defined = set(table_symbols(table_file.read_text(encoding="utf-8"))) if table_file.is_file() \
        else set()
    return used - defined, defined - used


if __name__ == "__main__":
    for name in sys.argv[1:]:
        missing, unused = check(Path(name))
        print(f"{name}:\n  used, not in chapters/notation/{Path(name).name}: "
              f"{' '.join(sorted(missing)) or '-'}\n  in the table, not used: "
              f"{' '.join(sorted(unused)) or '-'}")
