"""Problem set of the chapter *Thermodynamics* (``chapters/thermodynamics.md``).

Posed in ``chapters/problems/thermodynamics.md``.  The problems practise the
chapter's physics: every joule a data centre draws ends as heat (PUE), the
Landauer floor ``k_B T ln 2`` per erased bit, how far an accelerator's energy
per FLOP sits above it, how small the cost of "ordering" a model's weights is
next to the computation that finds them (``6 D beta / b`` bits erased per bit
kept), and when an efficiency trend that doubles every ``T2`` years would meet
the floor (``t* = T2 log2(E_now / E_floor)``).

Every parameter is a module constant, so that the statements in the notebook
and the expected values cannot drift apart; every expected value is computed
with energylib.
"""

from __future__ import annotations

from energylib.dataset import by_id
from energylib.hardware import HARDWARE
from energylib.problems import Problem, ProblemSet
from energylib.thermo import (
    energy_per_flop,
    facility_heat,
    landauer_crossing_time,
    landauer_energy,
    landauer_headroom,
    weight_record_landauer_energy,
)
from energylib.training import training_flops
from energylib.units import HOUR, MWH

__all__ = ["PROBLEMS"]

# Temperature of the surroundings that receive the heat [K].
TEMPERATURE = 300.0

# Problem 1: 20 MW of servers (an assumption) at the industry-average PUE of 1.58
# (uptime2023survey), for one day.
P1_IT_POWER_MW = 20.0
P1_PUE = by_id("pue-uptime-2023").value
P1_HOURS = 24.0

# Problem 2: erasing one gigabyte, 10^9 bytes of 8 bits.
P2_BITS = 8e9

# Problems 3 and 5: an A100 SXM at its datasheet peak, 312 TFLOP/s dense BF16 at 400 W
# (nvidia2021a100), against a floor of 16 bits erased per FLOP (the chapter's
# middle assumption).
ACCELERATOR = "A100 SXM"
BITS_PER_FLOP = 16.0

# Problem 4: GPT-3, 175 billion parameters trained on 300 billion tokens
# (brown2020gpt3), 16-bit weights, 1 bit erased per FLOP (the most generous floor).
GPT3_PARAMS = 175e9
GPT3_TOKENS = 300e9
GPT3_BITS_PER_WEIGHT = 16.0
P4_BITS_PER_FLOP = 1.0

# Problem 5: Koomey's post-2000 doubling time of computations per joule
# (koomey2016moore) [years].
DOUBLING_YEARS = by_id("koomey-doubling-post2000").value


def _a100_energy_per_flop() -> float:
    """Energy per FLOP of an A100 SXM at its datasheet peak [J]."""
    chip = HARDWARE[ACCELERATOR]
    return float(energy_per_flop(chip.peak_flops_per_s, chip.power))


def _p1() -> float:
    heat = facility_heat(P1_IT_POWER_MW * 1e6, P1_PUE)  # [W]
    return float(heat * P1_HOURS * HOUR / MWH)


def _p2() -> float:
    return float(landauer_energy(P2_BITS, TEMPERATURE) * 1e12)  # [pJ]


def _p3() -> float:
    return float(landauer_headroom(_a100_energy_per_flop(), BITS_PER_FLOP, TEMPERATURE))


def _p4() -> float:
    computation = landauer_energy(P4_BITS_PER_FLOP * training_flops(GPT3_PARAMS, GPT3_TOKENS),
                                  TEMPERATURE)
    ordering = weight_record_landauer_energy(GPT3_PARAMS, GPT3_BITS_PER_WEIGHT, TEMPERATURE)
    return float(computation / ordering)


def _p5() -> float:
    floor = landauer_energy(BITS_PER_FLOP, TEMPERATURE)
    # Doubling time in years in, crossing time in years out.
    return float(landauer_crossing_time(_a100_energy_per_flop(), floor, DOUBLING_YEARS))


# Per-student variants: the assumptions drawn from a student's id, as
# (low, high, step, what); published values stay as published.
VARIANTS = {
    "P1_IT_POWER_MW": (10.0, 40.0, 5.0, "servers' power in problem 1 [MW]"),
    "TEMPERATURE": (280.0, 330.0, 5.0, "temperature of the surroundings (problems 2, 3, 5) [K]"),
    "P4_BITS_PER_FLOP": (1.0, 4.0, 1.0, "bits erased per training FLOP in problem 4"),
}


PROBLEMS = ProblemSet("thermodynamics", [
    Problem(
        "thermo-1", "heat the data centre rejects in one day", "MWh", _p1,
        hints=(
            "Almost every joule a data centre draws ends as heat, the cooling's as well as "
            "the computing's.",
            "The facility draws the servers' power times the PUE; multiply that power by "
            "the hours in a day to get an energy.",
        ),
        uses=("energylib.thermo.facility_heat",),
    ),
    Problem(
        "thermo-2", "Landauer minimum heat of erasing a gigabyte", "pJ", _p2,
        hints=(
            "Landauer's principle: each erased bit dissipates at least k_B T ln 2.",
            "Count the bits (8 per byte), multiply by k_B T ln 2 with k_B = 1.380649e-23 J/K, "
            "and convert joules to picojoules (1 pJ = 1e-12 J).",
        ),
        uses=("energylib.thermo.landauer_energy",),
    ),
    Problem(
        "thermo-3", "A100 energy per FLOP over the 16-bit Landauer floor", "-", _p3,
        hints=(
            "The energy of one FLOP at peak is the power divided by the FLOP rate.",
            "The floor for one FLOP that erases 16 bits is 16 k_B T ln 2; divide the "
            "energy per FLOP by it.",
        ),
        uses=("energylib.thermo.energy_per_flop", "energylib.thermo.landauer_headroom"),
    ),
    Problem(
        "thermo-4", "bits erased by GPT-3's training per bit of its weights", "-", _p4,
        hints=(
            "Compare two Landauer costs at the same temperature: the training computation's "
            "(FLOPs times bits per FLOP) and the ordering of the weights (N b bits).",
            "Training takes about 6 N D FLOP; the ratio 6 N D beta / (N b) no longer depends "
            "on N or on k_B T ln 2.",
        ),
        uses=(
            "energylib.training.training_flops",
            "energylib.thermo.landauer_energy",
            "energylib.thermo.weight_record_landauer_energy",
        ),
    ),
    Problem(
        "thermo-5", "years until the A100's trend meets the 16-bit floor", "years", _p5,
        hints=(
            "If energy per FLOP halves every T2 years, it reaches the floor after as many "
            "doublings as it takes to close the headroom.",
            "Solve E_now 2**(-t/T2) = E_floor: t* = T2 log2(E_now / E_floor), and "
            "E_now / E_floor is the headroom of the previous problem.",
        ),
        uses=("energylib.thermo.landauer_crossing_time",),
    ),
])
"""The problems of the chapter ``chapters/thermodynamics.md``."""
