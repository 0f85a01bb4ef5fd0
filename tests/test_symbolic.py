"""The numeric lifecycle functions agree with the SymPy derivations."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

from energylib import (
    break_even_time,
    cumulative_inference_energy,
    fleet_limiting_ratio,
    limiting_inference_energy,
)
from energylib.symbolic import (
    SYMBOLS,
    break_even_time_expr,
    cumulative_inference_energy_expr,
    discounted_energy_limit,
    fleet_ratio_limit,
    inference_energy_limit,
    lambdified_cumulative_inference_energy,
)

S = SYMBOLS
rng = np.random.default_rng(20261126)
POINTS = [
    dict(T=float(T), q0=float(q), e0=float(e), g=float(g), r=float(r))
    for T, q, e, g, r in zip(
        rng.uniform(0.1, 20, 25), rng.uniform(0.1, 10, 25), rng.uniform(0.1, 10, 25),
        rng.uniform(0, 1, 25), rng.uniform(0, 1, 25), strict=True,
    )
]


@pytest.mark.parametrize("p", POINTS)
def test_cumulative_energy_matches_sympy_closed_form(p):
    expr = cumulative_inference_energy_expr()
    exact = expr.subs({S["T"]: p["T"], S["q0"]: p["q0"], S["e0"]: p["e0"],
                       S["g"]: p["g"], S["r"]: p["r"]})
    numeric = cumulative_inference_energy(p["T"], p["q0"], p["e0"], p["g"], p["r"])
    assert_allclose(numeric, float(exact), rtol=1e-12)


def test_equal_rates_branch_of_sympy_closed_form():
    expr = cumulative_inference_energy_expr().subs(S["r"], S["g"])
    assert sp.simplify(expr - S["T"] * S["q0"] * S["e0"]) == 0


def test_discounted_closed_form_matches():
    expr = cumulative_inference_energy_expr(discounted=True)
    values = {S["T"]: 7.0, S["q0"]: 2.0, S["e0"]: 3.0, S["g"]: 0.6, S["r"]: 0.2,
              S["delta"]: 0.15}
    numeric = cumulative_inference_energy(7.0, 2.0, 3.0, 0.6, 0.2, 0.15)
    assert_allclose(numeric, float(expr.subs(values)), rtol=1e-12)


def test_lambdified_general_branch_matches_numeric():
    f = lambdified_cumulative_inference_energy()
    T = np.linspace(0.5, 20, 50)
    assert_allclose(f(T, 2.0, 3.0, 0.7, 0.2), cumulative_inference_energy(T, 2.0, 3.0, 0.7, 0.2),
                    rtol=1e-12)


def test_limits_per_regime():
    q0, e0, d = S["q0"], S["e0"], S["d"]
    assert sp.simplify(inference_energy_limit("g<r") - q0 * e0 / d) == 0
    assert inference_energy_limit("g=r") == sp.oo
    assert inference_energy_limit("g>r") == sp.oo
    assert sp.simplify(discounted_energy_limit(True) - q0 * e0 / d) == 0
    assert discounted_energy_limit(False) == sp.oo
    with pytest.raises(ValueError, match="regime"):
        inference_energy_limit("g<<r")


@pytest.mark.parametrize(("g", "r"), [(0.1, 0.4), (0.0, 0.05), (0.3, 0.3), (0.9, 0.1)])
def test_numeric_limit_agrees_with_symbolic(g, r):
    q0, e0 = 3.0, 5.0
    numeric = limiting_inference_energy(q0, e0, g, r)
    if g < r:
        symbolic = inference_energy_limit("g<r").subs({S["q0"]: q0, S["e0"]: e0, S["d"]: r - g})
        assert_allclose(numeric, float(symbolic), rtol=1e-12)
    else:
        assert numeric == math.inf
        assert inference_energy_limit("g=r" if g == r else "g>r") == sp.oo


@pytest.mark.parametrize(("E", "k"), [(10.0, 0.3), (1.0, -0.2), (5.0, 1e-3), (1.0, 2.0)])
def test_break_even_time_matches_sympy(E, k):
    expr = break_even_time_expr().subs({S["E_train"]: E, S["q0"]: 2.0, S["e0"]: 1.5, S["k"]: k})
    numeric = break_even_time(E, 2.0, 1.5, k, 0.0)
    assert_allclose(numeric, float(expr), rtol=1e-10)


def test_fleet_limits_match_sympy():
    a = sp.Symbol("a", positive=True)
    values = {S["q0"]: 2.0, S["e0"]: 3.0, S["E1"]: 10.0, S["tau"]: 1.5}
    assert_allclose(fleet_limiting_ratio(1.5, 10.0, 1.0, 2.0, 3.0, 0.2, 0.2),
                    float(fleet_ratio_limit("constant").subs(values)), rtol=1e-12)
    same = fleet_ratio_limit("same-growth").subs(values).subs(a, 0.4)
    c = math.exp(0.4 * 1.5)
    assert_allclose(fleet_limiting_ratio(1.5, 10.0, c, 2.0, 3.0, 0.6, 0.2), float(same),
                    rtol=1e-9)
    assert fleet_ratio_limit("inference-faster") == sp.oo
    assert fleet_ratio_limit("training-faster") == 0
    with pytest.raises(ValueError, match="regime"):
        fleet_ratio_limit("sideways")
