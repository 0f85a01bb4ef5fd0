"""Input checks used once, at the public boundary of every energylib function.

Every public function calls :func:`check_number` (or :func:`check_integer`) on
each argument before doing any arithmetic.  A bad value raises an error whose
message names the parameter, repeats the value given and states the allowed
range, so that nothing downstream ever returns NaN silently.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["check_number", "check_scalar", "check_integer", "check_option", "scalar_or_array"]

FloatOrArray = float | npt.NDArray[np.float64]


def _describe_range(low: float, high: float, low_open: bool, high_open: bool) -> str:
    left = "(" if low_open or low == -np.inf else "["
    right = ")" if high_open or high == np.inf else "]"
    return f"{left}{low:g}, {high:g}{right}"


def check_number(
    name: str,
    value: Any,
    *,
    low: float = -np.inf,
    high: float = np.inf,
    low_open: bool = False,
    high_open: bool = False,
    allow_inf: bool = False,
) -> FloatOrArray:
    """Check that ``value`` is a real number (or array of them) in a range.

    Parameters
    ----------
    name : str
        Parameter name, used in the error message.
    value : float, int or array_like
        The value to check.  Booleans, strings, complex numbers and ``None``
        are rejected with :class:`TypeError`.
    low, high : float
        Bounds of the allowed range.
    low_open, high_open : bool
        Whether the bound itself is excluded.
    allow_inf : bool
        Whether ``+inf`` (and ``-inf``) are acceptable.  NaN never is.

    Returns
    -------
    float or numpy.ndarray
        ``value`` as a Python float (scalar input) or a float64 array.

    Raises
    ------
    TypeError
        If ``value`` is not a real number or an array of real numbers.
    ValueError
        If ``value`` is NaN, infinite (unless allowed) or out of range.

    Examples
    --------
    >>> check_number("pue", 1.1, low=1.0)
    1.1
    >>> check_number("pue", 0.9, low=1.0)
    Traceback (most recent call last):
    ...
    ValueError: pue must be in [1, inf); got 0.9
    """
    if isinstance(value, float) or type(value) is int:
        # The common case, a plain number inside its range, without building arrays;
        # anything else (a bad value included) takes the full path and its messages.
        try:
            v = float(value)
        except OverflowError:
            v = math.nan
        if (v == v and (allow_inf or not math.isinf(v))
                and (v > low if low_open else v >= low)
                and (v < high if high_open else v <= high)):
            return v
    allowed = _describe_range(low, high, low_open, high_open)
    if isinstance(value, bool | np.bool_) or value is None or isinstance(value, str | bytes):
        raise TypeError(f"{name} must be a real number in {allowed}; got {value!r}")
    if isinstance(value, numbers.Number):
        if not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a real number in {allowed}; got {value!r}")
        scalar = True
        arr = np.asarray(float(value))
    else:
        try:
            arr = np.asarray(value)
        except Exception as exc:  # pragma: no cover - exotic objects
            raise TypeError(f"{name} must be a real number in {allowed}; got {value!r}") from exc
        if arr.dtype.kind not in "iuf" or arr.dtype == np.bool_:
            raise TypeError(
                f"{name} must be a real number or an array of real numbers in {allowed}; "
                f"got {value!r}"
            )
        scalar = arr.ndim == 0
        arr = arr.astype(np.float64, copy=False)

    def _first_bad(mask: npt.NDArray[np.bool_]) -> float:
        return float(arr[mask].flat[0]) if arr.ndim else float(arr)

    if arr.size == 0:
        return arr
    # One pass each for min and max (NaN propagates into both); the slower masks
    # below run only to word the error message.
    smallest, largest = float(arr.min()), float(arr.max())
    if np.isnan(smallest):
        raise ValueError(f"{name} must be a real number in {allowed}; got nan")
    if not allow_inf and (np.isinf(smallest) or np.isinf(largest)):
        bad = smallest if np.isinf(smallest) else largest
        raise ValueError(f"{name} must be finite, in {allowed}; got {bad}")
    if smallest <= low if low_open else smallest < low:
        below = arr <= low if low_open else arr < low
        raise ValueError(f"{name} must be in {allowed}; got {_first_bad(below):g}")
    if largest >= high if high_open else largest > high:
        above = arr >= high if high_open else arr > high
        raise ValueError(f"{name} must be in {allowed}; got {_first_bad(above):g}")
    return float(arr) if scalar else arr


def check_scalar(name: str, value: Any, **bounds: Any) -> float:
    """Like :func:`check_number`, for a parameter that must be one number.

    Parameters
    ----------
    name : str
        Parameter name, used in the error message.
    value : float or int
        The value to check.
    **bounds
        ``low``, ``high``, ``low_open``, ``high_open``, ``allow_inf`` as in
        :func:`check_number`.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` is an array with more than one element, or not a number.
    ValueError
        As :func:`check_number`.

    Examples
    --------
    >>> check_scalar("interval", 2)
    2.0
    >>> check_scalar("interval", [1.0, 2.0])
    Traceback (most recent call last):
    ...
    TypeError: interval must be a single number, not an array; got [1.0, 2.0]
    """
    checked = check_number(name, value, **bounds)
    if isinstance(checked, np.ndarray):
        if checked.size != 1:
            raise TypeError(f"{name} must be a single number, not an array; got {value!r}")
        return float(checked.reshape(()))
    return checked


def check_integer(name: str, value: Any, *, low: int = 0, high: int | None = None) -> int:
    """Check that ``value`` is an integer in ``[low, high]``.

    Parameters
    ----------
    name : str
        Parameter name, used in the error message.
    value : int
        The value to check; a float with an integral value is accepted.
    low, high : int
        Inclusive bounds (``high=None`` means no upper bound).

    Returns
    -------
    int

    Examples
    --------
    >>> check_integer("n_runs", 3, low=1)
    3
    >>> check_integer("n_runs", 0, low=1)
    Traceback (most recent call last):
    ...
    ValueError: n_runs must be an integer in [1, inf); got 0
    """
    allowed = f"[{low}, {'inf)' if high is None else str(high) + ']'}"
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be an integer in {allowed}; got {value!r}")
    as_float = float(value)
    if not np.isfinite(as_float) or as_float != int(as_float):
        raise ValueError(f"{name} must be an integer in {allowed}; got {value!r}")
    out = int(as_float)
    if out < low or (high is not None and out > high):
        raise ValueError(f"{name} must be an integer in {allowed}; got {out}")
    return out


def check_option(name: str, value: Any, allowed: Sequence[str]) -> str:
    """Check that ``value`` is one of the strings ``allowed``.

    Parameters
    ----------
    name : str
        Parameter name, used in the error message.
    value : str
        The value to check.
    allowed : sequence of str
        The options.

    Returns
    -------
    str

    Examples
    --------
    >>> check_option("scope", "gpu", ("gpu", "server"))
    'gpu'
    >>> check_option("scope", "rack", ("gpu", "server"))
    Traceback (most recent call last):
    ...
    ValueError: scope must be one of ('gpu', 'server'); got 'rack'
    >>> check_option("scope", 3, ("gpu", "server"))
    Traceback (most recent call last):
    ...
    TypeError: scope must be one of ('gpu', 'server'); got 3
    """
    if isinstance(allowed, str) or not all(isinstance(a, str) for a in allowed):
        raise TypeError(f"allowed must be a sequence of strings, not {allowed!r}")
    options = tuple(allowed)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {options}; got {value!r}")
    if value not in options:
        raise ValueError(f"{name} must be one of {options}; got {value!r}")
    return value


def scalar_or_array(value: Any) -> FloatOrArray:
    """Return a Python float for a 0-d result, the float64 array otherwise.

    Examples
    --------
    >>> scalar_or_array(np.float64(2.0))
    2.0
    >>> scalar_or_array(np.array([1, 2]))
    array([1., 2.])
    """
    arr = np.asarray(value, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr
