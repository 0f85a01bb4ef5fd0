"""Caching: how much of an astronomically large query space a finite cache can serve.

The semantic-infinity claim says the space of queries is combinatorially vast,
so answers cannot simply be reused.  This module makes the claim precise.

*Size of the space.*  With a vocabulary of ``V`` tokens there are ``V**L``
token strings of length ``L``; :func:`query_space_log10` returns the base-10
logarithm so that nothing overflows.  Most of those strings are noise: by the
asymptotic equipartition property a source of entropy rate ``H`` bits per
symbol has about ``2**(H L)`` typical strings of length ``L``
(:func:`typical_prompts_log10`).

*Repeats.*  What decides whether caching helps is not the number of possible
queries but how often the same ones come back.  If the ``N`` distinct queries
have Zipf popularity, the ``i``-th most popular having probability
proportional to ``i**-s``, a cache holding the ``K`` most popular answers
serves the fraction

``h(K, N, s) = H(K, s) / H(N, s)``,  ``H(n, s) = sum_{i=1}^{n} i**-s``

of all queries (:func:`zipf_cache_hit_rate`; ``H`` is the generalized
harmonic number, :func:`generalized_harmonic`).  As ``N`` grows without
bound, ``h`` tends to 0 when ``s <= 1`` and to ``H(K, s) / zeta(s)`` when
``s > 1`` (:func:`zipf_cache_hit_rate_limit`).

*Energy.*  A hit costs ``e_hit`` (a lookup), a miss ``e_miss`` (a full
inference): :func:`cached_energy_per_query` and :func:`cache_energy_saving`.
A semantic cache must embed and search *every* query, misses included, so
its lookup ``e_lookup`` is paid on top of the inference of a miss; the
saving is then ``h - e_lookup / e_miss`` (:func:`lookup_cache_energy_per_query`,
:func:`lookup_cache_energy_saving`).

*First occurrences.*  A real cache starts empty: in a finite stream of
``Q`` queries, every first occurrence of a query is a miss however large
the cache.  :func:`first_occurrence_share` is the expected share of the
stream made of first occurrences, a ceiling ``1 - share`` on any cache's
hit rate.

*Near-duplicates.*  If every intent is phrased in ``m`` equally likely ways,
an exact-match cache of ``K`` entries holds the phrasings of about ``K / m``
intents (:func:`exact_match_hit_rate`), while a semantic cache that matches
by meaning holds ``K`` intents and serves a cached intent with probability
``recall`` (:func:`semantic_cache_hit_rate`).

All energies are in joules [J]; counts and rates are dimensionless [-].

References
----------
:cite:`breslau1999web`
:cite:`olver2010nist`, sections 2.10 (Euler-Maclaurin) and 25.11 (Hurwitz zeta)

Examples
--------
A cache of the 1,000 most popular answers, out of a million distinct queries
with Zipf exponent 0.8:

>>> round(zipf_cache_hit_rate(1_000, 1_000_000, 0.8), 3)
0.207
>>> zipf_cache_hit_rate_limit(1_000, 0.8)  # as the space grows without bound
0.0
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy.special import exprel, zeta

from .validation import FloatOrArray, check_number, check_scalar, scalar_or_array

__all__ = [
    "query_space_log10",
    "typical_prompts_log10",
    "generalized_harmonic",
    "zipf_cache_hit_rate",
    "zipf_cache_hit_rate_limit",
    "cache_size_for_hit_rate",
    "cached_energy_per_query",
    "cache_energy_saving",
    "lookup_cache_energy_per_query",
    "lookup_cache_energy_saving",
    "exact_match_hit_rate",
    "semantic_cache_hit_rate",
    "first_occurrence_share",
]

_LOG10_2 = math.log10(2.0)

# Euler-Maclaurin: terms k < _EM_START are summed directly, the rest through the formula.
_EM_START = 32
# B_2j / (2j)! for j = 1..6 (Bernoulli numbers B2..B12).
_EM_COEFFS = (
    1.0 / 12.0,
    -1.0 / 720.0,
    1.0 / 30240.0,
    -1.0 / 1209600.0,
    1.0 / 47900160.0,
    -691.0 / 1307674368000.0,
)
_EXPONENT_MAX = 50.0  # beyond this every term after the first is below 1e-15 of it


def _check_count(name: str, value: Any, *, low: float, allow_inf: bool = False) -> FloatOrArray:
    """A count: a real number (or array) with integral values, ``>= low``."""
    checked = check_number(name, value, low=low, allow_inf=allow_inf)
    arr = np.asarray(checked)
    finite = arr[np.isfinite(arr)]
    if finite.size and np.any(finite != np.floor(finite)):
        bad = float(finite[finite != np.floor(finite)].flat[0])
        upper = "inf]" if allow_inf else "inf)"
        raise ValueError(f"{name} must be an integer count in [{low:g}, {upper}; got {bad:g}")
    return checked


def _check_exponent(value: Any) -> FloatOrArray:
    return check_number("exponent", value, low=0.0, high=_EXPONENT_MAX)


def query_space_log10(
    vocabulary_size: FloatOrArray,
    prompt_length: FloatOrArray,
    up_to_length: bool = False,
) -> FloatOrArray:
    """Base-10 logarithm of the number of token strings [-].

    ``log10(V**L) = L log10(V)`` for strings of exactly ``L`` tokens, or
    ``log10(sum_{l=1}^{L} V**l)`` for all strings of 1 to ``L`` tokens.

    Parameters
    ----------
    vocabulary_size : float or ndarray
        Number of distinct tokens ``V`` (an integer >= 1) [-].
    prompt_length : float or ndarray
        Prompt length ``L`` in tokens (an integer >= 1) [-].
    up_to_length : bool
        Count every length from 1 to ``L`` instead of exactly ``L``.

    Returns
    -------
    float or ndarray
        ``log10`` of the count [-].

    Examples
    --------
    GPT-2's vocabulary of 50,257 tokens and its 1,024-token context:

    >>> round(query_space_log10(50_257, 1_024))
    4814
    >>> query_space_log10(10, 3, up_to_length=True) == math.log10(1110)
    True
    """
    v = _check_count("vocabulary_size", vocabulary_size, low=1.0)
    n = _check_count("prompt_length", prompt_length, low=1.0)
    v_arr, n_arr = np.broadcast_arrays(np.asarray(v, dtype=float), np.asarray(n, dtype=float))
    exact = n_arr * np.log10(v_arr)
    if not up_to_length:
        return scalar_or_array(exact)
    # sum V^l = V (V^L - 1) / (V - 1) = V^L * V / (V - 1) * (1 - V^-L); just L when V = 1.
    with np.errstate(divide="ignore", invalid="ignore"):
        log_v = np.log(v_arr)
        tail = np.log10(-np.expm1(-n_arr * log_v)) - np.log10(-np.expm1(-log_v))
    return scalar_or_array(np.where(v_arr == 1.0, np.log10(n_arr), exact + tail))


def typical_prompts_log10(
    length: FloatOrArray,
    entropy_rate: FloatOrArray,
) -> FloatOrArray:
    """Base-10 logarithm of the number of typical strings, ``2**(H L)`` [-].

    By the asymptotic equipartition property, a source of entropy rate ``H``
    bits per symbol puts almost all its probability on about ``2**(H L)``
    strings of length ``L``: the "meaningful" ones, for a model of language.

    Parameters
    ----------
    length : float or ndarray
        String length ``L`` in symbols (>= 0) [-].
    entropy_rate : float or ndarray
        Entropy rate ``H`` (>= 0) [bit/symbol].

    Returns
    -------
    float or ndarray
        ``H L log10(2)`` [-].

    Examples
    --------
    >>> round(typical_prompts_log10(100, 1.0), 2)  # 100 characters at 1 bit each
    30.1
    """
    n = check_number("length", length, low=0.0)
    h = check_number("entropy_rate", entropy_rate, low=0.0)
    return scalar_or_array(np.asarray(n) * np.asarray(h) * _LOG10_2)


def _harmonic(n: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Generalized harmonic numbers for validated, broadcast ``n`` (may be inf) and ``s``."""
    n, s = np.broadcast_arrays(np.asarray(n, dtype=float), np.asarray(s, dtype=float))
    # Direct part: k = 1 .. min(n, _EM_START - 1).
    k = np.arange(1.0, _EM_START, dtype=float).reshape((-1,) + (1,) * n.ndim)
    terms = np.where(k <= n, k ** (-s), 0.0)
    direct = terms.sum(axis=0)
    big = n >= _EM_START
    if not np.any(big):
        return direct
    # Euler-Maclaurin for k = M .. n, f(x) = x^-s:
    # sum = int_M^n f + (f(M) + f(n)) / 2 + sum_j B_2j/(2j)! (f^(2j-1)(n) - f^(2j-1)(M)).
    m = float(_EM_START)
    nb = np.where(big, n, m)  # placeholder values where the formula is not used
    sb = s
    infinite = np.isinf(nb)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        log_ratio = np.where(infinite, 0.0, np.log(nb / m))
        # int_M^n x^-s dx = M^(1-s) ln(n/M) exprel((1-s) ln(n/M)): accurate near s = 1.
        integral = m ** (1.0 - sb) * log_ratio * exprel((1.0 - sb) * log_ratio)
        integral = np.where(infinite, np.where(sb > 1.0, m ** (1.0 - sb) / (sb - 1.0), np.inf),
                            integral)
        f_n = np.where(infinite, 0.0, nb ** (-sb))
        total = integral + 0.5 * (m ** (-sb) + f_n)
        # f^(2j-1)(x) = -(s)(s+1)...(s+2j-2) x^(-s-2j+1)
        rising = sb.copy()
        for j, coeff in enumerate(_EM_COEFFS, start=1):
            order = 2 * j - 1
            if j > 1:
                rising = rising * (sb + order - 2) * (sb + order - 1)
            d_m = -rising * m ** (-sb - order)
            d_n = np.where(infinite, 0.0, -rising * nb ** (-sb - order))
            total = total + coeff * (d_n - d_m)
    tail_start = np.where(k <= m - 1, k ** (-s), 0.0).sum(axis=0)
    return np.where(big, tail_start + total, direct)


