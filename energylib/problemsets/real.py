"""Problem set of the chapter "Real numbers: what the published figures say" (real-numbers).

The problems practise the chapter's learning objectives with published figures
from :mod:`energylib.dataset`, using only rows the book's authors read in the
original (``check`` = ``read``): a training run's energy from GPU-hours at a
stated scope, break-even against a measured energy per prompt, a published
efficiency gain turned into a continuous rate and a limit, the one-parameter
calibration of the roofline model and its error, and a percentile of the
break-even time when every input is uncertain.

Every published parameter is read from the dataset by its row id; every other
parameter is an assumption, named as such in the notebook
``chapters/problems/real-numbers.md``.
"""

from __future__ import annotations

import math
from dataclasses import replace
from statistics import NormalDist

import numpy as np

from energylib import dataset
from energylib.calibration import (
    FIT_CASES,
    CalibrationResult,
    fit_calibration,
    predict_energy,
)
from energylib.lifecycle import break_even_time, limiting_inference_energy
from energylib.montecarlo import LogNormal
from energylib.problems import Problem, ProblemSet
from energylib.training import training_energy_from_accelerator_hours
from energylib.units import DAY, GWH, YEAR, per_year

__all__ = ["PROBLEMS"]

# Published figures (all check = read in energylib/data/figures.csv).
GPU_HOURS = dataset.by_id("llama31-405b-gpuh").value
"""Llama 3.1 405B training: 30.84 million H100-hours (meta2024llama31) [h]."""
DGX_POWER = dataset.by_id("dgx-h100-power").si
"""DGX H100 server, maximum power 10.2 kW for eight GPUs (nvidia2023dgxh100) [W]."""
GPUS_PER_SERVER = 8
"""GPUs in one DGX H100 [-]."""
PUE = dataset.by_id("pue-google-2023").value
"""Google's fleet-wide PUE for 2023, 1.10 (google2024environmental) [-]."""
PROMPT_ENERGY = dataset.by_id("gemini-median-prompt").si
"""Google's measured median Gemini text prompt, 0.24 Wh, full stack (elsworth2025google) [J]."""
EFFICIENCY_GAIN = dataset.by_id("gemini-efficiency-gain").value
"""Fall of the energy per median Gemini prompt over twelve months, 33-fold [-]."""
GAIN_PERIOD = 1.0
"""The twelve months over which the 33-fold fall was measured [years]."""
TOKEN_CASES = ("llama31-8b-token-v2", "llama31-8b-token-v3")
"""ML.ENERGY's Llama 3.1 8B on an H100: 0.20 and 0.12 J per output token (mlenergy2025llama31)."""

# Assumptions (stated as such in the notebook).
PROMPTS_PER_DAY = 1e8
"""Assumed traffic of the hypothetical deployment [prompts/day]."""
SIGMA_TRAINING = 0.3
"""Assumed log standard deviation of the training energy [-]."""
SIGMA_TRAFFIC = 1.0
"""Assumed log standard deviation of the traffic [-]."""
SIGMA_PROMPT = 0.5
"""Assumed log standard deviation of the energy per prompt [-]."""
OTHER_BATCH = 16
"""Batch size at which problem 4 asks for the calibrated prediction [-]."""
PERCENTILE = 95.0
"""Percentile of the break-even time asked for in problem 6 [%]."""


def training_energy() -> float:
    """Llama 3.1 405B's run at server scope with the facility overhead [J]."""
    return float(training_energy_from_accelerator_hours(
        GPU_HOURS, DGX_POWER / GPUS_PER_SERVER, PUE))


def _break_even_years() -> float:
    """The hypothetical deployment's break-even time at constant rates [years]."""
    t = break_even_time(training_energy(), PROMPTS_PER_DAY / DAY, PROMPT_ENERGY, 0.0, 0.0)
    return float(t) / YEAR


def _lifetime_over_training() -> float:
    """Lifetime inference energy over training energy if the gain goes on for ever [-]."""
    r = per_year(math.log(EFFICIENCY_GAIN) / GAIN_PERIOD)
    lifetime = limiting_inference_energy(PROMPTS_PER_DAY / DAY, PROMPT_ENERGY, 0.0, r)
    return float(lifetime) / training_energy()


def token_fit() -> CalibrationResult:
    """The overhead factor fitted to the two ML.ENERGY per-token figures."""
    return fit_calibration([FIT_CASES[key] for key in TOKEN_CASES])


def _calibrated_token_energy() -> float:
    """Energy per output token at the other batch size, with the fitted phi [J]."""
    case = replace(FIT_CASES[TOKEN_CASES[0]], batch_size=OTHER_BATCH)
    return float(predict_energy(case, token_fit().overhead_factor))


def _percentile_years() -> float:
    """The asked percentile of the break-even time with log-normal inputs [years]."""
    sigma = math.sqrt(SIGMA_TRAINING**2 + SIGMA_TRAFFIC**2 + SIGMA_PROMPT**2)
    median = _break_even_years() * YEAR
    return float(LogNormal(median, sigma).ppf(PERCENTILE / 100.0)) / YEAR


