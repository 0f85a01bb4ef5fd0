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
from sympy.codegen.cfunctions import expm1

from ..caching import _EM_COEFFS, _EM_START

__all__ = [
    "CACHING_SYMBOLS",
    "harmonic_head_twin",
    "harmonic_number_twin",
    "harmonic_sum_expr",
    "harmonic_sum_limit",
    "integral_lower_bound",
    "zipf_hit_rate_expr",
    "zipf_hit_rate_limit",
    "zeta_twin",
    "zipf_hit_rate_twin",
    "zipf_hit_rate_limit_twin",
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


# The page's evaluation of H(n, s): energylib.caching's numbers, written in SymPy.

def harmonic_head_twin(s: sp.Expr) -> sp.Expr:
    """``sum_{k=1}^{M-1} k**-s``: the directly summed terms of a large ``H(n, s)`` [-].

    ``M`` is where :func:`energylib.caching.generalized_harmonic` switches to
    Euler-Maclaurin (32).

    Examples
    --------
    >>> abs(float(harmonic_head_twin(sp.Integer(2))) - sum(k**-2 for k in range(1, 32))) < 1e-15
    True
    """
    return sp.Add(*[sp.Integer(k) ** (-s) for k in range(1, _EM_START)])


def _em_tail(n: sp.Expr | None, s: sp.Expr) -> sp.Expr:
    """Euler-Maclaurin for ``sum_{k=M}^{n} k**-s`` (``n = None``: to infinity, ``s > 1``).

    The same formula, term by term, as :func:`energylib.caching._harmonic`:
    ``int_M^n x^-s dx + (M^-s + n^-s) / 2 + sum_j B_2j/(2j)! (f'(n) - f'(M))``,
    the integral written ``M^(1-s) expm1((1-s) ln(n/M)) / (1-s)`` (its
    ``M^(1-s) ln(n/M) exprel(...)``), and ``ln(n/M)`` at ``s = 1``.
    """
    m = sp.Integer(_EM_START)
    if n is None:
        integral = m ** (1 - s) / (s - 1)
        f_n: sp.Expr = sp.Integer(0)
    else:
        log_ratio = sp.log(n / m)
        integral = sp.Piecewise(
            (m ** (1 - s) * expm1((1 - s) * log_ratio) / (1 - s), sp.Ne(s, 1)),
            (log_ratio, True))
        f_n = n ** (-s)
    total = integral + (m ** (-s) + f_n) / 2
    rising = s
    for j, coeff in enumerate(_EM_COEFFS, start=1):
        order = 2 * j - 1
        if j > 1:
            rising = rising * (s + order - 2) * (s + order - 1)
        d_m = -rising * m ** (-s - order)
        d_n = sp.Integer(0) if n is None else -rising * n ** (-s - order)
        total = total + sp.Float(coeff) * (d_n - d_m)
    return total


def harmonic_number_twin(n: sp.Expr, s: sp.Expr, head: sp.Expr | None = None) -> sp.Expr:
    """``H(n, s)`` for an integer ``n >= 1``, as :func:`energylib.caching.generalized_harmonic`.

    Written out term by term as energylib evaluates it (``n < 32``: the sum;
    beyond: :func:`harmonic_head_twin` plus the Euler-Maclaurin tail), so
    that its numbers, printed as numpy or JavaScript, are energylib's.
    ``head`` is :func:`harmonic_head_twin` of ``s`` (pass a symbol holding
    it to share it).

    Examples
    --------
    >>> from energylib.caching import generalized_harmonic
    >>> n, s = sp.symbols("n s", real=True)
    >>> h = sp.lambdify((n, s), harmonic_number_twin(n, s))
    >>> bool(abs(h(1e6, 0.8) / generalized_harmonic(1e6, 0.8) - 1) < 1e-12)
    True
    >>> float(h(3, 2.0)) == 1 + 1 / 4 + 1 / 9
    True
    """
    head = harmonic_head_twin(s) if head is None else head
    direct = sp.Add(*[sp.Piecewise((sp.Integer(k) ** (-s), n >= k), (0, True))
                      for k in range(1, _EM_START)])
    return sp.Piecewise((head + _em_tail(n, s), n >= _EM_START), (direct, True))


def zeta_twin(s: sp.Expr, head: sp.Expr | None = None) -> sp.Expr:
    """``zeta(s) = H(inf, s)`` for ``s > 1`` (Euler-Maclaurin, as energylib's ``H(inf, s)``).

    Examples
    --------
    >>> abs(float(zeta_twin(sp.Integer(2))) - float(sp.pi**2 / 6)) < 1e-12
    True
    """
    return (harmonic_head_twin(s) if head is None else head) + _em_tail(None, s)


def _clip01(x: sp.Expr) -> sp.Expr:
    """``min(1, max(0, x))``, as ``np.clip``; unevaluated (SymPy's checks take seconds here)."""
    return sp.Min(1, sp.Max(0, x, evaluate=False), evaluate=False)


def zipf_hit_rate_twin(k: sp.Expr, n: sp.Expr, s: sp.Expr,
                       head: sp.Expr | None = None) -> sp.Expr:
    """:func:`energylib.caching.zipf_cache_hit_rate` for integers ``k <= n`` [-].

    ``H(k, s) / H(n, s)`` clipped to [0, 1], each ``H`` by
    :func:`harmonic_number_twin` (``head``: its shared head sum).

    Examples
    --------
    >>> from energylib.caching import zipf_cache_hit_rate
    >>> k, n, s = sp.symbols("k n s", real=True)
    >>> f = sp.lambdify((k, n, s), zipf_hit_rate_twin(k, n, s))
    >>> bool(abs(f(1e4, 1e9, 0.8) / zipf_cache_hit_rate(1e4, 1e9, 0.8) - 1) < 1e-12)
    True
    """
    return _clip01(harmonic_number_twin(k, s, head) / harmonic_number_twin(n, s, head))


def zipf_hit_rate_limit_twin(k: sp.Expr, s: sp.Expr, head: sp.Expr | None = None) -> sp.Expr:
    """:func:`energylib.caching.zipf_cache_hit_rate_limit`: ``H(k, s) / zeta(s)``, or 0 [-].

    Clipped to [0, 1] for ``s > 1``; 0 for ``s <= 1``, where the hit rate
    of a fixed cache tends to 0 as the query space grows.

    Examples
    --------
    >>> k, s = sp.symbols("k s", real=True)
    >>> zipf_hit_rate_limit_twin(k, sp.Float(0.9))
    0
    """
    return sp.Piecewise((_clip01(harmonic_number_twin(k, s, head) / zeta_twin(s, head)), s > 1),
                        (0, True))