def generalized_harmonic(n: FloatOrArray, exponent: FloatOrArray) -> FloatOrArray:
    """Generalized harmonic number ``H(n, s) = sum_{i=1}^{n} i**-s`` [-].

    Small ``n`` is summed directly; larger ``n`` uses the Euler-Maclaurin
    formula from the 32nd term on (six Bernoulli corrections), which is
    accurate to about 1e-15 relative for ``0 <= s <= 50`` and every ``n``
    a float can hold, and costs the same for ``n = 10`` as for ``n = 1e300``.
    ``n = inf`` gives ``zeta(s)`` for ``s > 1`` and ``inf`` otherwise.

    Parameters
    ----------
    n : float or ndarray
        Number of terms (an integer >= 0, or ``inf``) [-].
    exponent : float or ndarray
        Exponent ``s``, in [0, 50] [-].

    Returns
    -------
    float or ndarray
        ``H(n, s)`` [-]; ``inf`` only for ``n = inf`` and ``s <= 1``.

    References
    ----------
    :cite:`olver2010nist`, equation 2.10.1 (Euler-Maclaurin formula)

    Examples
    --------
    >>> generalized_harmonic(4, 1.0) == 1 + 1/2 + 1/3 + 1/4
    True
    >>> round(generalized_harmonic(float("inf"), 2.0), 12)  # zeta(2) = pi^2 / 6
    1.644934066848
    >>> round(generalized_harmonic(1e12, 0.0))
    1000000000000
    """
    nn = _check_count("n", n, low=0.0, allow_inf=True)
    s = _check_exponent(exponent)
    return scalar_or_array(_harmonic(np.asarray(nn), np.asarray(s)))


