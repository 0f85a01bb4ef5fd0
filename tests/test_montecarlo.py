"""Monte Carlo break-even: degenerate cases, percentile mapping, reproducibility, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import norm

from energylib import montecarlo
from energylib.lifecycle import break_even_time
from energylib.montecarlo import (
    DEPLOYMENTS,
    Deployment,
    LogNormal,
    LogUniform,
    Uniform,
    break_even_monte_carlo,
    lognormal_from_range,
    lognormal_from_values,
    sample_inputs,
    stated_scope,
)
from energylib.units import DAY, GWH, WH, per_year

DEP = DEPLOYMENTS["gpt4-chatgpt"]

BAD_INPUT_CASES: dict = {
    lognormal_from_values: (dict(values=[1.0, 2.0]), {"values": [[1.0], [-1.0, 2.0], [0.0, 1.0]]}),
    lognormal_from_range: (
        dict(low=1.0, high=10.0, coverage=0.9),
        {"low": [0, -1, math.inf], "high": [0.5], "coverage": [0, 1, 1.5]},
    ),
    sample_inputs: (dict(deployment=DEP, n_draws=10, seed=0), {"n_draws": [0, -1, 2.5],
                                                               "seed": [-1, 0.5]}),
    break_even_monte_carlo: (
        dict(deployment=DEP, n_draws=10, seed=0),
        {"n_draws": [0, 1.5], "seed": [-3], "percentiles": [[101.0], [-1.0]]},
    ),
    stated_scope: (dict(key="llama31-405b"), {"key": ["gpt-5", "Llama"]}),
}


@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
def test_valid_call_returns(func):
    kwargs, _ = BAD_INPUT_CASES[func]
    assert func(**kwargs) is not None


def test_every_public_function_is_covered():
    public = {getattr(montecarlo, n) for n in montecarlo.__all__
              if callable(getattr(montecarlo, n)) and not isinstance(getattr(montecarlo, n), type)}
    assert not public - set(BAD_INPUT_CASES)


def test_distributions_validate_their_parameters():
    with pytest.raises(ValueError, match="sigma"):
        LogNormal(1.0, -0.1)
    with pytest.raises(ValueError, match="median"):
        LogNormal(0.0, 1.0)
    with pytest.raises(ValueError, match="high"):
        LogUniform(2.0, 1.0)
    with pytest.raises(ValueError, match="high"):
        Uniform(1.0, 0.0)
    with pytest.raises(ValueError, match="factor"):
        LogNormal(1.0, 1.0).widened(-1.0)
    with pytest.raises(TypeError, match="deployment"):
        sample_inputs("gpt4", 10)


def _fixed(e_train, q0, e0, g=0.0, r=0.0) -> Deployment:
    return Deployment("fixed", LogNormal(e_train, 0.0), LogUniform(q0, q0), LogNormal(e0, 0.0),
                      Uniform(g, g), Uniform(r, r), "")


@pytest.mark.parametrize(("g", "r"), [(0.0, 0.0), (0.5, 0.2), (0.0, 0.4), (0.0, 2.0)])
def test_degenerate_distributions_give_the_deterministic_break_even_time(g, r):
    args = (40 * GWH, 1e4, 0.3 * WH, per_year(g), per_year(r))
    result = break_even_monte_carlo(_fixed(*args), n_draws=50, seed=3)
    expected = break_even_time(*args)
    assert np.all(result.samples == expected) or np.allclose(result.samples, expected,
                                                             rtol=1e-12)
    assert all(v == pytest.approx(expected, rel=1e-12) for v in result.percentiles.values())
    assert result.fraction_never == (1.0 if math.isinf(expected) else 0.0)


def test_lognormal_percentiles_map_through_the_monotone_break_even():
    # T* = E / (q e) at g = r = 0 is decreasing in e: its p-th percentile is
    # E / (q * ppf_e(1 - p)).
    e_dist = LogNormal(0.5 * WH, 0.8)
    dep = Deployment("e only", LogNormal(30 * GWH, 0.0), LogNormal(2e4, 0.0), e_dist,
                     Uniform(0.0, 0.0), Uniform(0.0, 0.0), "")
    result = break_even_monte_carlo(dep, n_draws=400_000, seed=11,
                                    percentiles=(5.0, 25.0, 50.0, 75.0, 95.0))
    for q, t in result.percentiles.items():
        expected = 30 * GWH / (2e4 * e_dist.ppf(1 - q / 100))
        # sampling error of a quantile of 4e5 draws: well under 1 % in log terms here
        assert t == pytest.approx(expected, rel=0.01), q
    # and log T* is normal with the same sigma
    assert np.std(np.log(result.samples)) == pytest.approx(0.8, rel=0.01)


def test_product_of_lognormals_is_lognormal():
    dep = Deployment("all lognormal", LogNormal(30 * GWH, 0.3), LogNormal(2e4, 0.4),
                     LogNormal(0.5 * WH, 0.5), Uniform(0.0, 0.0), Uniform(0.0, 0.0), "")
    result = break_even_monte_carlo(dep, n_draws=400_000, seed=5, percentiles=(95.0,))
    sigma = math.sqrt(0.3**2 + 0.4**2 + 0.5**2)
    median = 30 * GWH / (2e4 * 0.5 * WH)
    assert result.percentiles[95.0] == pytest.approx(median * math.exp(sigma * norm.ppf(0.95)),
                                                     rel=0.01)


def test_seeded_reproducibility_and_independence_of_seeds():
    a = break_even_monte_carlo(DEP, n_draws=1000, seed=7)
    b = break_even_monte_carlo(DEP, n_draws=1000, seed=7)
    c = break_even_monte_carlo(DEP, n_draws=1000, seed=8)
    assert np.array_equal(a.samples, b.samples) and a.percentiles == b.percentiles
    assert not np.array_equal(a.samples, c.samples)


def test_never_is_counted_and_percentiles_do_not_interpolate_to_nan():
    dep = Deployment("often never", LogNormal(40 * GWH, 0.0), LogNormal(1e3, 0.0),
                     LogNormal(0.3 * WH, 0.0), Uniform(0.0, 0.0),
                     Uniform(per_year(0.0), per_year(3.0)), "")
    result = break_even_monte_carlo(dep, n_draws=20_000, seed=0)
    t_flat = 40 * GWH / (1e3 * 0.3 * WH)  # T* = inf once r >= 1 / t_flat
    expected_never = 1.0 - min(1.0, (1.0 / t_flat) / per_year(3.0))
    assert result.fraction_never == pytest.approx(expected_never, abs=0.02)
    assert not any(math.isnan(v) for v in result.percentiles.values())
    assert math.isinf(result.percentiles[95.0])


def test_distribution_helpers():
    d = lognormal_from_values([1.0, 100.0])
    assert d.median == pytest.approx(10.0)
    assert d.sigma == pytest.approx(math.log(100) / math.sqrt(2))
    r = lognormal_from_range(2.0, 50.0, coverage=0.9)
    assert float(r.ppf(0.05)) == pytest.approx(2.0) and float(r.ppf(0.95)) == pytest.approx(50.0)
    lu = LogUniform(1.0, 100.0)
    assert lu.median == pytest.approx(10.0) and float(lu.ppf(0.5)) == pytest.approx(10.0)
    assert lu.with_median(1e3).high / lu.with_median(1e3).low == pytest.approx(100.0)
    assert lu.widened(0.0).low == pytest.approx(10.0)
    u = Uniform(0.0, 1.0)
    assert u.widened(2.0).low == pytest.approx(-0.5) and u.with_median(2.0).high == 2.5
    assert float(u.ppf(0.25)) == 0.25
    assert LogNormal(3.0, 0.5).with_median(6.0).sigma == 0.5


def test_deployments_use_the_dataset_and_give_plausible_ranges():
    gpt = break_even_monte_carlo(DEPLOYMENTS["gpt4-chatgpt"], n_draws=50_000, seed=0)
    llama = break_even_monte_carlo(DEPLOYMENTS["llama31-405b"], n_draws=50_000, seed=0)
    assert 3 < gpt.percentile_days(50) < 200          # months, not years
    assert gpt.percentile_days(50) < llama.percentile_days(50)
    assert gpt.percentile_days(5) < gpt.percentile_days(50) < gpt.percentile_days(95)
    assert gpt.fraction_never == 0.0
    dep = DEPLOYMENTS["gpt4-chatgpt"]
    assert 15 * GWH < dep.training_energy.low < dep.training_energy.high < 80 * GWH
    assert dep.queries_per_second.low == pytest.approx(1e9 / DAY)
