"""Thermodynamics of computation: the Landauer floor against real hardware.

Landauer's principle :cite:`landauer1961irreversibility` says that erasing one bit of information
in a system in contact with a heat bath at temperature ``T`` dissipates at
least ``k_B T ln 2`` of heat; it was confirmed with a colloidal particle in a
double-well trap :cite:`berut2012experimental`.  Logically reversible operations have no such
floor :cite:`bennett1973logical`.  This module compares that floor with the energy of
today's accelerators per floating-point operation, per generated token, per
answer and per training run, and extrapolates an efficiency trend
(Koomey-style doubling, :cite:`koomey2011implications`) down to the floor.

A FLOP is not one bit erasure.  How many bits an operation erases depends on
the circuit: ``bits_per_flop`` carries that assumption everywhere, and
:data:`BITS_ERASED_PER_FLOP` lists the values the book uses.

All energies are in joules, temperatures in kelvin, times in seconds.

References
----------
:cite:`landauer1961irreversibility`
:cite:`berut2012experimental`
:cite:`bennett1973logical`
:cite:`koomey2011implications`
"""

from __future__ import annotations

import numpy as np

from .dataset import by_id
from .validation import FloatOrArray, check_number, scalar_or_array

__all__ = [
    "BOLTZMANN_CONSTANT",
    "ROOM_TEMPERATURE",
    "BITS_ERASED_PER_FLOP",
    "H100_FLOP_PER_JOULE",
    "KOOMEY_T2_POST2000",
    "landauer_energy",
    "energy_per_flop",
    "landauer_headroom",
    "landauer_energy_per_token",
    "weight_record_bits",
    "weight_record_landauer_energy",
    "answer_information_bits",
    "answer_landauer_energy",
    "facility_heat",
    "overhead_share",
    "entropy_production_rate",
    "trend_energy_per_flop",
    "landauer_crossing_time",
]

BOLTZMANN_CONSTANT = 1.380649e-23
"""Boltzmann constant ``k_B`` [J/K] (exact in the SI since 2019)."""

ROOM_TEMPERATURE = 300.0
"""Reference temperature of the book's Landauer comparisons [K]."""

BITS_ERASED_PER_FLOP: dict[str, float] = {
    "1 bit (a floor no real FLOP reaches)": 1.0,
    "16 bits (a 16-bit multiply-add with its inputs discarded)": 16.0,
    "1,000 bits (every gate output of a multiplier overwritten)": 1000.0,
}
"""Assumed bits erased per FLOP, from a floor to a circuit-level guess [bit].

* 1 bit: a deliberately low floor, for the most generous comparison.
* 16 bits: a fused multiply-add (2 FLOP) with 16-bit inputs and a 32-bit
  accumulator is a deterministic map from 64 bits to 32; if its inputs are
  discarded it loses ``H(in) - H(out) >= H(in) - 32`` bits, at least 32 (16
  per FLOP) for random operands.  In a matrix multiply the operands are
  reused rather than discarded, so the logically necessary loss can be
  smaller: a convention, not a bound.
* 1,000 bits: an irreversible CMOS multiplier overwrites the output of every
  logic gate it switches, of the order of hundreds to thousands per
  operation (an order-of-magnitude assumption, not a measurement).
"""

H100_FLOP_PER_JOULE = by_id("h100-flops").si / by_id("h100-power").si
"""An H100's dense 16-bit peak at its 700 W rating [FLOP/J]: the thermodynamics explorer's start.

From the dataset (rows ``h100-flops`` and ``h100-power``): :cite:`nvidia2023h100`.
"""

KOOMEY_T2_POST2000 = by_id("koomey-doubling-post2000").value
"""Koomey's doubling time of peak-output efficiency after 2000 [yr].

From the dataset (row ``koomey-doubling-post2000``): :cite:`koomey2016moore`.
"""