# Problem 6 may be answered with a Monte Carlo of this many draws or more [-].
MONTE_CARLO_DRAWS = 1000


def _monte_carlo_rtol(draws: int = MONTE_CARLO_DRAWS, runs: int = 400) -> float:
    """Relative tolerance of problem 6: the spread of an honest Monte Carlo of ``draws``.

    The 95th percentile of ``draws`` log-normal samples, over ``runs`` independent runs
    (fixed seed): the tolerance covers 99.5 % of them on either side, so that a correct
    Monte Carlo of the stated size fails about once in 200 tries.
    """
    sigma = math.sqrt(SIGMA_TRAINING**2 + SIGMA_TRAFFIC**2 + SIGMA_PROMPT**2)
    rng = np.random.default_rng(20261202)
    samples = rng.lognormal(0.0, sigma, size=(runs, draws))
    estimates = np.percentile(samples, PERCENTILE, axis=1)
    exact = math.exp(sigma * NormalDist().inv_cdf(PERCENTILE / 100.0))
    ratios = estimates / exact
    return float(max(np.quantile(ratios, 0.9975) - 1.0, 1.0 - np.quantile(ratios, 0.0025)))


# Per-student variants: the assumptions drawn from a student's id, as
# (low, high, step, what); published values stay as published.
VARIANTS = {
    "PROMPTS_PER_DAY": (5e7, 2e8, 1e7, "prompts a day (problems 2, 3 and 6)"),
}


PROBLEMS = ProblemSet("real-numbers", [
    Problem(
        "real-1",
        "energy of Llama 3.1 405B's training run at server scope with PUE",
        "GWh",
        lambda: training_energy() / GWH,
        hints=(
            "GPU-hours times the power charged per GPU times the PUE gives the energy; "
            "the scope is set by which power you charge.",
            "Server scope: charge each GPU its share of the DGX H100's maximum power "
            "(the server's power divided by its eight GPUs), then multiply by the PUE.",
        ),
        uses=("energylib.training_energy_from_accelerator_hours",),
    ),
    Problem(
        "real-2",
        "break-even time of the hypothetical deployment at constant rates",
        "years",
        _break_even_years,
        hints=(
            "At constant traffic and energy per prompt, inference catches up with training "
            "when traffic times energy per prompt times time equals the training energy.",
            "Both sides are at facility scope: the training energy of problem 1 and Google's "
            "full-stack median prompt. Convert the traffic to prompts per second first.",
        ),
        uses=("energylib.break_even_time",),
    ),
    Problem(
        "real-3",
        "lifetime inference energy over training energy if the 33-fold yearly gain lasts",
        "-",
        _lifetime_over_training,
        hints=(
            "A fall by a factor F over one year is a continuous rate r = ln F per year; "
            "with flat traffic the lifetime inference energy is finite.",
            "With traffic constant (g = 0), the lifetime inference energy is q0 e0 / r: "
            "a year's serving at today's rate divided by r in per-year units.",
        ),
        uses=("energylib.limiting_inference_energy", "energylib.per_year"),
    ),
    Problem(
        "real-4",
        "calibrated energy per output token of Llama 3.1 8B at batch 16",
        "J per token",
        _calibrated_token_energy,
        hints=(
            "First fit the one overhead factor phi: with one multiplicative parameter fitted "
            "by least squares on logarithms, it is the geometric mean of the ratios "
            "measured / roofline.",
            "Decode is memory-bound here, so each step's weight read is shared by the batch: "
            "the roofline energy per token at batch 16 is four times that at batch 64. "
            "Multiply it by phi.",
        ),
        uses=("energylib.calibration.fit_calibration", "energylib.calibration.predict_energy"),
    ),
    Problem(
        "real-5",
        "typical factor of the fitted model's miss on the two per-token figures",
        "-",
        lambda: token_fit().typical_factor,
        hints=(
            "The remaining error is the root mean square of the log ratios "
            "ln(predicted / measured) after the fit; the typical factor is its exponential.",
            "After the fit the two log residuals are equal and opposite: each is half the log "
            "of the ratio of the two measurements.",
        ),
        uses=("energylib.calibration.fit_calibration",),
    ),
    Problem(
        "real-6",
        "95th percentile of the break-even time with log-normal inputs",
        "years",
        _percentile_years,
        # The exact percentile of the log-normal; the tolerance is the spread of a Monte
        # Carlo estimate of the size the statement allows.
        rtol=_monte_carlo_rtol(),
        hints=(
            "ln T* = ln E_train - ln q0 - ln e0 is a sum of independent normals, so T* is "
            "log-normal.",
            "Its median is the break-even time of problem 2 and its log standard deviation "
            "is the square root of the sum of the three squared log standard deviations; the "
            "95th percentile is the median times exp(1.645 sigma).",
        ),
        uses=("energylib.montecarlo.LogNormal",),
    ),
])
"""The problems of the real-numbers chapter."""
