"""Problem set of the chapter *The argument, formalized* (``chapters/the-argument.md``).

Posed in ``chapters/problems/the-argument.md``.  The problems practise the
chapter's refinements of the syllogism: direct rebound (total energy scales as
``s**(epsilon - 1)`` after an ``s``-fold efficiency gain, with
``epsilon = theta epsilon_p`` when efficiency acts through price), the shifted
convergence boundary ``g + (epsilon - 1) r = 0``, the present value of a
service whose power grows at ``k = g + (epsilon - 1) r``, the fleet boundary
``k = ln(c) / tau``, and the finite lifetime energy of saturating (logistic)
demand.

Every parameter is a module constant, so that the statements in the notebook
and the expected values cannot drift apart; every expected value is computed
with energylib.
"""

from __future__ import annotations

import math

import sympy as sp

from energylib.dataset import by_id
from energylib.lifecycle import limiting_inference_energy
from energylib.problems import Problem, ProblemSet
from energylib.rebound import (
    effective_energy_growth_rate,
    efficiency_elasticity,
    induced_demand_growth_rate,
    limiting_logistic_inference_energy,
    rebound_energy_ratio,
)
from energylib.symbolic.argument import SYMBOLS, rebound_boundary_expr
from energylib.units import DAY, GWH, WH, per_year

__all__ = ["PROBLEMS"]

# The chapter's toy service: a billion queries a day (axios2025chatgpt) at 0.3 Wh a
# query (you2025chatgpt), as in the temporal chapter.
TOY_QUERIES_PER_DAY = by_id("chatgpt-prompts-2024").value
TOY_QUERY_WH = by_id("gpt4o-typical-query").value

# Problem 1: energy per query falls fivefold; demand has a price elasticity of 1.6
# and energy is half of a query's price (both assumptions).  The efficiency
# elasticity theta * epsilon_p is taken as constant over the whole gain (the
# chapter's model, as if the share theta stayed 0.5); with a fixed non-energy cost
# the exact ratio would be 0.6**-1.6 / 5, about 0.45, as the solution explains.
P1_EFFICIENCY_FACTOR = 5.0
P1_PRICE_ELASTICITY = 1.6
P1_ENERGY_SHARE = 0.5

# Problem 2: exogenous demand growth [1/year] and efficiency elasticity [-].
P2_GROWTH = 0.25
P2_ELASTICITY = 0.6

# Problem 3: the toy service with rebound, discounted: rates per year.
P3_GROWTH, P3_EFFICIENCY, P3_ELASTICITY, P3_DISCOUNT = 0.3, 0.2, 0.5, 0.3

# Problem 4: a fleet retrained every two years; rates per year.
P4_GROWTH, P4_EFFICIENCY, P4_ELASTICITY = 0.5, 0.2, 0.5
P4_INTERVAL_YEARS = 2.0

# Problem 5: the toy service saturating at five billion queries a day (an
# assumption); initial growth and efficiency rates per year.
P5_CAPACITY_PER_DAY = 5e9
P5_GROWTH, P5_EFFICIENCY = 0.5, 0.25


def _toy_service() -> tuple[float, float]:
    """Launch demand [1/s] and energy per query [J] of the toy service."""
    return TOY_QUERIES_PER_DAY / DAY, TOY_QUERY_WH * WH


def _p1() -> float:
    eps = efficiency_elasticity(P1_PRICE_ELASTICITY, P1_ENERGY_SHARE)
    return float(rebound_energy_ratio(P1_EFFICIENCY_FACTOR, eps))


def _p2() -> float:
    boundary = rebound_boundary_expr()  # r on the line g + (epsilon - 1) r = 0
    value = boundary.subs({SYMBOLS["g"]: sp.Float(P2_GROWTH),
                           SYMBOLS["epsilon"]: sp.Float(P2_ELASTICITY)})
    return float(value)


def _p3() -> float:
    q0, e0 = _toy_service()
    g_obs = induced_demand_growth_rate(P3_GROWTH, P3_EFFICIENCY, P3_ELASTICITY)  # per year
    present_value = limiting_inference_energy(q0, e0, per_year(g_obs), per_year(P3_EFFICIENCY),
                                              per_year(P3_DISCOUNT))
    return float(present_value / GWH)


