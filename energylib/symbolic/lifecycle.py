"""SymPy derivations of the lifecycle model's closed forms and limits.

Each function returns a SymPy expression derived here from the model's
definition, not typed in: the integral of inference power, its limit as the
horizon grows in each regime (``g < r``, ``g = r``, ``g > r``), the effect of a
discount rate, the break-even time, and the fleet's limiting ratio.  The
numeric functions of :mod:`energylib.lifecycle` are tested against these
expressions (``tests/test_symbolic.py``), and the chapters display them.

The symbols are positive where the physics says so; the sign of
``g - r`` is chosen per regime by writing ``r = g + d`` (efficiency wins) or
``g = r + d`` (demand wins) with ``d > 0``.

Examples
--------
>>> from energylib.symbolic import inference_energy_limit
>>> inference_energy_limit("g<r")
q_0*w_0/d
>>> inference_energy_limit("g>r")
oo
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

__all__ = [
    "SYMBOLS",
    "inference_power_expr",
    "cumulative_inference_energy_expr",
    "inference_energy_limit",
    "discounted_energy_limit",
    "break_even_time_expr",
    "fleet_ratio_limit",
    "lambdified_cumulative_inference_energy",
]

t, T, tau = sp.symbols("t T tau", positive=True)
q0, e0, E_train, E1 = sp.symbols("q_0 w_0 E_train E_1", positive=True)
g, r, delta, d = sp.symbols("g r delta d", positive=True)
k = sp.Symbol("k", real=True, nonzero=True)

SYMBOLS: dict[str, sp.Symbol] = {
    "t": t,
    "T": T,
    "tau": tau,
    "q0": q0,
    "e0": e0,
    "E_train": E_train,
    "E1": E1,
    "g": g,
    "r": r,
    "delta": delta,
    "d": d,
    "k": k,
}
"""The symbols used in every expression, by name."""

_REGIMES = ("g<r", "g=r", "g>r")


def inference_power_expr() -> sp.Expr:
    """Inference power ``q(t) e(t) = q0 exp(g t) e0 exp(-r t)`` [W].

    Examples
    --------
    >>> inference_power_expr()
    q_0*w_0*exp(g*t)*exp(-r*t)
    """
    return q0 * sp.exp(g * t) * e0 * sp.exp(-r * t)


def cumulative_inference_energy_expr(discounted: bool = False) -> sp.Expr:
    """Closed form of ``integral_0^T q(t) e(t) [exp(-delta t)] dt`` [J].

    SymPy returns a ``Piecewise``: one branch for ``g - r (- delta) = 0``, one
    otherwise.

    Parameters
    ----------
    discounted : bool
        Multiply the integrand by the discount factor ``exp(-delta t)``.

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> expr = cumulative_inference_energy_expr()
    >>> sp.simplify(expr.subs({g: 1, r: 1}))
    T*q_0*w_0
    """
    integrand = inference_power_expr()
    if discounted:
        integrand = integrand * sp.exp(-delta * t)
    return sp.simplify(sp.integrate(sp.powsimp(integrand), (t, 0, T)))


def inference_energy_limit(regime: str) -> sp.Expr:
    """Limit of cumulative inference energy as ``T -> oo`` in one regime [J].

    Parameters
    ----------
    regime : {"g<r", "g=r", "g>r"}
        ``"g<r"`` substitutes ``r = g + d`` (``d > 0``), ``"g>r"``
        substitutes ``g = r + d``.

    Returns
    -------
    sympy.Expr
        ``q0 e0 / d`` (that is ``q0 e0 / (r - g)``) for ``g < r``; ``oo``
        otherwise.

    Examples
    --------
    >>> inference_energy_limit("g=r")
    oo
    """
    if regime not in _REGIMES:
        raise ValueError(f"regime must be one of {_REGIMES}; got {regime!r}")
    power = inference_power_expr()
    if regime == "g<r":
        power = power.subs(r, g + d)
    elif regime == "g=r":
        power = power.subs(r, g)
    else:
        power = power.subs(g, r + d)
    energy = sp.integrate(sp.powsimp(sp.simplify(power)), (t, 0, T))
    return sp.limit(energy, T, sp.oo)


def discounted_energy_limit(efficiency_wins_with_discount: bool = True) -> sp.Expr:
    """Limit of discounted cumulative inference energy as ``T -> oo`` [J].

    With a discount rate ``delta`` the integrand is
    ``q0 e0 exp((g - r - delta) t)``: the present value is finite exactly
    when ``g < r + delta``, even if demand outgrows efficiency (``g > r``).

    Parameters
    ----------
    efficiency_wins_with_discount : bool
        ``True`` substitutes ``g = r + delta - d`` (``g < r + delta``);
        ``False`` substitutes ``g = r + delta + d``.

    Returns
    -------
    sympy.Expr
        ``q0 e0 / d`` (``= q0 e0 / (r + delta - g)``), or ``oo``.

    Examples
    --------
    >>> discounted_energy_limit(True)
    q_0*w_0/d
    >>> discounted_energy_limit(False)
    oo
    """
    integrand = inference_power_expr() * sp.exp(-delta * t)
    sign = -1 if efficiency_wins_with_discount else 1
    integrand = sp.simplify(sp.powsimp(integrand.subs(g, r + delta + sign * d)))
    energy = sp.integrate(integrand, (t, 0, T))
    return sp.limit(energy, T, sp.oo)


def break_even_time_expr() -> sp.Expr:
    """Break-even time, solving ``q0 e0 (exp(k T) - 1) / k = E_train`` for ``T`` [s].

    Here ``k = g - r`` (nonzero).  Returns ``log(1 + k E_train / (q0 e0)) / k``
    in SymPy's arrangement; real only when ``1 + k E_train / (q0 e0) > 0``.

    Examples
    --------
    >>> sp.simplify(break_even_time_expr() - sp.log(1 + k * E_train / (q0 * e0)) / k)
    0
    """
    energy = q0 * e0 * (sp.exp(k * T) - 1) / k
    solutions = sp.solve(sp.Eq(energy, E_train), T)
    if len(solutions) != 1:  # pragma: no cover - SymPy changed its answer
        raise RuntimeError(f"expected one solution for the break-even time, got {solutions}")
    return sp.simplify(solutions[0])


def fleet_ratio_limit(regime: str) -> sp.Expr:
    """Limit of inference over training energy for a fleet retrained forever [-].

    Training is the flow ``E1 a exp(a t) / (c - 1)`` that matches the
    discrete runs' totals on every retraining date, with ``a = ln(c) / tau``
    (``E1 / tau`` when ``c = 1``); inference power is ``q0 e0 exp(k t)``.
    The training total diverges in every regime below, so by L'Hopital's
    rule the limit of the ratio of the two totals is the limit of the ratio
    of the two powers: this function checks the divergence with SymPy and
    lets SymPy take that limit.  For the discrete runs the result is the
    limit of the ratio sampled just before each retraining date (the
    Stolz-Cesaro theorem); between dates the ratio swings below it.

    Parameters
    ----------
    regime : {"constant", "same-growth", "inference-faster", "training-faster"}
        ``"constant"``: ``k = a = 0`` (constant cost per run, constant
        inference power); ``"same-growth"``: ``k = a > 0``;
        ``"inference-faster"``: ``k = a + d``; ``"training-faster"``:
        ``a = k + d`` (with ``a, d > 0``).

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> fleet_ratio_limit("constant")
    q_0*tau*w_0/E_1
    >>> fleet_ratio_limit("same-growth")
    q_0*w_0*(exp(a*tau) - 1)/(E_1*a)
    >>> fleet_ratio_limit("inference-faster"), fleet_ratio_limit("training-faster")
    (oo, 0)
    """
    a = sp.Symbol("a", positive=True)
    growth_minus_1 = sp.Symbol("m", positive=True)  # c - 1 = exp(a tau) - 1 > 0 when a > 0
    if regime == "constant":
        training_power: sp.Expr = E1 / tau
        inference_power: sp.Expr = q0 * e0
    elif regime in ("same-growth", "inference-faster", "training-faster"):
        a_value = a + d if regime == "training-faster" else a
        k_value = a + d if regime == "inference-faster" else a
        training_power = E1 * a_value * sp.exp(a_value * t) / growth_minus_1
        inference_power = q0 * e0 * sp.exp(k_value * t)
    else:
        raise ValueError(
            "regime must be one of ('constant', 'same-growth', 'inference-faster', "
            f"'training-faster'); got {regime!r}"
        )
    training_total = sp.integrate(training_power, (t, 0, T), conds="none")
    if sp.limit(training_total, T, sp.oo) != sp.oo:  # pragma: no cover - guards the argument
        raise RuntimeError("L'Hopital's rule needs a divergent training total")
    ratio_of_powers = sp.simplify((inference_power / training_power).subs(t, T))
    limit = sp.limit(ratio_of_powers, T, sp.oo)
    return sp.simplify(limit.subs(growth_minus_1, sp.exp(a * tau) - 1))


def lambdified_cumulative_inference_energy() -> Callable[..., np.ndarray]:
    """NumPy function ``f(T, q0, e0, g, r)`` made from the ``g != r`` closed form.

    The branch of :func:`cumulative_inference_energy_expr` valid for
    ``g != r``, turned into NumPy code with :func:`sympy.lambdify`.  The tests
    compare :func:`energylib.lifecycle.cumulative_inference_energy` with it.

    Examples
    --------
    >>> f = lambdified_cumulative_inference_energy()
    >>> float(f(1.0, 1.0, 1.0, 1.0, 0.0))  # e - 1
    1.718281828459045
    """
    expr = cumulative_inference_energy_expr()
    general, condition = expr.args[0]  # Piecewise((g != r branch, Ne(g, r)), (T e0 q0, True))
    if condition != sp.Ne(g, r):  # pragma: no cover - SymPy changed its answer
        raise RuntimeError(f"unexpected first branch of {expr}")
    return sp.lambdify((T, q0, e0, g, r), general, modules="numpy")
