"""SymPy derivations of the models' closed forms and limits, one module per model.

The numeric functions are tested against these expressions, and the chapters
display them.

Each module also writes some of energylib's numeric rules in SymPy for the
explorers' declarations (:mod:`energylib.explorers`), which print them as numpy
and JavaScript: a ``*_twin`` function is an expression, a ``*_steps`` function
a sequence of named definitions (each computed once, so that the page rounds
as Python does).  They follow energylib's operations and rounding tolerances,
not the derivations' algebra; ``tests/test_symbolic_twins.py`` compares each
with the energylib function it mirrors.

lifecycle   cumulative inference energy, limits, discounting, break-even, fleet ratio (re-exported)
caching     generalized harmonic sums, Zipf hit rate and its limit
agents      growth laws, products of growing factors, their limits under caps
argument    rebound (E proportional to e^(1 - epsilon)), saturation, boundaries
thermo      the efficiency trend and its crossing of the Landauer floor
analogies   self-gravity energy of a sphere, binding coefficients
"""

from .lifecycle import (
    SYMBOLS,
    break_even_time_expr,
    cumulative_inference_energy_expr,
    discounted_energy_limit,
    fleet_ratio_limit,
    inference_energy_limit,
    inference_power_expr,
    lambdified_cumulative_inference_energy,
)

__all__ = [
    "SYMBOLS",
    "inference_power_expr",
    "cumulative_inference_energy_expr",
    "inference_energy_limit",
    "discounted_energy_limit",
    "break_even_time_expr",
    "fleet_ratio_limit",
    "lambdified_cumulative_inference_energy",
]
