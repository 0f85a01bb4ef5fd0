"""Lifecycle model: closed forms against numeric integrals, limits, properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.integrate import quad

from energylib import (
    DAY,
    GWH,
    YEAR,
    break_even_time,
    cumulative_inference_energy,
    cumulative_training_energy,
    fleet_ledger,
    fleet_limiting_ratio,
    inference_to_training_ratio,
    limiting_inference_energy,
    model_ledger,
    per_year,
)

rates = st.floats(min_value=-1.0, max_value=1.0, allow_nan=False)
positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False)


def numeric_integral(T, q0, e0, g, r, delta=0.0):
    value, _ = quad(lambda t: q0 * e0 * math.exp((g - r - delta) * t), 0.0, T,
                    epsabs=0.0, epsrel=1e-13, limit=200)
    return value


@pytest.mark.parametrize(
    ("T", "q0", "e0", "g", "r", "delta"),
    [
        (10.0, 2.0, 3.0, 0.5, 0.2, 0.0),     # g > r
        (10.0, 2.0, 3.0, 0.2, 0.5, 0.0),     # g < r
        (10.0, 2.0, 3.0, 0.3, 0.3, 0.0),     # g = r
        (10.0, 2.0, 3.0, 0.3, 0.3 + 1e-12, 0.0),  # g barely below r: no cancellation
        (5.0, 1.0, 1.0, 0.6, 0.1, 0.2),      # discounted
        (40.0, 7.0, 0.5, 0.05, 0.9, 0.0),    # fast convergence
    ],
)
def test_closed_form_matches_numeric_integral(T, q0, e0, g, r, delta):
    closed = cumulative_inference_energy(T, q0, e0, g, r, delta)
    assert_allclose(closed, numeric_integral(T, q0, e0, g, r, delta), rtol=1e-9)


@settings(max_examples=200, deadline=None)
@given(T=st.floats(0.01, 30.0), q0=positive, e0=positive, g=rates, r=rates)
def test_closed_form_matches_integral_everywhere(T, q0, e0, g, r):
    closed = cumulative_inference_energy(T, q0, e0, g, r)
    assert_allclose(closed, numeric_integral(T, q0, e0, g, r), rtol=1e-9)


def test_limit_matches_large_horizon():
    q0, e0, g, r = 3.0, 2.0, 0.1, 0.4
    limit = limiting_inference_energy(q0, e0, g, r)
    assert limit == pytest.approx(q0 * e0 / (r - g))
    assert cumulative_inference_energy(500.0, q0, e0, g, r) == pytest.approx(limit, rel=1e-12)
    # and the approach is monotone from below
    horizons = np.array([1.0, 10.0, 100.0])
    assert np.all(np.diff(cumulative_inference_energy(horizons, q0, e0, g, r)) > 0)
    assert np.all(cumulative_inference_energy(horizons, q0, e0, g, r) < limit)


def test_divergent_regimes_exceed_any_bound():
    for g, r in [(0.3, 0.3), (0.5, 0.3)]:
        assert limiting_inference_energy(1.0, 1.0, g, r) == math.inf
        assert cumulative_inference_energy(1e4, 1.0, 1.0, g, r) > 1e3


def test_discount_makes_present_value_finite_when_demand_wins():
    g, r, delta = 0.5, 0.3, 0.25  # g > r, but g < r + delta
    assert limiting_inference_energy(1.0, 1.0, g, r) == math.inf
    pv = limiting_inference_energy(1.0, 1.0, g, r, discount_rate=delta)
    assert pv == pytest.approx(1.0 / (r + delta - g))
    assert cumulative_inference_energy(2000.0, 1.0, 1.0, g, r, delta) == pytest.approx(pv)


def test_zero_power_has_zero_limit():
    assert limiting_inference_energy(0.0, 1.0, 0.5, 0.1) == 0.0


@settings(max_examples=200, deadline=None)
@given(T=st.floats(0.01, 30.0), q0=positive, e0=positive, g=rates, r=rates,
       factor=st.floats(1.01, 10.0))
def test_monotone_in_demand_energy_per_query_and_horizon(T, q0, e0, g, r, factor):
    base = cumulative_inference_energy(T, q0, e0, g, r)
    assert cumulative_inference_energy(T, q0 * factor, e0, g, r) > base
    assert cumulative_inference_energy(T, q0, e0 * factor, g, r) > base
    # = once converged (in exact arithmetic): non-strict comparisons allow rounding, 1e-12
    assert cumulative_inference_energy(T * factor, q0, e0, g, r) >= base * (1 - 1e-12)
    # faster efficiency gains never raise the total, faster growth never lowers it
    assert cumulative_inference_energy(T, q0, e0, g, r + 0.1) <= base * (1 + 1e-12)
    assert cumulative_inference_energy(T, q0, e0, g + 0.1, r) >= base * (1 - 1e-12)


@settings(max_examples=300, deadline=None)
@given(E=st.floats(1e-2, 1e4), q0=positive, e0=positive, g=rates, r=rates)
def test_break_even_time_inverts_the_cumulative_energy(E, q0, e0, g, r):
    t_star = break_even_time(E, q0, e0, g, r)
    limit = limiting_inference_energy(q0, e0, g, r)
    assume(not math.isclose(E, limit, rel_tol=1e-9))  # the knife edge is decided by rounding
    if E >= limit:
        assert t_star == math.inf
    else:
        assert math.isfinite(t_star)
        assert_allclose(cumulative_inference_energy(t_star, q0, e0, g, r), E, rtol=1e-9)


def test_break_even_time_hand_computed():
    # constant power: T* = E / P0
    assert break_even_time(50 * GWH, 1e9 / DAY, 1080.0, 0.0, 0.0) == pytest.approx(
        50 * GWH / (1e9 / DAY * 1080.0)
    )
    # growing: T* = ln(1 + k E / P0) / k with k = 1, E = P0 (e - 1)  ->  T* = 1
    assert break_even_time(math.e - 1, 1.0, 1.0, 1.0, 0.0) == pytest.approx(1.0, rel=1e-12)
    # converging below E: never
    assert break_even_time(10.0, 1.0, 1.0, 0.0, 0.5) == math.inf  # limit is 2
    assert break_even_time(0.0, 1.0, 1.0, 0.0, 0.5) == 0.0
    assert break_even_time(1.0, 0.0, 1.0, 0.0, 0.5) == math.inf


def test_vectorized_over_arrays():
    T = np.linspace(0, 10, 11) * YEAR
    out = cumulative_inference_energy(T, 1e4, 1e3, per_year(0.4), per_year(0.3))
    assert out.shape == (11,) and out[0] == 0.0 and np.all(np.diff(out) > 0)
    be = break_even_time(np.array([1.0, 10.0, 1e6]), 1.0, 1.0, np.array([0.0, 0.1, -0.1]), 0.0)
    assert be.shape == (3,) and be[-1] == math.inf


def test_ratio_and_model_ledger_are_consistent():
    ledger = model_ledger(50 * GWH, 2 * YEAR, 1e4, 1e3, per_year(0.4), per_year(0.3))
    e = cumulative_inference_energy(2 * YEAR, 1e4, 1e3, per_year(0.4), per_year(0.3))
    assert ledger.inference_energy == pytest.approx(e)
    assert ledger.ratio == pytest.approx(
        inference_to_training_ratio(2 * YEAR, 50 * GWH, 1e4, 1e3, per_year(0.4), per_year(0.3))
    )
    assert 0 < ledger.inference_share < 1
    assert ledger.inference_share == pytest.approx(ledger.ratio / (1 + ledger.ratio))


@pytest.mark.parametrize(
    ("c", "g", "r"),
    [
        (1.0, 0.0, 0.0),                       # constant runs, constant power
        (math.exp(0.3), 0.5, 0.2),             # both grow at 0.3 per interval
        (math.exp(-0.2), 0.1, 0.3),            # both shrink: both totals converge
    ],
)
def test_fleet_limit_matches_large_horizon(c, g, r):
    tau, e1, q0, e0 = 1.0, 40.0, 1.0, 25.0
    limit = fleet_limiting_ratio(tau, e1, c, q0, e0, g, r)
    assert 0 < limit < math.inf
    # evaluate just before the N-th retraining date, where the flow matches the runs
    n = 400
    ledger = fleet_ledger(n * tau - 1e-9, tau, e1, c, q0, e0, g, r)
    assert ledger.ratio == pytest.approx(limit, rel=1e-6)


def test_fleet_limit_edges():
    assert fleet_limiting_ratio(1.0, 1.0, 1.0, 1.0, 1.0, 0.2, 0.1) == math.inf
    assert fleet_limiting_ratio(1.0, 1.0, 2.0, 1.0, 1.0, 0.2, 0.1) == 0.0
    assert fleet_limiting_ratio(1.0, 1.0, 0.5, 1.0, 1.0, 0.0, 0.0) == math.inf
    assert fleet_limiting_ratio(1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.1) == 0.0
    # k tau exactly 1e-9 (kept) against a = 0: "the same rate" with a = 0 is the
    # constant-power limit p0 tau / e1, not 0 / 0 (found by an independent review).
    assert fleet_limiting_ratio(1.0, 1.0, 1.0, 1.0, 1.0, 1e-9, 0.0) == pytest.approx(1.0)
    assert fleet_limiting_ratio(1.0, 1.0, 1.0, 1.0, 1.0, 0.5e-9, 0.0) == 1.0


def test_fleet_training_total_diverges_like_inference():
    """C1 against C10: retrained yearly, training is unbounded too."""
    years = np.array([1, 10, 100]) * YEAR - 1.0
    training = cumulative_training_energy(years, YEAR, 50 * GWH)
    assert_allclose(training, [50 * GWH, 500 * GWH, 5000 * GWH])


def test_fleet_ratio_swings_between_limit_over_c_and_limit_when_runs_grow():
    """With growing runs (c > 1) the discrete ratio never settles: it swings by 1/c."""
    tau, e1, q0, e0, c = 1.0, 40.0, 1.0, 25.0, math.exp(0.3)
    limit = fleet_limiting_ratio(tau, e1, c, q0, e0, 0.5, 0.2)
    n = 200
    just_before = fleet_ledger(n * tau - 1e-9, tau, e1, c, q0, e0, 0.5, 0.2).ratio
    just_after = fleet_ledger(n * tau + 1e-9, tau, e1, c, q0, e0, 0.5, 0.2).ratio
    assert just_before == pytest.approx(limit, rel=1e-6)
    assert just_after == pytest.approx(limit / c, rel=1e-6)


def test_fleet_ratio_swing_dies_out_for_constant_runs():
    tau, e1, q0, e0 = 1.0, 40.0, 1.0, 25.0
    limit = fleet_limiting_ratio(tau, e1, 1.0, q0, e0, 0.0, 0.0)
    after = fleet_ledger(np.array([10.0, 1000.0]) + 1e-9, tau, e1, 1.0, q0, e0, 0.0, 0.0).ratio
    gaps = limit - after
    assert gaps[1] < gaps[0] / 50  # the dip shrinks like 1/n
