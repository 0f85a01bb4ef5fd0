"""Problem set of the chapter *Temporal infinity* (``chapters/temporal-infinity.md``).

Posed in ``chapters/problems/temporal-infinity.md``.  The problems practise the
chapter's model, ``E_inf(T) = q0 e0 (exp((g - r) T) - 1) / (g - r)``: break-even
at constant rates, the cumulative integral in closed form, its limit when
efficiency wins, break-even and its threshold when efficiency wins, and the
fleet ledger's ratio of rates when a company retrains for ever.

Every parameter is a module constant, so that the statements in the notebook
and the expected values cannot drift apart; every expected value is computed
with energylib.
"""

from __future__ import annotations

import math

from energylib.dataset import by_id
from energylib.lifecycle import (
    break_even_time,
    cumulative_inference_energy,
    fleet_limiting_ratio,
    limiting_inference_energy,
)
from energylib.problems import Problem, ProblemSet
from energylib.training import training_energy_from_accelerator_hours
from energylib.units import DAY, GWH, WH, YEAR, per_year, to_joules

__all__ = ["PROBLEMS"]

# Energy of a typical GPT-4o query, Epoch AI's estimate (you2025chatgpt) [Wh].
QUERY_WH = by_id("gpt4o-typical-query").value

# Problem 1: GPT-3's training energy (patterson2021carbon, Table 4) [MWh] against
# a service answering 100 million queries a day (an assumption).
GPT3_TRAINING_MWH = by_id("gpt3-train-energy").value
P1_QUERIES_PER_DAY = 1e8

# Problems 2 and 3: the chapter's toy service, a billion queries a day
# (axios2025chatgpt) at QUERY_WH; growth and efficiency rates [1/year].
TOY_QUERIES_PER_DAY = by_id("chatgpt-prompts-2024").value
P2_GROWTH, P2_EFFICIENCY, P2_YEARS = 0.4, 0.3, 5.0
P3_GROWTH, P3_EFFICIENCY = 0.2, 0.5

# Problems 4 to 6: Llama 3.1 405B, 30.84 million H100-hours (meta2024llama31)
# at the H100's 700 W, no facility overhead; one provider serves it at five
# million queries a day and 2 Wh a query (assumptions).
LLAMA_GPU_HOURS = by_id("llama31-405b-gpuh").value
H100_WATTS = by_id("h100-power").value
OPEN_QUERIES_PER_DAY = 5e6
OPEN_QUERY_WH = 2.0
P4_GROWTH, P4_EFFICIENCY = 0.3, 0.4

# Problem 6: yearly retraining, each run exp(0.4) times costlier than the last,
# while demand grows at 0.6 and efficiency at 0.2 per year.
P6_INTERVAL_YEARS = 1.0
P6_GROWTH_PER_GENERATION = math.exp(0.4)
P6_GROWTH, P6_EFFICIENCY = 0.6, 0.2


def _llama_training() -> float:
    """Llama 3.1 405B's training energy [J]."""
    return float(training_energy_from_accelerator_hours(LLAMA_GPU_HOURS, H100_WATTS))


def _open_service() -> tuple[float, float]:
    """Launch demand [1/s] and energy per query [J] of the open-model service."""
    return OPEN_QUERIES_PER_DAY / DAY, OPEN_QUERY_WH * WH


def _toy_service() -> tuple[float, float]:
    """Launch demand [1/s] and energy per query [J] of the chapter's toy service."""
    return TOY_QUERIES_PER_DAY / DAY, QUERY_WH * WH


def _p1() -> float:
    e_train = to_joules(GPT3_TRAINING_MWH, "MWh")
    return float(break_even_time(e_train, P1_QUERIES_PER_DAY / DAY, QUERY_WH * WH, 0.0, 0.0)
                 / DAY)


def _p2() -> float:
    q0, e0 = _toy_service()
    energy = cumulative_inference_energy(P2_YEARS * YEAR, q0, e0, per_year(P2_GROWTH),
                                         per_year(P2_EFFICIENCY))
    return float(energy / GWH)


def _p3() -> float:
    q0, e0 = _toy_service()
    return float(limiting_inference_energy(q0, e0, per_year(P3_GROWTH),
                                           per_year(P3_EFFICIENCY)) / GWH)


def _p4() -> float:
    q0, e0 = _open_service()
    t_star = break_even_time(_llama_training(), q0, e0, per_year(P4_GROWTH),
                             per_year(P4_EFFICIENCY))
    return float(t_star / YEAR)


