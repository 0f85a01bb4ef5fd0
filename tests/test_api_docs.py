"""Every number one click from its code: the energylib reference part and folded cells.

* Every energylib module has a page in the reference part (``chapters/api/``, listed in
  ``_toc.yml``) that renders it with ``automodule``; plain modules with ``:members:``, so
  that every name of their ``__all__`` gets an entry (autodoc follows ``__all__``).
* Every public name (each name of each module's ``__all__``) has its own docstring:
  functions and classes in ``__doc__`` (not the signature a dataclass or NamedTuple
  writes for itself), constants as the string right after the assignment, which is what
  autodoc shows.  A package's re-export is documented where it is defined.
* When the book has been built, each public name has its entry (its HTML anchor) on its
  module's page.
* No chapter removes a cell: set-up and ``glue`` cells are folded (``hide-cell``), so the
  code behind every number on a page is one click away.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import types

import pytest
from booktools import HTML, ROOT, toc_docnames
from sphinx.pycode import ModuleAnalyzer

import energylib

API = ROOT / "chapters" / "api"
MODULES = ["energylib"] + sorted(m.name for m in pkgutil.walk_packages(energylib.__path__,
                                                                       "energylib.")
                                 if not m.name.endswith(".__main__"))
"""energylib and its modules; ``python -m energylib``'s entry point is a script, not API."""
DIRECTIVE = re.compile(r"^\.\. automodule:: (\S+)\n((?:   :[\w-]+:.*\n)*)", re.M)


def documented_modules() -> dict[str, tuple[str, str]]:
    """Module -> (API page's docname, the automodule options) over chapters/api/*.md."""
    out = {}
    for page in sorted(API.glob("*.md")):
        for match in DIRECTIVE.finditer(page.read_text(encoding="utf-8")):
            out[match.group(1)] = (page.relative_to(ROOT).with_suffix("").as_posix(),
                                   match.group(2))
    return out


def is_package(name: str) -> bool:
    return hasattr(importlib.import_module(name), "__path__")


def attribute_docs(module_name: str) -> dict[str, str]:
    """Docstrings of a module's top-level assignments, as autodoc reads them."""
    analyzer = ModuleAnalyzer.for_module(module_name)
    return {name: "\n".join(lines) for (scope, name), lines in analyzer.find_attr_docs().items()
            if scope == ""}


def own_docstring(obj: object, name: str) -> str:
    doc = inspect.getdoc(obj) or ""
    if doc.startswith(f"{name}("):  # what dataclasses and NamedTuples write for themselves
        return ""
    return doc


def public_names() -> list:
    return [pytest.param(m, n, id=f"{m}.{n}") for m in MODULES
            for n in getattr(importlib.import_module(m), "__all__", [])]


