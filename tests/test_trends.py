"""Trends of training energy per generation and of energy per query, from the dataset."""

from __future__ import annotations

import math

import pytest

from energylib import trends
from energylib.dataset import by_id
from energylib.trends import (
    Estimate,
    aggregate_query_energy_rate,
    decode_hardware_gain,
    decode_hardware_ratios,
    generation_growth,
    generation_interval,
    generation_intervals,
    hardware_efficiency_growth,
    net_efficiency_rate,
    query_energy_trend,
    software_gain_llama8b,
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


def test_route_ranges_add_log_half_widths_in_quadrature():
    """Power x duration route: closed form of its lower end against the hull's low end."""
    p, d = by_id("frontier-power-growth"), by_id("frontier-training-time-growth")
    down = math.hypot(math.log(p.value / p.low), math.log(d.value / d.low))
    route_low = p.value * d.value * math.exp(-down)
    g = training_energy_growth()
    assert g.low == pytest.approx(route_low)  # the slower route sets the low end
    # narrower than multiplying the ends of both intervals (the first version's rule)
    assert g.low > p.low * d.low


def _per_year(a: str, b: str, start: str, end: str) -> float:
    """Yearly growth of training energy from row a to row b over their training dates."""
    years = by_id(end).value - by_id(start).value
    return (by_id(b).si / by_id(a).si) ** (1 / years)


def test_training_runs_are_consistent_with_the_trend_in_sample():
    """In-sample consistency check, not an out-of-sample test.

    GPT-3 and GPT-4 are in the Epoch database behind the compute trend, so their jump
    is not independent of g.  All dates are ends of training (one time basis), all
    energies on one boundary (Patterson's GPT-3 boundary, PUE 1.1).  Measured here:
    GPT-3 -> GPT-4, 21x over 2.5 years = 3.4x a year; GPT-4 -> the 2025 100,000-H100
    run, 8.8x over 2.4 years = 2.5x a year; both inside g's range (2.2-3.9).
    """
    g = training_energy_growth()
    gpt3_gpt4 = _per_year("gpt3-train-energy", "gpt4-train-energy", "gpt3-training-end",
                          "gpt4-training-end")
    gpt4_2025 = _per_year("gpt4-train-energy", "frontier-2025-train-energy",
                          "gpt4-training-end", "frontier-2025-training-end")
    assert gpt3_gpt4 == pytest.approx(3.41, abs=0.01)
    assert gpt4_2025 == pytest.approx(2.48, abs=0.01)
    assert g.low <= gpt4_2025 < gpt3_gpt4 <= g.high
    assert list(trends.observed_training_growth().values()) == pytest.approx(
        [gpt3_gpt4, gpt4_2025])
    # on release dates instead (the first version's mixed basis) GPT-3 -> GPT-4 reads slower
    by_release = _per_year("gpt3-train-energy", "gpt4-train-energy", "gpt3-release",
                           "gpt4-release")
    assert by_release < gpt3_gpt4


def test_derived_training_energies_share_one_boundary():
    """The three derived rows: GPU rating x Patterson's 330/300 ratio x PUE 1.1."""
    ratio = by_id("gpt3-system-power-per-gpu").value / by_id("v100-power").value
    assert ratio == pytest.approx(1.1)
    llama = by_id("llama31-405b-gpuh").value * by_id("h100-power").value * ratio * 1.1
    assert by_id("llama31-405b-train-energy").value == pytest.approx(llama / 1e9, rel=2e-3)
    gpt4 = 25_000 * by_id("a100-power").value * ratio * 95 * 24 * 1.1  # Epoch's hardware
    assert by_id("gpt4-train-energy").value == pytest.approx(gpt4 / 1e9, rel=2e-3)
    grok = 1e5 * by_id("h100-power").value * ratio * 1.1 * 120 * 24
    assert by_id("frontier-2025-train-energy").value == pytest.approx(grok / 1e9, rel=2e-3)
    for row in ("gpt4-train-energy", "llama31-405b-train-energy", "frontier-2025-train-energy"):
        f = by_id(row)
        assert f.scope == "full-stack" and f.low < f.value < f.high


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


def test_decode_hardware_gain_is_measured_not_peak_flops():
    ratios = decode_hardware_ratios()
    assert len(ratios) == 24
    e = decode_hardware_gain()
    gm = math.exp(sum(math.log(r) for r in ratios.values()) / len(ratios))
    assert e.value ** 2 == pytest.approx(gm)  # H100 (2022) to B200 (2024)
    assert gm == pytest.approx(1.76, abs=0.01)
    assert e.low < e.value < e.high
    # measured: the serving gain exceeds the datasheets' peak-FLOP/J ratio (1.59x), as decode
    # is bound by memory bandwidth, which grew more from H100 to B200 than FLOP per joule
    peak = by_id("b200-flop-per-joule").si / by_id("h100-flop-per-joule").si
    assert gm > peak


def test_software_gain_is_read_from_the_data_files():
    s = software_gain_llama8b()
    v2 = by_id("llama31-8b-token-v2")
    v3 = by_id("llama31-8b-token-v3")
    assert v2.measurement_id and v3.measurement_id
    assert s.value == pytest.approx(1.44, abs=0.01)
    assert s.high == pytest.approx(by_id("software-gain-llama8b").value)  # the blog's 1.67


def test_aggregate_reading_is_g_minus_k():
    a = aggregate_query_energy_rate()
    g = math.log(by_id("chatgpt-prompts-2025").value / by_id("chatgpt-prompts-2024").value) / (
        7 / 12)
    k = math.log(by_id("iea-ai-dc-growth-2025").value)
    assert a.value * YEAR == pytest.approx(g - k)
    assert g == pytest.approx(1.57, abs=0.01) and k == pytest.approx(0.41, abs=0.01)
    assert a.low < a.value < a.high


def test_query_energy_trend_readings():
    t = query_energy_trend()
    for e in (t.fixed_model, t.fleet, t.aggregate, t.span):
        assert e.low <= e.value <= e.high and e.unit == "1/s"
    # Google's 33-fold fall in a year is the per-task/median reading's high end
    assert t.fleet.high * YEAR == pytest.approx(math.log(33))
    # the fixed-model high end uses the lowest token growth the evidence gives, not none
    sw, hw = software_gain_llama8b(), decode_hardware_gain()
    tok_lo = by_id("openrouter-completion-growth").low
    assert t.fixed_model.high == pytest.approx(
        net_efficiency_rate(sw.high ** 0.8 * hw.high, tok_lo))
    # measured: with token growth of 2.5-4x a year the fixed-model reading is negative
    assert t.fixed_model.high < 0
    # the aggregate (mean-weighted, net of the task mix) falls slower than the per-task one
    assert t.fixed_model.value < t.aggregate.value < t.fleet.value
    assert t.span.low == t.fixed_model.low and t.span.high == t.fleet.high


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
