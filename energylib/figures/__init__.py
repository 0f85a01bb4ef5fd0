"""The book's figures, one function each, one module per chapter.

Each function computes with energylib's models, draws with the book's style
(:mod:`energylib.style`) and returns a matplotlib Figure whose every axis
carries its unit.  The modules and their figures::

    temporal    regimes_figure, break_even_figure, fleet_ratio_figure
    semantic    hit_rate_vs_queries_figure, hit_rate_limit_figure, semantic_cache_figure
    machines    agent_day_figure, growth_products_figure, cap_binding_figure
    argument    phase_diagram_figure, saturation_figure, rebound_figure
    thermo      energy_ladder_figure, efficiency_trend_figure
    analogies   analogies_figure, traffic_figure
    real        spread_figure, calibration_figure, break_even_distribution_figure
    industry    generations_figure, batching_quantization_figure, lever_cascade_figure,
                daily_profile_figure
    verdict     share_over_time_figure
"""

from .analogies import analogies_figure, traffic_figure
from .argument import phase_diagram_figure, rebound_figure, saturation_figure
from .industry import (
    batching_quantization_figure,
    daily_profile_figure,
    generations_figure,
    lever_cascade_figure,
)
from .machines import agent_day_figure, cap_binding_figure, growth_products_figure
from .real import break_even_distribution_figure, calibration_figure, spread_figure
from .semantic import hit_rate_limit_figure, hit_rate_vs_queries_figure, semantic_cache_figure
from .temporal import break_even_figure, fleet_ratio_figure, regimes_figure
from .thermo import efficiency_trend_figure, energy_ladder_figure
from .verdict import share_over_time_figure

__all__ = [
    "regimes_figure", "break_even_figure", "fleet_ratio_figure",
    "hit_rate_vs_queries_figure", "hit_rate_limit_figure", "semantic_cache_figure",
    "agent_day_figure", "growth_products_figure", "cap_binding_figure",
    "phase_diagram_figure", "saturation_figure", "rebound_figure",
    "energy_ladder_figure", "efficiency_trend_figure",
    "analogies_figure", "traffic_figure",
    "spread_figure", "calibration_figure", "break_even_distribution_figure",
    "generations_figure", "batching_quantization_figure", "lever_cascade_figure",
    "share_over_time_figure",
    "daily_profile_figure",
]

# In IPython, each displayed figure also carries its data as CSV (energylib.figures.data),
# which the book's site offers under the figure.
from .data import register_ipython as _register_ipython  # noqa: E402

_register_ipython()
