"""Rebound and saturation: closed forms against integrals, SymPy against NumPy, properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.integrate import quad
from scipy.special import beta, betainc

from energylib.lifecycle import (
    cumulative_inference_energy,
    fleet_limiting_ratio,
    limiting_inference_energy,
)
from energylib.rebound import (
    PHASE_LABELS,
    ArgumentVerdict,
    argument_verdict,
    cumulative_logistic_inference_energy,
    effective_energy_growth_rate,
    efficiency_elasticity,
    induced_demand_growth_rate,
    limiting_logistic_inference_energy,
    phase_code,
    rebound_energy_ratio,
    rebound_fraction,
)
from energylib.symbolic.argument import (
    SYMBOLS,
    efficiency_elasticity_expr,
    lambdified_logistic_energy_no_efficiency,
    logistic_demand_expr,
    logistic_energy_bound,
    logistic_energy_slope,
    logistic_saturation_gap,
    rebound_boundary_expr,
    rebound_energy_derivative,
    rebound_energy_elasticity,
    rebound_power_growth_rate,
    rebound_total_energy_expr,
    saturated_power_growth_rate,
)
from energylib.units import YEAR

# function -> (valid keyword arguments, {parameter: [out-of-range values]}), in the format of
# CASES in tests/test_bad_input.py, so that it can be merged there.
BAD_INPUT_CASES: dict = {
    efficiency_elasticity: (
        dict(price_elasticity=1.5, energy_share=0.3),
        {"price_elasticity": [-0.1, math.inf], "energy_share": [-0.1, 1.1, math.inf]},
    ),
    rebound_energy_ratio: (
        dict(efficiency_factor=10.0, elasticity=0.5),
        {"efficiency_factor": [0, -1, math.inf], "elasticity": [-0.1, math.inf]},
    ),
    rebound_fraction: (
        dict(efficiency_factor=10.0, elasticity=0.5),
        {"efficiency_factor": [0, -2, math.inf], "elasticity": [-1, math.inf]},
    ),
    induced_demand_growth_rate: (
        dict(growth_rate=0.2 / YEAR, efficiency_rate=0.3 / YEAR, elasticity=0.5),
        {"growth_rate": [math.inf], "efficiency_rate": [-math.inf], "elasticity": [-0.5]},
    ),
    effective_energy_growth_rate: (
        dict(growth_rate=0.2 / YEAR, efficiency_rate=0.3 / YEAR, elasticity=0.5),
        {"growth_rate": [-math.inf], "efficiency_rate": [math.inf], "elasticity": [-1e-9]},
    ),
    cumulative_logistic_inference_energy: (
        dict(horizon=10 * YEAR, q0=1e4, e0=1e3, growth_rate=0.5 / YEAR,
             efficiency_rate=0.3 / YEAR, capacity=1e5),
        {
            "horizon": [-1, math.inf],
            "q0": [0, -1, 2e5],
            "e0": [-1, math.inf],
            "growth_rate": [-0.1, math.inf],
            "efficiency_rate": [-0.1, math.inf],
            "capacity": [0, -1, 1e3, math.inf],
        },
    ),
    limiting_logistic_inference_energy: (
        dict(q0=1e4, e0=1e3, growth_rate=0.5 / YEAR, efficiency_rate=0.3 / YEAR, capacity=1e5),
        {
            "q0": [0, -1, 2e5],
            "e0": [-1, math.inf],
            "growth_rate": [-0.1, math.inf],
            "efficiency_rate": [-1e-9, math.inf],
            "capacity": [0, 1e3, math.inf],
        },
    ),
    phase_code: (
        dict(growth_rate=0.4, efficiency_rate=0.3, elasticity=0.5, discount_rate=0.05),
        {
            "growth_rate": [math.inf],
            "efficiency_rate": [-math.inf],
            "elasticity": [-0.5, math.inf],
            "discount_rate": [-0.01, math.inf],
        },
    ),
    argument_verdict: (
        dict(growth_rate=0.4 / YEAR, efficiency_rate=0.3 / YEAR, elasticity=0.5,
             discount_rate=0.05 / YEAR, interval=YEAR, cost_growth_per_generation=1.5),
        {
            "growth_rate": [math.inf],
            "efficiency_rate": [math.inf],
            "elasticity": [-1, math.inf],
            "discount_rate": [-0.1, math.inf],
            "interval": [0, -1, math.inf],
            "cost_growth_per_generation": [0, -1, math.inf],
        },
    ),
}

# ----------------------------------------------------------------------------- bad input


def test_every_public_function_has_bad_input_cases():
    import energylib.rebound as module

    public = [getattr(module, n) for n in module.__all__]
    functions = {f for f in public if callable(f) and not isinstance(f, type)}
    assert functions == set(BAD_INPUT_CASES)


@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
def test_valid_call_is_finite(func):
    kwargs, _ = BAD_INPUT_CASES[func]
    assert np.all(np.isfinite(np.asarray(func(**kwargs), dtype=float)))


def test_error_message_states_value_and_range():
    with pytest.raises(ValueError) as info:
        rebound_energy_ratio(2.0, -0.25)
    message = str(info.value)
    assert "elasticity" in message and "-0.25" in message and "[0, inf)" in message


# ----------------------------------------------------------------------------- saturation


def logistic(t, q0, g, cap):
    return cap / (1.0 + (cap / q0 - 1.0) * math.exp(-g * t))


def numeric_logistic_energy(T, q0, e0, g, r, cap):
    value, _ = quad(lambda t: logistic(t, q0, g, cap) * e0 * math.exp(-r * t), 0.0, T,
                    epsabs=0.0, epsrel=1e-13, limit=500)
    return value


@pytest.mark.parametrize(
    ("T", "q0", "e0", "g", "cap"),
    [
        (10.0, 1.0, 1.0, 1.0, 100.0),
        (3.0, 2.0, 5.0, 0.3, 7.0),
        (50.0, 1.0, 2.0, 0.5, 1e4),
        (1e-3, 1.0, 1.0, 2.0, 10.0),   # short horizon: no cancellation
        (10.0, 1.0, 1.0, 1e-9, 10.0),  # almost no growth
        (10.0, 3.0, 1.0, 1.0, 3.0),    # at saturation from the start
    ],
)
def test_logistic_closed_form_without_efficiency_matches_integral(T, q0, e0, g, cap):
    closed = cumulative_logistic_inference_energy(T, q0, e0, g, 0.0, cap)
    assert_allclose(closed, numeric_logistic_energy(T, q0, e0, g, 0.0, cap), rtol=1e-9)


def test_logistic_closed_form_matches_sympy():
    f = lambdified_logistic_energy_no_efficiency()
    for args in [(10.0, 1.0, 1.0, 1.0, 100.0), (4.0, 2.0, 3.0, 0.4, 9.0)]:
        T, q0, e0, g, cap = args
        assert_allclose(cumulative_logistic_inference_energy(T, q0, e0, g, 0.0, cap),
                        float(f(*args)), rtol=1e-12)


@pytest.mark.parametrize(
    ("T", "q0", "e0", "g", "r", "cap"),
    [
        (10.0, 1.0, 1.0, 1.0, 0.3, 100.0),
        (30.0, 1.0, 2.0, 0.5, 0.5, 1e3),
        (5.0, 2.0, 1.0, 0.2, 1.5, 5.0),
        (40.0, 1.0, 1.0, 2.0, 0.1, 1e6),
    ],
)
def test_logistic_with_efficiency_matches_integral(T, q0, e0, g, r, cap):
    value = cumulative_logistic_inference_energy(T, q0, e0, g, r, cap)
    assert_allclose(value, numeric_logistic_energy(T, q0, e0, g, r, cap), rtol=1e-9)


def beta_closed_form_limit(q0, e0, g, r, cap):
    """Independent closed form for r < g: (K e0 / g) a^-s B(s, 1-s) I_W(s, 1-s), s = r/g."""
    a, s = cap / q0 - 1.0, r / g
    return cap * e0 / g * a ** (-s) * beta(s, 1 - s) * betainc(s, 1 - s, a / (1 + a))


@pytest.mark.parametrize(
    ("q0", "e0", "g", "r", "cap"),
    [(1.0, 1.0, 1.0, 0.5, 100.0), (1.0, 2.0, 0.6, 0.1, 1e4), (3.0, 1.0, 1.0, 0.9, 4.0),
     (1.0, 1.0, 2.0, 0.01, 1e8)],
)
def test_logistic_limit_matches_incomplete_beta_closed_form(q0, e0, g, r, cap):
    assert_allclose(limiting_logistic_inference_energy(q0, e0, g, r, cap),
                    beta_closed_form_limit(q0, e0, g, r, cap), rtol=1e-9)


@pytest.mark.parametrize(("g", "r"), [(0.5, 0.5), (0.3, 0.9), (0.0, 0.4)])
def test_logistic_limit_matches_long_numeric_integral(g, r):
    q0, e0, cap = 1.0, 1.0, 50.0
    long_run, _ = quad(lambda t: logistic(t, q0, g, cap) * e0 * math.exp(-r * t), 0.0,
                       math.inf, epsabs=0.0, epsrel=1e-12, limit=500)
    assert_allclose(limiting_logistic_inference_energy(q0, e0, g, r, cap), long_run, rtol=1e-9)


@settings(max_examples=150, deadline=None)
@given(q0=st.floats(0.1, 10.0), ratio=st.floats(1.0, 1e4), g=st.floats(0.0, 2.0),
       r=st.floats(0.01, 2.0), e0=st.floats(0.1, 10.0))
def test_logistic_limit_between_bounds(q0, ratio, g, r, e0):
    cap = q0 * ratio
    limit = limiting_logistic_inference_energy(q0, e0, g, r, cap)
    assert q0 * e0 / r * (1 - 1e-9) <= limit <= cap * e0 / r * (1 + 1e-9)
    # and the cumulative total approaches it from below
    at_20 = cumulative_logistic_inference_energy(20.0 / r, q0, e0, g, r, cap)
    assert at_20 <= limit * (1 + 1e-9)


def test_logistic_at_saturation_is_constant_demand():
    for r in (0.0, 0.4):
        assert_allclose(cumulative_logistic_inference_energy(7.0, 2.0, 3.0, 0.9, r, 2.0),
                        cumulative_inference_energy(7.0, 2.0, 3.0, 0.0, r), rtol=1e-10)


def test_logistic_tends_to_exponential_for_huge_capacity():
    T, q0, e0, g, r = 5.0, 1.0, 1.0, 0.5, 0.2
    assert_allclose(cumulative_logistic_inference_energy(T, q0, e0, g, r, 1e12),
                    cumulative_inference_energy(T, q0, e0, g, r), rtol=1e-9)


def test_logistic_without_efficiency_grows_linearly_at_k_e0():
    q0, e0, g, cap = 1.0, 2.0, 1.0, 100.0
    slope = float(logistic_energy_slope().subs({SYMBOLS["K"]: cap, SYMBOLS["e0"]: e0}))
    big = [1e4, 2e4]
    e1, e2 = (cumulative_logistic_inference_energy(T, q0, e0, g, 0.0, cap) for T in big)
    assert_allclose((e2 - e1) / (big[1] - big[0]), slope, rtol=1e-9)
    assert limiting_logistic_inference_energy(q0, e0, g, 0.0, cap) == math.inf


def test_logistic_vectorized_matches_scalars():
    T = np.array([0.0, 1.0, 10.0])
    r = np.array([0.0, 0.3, 0.6])
    vec = cumulative_logistic_inference_energy(T, 1.0, 1.0, 0.5, r, 20.0)
    scal = [cumulative_logistic_inference_energy(t, 1.0, 1.0, 0.5, rr, 20.0)
            for t, rr in zip(T, r, strict=True)]
    assert_allclose(vec, scal, rtol=1e-15)
    lim = limiting_logistic_inference_energy(1.0, np.array([0.0, 1.0]), 0.5, r[1:], 20.0)
    assert lim[0] == 0.0 and np.isfinite(lim[1])


def test_sympy_saturation_bound_and_gap():
    K, q0, g, t, e0, r = (SYMBOLS[n] for n in ("K", "q0", "g", "t", "e0", "r"))
    assert logistic_energy_bound() == K * e0 / r
    gap = logistic_saturation_gap()
    rng = np.random.default_rng(1)
    for _ in range(20):
        q = float(rng.uniform(0.1, 5))
        vals = {q0: q, K: q * float(rng.uniform(1, 100)), g: float(rng.uniform(0, 3)),
                t: float(rng.uniform(0, 10))}
        assert float(gap.subs(vals)) >= 0
        assert_allclose(float(logistic_demand_expr().subs(vals)),
                        logistic(vals[t], q, vals[g], vals[K]), rtol=1e-12)


# ----------------------------------------------------------------------------- rebound


def test_sympy_rebound_energy_matches_numeric():
    A, kappa, e, eps = (SYMBOLS[n] for n in ("A", "kappa", "e", "epsilon"))
    energy = sp.lambdify((A, kappa, e, eps), rebound_total_energy_expr())
    for s, elasticity in [(2.0, 0.0), (10.0, 0.5), (3.0, 1.0), (7.0, 1.7)]:
        before = energy(2.0, 0.3, 5.0, elasticity)
        after = energy(2.0, 0.3, 5.0 / s, elasticity)
        assert_allclose(after / before, rebound_energy_ratio(s, elasticity), rtol=1e-12)
    assert sp.simplify(rebound_energy_elasticity() - (1 - eps)) == 0


def test_sympy_derivative_sign_is_sign_of_one_minus_elasticity():
    A, kappa, e, eps = (SYMBOLS[n] for n in ("A", "kappa", "e", "epsilon"))
    derivative = rebound_energy_derivative()
    for elasticity in (0.0, 0.5, 0.99, 1.0, 1.01, 2.0):
        value = float(derivative.subs({A: 1.5, kappa: 0.2, e: 3.0, eps: elasticity}))
        assert np.sign(value) == np.sign(1 - elasticity)


@settings(max_examples=200, deadline=None)
@given(s1=st.floats(1e-3, 1e3), s2=st.floats(1e-3, 1e3), eps=st.floats(0.0, 3.0))
def test_energy_falls_with_efficiency_gain_iff_elasticity_below_one(s1, s2, eps):
    assume(s2 > s1 * (1 + 1e-6))
    assume(abs(eps - 1) > 1e-6)
    lower_after_gain = rebound_energy_ratio(s2, eps) < rebound_energy_ratio(s1, eps)
    assert lower_after_gain == (eps < 1)


@settings(max_examples=200, deadline=None)
@given(s=st.floats(1e-3, 1e3), eps=st.floats(0.0, 3.0))
def test_rebound_fraction_definition(s, eps):
    assume(abs(s - 1) > 1e-3)
    expected_saving = 1 - 1 / s
    actual_saving = 1 - rebound_energy_ratio(s, eps)
    assert_allclose(rebound_fraction(s, eps), 1 - actual_saving / expected_saving,
                    rtol=1e-9, atol=1e-12)
    if s > 1 and abs(eps - 1) > 1e-6:
        assert (rebound_fraction(s, eps) > 1) == (eps > 1)  # backfire


def test_rebound_fraction_tends_to_elasticity_for_small_gains():
    for eps in (0.0, 0.3, 1.0, 2.5):
        assert_allclose(rebound_fraction(1.0 + 1e-9, eps), eps, rtol=1e-7, atol=1e-12)
        assert rebound_fraction(1.0, eps) == pytest.approx(eps)


def test_growth_rates_match_sympy():
    g, r, eps = (SYMBOLS[n] for n in ("g", "r", "epsilon"))
    rate = sp.lambdify((g, r, eps), rebound_power_growth_rate())
    for args in [(0.2, 0.5, 0.0), (0.1, 0.4, 1.5), (0.3, 0.3, 1.0)]:
        assert_allclose(effective_energy_growth_rate(*args), rate(*args), rtol=1e-12, atol=1e-15)
        assert_allclose(induced_demand_growth_rate(*args) - args[1],
                        effective_energy_growth_rate(*args), atol=1e-15)


def test_sympy_boundary():
    g, eps, delta = (SYMBOLS[n] for n in ("g", "epsilon", "delta"))
    boundary = rebound_boundary_expr()
    assert sp.simplify(boundary - g / (1 - eps)) == 0
    assert sp.simplify(rebound_boundary_expr(True) - (g - delta) / (1 - eps)) == 0
    r_star = float(boundary.subs({g: 0.3, eps: 0.5}))  # 0.6
    assert phase_code(0.3, r_star * 1.01, 0.5) == 0
    assert phase_code(0.3, r_star * 0.99, 0.5) == 2


# ----------------------------------------------------------------------------- the verdict

rates = st.floats(-1.0, 1.0)


@settings(max_examples=300, deadline=None)
@given(g=rates, r=rates, eps=st.floats(0.0, 3.0), delta=st.floats(0.0, 0.5))
def test_phase_code_consistent_with_lifecycle_limits(g, r, eps, delta):
    k = g + (eps - 1) * r
    assume(abs(k) > 1e-9 and abs(k - delta) > 1e-9)
    observed = induced_demand_growth_rate(g, r, eps)
    code = phase_code(g, r, eps, delta)
    assert PHASE_LABELS[code]
    assert (code == 0) == math.isfinite(limiting_inference_energy(1.0, 1.0, observed, r))
    present = limiting_inference_energy(1.0, 1.0, observed, r, discount_rate=delta)
    assert (code <= 1) == math.isfinite(present)
    verdict = argument_verdict(g, r, eps, delta)
    assert verdict.per_model_diverges == (code >= 1)
    assert verdict.present_value_finite == (code <= 1)


@settings(max_examples=300, deadline=None)
@given(g=rates, r=rates, eps=st.floats(0.0, 3.0), tau=st.floats(0.25, 5.0),
       c=st.floats(0.3, 5.0))
def test_fleet_trend_consistent_with_fleet_limiting_ratio(g, r, eps, tau, c):
    k = g + (eps - 1) * r
    a = math.log(c) / tau
    assume(abs(k * tau) > 1e-6 and abs(a * tau) > 1e-6 and abs((k - a) * tau) > 1e-6)
    verdict = argument_verdict(g, r, eps, 0.0, tau, c)
    ratio = fleet_limiting_ratio(tau, 1.0, c, 1.0, 1.0, float(induced_demand_growth_rate(
        g, r, eps)), r)
    expected = 1 if math.isinf(ratio) else (-1 if ratio == 0 else 0)
    assert verdict.fleet_trend == expected


def test_verdict_at_exact_ties():
    # g = r, constant runs: finite fleet ratio, per-model divergence (linear growth)
    v = argument_verdict(0.3 / YEAR, 0.3 / YEAR)
    assert v.fleet_trend == 0 and v.per_model_diverges and not v.present_value_finite
    assert isinstance(v, ArgumentVerdict)
    # rebound at exactly the boundary r = g / (1 - eps)
    assert phase_code(0.3, 0.6, 0.5) == 2 and phase_code(0.3, 0.6, 0.5, 0.1) == 1
    # unit elasticity: efficiency drops out, k = g
    assert effective_energy_growth_rate(0.2, 0.9, 1.0) == pytest.approx(0.2)
    words = argument_verdict(0.5, 0.2, 1.5).describe()
    assert words == {"per_model": "infinite", "present_value": "infinite",
                     "fleet": "inference dominates", "rebound": "backfire"}


def test_phase_code_vectorized():
    codes = phase_code(np.array([0.1, 0.3, 0.5]), 0.3, 0.0, 0.1)
    assert codes.tolist() == [0, 1, 2]
    assert codes.dtype.kind == "i"


def test_backfire_makes_efficiency_accelerate_divergence():
    # With eps > 1, a faster efficiency gain raises k; with eps < 1 it lowers it.
    assert effective_energy_growth_rate(0.2, 0.8, 1.5) > effective_energy_growth_rate(0.2, 0.4, 1.5)
    assert effective_energy_growth_rate(0.2, 0.8, 0.5) < effective_energy_growth_rate(0.2, 0.4, 0.5)


# ------------------------------------------------------------------- efficiency elasticity


def test_efficiency_elasticity_matches_sympy_and_finite_differences():
    S = SYMBOLS
    expr = efficiency_elasticity_expr()
    vals = {S["epsilon"]: 1.8, S["kappa"]: 2.0, S["e"]: 0.5, S["c"]: 3.0, S["A"]: 7.0}
    theta = 2.0 * 0.5 / (3.0 + 2.0 * 0.5)
    assert float(expr.subs(vals)) == pytest.approx(efficiency_elasticity(1.8, theta), rel=1e-14)
    assert sp.simplify(expr.subs(S["c"], 0) - S["epsilon"]) == 0

    def log_q(e):  # demand A (c + kappa e)**(-eps_p)
        return math.log(7.0) - 1.8 * math.log(3.0 + 2.0 * e)

    h = 1e-6
    numeric = -(log_q(0.5 * math.exp(h)) - log_q(0.5 * math.exp(-h))) / (2 * h)
    assert numeric == pytest.approx(efficiency_elasticity(1.8, theta), rel=1e-8)


@given(st.floats(0.0, 5.0), st.floats(0.0, 1.0))
def test_efficiency_elasticity_never_exceeds_price_elasticity(eps_p, theta):
    assert 0.0 <= efficiency_elasticity(eps_p, theta) <= eps_p


def test_backfire_through_price_needs_theta_times_elasticity_above_one():
    # elastic demand (eps_p = 2) does not backfire if energy is a fifth of the price
    assert rebound_energy_ratio(10.0, efficiency_elasticity(2.0, 0.2)) < 1.0
    assert rebound_energy_ratio(10.0, efficiency_elasticity(2.0, 1.0)) > 1.0


def test_saturated_power_growth_rate_with_price_responsive_ceiling():
    S = SYMBOLS
    k_sat = saturated_power_growth_rate()
    assert sp.simplify(k_sat - (S["epsilon"] - 1) * S["r"]) == 0
    # it is the rebound growth rate with no exogenous growth
    assert sp.simplify(rebound_power_growth_rate().subs(S["g"], 0) - k_sat) == 0
