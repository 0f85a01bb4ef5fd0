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
         "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell").split()
_WORDS = re.compile(r"\\(?:mathrm|text|operatorname|textrm|mbox|unit|mathsf|texttt)\s*\{[^{}]*\}")
_CODE = re.compile(r"^```\{code-cell\}.*?^```", re.S | re.M)
_MATH_BLOCK = re.compile(r"^```\{math\}[^\n]*\n(.*?)^```", re.S | re.M)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$])\$([^$\n]+?)\$(?!\$)")
_SUB = r"(?:_\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|_\\[A-Za-z]+|_[A-Za-z0-9])"
_STAR = r"(?:\^\{?\s*(?:\*|\\ast)\s*\}?)"
# A letter, its subscript and a star, in either order (T^*, t_\ast, B^*_c, B_c^*).
_GREEK = r"\\(?:" + "|".join(GREEK) + r")(?![A-Za-z])"
# Commands that are not letters (\frac, \ln, \infty, \times...), unless a subscript.
ACCENTS = ("bar", "hat", "tilde", "overline", "dot", "vec")
# An accented letter is its own symbol: \bar w (mean w) is not w.
_ACCENTED = (r"\\(?:" + "|".join(ACCENTS) + r")\s*(?:\{\s*(?:" + _GREEK + r"|[A-Za-z])\s*\}|\s+"
             r"(?:" + _GREEK + r"|[A-Za-z])|" + _GREEK + r")")
_COMMAND = re.compile(r"(?<!_)\\(?!(?:" + "|".join(GREEK + list(ACCENTS)) + r")(?![A-Za-z]))"
                      r"[A-Za-z]+")
_TOKEN = re.compile(
    r"(?<!\\)(" + _ACCENTED + "|" + _GREEK + r"|[A-Za-z])"
    r"(?:(" + _STAR + r")(" + _SUB + r")?|(" + _SUB + r")?(" + _STAR + r")?)")


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


def _protect_subscripts(tex: str) -> str:
    """A symbol's subscript as plain text: ``_\\mathrm{train}``, ``_{\\min}``, ``_\\infty``.

    They become ``_{train}``, ``_{min}``, ``_{infty}``; the subscript of an operator
    (``\\lim_{T \\to \\infty}``, ``\\sum_{i=1}``) is left alone: its letters are symbols.
    """
    tex = re.sub(r"_\s*(\\(?:mathrm|text|operatorname)\s*\{[^{}]*\})",
                 lambda m: "_{" + normalize(m.group(1)) + "}", tex)
    tex = re.sub(r"_\s*\\ast\b", "_{*}", tex)
    not_greek = r"(?!(?:" + "|".join(GREEK) + r")(?![A-Za-z]))"
    operators = {m.end() for m in re.finditer(r"\\" + not_greek + r"[A-Za-z]+", tex)}

    def plain(m: re.Match[str]) -> str:
        if m.start() in operators:
            return m.group(0)
        inner = m.group(1) if m.group(1) is not None else "\\" + m.group(2)
        return "_{" + re.sub(r"\\" + not_greek + r"([A-Za-z]+)", r"\1", inner) + "}"

    return re.sub(r"_(?:\{([^{}]*)\}|\\" + not_greek + r"([A-Za-z]+))", plain, tex)


def symbols_in_math(tex: str) -> set[str]:
    """The symbols in one piece of LaTeX (see the module's docstring)."""
    found: set[str] = set()
    # Subscripts in words count: keep \mathrm{...} only where it is a subscript.
    protected = _protect_subscripts(tex)
    bare = _WORDS.sub(" ", protected)
    bare = re.sub(r"\\(?:begin|end)\{[^{}]*\}", " ", bare)
    bare = re.sub(r"\\(?:label|tag|ref|eqref)\{[^{}]*\}", " ", bare)
    bare = _COMMAND.sub(" ", bare)  # juxtaposed letters are products: rt is r and t
    for m in _TOKEN.finditer(bare):
        found.add(_token_name(m))
    return found


def _token_name(m: re.Match[str]) -> str:
    base, star1, sub1, sub2, star2 = m.groups()
    sub, star = sub1 or sub2 or "", star1 or star2
    return normalize(base + sub + ("^*" if star else ""))


def defined_symbol(tex: str) -> str | None:
    """The symbol a notation table's cell defines: the first symbol of its math.

    ``w(t)`` defines ``w`` (not ``t``), ``E_\\mathrm{inf}(T)`` defines ``E_inf``.
    """
    protected = _protect_subscripts(tex)
    m = _TOKEN.search(_COMMAND.sub(" ", _WORDS.sub(" ", protected)))
    return _token_name(m) if m else None


_BARE_E = re.compile(r"(?<![A-Za-z\\{_])e\s*\^(?!\s*\{?\s*(?:\*|\\ast))")


def bare_euler(markdown: str) -> list[str]:
    """The pieces of the chapter's mathematics that write Euler's number as a bare ``e^``.

    Euler's number is upright, ``\\mathrm{e}^{-rt}`` (or ``\\exp``), so that ``e`` is never
    read as a symbol; ``e^*`` is a symbol with a star, not a power.
    """
    return [part.strip() for part in _math_parts(markdown) if _BARE_E.search(part)]


def chapter_symbols(markdown: str) -> set[str]:
    """Every symbol the chapter's mathematics uses."""
    found: set[str] = set()
    for part in _math_parts(markdown):
        found |= symbols_in_math(part)
    return found


def table_symbols(markdown: str) -> dict[str, list[str]]:
    """The notation table's symbols -> their meanings, one per row that defines the symbol.

    A row's first cell may list several forms (``$w(t)$, $w_0$``): each ``$...$`` defines
    its first symbol (``w``, ``w_0``), not the arguments after it (``t``).
    """
    table: dict[str, list[str]] = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("$"):
            continue
        for tex in re.findall(r"\$([^$]+)\$", cells[0]):
            symbol = defined_symbol(tex)
            if symbol is not None and cells[1] not in table.get(symbol, []):
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
