"""Problem set of the chapter *The analogies, computed* (``chapters/analogies.md``).

Posed in ``chapters/problems/analogies.md``.  The problems practise the
chapter's one measure, use over creation, ``R = E_use(T) / E_create`` and its
orders of magnitude ``log10 R``: for a human against a pregnancy, for a
highway, for the Sun with a centrally condensed density profile (binding energy
``k(a) G M**2 / R`` with ``k(a) = (3 - a) / (5 - 2a)``), and for AI models,
whose ratio is set by traffic: the break-even traffic ``q* = E_create / (e T)``
at constant traffic, and the break-even time when traffic grows.

Every parameter is a module constant, so that the statements in the notebook
and the expected values cannot drift apart; every expected value is computed
with energylib.
"""

from __future__ import annotations

from energylib.analogies import (
    ANALOGY_INPUTS,
    ai_ledger,
    highway_ledger,
    human_ledger,
    power_law_sphere_coefficient,
    stellar_ledger,
)
from energylib.dataset import by_id
from energylib.lifecycle import break_even_time
from energylib.problems import Problem, ProblemSet
from energylib.units import DAY, MWH, WH, YEAR, per_year

__all__ = ["PROBLEMS"]

# Problem 1: a lifetime of 2,500 kcal a day for 75 years (assumptions) against the
# energy cost of a pregnancy, 323 MJ (butte2005energy: 321 to 325 MJ).
P1_DAILY_KCAL = 2500.0
P1_LIFE_YEARS = 75.0
PREGNANCY_MJ = by_id("pregnancy-energy-cost").value

# Problem 2: a six-lane motorway carrying 80,000 vehicles a day for 30 years
# (assumptions), built at 5 TJ per lane-mile (muench2010roadway, middle of 3 to 7 TJ),
# traffic at 3 MJ per vehicle-kilometre (an assumption).
P2_VEHICLES_PER_DAY = 80_000.0
P2_LANES = 6.0
P2_LIFE_YEARS = 30.0
P2_CONSTRUCTION_TJ_PER_LANE_MILE = by_id("road-construction-energy").value
P2_MJ_PER_VEHICLE_KM = 3.0

# Problem 3: the Sun (IAU nominal values, prsa2016nominal) shining for ten billion
# years, with a density falling as r**(-a), a = 1.5 (an assumed profile).
P3_DENSITY_EXPONENT = 1.5
SUN_LIFE_YEARS = 1e10

# Problem 4: a model trained with GPT-3's 1,287 MWh (patterson2021carbon, Table 4),
# served for two years at 0.5 Wh a query (assumptions).
P4_TRAINING_MWH = by_id("gpt3-train-energy").value
P4_QUERY_WH = 0.5
P4_SERVING_YEARS = 2.0

# Problem 5: the chapter's quiet model, trained like Llama 3.1 405B (30.84 million
# H100-hours at 700 W, about 21.6 GWh: meta2024llama31), launched at 100,000 queries
# a day at 2 Wh (assumptions); traffic grows at 1.0 and energy per query falls at
# 0.3 per year (assumptions).
P5_QUERIES_PER_DAY = 1e5
P5_QUERY_WH = 2.0
P5_GROWTH, P5_EFFICIENCY = 1.0, 0.3


def _p1() -> float:
    ledger = human_ledger(PREGNANCY_MJ * 1e6, daily_kcal=P1_DAILY_KCAL,
                          life_years=P1_LIFE_YEARS)
    return ledger.ratio


def _p2() -> float:
    ledger = highway_ledger(P2_VEHICLES_PER_DAY, P2_LANES, life_years=P2_LIFE_YEARS,
                            construction_per_lane_mile=P2_CONSTRUCTION_TJ_PER_LANE_MILE * 1e12,
                            energy_per_vehicle_km=P2_MJ_PER_VEHICLE_KM * 1e6)
    return ledger.orders


def _p3() -> float:
    sun = {name: ANALOGY_INPUTS[name].value
           for name in ("solar luminosity", "solar mass", "solar radius")}
    k = float(power_law_sphere_coefficient(P3_DENSITY_EXPONENT))
    ledger = stellar_ledger(sun["solar luminosity"], SUN_LIFE_YEARS * YEAR, sun["solar mass"],
                            sun["solar radius"], coefficient=k)
    return ledger.ratio


