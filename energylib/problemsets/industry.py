"""Problem set of the chapter "What industry does about it" (industry).

The problems practise the chapter's levers with :mod:`energylib.levers`,
:mod:`energylib.estimator` and :mod:`energylib.grid`: the energy of one
memory-bound decode step and the critical batch size (both in the chapter's
roofline, which they teach), the energy of a real deployment's query with
several levers pulled at once (the book's calibrated estimator),
the doubling time of performance per watt between two GPU generations, a
fleet's yearly CO2 through the PUE and the grid, and the firm energy a flat
load still needs when solar and storage serve it.

Hardware figures are the datasheet values of :data:`energylib.hardware.HARDWARE`;
every other parameter is either a cited figure or an assumption, named as such
in the notebook ``chapters/problems/industry.md``.
"""

from __future__ import annotations

import numpy as np

from energylib.dataset import by_id
from energylib.estimator import estimate_query_energy
from energylib.grid import grid_balance, solar_profile
from energylib.hardware import HARDWARE
from energylib.inference import decode_seconds_per_token
from energylib.levers import (
    G_PER_KWH,
    GENERATION_YEAR,
    carbon_emissions,
    critical_batch_size,
    fleet_energy,
    flops_per_joule,
    implied_doubling_time,
)
from energylib.problems import Problem, ProblemSet
from energylib.units import DAY, MWH, WH, YEAR

__all__ = ["PROBLEMS"]

# Problem 1: one decode step, alone on the GPU.
TOKEN_PARAMS = 70e9
"""Parameters of the model of problem 1 [-]."""
TOKEN_BITS = 8
"""Storage precision of its weights [bit]."""
TOKEN_GPU = "H100 SXM"
"""Its accelerator (3.35 TB/s, 700 W)."""

# Problem 2: the critical batch size.
KNEE_GPU = "H100 SXM"
"""Accelerator of problem 2 (989 TFLOP/s, 3.35 TB/s)."""
KNEE_BITS = 8
"""Storage precision in problem 2 [bit]."""

# Problem 3: a query with several levers pulled.
QUERY_PARAMS = 70e9
"""Active parameters [-]."""
QUERY_BITS = 4
"""Storage precision [bit]."""
QUERY_BATCH = 32
"""Sequences decoded together [-]."""
QUERY_GPU = "H100 SXM"
"""Accelerator."""
QUERY_PUE = 1.2
"""Assumed PUE, in place of Google's in the estimator's full stack [-]."""
QUERY_TOKENS_IN, QUERY_TOKENS_OUT = 1000.0, 500.0
"""Prompt and answer lengths, the chapter's [tokens]."""

# Problem 4: performance per watt, A100 to H100.
OLD_GPU, NEW_GPU = "A100 SXM", "H100 SXM"
"""The two generations compared (announced 2020 and 2022)."""

# Problem 5: a fleet through the PUE and the grid.
FLEET_QUERIES_PER_DAY = 2e8
"""Assumed traffic [queries/day]."""
FLEET_SERVER_WH = 0.5
"""Assumed energy per query at the servers, before the PUE [Wh]."""
FLEET_PUE = by_id("pue-uptime-2023").value
"""Average data centre, Uptime Institute 2023 survey (uptime2023survey) [-]."""
FLEET_GRID_G_PER_KWH = by_id("grid-intensity-world-2022").value
"""World-average carbon intensity of electricity in 2022 (ember2023global) [gCO2/kWh]."""

# Problem 6: a flat load, solar and a lossy store.
LOAD_W = 100e6
"""The flat load [W]."""
SOLAR_CAPACITY_FACTOR = 0.2
"""Illustrative solar capacity factor (a half sine from 6:00 to 18:00) [-]."""
SOLAR_MULTIPLE = 1.0
"""Nameplate as a multiple of the one whose daily energy matches the load's [-]."""
ROUND_TRIP = 0.75
"""Assumed round-trip efficiency of the store [-]."""
STEP = 300.0
"""Time step of the one-day profile, five minutes [s]."""


def _token_energy() -> float:
    """Energy of one decode step at batch 1 in the roofline, at rated power [J]."""
    gpu = HARDWARE[TOKEN_GPU]
    return float(decode_seconds_per_token(TOKEN_PARAMS, gpu, TOKEN_BITS / 8, 1)) * gpu.power


def _critical_batch() -> float:
    gpu = HARDWARE[KNEE_GPU]
    return float(critical_batch_size(gpu.peak_flops_per_s, gpu.memory_bandwidth, KNEE_BITS))


def _query_wh() -> float:
    """Energy of one query in the book's estimator, full stack at the assumed PUE [Wh]."""
    e = estimate_query_energy(QUERY_PARAMS, QUERY_TOKENS_IN, QUERY_TOKENS_OUT,
                              accelerator=QUERY_GPU, batch_size=QUERY_BATCH,
                              bytes_per_param=QUERY_BITS / 8, scope="full-stack",
                              pue=QUERY_PUE)
    return e.energy / WH


