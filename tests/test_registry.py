"""No published value is retyped: the dataset is the one registry of published figures.

Every published number lives in ``energylib/data/figures.csv`` and is read with
:func:`energylib.dataset.by_id` (or through a named model function that does).  This test
reads every numeric literal of

* the code cells of every chapter and problem set (``chapters/**/*.md``), and
* every module of energylib (except the dataset itself: ``energylib/dataset.py`` and
  ``energylib/data/``),

with Python's tokenizer (so docstrings, comments and prose are not scanned) and fails on
a literal that equals a dataset row's value, in the row's unit, in SI, or either scaled by
a power of 1000 (``1287`` MWh, ``1.287e6`` kWh, ``4.6332e12`` J...).

Which literals count.  A number with three or more significant digits (``1287``,
``30.84e6``) is specific enough to be the published value in any of these forms; one with
two (``0.12``, ``2.5``) counts as published or in SI, not rescaled (``2500`` kcal is not
2.5 Wh), and, for a pure number (a row in unit ``1``: ``1.5``, ``0.25``, ``25``), only when
an identifier on its line shares a word with the row's id (``REASONING_MULTIPLIER = 25.0``
for ``reasoning-energy-ratio``, ``share = 0.15`` for ``ml-share-google``): otherwise it is
a slider's end, a quartile or an exercise's exponent as often as a published ratio.
A number with one significant digit (``0.3``, ``700``, ``1e9``) is not: 300 is a
room's temperature as often as a V100's power.  Such a number counts only when it is
written with the row's unit constant from :mod:`energylib.units` next to it
(``0.3 * WH`` for a row in Wh, ``1e9 / DAY`` for a row in queries/day).

The exceptions are few and each is justified in :data:`ALLOWED` below.
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from booktools import ROOT

from energylib.dataset import Figure, load_figures

# --------------------------------------------------------------------------- exceptions

ALLOWED: dict[tuple[str, float], str] = {
    # (file or "*" for every file, value) -> why the literal is not a retyped published value
    ("*", 24.0): "hours in a day (24 * HOUR, a 0-24 h axis); gshard-train-energy is 24 MWh",
    ("*", 86_400.0): "seconds in a day (the definition of DAY); gshard-train-energy in MJ",
    ("energylib/analogies.py", 2.5): "5/2, the bound of a power-law sphere's density exponent",
    ("energylib/figures/thermo.py", 0.42): "inches of figure height per rung of the ladder",
    ("chapters/the-argument.md", 0.42): "exercise: efficiency rate r = 0.42/yr, above 0.4/yr",
    ("energylib/problemsets/thermo.py", 330.0): "top of the variants' temperature grid [K]",
    ("energylib/problemsets/verdict.py", 2.5): "top of the variants' retraining-interval "
                                               "grid [years]",
    ("chapters/verdict.md", 3.5): "exercise: serving rate 1/rho = 3.5/tau (closed form)",
    ("energylib/symbolic/lifecycle.py", 717.0): "scipy's exprel(x) is inf above x = 717",
    # Things to try: bands on what a headline shows and slider positions, not published values.
    ("tests/activities/analogies.py", 3.35): "a band on the AI bar (-3.35 to -3.2 orders)",
    ("tests/activities/analogies.py", 3.5): "a band on the AI bar (-3.5 to -3.1 orders)",
    ("tests/activities/analogies.py", 2.5): "10**2.5 vehicles a day (a log slider's position)",
    ("tests/activities/argument.py", 0.12): "a discount rate of 0.12 a year",
    ("tests/activities/machines.py", 6.5): "an agent ceiling of 10**6.5 (a log slider's position)",
    ("tests/activities/machines.py", 2.5): "a band of 2.5 to 2.8 years on the time to reach 2024's "
                                           "data centres",
    ("tests/activities/real.py", 3.5): "a band of 3.5 years on the median break-even",
    ("tests/activities/real.py", 2.5): "a band of 2.5 to 5 years on the median break-even",
    ("tests/activities/semantic.py", 0.34): "a band on the hit rate (0.34 to 0.38)",
    ("tests/activities/temporal.py", 330.0): "a band on the lifetime limit (330 to 400 GWh)",
    ("energylib/explorers/argument.py", 2.4): "the right end of the g axis [1/yr]",
    ("energylib/figures/verdict.py", 0.12): "legend anchor, bbox_to_anchor=(1.0, 0.12)",
    ("energylib/hardware.py", 989e12): "H200 SXM peak, its own datasheet (nvidia2024h200); "
                                       "the H100's, equal, is read from the dataset",
    ("energylib/hardware.py", 2.25e15): "B200 dense BF16 peak [FLOP/s]; b200-flop-per-joule "
                                        "(2.25 TFLOP/J) is it per 1,000 W, not this number",
    ("energylib/hardware.py", 0.864e12): "L40S memory bandwidth, 864 GB/s, not 0.24 Wh (864 J)",
}
"""Literals that equal a dataset value by coincidence: unit definitions, not citations."""

STYLE_KEYWORDS = frozenset({
    "alpha", "linewidth", "lw", "fontsize", "markersize", "ms", "vmin", "vmax", "size",
    "pad", "width", "height", "zorder", "dpi", "shrink", "aspect", "rotation",
    "left", "right", "bottom", "top", "wspace", "hspace", "step",
})
"""Keyword arguments whose values are drawing style, not data (``alpha=0.15``)."""


# --------------------------------------------------------------------------- the scan

UNIT_CONSTANTS: dict[str, tuple[str, ...]] = {
    # dataset unit -> names from energylib.units that express it next to a literal
    "Wh": ("WH",),
    "kWh": ("KWH",),
    "MWh": ("MWH",),
    "GWh": ("GWH",),
    "TWh/yr": ("TWH",),
    "GPU-h": ("HOUR",),
    "queries/day": ("DAY",),
    "year": ("YEAR",),
}

SCALES = tuple(10.0 ** (3 * k) for k in range(-5, 6))
RTOL = 1e-9


@dataclass(frozen=True)
class Literal:
    path: str
    line: int
    text: str
    value: float
    unit_name: str | None  # the NAME multiplied or divided by the literal, if any
    keyword: str | None  # the keyword argument the literal is the value of, if any
    names: frozenset[str] = frozenset()  # words of the identifiers on the literal's line


def significant_digits(text: str) -> int:
    """Significant digits of a numeric literal as written (``30.84e6`` -> 4, ``700.0`` -> 1)."""
    mantissa = re.split(r"[eE]", text.replace("_", ""))[0]
    digits = mantissa.replace(".", "").lstrip("0").rstrip("0")
    return max(len(digits), 1)


def literals_in_python(source: str, path: str, first_line: int = 1) -> Iterator[Literal]:
    """The real-valued numeric literals of some Python source, with their neighbours."""
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
              if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT,
                                tokenize.INDENT, tokenize.DEDENT)]
    line_words: dict[int, set[str]] = {}
    for tok in tokens:
        if tok.type == tokenize.NAME:
            line_words.setdefault(tok.start[0], set()).update(
                w for w in tok.string.lower().split("_") if w)
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NUMBER or tok.string[-1] in "jJ":
            continue
        try:
            value = float(tok.string.replace("_", ""))
        except ValueError:  # hexadecimal, octal, binary: never a published value
            continue
        unit_name = None
        if i + 2 < len(tokens) and tokens[i + 1].string in ("*", "/"):
            j = i + 2  # the last part of a dotted name: ``el.WH`` -> ``WH``
            while (j + 2 < len(tokens) and tokens[j].type == tokenize.NAME
                   and tokens[j + 1].string == "." and tokens[j + 2].type == tokenize.NAME):
                j += 2
            if tokens[j].type == tokenize.NAME:
                unit_name = tokens[j].string
        if i >= 2 and tokens[i - 1].string == "*" and tokens[i - 2].type == tokenize.NAME:
            unit_name = unit_name or tokens[i - 2].string
        keyword = None
        if i >= 2 and tokens[i - 1].string == "=" and tokens[i - 2].type == tokenize.NAME:
            keyword = tokens[i - 2].string
        yield Literal(path, first_line + tok.start[0] - 1, tok.string, value, unit_name,
                      keyword, frozenset(line_words.get(tok.start[0], ())))


CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", flags=re.S | re.M)


def code_cells(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, code) of each code cell of a MyST notebook, options removed."""
    for match in CELL.finditer(text):
        first = text.count("\n", 0, match.start(1)) + 1
        lines = match.group(1).split("\n")
        skip = 0
        if lines and lines[0].startswith("---"):
            skip = 1 + next(i for i, line in enumerate(lines[1:]) if line.startswith("---"))
            skip += 1
        while skip < len(lines) and lines[skip].startswith(":"):
            skip += 1
        # IPython magics and shell escapes are not Python.
        code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                         for line in lines[skip:])
        yield first + skip, code


