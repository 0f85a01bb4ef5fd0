"""A flat AI load against the daily shapes of solar and wind power.

A data centre serving inference draws nearly the same power at every hour.
This module sets that load against two deliberately simple supply models,
each per unit of nameplate capacity:

* **solar**: a clear-sky half sine between sunrise and sunset, scaled so that
  its daily mean equals a chosen *capacity factor*.  Clouds and seasons are
  folded into that one scale factor, which is a simplification: a real
  capacity factor comes from a mix of clear and cloudy days.
* **wind**: a constant mean equal to its capacity factor, with an optional
  daily sinusoidal swing.  Wind's real variability is mostly over days and
  weeks (weather systems), which a one-day profile cannot show.

:func:`grid_balance` then splits a day into the load served directly, the
surplus, the deficit, the storage that would shift surplus into deficit, and
the firm (dispatchable) power and energy still needed.

Time of day is in seconds [s] (0 at midnight, 86,400 s a day); powers in
watts [W]; energies in joules [J].

Examples
--------
>>> t = np.arange(96) * 900.0                  # every 15 minutes [s]
>>> round(float(solar_profile(t, 0.2).mean()), 6)
0.2
>>> b = grid_balance(np.full(96, 100e6), 500e6 * solar_profile(t, 0.2), 900.0)
>>> 0.4 < b.direct_share < 0.6
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .units import DAY, HOUR
from .validation import FloatOrArray, check_number, check_scalar, scalar_or_array

__all__ = [
    "solar_profile",
    "wind_profile",
    "GridBalance",
    "grid_balance",
    "served_carbon_intensity",
]


def solar_profile(
    time_of_day: FloatOrArray,
    capacity_factor: float = 0.2,
    sunrise: float = 6.0 * HOUR,
    sunset: float = 18.0 * HOUR,
) -> FloatOrArray:
    """Solar output per unit of nameplate capacity over a day [-].

    ``m sin(pi (t - sunrise) / (sunset - sunrise))`` in daylight, 0 at night,
    with the peak ``m`` set so that the daily mean is ``capacity_factor``:
    ``m = capacity_factor * pi * DAY / (2 (sunset - sunrise))``.

    Parameters
    ----------
    time_of_day : float or ndarray
        Time since midnight, in [0, 86400) [s]; later times wrap to the day.
    capacity_factor : float
        Daily mean output per unit capacity, in [0, 1]; it must leave the
        peak ``m <= 1`` [-].
    sunrise, sunset : float
        Times of sunrise and sunset, ``0 <= sunrise < sunset <= 86400`` [s].

    Returns
    -------
    float or ndarray
        Output per unit capacity, in [0, 1] [-].

    Examples
    --------
    >>> round(solar_profile(12 * HOUR, 0.2), 4)   # noon peak for a 12-hour day
    0.6283
    >>> solar_profile(0.0, 0.2)
    0.0
    """
    t = check_number("time_of_day", time_of_day, low=0.0)
    cf = check_scalar("capacity_factor", capacity_factor, low=0.0, high=1.0)
    rise = check_scalar("sunrise", sunrise, low=0.0, high=DAY, high_open=True)
    sset = check_scalar("sunset", sunset, low=0.0, high=DAY)
    if sset <= rise:
        raise ValueError(f"sunset must be later than sunrise ({rise:g} s); got {sset:g}")
    day_length = sset - rise
    peak = cf * math.pi * DAY / (2.0 * day_length)
    if peak > 1.0 + 1e-12:
        limit = 2.0 * day_length / (math.pi * DAY)
        raise ValueError(
            f"capacity_factor must be in [0, {limit:.4g}] for a {day_length / HOUR:g}-hour "
            f"day (the peak cannot exceed the nameplate); got {cf:g}"
        )
    phase = (np.asarray(t) % DAY - rise) / day_length
    out = np.where((phase > 0.0) & (phase < 1.0), peak * np.sin(np.pi * np.clip(phase, 0, 1)),
                   0.0)
    return scalar_or_array(out)


def wind_profile(
    time_of_day: FloatOrArray,
    capacity_factor: float = 0.35,
    amplitude: float = 0.0,
    peak_time: float = 0.0,
) -> FloatOrArray:
    """Wind output per unit of nameplate capacity over a day [-].

    ``cf (1 + a cos(2 pi (t - t_peak) / DAY))``: a constant mean with an
    optional daily swing of relative amplitude ``a``.  Its mean over a whole
    day is exactly ``cf``.

    Parameters
    ----------
    time_of_day : float or ndarray
        Time since midnight (>= 0) [s].
    capacity_factor : float
        Daily mean output per unit capacity, in [0, 1] [-].
    amplitude : float
        Relative daily swing ``a``, in [0, 1], with ``cf (1 + a) <= 1`` [-].
    peak_time : float
        Time of day of the maximum, in [0, 86400) [s].

    Returns
    -------
    float or ndarray
        Output per unit capacity, in [0, 1] [-].

    Examples
    --------
    >>> wind_profile(3 * HOUR, 0.35)
    0.35
    >>> round(wind_profile(0.0, 0.35, amplitude=0.5), 3)
    0.525
    """
    t = check_number("time_of_day", time_of_day, low=0.0)
    cf = check_scalar("capacity_factor", capacity_factor, low=0.0, high=1.0)
    a = check_scalar("amplitude", amplitude, low=0.0, high=1.0)
    t0 = check_scalar("peak_time", peak_time, low=0.0, high=DAY, high_open=True)
    if cf * (1.0 + a) > 1.0 + 1e-12:
        raise ValueError(
            f"amplitude must keep the peak cf (1 + a) <= 1, i.e. in [0, {1.0 / cf - 1.0:.4g}] "
            f"for capacity_factor {cf:g}; got {a:g}"
        )
    out = cf * (1.0 + a * np.cos(2.0 * np.pi * (np.asarray(t) - t0) / DAY))
    return scalar_or_array(out)


@dataclass(frozen=True)
class GridBalance:
    """A periodic day of load against supply.

    Attributes
    ----------
    load_energy : float
        Energy the load draws over the period [J].
    served_directly : float
        Load energy met by supply at the same moment [J].
    direct_share : float
        ``served_directly / load_energy`` [-].
    surplus : float
        Supply energy beyond the load (stored or curtailed) [J].
    deficit : float
        Load energy the supply does not meet at the moment it is needed [J].
    storage_capacity : float
        Smallest lossy store that, charged only from surplus, serves the whole
        deficit day after day [J]; ``inf`` if the surplus is too small.
    firm_energy : float
        Deficit energy left for firm (dispatchable) supply once the surplus
        has been stored and returned at the round-trip efficiency [J].
    firm_power : float
        Largest deficit, the firm capacity needed without storage [W].
    """

    load_energy: float
    served_directly: float
    direct_share: float
    surplus: float
    deficit: float
    storage_capacity: float
    firm_energy: float
    firm_power: float


def _max_circular_drawdown(flow: np.ndarray) -> float:
    """Largest drop of the cumulative sum over any circular window (>= 0)."""
    n = flow.size
    c = np.concatenate([[0.0], np.cumsum(np.concatenate([flow, flow]))])
    i = np.arange(2 * n + 1)
    drop = c[:, None] - c[None, :]  # c_i - c_j
    window = (i[None, :] > i[:, None]) & (i[None, :] - i[:, None] <= n)
    return float(max(0.0, drop[window].max()))


def grid_balance(
    load: FloatOrArray,
    supply: FloatOrArray,
    time_step: float,
    round_trip_efficiency: float = 0.85,
) -> GridBalance:
    """Split a periodic day of load and supply into direct, stored and firm parts.

    The day repeats.  Energy flows into a store only from surplus, at the
    round-trip efficiency ``eta`` (charged on the way in), and leaves it to
    cover deficits.  With the effective flow ``x = eta max(s - l, 0) -
    max(l - s, 0)`` the smallest store that never runs dry is the largest
    drop of the cumulative sum of ``x`` over any circular window; it exists
    when ``sum(x) >= 0``.  Otherwise the firm supply must provide
    ``-sum(x) dt`` per period.

    Parameters
    ----------
    load : float or ndarray
        Power drawn by the load at each step (>= 0) [W].
    supply : float or ndarray
        Power available from the variable sources at each step (>= 0) [W];
        same shape as ``load`` (or either a scalar).
    time_step : float
        Length of each step (> 0) [s].
    round_trip_efficiency : float
        Fraction of stored energy returned, in (0, 1] [-].

    Returns
    -------
    GridBalance

    Examples
    --------
    Four six-hour steps: 1 W of load; supply 0, 2, 2, 0 W.  Half the load is
    met directly; the 2 x 6 Wh surplus, stored at 100 %, covers the 2 x 6 Wh
    of night deficit with a 12 Wh store.

    >>> b = grid_balance([1, 1, 1, 1], [0, 2, 2, 0], 6 * 3600, 1.0)
    >>> b.direct_share, b.storage_capacity / 3600, b.firm_energy, b.firm_power
    (0.5, 12.0, 0.0, 1.0)
    """
    l_arr = np.atleast_1d(np.asarray(check_number("load", load, low=0.0)))
    s_arr = np.atleast_1d(np.asarray(check_number("supply", supply, low=0.0)))
    dt = check_scalar("time_step", time_step, low=0.0, low_open=True)
    eta = check_scalar("round_trip_efficiency", round_trip_efficiency, low=0.0, high=1.0,
                       low_open=True)
    try:
        l_arr, s_arr = np.broadcast_arrays(l_arr, s_arr)
    except ValueError:
        raise ValueError(
            f"supply must have the shape of load {l_arr.shape}; got {s_arr.shape}"
        ) from None
    if l_arr.ndim != 1:
        raise ValueError(f"load must be one-dimensional (one value per step); got {l_arr.shape}")
    load_energy = float(l_arr.sum() * dt)
    direct = float(np.minimum(l_arr, s_arr).sum() * dt)
    surplus_p = np.maximum(s_arr - l_arr, 0.0)
    deficit_p = np.maximum(l_arr - s_arr, 0.0)
    surplus, deficit = float(surplus_p.sum() * dt), float(deficit_p.sum() * dt)
    flow = (eta * surplus_p - deficit_p) * dt
    net = float(flow.sum())
    tol = 1e-12 * max(surplus, deficit, 1.0)
    if net >= -tol:
        storage = _max_circular_drawdown(flow)
        firm_energy = 0.0
    else:
        storage = math.inf
        firm_energy = -net
    return GridBalance(
        load_energy=load_energy,
        served_directly=direct,
        direct_share=direct / load_energy if load_energy > 0 else 1.0,
        surplus=surplus,
        deficit=deficit,
        storage_capacity=storage,
        firm_energy=firm_energy,
        firm_power=float(deficit_p.max()),
    )


def served_carbon_intensity(
    clean_share: FloatOrArray,
    clean_intensity: FloatOrArray,
    firm_intensity: FloatOrArray,
) -> FloatOrArray:
    """Carbon intensity of a load served partly by clean and partly by firm supply.

    ``f c_clean + (1 - f) c_firm``.  Storage losses and the emissions of
    building storage are not included.

    Parameters
    ----------
    clean_share : float or ndarray
        Fraction of the load's energy from the variable clean sources, directly
        or through storage, in [0, 1] [-].
    clean_intensity : float or ndarray
        Life-cycle intensity of the clean supply (>= 0) [kg/J].
    firm_intensity : float or ndarray
        Intensity of the firm supply (>= 0) [kg/J].

    Returns
    -------
    float or ndarray
        Average intensity [kg/J].

    Examples
    --------
    >>> served_carbon_intensity(0.5, 0.0, 400.0)
    200.0
    """
    f = check_number("clean_share", clean_share, low=0.0, high=1.0)
    c_clean = check_number("clean_intensity", clean_intensity, low=0.0)
    c_firm = check_number("firm_intensity", firm_intensity, low=0.0)
    return scalar_or_array(np.asarray(f) * c_clean + (1.0 - np.asarray(f)) * c_firm)
