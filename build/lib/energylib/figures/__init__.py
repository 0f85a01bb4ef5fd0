"""The book's figures, one function each, one module per chapter.

Each function computes with energylib's models, draws with the book's style
(:mod:`energylib.style`) and returns a matplotlib Figure whose every axis
carries its unit.

temporal    regimes_figure, break_even_figure, fleet_ratio_figure
"""

from .temporal import break_even_figure, fleet_ratio_figure, regimes_figure

__all__ = ["regimes_figure", "break_even_figure", "fleet_ratio_figure"]