def scanned_files() -> list[Path]:
    chapters = sorted((ROOT / "chapters").rglob("*.md"))
    modules = sorted(p for p in (ROOT / "energylib").rglob("*.py")
                     if "data" not in p.relative_to(ROOT / "energylib").parts
                     and p.name != "dataset.py")
    # The things to try quote the chapters' numbers, and are held to the same rule.
    activities = sorted((ROOT / "tests" / "activities").glob("*.py"))
    return chapters + modules + activities


def literals_in(path: Path) -> Iterator[Literal]:
    rel = path.relative_to(ROOT).as_posix()
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        for first, code in code_cells(text):
            yield from literals_in_python(code, rel, first)
    else:
        yield from literals_in_python(text, rel)


UNSCALED_UNITS = frozenset({"1", "tokens", "queries/day", "year"})
"""Units that take no SI prefix: a share of 0.15 is not 150 of anything."""


def forms(figure: Figure) -> list[float]:
    """The figure's value and SI value, each scaled by every power of 1000."""
    if figure.unit in UNSCALED_UNITS:
        return [figure.value, figure.si]
    return [base * s for base in (figure.value, figure.si) for s in SCALES]


def close(a: float, b: float) -> bool:
    return abs(a - b) <= RTOL * abs(b)


def allowed(literal: Literal) -> bool:
    return ((literal.path, literal.value) in ALLOWED or ("*", literal.value) in ALLOWED
            or literal.keyword in STYLE_KEYWORDS)


