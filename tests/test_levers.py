"""Tests of energylib.levers: the industry's levers on a query's energy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

import energylib.levers as lv
from energylib.hardware import HARDWARE
from energylib.units import DAY, GWH, KWH, WH, YEAR

# function -> (valid keyword arguments, {parameter: [out-of-range values]})
BAD_INPUT_CASES: dict = {
    lv.critical_batch_size: (
        dict(peak_flops_per_s=1e15, memory_bandwidth=3e12, bits_per_weight=16),
        {"peak_flops_per_s": [0, -1], "memory_bandwidth": [0], "bits_per_weight": [0, 64]},
    ),
    lv.critical_batch_size_with_cache: (
        dict(peak_flops_per_s=1e15, memory_bandwidth=3e12, active_params=7e10,
             bits_per_weight=16, cache_bytes_per_sequence=4e8),
        {"peak_flops_per_s": [0, math.nan], "memory_bandwidth": [0],
         "active_params": [0, -1], "bits_per_weight": [0, 64],
         "cache_bytes_per_sequence": [-1, math.inf]},
    ),
    lv.flops_per_joule: (
        dict(peak_flops_per_s=1e15, power=700.0),
        {"peak_flops_per_s": [0, math.inf], "power": [0, -1]},
    ),
    lv.bytes_per_joule: (
        dict(memory_bandwidth=3e12, power=700.0),
        {"memory_bandwidth": [0, -1], "power": [0, math.inf]},
    ),
    lv.implied_doubling_time: (
        dict(efficiency_ratio=3.0, elapsed=5 * YEAR),
        {"efficiency_ratio": [1.0, 0.5, -1], "elapsed": [0, -1, math.inf]},
    ),
    lv.fleet_energy: (
        dict(energy_per_query=1000.0, query_rate=1e4, duration=YEAR),
        {"energy_per_query": [-1, math.inf], "query_rate": [-1], "duration": [-1]},
    ),
    lv.carbon_emissions: (
        dict(energy=1e9, carbon_intensity=400 * lv.G_PER_KWH),
        {"energy": [-1, math.inf], "carbon_intensity": [-1e-9]},
    ),
}


def test_every_public_function_is_covered():
    public = {getattr(lv, n) for n in lv.__all__ if callable(getattr(lv, n))}
    assert public == set(BAD_INPUT_CASES)


@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
def test_valid_call_is_finite(func):
    assert np.all(np.isfinite(func(**BAD_INPUT_CASES[func][0])))


def test_hardware_efficiencies_by_hand():
    assert_allclose(lv.flops_per_joule(989e12, 700.0), 989e12 / 700.0)
    assert_allclose(lv.bytes_per_joule(2.039e12, 400.0), 5.0975e9)
    h, a = HARDWARE["H100 SXM"], HARDWARE["A100 SXM"]
    # H100 moves fewer bytes per joule than A100 at rated power
    assert lv.bytes_per_joule(h.memory_bandwidth, h.power) < lv.bytes_per_joule(
        a.memory_bandwidth, a.power)


def test_doubling_time_round_trip():
    t2 = lv.implied_doubling_time(2.0 ** 3.5, 7 * YEAR)
    assert_allclose(t2, 2 * YEAR, rtol=1e-12)
    assert_allclose(lv.implied_doubling_time(np.array([2.0, 4.0]), YEAR), [YEAR, YEAR / 2])


def test_fleet_energy_and_carbon_by_hand():
    e = lv.fleet_energy(0.3 * WH, 1e9 / DAY, YEAR)
    assert_allclose(e / GWH, 0.3e9 * 365.25 / 1e9, rtol=1e-12)
    assert_allclose(lv.carbon_emissions(1000 * KWH, 436 * lv.G_PER_KWH), 436.0, rtol=1e-12)
    assert lv.GENERATION_YEAR.keys() == HARDWARE.keys()


def test_critical_batch_with_cache_limits_and_balance():
    """No cache: the weights-only knee; at B* the step's memory and compute times agree;
    a cache past 2 N BW / peak bytes per sequence never lets decode turn compute-bound."""
    acc = HARDWARE["H100 SXM"]
    peak, bw, n = acc.peak_flops_per_s, acc.memory_bandwidth, 70e9
    assert lv.critical_batch_size_with_cache(peak, bw, n, 16, 0.0) == pytest.approx(
        lv.critical_batch_size(peak, bw, 16))
    cache = 1250 * 327_680.0
    b_star = lv.critical_batch_size_with_cache(peak, bw, n, 16, cache)
    memory_time = (n * 2 + b_star * cache) / bw
    compute_time = 2 * n * b_star / peak
    assert memory_time == pytest.approx(compute_time, rel=1e-12)
    assert b_star > lv.critical_batch_size(peak, bw, 16)
    assert math.isinf(lv.critical_batch_size_with_cache(peak, bw, n, 16, 2 * n * bw / peak))
    with pytest.raises(ValueError, match="cache_bytes_per_sequence"):
        lv.critical_batch_size_with_cache(peak, bw, n, 16, -1.0)
