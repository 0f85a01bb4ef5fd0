"""SymPy derivations for the caching model: harmonic sums and their limits.

A cache holding the ``K`` most popular of ``N`` Zipf-distributed queries
serves the fraction ``H(K, s) / H(N, s)`` of them, with
``H(n, s) = sum_{i=1}^{n} i**-s``.  The functions below let SymPy decide
what happens as the query space grows without bound, regime by regime: the
exponent is written ``s = 1 - d`` (``s < 1``), ``s = 1``, or ``s = 1 + d``
(``s > 1``), with ``d > 0``.  :mod:`energylib.caching` is tested against
these expressions (``tests/test_caching.py``) and the chapter displays them.

Examples
--------
>>> harmonic_sum_limit("s>1")
zeta(d + 1)
>>> zipf_hit_rate_limit("s=1")
0
"""

from __future__ import annotations

import sympy as sp

__all__ = [
    "CACHING_SYMBOLS",
    "harmonic_sum_expr",
    "harmonic_sum_limit",
    "integral_lower_bound",
    "zipf_hit_rate_expr",
    "zipf_hit_rate_limit",
]

i = sp.Symbol("i", integer=True, positive=True)
K, N = sp.symbols("K N", integer=True, positive=True)
s, d, x = sp.symbols("s d x", positive=True)

CACHING_SYMBOLS: dict[str, sp.Symbol] = {"i": i, "K": K, "N": N, "s": s, "d": d, "x": x}
"""The symbols used in every expression, by name."""

_REGIMES = ("s<1", "s=1", "s>1")


def _exponent(regime: str) -> sp.Expr:
    if regime not in _REGIMES:
        raise ValueError(f"regime must be one of {_REGIMES}; got {regime!r}")
    return {"s<1": 1 - d, "s=1": sp.Integer(1), "s>1": 1 + d}[regime]


def harmonic_sum_expr() -> sp.Expr:
    """The generalized harmonic number ``H(N, s)`` as an unevaluated sum [-].

    Examples
    --------
    >>> harmonic_sum_expr()
    Sum(i**(-s), (i, 1, N))
    >>> harmonic_sum_expr().subs({N: 3, s: 1}).doit()
    11/6
    """
    return sp.Sum(i ** (-s), (i, 1, N))


def harmonic_sum_limit(regime: str) -> sp.Expr:
    """``lim_{N -> oo} H(N, s)`` in one regime, evaluated by SymPy [-].

    Parameters
    ----------
    regime : {"s<1", "s=1", "s>1"}
        ``"s<1"`` substitutes ``s = 1 - d``, ``"s>1"`` substitutes ``s = 1 + d``.

    Returns
    -------
    sympy.Expr
        ``oo`` for ``s <= 1``; ``zeta(1 + d)`` (that is ``zeta(s)``) for ``s > 1``.

    Examples
    --------
    >>> harmonic_sum_limit("s<1"), harmonic_sum_limit("s=1")
    (oo, oo)
    """
    exponent = _exponent(regime)
    # sp.summation leaves the s < 1 sum unevaluated; harmonic(N, s) is the same sum.
    # (the tests check that the two agree term by term).
    partial = sp.harmonic(N, exponent)
    return sp.limit(partial, N, sp.oo)


def integral_lower_bound(regime: str) -> sp.Expr:
    """The integral-test bound ``int_1^(N+1) x**-s dx <= H(N, s)``, evaluated [-].

    Each term ``i**-s`` is at least ``int_i^(i+1) x**-s dx``, so the sum is at
    least the integral; for ``s <= 1`` the integral grows without bound, which
    is the proof that the sum diverges.

    Parameters
    ----------
    regime : {"s<1", "s=1", "s>1"}

    Returns
    -------
    sympy.Expr
        The integral as a function of ``N``.

    Examples
    --------
    >>> integral_lower_bound("s=1")
    log(N + 1)
    >>> sp.limit(integral_lower_bound("s<1"), N, sp.oo)
    oo
    """
    exponent = _exponent(regime)
    return sp.simplify(sp.integrate(x ** (-exponent), (x, 1, N + 1)))


def zipf_hit_rate_expr() -> sp.Expr:
    """Hit rate of a cache of the ``K`` most popular of ``N`` Zipf queries [-].

    Examples
    --------
    >>> zipf_hit_rate_expr()
    harmonic(K, s)/harmonic(N, s)
    >>> zipf_hit_rate_expr().subs({K: 1, N: 2, s: 1})
    2/3
    """
    return sp.harmonic(K, s) / sp.harmonic(N, s)


def zipf_hit_rate_limit(regime: str) -> sp.Expr:
    """``lim_{N -> oo} H(K, s) / H(N, s)`` in one regime, taken by SymPy [-].

    Parameters
    ----------
    regime : {"s<1", "s=1", "s>1"}

    Returns
    -------
    sympy.Expr
        0 for ``s <= 1``; ``(zeta(1 + d) - zeta(1 + d, K + 1)) / zeta(1 + d)``
        for ``s = 1 + d > 1``, which is ``H(K, s) / zeta(s)``.

    Examples
    --------
    >>> zipf_hit_rate_limit("s<1")
    0
    >>> zipf_hit_rate_limit("s>1")
    (zeta(d + 1) - zeta(d + 1, K + 1))/zeta(d + 1)
    """
    exponent = _exponent(regime)
    ratio = zipf_hit_rate_expr().subs(s, exponent)
    return sp.limit(ratio, N, sp.oo)
