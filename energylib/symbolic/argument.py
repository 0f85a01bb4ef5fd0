"""SymPy derivations for the chapter "The argument, formalized, and where it breaks".

Rebound: total energy under constant-elasticity demand, its elasticity with
respect to energy per query, and the growth rate of inference power when
efficiency gains induce demand.  Saturation: logistic demand, the bound that
makes lifetime inference energy finite for any efficiency gain ``r > 0``, and
the linear growth without one.  The numeric functions of
:mod:`energylib.rebound` are tested against these expressions
(``tests/test_rebound.py``).

Examples
--------
>>> rebound_energy_elasticity()
1 - epsilon
>>> logistic_energy_bound()
K*w_0/r
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from .lifecycle import Steps, trend_rule_twin

__all__ = [
    "SYMBOLS",
    "rebound_total_energy_expr",
    "rebound_energy_derivative",
    "rebound_energy_elasticity",
    "rebound_power_growth_rate",
    "rebound_boundary_expr",
    "efficiency_elasticity_expr",
    "saturated_power_growth_rate",
    "logistic_demand_expr",
    "logistic_saturation_gap",
    "logistic_energy_bound",
    "logistic_energy_no_efficiency_expr",
    "logistic_energy_slope",
    "lambdified_logistic_energy_no_efficiency",
    "effective_exponent_steps",
    "fleet_trend_steps",
]

t, T = sp.symbols("t T", positive=True)
q0, e0, K, A, kappa = sp.symbols("q_0 w_0 K A kappa", positive=True)  # w: energy per query
a = sp.Symbol("m", nonnegative=True)  # K / q0 - 1 (printed m: the book's a is a rate)
g, r, delta = sp.symbols("g r delta", positive=True)
e, p = sp.symbols("w p", positive=True)  # energy per query (printed w), price
epsilon = sp.Symbol("epsilon", nonnegative=True)
c_other = sp.Symbol("p_other", positive=True)  # the part of a query's price that is not energy

SYMBOLS: dict[str, sp.Symbol] = {
    "t": t,
    "T": T,
    "q0": q0,
    "e0": e0,
    "K": K,
    "a": a,
    "A": A,
    "kappa": kappa,
    "g": g,
    "r": r,
    "delta": delta,
    "e": e,
    "p": p,
    "epsilon": epsilon,
    "c": c_other,
}
"""The symbols used in every expression, by name."""


def rebound_total_energy_expr() -> sp.Expr:
    """Total energy ``E = q(p) e`` with ``q = A p**(-epsilon)`` and ``p = kappa e`` [J].

    Examples
    --------
    >>> rebound_total_energy_expr()
    A*w**(1 - epsilon)/kappa**epsilon
    """
    demand = A * p ** (-epsilon)
    energy = demand.subs(p, kappa * e) * e
    return sp.powsimp(sp.expand_power_base(energy, force=True), force=True)


def rebound_energy_derivative() -> sp.Expr:
    """``dE/de``: positive exactly when ``epsilon < 1`` [J/J].

    A *fall* in ``e`` (an efficiency gain) lowers ``E`` when ``dE/de > 0``
    and raises it when ``dE/de < 0``.

    Examples
    --------
    >>> rebound_energy_derivative()
    -A*(epsilon - 1)/(kappa**epsilon*w**epsilon)
    """
    energy = A * (kappa * e) ** (-epsilon) * e
    return sp.factor(sp.diff(energy, e))


def rebound_energy_elasticity() -> sp.Expr:
    """Elasticity of total energy with respect to energy per query, ``d ln E / d ln e`` [-].

    Examples
    --------
    >>> rebound_energy_elasticity()
    1 - epsilon
    """
    energy = rebound_total_energy_expr()
    return sp.simplify(sp.diff(energy, e) * e / energy)


def rebound_power_growth_rate() -> sp.Expr:
    """Growth rate of inference power, ``d/dt ln(q(t) e(t))`` [1/s].

    Exogenous demand ``A0 exp(g t)``, energy per query ``e0 exp(-r t)``,
    price ``kappa e(t)``, demand ``A0 exp(g t) (kappa e(t))**(-epsilon)``.

    Examples
    --------
    >>> rebound_power_growth_rate()
    epsilon*r + g - r
    """
    energy_per_query = e0 * sp.exp(-r * t)
    demand = A * sp.exp(g * t) * (kappa * energy_per_query) ** (-epsilon)
    power = demand * energy_per_query
    return sp.expand(sp.simplify(sp.diff(sp.expand_log(sp.log(power), force=True), t)))


def rebound_boundary_expr(discounted: bool = False) -> sp.Expr:
    """Efficiency rate on the phase boundary ``g + (epsilon - 1) r = delta`` [1/s].

    Solving for ``r`` gives ``(g - delta) / (1 - epsilon)`` (``g / (1 - epsilon)``
    without discounting); for ``epsilon < 1`` lifetime energy converges above it.

    Parameters
    ----------
    discounted : bool
        Use the discounted boundary ``k = delta`` instead of ``k = 0``.

    Examples
    --------
    >>> rebound_boundary_expr()
    -g/(epsilon - 1)
    """
    rhs = delta if discounted else sp.Integer(0)
    solutions = sp.solve(sp.Eq(rebound_power_growth_rate(), rhs), r)
    if len(solutions) != 1:  # pragma: no cover - SymPy changed its answer
        raise RuntimeError(f"expected one boundary, got {solutions}")
    return sp.simplify(solutions[0])


def efficiency_elasticity_expr() -> sp.Expr:
    """``-d ln q / d ln e`` when the price is ``c + kappa e`` and demand ``A p**(-epsilon)`` [-].

    The result is ``epsilon`` times the energy share of the price,
    ``theta = kappa e / (c + kappa e)``; it equals ``epsilon`` only when
    ``c = 0`` (price proportional to energy).

    Examples
    --------
    >>> efficiency_elasticity_expr()
    epsilon*kappa*w/(kappa*w + p_other)
    >>> efficiency_elasticity_expr().subs(c_other, 0)
    epsilon
    """
    demand = A * (c_other + kappa * e) ** (-epsilon)
    return sp.simplify(-sp.diff(sp.log(demand), e) * e)


def saturated_power_growth_rate() -> sp.Expr:
    """Growth rate of power at saturation when the ceiling responds to efficiency [1/s].

    At saturation demand equals the ceiling ``K``; if ``K = K0 (e/e0)**(-epsilon)``
    and ``e = e0 exp(-r t)``, power ``K e`` grows at ``(epsilon - 1) r``: it
    still diverges for ``epsilon > 1``.

    Examples
    --------
    >>> saturated_power_growth_rate()
    r*(epsilon - 1)
    """
    energy_per_query = e0 * sp.exp(-r * t)
    ceiling = K * (energy_per_query / e0) ** (-epsilon)
    power = ceiling * energy_per_query
    return sp.factor(sp.simplify(sp.diff(sp.expand_log(sp.log(power), force=True), t)))


def logistic_demand_expr(in_terms_of_a: bool = False) -> sp.Expr:
    """Logistic demand ``K / (1 + (K/q0 - 1) exp(-g t))`` [queries/s].

    Parameters
    ----------
    in_terms_of_a : bool
        Write ``a = K/q0 - 1`` (>= 0) as the symbol ``a``.

    Examples
    --------
    >>> logistic_demand_expr().subs(t, 0).simplify()
    q_0
    >>> logistic_demand_expr(True)
    K/(m*exp(-g*t) + 1)
    """
    if in_terms_of_a:
        return K / (1 + a * sp.exp(-g * t))
    return K / (1 + (K / q0 - 1) * sp.exp(-g * t))


def logistic_saturation_gap() -> sp.Expr:
    """``K - q(t)``, a ratio of positive terms when ``K >= q0``: demand never exceeds ``K``.

    Examples
    --------
    >>> logistic_saturation_gap()
    K*(K - q_0)/(K + q_0*exp(g*t) - q_0)
    """
    return sp.factor(sp.simplify(K - logistic_demand_expr()))


def logistic_energy_bound() -> sp.Expr:
    """``integral_0^oo K e0 exp(-r t) dt``: an upper bound on lifetime energy [J].

    Since ``q(t) <= K``, the integrand ``q(t) e0 exp(-r t)`` is at most
    ``K e0 exp(-r t)``, whose integral is finite for every ``r > 0``.

    Examples
    --------
    >>> logistic_energy_bound()
    K*w_0/r
    """
    return sp.integrate(K * e0 * sp.exp(-r * t), (t, 0, sp.oo))


def logistic_energy_no_efficiency_expr() -> sp.Expr:
    """``integral_0^T q(t) e0 dt`` for logistic demand and constant energy per query [J].

    SymPy integrates ``K e0 / (1 + a exp(-g t))`` (``a = K/q0 - 1``); the
    result is rewritten as one logarithm, ``(K e0 / g) ln((a + exp(g T)) / (a + 1))``.

    Examples
    --------
    >>> expr = logistic_energy_no_efficiency_expr()
    >>> expr
    K*w_0*log((m + exp(T*g))/(m + 1))/g
    >>> sp.simplify(expr.subs(a, 0))   # starting at saturation: K e0 T
    K*T*w_0
    """
    energy = sp.integrate(logistic_demand_expr(True) * e0, (t, 0, T))
    argument = sp.simplify(sp.exp(sp.expand(g * energy / (K * e0))))
    closed = K * e0 / g * sp.log(argument)
    if sp.simplify(sp.diff(closed - energy, T)) != 0:  # pragma: no cover - guards the rewrite
        raise RuntimeError("the one-logarithm form does not match SymPy's integral")
    return closed


def logistic_energy_slope() -> sp.Expr:
    """``lim E(T) / T`` with logistic demand and ``r = 0``: the total grows like ``K e0 T`` [W].

    Examples
    --------
    >>> logistic_energy_slope()
    K*w_0
    """
    return sp.limit(logistic_energy_no_efficiency_expr() / T, T, sp.oo)


def lambdified_logistic_energy_no_efficiency() -> Callable[..., np.ndarray]:
    """NumPy function ``f(T, q0, e0, g, K)`` made from :func:`logistic_energy_no_efficiency_expr`.

    Examples
    --------
    >>> f = lambdified_logistic_energy_no_efficiency()
    >>> round(float(f(10.0, 1.0, 1.0, 1.0, 100.0)), 6)
    539.931434
    """
    expr = logistic_energy_no_efficiency_expr().subs(a, K / q0 - 1)
    return sp.lambdify((T, q0, e0, g, K), expr, modules="numpy")


# energylib.rebound's numeric rules, step by step, for the explorers' declarations.

def effective_exponent_steps(name: str, g: sp.Expr, r: sp.Expr, eps: sp.Expr) -> Steps:
    """Steps defining ``name`` as ``k = g + (eps - 1) r`` [1/s], as energylib rounds it.

    As :func:`energylib.rebound.argument_verdict`: ``k`` is 0 when it is
    within 1e-12 of ``|g| + |eps r| + |r|`` (summed in that order).  The
    intermediate steps are named ``name`` plus ``_raw``, ``_scale_a`` and
    ``_scale``.

    Examples
    --------
    >>> gs, rs, es = sp.symbols("g r e", real=True)
    >>> dict(effective_exponent_steps("k", gs, rs, es))["k_raw"]
    g + r*(e - 1)
    """
    raw, scale_a, scale = (sp.Symbol(f"{name}_{s}", real=True)
                           for s in ("raw", "scale_a", "scale"))
    return (
        (raw.name, g + r * (eps - 1)),
        (scale_a.name, sp.Abs(g) + sp.Abs(eps * r)),
        (scale.name, scale_a + sp.Abs(r)),
        (name, sp.Piecewise((0, sp.Abs(raw) <= 1e-12 * scale), (raw, True))),
    )


def fleet_trend_steps(name: str, k: sp.Expr, a: sp.Expr, tau: sp.Expr) -> Steps:
    """Steps defining ``name`` as :func:`energylib.rebound.argument_verdict`'s fleet trend.

    ``k`` is inference power's exponent, ``a = ln(c)/tau`` training
    spending's [1/s] and ``tau`` the retraining interval [s]: 1 when
    inference's total grows faster, -1 when training's does, 0 when they
    keep a finite ratio (each exponent per interval zeroed within 1e-9).
    The intermediate steps are named ``name`` plus ``_kt`` and ``_at``.

    Examples
    --------
    >>> [n for n, _ in fleet_trend_steps("trend", *sp.symbols("k a tau", real=True))]
    ['trend_kt', 'trend_at', 'trend']
    """
    kt, at = (sp.Symbol(f"{name}_{s}", real=True) for s in ("kt", "at"))
    return (
        (kt.name, sp.Piecewise((0, sp.Abs(k * tau) < 1e-9), (k * tau, True))),
        (at.name, sp.Piecewise((0, sp.Abs(a * tau) < 1e-9), (a * tau, True))),
        (name, trend_rule_twin(kt, at, close=0, faster=1, slower=-1, equal=0, both_flat=0)),
    )