def landauer_energy(
    bits: FloatOrArray = 1.0, temperature: FloatOrArray = ROOM_TEMPERATURE
) -> FloatOrArray:
    """Minimum heat of erasing ``bits`` bits at ``temperature``, ``n k_B T ln 2`` [J].

    Parameters
    ----------
    bits : float or ndarray
        Bits erased (>= 0) [bit].
    temperature : float or ndarray
        Temperature of the heat bath that receives the heat (> 0) [K].

    Returns
    -------
    float or ndarray
        Landauer energy [J].

    Examples
    --------
    >>> f"{landauer_energy():.3e}"  # one bit at 300 K
    '2.871e-21'
    >>> f"{landauer_energy(8, 4.2):.2e}"  # a byte in liquid helium
    '3.22e-22'
    """
    n = check_number("bits", bits, low=0.0)
    t = check_number("temperature", temperature, low=0.0, low_open=True)
    return scalar_or_array(n * BOLTZMANN_CONSTANT * t * np.log(2.0))


def energy_per_flop(
    peak_flops_per_s: FloatOrArray, power: FloatOrArray, utilization: FloatOrArray = 1.0
) -> FloatOrArray:
    """Energy of one floating-point operation, ``power / (peak * utilization)`` [J/FLOP].

    Parameters
    ----------
    peak_flops_per_s : float or ndarray
        Peak arithmetic rate (> 0) [FLOP/s].
    power : float or ndarray
        Power drawn while computing (> 0) [W].
    utilization : float or ndarray
        Fraction of the peak achieved, in (0, 1] [-].

    Returns
    -------
    float or ndarray
        Energy per FLOP [J]; its inverse is the efficiency in FLOP/J.

    Examples
    --------
    An H100 SXM at its datasheet peak, 989 TFLOP/s dense BF16 at 700 W:

    >>> f"{energy_per_flop(989e12, 700.0):.3e}"
    '7.078e-13'
    """
    peak = check_number("peak_flops_per_s", peak_flops_per_s, low=0.0, low_open=True)
    p = check_number("power", power, low=0.0, low_open=True)
    u = check_number("utilization", utilization, low=0.0, high=1.0, low_open=True)
    return scalar_or_array(p / (peak * u))


def landauer_headroom(
    energy_per_operation: FloatOrArray,
    bits_per_operation: FloatOrArray = 1.0,
    temperature: FloatOrArray = ROOM_TEMPERATURE,
) -> FloatOrArray:
    """How many times an operation's energy exceeds its Landauer floor [-].

    ``energy_per_operation / (bits_per_operation k_B T ln 2)``.

    Parameters
    ----------
    energy_per_operation : float or ndarray
        Real energy of one operation (> 0) [J].
    bits_per_operation : float or ndarray
        Bits the operation erases (> 0) [bit].
    temperature : float or ndarray
        Temperature (> 0) [K].

    Returns
    -------
    float or ndarray
        Ratio [-].

    Examples
    --------
    >>> f"{landauer_headroom(energy_per_flop(989e12, 700.0)):.2e}"
    '2.47e+08'
    """
    e = check_number("energy_per_operation", energy_per_operation, low=0.0, low_open=True)
    b = check_number("bits_per_operation", bits_per_operation, low=0.0, low_open=True)
    return scalar_or_array(e / landauer_energy(b, temperature))


def landauer_energy_per_token(
    active_params: FloatOrArray,
    bits_per_flop: FloatOrArray = 1.0,
    temperature: FloatOrArray = ROOM_TEMPERATURE,
) -> FloatOrArray:
    """Landauer floor of the ``2 N`` FLOP of one generated token [J].

    Parameters
    ----------
    active_params : float or ndarray
        Parameters active per token, ``N`` (> 0) [-].
    bits_per_flop : float or ndarray
        Bits erased per FLOP (>= 0) [bit].
    temperature : float or ndarray
        Temperature (> 0) [K].

    Returns
    -------
    float or ndarray
        ``2 N bits_per_flop k_B T ln 2`` [J].

    Examples
    --------
    >>> f"{landauer_energy_per_token(8e9):.2e}"  # an 8B model, 1 bit per FLOP
    '4.59e-11'
    """
    n = check_number("active_params", active_params, low=0.0, low_open=True)
    b = check_number("bits_per_flop", bits_per_flop, low=0.0)
    return scalar_or_array(landauer_energy(2.0 * n * b, temperature))


