"""Problem set of the chapter "The verdict" (verdict).

The problems practise the parameters that decide the book's verdict on claim
C12: the serving power per unit of training energy ``1/rho`` of a service,
the fleet's limiting inference share when both flows are constant, a
published share read back as ``1/rho``, the growth of training cost per
generation and the rebound elasticity at which the verdict flips, and the
fleet's inference share after a given time, saw-tooth included.

They use :mod:`energylib.lifecycle`, :mod:`energylib.rebound` and
:mod:`energylib.verdict`; every parameter is a cited figure, the
book's own GPT-4-class estimate, or an assumption named as such in the
notebook ``chapters/problems/verdict.md``.
"""

from __future__ import annotations

import math

from energylib.dataset import by_id
from energylib.lifecycle import fleet_limiting_ratio
from energylib.problems import Problem, ProblemSet
from energylib.rebound import effective_energy_growth_rate
from energylib.reference_cases import default_training_energy
from energylib.units import DAY, WH, YEAR, per_year
from energylib.verdict import REAL_WORLD_SHARES, fleet_inference_share

__all__ = ["PROBLEMS"]

# The service of problems 1, 2 and 6.
QUERIES_PER_DAY = 5e8
"""Assumed traffic [queries/day]."""
QUERY_WH = by_id("gemini-median-prompt").value
"""Energy per query: Google's measured median Gemini prompt (elsworth2025google) [Wh]."""
INTERVAL_YEARS = 1.0
"""Retraining interval of problems 2 and 6 [years]."""

# Problem 3: Google's share read as a ratio of rates.
GOOGLE = "Google 2019-21"
"""Key of the observed share in REAL_WORLD_SHARES (patterson2022carbon)."""
GOOGLE_INTERVAL_YEARS = 1.25
"""Assumed retraining interval, fifteen months [years]."""

# Problem 4: the cost growth per generation that flips the verdict.
FLIP_G, FLIP_R, FLIP_EPS = 0.3, 0.5, 0.8
"""Demand growth and efficiency gain [1/yr], rebound elasticity [-]."""
FLIP_INTERVAL_YEARS = 1.5
"""Retraining interval of problem 4 [years]."""

# Problem 5: the elasticity that flips the verdict.
EPS_G, EPS_R = 0.1, 0.4
"""Demand growth and efficiency gain [1/yr]."""
EPS_COST_GROWTH = 1.25
"""Each run costs this much more than the last [-]."""
EPS_INTERVAL_YEARS = 1.0
"""Retraining interval of problem 5 [years]."""

# Problem 6: the share after a given time.
SHARE_G, SHARE_R = 0.4, 0.3
"""The chapter's growing-demand scenario [1/yr]."""
SHARE_HORIZON_YEARS = 9.5
"""Time since the first training run [years]."""


def serving_power() -> float:
    """The service's inference power at launch [W]."""
    return QUERIES_PER_DAY / DAY * QUERY_WH * WH


def serving_rate() -> float:
    """``1/rho``: serving power per unit of the training run's energy [1/s]."""
    return serving_power() / default_training_energy()


def _limit_share_pct() -> float:
    ratio = fleet_limiting_ratio(INTERVAL_YEARS * YEAR, default_training_energy(), 1.0,
                                 QUERIES_PER_DAY / DAY, QUERY_WH * WH, 0.0, 0.0)
    return 100.0 * ratio / (1.0 + ratio)


def _google_inv_rho() -> float:
    share = REAL_WORLD_SHARES[GOOGLE][0]
    ratio = share / (1.0 - share)  # the limiting ratio tau / rho
    return ratio / GOOGLE_INTERVAL_YEARS


def _flip_cost_growth_pct() -> float:
    k = effective_energy_growth_rate(per_year(FLIP_G), per_year(FLIP_R), FLIP_EPS)
    return 100.0 * math.expm1(float(k) * FLIP_INTERVAL_YEARS * YEAR)


def _flip_elasticity() -> float:
    g, r = per_year(EPS_G), per_year(EPS_R)
    a = math.log(EPS_COST_GROWTH) / (EPS_INTERVAL_YEARS * YEAR)  # training spending's rate
    k0 = float(effective_energy_growth_rate(g, r, 0.0))          # k without rebound
    return (a - k0) / float(r)                                   # k(eps) = k0 + eps r = a