def _p4() -> float:
    # The ratio is proportional to traffic: at one query a day it is 1 / q*.
    per_query_a_day = ai_ledger(P4_TRAINING_MWH * MWH, 1.0, P4_QUERY_WH * WH,
                                serving_life_years=P4_SERVING_YEARS)
    return 1.0 / per_query_a_day.ratio


def _p5() -> float:
    e_train = ANALOGY_INPUTS["Llama 3.1 405B training"].value
    t_star = break_even_time(e_train, P5_QUERIES_PER_DAY / DAY, P5_QUERY_WH * WH,
                             per_year(P5_GROWTH), per_year(P5_EFFICIENCY))
    return float(t_star / YEAR)


# Per-student variants: the assumptions drawn from a student's id, as
# (low, high, step, what); published values stay as published.
VARIANTS = {
    "P1_DAILY_KCAL": (2000.0, 3000.0, 100.0, "food a day in problem 1 [kcal]"),
    "P2_VEHICLES_PER_DAY": (40_000.0, 120_000.0, 10_000.0, "vehicles a day in problem 2"),
    "P4_QUERY_WH": (0.3, 1.0, 0.1, "energy of a query in problem 4 [Wh]"),
    "P5_QUERIES_PER_DAY": (5e4, 2e5, 5e4, "queries a day at launch in problem 5"),
    "P3_DENSITY_EXPONENT": (1.0, 2.0, 0.25, "density exponent n of the Sun in problem 3"),
}


PROBLEMS = ProblemSet("analogies", [
    Problem(
        "analogies-1", "lifetime metabolism over the energy of a pregnancy", "-", _p1,
        hints=(
            "Use energy over creation energy: the food metabolised over the whole life, "
            "divided by the pregnancy's energy cost.",
            "One kilocalorie is 4,184 J and a year 365.25 days: lifetime energy = kcal a day "
            "x 4,184 x days lived, in J; the pregnancy is 323 MJ.",
        ),
        uses=("energylib.analogies.human_ledger",),
    ),
    Problem(
        "analogies-2", "log10 of the motorway's traffic fuel over its construction energy",
        "orders of magnitude", _p2, decimals=1,
        hints=(
            "Take one kilometre of road: construction = lanes x energy per lane-km, use = "
            "vehicles a day x days of life x fuel per vehicle-km; the length cancels.",
            "A lane-mile is 1.609344 lane-km, so 5 TJ per lane-mile is about 3.1 TJ per "
            "lane-km; the answer is log10(use / construction).",
        ),
        uses=("energylib.analogies.highway_ledger",),
    ),
    Problem(
        "analogies-3", "the Sun's ten-billion-year output over its collapse energy", "-", _p3,
        hints=(
            "The collapse releases k G M^2 / R, with a coefficient k that grows as the mass "
            "is concentrated towards the centre.",
            "For a density falling as r**(-a), k = (3 - a) / (5 - 2a); the use energy is the "
            "luminosity times ten billion years (in seconds).",
        ),
        uses=(
            "energylib.analogies.power_law_sphere_coefficient",
            "energylib.analogies.stellar_ledger",
        ),
    ),
    Problem(
        "analogies-4", "break-even traffic of the GPT-3-sized model", "queries per day", _p4,
        hints=(
            "The ratio of use to creation is proportional to traffic; it crosses 1 at "
            "q* = E_create / (e T).",
            "Put everything in Wh and days: the training energy in Wh, divided by the Wh of "
            "one query times the days of service.",
        ),
        uses=("energylib.analogies.ai_ledger",),
    ),
    Problem(
        "analogies-5", "break-even time of the quiet model when its traffic grows", "years",
        _p5,
        hints=(
            "With growing traffic the use energy is the integral of q0 e0 exp((g - r) t); "
            "break-even is where it equals the training energy.",
            "Solving q0 e0 (exp(k T) - 1) / k = E_train with k = g - r gives "
            "T* = ln(1 + k E_train / (q0 e0)) / k, with q0 e0 in energy per year.",
        ),
        uses=("energylib.break_even_time", "energylib.per_year"),
    ),
])
"""The problems of the chapter ``chapters/analogies.md``."""