def _doubling_years() -> float:
    old, new = HARDWARE[OLD_GPU], HARDWARE[NEW_GPU]
    ratio = (flops_per_joule(new.peak_flops_per_s, new.power)
             / flops_per_joule(old.peak_flops_per_s, old.power))
    elapsed = (GENERATION_YEAR[NEW_GPU] - GENERATION_YEAR[OLD_GPU]) * YEAR
    return float(implied_doubling_time(ratio, elapsed)) / YEAR


def _fleet_kt() -> float:
    energy = fleet_energy(FLEET_SERVER_WH * WH * FLEET_PUE, FLEET_QUERIES_PER_DAY / DAY)
    return float(carbon_emissions(energy, FLEET_GRID_G_PER_KWH * G_PER_KWH)) / 1e6


def _firm_mwh() -> float:
    t = (np.arange(int(DAY / STEP)) * STEP).astype(np.float64)  # a day [s]
    load = np.full(t.size, LOAD_W)
    solar = SOLAR_MULTIPLE * LOAD_W / SOLAR_CAPACITY_FACTOR * np.asarray(
        solar_profile(t, SOLAR_CAPACITY_FACTOR))
    return grid_balance(load, solar, STEP, ROUND_TRIP).firm_energy / MWH


# Per-student variants: the assumptions drawn from a student's id, as
# (low, high, step, what); published values stay as published.
VARIANTS = {
    "QUERY_BATCH": (16, 64, 16, "batch size in problem 3"),
    "FLEET_QUERIES_PER_DAY": (1e8, 4e8, 5e7, "queries a day of the fleet in problem 5"),
    "ROUND_TRIP": (0.7, 0.9, 0.05, "round-trip efficiency of the store in problem 6"),
}


PROBLEMS = ProblemSet("industry", [
    Problem(
        "industry-1",
        "energy of one decode step of a 70B 8-bit model alone on an H100",
        "J",
        _token_energy,
        hints=(
            "Alone on the GPU (batch 1), generating a token means reading every weight once; "
            "the read sets the time, and time times power is the energy.",
            "The bytes read are the parameters times the bytes per weight (bits / 8); divide "
            "by the memory bandwidth for the time, then multiply by the GPU's rated power.",
        ),
        uses=("energylib.inference.decode_seconds_per_token",),
    ),
    Problem(
        "industry-2",
        "critical batch size of an H100 with 8-bit weights",
        "-",
        _critical_batch,
        hints=(
            "The critical batch size is where a decode step's weight read and its arithmetic "
            "take the same time.",
            "Reading N b bytes takes N b / W; the arithmetic for B sequences, 2 N B FLOP, "
            "takes 2 N B / F. Set them equal and solve for B: N cancels.",
        ),
        uses=("energylib.levers.critical_batch_size",),
    ),
    Problem(
        "industry-3",
        "energy of one query with quantization and batching, full stack, in the estimator",
        "Wh",
        _query_wh,
        hints=(
            "The estimator starts from the roofline (the prompt at half the peak, each decode "
            "step charged a B-th to each sequence) and adds what the measurements showed: a "
            "power draw that rises with the batch, a calibrated time factor on decode, each "
            "sequence's own key-value-cache reads, and the factors from the accelerators to "
            "the full stack (idle capacity, host, building).",
            "Give the estimator the active parameters, the prompt and answer lengths, the "
            "batch, the bytes per weight (bits / 8), the accelerator, the full-stack scope "
            "and the PUE in place of Google's. Batch 32 is below its knee at 4 bits (about "
            "half the roofline's critical batch), so the weight read still sets each step.",
        ),
        uses=("energylib.estimator.estimate_query_energy",),
    ),
    Problem(
        "industry-4",
        "doubling time of peak FLOP per joule from A100 to H100",
        "years",
        _doubling_years,
        hints=(
            "Compute the efficiency ratio of the two chips, then ask how many doublings it "
            "is and how long each took.",
            "Peak FLOP per joule is the peak FLOP/s divided by the rated power; the doubling "
            "time is the elapsed years times ln 2 divided by the log of the ratio.",
        ),
        uses=("energylib.levers.flops_per_joule", "energylib.levers.implied_doubling_time"),
    ),
    Problem(
        "industry-5",
        "yearly CO2 of the fleet in an average data centre on the average grid",
        "kt CO2",
        _fleet_kt,
        hints=(
            "Energy per query at the meter is the energy at the servers times the PUE; "
            "times the queries in a year gives the energy, times the grid's intensity the CO2.",
            "Work in kWh: the intensity in grams per kWh times the energy in kWh gives grams; "
            "a kilotonne is a billion grams. Use a year of 365.25 days.",
        ),
        uses=("energylib.levers.fleet_energy", "energylib.levers.carbon_emissions"),
    ),
    Problem(
        "industry-6",
        "firm energy a day for the flat load with solar and a lossy store",
        "MWh",
        _firm_mwh,
        hints=(
            "Only the part of the load the sun does not meet at the moment needs the store "
            "or firm supply; the store can only return a share of the midday surplus.",
            "With the nameplate sized to the load's daily energy, the midday surplus equals "
            "the night deficit. The store returns the round-trip efficiency times the "
            "surplus, so the firm energy is the deficit minus that.",
        ),
        uses=("energylib.grid.grid_balance",),
    ),
])
"""The problems of the industry chapter."""
