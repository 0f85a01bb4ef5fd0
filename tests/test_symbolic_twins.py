"""energylib.symbolic's twins of energylib's numeric rules, against energylib itself.

A ``*_twin`` (an expression) or ``*_steps`` (named definitions) writes one of
energylib's numeric functions in SymPy, operation by operation, for the explorers'
declarations (``energylib/explorers/``).  Here each is printed with the explorers'
own numpy printer (:func:`energylib.explorers.render.numpy_code`, full-precision
floats), evaluated, and compared with the function it mirrors: exactly where a knife
edge decides (a trend, a zero), to 1e-12 elsewhere.  The explorer tests compare the
assembled declarations too; these tests name the twin that breaks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given
from hypothesis import strategies as st
from scipy.special import exprel

from energylib import agents, caching
from energylib.explorers.render import numpy_code
from energylib.lifecycle import fleet_limiting_ratio
from energylib.rebound import argument_verdict
from energylib.symbolic.agents import agent_count_twin, raw_machine_energy_twin
from energylib.symbolic.argument import effective_exponent_steps, fleet_trend_steps
from energylib.symbolic.caching import zipf_hit_rate_limit_twin, zipf_hit_rate_twin
from energylib.symbolic.lifecycle import exprel_twin, fleet_limiting_ratio_steps
from energylib.units import YEAR


def evaluate(steps: Iterable[tuple[str, sp.Basic]], env: Mapping[str, float]) -> dict:
    """Each step, printed as the explorers print it and evaluated in order."""
    values = {k: np.float64(v) for k, v in env.items()}
    for name, expr in steps:
        with np.errstate(all="ignore"):  # numpy.select evaluates every branch
            values[name] = float(eval(numpy_code(expr), {"numpy": np}, dict(values)))  # noqa: S307
    return values


def symbols(names: str) -> tuple[sp.Symbol, ...]:
    return tuple(sp.symbols(names, real=True, seq=True))


RATES = st.sampled_from([0.0, 0.1, 0.3, 0.5, 1.6, -0.2, 1e-9, -1e-9, 3.5])
EPS = st.sampled_from([0.0, 0.5, 1.0, 1.0 + 1e-13, 1.5, 2.0])
TAUS = st.sampled_from([0.25, 1.0, 2.5, 5.0])
COSTS = st.sampled_from([0.5, 1.0, 1.3, 1.35, 2.0, math.exp(0.3), math.exp(0.3) + 1e-12])


@given(g=RATES, r=RATES, eps=EPS, tau=TAUS, c=COSTS)
@example(g=0.3, r=0.3, eps=0.0, tau=1.0, c=1.0)  # g = r: k is zero
@example(g=0.4, r=0.8, eps=0.5, tau=1.0, c=1.0)  # g + (eps - 1) r rounds to about 0
def test_exponent_and_trend_steps_are_argument_verdicts(g, r, eps, tau, c) -> None:
    gs, rs, es, a, ts = symbols("g r e a tau")
    k = sp.Symbol("k", real=True)
    steps = (*effective_exponent_steps("k", gs, rs, es), *fleet_trend_steps("trend", k, a, ts))
    got = evaluate(steps, {"g": g, "r": r, "e": eps, "a": math.log(c) / tau, "tau": tau})
    want = argument_verdict(g, r, eps, 0.0, tau, c)
    assert got["k"] == want.effective_exponent
    assert got["trend"] == want.fleet_trend


@given(k=RATES, c=COSTS, tau=TAUS, e1=st.sampled_from([1.0, 50.0]))
@example(k=1e-9, c=1.0, tau=1.0, e1=1.0)  # k tau exactly 1e-9 against a = 0
@example(k=math.log(1.3) / 2.5, c=1.3, tau=2.5, e1=50.0)  # k = a > 0: "the same rate"
@example(k=0.0, c=1.0, tau=2.5, e1=50.0)  # both flat
def test_fleet_limiting_ratio_steps_are_energylibs(k, c, tau, e1) -> None:
    ks, a, ts, p0, e1s = symbols("k a tau p0 e1")
    got = evaluate(fleet_limiting_ratio_steps("ratio", ks, a, ts, p0, e1s),
                   {"k": k, "a": math.log(c) / tau, "tau": tau, "p0": 100.0, "e1": e1})["ratio"]
    want = fleet_limiting_ratio(tau, e1, c, 100.0, 1.0, k, 0.0)
    assert got == want or math.isclose(got, want, rel_tol=1e-12)


EPSILON = float(np.finfo(float).eps)


@pytest.mark.parametrize("x", [0.0, 1e-17, EPSILON, float(np.nextafter(EPSILON, 0.0)), -3.0, 0.5,
                               716.9, 717.0, 717.5, 800.0])
def test_exprel_twin_is_scipys(x: float) -> None:
    (xs,) = symbols("x")
    got = evaluate([("y", exprel_twin(xs))], {"x": x})["y"]
    assert got == exprel(x)


@pytest.mark.parametrize(("k", "n", "s"), [(1.0, 1.0, 0.8), (3.0, 10.0, 2.0), (31.0, 32.0, 1.0),
                                           (1e4, 1e9, 0.8), (1e4, 1e15, 1.2), (1e6, 1e6, 0.0)])
def test_zipf_twins_are_energylibs(k: float, n: float, s: float) -> None:
    ks, ns, ss = symbols("k n s")
    got = evaluate([("hit", zipf_hit_rate_twin(ks, ns, ss)),
                    ("limit", zipf_hit_rate_limit_twin(ks, ss))], {"k": k, "n": n, "s": s})
    assert got["hit"] == pytest.approx(caching.zipf_cache_hit_rate(k, n, s), rel=1e-12)
    assert got["limit"] == pytest.approx(caching.zipf_cache_hit_rate_limit(k, s), rel=1e-12,
                                         abs=1e-15)


@pytest.mark.parametrize("ceiling", [math.inf, 1e6, 1e4])
@pytest.mark.parametrize("g", [0.0, 0.5 / YEAR, 1.0 / YEAR])
def test_agent_twins_are_energylibs(ceiling: float, g: float) -> None:
    ts, a0, k, gs, p0, per_agent, log_flag, const_flag = symbols(
        "t a0 K g p0 per_agent logistic constant")
    a_start, per = 1e4, 7.0  # agents, W per agent (constant calls)
    logistic, constant = math.isfinite(ceiling), g == 0 or a_start == ceiling
    env = {"a0": a_start, "K": ceiling if logistic else math.inf, "g": g, "p0": a_start * per,
           "per_agent": per, "logistic": float(logistic), "constant": float(constant)}
    for t in (0.0, 1e7, 3e8):
        env["t"] = t
        got = evaluate([("n", agent_count_twin(ts, a0, k, gs, log_flag > 0)),
                        ("e", raw_machine_energy_twin(ts, p0, per_agent, a0, k, gs,
                                                      const_flag > 0, log_flag > 0))], env)
        assert got["n"] == pytest.approx(agents.agent_population(t, a_start, g, ceiling),
                                         rel=1e-12)
        want = agents.cumulative_machine_energy(t, a_start, 1.0, per, 1.0, agent_growth=g,
                                                agent_capacity=ceiling)
        assert got["e"] == pytest.approx(want, rel=1e-9, abs=1e-9)