def _p4() -> float:
    k = effective_energy_growth_rate(P4_GROWTH, P4_EFFICIENCY, P4_ELASTICITY)  # per year
    return math.exp(float(k) * P4_INTERVAL_YEARS)


def _p5() -> float:
    q0, e0 = _toy_service()
    lifetime = limiting_logistic_inference_energy(q0, e0, per_year(P5_GROWTH),
                                                  per_year(P5_EFFICIENCY),
                                                  P5_CAPACITY_PER_DAY / DAY)
    return float(lifetime / GWH)


# Per-student variants: the assumptions drawn from a student's id, as
# (low, high, step, what); published values stay as published.
VARIANTS = {
    "P1_EFFICIENCY_FACTOR": (3.0, 8.0, 1.0, "fall of the energy per query in problem 1 [x]"),
    "P2_GROWTH": (0.2, 0.4, 0.05, "exogenous demand growth in problem 2 [1/year]"),
    "P4_INTERVAL_YEARS": (1.5, 3.0, 0.5, "retraining interval in problem 4 [years]"),
    "P3_DISCOUNT": (0.25, 0.45, 0.05, "discount rate in problem 3 [1/year]"),
    "P5_CAPACITY_PER_DAY": (3e9, 8e9, 1e9, "saturation in problem 5 [queries a day]"),
}


PROBLEMS = ProblemSet("the-argument", [
    Problem(
        "argument-1", "total energy after the efficiency gain, relative to before", "-", _p1,
        hints=(
            "When efficiency acts through price, only the energy part of the price falls: the "
            "efficiency elasticity is the energy share times the price elasticity.",
            "With efficiency elasticity epsilon, demand rises by s**epsilon while energy per "
            "query falls by s, so total energy changes by s**(epsilon - 1).",
        ),
        uses=("energylib.rebound.efficiency_elasticity", "energylib.rebound.rebound_energy_ratio"),
    ),
    Problem(
        "argument-2", "smallest efficiency gain that keeps lifetime energy finite",
        "per year", _p2,
        hints=(
            "Lifetime inference energy is finite exactly when inference power shrinks: "
            "k = g + (epsilon - 1) r < 0.",
            "Solve g + (epsilon - 1) r = 0 for r: with epsilon < 1 the boundary is "
            "r = g / (1 - epsilon), and convergence lies above it.",
        ),
        uses=("energylib.symbolic.argument.rebound_boundary_expr",),
    ),
    Problem(
        "argument-3", "present value of the service's lifetime inference energy", "GWh", _p3,
        hints=(
            "With rebound, observed demand grows at g + epsilon r, so inference power grows "
            "at k = g + (epsilon - 1) r; discounting at delta replaces k by k - delta.",
            "The discounted integral of q0 e0 exp((k - delta) t) converges when k < delta, to "
            "q0 e0 / (delta - k), with q0 e0 the launch serving power in GWh per year.",
        ),
        uses=("energylib.limiting_inference_energy", "energylib.per_year"),
    ),
    Problem(
        "argument-4", "cost growth per generation at which training keeps pace", "-", _p4,
        hints=(
            "In the fleet ledger only rates matter: training spending grows at a = ln(c) / tau, "
            "inference power at k = g + (epsilon - 1) r.",
            "The ratio of the two totals tends to a finite number exactly when a = k, so "
            "solve ln(c) / tau = k for c, with k per year and tau in years.",
        ),
        uses=("energylib.rebound.effective_energy_growth_rate",),
    ),
    Problem(
        "argument-5", "lifetime inference energy of the saturating service", "GWh", _p5,
        hints=(
            "With a fixed ceiling K, demand never exceeds K, so any r > 0 makes the lifetime "
            "total finite, between q0 e0 / r and K e0 / r: a check on your answer.",
            "The integral of K e0 exp(-r t) / (1 + (K/q0 - 1) exp(-g t)) has no simple closed "
            "form: integrate it numerically (small time steps over a few lifetimes 1/r).",
        ),
        uses=("energylib.rebound.limiting_logistic_inference_energy", "energylib.per_year"),
    ),
])
"""The problems of the chapter ``chapters/the-argument.md``."""
