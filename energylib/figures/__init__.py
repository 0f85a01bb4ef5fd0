"""The book's figures, one function each, one module per chapter.

Each function computes with energylib's models, draws with the book's style
(:mod:`energylib.style`) and returns a matplotlib Figure whose every axis
carries its unit.

temporal    regimes_figure, break_even_figure, fleet_ratio_figure
semantic    hit_rate_vs_queries_figure, hit_rate_limit_figure, semantic_cache_figure
machines    agent_day_figure, growth_products_figure, cap_binding_figure
argument    phase_diagram_figure, saturation_figure, rebound_figure
"""

from .argument import phase_diagram_figure, rebound_figure, saturation_figure
from .machines import agent_day_figure, cap_binding_figure, growth_products_figure
from .semantic import hit_rate_limit_figure, hit_rate_vs_queries_figure, semantic_cache_figure
from .temporal import break_even_figure, fleet_ratio_figure, regimes_figure

__all__ = [
    "regimes_figure", "break_even_figure", "fleet_ratio_figure",
    "hit_rate_vs_queries_figure", "hit_rate_limit_figure", "semantic_cache_figure",
    "agent_day_figure", "growth_products_figure", "cap_binding_figure",
    "phase_diagram_figure", "saturation_figure", "rebound_figure",
]
