"""Problem set of the chapter *Machine-driven infinity* (``chapters/machine-infinity.md``).

Posed in ``chapters/problems/machine-infinity.md``.  The problems practise the
chapter's product model, ``P(t) = a(t) c(t) n epsilon o``: what one busy agent
costs a day at the wall plug and in households, how many such agents would
draw as much as all data centres, the ceiling ``K_a K_c n epsilon o`` when
agents and calls per agent both saturate, when exponential growth reaches the
data centres' power, and how far a reasoning multiplier brings that date
forward, ``ln m / (g_a + g_c)``.

Every parameter is a module constant, so that the statements in the notebook
and the expected values cannot drift apart; every expected value is computed
with energylib.
"""

from __future__ import annotations

from energylib.agents import (
    DATA_CENTRE_POWER_2024,
    EVERYDAY_ENERGY,
    FULL_STACK_OVERHEAD,
    agent_energy_per_day,
    agents_for_power,
    limiting_machine_power,
    time_to_power,
)
from energylib.dataset import by_id
from energylib.problems import Problem, ProblemSet
from energylib.units import KWH, YEAR, per_year

__all__ = ["PROBLEMS"]

# One agent: 200 calls a second (the middle of "hundreds"), 300 output tokens a
# call (an assumption), 0.12 J per output token at the GPU (Llama 3.1 8B on an
# H100 at batch 64, mlenergy2025llama31), lifted to the wall plug by
# FULL_STACK_OVERHEAD = 1 / 0.58 (accelerators' share of a Gemini prompt,
# elsworth2025google; a lower bound).
CALLS_PER_SECOND = 200.0
TOKENS_PER_CALL = 300.0
GPU_JOULES_PER_TOKEN = by_id("llama31-8b-token-v3").value

# Problem 2: an average US residential customer's day, 10,715 kWh a year / 365
# (eia2021home).
HOUSEHOLD_DAY = EVERYDAY_ENERGY["US household, one day"][0]  # [J]

# Problems 4 to 6: a population of 10,000 such agents at first.
AGENTS0 = 1e4
# Problem 4: both factors logistic, agents at 1 per year towards two million,
# calls per agent at 0.5 per year towards 500 a second.
P4_AGENT_GROWTH, P4_CALL_GROWTH = 1.0, 0.5
P4_AGENT_CAPACITY, P4_CALL_CAPACITY = 2e6, 500.0
# Problems 5 and 6: both factors exponential, agents at 0.5 and calls per agent
# at 0.3 per year; the target is all data centres' 2024 power, 415 TWh a year
# (iea2025energyai); reasoning multiplies the energy of a call by 25
# (mlenergy2025v3).
P5_AGENT_GROWTH, P5_CALL_GROWTH = 0.5, 0.3
REASONING_MULTIPLIER = by_id("reasoning-energy-ratio").value


def _agent_day() -> float:
    """One agent's wall-plug energy per day [J]."""
    return float(agent_energy_per_day(CALLS_PER_SECOND, TOKENS_PER_CALL, GPU_JOULES_PER_TOKEN,
                                      FULL_STACK_OVERHEAD))


def _p1() -> float:
    return _agent_day() / KWH


def _p2() -> float:
    return _agent_day() / HOUSEHOLD_DAY


def _p3() -> float:
    agents = agents_for_power(DATA_CENTRE_POWER_2024, CALLS_PER_SECOND, TOKENS_PER_CALL,
                              GPU_JOULES_PER_TOKEN, FULL_STACK_OVERHEAD)
    return float(agents) / 1e6


def _p4() -> float:
    power = limiting_machine_power(
        AGENTS0, CALLS_PER_SECOND, TOKENS_PER_CALL, GPU_JOULES_PER_TOKEN,
        agent_growth=per_year(P4_AGENT_GROWTH), call_growth=per_year(P4_CALL_GROWTH),
        agent_capacity=P4_AGENT_CAPACITY, call_capacity=P4_CALL_CAPACITY,
        overhead=FULL_STACK_OVERHEAD)
    return float(power) / 1e9


