"""Tests of energylib.grid: a flat load against solar and wind profiles."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.integrate import quad

import energylib.grid as gr
from energylib.units import DAY, HOUR

T = np.arange(288) * 300.0  # every 5 minutes [s]

BAD_INPUT_CASES: dict = {
    gr.solar_profile: (
        dict(time_of_day=3600.0, capacity_factor=0.2, sunrise=6 * HOUR, sunset=18 * HOUR),
        {"time_of_day": [-1, math.inf], "capacity_factor": [-0.1, 0.4, 1.1],
         "sunrise": [-1, DAY], "sunset": [5 * HOUR, DAY + 1]},
    ),
    gr.wind_profile: (
        dict(time_of_day=3600.0, capacity_factor=0.6, amplitude=0.2, peak_time=0.0),
        {"time_of_day": [-1], "capacity_factor": [-0.1, 1.5], "amplitude": [-0.1, 2.0, 0.9],
         "peak_time": [-1, DAY]},
    ),
    gr.grid_balance: (
        dict(load=1.0, supply=2.0, time_step=60.0, round_trip_efficiency=0.8),
        {"load": [-1, math.inf], "supply": [-1], "time_step": [0, -1],
         "round_trip_efficiency": [0, 1.1]},
    ),
    gr.served_carbon_intensity: (
        dict(clean_share=0.5, clean_intensity=1e-8, firm_intensity=1e-7),
        {"clean_share": [-0.1, 1.1], "clean_intensity": [-1], "firm_intensity": [-1]},
    ),
}


def test_every_public_function_is_covered():
    public = {getattr(gr, n) for n in gr.__all__
              if callable(getattr(gr, n)) and not isinstance(getattr(gr, n), type)}
    assert public == set(BAD_INPUT_CASES)


def test_mismatched_shapes_rejected():
    with pytest.raises(ValueError, match="supply"):
        gr.grid_balance(np.ones(4), np.ones(5), 60.0)


@pytest.mark.parametrize("cf", [0.0, 0.1, 0.2, 0.3])
def test_solar_mean_is_capacity_factor_integral(cf):
    mean = quad(lambda t: gr.solar_profile(t, cf), 0, DAY, points=[6 * HOUR, 18 * HOUR],
                limit=200)[0] / DAY
    assert_allclose(mean, cf, rtol=1e-9, atol=1e-12)


def test_solar_zero_at_night_and_bounded():
    s = gr.solar_profile(T, 2 / math.pi * 0.5)  # the largest allowed for a 12-hour day
    assert s.max() <= 1.0 + 1e-12 and s.min() >= 0.0
    night = (T < 6 * HOUR) | (T > 18 * HOUR)
    assert np.all(s[night] == 0.0)


@pytest.mark.parametrize("a", [0.0, 0.3, 1.0])
def test_wind_mean_is_capacity_factor_integral(a):
    mean = quad(lambda t: gr.wind_profile(t, 0.4, a, 3 * HOUR), 0, DAY)[0] / DAY
    assert_allclose(mean, 0.4, rtol=1e-9)


def test_balance_by_hand():
    b = gr.grid_balance([1, 1, 1, 1], [0, 2, 2, 0], 1.0, 0.5)
    assert b.direct_share == 0.5 and b.surplus == 2.0 and b.deficit == 2.0
    assert math.isinf(b.storage_capacity) and b.firm_energy == 1.0 and b.firm_power == 1.0


def _simulate(flow, capacity):
    """Greedy lossless-in-flow store over three periods, starting full."""
    s, low = capacity, capacity
    for x in np.concatenate([flow, flow, flow]):
        s = min(capacity, s + x)
        low = min(low, s)
    return low


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 5), min_size=3, max_size=30), st.floats(0.3, 1.0))
def test_storage_is_the_smallest_store_that_works(supply, eta):
    supply = np.array(supply)
    load = np.ones_like(supply)
    b = gr.grid_balance(load, supply, 1.0, eta)
    flow = eta * np.maximum(supply - load, 0) - np.maximum(load - supply, 0)
    if math.isinf(b.storage_capacity):
        assert flow.sum() < 0 and b.firm_energy == pytest.approx(-flow.sum())
        return
    assert _simulate(flow, b.storage_capacity) >= -1e-9
    if b.storage_capacity > 1e-6:
        assert _simulate(flow, 0.99 * b.storage_capacity) < 0


@given(st.floats(0, 1))
def test_served_intensity_between_bounds(f):
    c = gr.served_carbon_intensity(f, 10.0, 400.0)
    assert 10.0 - 1e-9 <= c <= 400.0 + 1e-9


def test_more_solar_serves_more_directly():
    load = np.full(T.size, 100e6)
    shares = [gr.grid_balance(load, m * 1e8 * gr.solar_profile(T, 0.2) / 0.2, 300.0).direct_share
              for m in (0.5, 1, 2, 4)]
    assert np.all(np.diff(shares) > 0) and shares[-1] <= 0.5 + 1e-9