def id_words(figure: Figure) -> set[str]:
    """The words of a row's id that can name it (``reasoning-energy-ratio`` -> 3 words)."""
    return {w for w in figure.id.split("-") if w.isalpha() and len(w) >= 4}


def named_alike(literal: Literal, figure: Figure) -> bool:
    """Whether an identifier on the literal's line shares a word (or its stem) with the row.

    ``REASONING_MULTIPLIER = 25.0`` and ``t_reason = f(25 * e)`` name
    ``reasoning-energy-ratio``; ``for s in (0.8, 1.2)`` names nothing.
    """
    return any(len(n) >= 4 and (w.startswith(n) or n.startswith(w))
               for w in id_words(figure) for n in literal.names)


def matches(literal: Literal, figure: Figure) -> bool:
    """Whether a literal is (a form of) a figure's published value; see the module's doc."""
    if literal.value == 0 or allowed(literal):
        return False
    digits = significant_digits(literal.text)
    if digits >= 3:  # specific enough in any form: 1287 MWh as 1.287e6 kWh or 4.6332e12 J
        return any(close(literal.value, f) for f in forms(figure))
    if digits == 2:  # 0.12, 1.58: as published or in SI, not rescaled (2.5 Wh is not 2500)
        if not any(close(literal.value, f) for f in (figure.value, figure.si)):
            return False
        # A pure number (1.5, 0.25, 25) is a slider's end, a quartile or an exercise's
        # exponent as often as a published ratio: it counts when its line names the row.
        return figure.unit != "1" or named_alike(literal, figure)
    # One significant digit: only in the row's own unit, with its unit constant beside it.
    return (literal.unit_name in UNIT_CONSTANTS.get(figure.unit, ())
            and close(literal.value, figure.value))


def retyped(path: Path) -> list[str]:
    """Each retyped published value in a file, as 'path:line: literal = row id (value unit)'."""
    found = []
    for lit in literals_in(path):
        rows = [f for f in load_figures() if matches(lit, f)]
        if rows:
            names = ", ".join(f"{f.id} ({f.value:g} {f.unit})" for f in rows)
            found.append(f"{lit.path}:{lit.line}: literal {lit.text} is dataset row {names}; "
                         f"use energylib.dataset.by_id({rows[0].id!r}) or a named model "
                         f"function")
    return found


FILES = scanned_files()


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=p.relative_to(ROOT).as_posix()) for p in FILES])
def test_no_published_value_is_retyped(path: Path) -> None:
    found = retyped(path)
    assert not found, "published values retyped as literals:\n" + "\n".join(found)


NAMED_CONSTANTS = {
    # physical constants defined once in energylib: use the name, not the digits
    "energylib/thermo.py": ("BOLTZMANN_CONSTANT",),
    "energylib/analogies.py": ("G", "AVOGADRO"),
}


