"""One meaning per symbol: each chapter's notation table defines what its mathematics uses.

For each of the nine chapters, ``chapters/notation/<chapter>.md`` (included in
the notation page under the label ``notation-<chapter>``) is a Markdown table
``| symbol | meaning | unit |``.  With ``scripts/chapter_symbols.py``:

* every symbol the chapter's mathematics uses is in the table, and every symbol
  of the table is used (no stale rows);
* each symbol has one meaning there (one row);
* the chapter writes Euler's number upright (``\\mathrm{e}^{x}`` or ``\\exp``), never
  a bare ``e^``, so that ``e`` is never read as a symbol;
* the notation page includes every table under its label, and the chapter links to it.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ["temporal-infinity", "semantic-infinity", "machine-infinity", "the-argument",
            "thermodynamics", "analogies", "real-numbers", "industry", "verdict"]


def _load_chapter_symbols() -> ModuleType:
    spec = importlib.util.spec_from_file_location("chapter_symbols",
                                                  ROOT / "scripts" / "chapter_symbols.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("chapter_symbols", module)
    spec.loader.exec_module(module)
    return module


cs = _load_chapter_symbols()


def table_file(chapter: str) -> Path:
    return ROOT / "chapters" / "notation" / f"{chapter}.md"


def test_extractor_reads_real_latex() -> None:
    """The symbols of a few lines as the chapters write them."""
    assert cs.symbols_in_math(r"w(t) = w_0\,\mathrm{e}^{-rt}") == {"w", "t", "w_0", "r"}
    # An accented letter is a symbol of its own: the mean \bar w is not w.
    assert cs.symbols_in_math(r"\bar w = h\,w_\mathrm{lookup} + \bar{w}_0") == {
        "\\barw", "h", "w_lookup", "\\barw_0"}
    assert cs.symbols_in_math(r"E_\mathrm{inf}(T) = \int_0^T q(t)\,w(t)\,\mathrm{d}t") == {
        "E_inf", "T", "q", "t", "w"}
    assert cs.symbols_in_math(r"\lim_{T\to\infty} \frac{q_0 w_0}{r - g}") == {
        "T", "q_0", "w_0", "r", "g"}
    assert cs.symbols_in_math(r"t_\ast = \ln(w_0/w_{\min})/r") == {"t_*", "w_0", "w_min", "r"}
    assert cs.symbols_in_math(r"B^*_c = \frac{N b F}{2 N W - c F}") == {
        "B_c^*", "N", "b", "F", "W", "c"}
    assert cs.symbols_in_math(r"k_BT\ln 2 \approx 2.87\times10^{-21}\,\mathrm{J}") == {
        "k_B", "T"}
    assert cs.symbols_in_math(r"p_i = i^{-s}/H_{N,s}") == {"p_i", "i", "s", "H_N,s"}
    table = cs.table_symbols("| $w(t)$, $w_0$ | energy of one query | J |\n"
                             "| $t$ | time since launch | s |\n")
    assert table == {"w": ["energy of one query"], "w_0": ["energy of one query"],
                     "t": ["time since launch"]}
    assert cs.bare_euler("$q_0 e^{gt}$ and $\\mathrm{e}^{-rt}$ and $e^*$ and $\\sigma_e^2$") == [
        "q_0 e^{gt}"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notation_table_exists(chapter: str) -> None:
    path = table_file(chapter)
    assert path.is_file(), f"no notation table {path.relative_to(ROOT)}"
    assert cs.table_symbols(path.read_text(encoding="utf-8")), (
        f"{path.relative_to(ROOT)}: no row '| $symbol$ | meaning | unit |'")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_symbol_used_is_defined_and_every_row_used(chapter: str) -> None:
    if not table_file(chapter).is_file():
        pytest.fail(f"no notation table chapters/notation/{chapter}.md")
    missing, unused = cs.check(ROOT / "chapters" / f"{chapter}.md")
    assert not missing, (f"{chapter}: used in its mathematics but not in "
                         f"chapters/notation/{chapter}.md: {' '.join(sorted(missing))}")
    assert not unused, (f"{chapter}: in chapters/notation/{chapter}.md but not used in its "
                        f"mathematics: {' '.join(sorted(unused))}")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_one_meaning_per_symbol(chapter: str) -> None:
    if not table_file(chapter).is_file():
        pytest.fail(f"no notation table chapters/notation/{chapter}.md")
    table = cs.table_symbols(table_file(chapter).read_text(encoding="utf-8"))
    several = {s: meanings for s, meanings in table.items() if len(meanings) > 1}
    assert not several, f"{chapter}: symbols with more than one meaning: {several}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_euler_number_is_upright(chapter: str) -> None:
    bare = cs.bare_euler((ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8"))
    assert not bare, (f"{chapter}: Euler's number written as a bare e^ (write "
                      f"\\mathrm{{e}}^{{...}} or \\exp): {bare[:5]}")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_notation_page_includes_the_table(chapter: str) -> None:
    page = (ROOT / "chapters" / "notation.md").read_text(encoding="utf-8")
    section = re.search(rf"^\(notation-{re.escape(chapter)}\)=\n#+ .+?(?=^\(|\Z)", page,
                        re.M | re.S)
    assert section, f"chapters/notation.md: no section labelled (notation-{chapter})="
    assert f"```{{include}} notation/{chapter}.md" in section.group(0), (
        f"chapters/notation.md: section notation-{chapter} does not include "
        f"notation/{chapter}.md")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_links_to_its_symbols(chapter: str) -> None:
    text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    link = re.compile(r"\{ref\}`(?:[^`<]*<)?notation-" + re.escape(chapter) + r">?`")
    assert link.search(text), (
        f"{chapter}.md: no link to its symbols, {{ref}}`notation-{chapter}`")
