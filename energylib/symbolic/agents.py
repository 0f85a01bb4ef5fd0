"""SymPy derivations for machine-driven demand (:mod:`energylib.agents`).

The power drawn by agents is a product of two growing factors,
``P(t) = a(t) c(t) n epsilon o`` (agents, calls per agent per second, tokens
per call, energy per token, wall-plug overhead).  Each factor is exponential or logistic; this
module derives, with SymPy, the long-run power in the four combinations, the
effect of a power budget, the time at which a target power is reached, and the
energy of one logistic factor in closed form.  The numeric functions of
:mod:`energylib.agents` are tested against these expressions
(``tests/test_agents.py``) and the chapter displays them.

Examples
--------
>>> machine_power_limit("logistic", "logistic")
K_a*K_c*epsilon*n*o
>>> machine_power_limit("exponential", "logistic")
oo
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p

__all__ = [
    "AGENT_SYMBOLS",
    "growth_expr",
    "machine_power_expr",
    "machine_power_limit",
    "capped_power_limit",
    "average_power_limit",
    "logistic_energy_expr",
    "time_to_power_expr",
    "lambdified_machine_power",
    "agent_count_twin",
    "raw_machine_energy_twin",
]

t, T = sp.symbols("t T", positive=True)
a0, c0, K_a, K_c = sp.symbols("a_0 c_0 K_a K_c", positive=True)
g_a, g_c, n, eps = sp.symbols("g_a g_c n epsilon", positive=True)
o = sp.Symbol("o", positive=True)
P_cap, P_star = sp.symbols("P_cap P_star", positive=True)

AGENT_SYMBOLS: dict[str, sp.Symbol] = {
    "t": t, "T": T, "a0": a0, "c0": c0, "K_a": K_a, "K_c": K_c,
    "g_a": g_a, "g_c": g_c, "n": n, "epsilon": eps, "o": o, "P_cap": P_cap,
    "P_star": P_star,
}
"""The symbols used in every expression, by name."""

_MODELS = ("exponential", "logistic")


def _check_model(name: str, model: str) -> str:
    if model not in _MODELS:
        raise ValueError(f"{name} must be one of {_MODELS}; got {model!r}")
    return model


def growth_expr(model: str, x0: sp.Expr, rate: sp.Expr, capacity: sp.Expr) -> sp.Expr:
    """``x0 exp(g t)`` or the logistic ``K / (1 + (K/x0 - 1) exp(-g t))``.

    The logistic is *derived*: SymPy solves ``x' = g x (1 - x/K)``,
    ``x(0) = x0``.

    Parameters
    ----------
    model : {"exponential", "logistic"}
    x0, rate, capacity : sympy.Expr
        Starting value, growth rate, carrying capacity (ignored if exponential).

    Returns
    -------
    sympy.Expr
        The factor as a function of ``t``.

    Examples
    --------
    >>> growth_expr("exponential", a0, g_a, K_a)
    a_0*exp(g_a*t)
    >>> sp.simplify(growth_expr("logistic", a0, g_a, K_a).subs(t, 0))
    a_0
    """
    _check_model("model", model)
    if model == "exponential":
        return x0 * sp.exp(rate * t)
    x = sp.Function("x")
    ode = sp.Eq(x(t).diff(t), rate * x(t) * (1 - x(t) / capacity))
    solution = sp.dsolve(ode, x(t), ics={x(0): x0})
    return sp.simplify(solution.rhs)


def machine_power_expr(agent_model: str, call_model: str) -> sp.Expr:
    """Power ``a(t) c(t) n epsilon o`` for the chosen growth models [W].

    Examples
    --------
    >>> machine_power_expr("exponential", "exponential")
    a_0*c_0*epsilon*n*o*exp(g_a*t)*exp(g_c*t)
    """
    _check_model("agent_model", agent_model)
    _check_model("call_model", call_model)
    agents = growth_expr(agent_model, a0, g_a, K_a)
    calls = growth_expr(call_model, c0, g_c, K_c)
    return agents * calls * n * eps * o


def machine_power_limit(agent_model: str, call_model: str) -> sp.Expr:
    """``lim_{t -> oo} P(t)`` for the chosen growth models [W].

    ``K_a K_c n epsilon o`` when both factors are logistic, ``oo`` as soon as
    one is exponential (with a positive rate).

    Each factor's limit is taken separately and the two multiplied (the
    product rule for limits, valid here because both limits are positive,
    finite or ``oo``); SymPy's limit of the whole product stalls on the
    unknown sign of ``g_a - g_c``.

    Examples
    --------
    >>> machine_power_limit("logistic", "exponential")
    oo
    """
    _check_model("agent_model", agent_model)
    _check_model("call_model", call_model)
    agents = sp.limit(growth_expr(agent_model, a0, g_a, K_a), t, sp.oo)
    calls = sp.limit(growth_expr(call_model, c0, g_c, K_c), t, sp.oo)
    if not all(x == sp.oo or x.is_positive for x in (agents, calls)):  # pragma: no cover
        raise RuntimeError(f"factor limits {agents}, {calls} are not positive")
    return agents * calls * n * eps * o


def capped_power_limit(agent_model: str, call_model: str) -> sp.Expr:
    """``lim_{t -> oo} min(P(t), P_cap)`` [W].

    ``min`` is continuous, so the limit is ``min(lim P, P_cap)``: the budget
    itself whenever demand is unbounded, ``Min(P_cap, K_a K_c n epsilon o)``
    when both factors saturate.

    Examples
    --------
    >>> capped_power_limit("exponential", "exponential")
    P_cap
    >>> capped_power_limit("logistic", "logistic")
    Min(P_cap, K_a*K_c*epsilon*n*o)
    """
    return sp.Min(machine_power_limit(agent_model, call_model), P_cap)


def average_power_limit(agent_model: str, call_model: str) -> sp.Expr:
    """``lim_{T -> oo} E(T) / T`` where ``E(T)`` is the energy over ``[0, T]`` [W].

    By L'Hopital's rule (``E`` diverges, ``E' = P``) this is the limit of
    the power: the energy grows without bound in every case, but only
    *linearly* when both factors saturate.

    Examples
    --------
    >>> average_power_limit("logistic", "logistic")
    K_a*K_c*epsilon*n*o
    """
    energy_rate = machine_power_limit(agent_model, call_model)
    # E(T) -> oo because P(t) tends to a positive limit (or to oo); then L'Hopital.
    if not (energy_rate.is_positive or energy_rate == sp.oo):  # pragma: no cover - guard
        raise RuntimeError("L'Hopital's rule needs a divergent energy")
    return energy_rate


def logistic_energy_expr() -> sp.Expr:
    """Energy over ``[0, T]`` of logistic agents at a constant call rate [J].

    ``integral_0^T a(t) c0 n epsilon o dt`` with ``a`` logistic; SymPy's
    antiderivative, simplified:
    ``c0 n epsilon o K_a ln((K_a + a0 (exp(g_a T) - 1)) / K_a) / g_a``, which
    equals ``c0 n epsilon o K_a [T + ln(a0/K_a + (1 - a0/K_a) exp(-g_a T)) / g_a]``,
    the form :func:`energylib.agents.cumulative_machine_energy` evaluates.

    Examples
    --------
    >>> e = logistic_energy_expr()
    >>> sp.simplify(sp.limit(e / T, T, sp.oo))
    K_a*c_0*epsilon*n*o
    """
    power = growth_expr("logistic", a0, g_a, K_a) * c0 * n * eps * o
    return sp.simplify(sp.integrate(power, (t, 0, T)))


def time_to_power_expr() -> sp.Expr:
    """Time at which exponential agents times exponential calls reach ``P_star`` [s].

    Solves ``a0 c0 n epsilon o exp((g_a + g_c) T) = P_star`` for ``T``.

    Examples
    --------
    >>> time_to_power_expr()
    log(P_star/(a_0*c_0*epsilon*n*o))/(g_a + g_c)
    """
    power = machine_power_expr("exponential", "exponential").subs(t, T)
    # Solve in the exponent x = (g_a + g_c) T, then divide: SymPy keeps the
    # logarithm whole that way.
    x = sp.Symbol("x", real=True)
    p0 = power.subs(T, 0)
    solutions = sp.solve(sp.Eq(p0 * sp.exp(x), P_star), x)
    if len(solutions) != 1:  # pragma: no cover - SymPy changed its answer
        raise RuntimeError(f"expected one solution, got {solutions}")
    answer = solutions[0] / (g_a + g_c)
    if sp.simplify(power.subs(T, answer) - P_star) != 0:  # pragma: no cover - guard
        raise RuntimeError("the solution does not satisfy the equation")
    return answer


def lambdified_machine_power(agent_model: str, call_model: str) -> Callable[..., np.ndarray]:
    """NumPy ``f(t, a0, c0, K_a, K_c, g_a, g_c, n, epsilon, o)`` from :func:`machine_power_expr`.

    Examples
    --------
    >>> f = lambdified_machine_power("exponential", "exponential")
    >>> float(f(0.0, 2.0, 3.0, 1.0, 1.0, 0.1, 0.1, 10.0, 0.5, 2.0))
    60.0
    """
    expr = machine_power_expr(agent_model, call_model)
    return sp.lambdify((t, a0, c0, K_a, K_c, g_a, g_c, n, eps, o), expr, modules="numpy")


# energylib.agents' numeric forms with a constant call rate, for the machines explorer: each
# argument is a symbol the explorer defines, so that the page rounds as energylib does.

def agent_count_twin(t: sp.Expr, a0: sp.Expr, ceiling: sp.Expr, g: sp.Expr,
                     logistic: sp.Basic) -> sp.Expr:
    """Agents at time ``t`` [s], as ``energylib.agents``' growth: logistic or exponential.

    ``a0`` agents at the start, ``ceiling`` the carrying capacity, ``g`` the
    growth rate [1/s]; ``logistic`` is the condition under which the growth
    is logistic.

    Examples
    --------
    >>> ts, a, k, g = sp.symbols("t a k g", positive=True)
    >>> agent_count_twin(ts, a, k, g, sp.true)
    k/((-1 + k/a)*exp(-g*t) + 1)
    """
    return sp.Piecewise((ceiling / (1 + (ceiling / a0 - 1) * sp.exp(-g * t)), logistic),
                        (a0 * sp.exp(g * t), True))


def raw_machine_energy_twin(t: sp.Expr, p0: sp.Expr, per_agent: sp.Expr, a0: sp.Expr,
                            ceiling: sp.Expr, g: sp.Expr, constant: sp.Basic,
                            logistic: sp.Basic) -> sp.Expr:
    """Energy to time ``t`` [J], before a power budget, in energylib's closed forms.

    ``p0`` is the power at the start [W], ``per_agent`` one agent's [W];
    ``constant`` is the condition under which the agent count does not move
    (``g = 0`` or ``a0 = K``), ``logistic`` as in :func:`agent_count_twin`:
    ``P0 t``, ``P0 expm1(g t)/g`` or ``K p [t + log1p((1 - a0/K) expm1(-g t))/g]``.

    Examples
    --------
    >>> ts, p, g = sp.symbols("t p g", positive=True)
    >>> raw_machine_energy_twin(ts, p, p, 1, 1, g, sp.false, sp.false)  # exponential, t > 0
    p*expm1(g*t)/g
    """
    return sp.Piecewise(
        (0, sp.Eq(t, 0)),
        (p0 * t, constant),
        (p0 * expm1(g * t) / g, sp.Not(logistic)),  # P0 T exprel(g T)
        (per_agent * ceiling * (t + log1p((1 - a0 / ceiling) * expm1(-g * t)) / g), True))