def named_constants() -> list[tuple[str, str, float]]:
    """(defining file, dotted name, value) of each named physical constant."""
    import importlib

    out = []
    for path, names in NAMED_CONSTANTS.items():
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        out += [(path, f"{module.__name__}.{name}", float(getattr(module, name)))
                for name in names]
    return out


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=p.relative_to(ROOT).as_posix()) for p in FILES])
def test_no_named_constant_is_retyped(path: Path) -> None:
    """``1.380649e-23`` is :data:`energylib.thermo.BOLTZMANN_CONSTANT` (or ``landauer_energy``)."""
    rel = path.relative_to(ROOT).as_posix()
    found = [f"{lit.path}:{lit.line}: literal {lit.text} is {name}; import it"
             for lit in literals_in(path) if significant_digits(lit.text) >= 2
             for home, name, value in named_constants()
             if home != rel and close(lit.value, value)]
    assert not found, "named constants retyped as literals:\n" + "\n".join(found)


# --------------------------------------------------------------------------- the scan works


def test_scan_covers_chapters_and_modules() -> None:
    rels = {p.relative_to(ROOT).as_posix() for p in FILES}
    assert "chapters/thermodynamics.md" in rels
    assert "energylib/agents.py" in rels
    assert "energylib/dataset.py" not in rels


@pytest.mark.parametrize("code, expected", [
    ("E = 1287 * MWH", ["gpt3-train-energy"]),             # the value in its unit
    ("E = 4.6332e12", ["gpt3-train-energy"]),              # in SI (J)
    ("E = 1.287e6 * KWH", ["gpt3-train-energy"]),          # rescaled by 1000
    ("h = 30.84e6 * 3600 * 700.0", ["llama31-405b-gpuh"]),  # 700 alone is too generic
    ("e = 0.3 * WH", ["gpt4o-typical-query"]),             # one digit, with its unit
    ("T = 300.0", []),                                     # one digit, no unit: a temperature
    ("q = 1e9 / DAY", ["chatgpt-prompts-2024"]),
    ("e = 0.3 * el.units.WH", ["gpt4o-typical-query"]),   # a dotted unit constant
    ("x = 1.0", []),
    ("n = 24 * 3600", []),                                 # allowed: hours and seconds
    ("ax.fill(x, y, alpha=0.15)", []),                     # drawing style, not data
    ("share = 0.15", ["ml-share-google"]),
    ("REASONING_MULTIPLIER = 25.0", ["reasoning-energy-ratio"]),  # a pure number, named
    ("t_reason = f(25 * e)", ["reasoning-energy-ratio"]),   # named by a stem
    ("for s in (0.8, 1.2):", []),                           # 1.2, an exponent: not named
    ("QUERY_PUE = 1.2", []),                                # a PUE, not a growth rate
    ("q = np.quantile(x, [0.25, 0.75])", []),
    ("dpi = 150", []),                                     # shares take no prefix
    ("kcal = 2500.0", []),                                 # two digits: not 2.5 Wh x 1000
    ("e = 2.5 * WH", ["gpt4o-10k-input"]),
    ("fig.subplots_adjust(bottom=0.15)", []),
])
def test_scan_finds_retyped_values(code: str, expected: list[str]) -> None:
    """Positive and negative controls of the scan itself."""
    hits = []
    for lit in literals_in_python(code, "example.py"):
        hits += [f.id for f in load_figures() if matches(lit, f)]
    assert sorted(set(hits)) == sorted(expected)


@pytest.mark.parametrize("entry", list(ALLOWED), ids=[f"{f}:{v:g}" for f, v in ALLOWED])
def test_every_allowed_entry_is_needed(entry: tuple[str, float],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the entry its literal would be reported: the allow-list holds no dead entry."""
    where, value = entry
    monkeypatch.delitem(ALLOWED, entry)
    paths = [p for p in FILES if where in ("*", p.relative_to(ROOT).as_posix())]
    figures = load_figures()
    assert any(close(lit.value, value) and any(matches(lit, f) for f in figures)
               for p in paths for lit in literals_in(p)), f"{entry} is allowed but never hit"


def test_code_cells_are_found_with_their_line_numbers() -> None:
    text = "# T\n\n```{code-cell} ipython3\n:tags: [hide-cell]\n\nx = 1287 * MWH\n```\n"
    cells = list(code_cells(text))
    assert len(cells) == 1
    lits = list(literals_in_python(cells[0][1], "c.md", cells[0][0]))
    assert [(lit.line, lit.text) for lit in lits] == [(6, "1287")]


def test_significant_digits() -> None:
    assert [significant_digits(t) for t in ("30.84e6", "700.0", "1_287", "0.12", "1e9",
                                            "1.10", "0.040")] == [4, 1, 4, 2, 1, 2, 1]
