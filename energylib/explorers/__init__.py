"""Interactive explorers: one declaration each, one renderer per medium.

Each chapter's explorer is one declaration, ``declaration()`` in the
chapter's module (a :class:`~energylib.explorers.web.WebExplorer`): its
sliders and choices with ranges and units, its model as SymPy expressions
(built from :mod:`energylib.symbolic` where that module has them), its
headline outputs with their formats and its plots with their labels and
colours.  Two generic renderers draw every declaration:

* in Jupyter, :class:`~energylib.explorers.render.Explorer` (Python):
  ipywidgets controls made from the declaration, the outputs by evaluating
  the same expressions with numpy, the headline in the page's formats, and a
  matplotlib figure (legend from the declaration) updated in place and sent
  as a PNG;
* on the website, ``_ext/site/vendor/explorer/explorer.js`` (JavaScript, no
  kernel): it runs the JavaScript SymPy prints from the same expressions
  (:meth:`~energylib.explorers.web.WebExplorer.to_html`).

A module is its declaration and nothing else: its class (e.g.
``ArgumentExplorer``, made by :func:`~energylib.explorers.render.explorer_class`)
is ``Explorer(declaration(...))``.  What checks it lives with the tests: the
same outputs computed with energylib's model functions, independently of the
declaration (``tests/explorer_references.py``), and the chapter's "things to
try" with what each step shows (``tests/activities/``).  The tests compare the
declaration's numbers (numpy in Python, the page's JavaScript in Node and
Chromium) with energylib's at every slider's extremes, to relative 1e-9, and
check that a slider move redraws.

Why a Python renderer rather than one JavaScript renderer (an anywidget
running explorer.js in the notebook too): the book needs a static
matplotlib figure anyway, for the PDF, nbconvert and viewers without
JavaScript, and a Python figure made from the declaration is that figure.
ipywidgets runs today in JupyterLab, Notebook, VS Code, Colab and
JupyterLite, with nothing to bundle; the page renderer stays a small file
the site already ships.  The cost is two renderers of one format, kept
honest by the same reference tests.

=========  ========================================================  =================
module     explorer                                                  class
=========  ========================================================  =================
temporal   cumulative inference against one training run             TemporalExplorer
semantic   Zipf popularity, cache hit rate and energy saved          CacheExplorer
machines   machine-driven demand and energy over time                AgentExplorer
argument   where (g, r, delta, tau, epsilon) stand on the diagram    ArgumentExplorer
thermo     efficiency trends against the Landauer floor              LandauerExplorer
analogies  creation against use, beside a highway, a human, the Sun  AnalogyExplorer
real       break-even distributions for real deployments             BreakEvenExplorer
industry   the levers dashboard (energy per query, fleet energy)     IndustryExplorer
verdict    the parameters that decide the book's verdict             VerdictExplorer
=========  ========================================================  =================

``EXPLORERS`` maps each name to its module; ``explorer(name)`` makes one.

Examples
--------
>>> ex = explorer("thermo")
>>> ex.update(doubling_time=2.0)["crossing_time"] > 0
True
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from . import analogies, argument, industry, machines, real, semantic, temporal, thermo, verdict
from .analogies import AnalogyExplorer
from .argument import ArgumentExplorer
from .industry import IndustryExplorer
from .machines import AgentExplorer
from .real import BreakEvenExplorer
from .render import Explorer
from .semantic import CacheExplorer
from .temporal import TemporalExplorer
from .thermo import LandauerExplorer
from .verdict import VerdictExplorer
from .web import format_duration

EXPLORERS: dict[str, ModuleType] = {
    "temporal": temporal,
    "semantic": semantic,
    "machines": machines,
    "argument": argument,
    "thermo": thermo,
    "analogies": analogies,
    "real": real,
    "industry": industry,
    "verdict": verdict,
}
"""Each explorer's module by its chapter's short name; the module's ``declaration`` makes it."""


def explorer(name: str, **kwargs: Any) -> Explorer:
    """The explorer ``name`` (a key of ``EXPLORERS``), rendered for Jupyter.

    Parameters
    ----------
    name : str
        Which explorer.
    **kwargs
        Passed to that module's ``declaration``.
    """
    if name not in EXPLORERS:
        raise ValueError(f"unknown explorer {name!r}; known: {sorted(EXPLORERS)}")
    return Explorer(EXPLORERS[name].declaration(**kwargs))


__all__ = [
    "EXPLORERS",
    "Explorer",
    "explorer",
    "TemporalExplorer",
    "CacheExplorer",
    "AgentExplorer",
    "ArgumentExplorer",
    "LandauerExplorer",
    "AnalogyExplorer",
    "BreakEvenExplorer",
    "IndustryExplorer",
    "VerdictExplorer",
    "format_duration",
]