def test_api_pages_are_up_to_date() -> None:
    """The pages and the TOC part are what scripts/make_api_pages.py writes."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_api_pages.py"),
                           "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_module_has_an_api_page_in_the_toc() -> None:
    pages = documented_modules()
    docs = set(toc_docnames())
    missing = [m for m in MODULES if m not in pages]
    assert not missing, (f"modules without an automodule in chapters/api/: {missing}; "
                         "run python scripts/make_api_pages.py")
    off_toc = sorted({doc for doc, _ in pages.values()} - docs)
    assert not off_toc, f"API pages missing from _toc.yml: {off_toc}"
    for module, (doc, options) in pages.items():
        if not is_package(module):
            assert ":members:" in options, f"{doc}: automodule {module} without :members:"


@pytest.mark.parametrize("module, name", public_names())
def test_public_name_has_a_docstring(module: str, name: str) -> None:
    mod = importlib.import_module(module)
    obj = getattr(mod, name)
    if isinstance(obj, types.ModuleType):
        assert obj.__name__ in documented_modules(), f"{module}.{name}: submodule undocumented"
        return
    home = getattr(obj, "__module__", None) if callable(obj) else None
    if home is None:  # a constant: its docstring follows the assignment in some module
        homes = [module] if not is_package(module) else [
            m for m in MODULES if name in getattr(importlib.import_module(m), "__all__", [])
            and not is_package(m)] or [module]
        docs = [attribute_docs(m).get(name, "") for m in homes]
        assert any(d.strip() for d in docs), (
            f"{module}.{name}: constant without a docstring (write a string literal on the "
            f"line after its assignment in {homes[0]})")
        return
    if home != module:  # re-exported: documented in its home module
        assert name in getattr(importlib.import_module(home), "__all__", []), (
            f"{module}.{name} is re-exported from {home}, whose __all__ lacks it")
    assert own_docstring(obj, name).strip(), f"{home}.{name}: no docstring"


def test_the_checks_can_fail() -> None:
    """Controls: a dataclass's own signature is not a docstring; an undocumented constant."""
    from dataclasses import dataclass

    @dataclass
    class Bare:
        x: float

    assert own_docstring(Bare, "Bare") == ""
    assert "landauer_energy" not in attribute_docs("energylib.thermo")  # a function
    assert attribute_docs("energylib.thermo")["BOLTZMANN_CONSTANT"].startswith("Boltzmann")
    assert "energylib.thermo" in documented_modules()


def api_pages_built() -> bool:
    return (HTML / "chapters" / "api" / "thermo.html").is_file()


@pytest.mark.skipif(not api_pages_built(), reason="the book is not built (_build/html)")
@pytest.mark.parametrize("module", [m for m in MODULES if not is_package(m)])
def test_built_page_has_an_entry_for_every_public_name(module: str) -> None:
    doc, _ = documented_modules()[module]
    page = HTML / f"{doc}.html"
    html = page.read_text(encoding="utf-8")
    mod = importlib.import_module(module)
    missing = [n for n in getattr(mod, "__all__", [])
               if not isinstance(getattr(mod, n), types.ModuleType)
               and f'id="{module}.{n}"' not in html]
    assert not missing, f"{page.relative_to(ROOT)} lacks entries for {missing}"
    if any(callable(getattr(mod, n)) for n in getattr(mod, "__all__", [])):
        assert "viewcode-link" in html, f"{page.relative_to(ROOT)}: no [source] links"


@pytest.mark.parametrize("doc", [d for d in toc_docnames() if not d.startswith("chapters/api/")])
def test_no_cell_is_removed(doc: str) -> None:
    """Folded, not removed: the cell behind a number stays one click away."""
    text = (ROOT / f"{doc}.md").read_text(encoding="utf-8")
    removed = [i + 1 for i, line in enumerate(text.split("\n"))
               if re.match(r"^:tags:.*\bremove-(cell|input)\b", line)]
    assert not removed, f"{doc}.md: cells tagged remove-cell/remove-input at lines {removed}"


def test_the_top_level_loads_each_module_when_first_used() -> None:
    """``import energylib`` imports no heavy library; each public name of the top level
    (``el.<name>``, ``from energylib import <name>``) and each module (``el.<module>``)
    resolves to the object its module defines; an unknown name is an AttributeError."""
    import subprocess
    import sys

    probe = ("import sys, energylib as el\n"
             "heavy = ('numpy', 'scipy', 'sympy', 'matplotlib', 'ipywidgets')\n"
             "print(sorted(m for m in heavy if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]", done.stdout
    el = energylib
    for name in el.__all__:
        value = getattr(el, name)
        module = importlib.import_module(f"energylib.{el._NAMES[name]}") if name in el._NAMES \
            else None
        assert value is (getattr(module, name) if module else
                         importlib.import_module(f"energylib.{name}")), name
        assert name in dir(el), name
    assert el.measurements is importlib.import_module("energylib.measurements")
    with pytest.raises(AttributeError, match="no_such_name"):
        el.no_such_name  # noqa: B018
