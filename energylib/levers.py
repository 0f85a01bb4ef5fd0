"""The industry's levers on the energy of a query, and what a fleet of queries emits.

The book's energy of a query is :func:`energylib.estimator.estimate_query_energy`;
this module holds the roofline arithmetic the industry chapter teaches with, and
the step from one query to a fleet:

* **quantization** stores each weight in fewer bits.  Decode at small batch is
  memory-bound: every generated token reads all ``N`` weights, ``N b`` bytes,
  so its time and energy scale with the bytes per weight ``b = bits / 8``;
* **batching** shares each weight read among ``B`` sequences, until the step
  becomes compute-bound at the *critical batch size*
  ``B* = peak * b / (2 * bandwidth)`` (:func:`critical_batch_size`);
  :func:`critical_batch_size_with_cache` gives the knee with each sequence's
  key-value-cache read counted;
* **hardware** sets the peak FLOP/s, the memory bandwidth and the power:
  :func:`flops_per_joule` and :func:`bytes_per_joule` are its two efficiencies,
  and :func:`implied_doubling_time` turns a gain between generations into a pace;
* **facilities** multiply by the PUE, and the **grid** turns energy into CO2
  at its carbon intensity (:func:`fleet_energy`, :func:`carbon_emissions`).

All inputs are SI: energy [J], power [W], time [s], rates [1/s].  Carbon
intensity is in kilograms of CO2 per joule [kg/J]; multiply a value in
gCO2/kWh by :data:`G_PER_KWH` to convert.

References
----------
:cite:`koomey2011implications`

Examples
--------
Quantizing from 16 to 4 bits quarters the bytes of a weight read, and so the
batch at which an H100's decode step turns compute-bound:

>>> h100 = HARDWARE["H100 SXM"]
>>> b16 = critical_batch_size(h100.peak_flops_per_s, h100.memory_bandwidth, 16)
>>> b4 = critical_batch_size(h100.peak_flops_per_s, h100.memory_bandwidth, 4)
>>> round(b16), round(b16 / b4, 6)
(295, 4.0)
"""

from __future__ import annotations

import math

import numpy as np

from .hardware import HARDWARE  # noqa: F401  (the examples use it)
from .units import KWH, YEAR
from .validation import FloatOrArray, check_number, scalar_or_array

__all__ = [
    "G_PER_KWH",
    "GENERATION_YEAR",
    "critical_batch_size",
    "critical_batch_size_with_cache",
    "flops_per_joule",
    "bytes_per_joule",
    "implied_doubling_time",
    "fleet_energy",
    "carbon_emissions",
]

G_PER_KWH = 1e-3 / KWH
"""One gram of CO2 per kilowatt-hour, in kilograms per joule [kg/J]."""

GENERATION_YEAR: dict[str, int] = {
    "V100 SXM2": 2017, "A100 SXM": 2020, "A100 SXM 40GB": 2020, "A40": 2020,
    "H100 SXM": 2022, "L40S": 2023, "H200 SXM": 2023, "MI300X": 2023, "B200": 2024,
}
"""Year the vendor announced each accelerator of :data:`energylib.hardware.HARDWARE`."""


def critical_batch_size(
    peak_flops_per_s: FloatOrArray,
    memory_bandwidth: FloatOrArray,
    bits_per_weight: FloatOrArray = 16.0,
) -> FloatOrArray:
    """Batch size at which a decode step turns from memory- to compute-bound [-].

    A step reads ``N b`` bytes (time ``N b / BW``) and does ``2 N B`` FLOP
    (time ``2 N B / peak``); the two are equal at ``B* = peak b / (2 BW)``.
    Below ``B*`` a bigger batch divides the energy per token by ``B``; above
    it the energy per token stays at the compute floor ``2 N P / peak``.

    Parameters
    ----------
    peak_flops_per_s : float or ndarray
        Peak arithmetic rate (> 0) [FLOP/s].
    memory_bandwidth : float or ndarray
        Memory bandwidth (> 0) [B/s].
    bits_per_weight : float or ndarray
        Storage precision of the weights, in [1, 32] [bit].

    Returns
    -------
    float or ndarray
        Critical batch size [-].

    Examples
    --------
    >>> h100 = HARDWARE["H100 SXM"]
    >>> round(critical_batch_size(h100.peak_flops_per_s, h100.memory_bandwidth, 16))
    295
    """
    peak = check_number("peak_flops_per_s", peak_flops_per_s, low=0.0, low_open=True)
    bw = check_number("memory_bandwidth", memory_bandwidth, low=0.0, low_open=True)
    bits = check_number("bits_per_weight", bits_per_weight, low=1.0, high=32.0)
    return scalar_or_array(np.asarray(peak) * np.asarray(bits) / 8.0 / (2.0 * np.asarray(bw)))


