"""Demand: queries per second as a function of time.

Three shapes of adoption, and two ways to build the starting rate:

* :func:`constant_demand`, ``q(t) = q0``;
* :func:`exponential_demand`, ``q(t) = q0 exp(g t)``, growth without end;
* :func:`logistic_demand`, growth at rate ``g`` that saturates at a
  carrying capacity ``K`` (people, money, power supply);
* :func:`people_demand` (users x queries per user per day) and
  :func:`machine_demand` (agents x calls per second) give ``q0``.

Time ``t`` is in seconds [s] and rates in [1/s]; use
:func:`energylib.units.per_year` to enter a rate per year.

Examples
--------
>>> from energylib.units import YEAR, per_year
>>> q0 = people_demand(800e6, 3.0)      # 800 million users, 3 queries a day
>>> round(q0)                           # [queries/s]
27778
>>> round(exponential_demand(YEAR, q0, per_year(0.5)) / q0, 4)
1.6487
"""

from __future__ import annotations

import numpy as np

from .units import DAY
from .validation import FloatOrArray, check_number, scalar_or_array

__all__ = [
    "constant_demand",
    "exponential_demand",
    "logistic_demand",
    "people_demand",
    "machine_demand",
]


def constant_demand(t: FloatOrArray, q0: FloatOrArray) -> FloatOrArray:
    """Constant demand, ``q(t) = q0`` [queries/s].

    Parameters
    ----------
    t : float or ndarray
        Time since deployment (>= 0) [s].
    q0 : float or ndarray
        Demand (>= 0) [queries/s].

    Returns
    -------
    float or ndarray
        Demand at ``t``, broadcast to the shape of ``t`` [queries/s].

    Examples
    --------
    >>> constant_demand(np.array([0.0, 1.0]), 5.0)
    array([5., 5.])
    """
    tt = check_number("t", t, low=0.0)
    q = check_number("q0", q0, low=0.0)
    return scalar_or_array(q + 0.0 * tt)


def exponential_demand(
    t: FloatOrArray, q0: FloatOrArray, growth_rate: FloatOrArray
) -> FloatOrArray:
    """Exponentially growing demand, ``q(t) = q0 exp(g t)`` [queries/s].

    Parameters
    ----------
    t : float or ndarray
        Time since deployment (>= 0) [s].
    q0 : float or ndarray
        Demand at ``t = 0`` (>= 0) [queries/s].
    growth_rate : float or ndarray
        Continuous growth rate ``g`` (may be negative for decline) [1/s].

    Returns
    -------
    float or ndarray
        Demand [queries/s].

    Examples
    --------
    >>> round(exponential_demand(np.log(2), 1.0, 1.0), 12)  # doubles after ln 2 / g
    2.0
    """
    tt = check_number("t", t, low=0.0)
    q = check_number("q0", q0, low=0.0)
    g = check_number("growth_rate", growth_rate)
    with np.errstate(over="ignore", invalid="ignore"):
        # 0 x inf (no demand, exponent overflowing) is 0 demand, not NaN.
        return scalar_or_array(np.where(np.asarray(q) == 0, 0.0, q * np.exp(g * tt)))


def logistic_demand(
    t: FloatOrArray, q0: FloatOrArray, growth_rate: FloatOrArray, capacity: FloatOrArray
) -> FloatOrArray:
    """Logistic demand that saturates at ``capacity`` [queries/s].

    ``q(t) = K / (1 + (K / q0 - 1) exp(-g t))``: exponential at first, with
    rate ``g``, then flattening towards the carrying capacity ``K``.

    Parameters
    ----------
    t : float or ndarray
        Time since deployment (>= 0) [s].
    q0 : float or ndarray
        Demand at ``t = 0`` (> 0, <= ``capacity``) [queries/s].
    growth_rate : float or ndarray
        Initial continuous growth rate ``g`` (>= 0) [1/s].
    capacity : float or ndarray
        Carrying capacity ``K`` (>= ``q0``) [queries/s].

    Returns
    -------
    float or ndarray
        Demand [queries/s].

    Examples
    --------
    >>> logistic_demand(0.0, 1.0, 1.0, 100.0)
    1.0
    >>> round(logistic_demand(1e3, 1.0, 1.0, 100.0), 6)
    100.0
    """
    tt = check_number("t", t, low=0.0)
    q = check_number("q0", q0, low=0.0, low_open=True)
    g = check_number("growth_rate", growth_rate, low=0.0)
    k = check_number("capacity", capacity, low=0.0, low_open=True)
    if np.any(np.asarray(k) < np.asarray(q)):
        raise ValueError(
            f"capacity must be >= q0 (the demand cannot start above saturation); "
            f"got capacity={capacity!r}, q0={q0!r}"
        )
    return scalar_or_array(k / (1.0 + (k / q - 1.0) * np.exp(-g * tt)))


def people_demand(users: FloatOrArray, queries_per_user_per_day: FloatOrArray) -> FloatOrArray:
    """Queries per second from a population of people [queries/s].

    Parameters
    ----------
    users : float or ndarray
        Active users (>= 0) [-].
    queries_per_user_per_day : float or ndarray
        Queries each user sends per day (>= 0) [1/day].

    Returns
    -------
    float or ndarray
        Demand [queries/s].

    Examples
    --------
    2.5 billion prompts a day, OpenAI's July 2025 figure:

    >>> round(people_demand(2.5e9, 1.0))
    28935
    """
    u = check_number("users", users, low=0.0)
    r = check_number("queries_per_user_per_day", queries_per_user_per_day, low=0.0)
    return scalar_or_array(u * r / DAY)


def machine_demand(agents: FloatOrArray, calls_per_second: FloatOrArray) -> FloatOrArray:
    """Queries per second from a population of software agents [queries/s].

    Parameters
    ----------
    agents : float or ndarray
        Agents running (>= 0) [-].
    calls_per_second : float or ndarray
        Model calls each agent makes per second (>= 0) [1/s].

    Returns
    -------
    float or ndarray
        Demand [queries/s].

    Examples
    --------
    >>> machine_demand(1e4, 100.0)
    1000000.0
    """
    a = check_number("agents", agents, low=0.0)
    c = check_number("calls_per_second", calls_per_second, low=0.0)
    return scalar_or_array(a * c)