def weight_record_bits(n_params: FloatOrArray, bits_per_param: FloatOrArray = 16.0) -> FloatOrArray:
    """Size of a model's weights as a record, ``N b`` [bit].

    Parameters
    ----------
    n_params : float or ndarray
        Number of weights (> 0) [-].
    bits_per_param : float or ndarray
        Bits per weight (> 0; 16 for BF16) [bit].

    Returns
    -------
    float or ndarray
        Bits [bit].

    Examples
    --------
    >>> f"{weight_record_bits(405e9):.3e}"
    '6.480e+12'
    """
    n = check_number("n_params", n_params, low=0.0, low_open=True)
    b = check_number("bits_per_param", bits_per_param, low=0.0, low_open=True)
    return scalar_or_array(n * b)


def weight_record_landauer_energy(
    n_params: FloatOrArray,
    bits_per_param: FloatOrArray = 16.0,
    temperature: FloatOrArray = ROOM_TEMPERATURE,
) -> FloatOrArray:
    """Landauer cost of setting ``N`` weights of ``b`` bits from any state, ``N b k_B T ln 2`` [J].

    Driving a memory from fully random (``N b`` bits of entropy) to one
    definite set of weights erases at most ``N b`` bits, so the second law
    requires at least the Landauer cost of the bits actually erased, and that
    minimum is no more than ``N b k_B T ln 2``: an upper bound on the
    *minimum* ordering cost, not a bound on what training costs.  The entropy
    is that of an ensemble of possible models; one trained model is a
    deterministic function of its seed and data.

    Parameters
    ----------
    n_params : float or ndarray
        Number of weights (> 0) [-].
    bits_per_param : float or ndarray
        Bits per weight (> 0) [bit].
    temperature : float or ndarray
        Temperature (> 0) [K].

    Returns
    -------
    float or ndarray
        Energy [J].

    Examples
    --------
    Llama 3.1 405B in BF16 at 300 K, about 19 nanojoules:

    >>> f"{weight_record_landauer_energy(405e9):.2e}"
    '1.86e-08'
    """
    return scalar_or_array(landauer_energy(weight_record_bits(n_params, bits_per_param),
                                           temperature))


def answer_information_bits(
    output_tokens: FloatOrArray, vocabulary_size: FloatOrArray
) -> FloatOrArray:
    """Most information an answer can carry, ``n log2 V`` [bit].

    Each token is one of ``V`` symbols, so it carries at most ``log2 V``
    bits; real text carries far fewer, since tokens are predictable.

    Parameters
    ----------
    output_tokens : float or ndarray
        Tokens generated (>= 0) [tokens].
    vocabulary_size : float or ndarray
        Size of the tokenizer's vocabulary (>= 2) [-].

    Returns
    -------
    float or ndarray
        Bits [bit].

    Examples
    --------
    >>> round(answer_information_bits(500, 128_256))
    8484
    """
    n = check_number("output_tokens", output_tokens, low=0.0)
    v = check_number("vocabulary_size", vocabulary_size, low=2.0)
    return scalar_or_array(n * np.log2(v))


def answer_landauer_energy(
    output_tokens: FloatOrArray,
    vocabulary_size: FloatOrArray,
    temperature: FloatOrArray = ROOM_TEMPERATURE,
) -> FloatOrArray:
    """Landauer cost of an answer's information, ``n log2(V) k_B T ln 2`` [J].

    Parameters
    ----------
    output_tokens : float or ndarray
        Tokens generated (>= 0) [tokens].
    vocabulary_size : float or ndarray
        Vocabulary size (>= 2) [-].
    temperature : float or ndarray
        Temperature (> 0) [K].

    Returns
    -------
    float or ndarray
        Energy [J].

    Examples
    --------
    >>> f"{answer_landauer_energy(500, 128_256):.2e}"
    '2.44e-17'
    """
    return scalar_or_array(landauer_energy(answer_information_bits(output_tokens,
                                                                   vocabulary_size),
                                           temperature))


def facility_heat(it_power: FloatOrArray, pue: FloatOrArray) -> FloatOrArray:
    """Heat a data centre rejects: all the electricity it draws, ``P_IT * PUE`` [W].

    Apart from the tiny power that leaves as light, sound and signals on the
    wires, every watt drawn ends as heat, the computing's and the cooling's.

    Parameters
    ----------
    it_power : float or ndarray
        Power of the computing equipment (>= 0) [W].
    pue : float or ndarray
        Power usage effectiveness (>= 1) [-].

    Returns
    -------
    float or ndarray
        Heat rejected [W].

    Examples
    --------
    >>> round(facility_heat(10e6, 1.58) / 1e6, 2)  # 10 MW of IT at PUE 1.58
    15.8
    """
    p = check_number("it_power", it_power, low=0.0)
    k = check_number("pue", pue, low=1.0)
    return scalar_or_array(p * k)