def critical_batch_size_with_cache(
    peak_flops_per_s: FloatOrArray,
    memory_bandwidth: FloatOrArray,
    active_params: FloatOrArray,
    bits_per_weight: FloatOrArray = 16.0,
    cache_bytes_per_sequence: FloatOrArray = 0.0,
) -> FloatOrArray:
    """Critical batch size when each sequence also reads its key-value cache [-].

    A decode step of ``B`` sequences reads the weights once, ``N b`` bytes, and
    each sequence's cache, ``c`` bytes (time ``(N b + B c) / BW``), and does
    ``2 N B`` FLOP (time ``2 N B / peak``).  The cache read grows with the batch
    like the arithmetic, so the two times meet at

    ``B* = N b peak / (2 N BW - c peak)``  if ``2 N BW > c peak``,

    and never otherwise (``inf``: decode stays memory-bound at every batch).
    With ``c = 0`` this is :func:`critical_batch_size`.  Attention arithmetic
    (``4 x width x context`` FLOP per token and layer, a few per cent of ``2 N``
    at contexts of a few thousand tokens) and the memory that caps the batch
    are left out.

    Parameters
    ----------
    peak_flops_per_s : float or ndarray
        Peak arithmetic rate (> 0) [FLOP/s].
    memory_bandwidth : float or ndarray
        Memory bandwidth (> 0) [B/s].
    active_params : float or ndarray
        Parameters read and used per token (> 0) [-].
    bits_per_weight : float or ndarray
        Storage precision of the weights, in [1, 32] [bit].
    cache_bytes_per_sequence : float or ndarray
        Cache bytes one sequence reads per decode step (>= 0): bytes per token
        over all layers times the mean context length [B].

    Returns
    -------
    float or ndarray
        Critical batch size, ``inf`` where decode never turns compute-bound [-].

    Examples
    --------
    Llama 3.1 70B on an H100 in 16 bits: 295 with no cache; with a mean context
    of 1,250 tokens at 327,680 cache bytes per token, about 2,200.

    >>> h100 = HARDWARE["H100 SXM"]
    >>> peak, bw = h100.peak_flops_per_s, h100.memory_bandwidth
    >>> round(critical_batch_size_with_cache(peak, bw, 70e9, 16, 0.0))
    295
    >>> round(critical_batch_size_with_cache(peak, bw, 70e9, 16, 1250 * 327_680), -2)
    2200.0
    >>> critical_batch_size_with_cache(peak, bw, 70e9, 16, 4000 * 327_680)
    inf
    """
    peak = np.asarray(check_number("peak_flops_per_s", peak_flops_per_s, low=0.0,
                                   low_open=True))
    bw = np.asarray(check_number("memory_bandwidth", memory_bandwidth, low=0.0, low_open=True))
    n = np.asarray(check_number("active_params", active_params, low=0.0, low_open=True))
    bits = np.asarray(check_number("bits_per_weight", bits_per_weight, low=1.0, high=32.0))
    cache = np.asarray(check_number("cache_bytes_per_sequence", cache_bytes_per_sequence,
                                    low=0.0))
    margin = 2.0 * n * bw - cache * peak
    with np.errstate(divide="ignore"):
        b_star = np.where(margin > 0.0, n * bits / 8.0 * peak / np.where(margin > 0.0, margin,
                                                                          1.0), np.inf)
    return scalar_or_array(b_star)


def flops_per_joule(peak_flops_per_s: FloatOrArray, power: FloatOrArray) -> FloatOrArray:
    """Peak arithmetic per unit of energy, the performance per watt [FLOP/J].

    Parameters
    ----------
    peak_flops_per_s : float or ndarray
        Peak arithmetic rate (> 0) [FLOP/s].
    power : float or ndarray
        Rated power (> 0) [W].

    Returns
    -------
    float or ndarray
        FLOP per joule at peak [FLOP/J].

    Examples
    --------
    >>> h100 = HARDWARE["H100 SXM"]
    >>> round(flops_per_joule(h100.peak_flops_per_s, h100.power) / 1e12, 3)
    1.413
    """
    peak = check_number("peak_flops_per_s", peak_flops_per_s, low=0.0, low_open=True)
    p = check_number("power", power, low=0.0, low_open=True)
    return scalar_or_array(np.asarray(peak) / np.asarray(p))


