"""Interactive explorers (ipywidgets), one module per chapter.

An explorer is a small object: sliders, a figure drawn once and updated in
place, and a headline of numbers.  Moving a slider calls its ``update``
method, which recomputes with energylib's models and redraws; the tests drive
``update`` directly at every slider's extremes.

temporal    TemporalExplorer: cumulative inference against one training run
semantic    CacheExplorer: Zipf popularity, cache hit rate and energy saved
machines    AgentExplorer: machine-driven demand and energy over time
argument    ArgumentExplorer: where (g, r, delta, tau, epsilon) stand on the phase diagram
"""

from .argument import ArgumentExplorer
from .machines import AgentExplorer
from .semantic import CacheExplorer
from .temporal import TemporalExplorer, format_duration

__all__ = [
    "TemporalExplorer",
    "CacheExplorer",
    "AgentExplorer",
    "ArgumentExplorer",
    "format_duration",
]