def overhead_share(pue: FloatOrArray) -> FloatOrArray:
    """Share of a facility's energy that does not reach the computers, ``1 - 1/PUE`` [-].

    Parameters
    ----------
    pue : float or ndarray
        Power usage effectiveness (>= 1) [-].

    Returns
    -------
    float or ndarray
        Fraction in [0, 1) [-].

    Examples
    --------
    >>> round(overhead_share(1.10), 3), round(overhead_share(1.58), 3)
    (0.091, 0.367)
    """
    k = check_number("pue", pue, low=1.0)
    return scalar_or_array(1.0 - 1.0 / k)


def entropy_production_rate(
    power: FloatOrArray, temperature: FloatOrArray = ROOM_TEMPERATURE
) -> FloatOrArray:
    """Entropy exported by a steady heat flow ``P`` into surroundings at ``T``, ``P / T`` [W/K].

    Parameters
    ----------
    power : float or ndarray
        Heat flow (>= 0) [W].
    temperature : float or ndarray
        Temperature of the surroundings (> 0) [K].

    Returns
    -------
    float or ndarray
        Entropy per second [J/(K s)].

    Examples
    --------
    >>> round(entropy_production_rate(10_200.0), 1)  # a DGX H100 at full power
    34.0
    """
    p = check_number("power", power, low=0.0)
    t = check_number("temperature", temperature, low=0.0, low_open=True)
    return scalar_or_array(p / t)


def trend_energy_per_flop(
    time: FloatOrArray, energy_now: FloatOrArray, doubling_time: FloatOrArray
) -> FloatOrArray:
    """Energy per FLOP if efficiency doubles every ``doubling_time``, ``E_now 2^(-t/T2)`` [J].

    Parameters
    ----------
    time : float or ndarray
        Time from now (any real; negative looks back) [s].
    energy_now : float or ndarray
        Energy per FLOP now (> 0) [J].
    doubling_time : float or ndarray
        Time for FLOP per joule to double (> 0) [s].

    Returns
    -------
    float or ndarray
        Energy per FLOP at ``time`` [J].

    Examples
    --------
    >>> trend_energy_per_flop(2.0, 1.0, 1.0)
    0.25
    """
    t = check_number("time", time)
    e = check_number("energy_now", energy_now, low=0.0, low_open=True)
    t2 = check_number("doubling_time", doubling_time, low=0.0, low_open=True)
    with np.errstate(under="ignore"):
        return scalar_or_array(e * np.exp2(-t / t2))


def landauer_crossing_time(
    energy_now: FloatOrArray, energy_floor: FloatOrArray, doubling_time: FloatOrArray
) -> FloatOrArray:
    """Time until the doubling trend reaches the floor, ``T2 log2(E_now / E_floor)`` [s].

    Zero if the energy is already at or below the floor.

    Parameters
    ----------
    energy_now : float or ndarray
        Energy per operation now (> 0) [J].
    energy_floor : float or ndarray
        Physical floor per operation, e.g. ``landauer_energy(bits)`` (> 0) [J].
    doubling_time : float or ndarray
        Doubling time of operations per joule (> 0) [s].

    Returns
    -------
    float or ndarray
        Crossing time ``t*`` [s].

    Examples
    --------
    The H100 at 1 bit per FLOP and Koomey's 2.6-year doubling, in years:

    >>> e = energy_per_flop(989e12, 700.0)
    >>> round(landauer_crossing_time(e, landauer_energy(), 2.6), 1)
    72.5
    """
    e = check_number("energy_now", energy_now, low=0.0, low_open=True)
    f = check_number("energy_floor", energy_floor, low=0.0, low_open=True)
    t2 = check_number("doubling_time", doubling_time, low=0.0, low_open=True)
    return scalar_or_array(t2 * np.maximum(np.log2(e / f), 0.0))
