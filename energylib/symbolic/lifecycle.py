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
from sympy.codegen.cfunctions import expm1

__all__ = [
    "SYMBOLS",
    "inference_power_expr",
    "cumulative_inference_energy_expr",
    "inference_energy_limit",
    "discounted_energy_limit",
    "break_even_time_expr",
    "fleet_ratio_limit",
    "lambdified_cumulative_inference_energy",
    "exprel_twin",
    "trend_rule_twin",
    "fleet_limiting_ratio_steps",
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


# energylib's numeric rules, operation by operation, for the explorers' declarations: printed
# as numpy or JavaScript they give energylib's numbers, rounding tolerances included.

def exprel_twin(x: sp.Expr) -> sp.Expr:
    """``scipy.special.exprel(x)``: 1 below machine epsilon, inf above 717, else ``expm1(x)/x``.

    Examples
    --------
    >>> from scipy.special import exprel
    >>> x = sp.Symbol("x", real=True)
    >>> f = sp.lambdify(x, exprel_twin(x))
    >>> with np.errstate(all="ignore"):  # numpy evaluates every branch
    ...     print([bool(float(f(v)) == exprel(v)) for v in (1e-17, 0.5, -3.0, 800.0)])
    [True, True, True, True]
    """
    return sp.Piecewise((1, sp.Abs(x) < float(np.finfo(float).eps)), (sp.oo, x > 717),
                        (expm1(x) / x, True))


def trend_rule_twin(kt: sp.Expr, at: sp.Expr, close: sp.Expr, faster: sp.Expr,
                    slower: sp.Expr, equal: sp.Expr, both_flat: sp.Expr) -> sp.Expr:
    """Which of two exponents (per retraining interval) wins, as energylib decides it.

    The rule of :func:`energylib.rebound.argument_verdict` and
    :func:`energylib.lifecycle.fleet_limiting_ratio` for inference's exponent
    ``kt`` and training's ``at`` (both already zeroed within 1e-9): if either
    is positive, ``close`` when they agree to 1e-9, ``faster`` when ``kt``
    is larger, else ``slower``; when neither is, ``both_flat`` if both are 0,
    ``faster`` if only ``kt`` is, ``slower`` if only ``at`` is, else ``equal``.
    """
    return sp.Piecewise(
        (sp.Piecewise((close, sp.Abs(kt - at) <= 1e-9), (faster, kt > at), (slower, True)),
         (kt > 0) | (at > 0)),
        (both_flat, sp.Eq(kt, 0) & sp.Eq(at, 0)),
        (faster, sp.Eq(kt, 0)),
        (slower, sp.Eq(at, 0)),
        (equal, True))


Steps = tuple[tuple[str, sp.Expr], ...]
"""Named definitions, evaluated in order (an explorer's ``definitions``): each step's
value is computed once, so its printed numpy or JavaScript rounds as energylib does."""


def fleet_limiting_ratio_steps(name: str, k: sp.Expr, a: sp.Expr, tau: sp.Expr,
                               p0: sp.Expr, e1: sp.Expr) -> Steps:
    """Steps defining ``name`` as :func:`energylib.lifecycle.fleet_limiting_ratio` [-].

    ``k = g - r`` is inference power's exponent and ``a = ln(c)/tau``
    training spending's [1/s] (symbols or numbers), ``tau`` the retraining
    interval [s], ``p0`` the serving power at launch [W] and ``e1`` the first
    run's energy [J].  The intermediate steps are named ``name`` plus ``_k``,
    ``_a``, ``_kt`` and ``_at``.

    Examples
    --------
    >>> import math
    >>> from energylib.lifecycle import fleet_limiting_ratio
    >>> syms = sp.symbols("k a tau p0 e1", real=True)
    >>> steps = fleet_limiting_ratio_steps("ratio", *syms)
    >>> [n for n, _ in steps]
    ['ratio_k', 'ratio_a', 'ratio_kt', 'ratio_at', 'ratio']
    >>> def ratio(tau, e1, c, p0, g):
    ...     env = {"k": g, "a": math.log(c) / tau, "tau": tau, "p0": p0, "e1": e1}
    ...     for n, e in steps:
    ...         with np.errstate(all="ignore"):  # numpy evaluates every branch
    ...             env[n] = float(sp.lambdify(list(env), e)(*env.values()))
    ...     return env["ratio"]
    >>> cases = [(1.0, 50.0, 1.0, 100.0, 0.0), (2.0, 50.0, 1.5, 100.0, 0.1),
    ...          (1.0, 50.0, 0.9, 100.0, -0.1), (1.0, 50.0, 1.2, 100.0, 0.3)]
    >>> [ratio(*x) == fleet_limiting_ratio(x[0], x[1], x[2], x[3], 1.0, x[4], 0.0)
    ...  for x in cases]
    [True, True, True, True]
    """
    kz, az, kt, at = (sp.Symbol(f"{name}_{s}", real=True) for s in ("k", "a", "kt", "at"))
    return (
        (kz.name, sp.Piecewise((0, sp.Abs(k * tau) < 1e-9), (k, True))),
        (az.name, sp.Piecewise((0, sp.Abs(a * tau) < 1e-9), (a, True))),
        (kt.name, kz * tau),
        (at.name, az * tau),
        (name, trend_rule_twin(kt, at, close=p0 * tau * exprel_twin(at) / e1, faster=sp.oo,
                               slower=0, equal=p0 * expm1(at) / (kz * e1),
                               both_flat=p0 * tau / e1)),
    )
