"""Units: SI inside, conversion helpers at the edges.

Everything inside energylib is in SI units: energy in joules [J], power in
watts [W], time in seconds [s], rates in [1/s], demand in queries per second
[1/s].  These helpers convert at the edges, where people think in watt-hours
and years.

A year here is the Julian year, 365.25 days, the convention of astronomy and
of the IAU; a day is 86,400 s.

Examples
--------
>>> from energylib.units import YEAR, to_joules, from_joules
>>> to_joules(1.0, "kWh")
3600000.0
>>> from_joules(3.6e12, "GWh")
1.0
>>> round(0.5 / YEAR * YEAR, 12)  # a growth rate of 50 % per year, in SI and back
0.5
>>> from energylib.units import GALLON_GASOLINE_EQUIVALENT, KWH, MILE
>>> round(100 * MILE / 1e3, 4)  # 100 miles [km]
160.9344
>>> round(GALLON_GASOLINE_EQUIVALENT / KWH, 1)  # the EPA's gallon equivalent [kWh]
33.7
"""

from __future__ import annotations

from typing import Any

from .validation import FloatOrArray, check_number

__all__ = [
    "SECOND",
    "HOUR",
    "DAY",
    "YEAR",
    "WH",
    "KWH",
    "MWH",
    "GWH",
    "TWH",
    "METRE",
    "MILE",
    "GRAM",
    "GALLON_GASOLINE_EQUIVALENT",
    "ENERGY_UNITS",
    "TIME_UNITS",
    "to_joules",
    "from_joules",
    "to_seconds",
    "from_seconds",
    "per_year",
]

SECOND = 1.0
"""One second, the SI unit of time [s]."""

HOUR = 3600.0
"""One hour [s]."""

DAY = 86_400.0
"""One day [s]."""

YEAR = 365.25 * DAY
"""One Julian year, 365.25 days [s]."""

WH = 3600.0
"""One watt-hour [J]."""

KWH = 1e3 * WH
"""One kilowatt-hour [J]."""

MWH = 1e6 * WH
"""One megawatt-hour [J]."""

GWH = 1e9 * WH
"""One gigawatt-hour [J]."""

TWH = 1e12 * WH
"""One terawatt-hour [J]."""

METRE = 1.0
"""One metre, the SI unit of length [m]."""

MILE = 1609.344
"""One international mile, exactly 1,609.344 m [m]."""

GRAM = 1e-3
"""One gram [kg]."""

GALLON_GASOLINE_EQUIVALENT = 33.7 * KWH
"""The energy the US EPA counts as one gallon of gasoline in an MPGe rating, 33.7 kWh [J].

A definition of the unit (miles per gallon equivalent), not a measurement: a car rated
``x`` MPGe goes ``x * MILE`` metres on ``GALLON_GASOLINE_EQUIVALENT`` joules.
"""

ENERGY_UNITS: dict[str, float] = {
    "J": 1.0,
    "kJ": 1e3,
    "MJ": 1e6,
    "GJ": 1e9,
    "TJ": 1e12,
    "PJ": 1e15,
    "Wh": WH,
    "kWh": KWH,
    "MWh": MWH,
    "GWh": GWH,
    "TWh": TWH,
}
"""Joules per unit, for every energy unit the book uses."""

TIME_UNITS: dict[str, float] = {"s": SECOND, "h": HOUR, "day": DAY, "year": YEAR}
"""Seconds per unit, for every time unit the book uses."""


def _factor(unit: Any, table: dict[str, float], kind: str) -> float:
    if not isinstance(unit, str):
        raise TypeError(f"unit must be a string, one of {sorted(table)}; got {unit!r}")
    try:
        return table[unit]
    except KeyError:
        raise ValueError(f"unknown {kind} unit {unit!r}; allowed: {sorted(table)}") from None


def to_joules(value: FloatOrArray, unit: str) -> FloatOrArray:
    """Convert an energy from ``unit`` to joules.

    Parameters
    ----------
    value : float or ndarray
        Energy in ``unit`` (may be ``inf``).
    unit : str
        One of :data:`ENERGY_UNITS` (``"Wh"``, ``"kWh"``, ``"MWh"``, ``"GWh"``, ``"TWh"``...).

    Returns
    -------
    float or ndarray
        Energy [J].

    Examples
    --------
    >>> to_joules(0.3, "Wh")
    1080.0
    """
    factor = _factor(unit, ENERGY_UNITS, "energy")
    return check_number("value", value, allow_inf=True) * factor


def from_joules(value: FloatOrArray, unit: str) -> FloatOrArray:
    """Convert an energy in joules to ``unit``.

    Parameters
    ----------
    value : float or ndarray
        Energy [J] (may be ``inf``).
    unit : str
        One of :data:`ENERGY_UNITS`.

    Returns
    -------
    float or ndarray
        Energy in ``unit``.

    Examples
    --------
    >>> from_joules(4.6332e12, "GWh")
    1.287
    """
    factor = _factor(unit, ENERGY_UNITS, "energy")
    return check_number("value", value, allow_inf=True) / factor


def to_seconds(value: FloatOrArray, unit: str) -> FloatOrArray:
    """Convert a duration from ``unit`` (``"s"``, ``"h"``, ``"day"``, ``"year"``) to seconds.

    Examples
    --------
    >>> to_seconds(1, "day")
    86400.0
    """
    factor = _factor(unit, TIME_UNITS, "time")
    return check_number("value", value, allow_inf=True) * factor


def from_seconds(value: FloatOrArray, unit: str) -> FloatOrArray:
    """Convert a duration in seconds to ``unit`` (``"s"``, ``"h"``, ``"day"``, ``"year"``).

    Examples
    --------
    >>> from_seconds(YEAR, "day")
    365.25
    """
    factor = _factor(unit, TIME_UNITS, "time")
    return check_number("value", value, allow_inf=True) / factor


def per_year(rate_per_year: FloatOrArray) -> FloatOrArray:
    """Convert a continuous rate given per year [1/year] to SI [1/s].

    A demand that grows "40 % a year" in continuous compounding has rate
    ``ln(1.4)`` per year; this function only changes the time unit.

    Examples
    --------
    >>> per_year(1.0) * YEAR
    1.0
    """
    return check_number("rate_per_year", rate_per_year) / YEAR
