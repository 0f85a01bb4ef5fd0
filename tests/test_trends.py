"""Trends of training energy per generation and of energy per query, from the dataset."""

from __future__ import annotations

import math

import pytest

from energylib import trends
from energylib.dataset import by_id
from energylib.trends import (
    Estimate,
    generation_growth,
    generation_interval,
    generation_intervals,
    hardware_efficiency_growth,
    net_efficiency_rate,
    query_energy_trend,
    training_energy_growth,
    training_energy_rate,
)
from energylib.units import YEAR

# function -> (valid keyword arguments, {parameter: [out-of-range values]}), in the form
# tests/test_bad_input.py runs its generic checks on (NaN, strings, booleans)
BAD_INPUT_CASES: dict = {
    net_efficiency_rate: (
        dict(energy_per_token_decline=2.0, token_growth=1.5),
        {"energy_per_token_decline": [0.0, -1.0, math.inf], "token_growth": [0.0, -2.0]},
    ),
}


def test_bad_input_cases_raise_naming_the_parameter():
    for func, (valid, params) in BAD_INPUT_CASES.items():
        assert math.isfinite(func(**valid))
        for name, bads in params.items():
            for bad in bads:
                with pytest.raises(ValueError, match=name):
                    func(**{**valid, name: bad})


def test_hardware_trend_matches_the_endpoints_and_each_step():
    h = hardware_efficiency_growth()
    v100, b200 = by_id("v100-flop-per-joule"), by_id("b200-flop-per-joule")
    endpoint_rate = (b200.si / v100.si) ** (1 / (b200.year - v100.year))
    assert h.low <= endpoint_rate <= h.high
    assert h.value == pytest.approx(endpoint_rate, rel=0.05)  # fit vs closed form
    assert 1.1 < h.low <= h.value <= h.high < 1.5


def test_rate_is_the_log_of_the_growth_factor_and_c_over_tau_closes():
    g, r = training_energy_growth(), training_energy_rate()
    assert r.value * YEAR == pytest.approx(math.log(g.value))
    assert r.low * YEAR == pytest.approx(math.log(g.low))
    tau, c = generation_interval(), generation_growth()
    # ln c / tau = ln g_E: the quantity C12 uses does not depend on tau
    assert math.log(c.value) / tau.value == pytest.approx(r.value, rel=1e-12)
    assert c.low < c.value < c.high


def test_the_two_routes_both_lie_inside_the_combined_range():
    g = training_energy_growth()
    compute = by_id("frontier-compute-growth").value / hardware_efficiency_growth().value
    power = by_id("frontier-power-growth").value * by_id("frontier-training-time-growth").value
    assert g.low <= min(compute, power) < max(compute, power) <= g.high
    assert g.value == pytest.approx(math.sqrt(compute * power))


def test_observed_generation_jumps_fall_in_the_range_they_were_not_fitted_on():
    """GPT-3 -> GPT-4 -> a 2025 100,000-H100 run: energy per year within [low, high]."""
    g = training_energy_growth()
    gpt3 = by_id("gpt3-train-energy").si
    gpt4 = by_id("gpt4-train-energy").si
    frontier = by_id("frontier-2025-train-energy").si
    years_34 = by_id("gpt4-release").value - by_id("gpt3-release").value
    per_year_34 = (gpt4 / gpt3) ** (1 / years_34)
    assert g.low <= per_year_34 <= g.high, per_year_34
    # GPT-4 trained mid-2022, the 100,000-H100 run by the end of 2024 (Grok 3, Feb. 2025)
    per_year_4f = (frontier / gpt4) ** (1 / 2.5)
    assert g.low <= per_year_4f <= g.high, per_year_4f


def test_generation_intervals_by_family():
    ivals = generation_intervals()
    assert set(ivals) == set(trends.GENERATIONS)
    assert all(len(v) == 2 and all(t > 0 for t in v) for v in ivals.values())
    tau = generation_interval()
    flat = [t for v in ivals.values() for t in v]
    assert tau.low == min(flat) and tau.high == max(flat)
    assert 0.5 * YEAR < tau.value < 2 * YEAR


def test_net_efficiency_rate_limits_and_bad_input():
    assert net_efficiency_rate(3.0, 3.0) == pytest.approx(0.0, abs=1e-20)
    assert net_efficiency_rate(10.0, 1.0) * YEAR == pytest.approx(math.log(10))
    assert net_efficiency_rate(1.0, 10.0) == pytest.approx(-net_efficiency_rate(10.0, 1.0))
    for bad, error in [(0.0, ValueError), (-1.0, ValueError), (float("nan"), ValueError),
                       (float("inf"), ValueError), ("2", TypeError), (True, TypeError)]:
        with pytest.raises(error, match="energy_per_token_decline"):
            net_efficiency_rate(bad, 1.0)
        with pytest.raises(error, match="token_growth"):
            net_efficiency_rate(2.0, bad)


def test_query_energy_trend_readings():
    t = query_energy_trend()
    for e in (t.fixed_model, t.fleet):
        assert e.low <= e.value <= e.high and e.unit == "1/s"
    # Google's 33-fold fall in a year is the fleet reading's high end
    assert t.fleet.high * YEAR == pytest.approx(math.log(33))
    # the fixed-model reading: tokens per request outgrow software + hardware gains
    assert t.fixed_model.value < 0 < t.fixed_model.high
    assert t.fleet.value > t.fixed_model.high


def test_estimate_validates_its_fields():
    assert Estimate(2.0, 1.0, 3.0, "1", "b").value == 2.0
    with pytest.raises(ValueError, match="value"):
        Estimate(4.0, 1.0, 3.0, "1", "b")
    with pytest.raises(ValueError, match="low"):
        Estimate(2.0, float("nan"), 3.0, "1", "b")
    with pytest.raises(ValueError, match="high"):
        Estimate(2.0, 1.0, float("inf"), "1", "b")
    with pytest.raises(TypeError, match="unit"):
        Estimate(2.0, 1.0, 3.0, 1, "b")  # type: ignore[arg-type]
