"""Lifecycle: cumulative inference energy against training energy.

The book's central model.  Demand grows at a continuous rate ``g``,
``q(t) = q0 exp(g t)`` [queries/s]; the energy of a query falls at a rate
``r`` as hardware and software improve, ``e(t) = e0 exp(-r t)`` [J].  The
inference power is their product and the cumulative inference energy over a
horizon ``T`` is

``E_inf(T) = integral_0^T q0 e0 exp((g - r) t) dt = q0 e0 (exp((g - r) T) - 1) / (g - r)``

(``q0 e0 T`` when ``g = r``).  As ``T`` grows without bound it converges to
``q0 e0 / (r - g)`` exactly when ``g < r``, and diverges otherwise.  A
discount rate ``delta`` weighs the future less and replaces ``g - r`` by
``g - r - delta``.  :mod:`energylib.symbolic` derives each of these results
with SymPy, and the tests check these functions against it.

All inputs are SI: time [s], rates [1/s], energy [J], demand [queries/s].

Examples
--------
A service at 10,000 queries/s and 1 kJ a query (a 10 MW load), demand and
efficiency both improving 30 % a year (g = r), over 5 years:

>>> from energylib.units import YEAR, per_year, from_joules
>>> e = cumulative_inference_energy(5 * YEAR, 1e4, 1e3, per_year(0.3), per_year(0.3))
>>> round(from_joules(e, "GWh"), 1)
438.3
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import exprel

from .training import cumulative_training_energy
from .validation import FloatOrArray, check_number, check_scalar, scalar_or_array

__all__ = [
    "cumulative_inference_energy",
    "limiting_inference_energy",
    "break_even_time",
    "inference_to_training_ratio",
    "ModelLedger",
    "model_ledger",
    "FleetLedger",
    "fleet_ledger",
    "fleet_limiting_ratio",
]


def _check_flows(q0: FloatOrArray, e0: FloatOrArray, g: FloatOrArray, r: FloatOrArray) -> tuple:
    q = check_number("q0", q0, low=0.0)
    e = check_number("e0", e0, low=0.0)
    gg = check_number("growth_rate", g)
    rr = check_number("efficiency_rate", r)
    return q, e, gg, rr


def cumulative_inference_energy(
    horizon: FloatOrArray,
    q0: FloatOrArray,
    e0: FloatOrArray,
    growth_rate: FloatOrArray,
    efficiency_rate: FloatOrArray,
    discount_rate: FloatOrArray = 0.0,
) -> FloatOrArray:
    """Cumulative (optionally discounted) inference energy over ``[0, horizon]`` [J].

    ``E(T) = q0 e0 T * exprel(k T)`` with ``k = g - r - delta`` and
    ``exprel(x) = (exp(x) - 1) / x`` (1 at ``x = 0``), which is the closed form
    of the integral of ``q0 e0 exp(k t)``, written so that it stays accurate
    when ``k`` is near zero.

    Parameters
    ----------
    horizon : float or ndarray
        Serving time ``T`` (>= 0, finite) [s].
    q0 : float or ndarray
        Demand at ``t = 0`` (>= 0) [queries/s].
    e0 : float or ndarray
        Energy per query at ``t = 0`` (>= 0) [J].
    growth_rate : float or ndarray
        Demand growth rate ``g`` [1/s].
    efficiency_rate : float or ndarray
        Rate ``r`` at which energy per query falls [1/s].
    discount_rate : float or ndarray
        Discount rate ``delta`` (>= 0) [1/s]; 0 gives plain energy.

    Returns
    -------
    float or ndarray
        Energy [J]; ``inf`` only if the result overflows a float.

    Examples
    --------
    >>> cumulative_inference_energy(10.0, 2.0, 3.0, 0.0, 0.0)  # q0 e0 T
    60.0
    >>> round(cumulative_inference_energy(1e6, 1.0, 1.0, 0.0, 0.5), 9)  # -> 1/(r-g)
    2.0
    """
    t = check_number("horizon", horizon, low=0.0)
    q, e, g, r = _check_flows(q0, e0, growth_rate, efficiency_rate)
    d = check_number("discount_rate", discount_rate, low=0.0)
    k = g - r - d
    with np.errstate(over="ignore"):
        return scalar_or_array(q * e * t * exprel(k * t))


def limiting_inference_energy(
    q0: FloatOrArray,
    e0: FloatOrArray,
    growth_rate: FloatOrArray,
    efficiency_rate: FloatOrArray,
    discount_rate: FloatOrArray = 0.0,
) -> FloatOrArray:
    """Limit of cumulative inference energy as the horizon grows without bound [J].

    ``q0 e0 / (r + delta - g)`` when ``g < r + delta``, otherwise ``inf``
    (and 0 when ``q0 e0 = 0``).

    Parameters
    ----------
    q0, e0, growth_rate, efficiency_rate, discount_rate
        As in :func:`cumulative_inference_energy`.

    Returns
    -------
    float or ndarray
        Energy [J], ``inf`` where the integral diverges.

    Examples
    --------
    >>> limiting_inference_energy(1.0, 1.0, 0.1, 0.3)
    5.0
    >>> limiting_inference_energy(1.0, 1.0, 0.3, 0.3)
    inf
    """
    q, e, g, r = _check_flows(q0, e0, growth_rate, efficiency_rate)
    d = check_number("discount_rate", discount_rate, low=0.0)
    p0 = np.asarray(q * e)
    gap = np.asarray(r + d - g)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.where(gap > 0, p0 / np.where(gap > 0, gap, 1.0), np.inf)
    return scalar_or_array(np.where(p0 == 0, 0.0, out))


def break_even_time(
    training_energy: FloatOrArray,
    q0: FloatOrArray,
    e0: FloatOrArray,
    growth_rate: FloatOrArray,
    efficiency_rate: FloatOrArray,
) -> FloatOrArray:
    """Time at which cumulative inference energy equals the training energy [s].

    Solving ``q0 e0 (exp(k T) - 1) / k = E_train`` with ``k = g - r`` gives
    ``T* = ln(1 + k E_train / (q0 e0)) / k`` (``E_train / (q0 e0)`` when
    ``k = 0``).  When ``k < 0`` and ``E_train >= q0 e0 / (r - g)``, the
    inference total never reaches the training energy and ``T* = inf``.

    Parameters
    ----------
    training_energy : float or ndarray
        Energy of the training run (>= 0) [J].
    q0, e0, growth_rate, efficiency_rate
        As in :func:`cumulative_inference_energy`.

    Returns
    -------
    float or ndarray
        Break-even time [s], ``inf`` if never.

    Examples
    --------
    A 50 GWh training run against a 12.5 MW serving load that stays constant:

    >>> from energylib.units import GWH, DAY
    >>> round(break_even_time(50 * GWH, 1.0, 12.5e6, 0.0, 0.0) / DAY, 1)
    166.7
    """
    e_train = check_number("training_energy", training_energy, low=0.0)
    q, e, g, r = _check_flows(q0, e0, growth_rate, efficiency_rate)
    p0 = np.asarray(q * e, dtype=np.float64)
    e_train_arr = np.asarray(e_train, dtype=np.float64)
    k = np.asarray(g - r, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        naive_t = e_train_arr / p0  # time at constant power [s]
        x = k * naive_t  # dimensionless; T* = naive_t * log1p(x) / x
        small = np.abs(x) < 1e-8
        x_safe = np.where(small | (x <= -1.0), 0.5, x)
        factor = np.where(small, 1.0 - x / 2.0, np.log1p(x_safe) / x_safe)
        t_star = np.where(x <= -1.0, np.inf, naive_t * factor)
        t_star = np.where(p0 == 0, np.inf, t_star)
        t_star = np.where(e_train_arr == 0, 0.0, t_star)
    return scalar_or_array(t_star)


def inference_to_training_ratio(
    horizon: FloatOrArray,
    training_energy: FloatOrArray,
    q0: FloatOrArray,
    e0: FloatOrArray,
    growth_rate: FloatOrArray,
    efficiency_rate: FloatOrArray,
) -> FloatOrArray:
    """Cumulative inference energy over ``horizon`` divided by training energy [-].

    Parameters
    ----------
    horizon : float or ndarray
        Serving time (>= 0) [s].
    training_energy : float or ndarray
        Energy of the training run (> 0) [J].
    q0, e0, growth_rate, efficiency_rate
        As in :func:`cumulative_inference_energy`.

    Returns
    -------
    float or ndarray
        Ratio [-]; above 1 once inference has overtaken training.

    Examples
    --------
    >>> inference_to_training_ratio(10.0, 20.0, 2.0, 3.0, 0.0, 0.0)
    3.0
    """
    e_train = check_number("training_energy", training_energy, low=0.0, low_open=True)
    return scalar_or_array(
        cumulative_inference_energy(horizon, q0, e0, growth_rate, efficiency_rate) / e_train
    )


@dataclass(frozen=True)
class ModelLedger:
    """One model's energy account: its training run against its own serving life.

    Attributes
    ----------
    training_energy : float
        Energy of the training run [J].
    inference_energy : float
        Cumulative inference energy over the serving life [J].
    ratio : float
        ``inference_energy / training_energy`` [-].
    inference_share : float
        ``inference_energy / (inference_energy + training_energy)`` [-].
    break_even_time : float
        Time after deployment at which inference passes training [s]
        (may exceed the serving life, or be ``inf``).
    """

    training_energy: float
    inference_energy: float
    ratio: float
    inference_share: float
    break_even_time: float


def model_ledger(
    training_energy: float,
    serving_life: float,
    q0: float,
    e0: float,
    growth_rate: float,
    efficiency_rate: float,
) -> ModelLedger:
    """The per-model ledger: one training run against that model's serving life.

    Parameters
    ----------
    training_energy : float
        Energy of the training run (> 0) [J].
    serving_life : float
        Time the model serves before it is retired (>= 0) [s].
    q0, e0, growth_rate, efficiency_rate : float
        As in :func:`cumulative_inference_energy`.

    Returns
    -------
    ModelLedger

    Examples
    --------
    >>> ledger = model_ledger(100.0, 10.0, 1.0, 20.0, 0.0, 0.0)
    >>> ledger.ratio, ledger.inference_share, ledger.break_even_time
    (2.0, 0.6666666666666666, 5.0)
    """
    e_train = check_scalar("training_energy", training_energy, low=0.0, low_open=True)
    life = check_scalar("serving_life", serving_life, low=0.0)
    e_inf = cumulative_inference_energy(life, q0, e0, growth_rate, efficiency_rate)
    t_star = break_even_time(e_train, q0, e0, growth_rate, efficiency_rate)
    return ModelLedger(
        training_energy=float(e_train),
        inference_energy=float(e_inf),
        ratio=float(e_inf / e_train),
        inference_share=float(e_inf / (e_inf + e_train)),
        break_even_time=float(t_star),
    )


@dataclass(frozen=True)
class FleetLedger:
    """A fleet's energy account: retraining forever against all serving.

    Attributes
    ----------
    training_energy : float or ndarray
        Cumulative training energy of all runs so far [J].
    inference_energy : float or ndarray
        Cumulative inference energy of the whole fleet [J].
    ratio : float or ndarray
        ``inference_energy / training_energy`` [-].
    """

    training_energy: FloatOrArray
    inference_energy: FloatOrArray
    ratio: FloatOrArray


def fleet_ledger(
    horizon: FloatOrArray,
    interval: float,
    first_training_energy: float,
    growth_per_generation: float,
    q0: float,
    e0: float,
    growth_rate: float,
    efficiency_rate: float,
) -> FleetLedger:
    """The fleet ledger: a new model every ``interval``, served without end.

    Training runs happen at ``0, tau, 2 tau, ...``; run ``n`` costs
    ``E1 c**n`` (:func:`energylib.training.cumulative_training_energy`).  The
    fleet's inference demand and energy per query evolve as in
    :func:`cumulative_inference_energy`, whichever model is serving.

    Parameters
    ----------
    horizon : float or ndarray
        Time since the first run (>= 0) [s].
    interval : float
        Time between training runs, ``tau`` (> 0) [s].
    first_training_energy : float
        Energy of the first run, ``E1`` (> 0) [J].
    growth_per_generation : float
        Factor ``c`` by which each run costs more than the last (> 0) [-].
    q0, e0, growth_rate, efficiency_rate : float
        As in :func:`cumulative_inference_energy`.

    Returns
    -------
    FleetLedger

    Examples
    --------
    Yearly runs of 1 unit, serving at a constant 2 units a year, just before
    the fourth run: 3 units of training against 6 of inference.

    >>> ledger = fleet_ledger(2.999, 1.0, 1.0, 1.0, 1.0, 2.0, 0.0, 0.0)
    >>> ledger.training_energy, round(ledger.ratio, 3)
    (3.0, 1.999)
    """
    e1 = check_scalar("first_training_energy", first_training_energy, low=0.0, low_open=True)
    e_train = cumulative_training_energy(horizon, interval, e1, growth_per_generation)
    e_inf = cumulative_inference_energy(horizon, q0, e0, growth_rate, efficiency_rate)
    return FleetLedger(e_train, e_inf, scalar_or_array(np.asarray(e_inf) / e_train))


def fleet_limiting_ratio(
    interval: float,
    first_training_energy: float,
    growth_per_generation: float,
    q0: float,
    e0: float,
    growth_rate: float,
    efficiency_rate: float,
) -> float:
    """Limit of the fleet's inference-to-training ratio as the horizon grows [-].

    Write the training schedule as a flow with the same totals at every
    retraining date: power ``E1 a exp(a t) / (c - 1)`` with
    ``a = ln(c) / tau`` (``E1 / tau`` when ``c = 1``).  The ratio of the two
    cumulative totals then tends to

    * ``inf`` if inference grows faster (``k = g - r > a`` with ``k > 0``,
      or ``k = 0 > a``),
    * ``0`` if training grows faster,
    * a finite constant when both grow at the same rate: ``q0 e0 tau / E1``
      for ``k = a = 0`` (the ratio of the two average powers),
      ``q0 e0 (c - 1) / (k E1)`` for ``k = a > 0``, and
      ``q0 e0 (1 - c) / (-k E1)`` when both totals converge (``k < 0``, ``c < 1``).

    :func:`energylib.symbolic.lifecycle.fleet_ratio_limit` derives these limits with
    SymPy.  For the discrete runs this is the limit of the ratio sampled just
    before each retraining date.  Between dates the ratio saw-tooths below it:
    each new run drops it by the factor ``S_n / S_(n+1)`` of consecutive
    training totals, which tends to 1 when ``c <= 1`` (the swing dies out, like
    ``1/n`` for ``c = 1``) but to ``1/c`` when ``c > 1``, so with growing runs
    the ratio swings between about ``L/c`` and ``L`` for ever.

    Parameters
    ----------
    interval, first_training_energy, growth_per_generation, q0, e0, growth_rate, efficiency_rate
        As in :func:`fleet_ledger` (``q0 e0 > 0`` here).

    Returns
    -------
    float
        The limiting ratio [-] (may be ``0`` or ``inf``).

    Examples
    --------
    Retrain every year at constant cost E1 = 50 (GWh); serve at a constant
    100 (GWh per year): inference is forever twice training.

    >>> fleet_limiting_ratio(1.0, 50.0, 1.0, 1.0, 100.0, 0.0, 0.0)
    2.0
    """
    tau = check_scalar("interval", interval, low=0.0, low_open=True)
    e1 = check_scalar("first_training_energy", first_training_energy, low=0.0, low_open=True)
    c = check_scalar("growth_per_generation", growth_per_generation, low=0.0, low_open=True)
    q = check_scalar("q0", q0, low=0.0, low_open=True)
    e = check_scalar("e0", e0, low=0.0, low_open=True)
    k = check_scalar("growth_rate", growth_rate) - check_scalar("efficiency_rate", efficiency_rate)
    a = float(np.log(c)) / tau
    p0 = q * e
    # Rates are compared per retraining interval, to 1e-9: ln(c) / tau and g - r
    # computed from decimal inputs rarely agree to the last bit.
    if abs(k * tau) < 1e-9:
        k = 0.0
    if abs(a * tau) < 1e-9:
        a = 0.0
    if k > 0 or a > 0:
        if math.isclose(k * tau, a * tau, rel_tol=0.0, abs_tol=1e-9):
            # p0 expm1(a tau) / (a e1), written so that it holds at a = 0 too
            return p0 * tau * float(exprel(a * tau)) / e1
        return float("inf") if k > a else 0.0
    if k == 0 and a == 0:
        return p0 * tau / e1
    if k == 0:  # inference grows linearly, training total converges
        return float("inf")
    if a == 0:  # inference total converges, training grows linearly
        return 0.0
    return p0 * float(-np.expm1(a * tau)) / (-k * e1)