def bytes_per_joule(memory_bandwidth: FloatOrArray, power: FloatOrArray) -> FloatOrArray:
    """Memory traffic per unit of energy, what memory-bound decode buys [B/J].

    Parameters
    ----------
    memory_bandwidth : float or ndarray
        Memory bandwidth (> 0) [B/s].
    power : float or ndarray
        Rated power (> 0) [W].

    Returns
    -------
    float or ndarray
        Bytes moved per joule at full bandwidth [B/J].

    Examples
    --------
    >>> a100 = HARDWARE["A100 SXM"]
    >>> round(bytes_per_joule(a100.memory_bandwidth, a100.power) / 1e9, 2)
    5.1
    """
    bw = check_number("memory_bandwidth", memory_bandwidth, low=0.0, low_open=True)
    p = check_number("power", power, low=0.0, low_open=True)
    return scalar_or_array(np.asarray(bw) / np.asarray(p))


def implied_doubling_time(efficiency_ratio: FloatOrArray, elapsed: FloatOrArray) -> FloatOrArray:
    """Doubling time implied by an efficiency gain over an interval [s].

    ``t2 = elapsed * ln 2 / ln(ratio)``; the continuous rate is ``ln 2 / t2``.

    Parameters
    ----------
    efficiency_ratio : float or ndarray
        Efficiency at the end divided by efficiency at the start (> 1) [-].
    elapsed : float or ndarray
        Time between the two (> 0) [s].

    Returns
    -------
    float or ndarray
        Doubling time [s].

    Examples
    --------
    >>> round(implied_doubling_time(8.0, 6 * YEAR) / YEAR, 6)  # 8x in 6 years
    2.0
    """
    ratio = check_number("efficiency_ratio", efficiency_ratio, low=1.0, low_open=True)
    t = check_number("elapsed", elapsed, low=0.0, low_open=True)
    return scalar_or_array(np.asarray(t) * math.log(2.0) / np.log(np.asarray(ratio)))


def fleet_energy(
    energy_per_query: FloatOrArray, query_rate: FloatOrArray, duration: FloatOrArray = YEAR
) -> FloatOrArray:
    """Energy of a fleet serving queries at a steady rate for a duration [J].

    Parameters
    ----------
    energy_per_query : float or ndarray
        Energy of one query (>= 0) [J].
    query_rate : float or ndarray
        Queries per second (>= 0) [1/s].
    duration : float or ndarray
        Time served (>= 0); a Julian year by default [s].

    Returns
    -------
    float or ndarray
        Energy [J].

    Examples
    --------
    A billion queries a day at 0.3 Wh for a year, in GWh:

    >>> from energylib.units import DAY, GWH, WH
    >>> round(fleet_energy(0.3 * WH, 1e9 / DAY) / GWH, 1)
    109.6
    """
    e = check_number("energy_per_query", energy_per_query, low=0.0)
    q = check_number("query_rate", query_rate, low=0.0)
    t = check_number("duration", duration, low=0.0)
    return scalar_or_array(np.asarray(e) * np.asarray(q) * np.asarray(t))


def carbon_emissions(energy: FloatOrArray, carbon_intensity: FloatOrArray) -> FloatOrArray:
    """CO2 emitted to supply an energy at a grid's carbon intensity [kg].

    Parameters
    ----------
    energy : float or ndarray
        Electricity drawn (>= 0) [J].
    carbon_intensity : float or ndarray
        Emissions per unit of electricity (>= 0) [kg/J]; ``436 * G_PER_KWH``
        for 436 gCO2/kWh.

    Returns
    -------
    float or ndarray
        Emissions [kg CO2].

    Examples
    --------
    >>> round(carbon_emissions(KWH, 436 * G_PER_KWH), 3)  # one kWh at 436 g/kWh
    0.436
    """
    e = check_number("energy", energy, low=0.0)
    ci = check_number("carbon_intensity", carbon_intensity, low=0.0)
    return scalar_or_array(np.asarray(e) * np.asarray(ci))