def _share_pct() -> float:
    g, r = float(per_year(SHARE_G)), float(per_year(SHARE_R))
    fleet, _ = fleet_inference_share(SHARE_HORIZON_YEARS * YEAR, g, r, serving_rate(),
                                     INTERVAL_YEARS * YEAR)
    return 100.0 * float(fleet)


# Per-student variants: the assumptions drawn from a student's id, as
# (low, high, step, what); published values stay as published.
VARIANTS = {
    "QUERIES_PER_DAY": (2e8, 1e9, 1e8, "queries a day of the service (problems 1, 2, 6)"),
    "FLIP_INTERVAL_YEARS": (1.0, 2.5, 0.25, "interval between runs in problem 4 [years]"),
    "EPS_COST_GROWTH": (1.1, 1.5, 0.05, "run-to-run growth of training spending in problem 5 [x]"),
}


PROBLEMS = ProblemSet("verdict", [
    Problem(
        "verdict-1",
        "serving power per unit of training energy, 1/rho, of the service",
        "per year",
        lambda: serving_rate() * YEAR,
        hints=(
            "1/rho is a year of serving at launch divided by the energy of one training run: "
            "how many training runs' worth of energy the service uses a year.",
            "The serving power is queries per second times energy per query; a year of it "
            "is that power times a year of 365.25 days. The training run is the book's "
            "GPT-4-class estimate.",
        ),
        uses=("energylib.reference_cases.default_training_energy",),
    ),
    Problem(
        "verdict-2",
        "limiting inference share of AI energy for yearly retraining at constant cost",
        "%",
        _limit_share_pct,
        hints=(
            "With constant traffic, constant energy per query and one run of constant cost "
            "every retraining interval, both flows are constant: the ratio of the two "
            "cumulative totals tends to the ratio of their average powers.",
            "That ratio is tau / rho, a retraining interval of serving divided by one run; "
            "the share is the ratio divided by one plus the ratio.",
        ),
        uses=("energylib.fleet_limiting_ratio",),
    ),
    Problem(
        "verdict-3",
        "1/rho implied by Google's inference share for retraining every fifteen months",
        "per year",
        _google_inv_rho,
        hints=(
            "Read the observed share as the limit of a fleet with constant flows: the share "
            "gives the ratio of inference to training, and that ratio is tau / rho.",
            "A share s is a ratio s / (1 - s); divide that ratio by the retraining interval "
            "in years.",
        ),
        uses=("energylib.verdict.REAL_WORLD_SHARES",),
    ),
    Problem(
        "verdict-4",
        "run-to-run growth of training cost at which the verdict flips",
        "%",
        _flip_cost_growth_pct,
        hints=(
            "Inference's share tends to 100 % when inference power grows faster than training "
            "spending, to zero when it grows slower; the flip is where the two rates are equal.",
            "Inference power grows at k = g + (epsilon - 1) r; training spending at ln(c) / tau. "
            "Solve ln(c) / tau = k for c, and give c - 1 in percent.",
        ),
        uses=("energylib.rebound.effective_energy_growth_rate", "energylib.per_year"),
    ),
    Problem(
        "verdict-5",
        "rebound elasticity above which inference becomes the sink",
        "-",
        _flip_elasticity,
        hints=(
            "The verdict turns where inference power and training spending grow at the same "
            "rate; inference power's rate grows with the elasticity.",
            "Set g + (epsilon - 1) r equal to ln(c) / tau and solve for epsilon. Is the "
            "result above one, and what does that mean?",
        ),
        uses=("energylib.verdict.verdict_in_words",),
    ),
    Problem(
        "verdict-6",
        "fleet's inference share of AI energy after nine and a half years",
        "%",
        _share_pct,
        hints=(
            "Count both totals: the training runs held so far (one at time 0, then one every "
            "interval) and the inference energy of growing demand and falling energy per "
            "query, integrated from time 0.",
            "Inference power grows at k = g - r, so the inference total is "
            "P0 (exp(k t) - 1) / k; training is the number of runs times one run. "
            "How many runs have happened by then?",
        ),
        uses=("energylib.verdict.fleet_inference_share",),
    ),
])
"""The problems of the verdict chapter."""
