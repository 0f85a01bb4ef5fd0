"""Rebound and saturation: where the seed argument's premises bend.

Two models, and one verdict that combines them with :mod:`energylib.lifecycle`.

**Rebound.**  The parameter ``epsilon`` throughout is the *efficiency
elasticity of demand*, ``epsilon = -d ln q / d ln e``: how much demand for
queries rises when the energy per query ``e`` falls.  Total energy is then
``E = q e ~ e**(1 - epsilon)``: an efficiency gain (lower ``e``) lowers total
energy when ``epsilon < 1`` and raises it when ``epsilon > 1`` (backfire).
If efficiency acts only through price, with a constant price elasticity
``epsilon_p`` and energy a share ``theta`` of a query's price, then
``epsilon = theta epsilon_p`` (:func:`efficiency_elasticity`); ``theta = 1``
(price proportional to energy) is the special case ``epsilon = epsilon_p``.
This is *direct* rebound in one market; indirect and economy-wide rebound are
outside the model.  Over time, if ``e`` falls at a rate ``r`` and exogenous
demand grows at ``g``, observed demand grows at ``g + epsilon r`` and
inference power at ``k = g + (epsilon - 1) r``.  A constant
``epsilon > 1`` cannot last for ever: with ``theta = 1`` spending on queries
grows at ``k`` too and eventually exceeds any budget.

**Saturation.**  Logistic demand ``q(t) = K / (1 + (K/q0 - 1) exp(-g t))``
with a *fixed* ceiling ``K`` never exceeds ``K``, so with energy per query
``e0 exp(-r t)`` the lifetime inference energy is at most ``K e0 / r``:
finite for every ``r > 0``.  If the ceiling responds to efficiency
(``K ~ e**(-epsilon)``), power at saturation grows at ``(epsilon - 1) r``.

**Verdict.**  :func:`phase_code` and :func:`argument_verdict` classify a point
``(g, r, epsilon, delta, tau, c)`` of parameter space: does one model's
lifetime inference energy diverge (``k >= 0``), is its present value finite
(``k < delta``), and does a fleet retrained every ``tau`` at a cost growing by
``c`` per generation end up inference-dominated?

All inputs are SI: time [s], rates [1/s], energy [J], demand [queries/s].

References
----------
:cite:`jevons1865coal`
:cite:`sorrell2009jevons`

Examples
--------
A tenfold efficiency gain with elasticity 1.5 raises total energy about 3.2 times:

>>> round(rebound_energy_ratio(10.0, 1.5), 4)
3.1623
>>> from energylib.units import per_year
>>> argument_verdict(per_year(0.3), per_year(0.5)).describe()["per_model"]
'finite'
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from scipy.integrate import quad
from scipy.special import exprel

from .units import YEAR
from .validation import FloatOrArray, check_number, check_scalar, scalar_or_array

__all__ = [
    "efficiency_elasticity",
    "rebound_energy_ratio",
    "rebound_fraction",
    "induced_demand_growth_rate",
    "effective_energy_growth_rate",
    "cumulative_logistic_inference_energy",
    "limiting_logistic_inference_energy",
    "PHASE_LABELS",
    "phase_code",
    "ArgumentVerdict",
    "argument_verdict",
]

PHASE_LABELS: dict[int, str] = {
    0: "converges",
    1: "diverges; present value finite",
    2: "diverges even discounted",
}
"""Names of the codes returned by :func:`phase_code`."""

_REL_TOL = 1e-12  # exponents this close to zero, relative to their terms, count as zero


def efficiency_elasticity(
    price_elasticity: FloatOrArray, energy_share: FloatOrArray
) -> FloatOrArray:
    """Efficiency elasticity of demand when efficiency acts through price [-].

    A query's price is ``p = c + kappa e``: energy ``kappa e`` is a share
    ``theta = kappa e / p`` of it.  With demand ``q = A p**(-epsilon_p)``,
    ``-d ln q / d ln e = theta epsilon_p``: a fall in energy per query moves
    demand only through the part of the price that energy makes up.  The
    rebound functions of this module take this product as their
    ``elasticity``; ``theta = 1`` (price proportional to energy) gives
    ``epsilon_p`` itself.

    Parameters
    ----------
    price_elasticity : float or ndarray
        Price elasticity of demand ``epsilon_p`` (>= 0), as a positive number [-].
    energy_share : float or ndarray
        Share ``theta`` of a query's price that is energy (0 to 1) [-].

    Returns
    -------
    float or ndarray
        ``theta epsilon_p`` [-].

    Examples
    --------
    >>> efficiency_elasticity(1.5, 1.0)    # price proportional to energy
    1.5
    >>> round(efficiency_elasticity(3.0, 0.2), 12)   # energy a fifth of the price
    0.6
    """
    eps = check_number("price_elasticity", price_elasticity, low=0.0)
    theta = check_number("energy_share", energy_share, low=0.0, high=1.0)
    return scalar_or_array(np.asarray(theta) * np.asarray(eps))


def rebound_energy_ratio(efficiency_factor: FloatOrArray, elasticity: FloatOrArray) -> FloatOrArray:
    """Total energy after an efficiency gain, relative to before [-].

    Energy per query falls from ``e`` to ``e / s``; with a constant efficiency
    elasticity of demand ``epsilon`` (for instance a constant price elasticity
    and a price proportional to energy), demand rises by ``s**epsilon`` and
    total energy changes by ``s**(epsilon - 1)``.

    Parameters
    ----------
    efficiency_factor : float or ndarray
        ``s = e_before / e_after`` (> 0); ``s > 1`` is a gain [-].
    elasticity : float or ndarray
        Efficiency elasticity of demand ``epsilon = -d ln q / d ln e`` (>= 0) [-].

    Returns
    -------
    float or ndarray
        ``E_after / E_before`` [-]; above 1 means backfire.  ``inf`` only if
        the result overflows a float.

    References
    ----------
    :cite:`sorrell2009jevons`

    Examples
    --------
    >>> rebound_energy_ratio(2.0, 0.0)   # no rebound: half the energy
    0.5
    >>> rebound_energy_ratio(2.0, 1.0)   # unit elasticity: no change
    1.0
    >>> rebound_energy_ratio(4.0, 1.5)   # backfire
    2.0
    """
    s = check_number("efficiency_factor", efficiency_factor, low=0.0, low_open=True)
    eps = check_number("elasticity", elasticity, low=0.0)
    with np.errstate(over="ignore"):
        return scalar_or_array(np.power(s, np.asarray(eps) - 1.0))


def rebound_fraction(efficiency_factor: FloatOrArray, elasticity: FloatOrArray) -> FloatOrArray:
    """Rebound effect: the share of the expected energy saving that is lost [-].

    ``R = 1 - (actual saving) / (expected saving)`` with expected saving
    ``1 - 1/s`` (demand held fixed) and actual saving ``1 - s**(epsilon - 1)``.
    Written as ``R = epsilon exprel(epsilon L) / exprel(L)`` with ``L = ln s``,
    which is exact and tends to ``epsilon`` as ``s -> 1``: for a small gain the
    elasticity *is* the rebound.  ``R > 1`` is backfire.

    Parameters
    ----------
    efficiency_factor : float or ndarray
        ``s = e_before / e_after`` (> 0) [-].
    elasticity : float or ndarray
        Efficiency elasticity of demand ``epsilon`` (>= 0); see
        :func:`efficiency_elasticity` [-].

    Returns
    -------
    float or ndarray
        Rebound [-]: 0 no rebound, 1 the saving is fully taken back, > 1 backfire.

    Examples
    --------
    >>> rebound_fraction(1.0, 0.4)       # marginal rebound = elasticity
    0.4
    >>> round(rebound_fraction(2.0, 0.5), 4)
    0.4142
    >>> rebound_fraction(3.0, 1.0)
    1.0
    """
    s = check_number("efficiency_factor", efficiency_factor, low=0.0, low_open=True)
    eps = np.asarray(check_number("elasticity", elasticity, low=0.0))
    log_s = np.log(s)
    with np.errstate(over="ignore", invalid="ignore"):
        out = eps * exprel(eps * log_s) / exprel(log_s)
    return scalar_or_array(np.where(eps == 0, 0.0, out))


def induced_demand_growth_rate(
    growth_rate: FloatOrArray, efficiency_rate: FloatOrArray, elasticity: FloatOrArray
) -> FloatOrArray:
    """Growth rate of observed demand when cheaper queries invite more, ``g + epsilon r`` [1/s].

    Demand ``q(t) = A0 exp(g t) e(t)**(-epsilon)`` with energy per query
    ``e(t) ~ exp(-r t)`` (for instance a price proportional to energy and a
    price elasticity ``epsilon``).

    Parameters
    ----------
    growth_rate : float or ndarray
        Exogenous demand growth ``g``, at constant energy per query [1/s].
    efficiency_rate : float or ndarray
        Rate ``r`` at which energy per query falls [1/s].
    elasticity : float or ndarray
        Efficiency elasticity of demand ``epsilon`` (>= 0); see
        :func:`efficiency_elasticity` [-].

    Returns
    -------
    float or ndarray
        Observed demand growth rate [1/s].

    Examples
    --------
    >>> induced_demand_growth_rate(0.2, 0.5, 1.2)
    0.8
    """
    g = check_number("growth_rate", growth_rate)
    r = check_number("efficiency_rate", efficiency_rate)
    eps = check_number("elasticity", elasticity, low=0.0)
    return scalar_or_array(g + eps * r)


def effective_energy_growth_rate(
    growth_rate: FloatOrArray, efficiency_rate: FloatOrArray, elasticity: FloatOrArray
) -> FloatOrArray:
    """Growth rate of inference power with rebound, ``k = g + (epsilon - 1) r`` [1/s].

    Observed demand grows at ``g + epsilon r``
    (:func:`induced_demand_growth_rate`) and energy per query falls at ``r``,
    so their product grows at ``g + (epsilon - 1) r``.  Lifetime inference
    energy is finite exactly when ``k < 0``
    (:func:`energylib.lifecycle.limiting_inference_energy` with observed
    growth ``g + epsilon r``).  With ``epsilon > 1`` a faster efficiency gain
    makes ``k`` larger.

    Parameters
    ----------
    growth_rate, efficiency_rate, elasticity
        As in :func:`induced_demand_growth_rate`.

    Returns
    -------
    float or ndarray
        ``k`` [1/s].

    Examples
    --------
    >>> effective_energy_growth_rate(0.2, 0.5, 0.0)   # the temporal chapter's g - r
    -0.3
    >>> round(effective_energy_growth_rate(0.2, 0.5, 1.5), 12)
    0.45
    """
    g = check_number("growth_rate", growth_rate)
    r = check_number("efficiency_rate", efficiency_rate)
    eps = check_number("elasticity", elasticity, low=0.0)
    return scalar_or_array(g + (eps - 1.0) * r)


def _check_logistic(
    q0: FloatOrArray,
    e0: FloatOrArray,
    growth_rate: FloatOrArray,
    efficiency_rate: FloatOrArray,
    capacity: FloatOrArray,
) -> tuple:
    q = check_number("q0", q0, low=0.0, low_open=True)
    e = check_number("e0", e0, low=0.0)
    g = check_number("growth_rate", growth_rate, low=0.0)
    r = check_number("efficiency_rate", efficiency_rate, low=0.0)
    k = check_number("capacity", capacity, low=0.0, low_open=True)
    if np.any(np.asarray(k) < np.asarray(q)):
        raise ValueError(
            f"capacity must be >= q0 (demand cannot start above saturation); "
            f"got capacity={capacity!r}, q0={q0!r}"
        )
    return q, e, g, r, k


def _logistic_integral(horizon: float, q0: float, e0: float, g: float, r: float,
                       cap: float) -> float:
    """Integral of K e0 exp(-r t) / (1 + a exp(-g t)) over [0, horizon], scalars, r > 0."""
    a = cap / q0 - 1.0
    # Beyond 60 e-folds of exp(-r t) the tail is below K e0 exp(-60) / r: negligible.
    end = min(horizon, 60.0 / r)
    if end == 0.0 or e0 == 0.0:
        return 0.0
    # Work in the dimensionless time x = r t; the logistic's midpoint is a breakpoint.
    s = g / r

    def integrand(x: float) -> float:
        return math.exp(-x) / (1.0 + a * math.exp(-s * x))

    x_end = r * end
    points = None
    if a > 1.0 and s > 0.0 and math.log(a) / s < x_end:
        points = [math.log(a) / s]
    value, _ = quad(integrand, 0.0, x_end, points=points, limit=500, epsabs=0.0, epsrel=1e-13)
    return cap * e0 * value / r


def cumulative_logistic_inference_energy(
    horizon: FloatOrArray,
    q0: FloatOrArray,
    e0: FloatOrArray,
    growth_rate: FloatOrArray,
    efficiency_rate: FloatOrArray,
    capacity: FloatOrArray,
) -> FloatOrArray:
    """Cumulative inference energy with logistic (saturating) demand [J].

    ``E(T) = integral_0^T K / (1 + a exp(-g t)) e0 exp(-r t) dt`` with
    ``a = K/q0 - 1``.  With ``r = 0`` it has the closed form
    ``(K e0 / g) [g T - ln((1 + a) / (1 + a exp(-g T)))]``, which grows like
    ``K e0 T``; with ``r > 0`` it is integrated numerically (adaptive
    quadrature in ``x = r t``, relative accuracy about 1e-12) and is bounded
    by ``K e0 / r`` for every horizon.

    Parameters
    ----------
    horizon : float or ndarray
        Serving time ``T`` (>= 0, finite) [s].
    q0 : float or ndarray
        Demand at ``t = 0`` (> 0, <= ``capacity``) [queries/s].
    e0 : float or ndarray
        Energy per query at ``t = 0`` (>= 0) [J].
    growth_rate : float or ndarray
        Initial demand growth rate ``g`` (>= 0) [1/s].
    efficiency_rate : float or ndarray
        Rate ``r`` at which energy per query falls (>= 0) [1/s].
    capacity : float or ndarray
        Saturation demand ``K`` (>= ``q0``) [queries/s].

    Returns
    -------
    float or ndarray
        Energy [J].

    Examples
    --------
    Starting at saturation, demand is constant: ``q0 e0 T``.

    >>> cumulative_logistic_inference_energy(10.0, 2.0, 3.0, 1.0, 0.0, 2.0)
    60.0
    >>> round(cumulative_logistic_inference_energy(1e3, 1.0, 1.0, 1.0, 0.0, 100.0), 3)
    99539.483
    """
    t = check_number("horizon", horizon, low=0.0)
    q, e, g, r, cap = _check_logistic(q0, e0, growth_rate, efficiency_rate, capacity)
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (t, q, e, g, r, cap)))
    out = np.empty(arrays[0].shape)
    for idx in np.ndindex(out.shape):
        tt, qq, ee, gg, rr, kk = (float(v[idx]) for v in arrays)
        if rr > 0.0:
            out[idx] = _logistic_integral(tt, qq, ee, gg, rr, kk)
        elif gg == 0.0:
            out[idx] = qq * ee * tt
        else:
            a = kk / qq - 1.0
            # ln((1 + a) / (1 + a e^-gT)) = log1p(-a expm1(-gT) / (1 + a e^-gT)): no cancellation
            shortfall = math.log1p(-a * math.expm1(-gg * tt) / (1.0 + a * math.exp(-gg * tt)))
            out[idx] = kk * ee * (tt - shortfall / gg)
    return scalar_or_array(out)


def limiting_logistic_inference_energy(
    q0: FloatOrArray,
    e0: FloatOrArray,
    growth_rate: FloatOrArray,
    efficiency_rate: FloatOrArray,
    capacity: FloatOrArray,
) -> FloatOrArray:
    """Lifetime inference energy with logistic demand, ``T -> inf`` [J].

    Finite for every ``r > 0``, between ``q0 e0 / r`` (demand never grows)
    and ``K e0 / r`` (demand at saturation from the start); ``inf`` when
    ``r = 0`` (and ``e0 > 0``), since the total then grows like ``K e0 T``.

    Parameters
    ----------
    q0, e0, growth_rate, efficiency_rate, capacity
        As in :func:`cumulative_logistic_inference_energy`.

    Returns
    -------
    float or ndarray
        Energy [J], ``inf`` where it diverges.

    Examples
    --------
    >>> limiting_logistic_inference_energy(1.0, 1.0, 0.0, 0.5, 10.0)   # q0 e0 / r
    2.0
    >>> round(limiting_logistic_inference_energy(1.0, 1.0, 1.0, 0.5, 100.0), 4)
    29.5608
    >>> limiting_logistic_inference_energy(1.0, 1.0, 1.0, 0.0, 100.0)
    inf
    """
    q, e, g, r, cap = _check_logistic(q0, e0, growth_rate, efficiency_rate, capacity)
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (q, e, g, r, cap)))
    out = np.empty(arrays[0].shape)
    for idx in np.ndindex(out.shape):
        qq, ee, gg, rr, kk = (float(v[idx]) for v in arrays)
        if ee == 0.0:
            out[idx] = 0.0
        elif rr == 0.0:
            out[idx] = math.inf
        else:
            out[idx] = _logistic_integral(math.inf, qq, ee, gg, rr, kk)
    return scalar_or_array(out)


def _effective_exponent_and_zero(g: FloatOrArray, r: FloatOrArray, eps: FloatOrArray) -> tuple:
    """``k = g + (eps - 1) r``, and a mask of where it is zero up to rounding."""
    g, r, eps = (np.asarray(v, dtype=np.float64) for v in (g, r, eps))
    k = g + (eps - 1.0) * r
    scale = np.abs(g) + np.abs(eps * r) + np.abs(r)
    return k, np.abs(k) <= _REL_TOL * scale


def phase_code(
    growth_rate: FloatOrArray,
    efficiency_rate: FloatOrArray,
    elasticity: FloatOrArray = 0.0,
    discount_rate: FloatOrArray = 0.0,
) -> int | np.ndarray:
    """Which region of the phase diagram a parameter point lies in.

    With ``k = g + (epsilon - 1) r`` (:func:`effective_energy_growth_rate`):

    * 0, "converges": ``k < 0``; one model's lifetime inference energy is
      finite, so its ratio to a training run tends to a finite number;
    * 1, "diverges; present value finite": ``0 <= k < delta``;
    * 2, "diverges even discounted": ``k >= delta``.

    Parameters
    ----------
    growth_rate : float or ndarray
        Exogenous demand growth ``g`` [1/s].
    efficiency_rate : float or ndarray
        Rate ``r`` at which energy per query falls [1/s].
    elasticity : float or ndarray
        Efficiency elasticity of demand ``epsilon`` (>= 0); see
        :func:`efficiency_elasticity` [-].
    discount_rate : float or ndarray
        Discount rate ``delta`` (>= 0) [1/s].

    Returns
    -------
    int or ndarray of int
        The code; names in :data:`PHASE_LABELS`.

    Examples
    --------
    >>> phase_code(0.2, 0.5), phase_code(0.5, 0.2), phase_code(0.5, 0.2, 0.0, 0.5)
    (0, 2, 1)
    >>> phase_code(0.2, 0.5, 1.5)      # rebound turns convergence into divergence
    2
    """
    g = check_number("growth_rate", growth_rate)
    r = check_number("efficiency_rate", efficiency_rate)
    eps = check_number("elasticity", elasticity, low=0.0)
    d = np.asarray(check_number("discount_rate", discount_rate, low=0.0))
    k, zero = _effective_exponent_and_zero(g, r, eps)
    k = np.where(zero, 0.0, k)
    code = np.where(k < 0, 0, np.where(k < d, 1, 2)).astype(np.int64)
    return int(code) if code.ndim == 0 else code


class ArgumentVerdict(NamedTuple):
    """Where a parameter point leaves the seed argument (all fields numeric).

    Attributes
    ----------
    effective_exponent : float
        Growth rate of inference power, ``k = g + (epsilon - 1) r`` [1/s].
    per_model_diverges : bool
        One training run against its model's unending use: the ratio tends to
        infinity (``k >= 0``); the syllogism's conclusion (C10) holds.
    present_value_finite : bool
        The discounted lifetime inference energy is finite (``k < delta``).
    fleet_trend : int
        Retraining every ``tau`` at a cost growing ``c`` per generation
        (rate ``a = ln(c) / tau``): +1 the fleet ratio tends to infinity
        (inference grows strictly faster), 0 to a finite positive constant,
        -1 to zero (training grows faster).
    backfire : bool
        ``epsilon > 1``: an efficiency gain raises total energy.
    """

    effective_exponent: float
    per_model_diverges: bool
    present_value_finite: bool
    fleet_trend: int
    backfire: bool

    def describe(self) -> dict[str, str]:
        """The verdict in words, one entry per question.

        Examples
        --------
        >>> argument_verdict(0.5, 0.2).describe()["fleet"]
        'inference dominates'
        """
        fleet = {
            1: "inference dominates",
            0: "a finite ratio of rates",
            -1: "training dominates",
        }[self.fleet_trend]
        return {
            "per_model": "infinite" if self.per_model_diverges else "finite",
            "present_value": "finite" if self.present_value_finite else "infinite",
            "fleet": fleet,
            "rebound": "backfire" if self.backfire else "no backfire",
        }


def argument_verdict(
    growth_rate: float,
    efficiency_rate: float,
    elasticity: float = 0.0,
    discount_rate: float = 0.0,
    interval: float = YEAR,
    cost_growth_per_generation: float = 1.0,
) -> ArgumentVerdict:
    """Classify a parameter point: per-model, discounted, fleet and rebound verdicts.

    The fleet rule is that of :func:`energylib.lifecycle.fleet_limiting_ratio`
    with inference power growing at ``k`` and training at ``a = ln(c) / tau``:
    if either grows (``k > 0`` or ``a > 0``) the faster one wins and equal
    rates give a constant; if neither grows, a constant inference power
    (``k = 0``) beats a converging training total and vice versa, and two
    converging totals (or two constant flows) give a constant.

    Parameters
    ----------
    growth_rate : float
        Exogenous demand growth ``g`` [1/s].
    efficiency_rate : float
        Rate ``r`` at which energy per query falls [1/s].
    elasticity : float
        Efficiency elasticity of demand ``epsilon`` (>= 0); see
        :func:`efficiency_elasticity` [-].
    discount_rate : float
        Discount rate ``delta`` (>= 0) [1/s].
    interval : float
        Time between training runs ``tau`` (> 0) [s].
    cost_growth_per_generation : float
        Factor ``c`` by which each run costs more than the last (> 0) [-].

    Returns
    -------
    ArgumentVerdict

    Examples
    --------
    >>> v = argument_verdict(0.2, 0.5, elasticity=1.5)
    >>> v.per_model_diverges, v.backfire, v.fleet_trend
    (True, True, 1)
    >>> argument_verdict(0.3, 0.3).fleet_trend          # constant runs, constant power
    0
    """
    g = check_scalar("growth_rate", growth_rate)
    r = check_scalar("efficiency_rate", efficiency_rate)
    eps = check_scalar("elasticity", elasticity, low=0.0)
    d = check_scalar("discount_rate", discount_rate, low=0.0)
    tau = check_scalar("interval", interval, low=0.0, low_open=True)
    c = check_scalar("cost_growth_per_generation", cost_growth_per_generation,
                     low=0.0, low_open=True)
    k_arr, zero = _effective_exponent_and_zero(g, r, eps)
    k = 0.0 if bool(zero) else float(k_arr)
    a = math.log(c) / tau
    # Compare rates per retraining interval, as fleet_limiting_ratio does.
    kt = 0.0 if abs(k * tau) < 1e-9 else k * tau
    at = 0.0 if abs(a * tau) < 1e-9 else a * tau
    if kt > 0 or at > 0:
        trend = 0 if math.isclose(kt, at, rel_tol=0.0, abs_tol=1e-9) else (1 if kt > at else -1)
    elif kt == 0 and at == 0:
        trend = 0
    elif kt == 0:
        trend = 1
    elif at == 0:
        trend = -1
    else:
        trend = 0
    return ArgumentVerdict(
        effective_exponent=k,
        per_model_diverges=k >= 0,
        present_value_finite=k < d,
        fleet_trend=trend,
        backfire=eps > 1.0,
    )