def _p5() -> float:
    q0, e0 = _open_service()
    rho = break_even_time(_llama_training(), q0, e0, 0.0, 0.0) / YEAR  # [years]
    return float(1.0 / rho)


def _p6() -> float:
    q0, e0 = _open_service()
    return float(fleet_limiting_ratio(P6_INTERVAL_YEARS * YEAR, _llama_training(),
                                      P6_GROWTH_PER_GENERATION, q0, e0,
                                      float(per_year(P6_GROWTH)),
                                      float(per_year(P6_EFFICIENCY))))


# Per-student variants: the assumptions drawn from a student's id, as
# (low, high, step, what); published values stay as published.
VARIANTS = {
    "P1_QUERIES_PER_DAY": (5e7, 2e8, 1e7, "queries a day of the service in problem 1"),
    "OPEN_QUERIES_PER_DAY": (4e6, 1e7, 1e6, "queries a day of the open model (problems 4 to 6)"),
    "OPEN_QUERY_WH": (1.5, 3.0, 0.5, "energy of one of its queries (problems 4 to 6) [Wh]"),
    "P2_YEARS": (3.0, 8.0, 1.0, "years of service in problem 2"),
    "P3_EFFICIENCY": (0.3, 0.6, 0.05, "efficiency gain rate in problem 3 [1/year]"),
}


PROBLEMS = ProblemSet("temporal-infinity", [
    Problem(
        "temporal-1", "break-even time at constant demand and efficiency", "days", _p1,
        hints=(
            "At constant rates inference grows linearly in time: break-even is the training "
            "energy divided by the serving power.",
            "The service's energy per day is queries a day times the energy of one query; put "
            "it and the training energy in the same unit (MWh) before dividing.",
        ),
        uses=("energylib.break_even_time",),
    ),
    Problem(
        "temporal-2", "cumulative inference energy after five years", "GWh", _p2,
        hints=(
            "Integrate the inference power q0 e0 exp((g - r) t) from launch to the horizon.",
            "The closed form is q0 e0 (exp((g - r) T) - 1) / (g - r), with q0 e0 the launch "
            "serving power in GWh per year and the rates per year.",
        ),
        uses=("energylib.cumulative_inference_energy", "energylib.per_year"),
    ),
    Problem(
        "temporal-3", "lifetime inference energy when efficiency wins", "GWh", _p3,
        hints=(
            "Let the horizon grow without bound in the closed form: with g < r the exponential "
            "term dies away.",
            "The limit is q0 e0 / (r - g): the launch serving power (GWh per year) divided by "
            "the gap between the rates (per year).",
        ),
        uses=("energylib.limiting_inference_energy", "energylib.per_year"),
    ),
    Problem(
        "temporal-4", "break-even time of the open model when efficiency wins", "years", _p4,
        hints=(
            "Solve E_inf(T*) = E_train with the closed form; here k = g - r is negative, so "
            "break-even comes later than at constant rates, if at all.",
            "Write rho = E_train / (q0 e0), the break-even time at constant rates, in years; "
            "then T* = ln(1 + k rho) / k, which exists only if 1 + k rho > 0.",
        ),
        uses=(
            "energylib.training_energy_from_accelerator_hours",
            "energylib.break_even_time",
            "energylib.per_year",
        ),
    ),
    Problem(
        "temporal-5", "the efficiency gap r - g beyond which inference never catches up",
        "per year", _p5,
        hints=(
            "Break-even T* = ln(1 + k rho) / k needs 1 + k rho > 0, with k = g - r.",
            "So inference never catches up once r - g reaches 1 / rho: the launch serving "
            "power divided by the training energy, as a rate per year.",
        ),
        uses=("energylib.break_even_time",),
    ),
    Problem(
        "temporal-6", "long-run ratio of the fleet's inference to training energy", "-", _p6,
        hints=(
            "Both totals grow without bound, so compare rates: by L'Hôpital's rule the ratio "
            "of the totals tends to the ratio of the two powers.",
            "Training as a flow grows at a = ln(c) / tau, here equal to g - r; the limit is "
            "then q0 e0 (c - 1) / (a E1), with q0 e0 in GWh per year, a per year and E1 in "
            "GWh.",
        ),
        uses=("energylib.fleet_limiting_ratio", "energylib.per_year"),
    ),
])
"""The problems of the chapter ``chapters/temporal-infinity.md``."""