def _years_to_data_centres(joules_per_token: float) -> float:
    """Years until the exponentially growing agents draw all data centres' power."""
    t = time_to_power(DATA_CENTRE_POWER_2024, AGENTS0, CALLS_PER_SECOND, TOKENS_PER_CALL,
                      joules_per_token, agent_growth=per_year(P5_AGENT_GROWTH),
                      call_growth=per_year(P5_CALL_GROWTH), overhead=FULL_STACK_OVERHEAD)
    return float(t) / YEAR


def _p5() -> float:
    return _years_to_data_centres(GPU_JOULES_PER_TOKEN)


def _p6() -> float:
    return (_years_to_data_centres(GPU_JOULES_PER_TOKEN)
            - _years_to_data_centres(REASONING_MULTIPLIER * GPU_JOULES_PER_TOKEN))


# Per-student variants: the assumptions drawn from a student's id, as
# (low, high, step, what); published values stay as published.
VARIANTS = {
    "CALLS_PER_SECOND": (100.0, 400.0, 50.0, "calls a second of one agent"),
    "TOKENS_PER_CALL": (200.0, 500.0, 50.0, "output tokens of one call"),
    "AGENTS0": (5e3, 2e4, 5e3, "agents at first (problems 4 to 6)"),
}


PROBLEMS = ProblemSet("machine-infinity", [
    Problem(
        "machines-1", "one agent's wall-plug energy per day", "kWh", _p1,
        hints=(
            "An agent's power is calls per second times tokens per call times joules per token.",
            "The 0.12 J counts the GPU only: multiply by the wall-plug factor 1/0.58, then by "
            "the seconds in a day, and convert joules to kWh (3.6 million J each).",
        ),
        uses=("energylib.agents.agent_energy_per_day",),
    ),
    Problem(
        "machines-2", "the agent's day in US residential customers' days", "households", _p2,
        hints=(
            "Divide the agent's energy per day by one household's energy per day.",
            "A household's day is its yearly 10,715 kWh divided by 365; use the agent's "
            "wall-plug energy, not the GPU's.",
        ),
        uses=("energylib.agents.agent_energy_per_day", "energylib.agents.EVERYDAY_ENERGY"),
    ),
    Problem(
        "machines-3", "agents that together draw all data centres' 2024 power",
        "million agents", _p3,
        hints=(
            "Turn the data centres' yearly energy into an average power, and divide it by one "
            "agent's wall-plug power.",
            "415 TWh over a year of 365.25 days is an average power in GW; one agent draws "
            "calls x tokens x joules per token x 1/0.58 watts.",
        ),
        uses=("energylib.agents.agents_for_power",),
    ),
    Problem(
        "machines-4", "long-run power when agents and calls per agent both saturate", "GW",
        _p4,
        hints=(
            "A logistic factor tends to its carrying capacity, whatever its starting value and "
            "rate.",
            "So the power tends to K_a K_c n epsilon o: the two ceilings times the wall-plug "
            "energy of one call.",
        ),
        uses=("energylib.agents.limiting_machine_power",),
    ),
    Problem(
        "machines-5", "years until exponential agents draw all data centres' power", "years",
        _p5,
        hints=(
            "With both factors exponential the power is P0 exp((g_a + g_c) t).",
            "Solve P0 exp((g_a + g_c) T) = P*: T = ln(P*/P0) / (g_a + g_c), with P0 the "
            "population's starting wall-plug power and P* the data centres' average power.",
        ),
        uses=("energylib.agents.time_to_power", "energylib.per_year"),
    ),
    Problem(
        "machines-6", "how many years earlier reasoning agents reach that power", "years", _p6,
        hints=(
            "A constant multiplier m on the energy of a call multiplies the starting power "
            "P0 by m and changes no growth rate.",
            "T = ln(P*/P0) / (g_a + g_c), so multiplying P0 by m shortens T by "
            "ln(m) / (g_a + g_c), whatever P* and P0 are.",
        ),
        uses=("energylib.agents.time_to_power",),
    ),
])
"""The problems of the chapter ``chapters/machine-infinity.md``."""