def _check_cache(cache_size: Any, n_queries: Any, *, n_name: str = "n_queries") -> tuple:
    k = _check_count("cache_size", cache_size, low=1.0)
    n = _check_count(n_name, n_queries, low=1.0, allow_inf=True)
    if np.any(np.asarray(k) > np.asarray(n)):
        k_arr, n_arr = np.broadcast_arrays(np.asarray(k), np.asarray(n))
        bad = k_arr > n_arr
        raise ValueError(
            f"cache_size must be in [1, {n_name}]; got cache_size={float(k_arr[bad].flat[0]):g} "
            f"with {n_name}={float(n_arr[bad].flat[0]):g}"
        )
    return k, n


def zipf_cache_hit_rate(
    cache_size: FloatOrArray,
    n_queries: FloatOrArray,
    exponent: FloatOrArray,
) -> FloatOrArray:
    """Fraction of queries served by a cache of the ``K`` most popular answers [-].

    Query popularity is Zipf: among ``N`` distinct queries the ``i``-th most
    popular has probability ``i**-s / H(N, s)``.  The cache holds the ``K``
    most popular answers (a static cache, or the steady state of a perfect
    frequency-based one), so its hit rate is ``H(K, s) / H(N, s)``.

    Parameters
    ----------
    cache_size : float or ndarray
        Number of cached answers ``K``, an integer in [1, ``n_queries``] [-].
    n_queries : float or ndarray
        Number of distinct queries ``N``, an integer >= 1 or ``inf`` [-].
    exponent : float or ndarray
        Zipf exponent ``s`` of the rank-frequency law, in [0, 50] [-].

    Returns
    -------
    float or ndarray
        Hit rate in [0, 1] [-].  With ``n_queries = inf`` this is the limit
        of :func:`zipf_cache_hit_rate_limit`.

    References
    ----------
    :cite:`breslau1999web`

    Examples
    --------
    >>> zipf_cache_hit_rate(10, 100, 0.0)  # uniform popularity: K / N
    0.1
    >>> round(zipf_cache_hit_rate(1, 2, 1.0), 6)  # 1 / (1 + 1/2)
    0.666667
    """
    k, n = _check_cache(cache_size, n_queries)
    s = _check_exponent(exponent)
    h_k = _harmonic(np.asarray(k), np.asarray(s))
    h_n = _harmonic(np.asarray(n), np.asarray(s))
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(np.isinf(h_n), 0.0, h_k / h_n)
    return scalar_or_array(np.clip(rate, 0.0, 1.0))


