"""Caching model: closed forms against direct sums, limits, SymPy, properties, bad input."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from energylib.caching import (
    cache_energy_saving,
    cache_size_for_hit_rate,
    cached_energy_per_query,
    exact_match_hit_rate,
    first_occurrence_share,
    generalized_harmonic,
    lookup_cache_energy_per_query,
    lookup_cache_energy_saving,
    query_space_log10,
    semantic_cache_hit_rate,
    typical_prompts_log10,
    zipf_cache_hit_rate,
    zipf_cache_hit_rate_limit,
)
from energylib.symbolic.caching import (
    CACHING_SYMBOLS,
    harmonic_sum_expr,
    harmonic_sum_limit,
    integral_lower_bound,
    zipf_hit_rate_expr,
    zipf_hit_rate_limit,
)

# function -> (valid keyword arguments, {parameter: [out-of-range values]}),
# in the format of CASES in tests/test_bad_input.py.
BAD_INPUT_CASES: dict = {
    query_space_log10: (
        dict(vocabulary_size=50_257, prompt_length=20),
        {"vocabulary_size": [0, -1, 1.5, math.inf], "prompt_length": [0, -3, 2.5, math.inf]},
    ),
    typical_prompts_log10: (
        dict(length=100, entropy_rate=1.0),
        {"length": [-1, math.inf], "entropy_rate": [-0.1, math.inf]},
    ),
    generalized_harmonic: (
        dict(n=100, exponent=0.8),
        {"n": [-1, 2.5], "exponent": [-0.1, 50.5, math.inf]},
    ),
    zipf_cache_hit_rate: (
        dict(cache_size=10, n_queries=1000, exponent=0.8),
        {
            "cache_size": [0, -1, 2.5, 1001, math.inf],
            "n_queries": [0, -5, 10.5],
            "exponent": [-0.5, 51, math.inf],
        },
    ),
    zipf_cache_hit_rate_limit: (
        dict(cache_size=10, exponent=1.2),
        {"cache_size": [0, 0.5, math.inf], "exponent": [-1, math.inf]},
    ),
    cache_size_for_hit_rate: (
        dict(target_hit_rate=0.5, n_queries=1000, exponent=0.8),
        {
            "target_hit_rate": [-0.1, 1.1, math.inf],
            "n_queries": [0, 3.5],
            "exponent": [-0.1, math.inf],
        },
    ),
    cached_energy_per_query: (
        dict(hit_rate=0.3, energy_miss=1000.0, energy_hit=1.0),
        {"hit_rate": [-0.1, 1.1], "energy_miss": [-1, math.inf], "energy_hit": [-1, math.inf]},
    ),
    cache_energy_saving: (
        dict(hit_rate=0.3, energy_miss=1000.0, energy_hit=1.0),
        {"hit_rate": [-0.1, 1.1], "energy_miss": [0, -1, math.inf], "energy_hit": [-1]},
    ),
    lookup_cache_energy_per_query: (
        dict(hit_rate=0.3, energy_miss=1000.0, energy_lookup=1.0),
        {"hit_rate": [-0.1, 1.1], "energy_miss": [-1, math.inf], "energy_lookup": [-1, math.inf]},
    ),
    lookup_cache_energy_saving: (
        dict(hit_rate=0.3, energy_miss=1000.0, energy_lookup=1.0),
        {"hit_rate": [-0.1, 1.1], "energy_miss": [0, -1, math.inf], "energy_lookup": [-1]},
    ),
    first_occurrence_share: (
        dict(stream_length=1000, n_queries=100, exponent=0.8),
        {
            "stream_length": [0, 2.5, math.inf],
            "n_queries": [0, 3.5, 1e9, math.inf],
            "exponent": [-0.1, math.inf],
        },
    ),
    exact_match_hit_rate: (
        dict(cache_size=10, n_intents=1000, exponent=0.8, paraphrases=5),
        {
            "cache_size": [0, 5001, 1.5],
            "n_intents": [0, 2.5],
            "exponent": [-1],
            "paraphrases": [0, 1.5, math.inf],
        },
    ),
    semantic_cache_hit_rate: (
        dict(cache_size=10, n_intents=1000, exponent=0.8, recall=0.9),
        {
            "cache_size": [0, 1001],
            "n_intents": [0, 7.5],
            "exponent": [-1, math.inf],
            "recall": [-0.1, 1.5],
        },
    ),
}


def direct_harmonic(n: int, s: float) -> float:
    return math.fsum(i ** (-s) for i in range(1, n + 1))


def mp_harmonic(n: float, s: float) -> float:
    with mpmath.workdps(50):
        if s == 1.0:
            return float(mpmath.digamma(mpmath.mpf(n) + 1) + mpmath.euler)
        return float(mpmath.zeta(s) - mpmath.zeta(s, mpmath.mpf(n) + 1))


# ---------------------------------------------------------------- harmonic numbers

@pytest.mark.parametrize("s", [0.0, 0.3, 0.64, 0.83, 0.999999, 1.0, 1.000001, 1.5, 2.0, 7.0])
@pytest.mark.parametrize("n", [0, 1, 2, 31, 32, 33, 100, 5_000, 200_000])
def test_harmonic_matches_direct_sum(n, s):
    assert_allclose(generalized_harmonic(n, s), direct_harmonic(n, s), rtol=1e-12, atol=0)


@pytest.mark.parametrize("s", [0.0, 0.5, 0.8, 1.0, 1.2, 3.0])
@pytest.mark.parametrize("n", [1e6, 1e9, 1e15, 1e30, 1e100])
def test_harmonic_matches_hurwitz_zeta_for_huge_n(n, s):
    if s == 0.0:
        expected = n
    else:
        expected = mp_harmonic(n, s)
    assert_allclose(generalized_harmonic(n, s), expected, rtol=1e-12)


def test_harmonic_is_vectorized_and_infinite_n():
    n = np.array([10.0, 1e6, np.inf])
    out = generalized_harmonic(n[:, None], np.array([0.5, 2.0]))
    assert out.shape == (3, 2)
    assert out[2, 0] == math.inf
    assert_allclose(out[2, 1], math.pi**2 / 6, rtol=1e-14)
    assert_allclose(out[1, 1], mp_harmonic(1e6, 2.0), rtol=1e-13)


# ---------------------------------------------------------------- hit rates

@pytest.mark.parametrize(("k", "n", "s"), [(1, 1, 0.5), (1, 10, 0.0), (7, 500, 0.8),
                                           (100, 100_000, 1.0), (3, 50_000, 1.7)])
def test_hit_rate_is_ratio_of_direct_sums(k, n, s):
    expected = direct_harmonic(k, s) / direct_harmonic(n, s)
    assert_allclose(zipf_cache_hit_rate(k, n, s), expected, rtol=1e-9)


@pytest.mark.parametrize("k", [1, 10, 10_000])
@pytest.mark.parametrize("s", [1.1, 1.5, 2.0, 4.0])
def test_limit_above_one_matches_large_n_and_zeta(k, s):
    limit = zipf_cache_hit_rate_limit(k, s)
    assert_allclose(limit, mp_harmonic(k, s) / float(mpmath.zeta(s)), rtol=1e-12)
    # the tail beyond N is about N^(1-s)/(s-1): tiny for N = 1e200
    assert_allclose(zipf_cache_hit_rate(k, 1e200, s), limit, rtol=1e-12)
    assert zipf_cache_hit_rate(k, math.inf, s) == pytest.approx(limit, rel=1e-14)


@pytest.mark.parametrize("s", [0.0, 0.5, 0.9, 1.0])
def test_limit_at_or_below_one_is_zero_and_approached(s):
    assert zipf_cache_hit_rate_limit(1000, s) == 0.0
    assert zipf_cache_hit_rate(1000, math.inf, s) == 0.0
    rates = zipf_cache_hit_rate(1000, np.array([1e4, 1e8, 1e50, 1e300]), s)
    assert np.all(np.diff(rates) < 0)
    assert rates[-1] < 0.02


def test_s_equal_one_decays_only_logarithmically():
    # H(K,1)/H(N,1) ~ (ln K + gamma)/(ln N + gamma): a million answers out of 1e12 still serve ~half
    h = zipf_cache_hit_rate(1e6, 1e12, 1.0)
    gamma = 0.5772156649015329
    assert h == pytest.approx((math.log(1e6) + gamma) / (math.log(1e12) + gamma), rel=1e-6)


@settings(max_examples=200, deadline=None)
@given(
    k=st.integers(1, 10**6),
    extra=st.integers(0, 10**9),
    s=st.floats(0.0, 3.0, allow_nan=False),
)
# Found by a random run: H(N+1)/H(N) - 1 ~ N**-s / H(N) ~ 1e-19 is below the rounding of the
# ratio, which came out 2.2e-16 *above* the one for N. Monotonicity is a property of the
# exact ratio, so the float comparisons allow a relative 1e-12.
@example(k=278, extra=1_000_000_000, s=2.0659678960079466)
def test_hit_rate_properties(k, extra, s):
    n = k + extra
    h = zipf_cache_hit_rate(k, n, s)
    assert 0.0 <= h <= 1.0
    if k < n:
        assert zipf_cache_hit_rate(k + 1, n, s) >= h * (1 - 1e-12)  # increasing in K
        assert zipf_cache_hit_rate(k, n + 1, s) <= h * (1 + 1e-12)  # decreasing in N
        assert zipf_cache_hit_rate(k, n, s + 0.05) >= h * (1 - 1e-12)  # increasing in s
    else:
        assert h == 1.0
    assert zipf_cache_hit_rate_limit(k, s) <= h * (1 + 1e-12)


def test_cache_size_for_hit_rate_inverts_the_hit_rate():
    for target, n, s in [(0.5, 1e6, 0.8), (0.9, 1e9, 1.2), (0.3, 1e12, 1.0)]:
        k = cache_size_for_hit_rate(target, n, s)
        assert zipf_cache_hit_rate(k, n, s) >= target
        assert k == 1 or zipf_cache_hit_rate(k - 1, n, s) < target
    assert cache_size_for_hit_rate(0.5, 100, 0.0) == 50.0
    assert cache_size_for_hit_rate(0.5, math.inf, 0.9) == math.inf
    k = cache_size_for_hit_rate(0.9, math.inf, 2.0)
    assert zipf_cache_hit_rate_limit(k, 2.0) >= 0.9 > zipf_cache_hit_rate_limit(k - 1, 2.0)


# ---------------------------------------------------------------- query space

def test_query_space_log10():
    assert query_space_log10(50_257, 1_024) == pytest.approx(1_024 * math.log10(50_257))
    assert query_space_log10(2, 10, up_to_length=True) == pytest.approx(math.log10(2046))
    assert query_space_log10(1, 7, up_to_length=True) == pytest.approx(math.log10(7))
    big = query_space_log10(128_256, 131_072, up_to_length=True)
    assert math.isfinite(big) and big == pytest.approx(131_072 * math.log10(128_256), rel=1e-10)
    out = query_space_log10(np.array([50_257, 128_256]), 20)
    assert out.shape == (2,) and np.all(np.diff(out) > 0)
    assert typical_prompts_log10(100, 1.0) == pytest.approx(100 * math.log10(2))


# ---------------------------------------------------------------- energy and semantics

def test_energy_per_query_and_saving():
    assert cached_energy_per_query(0.0, 1000.0, 1.0) == 1000.0
    assert cached_energy_per_query(1.0, 1000.0, 1.0) == 1.0
    e = cached_energy_per_query(0.4, 1000.0, 1.0)
    assert 1.0 - e / 1000.0 == pytest.approx(cache_energy_saving(0.4, 1000.0, 1.0))
    assert cache_energy_saving(0.5, 1.0, 3.0) < 0  # a hit dearer than a miss costs energy


def test_lookup_paid_by_every_query():
    # a hit costs the lookup, a miss the lookup and the inference
    assert lookup_cache_energy_per_query(1.0, 1000.0, 2.0) == 2.0
    assert lookup_cache_energy_per_query(0.0, 1000.0, 2.0) == 1002.0
    h = np.array([0.0, 0.1, 0.5, 0.9, 1.0])
    e = lookup_cache_energy_per_query(h, 1000.0, 2.0)
    assert_allclose(1.0 - e / 1000.0, lookup_cache_energy_saving(h, 1000.0, 2.0), rtol=1e-12)
    assert_allclose(lookup_cache_energy_saving(h, 1000.0, 2.0), h - 0.002, rtol=1e-12)
    # below the break-even hit rate e_lookup / e_miss the cache costs energy
    assert lookup_cache_energy_saving(0.001, 1000.0, 2.0) < 0 < lookup_cache_energy_saving(
        0.003, 1000.0, 2.0)
    # it saves less than the hit-only model with e_hit = e_lookup, by (1 - h) e_lookup / e_miss
    gap = cache_energy_saving(h, 1000.0, 2.0) - lookup_cache_energy_saving(h, 1000.0, 2.0)
    assert_allclose(gap, (1 - h) * 0.002, rtol=1e-12, atol=1e-15)
    assert lookup_cache_energy_saving(0.4, 1000.0, 0.0) == pytest.approx(0.4)


def test_first_occurrence_share_exact_and_bounds():
    # two queries with p = 2/3, 1/3 (s = 1): E[distinct] = sum 1 - (1 - p)^Q
    q = 5
    expected = ((1 - (1 / 3) ** q) + (1 - (2 / 3) ** q)) / q
    assert first_occurrence_share(q, 2, 1.0) == pytest.approx(expected, rel=1e-12)
    # uniform over N, Q draws: N (1 - (1 - 1/N)^Q) / Q
    assert first_occurrence_share(500, 1000, 0.0) == pytest.approx(
        1000 * (1 - (1 - 1e-3) ** 500) / 500, rel=1e-12)
    # more traffic over the same space repeats more; a longer tail repeats less
    shares = [first_occurrence_share(qq, 10_000, 0.8) for qq in (1e3, 1e5, 1e7)]
    assert shares[0] > shares[1] > shares[2] > 0
    assert first_occurrence_share(1e5, 1e6, 0.8) > first_occurrence_share(1e5, 1e4, 0.8)
    # the ceiling 1 - share is above the hit rate of a cache holding every query seen ...
    assert 1 - first_occurrence_share(1e5, 1e4, 1.2) <= 1.0
    # ... and agrees with a simulation
    rng = np.random.default_rng(1)
    n, s, qq = 2000, 0.9, 20_000
    p = np.arange(1, n + 1) ** (-s)
    p /= p.sum()
    sims = [len(np.unique(rng.choice(n, size=qq, p=p))) / qq for _ in range(20)]
    assert first_occurrence_share(qq, n, s) == pytest.approx(np.mean(sims), rel=0.01)


def test_exact_match_reduces_to_zipf_and_semantic_dominates():
    assert_allclose(exact_match_hit_rate(37, 1000, 0.8, 1), zipf_cache_hit_rate(37, 1000, 0.8))
    # with m phrasings, K = m * j entries hold exactly j intents
    assert_allclose(exact_match_hit_rate(50, 1000, 0.8, 10), zipf_cache_hit_rate(5, 1000, 0.8))
    k = np.array([1, 10, 100, 1000])
    exact = exact_match_hit_rate(k, 1000, 0.8, 10)
    semantic = semantic_cache_hit_rate(k, 1000, 0.8, 1.0)
    assert np.all(semantic >= exact)
    assert_allclose(semantic_cache_hit_rate(k, 1000, 0.8, 0.5), 0.5 * semantic)
    assert semantic_cache_hit_rate(1000, math.inf, 0.9) == 0.0


# ---------------------------------------------------------------- SymPy

def test_sympy_sum_and_harmonic_agree_with_numeric():
    i, N, s = CACHING_SYMBOLS["i"], CACHING_SYMBOLS["N"], CACHING_SYMBOLS["s"]
    for n_val, s_val in [(10, sp.Rational(4, 5)), (50, 1), (7, 2)]:
        direct = float(harmonic_sum_expr().subs({N: n_val, s: s_val}).doit())
        assert_allclose(generalized_harmonic(n_val, float(s_val)), direct, rtol=1e-13)
        assert_allclose(float(sp.harmonic(n_val, s_val)), direct, rtol=1e-13)
    expr = zipf_hit_rate_expr()
    value = float(expr.subs({CACHING_SYMBOLS["K"]: 5, N: 300, s: sp.Rational(3, 4)}).evalf(30))
    assert_allclose(zipf_cache_hit_rate(5, 300, 0.75), value, rtol=1e-12)
    assert i.is_integer


def test_sympy_limits_match_numeric_limits():
    d, K = CACHING_SYMBOLS["d"], CACHING_SYMBOLS["K"]
    assert harmonic_sum_limit("s<1") == sp.oo
    assert harmonic_sum_limit("s=1") == sp.oo
    assert harmonic_sum_limit("s>1") == sp.zeta(d + 1)
    assert zipf_hit_rate_limit("s<1") == 0 and zipf_hit_rate_limit("s=1") == 0
    above = zipf_hit_rate_limit("s>1")
    for k_val, d_val in [(1, 1.0), (10, 0.5), (1000, 0.2)]:
        symbolic = float(above.subs({K: k_val, d: d_val}).evalf(30))
        assert_allclose(zipf_cache_hit_rate_limit(k_val, 1 + d_val), symbolic, rtol=1e-12)
    assert sp.limit(integral_lower_bound("s<1"), CACHING_SYMBOLS["N"], sp.oo) == sp.oo
    with pytest.raises(ValueError, match="regime"):
        zipf_hit_rate_limit("s>2")


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
def test_valid_call_is_finite(func):
    kwargs, _ = BAD_INPUT_CASES[func]
    assert np.all(np.isfinite(func(**kwargs)))


def test_error_message_states_value_and_range():
    with pytest.raises(ValueError) as info:
        zipf_cache_hit_rate(2000, 1000, 0.8)
    message = str(info.value)
    assert "cache_size" in message and "2000" in message and "[1, n_queries]" in message


def test_every_public_function_has_bad_input_cases():
    import energylib.caching as caching

    public = {
        getattr(caching, name) for name in caching.__all__
        if callable(getattr(caching, name)) and not isinstance(getattr(caching, name), type)
    }
    missing = public - set(BAD_INPUT_CASES)
    assert not missing, sorted(f.__name__ for f in missing)
