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

__all__ = [
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