def zipf_cache_hit_rate_limit(cache_size: FloatOrArray, exponent: FloatOrArray) -> FloatOrArray:
    """Hit rate of a ``K``-answer cache as the query space grows without bound [-].

    ``lim_{N -> inf} H(K, s) / H(N, s)`` is 0 when ``s <= 1`` (the harmonic
    series diverges) and ``H(K, s) / zeta(s)`` when ``s > 1``.

    Parameters
    ----------
    cache_size : float or ndarray
        Number of cached answers ``K`` (an integer >= 1) [-].
    exponent : float or ndarray
        Zipf exponent ``s``, in [0, 50] [-].

    Returns
    -------
    float or ndarray
        Limiting hit rate in [0, 1) [-].

    Examples
    --------
    >>> zipf_cache_hit_rate_limit(100, 1.0)
    0.0
    >>> round(zipf_cache_hit_rate_limit(1, 2.0), 4)  # 1 / zeta(2) = 6 / pi^2
    0.6079
    """
    k = _check_count("cache_size", cache_size, low=1.0)
    s = _check_exponent(exponent)
    s_arr = np.asarray(s, dtype=float)
    h_k = _harmonic(np.asarray(k), s_arr)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = zeta(np.where(s_arr > 1.0, s_arr, 2.0))
        rate = np.where(s_arr > 1.0, h_k / z, 0.0)
    return scalar_or_array(np.clip(rate, 0.0, 1.0))


def cache_size_for_hit_rate(
    target_hit_rate: float,
    n_queries: float,
    exponent: float,
) -> float:
    """Smallest cache ``K`` whose Zipf hit rate reaches a target [-].

    Parameters
    ----------
    target_hit_rate : float
        Target hit rate, in [0, 1] [-].
    n_queries : float
        Number of distinct queries ``N`` (an integer >= 1, or ``inf``) [-].
    exponent : float
        Zipf exponent ``s``, in [0, 50] [-].

    Returns
    -------
    float
        The smallest integer ``K`` with ``H(K, s) / H(N, s) >= target``, as a
        float; ``inf`` if no finite cache reaches the target (``N = inf``
        with ``s <= 1``, or a target at or above the limiting hit rate's
        supremum, 1).

    Examples
    --------
    >>> cache_size_for_hit_rate(0.5, 100, 0.0)
    50.0
    >>> cache_size_for_hit_rate(0.5, float("inf"), 1.0)
    inf
    """
    target = check_scalar("target_hit_rate", target_hit_rate, low=0.0, high=1.0)
    n = _check_count("n_queries", n_queries, low=1.0, allow_inf=True)
    n = float(np.asarray(n).reshape(()) if np.ndim(n) == 0 else n)
    s = check_scalar("exponent", exponent, low=0.0, high=_EXPONENT_MAX)
    if target == 0.0:
        return 1.0
    if math.isinf(n):
        if s <= 1.0 or target >= 1.0:
            return math.inf
        total = float(zeta(s))
    else:
        total = float(_harmonic(np.asarray(n), np.asarray(s)))

    def reaches(k: float) -> bool:
        return float(_harmonic(np.asarray(k), np.asarray(s))) >= target * total * (1 - 1e-15)

    if math.isinf(n):
        high = 1.0
        while not reaches(high):
            high *= 2.0
            if high > 1e300:
                return math.inf
    else:
        high = n
    low = 0.0  # reaches(low) is False (H(0) = 0 < target * total)
    while high - low > 1.0:
        mid = math.floor((low + high) / 2.0)
        if mid == low:
            break
        if reaches(float(mid)):
            high = float(mid)
        else:
            low = float(mid)
    return float(high)


def cached_energy_per_query(
    hit_rate: FloatOrArray,
    energy_miss: FloatOrArray,
    energy_hit: FloatOrArray,
) -> FloatOrArray:
    """Mean energy of a query behind a cache, ``h e_hit + (1 - h) e_miss`` [J].

    A miss runs the model and then stores the answer; the cost of storing is
    taken to be part of ``e_miss``.  Every query, hit or miss, pays the lookup;
    :func:`lookup_cache_energy_per_query` models that explicitly.

    Parameters
    ----------
    hit_rate : float or ndarray
        Fraction of queries served from the cache, in [0, 1] [-].
    energy_miss : float or ndarray
        Energy of a query the model must answer (>= 0) [J].
    energy_hit : float or ndarray
        Energy of a query served from the cache (>= 0) [J].

    Returns
    -------
    float or ndarray
        Mean energy per query [J].

    Examples
    --------
    >>> cached_energy_per_query(0.25, 1000.0, 1.0)
    750.25
    """
    h = check_number("hit_rate", hit_rate, low=0.0, high=1.0)
    e_miss = check_number("energy_miss", energy_miss, low=0.0)
    e_hit = check_number("energy_hit", energy_hit, low=0.0)
    return scalar_or_array(np.asarray(h) * e_hit + (1.0 - np.asarray(h)) * e_miss)


def cache_energy_saving(
    hit_rate: FloatOrArray,
    energy_miss: FloatOrArray,
    energy_hit: FloatOrArray,
) -> FloatOrArray:
    """Fraction of inference energy a cache saves, ``h (1 - e_hit / e_miss)`` [-].

    Parameters
    ----------
    hit_rate : float or ndarray
        Fraction of queries served from the cache, in [0, 1] [-].
    energy_miss : float or ndarray
        Energy of a query the model must answer (> 0) [J].
    energy_hit : float or ndarray
        Energy of a query served from the cache (>= 0) [J].  A hit dearer
        than a miss gives a negative saving.

    Returns
    -------
    float or ndarray
        Saving relative to no cache [-].

    Examples
    --------
    >>> round(cache_energy_saving(0.5, 1000.0, 1.0), 4)
    0.4995
    """
    h = check_number("hit_rate", hit_rate, low=0.0, high=1.0)
    e_miss = check_number("energy_miss", energy_miss, low=0.0, low_open=True)
    e_hit = check_number("energy_hit", energy_hit, low=0.0)
    return scalar_or_array(np.asarray(h) * (1.0 - np.asarray(e_hit) / np.asarray(e_miss)))


def lookup_cache_energy_per_query(
    hit_rate: FloatOrArray,
    energy_miss: FloatOrArray,
    energy_lookup: FloatOrArray,
) -> FloatOrArray:
    """Mean energy of a query when every query pays the lookup, ``e_lookup + (1 - h) e_miss`` [J].

    A semantic cache embeds each query and searches its index before it
    knows whether the query is a hit, so the lookup is paid by misses too:
    a hit costs ``e_lookup``, a miss ``e_lookup + e_miss``.  Serving a stored
    answer is taken to be part of ``e_lookup``.

    Parameters
    ----------
    hit_rate : float or ndarray
        Fraction of queries served from the cache, in [0, 1] [-].
    energy_miss : float or ndarray
        Energy of the inference a miss needs (>= 0) [J].
    energy_lookup : float or ndarray
        Energy of the lookup every query pays (>= 0) [J].

    Returns
    -------
    float or ndarray
        Mean energy per query [J].

    Examples
    --------
    >>> lookup_cache_energy_per_query(0.25, 1000.0, 1.0)
    751.0
    """
    h = check_number("hit_rate", hit_rate, low=0.0, high=1.0)
    e_miss = check_number("energy_miss", energy_miss, low=0.0)
    e_lookup = check_number("energy_lookup", energy_lookup, low=0.0)
    return scalar_or_array(np.asarray(e_lookup) + (1.0 - np.asarray(h)) * e_miss)


def lookup_cache_energy_saving(
    hit_rate: FloatOrArray,
    energy_miss: FloatOrArray,
    energy_lookup: FloatOrArray,
) -> FloatOrArray:
    """Fraction of energy saved when every query pays the lookup, ``h - e_lookup / e_miss`` [-].

    Relative to no cache (every query costs ``e_miss``), a cache whose
    lookup is paid by hits and misses alike saves
    ``1 - (e_lookup + (1 - h) e_miss) / e_miss = h - e_lookup / e_miss``.
    It costs energy (a negative saving) when ``h < e_lookup / e_miss``.

    Parameters
    ----------
    hit_rate : float or ndarray
        Fraction of queries served from the cache, in [0, 1] [-].
    energy_miss : float or ndarray
        Energy of the inference a miss needs (> 0) [J].
    energy_lookup : float or ndarray
        Energy of the lookup every query pays (>= 0) [J].

    Returns
    -------
    float or ndarray
        Saving relative to no cache [-], at most ``h``.

    Examples
    --------
    >>> round(lookup_cache_energy_saving(0.5, 1000.0, 1.0), 4)
    0.499
    >>> lookup_cache_energy_saving(0.0, 1000.0, 1.0)  # no hits: the lookups are pure cost
    -0.001
    """
    h = check_number("hit_rate", hit_rate, low=0.0, high=1.0)
    e_miss = check_number("energy_miss", energy_miss, low=0.0, low_open=True)
    e_lookup = check_number("energy_lookup", energy_lookup, low=0.0)
    return scalar_or_array(np.asarray(h) - np.asarray(e_lookup) / np.asarray(e_miss))


def exact_match_hit_rate(
    cache_size: FloatOrArray,
    n_intents: FloatOrArray,
    exponent: FloatOrArray,
    paraphrases: FloatOrArray = 1.0,
) -> FloatOrArray:
    """Hit rate of an exact-match cache when each intent has ``m`` phrasings [-].

    Intents have Zipf popularity (``N`` intents, exponent ``s``); each
    intent's traffic is split evenly over ``m`` distinct phrasings, and the
    cache stores answers to the ``K`` most popular *phrasings*.  Those are the
    ``m`` phrasings of each of the ``floor(K/m)`` most popular intents plus
    ``K mod m`` phrasings of the next one, so the hit rate is
    ``[H(floor(K/m), s) + (K mod m)/m (floor(K/m) + 1)**-s] / H(N, s)``.

    Parameters
    ----------
    cache_size : float or ndarray
        Cached answers ``K``, an integer in [1, ``m N``] [-].
    n_intents : float or ndarray
        Number of distinct intents ``N`` (an integer >= 1, or ``inf``) [-].
    exponent : float or ndarray
        Zipf exponent ``s`` of intent popularity, in [0, 50] [-].
    paraphrases : float or ndarray
        Equally likely phrasings per intent ``m`` (an integer >= 1) [-].

    Returns
    -------
    float or ndarray
        Hit rate in [0, 1] [-]; equal to :func:`zipf_cache_hit_rate` when
        ``m = 1``.

    Examples
    --------
    >>> round(exact_match_hit_rate(10, 100, 0.0, paraphrases=10), 6)  # one intent of 100
    0.01
    """
    k = _check_count("cache_size", cache_size, low=1.0)
    n = _check_count("n_intents", n_intents, low=1.0, allow_inf=True)
    s = _check_exponent(exponent)
    m = _check_count("paraphrases", paraphrases, low=1.0)
    k_arr, n_arr, m_arr = np.broadcast_arrays(np.asarray(k), np.asarray(n), np.asarray(m))
    if np.any(k_arr > m_arr * n_arr):
        bad = k_arr > m_arr * n_arr
        raise ValueError(
            "cache_size must be in [1, paraphrases * n_intents]; got "
            f"cache_size={float(k_arr[bad].flat[0]):g}"
        )
    full = np.floor(k_arr / m_arr)
    partial = (k_arr - full * m_arr) / m_arr
    s_arr = np.asarray(s, dtype=float)
    h_full = _harmonic(full, s_arr)
    h_n = _harmonic(n_arr, s_arr)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(np.isinf(h_n), 0.0, (h_full + partial * (full + 1.0) ** (-s_arr)) / h_n)
    return scalar_or_array(np.clip(rate, 0.0, 1.0))


def semantic_cache_hit_rate(
    cache_size: FloatOrArray,
    n_intents: FloatOrArray,
    exponent: FloatOrArray,
    recall: FloatOrArray = 1.0,
) -> FloatOrArray:
    """Hit rate of a cache that matches queries by meaning (intent) [-].

    The cache stores one answer for each of the ``K`` most popular intents
    and recognises a new phrasing of a cached intent with probability
    ``recall`` (an embedding-similarity match above a threshold).  Its hit
    rate is ``recall * H(K, s) / H(N, s)``, whatever the number of
    phrasings.  False hits (a wrong answer served as a hit) are not modelled.

    Parameters
    ----------
    cache_size : float or ndarray
        Cached intents ``K``, an integer in [1, ``n_intents``] [-].
    n_intents : float or ndarray
        Number of distinct intents ``N`` (an integer >= 1, or ``inf``) [-].
    exponent : float or ndarray
        Zipf exponent ``s`` of intent popularity, in [0, 50] [-].
    recall : float or ndarray
        Probability that a phrasing of a cached intent is recognised, in [0, 1] [-].

    Returns
    -------
    float or ndarray
        Hit rate in [0, 1] [-].

    Examples
    --------
    >>> round(semantic_cache_hit_rate(10, 100, 0.0, recall=0.9), 6)
    0.09
    """
    k, n = _check_cache(cache_size, n_intents, n_name="n_intents")
    s = _check_exponent(exponent)
    rho = check_number("recall", recall, low=0.0, high=1.0)
    h_k = _harmonic(np.asarray(k), np.asarray(s))
    h_n = _harmonic(np.asarray(n), np.asarray(s))
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(np.isinf(h_n), 0.0, h_k / h_n)
    return scalar_or_array(np.clip(np.asarray(rho) * rate, 0.0, 1.0))


_FIRST_OCCURRENCE_MAX_N = 1e8  # the sum runs over every distinct query
_FIRST_OCCURRENCE_CHUNK = 1 << 20


def first_occurrence_share(stream_length: float, n_queries: float, exponent: float) -> float:
    """Expected share of a finite query stream made of first occurrences [-].

    ``Q`` queries are drawn independently from the Zipf law over ``N``
    distinct queries (probabilities ``p_i = i**-s / H(N, s)``).  The expected
    number of distinct queries in the stream is
    ``D = sum_i (1 - (1 - p_i)**Q)``; each is a miss the first time it is
    asked, whatever the cache, so ``D / Q`` is the share of compulsory
    misses and ``1 - D / Q`` bounds the hit rate of any cache, even an
    infinite one, on that stream.

    Parameters
    ----------
    stream_length : float
        Number of queries in the stream ``Q`` (an integer >= 1) [-].
    n_queries : float
        Number of distinct queries ``N`` (an integer in [1, 1e8]; the sum
        runs over all of them) [-].
    exponent : float
        Zipf exponent ``s``, in [0, 50] [-].

    Returns
    -------
    float
        ``D / Q``, in (0, 1] [-].

    Examples
    --------
    >>> round(first_occurrence_share(1, 1000, 0.8), 12)  # a single query is always new
    1.0
    >>> first_occurrence_share(10, 1, 0.0)  # one possible query: only the first is new
    0.1
    """
    q = float(_check_count("stream_length", stream_length, low=1.0))
    n = float(_check_count("n_queries", n_queries, low=1.0))
    if n > _FIRST_OCCURRENCE_MAX_N:
        raise ValueError(
            f"n_queries must be in [1, {_FIRST_OCCURRENCE_MAX_N:g}]; got {n:g}"
        )
    s = float(check_scalar("exponent", exponent, low=0.0, high=_EXPONENT_MAX))
    total = float(_harmonic(np.asarray(n), np.asarray(s)))
    distinct = 0.0
    start = 1.0
    while start <= n:
        stop = min(n, start + _FIRST_OCCURRENCE_CHUNK - 1)
        p = np.arange(start, stop + 1.0) ** (-s) / total
        # 1 - (1 - p)^Q, accurate for tiny p and huge Q
        with np.errstate(divide="ignore"):
            distinct += float(np.sum(-np.expm1(q * np.log1p(-np.minimum(p, 1.0)))))
        start = stop + 1.0
    return min(1.0, distinct / q)
