"""One reference style in energylib's docstrings: BibTeX keys of the book's references.bib.

A docstring cites a source as ``:cite:`key``` (rendered by sphinxcontrib-bibtex in the API
pages), inline or in a numpydoc "References" section, one key a line with the page, table
or section after it::

    References
    ----------
    :cite:`patterson2021carbon`, Table 4

This test reads every docstring of every energylib module (module, class, function and
attribute docstrings, through the syntax tree, without importing anything) and fails on

* a key that is not in ``references.bib``;
* a line of a "References" section that does not begin with ``:cite:``;
* numbered or named footnote citations (``.. [1]``, ``[Kaplan2020]_``);
* plain-text author-year citations (``Patterson et al. (2021)``, ``Stouthamer's (1973)``);
* a reference written out as a DOI or arXiv address instead of a key.

Each failure names the file, the line and the object whose docstring holds it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from booktools import ROOT

BIB = ROOT / "references.bib"
MODULES = sorted((ROOT / "energylib").rglob("*.py"))

CITE = re.compile(r":cite(?::[a-z]+)?:`([^`]*)`")
FOOTNOTE = re.compile(r"^\s*\.\. \[[^\]]+\]|\[[A-Za-z0-9#*]+\]_")
AUTHOR_YEAR = re.compile(
    r"\b[A-Z][A-Za-z-]+(?: et al\.?| and [A-Z][A-Za-z-]+)?(?:'s)? \((?:1[89]|20)\d\d[a-z]?\)"
    r"|\bet al\.?,? (?:1[89]|20)\d\d\b"
    r"|\b[A-Z][A-Za-z-]+ (?:&|and) [A-Z][A-Za-z-]+,? \(?(?:1[89]|20)\d\d\b")
WRITTEN_OUT = re.compile(r"doi\.org/|\barXiv:\s?\d{4}\.\d{4,5}|arxiv\.org/abs/", re.I)
SECTION = re.compile(r"^(\s*)References\n\1-{10,}\n", re.M)


def bib_keys() -> set[str]:
    return set(re.findall(r"^@\w+\{([^,\s]+),", BIB.read_text(encoding="utf-8"), re.M))


@dataclass(frozen=True)
class Docstring:
    path: str
    line: int  # line of the docstring's first line in the file
    owner: str  # module, class, function or attribute the docstring documents
    text: str


def docstrings(path: Path) -> list[Docstring]:
    """Every docstring of a module: module, classes, functions and attributes."""
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[Docstring] = []

    def add(node: ast.AST, owner: str) -> None:
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            found.append(Docstring(rel, node.lineno, owner, node.value.value))

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for i, node in enumerate(body):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{node.name}"
                if node.body:
                    add(node.body[0], name)
                walk(node.body, f"{name}.")
            elif i > 0 and isinstance(body[i - 1], ast.Assign | ast.AnnAssign):
                target = body[i - 1]
                targets = target.targets if isinstance(target, ast.Assign) else [target.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                add(node, f"{prefix}{names[0] if names else '?'}")

    if tree.body:
        add(tree.body[0], "module")
    walk(tree.body, "")
    return found


def problems(doc: Docstring, keys: set[str]) -> list[str]:
    """What is wrong with one docstring's references, one message per problem."""
    out = []
    where = f"{doc.path}:{{line}} (docstring of {doc.owner})"
    lines = doc.text.split("\n")

    def at(index: int) -> str:
        return where.format(line=doc.line + index)

    for i, line in enumerate(lines):
        for key in CITE.findall(line):
            for k in (k.strip() for k in key.split(",")):
                if k not in keys:
                    out.append(f"{at(i)}: :cite:`{k}` is not a key of references.bib")
        if FOOTNOTE.search(line):
            out.append(f"{at(i)}: footnote-style reference {line.strip()!r}; "
                       "write :cite:`bibtexkey` instead")
        if AUTHOR_YEAR.search(CITE.sub("", line)):
            out.append(f"{at(i)}: plain-text author-year citation "
                       f"{AUTHOR_YEAR.search(CITE.sub('', line)).group(0)!r}; "  # type: ignore[union-attr]
                       "cite the source as :cite:`bibtexkey`")
        if WRITTEN_OUT.search(line):
            out.append(f"{at(i)}: reference written out ({line.strip()!r}); "
                       "put the source in references.bib and cite its key")
    for match in SECTION.finditer(doc.text):
        start = doc.text.count("\n", 0, match.end())
        indent = match.group(1)
        for j in range(start, len(lines)):
            line = lines[j]
            if j + 1 < len(lines) and re.fullmatch(r"\s*-{3,}", lines[j + 1]):
                break  # the next section's heading
            if not line.strip() or line.startswith(indent + " "):
                continue  # blank, or the continuation of the entry above
            if not line.startswith(indent + ":cite:`"):
                out.append(f"{at(j)}: References entry {line.strip()!r} does not begin with "
                           ":cite:`bibtexkey` (one key a line, page or table after it)")
    return out


def test_references_bib_has_keys() -> None:
    keys = bib_keys()
    assert {"patterson2021carbon", "landauer1961irreversibility"} <= keys


def test_docstrings_are_found() -> None:
    docs = docstrings(ROOT / "energylib" / "thermo.py")
    owners = {d.owner for d in docs}
    assert {"module", "landauer_energy", "BOLTZMANN_CONSTANT"} <= owners


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_docstring_references_are_bibtex_keys(path: Path) -> None:
    keys = bib_keys()
    found = [msg for doc in docstrings(path) for msg in problems(doc, keys)]
    assert not found, "references not in the book's style:\n" + "\n".join(found)


@pytest.mark.parametrize("text, expected", [
    ("Energy.\n\nReferences\n----------\n:cite:`patterson2021carbon`, Table 4\n", []),
    ("E.\n\nReferences\n----------\n:cite:`nosuchkey2099`\n", ["not a key"]),
    ("E.\n\nReferences\n----------\n.. [1] J. Koomey, IEEE Annals 33 (2011).\n",
     ["footnote-style", "does not begin with"]),
    ("As Landauer's [Landauer1961]_ principle says.", ["footnote-style"]),
    ("As Patterson et al. (2021) estimate.", ["author-year"]),
    ("Stouthamer's (1973) theoretical maximum.", ["author-year"]),
    ("The Okabe-Ito palette (Okabe & Ito, 2008).", ["author-year"]),
    ("E.\n\nReferences\n----------\nS. T. Muench, TRR 2151 (2010), https://doi.org/10.3141/2151-05\n",
     ["written out", "does not begin with"]),
    ("Measured in May 2025 by CODATA 2018 rules.", []),
    ("Per :cite:`kaplan2020scaling` (2020) the rule is 6 N D.", []),
    ("    References\n    ----------\n    :cite:`sorrell2009jevons`\n\n    Examples\n"
     "    --------\n    >>> 1\n    1\n", []),
])
def test_problems_are_found(text: str, expected: list[str]) -> None:
    """Positive and negative controls of the checks themselves."""
    found = problems(Docstring("x.py", 1, "f", text), bib_keys())
    assert len(found) == len(expected), found
    for msg, want in zip(found, expected, strict=True):
        assert want in msg
