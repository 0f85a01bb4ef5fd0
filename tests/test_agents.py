"""Machine-driven demand (energylib.agents): closed forms, limits, SymPy, properties, bad input."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.integrate import quad

from energylib import agents as ag
from energylib.symbolic import agents as sym
from energylib.units import DAY, KWH, YEAR

# function -> (valid keyword arguments, {parameter: [out-of-range values]}),
# in the format of CASES in tests/test_bad_input.py.
_SCENARIO = dict(
    agents0=1e3,
    calls_per_second0=10.0,
    tokens_per_call=100.0,
    energy_per_token=0.1,
    agent_growth=1e-8,
    call_growth=1e-8,
    agent_capacity=1e6,
    call_capacity=100.0,
    overhead=1.2,
)
_SCENARIO_BAD = {
    "agents0": [-1, math.inf],
    "calls_per_second0": [-1, math.inf],
    "tokens_per_call": [-1, math.inf],
    "energy_per_token": [-0.1, math.inf],
    "agent_growth": [-1e-8, math.inf],
    "call_growth": [-1e-8, math.inf],
    "agent_capacity": [0, 10.0, -1],  # 10 < agents0
    "call_capacity": [0, 1.0],  # 1 < calls_per_second0
    "overhead": [0.9, math.inf],
}
BAD_INPUT_CASES: dict = {
    ag.call_tokens: (dict(task="agent step", output_tokens=500.0),
                     {"task": ["poem", "Chat"], "output_tokens": [0, -1, math.inf]}),
    ag.scope_overheads: (dict(overhead=1.7), {"overhead": [0.5, -1, math.inf]}),
    ag.energy_per_call: (
        dict(output_tokens=717.0, energy_per_output_token=0.12, input_tokens=8000.0,
             energy_per_input_token=0.05),
        {
            "output_tokens": [-1, math.inf],
            "energy_per_output_token": [-0.1, math.inf],
            "input_tokens": [-1, math.inf],
            "energy_per_input_token": [-0.1, math.inf],
        },
    ),
    ag.calls_in_flight: (
        dict(calls_per_second=100.0, output_tokens=717.0, stream_tokens_per_second=75.0),
        {
            "calls_per_second": [-1, math.inf],
            "output_tokens": [-1, math.inf],
            "stream_tokens_per_second": [0, -1, math.inf],
        },
    ),
    ag.agent_power: (
        dict(calls_per_second=100.0, tokens_per_call=717.0, energy_per_token=0.12, overhead=1.5),
        {
            "calls_per_second": [-1, math.inf],
            "tokens_per_call": [-1, math.inf],
            "energy_per_token": [-0.1, math.inf],
            "overhead": [0.5, math.inf],
        },
    ),
    ag.agent_energy_per_day: (
        dict(calls_per_second=100.0, tokens_per_call=717.0, energy_per_token=0.12, overhead=1.5),
        {
            "calls_per_second": [-1],
            "tokens_per_call": [-1],
            "energy_per_token": [-0.1, math.inf],
            "overhead": [0.99],
        },
    ),
    ag.agents_for_power: (
        dict(target_power=4.7e10, calls_per_second=100.0, tokens_per_call=717.0,
             energy_per_token=0.12, overhead=1.5),
        {
            "target_power": [-1, math.inf],
            "calls_per_second": [0, -1],
            "tokens_per_call": [0],
            "energy_per_token": [0, math.inf],
            "overhead": [0.5],
        },
    ),
    ag.agent_population: (
        dict(t=YEAR, agents0=1e3, growth_rate=1e-8, capacity=1e6),
        {"t": [-1, math.inf], "agents0": [-1], "growth_rate": [-1e-8, math.inf],
         "capacity": [0, 10.0]},
    ),
    ag.call_rate_per_agent: (
        dict(t=YEAR, calls_per_second0=10.0, growth_rate=1e-8, capacity=100.0),
        {"t": [-1], "calls_per_second0": [-1, math.inf], "growth_rate": [-1.0],
         "capacity": [0, 1.0]},
    ),
    ag.machine_power: (
        dict(t=YEAR, **_SCENARIO, power_cap=1e9),
        {"t": [-1, math.inf], **_SCENARIO_BAD, "power_cap": [0, -1]},
    ),
    ag.cumulative_machine_energy: (
        dict(horizon=YEAR, **_SCENARIO, power_cap=1e9),
        {"horizon": [-1, math.inf], **_SCENARIO_BAD, "power_cap": [0]},
    ),
    ag.limiting_machine_power: (
        dict(**_SCENARIO, power_cap=1e9),
        {**_SCENARIO_BAD, "power_cap": [-5]},
    ),
    ag.time_to_power: (
        dict(target_power=1e7, **_SCENARIO),
        {"target_power": [0, -1, math.inf], **_SCENARIO_BAD},
    ),
}

Y = YEAR
BASE = dict(agents0=1e3, calls_per_second0=10.0, tokens_per_call=100.0, energy_per_token=0.1)
SCENARIOS = {
    "exp-exp": dict(BASE, agent_growth=1.0 / Y, call_growth=0.5 / Y),
    "exp-const": dict(BASE, agent_growth=0.7 / Y),
    "log-const": dict(BASE, agent_growth=1.0 / Y, agent_capacity=1e6),
    "const-log": dict(BASE, call_growth=2.0 / Y, call_capacity=1e3),
    "log-log": dict(BASE, agent_growth=1.0 / Y, agent_capacity=1e6, call_growth=0.5 / Y,
                    call_capacity=100.0),
    "log-exp": dict(BASE, agent_growth=1.0 / Y, agent_capacity=1e6, call_growth=0.3 / Y),
    "log-slow": dict(BASE, agent_growth=1e-6 / Y, agent_capacity=1e6),  # nearly constant
    "log-at-cap": dict(BASE, agent_growth=1.0 / Y, agent_capacity=1e3),  # starts at its ceiling
}


def numeric_energy(T, cap=math.inf, **kw):
    """quad of min(P, cap), with the kink (if any) given as a breakpoint."""
    points = None
    if math.isfinite(cap):
        t_cap = ag.time_to_power(cap, **kw)
        if 0 < t_cap < T:
            points = [t_cap]
    value, _ = quad(lambda t: ag.machine_power(t, **kw, power_cap=cap), 0.0, T,
                    epsabs=0.0, epsrel=1e-13, limit=500, points=points)
    return value


# --- what one agent costs ------------------------------------------------------------------


def test_agent_power_and_energy_hand_computed():
    assert ag.agent_power(100.0, 717.0, 0.12) == pytest.approx(8604.0)
    assert ag.agent_energy_per_day(100.0, 717.0, 0.12) == pytest.approx(8604.0 * DAY)
    assert ag.agent_energy_per_day(1.0, 1.0, 1.0, 2.0) / KWH == pytest.approx(48.0 / 1000)
    assert ag.agents_for_power(8604.0 * 10, 100.0, 717.0, 0.12) == pytest.approx(10.0)


def test_energy_per_call_input_and_output_terms():
    # Output only reproduces n * epsilon; input adds n_in * epsilon_in.
    assert ag.energy_per_call(717.0, 0.12) == pytest.approx(717.0 * 0.12)
    both = ag.energy_per_call(717.0, 0.12, input_tokens=8000.0, energy_per_input_token=0.05)
    assert both == pytest.approx(8000.0 * 0.05 + 717.0 * 0.12)
    # Vectorised, and usable as the energy of a call in agent_power.
    e = ag.energy_per_call(np.array([10.0, 100.0]), 0.1, 1000.0, 0.01)
    assert_allclose(e, [11.0, 20.0])
    assert ag.agent_power(100.0, 1.0, both) == pytest.approx(100.0 * both)


def test_calls_in_flight_is_littles_law():
    assert ag.calls_in_flight(100.0, 717.0, 75.0) == pytest.approx(100.0 * 717.0 / 75.0)
    # A sequential loop (one call in flight) manages 1 / W calls a second.
    w = 717.0 / 75.0
    assert ag.calls_in_flight(1.0 / w, 717.0, 75.0) == pytest.approx(1.0)
    assert_allclose(ag.calls_in_flight(np.array([0.0, 10.0]), 50.0, 50.0), [0.0, 10.0])


def test_published_figures_and_constants():
    assert ag.ENERGY_PER_TOKEN["llama-3.1-8b-h100-b64"].energy == 0.12
    assert ag.ENERGY_PER_TOKEN["gpt-4o-epoch"].energy == pytest.approx(2.16)
    assert ag.FULL_STACK_OVERHEAD == pytest.approx(1 / 0.58)
    assert ag.DATA_CENTRE_POWER_2024 / 1e9 == pytest.approx(47.34, rel=1e-3)  # 415 TWh/yr
    assert ag.EVERYDAY_ENERGY["US household, one day"][0] / KWH == pytest.approx(29.356, 1e-4)
    assert ag.EVERYDAY_ENERGY["electric car, one km"][0] / KWH == pytest.approx(0.14957, 1e-4)


# --- closed forms against quad ---------------------------------------------------------------


@pytest.mark.parametrize("name", list(SCENARIOS))
@pytest.mark.parametrize("years", [0.5, 5.0, 30.0])
def test_energy_matches_numeric_integral(name, years):
    kw = SCENARIOS[name]
    T = years * Y
    assert_allclose(ag.cumulative_machine_energy(T, **kw), numeric_energy(T, **kw), rtol=1e-9)


@pytest.mark.parametrize("name", ["exp-exp", "log-const", "log-log", "log-exp"])
@pytest.mark.parametrize("cap", [5e6, 5e7, 1e12])
def test_capped_energy_matches_numeric_integral(name, cap):
    kw = SCENARIOS[name]
    T = 30 * Y
    assert_allclose(ag.cumulative_machine_energy(T, **kw, power_cap=cap),
                    numeric_energy(T, cap=cap, **kw), rtol=1e-9)


def test_cap_below_starting_power_is_flat():
    kw = SCENARIOS["exp-exp"]
    p0 = ag.machine_power(0.0, **kw)
    assert ag.cumulative_machine_energy(Y, **kw, power_cap=p0 / 2) == pytest.approx(p0 / 2 * Y)


@pytest.mark.parametrize("name", ["exp-exp", "exp-const", "log-const", "const-log", "log-log",
                                  "log-exp"])
def test_time_to_power_inverts_the_power(name):
    kw = SCENARIOS[name]
    p0 = ag.machine_power(0.0, **kw)
    limit = ag.limiting_machine_power(**kw)
    target = min(p0 * 50, math.sqrt(p0 * limit) if math.isfinite(limit) else p0 * 50)
    t_star = ag.time_to_power(target, **kw)
    assert 0 < t_star < math.inf
    assert_allclose(ag.machine_power(t_star, **kw), target, rtol=1e-9)
    assert ag.time_to_power(p0 / 2, **kw) == 0.0
    if math.isfinite(limit):
        assert ag.time_to_power(limit * 1.01, **kw) == math.inf


# --- limits ----------------------------------------------------------------------------------


def test_limits_against_large_time():
    for name in ("log-log", "log-const", "const-log"):
        kw = SCENARIOS[name]
        limit = ag.limiting_machine_power(**kw)
        assert ag.machine_power(400 * Y, **kw) == pytest.approx(limit, rel=1e-12)
        # energy grows linearly at the limiting power: E(T)/T -> P_inf
        e1, e2 = (ag.cumulative_machine_energy(T * Y, **kw) for T in (300.0, 600.0))
        assert (e2 - e1) / (300 * Y) == pytest.approx(limit, rel=1e-9)
    kw = SCENARIOS["log-log"]
    assert ag.limiting_machine_power(**kw) == pytest.approx(1e6 * 100.0 * 100.0 * 0.1)
    for name in ("exp-exp", "exp-const", "log-exp"):
        assert ag.limiting_machine_power(**SCENARIOS[name]) == math.inf
        assert ag.limiting_machine_power(**SCENARIOS[name], power_cap=3e9) == 3e9
        assert ag.machine_power(60 * Y, **SCENARIOS[name], power_cap=3e9) == 3e9


def test_zero_factors_give_zero_not_nan():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kw = dict(SCENARIOS["exp-exp"], calls_per_second0=0.0, call_capacity=math.inf)
        assert ag.limiting_machine_power(**kw) == 0.0
        assert ag.machine_power(1e4 * Y, **kw) == 0.0  # overflowed agents x no calls
        assert ag.time_to_power(1.0, **kw) == math.inf
        assert ag.agent_population(Y, 0.0, 1.0 / Y, capacity=10.0) == 0.0
        assert ag.limiting_machine_power(**dict(kw, agents0=0.0, calls_per_second0=1.0)) == 0.0
        assert ag.cumulative_machine_energy(Y, **dict(BASE, energy_per_token=0.0)) == 0.0


def test_overflow_gives_inf_not_nan():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ag.machine_power(1e5 * Y, **SCENARIOS["exp-exp"]) == math.inf


def test_vectorized_over_arrays():
    t = np.linspace(0.0, 10.0, 11) * Y
    p = ag.machine_power(t, **SCENARIOS["log-log"])
    assert p.shape == (11,) and np.all(np.diff(p) > 0)
    e = ag.cumulative_machine_energy(t, **SCENARIOS["log-exp"])
    assert e.shape == (11,) and e[0] == 0.0 and np.all(np.diff(e) > 0)
    e2 = ag.cumulative_machine_energy(Y, **dict(SCENARIOS["exp-exp"],
                                                 agents0=np.array([1.0, 2.0])))
    assert e2.shape == (2,) and e2[1] == pytest.approx(2 * e2[0])
    tt = ag.time_to_power(np.array([1e7, 1e8]), **SCENARIOS["exp-exp"])
    assert tt.shape == (2,) and tt[1] > tt[0]


# --- SymPy against numbers -------------------------------------------------------------------


S = sym.AGENT_SYMBOLS
VALUES = {S["a0"]: 1e3, S["c0"]: 10.0, S["K_a"]: 1e6, S["K_c"]: 100.0, S["g_a"]: 1.3,
          S["g_c"]: 0.4, S["n"]: 100.0, S["epsilon"]: 0.1, S["o"]: 1.0}


@pytest.mark.parametrize("agent_model", ["exponential", "logistic"])
@pytest.mark.parametrize("call_model", ["exponential", "logistic"])
def test_sympy_power_matches_numeric(agent_model, call_model):
    f = sym.lambdified_machine_power(agent_model, call_model)
    kw = dict(agents0=1e3, calls_per_second0=10.0, tokens_per_call=100.0, energy_per_token=0.1,
              agent_growth=1.3, call_growth=0.4,
              agent_capacity=1e6 if agent_model == "logistic" else math.inf,
              call_capacity=100.0 if call_model == "logistic" else math.inf)
    t = np.array([0.0, 0.5, 3.0, 12.0])
    expected = f(t, 1e3, 10.0, 1e6, 100.0, 1.3, 0.4, 100.0, 0.1, 1.0)
    assert_allclose(ag.machine_power(t, **kw), expected, rtol=1e-12)
    limit = sym.machine_power_limit(agent_model, call_model)
    numeric_limit = ag.limiting_machine_power(**kw)
    if limit == sp.oo:
        assert numeric_limit == math.inf
    else:
        assert float(limit.subs(VALUES)) == pytest.approx(numeric_limit, rel=1e-12)


def test_sympy_capped_and_average_limits():
    assert sym.capped_power_limit("exponential", "logistic") == S["P_cap"]
    ll = sym.capped_power_limit("logistic", "logistic")
    assert float(ll.subs(VALUES).subs(S["P_cap"], 1e6)) == 1e6
    assert sym.average_power_limit("logistic", "logistic") == sym.machine_power_limit(
        "logistic", "logistic")
    assert sym.average_power_limit("exponential", "logistic") == sp.oo


def test_sympy_logistic_energy_matches_numeric():
    expr = sym.logistic_energy_expr()
    f = sp.lambdify((S["T"], S["a0"], S["K_a"], S["g_a"], S["c0"], S["n"], S["epsilon"],
                     S["o"]), expr)
    for T in (0.1, 2.0, 40.0):
        numeric = ag.cumulative_machine_energy(T, 1e3, 10.0, 100.0, 0.1, agent_growth=1.3,
                                               agent_capacity=1e6)
        value = float(f(T, 1e3, 1e6, 1.3, 10.0, 100.0, 0.1, 1.0))
        assert value == pytest.approx(numeric, rel=1e-10)


def test_sympy_time_to_power_matches_numeric():
    expr = sym.time_to_power_expr()
    value = float(expr.subs(VALUES).subs(S["P_star"], 1e9))
    numeric = ag.time_to_power(1e9, 1e3, 10.0, 100.0, 0.1, agent_growth=1.3, call_growth=0.4)
    assert value == pytest.approx(numeric, rel=1e-12)


def test_sympy_logistic_is_the_ode_solution():
    x = sym.growth_expr("logistic", S["a0"], S["g_a"], S["K_a"])
    residual = sp.diff(x, S["t"]) - S["g_a"] * x * (1 - x / S["K_a"])
    assert sp.simplify(residual) == 0
    with pytest.raises(ValueError, match="model"):
        sym.growth_expr("gompertz", S["a0"], S["g_a"], S["K_a"])


# --- hypothesis properties -------------------------------------------------------------------

pos = st.floats(min_value=1e-2, max_value=1e3, allow_nan=False)
rate = st.floats(min_value=0.0, max_value=3.0, allow_nan=False)
factor = st.floats(min_value=1.01, max_value=10.0)


@settings(max_examples=150, deadline=None)
@given(a0=pos, c0=pos, n=pos, e=pos, ga=rate, gc=rate, f=factor,
       years=st.floats(0.1, 30.0), logistic=st.booleans())
def test_monotone_in_agents_calls_and_tokens(a0, c0, n, e, ga, gc, f, years, logistic):
    k_a = a0 * 1e3 * f if logistic else math.inf
    kw = dict(agents0=a0, calls_per_second0=c0, tokens_per_call=n, energy_per_token=e,
              agent_growth=ga / Y, call_growth=gc / Y, agent_capacity=k_a)
    T = years * Y
    base_p = ag.machine_power(T, **kw)
    base_e = ag.cumulative_machine_energy(T, **kw)
    for name in ("agents0", "calls_per_second0", "tokens_per_call", "energy_per_token"):
        more = dict(kw, **{name: kw[name] * f})
        if name == "agents0" and logistic:  # both saturate at the same ceiling, where the
            # early difference can vanish in rounding
            assert ag.machine_power(T, **more) >= base_p * (1 - 1e-12)
            assert ag.cumulative_machine_energy(T, **more) >= base_e * (1 - 1e-12)
        else:
            assert ag.machine_power(T, **more) > base_p
            assert ag.cumulative_machine_energy(T, **more) > base_e
    assert ag.agent_power(c0 * f, n, e) > ag.agent_power(c0, n, e)
    assert ag.agent_energy_per_day(c0, n * f, e) > ag.agent_energy_per_day(c0, n, e)


@settings(max_examples=200, deadline=None)
@given(a0=pos, ratio=st.floats(1.0, 1e6), g=st.floats(0.0, 50.0),
       t=st.floats(0.0, 1e3))
def test_logistic_never_above_capacity(a0, ratio, g, t):
    k = a0 * ratio
    a = ag.agent_population(t, a0, g, capacity=k)
    assert a0 * (1 - 1e-12) <= a <= k * (1 + 1e-12)
    assert ag.agent_population(t, a0, g) >= a * (1 - 1e-12)  # exponential is never below


@settings(max_examples=100, deadline=None)
@given(cap=st.floats(1e3, 1e12), years=st.floats(0.1, 50.0))
def test_power_never_above_cap(cap, years):
    kw = SCENARIOS["exp-exp"]
    assert ag.machine_power(years * Y, **kw, power_cap=cap) <= cap * (1 + 1e-12)
    assert ag.cumulative_machine_energy(years * Y, **kw, power_cap=cap) <= cap * years * Y * (
        1 + 1e-12)


# --- bad input -------------------------------------------------------------------------------


def test_every_public_function_is_covered():
    public = {getattr(ag, n) for n in ag.__all__
              if callable(getattr(ag, n)) and not isinstance(getattr(ag, n), type)}
    missing = public - set(BAD_INPUT_CASES)
    assert not missing, sorted(f.__name__ for f in missing)


@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
def test_valid_call_is_finite(func):
    kwargs, _ = BAD_INPUT_CASES[func]
    result = func(**kwargs)
    assert np.all(np.isfinite(list(result.values()) if isinstance(result, dict) else result))


def test_capacity_error_states_both_values():
    with pytest.raises(ValueError) as info:
        ag.machine_power(0.0, 1e3, 1.0, 1.0, 1.0, agent_capacity=10.0)
    message = str(info.value)
    assert "agent_capacity" in message and "agents0" in message and "10.0" in message


def test_symbolic_models_are_checked():
    with pytest.raises(ValueError, match="agent_model"):
        sym.machine_power_expr("linear", "logistic")
    with pytest.raises(ValueError, match="call_model"):
        sym.machine_power_limit("logistic", "linear")
