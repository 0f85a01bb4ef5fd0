"""Interactive explorers (ipywidgets), one module per chapter.

An explorer is a small object: sliders, a figure drawn once and updated in
place, and a headline of numbers.  Moving a slider calls its ``update``
method, which recomputes with energylib's models and redraws; the tests drive
``update`` directly at every slider's extremes.

temporal    TemporalExplorer: cumulative inference against one training run
semantic    CacheExplorer: Zipf popularity, cache hit rate and energy saved
machines    AgentExplorer: machine-driven demand and energy over time
argument    ArgumentExplorer: where (g, r, delta, tau, epsilon) stand on the phase diagram
thermo      LandauerExplorer: efficiency trends against the Landauer floor
analogies   AnalogyExplorer: creation against use, AI beside a highway, a human, the Sun
real        BreakEvenExplorer: break-even distributions for real deployments
industry    IndustryExplorer: the levers dashboard (energy per query, fleet energy)
verdict     VerdictExplorer: the parameters that decide the book's verdict

Each explorer is declared once (``spec``, a :class:`web.WebExplorer`): its
ipywidgets sliders are made from the declaration, and the book's website runs
the same declaration without a kernel (see :mod:`energylib.explorers.web`).
``EXPLORERS`` lists them all by chapter.
"""

from .analogies import AnalogyExplorer
from .argument import ArgumentExplorer
from .industry import IndustryExplorer
from .machines import AgentExplorer
from .real import BreakEvenExplorer
from .semantic import CacheExplorer
from .temporal import TemporalExplorer, format_duration
from .thermo import LandauerExplorer
from .verdict import VerdictExplorer

EXPLORERS = {
    "temporal": TemporalExplorer,
    "semantic": CacheExplorer,
    "machines": AgentExplorer,
    "argument": ArgumentExplorer,
    "thermo": LandauerExplorer,
    "analogies": AnalogyExplorer,
    "real": BreakEvenExplorer,
    "industry": IndustryExplorer,
    "verdict": VerdictExplorer,
}

__all__ = [
    "EXPLORERS",
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
