"""Interactive explorers (ipywidgets), one module per chapter.

An explorer is a small object: sliders, a figure drawn once and updated in
place, and a headline of numbers.  Moving a slider calls its ``update``
method, which recomputes with energylib's models and redraws; the tests drive
``update`` directly at every slider's extremes.

temporal    TemporalExplorer: cumulative inference against one training run
"""

from .temporal import TemporalExplorer, format_duration

__all__ = ["TemporalExplorer", "format_duration"]
