"""Problem set of the chapter *Semantic infinity* (``chapters/semantic-infinity.md``).

Posed in ``chapters/problems/semantic-infinity.md``.  The problems practise the
chapter's models: the size of a token-string query space in base-10
logarithms, the hit rate ``H(K, s) / H(N, s)`` of a cache of the ``K`` most
popular answers under a Zipf law, the energy a cache saves when every query
pays the lookup, exact-match against semantic caching, the cache a growing
space needs at ``s = 1``, and the limit ``H(K, s) / zeta(s)`` when ``s > 1``.

Every parameter is a module constant, so that the statements in the notebook
and the expected values cannot drift apart; every expected value is computed
with energylib.
"""

from __future__ import annotations

from energylib.caching import (
    cache_size_for_hit_rate,
    exact_match_hit_rate,
    lookup_cache_energy_saving,
    query_space_log10,
    semantic_cache_hit_rate,
    zipf_cache_hit_rate,
    zipf_cache_hit_rate_limit,
)
from energylib.dataset import by_id
from energylib.problems import Problem, ProblemSet
from energylib.units import MWH, WH

__all__ = ["PROBLEMS"]

# Problem 1: GPT-2's vocabulary (radford2019language) and a 30-token prompt.
GPT2_VOCABULARY = 50_257
P1_PROMPT_TOKENS = 30

# Problem 2: a cache of 100,000 answers over a billion distinct queries, with
# the upper end of Breslau et al.'s web-proxy exponents (breslau1999web).
P2_CACHE, P2_QUERIES, P2_EXPONENT = 100_000, 1e9, 0.83

# Problem 3: the energy a million-answer cache saves at s = 0.9 over 1e10
# distinct queries, its recall taken as 1; a miss costs Epoch AI's 0.3 Wh
# (you2025chatgpt), a lookup a thousandth of that (the chapter's estimate);
# 2.5 billion prompts a day (axios2025chatgpt).
P3_CACHE, P3_QUERIES, P3_EXPONENT = 1_000_000, 1e10, 0.9
MISS_WH = by_id("gpt4o-typical-query").value
LOOKUP_SHARE = 1e-3
PROMPTS_PER_DAY = by_id("chatgpt-prompts-2025").value

# Problem 4: 1e8 intents at s = 0.8, a cache of a million entries; 20 phrasings
# per intent for the exact-match cache, recall 0.9 for the semantic one.
P4_CACHE, P4_INTENTS, P4_EXPONENT = 1_000_000, 1e8, 0.8
P4_PHRASINGS, P4_RECALL = 20, 0.9

# Problem 5: the smallest cache that serves half of 1e10 distinct queries at s = 1.
P5_TARGET, P5_QUERIES, P5_EXPONENT = 0.5, 1e10, 1.0

# Problem 6: a cache of 10,000 answers, s = 1.1, the query space unbounded.
P6_CACHE, P6_EXPONENT = 10_000, 1.1


def _p1() -> float:
    return float(query_space_log10(GPT2_VOCABULARY, P1_PROMPT_TOKENS))


def _p2() -> float:
    return 100.0 * float(zipf_cache_hit_rate(P2_CACHE, P2_QUERIES, P2_EXPONENT))


def _p3() -> float:
    e_miss = MISS_WH * WH  # [J]
    hit_rate = zipf_cache_hit_rate(P3_CACHE, P3_QUERIES, P3_EXPONENT)
    saving = lookup_cache_energy_saving(hit_rate, e_miss, LOOKUP_SHARE * e_miss)
    return float(saving * e_miss * PROMPTS_PER_DAY / MWH)


def _p4() -> float:
    semantic = semantic_cache_hit_rate(P4_CACHE, P4_INTENTS, P4_EXPONENT, P4_RECALL)
    exact = exact_match_hit_rate(P4_CACHE, P4_INTENTS, P4_EXPONENT, P4_PHRASINGS)
    return float(semantic / exact)


def _p5() -> float:
    return float(cache_size_for_hit_rate(P5_TARGET, P5_QUERIES, P5_EXPONENT))


def _p6() -> float:
    return 100.0 * float(zipf_cache_hit_rate_limit(P6_CACHE, P6_EXPONENT))


# Per-student variants: the assumptions drawn from a student's id, as
# (low, high, step, what); published values stay as published.
VARIANTS = {
    "P1_PROMPT_TOKENS": (20, 40, 1, "prompt length in problem 1 [tokens]"),
    "LOOKUP_SHARE": (5e-4, 2e-3, 5e-4, "a lookup's energy as a share of a miss's (problem 3)"),
    "P2_CACHE": (50_000, 200_000, 10_000, "cache size in problem 2 [entries]"),
    "P4_RECALL": (0.8, 0.95, 0.05, "recall of the semantic cache in problem 4"),
    "P5_QUERIES": (2e9, 1e10, 1e9, "distinct queries in problem 5"),
    "P6_CACHE": (5_000, 20_000, 1_000, "cache size in problem 6 [entries]"),
}


PROBLEMS = ProblemSet("semantic-infinity", [
    Problem(
        # A logarithm: 2 % of it (2.8) would let the count itself be off by a factor of
        # several hundred, so the tolerance is tighter than the default (1 %: about 25).
        "semantic-1", "base-10 logarithm of the number of 30-token strings", "-", _p1,
        decimals=1,
        hints=(
            "With a vocabulary of V tokens there are V^L strings of exactly L tokens; the "
            "count overflows a float, so work with its logarithm.",
            "log10(V^L) = L log10(V): multiply the prompt length by the base-10 logarithm of "
            "the vocabulary size.",
        ),
        uses=("energylib.caching.query_space_log10",),
    ),
    Problem(
        "semantic-2", "hit rate of a Zipf cache", "%", _p2,
        hints=(
            "Under a Zipf law the i-th most popular query has probability proportional to "
            "i^-s; a cache of the K most popular answers serves their share of the traffic.",
            "The hit rate is H(K, s) / H(N, s), a ratio of generalized harmonic numbers "
            "(for large n and s < 1, H(n, s) is about n^(1-s) / (1 - s) + zeta(s), with "
            "zeta the Riemann zeta function, negative for s < 1: scipy.special.zeta(s)); "
            "give it in per cent.",
        ),
        uses=("energylib.caching.zipf_cache_hit_rate",),
    ),
    Problem(
        "semantic-3", "energy a cache saves in a day", "MWh", _p3,
        hints=(
            "Every query pays the lookup, hit or miss; only the hits skip the inference.",
            "The fraction saved is h - e_lookup / e_miss, with h the Zipf hit rate "
            "H(K, s) / H(N, s); multiply it by the day's energy without a cache, prompts a "
            "day times e_miss.",
        ),
        uses=(
            "energylib.caching.zipf_cache_hit_rate",
            "energylib.caching.lookup_cache_energy_saving",
        ),
    ),
    Problem(
        "semantic-4", "semantic hit rate over exact-match hit rate", "-", _p4,
        hints=(
            "An exact-match cache needs one entry per phrasing, so K entries hold all "
            "phrasings of only about K / m intents; a semantic cache needs one entry per "
            "intent but recognises a phrasing only with probability equal to its recall.",
            "Semantic: recall times H(K, s) / H(N, s). Exact match: about H(K / m, s) / H(N, s). "
            "The H(N, s) cancels in the ratio.",
        ),
        uses=(
            "energylib.caching.semantic_cache_hit_rate",
            "energylib.caching.exact_match_hit_rate",
        ),
    ),
    Problem(
        "semantic-5", "smallest cache that serves half of the queries at s = 1", "answers",
        _p5,
        hints=(
            "You need the smallest K with H(K, 1) / H(N, 1) at least one half.",
            "For large n, H(n, 1) is ln n + gamma (gamma = 0.5772, Euler's constant), to "
            "better than 1 / n; solve ln K + gamma = (ln N + gamma) / 2 for K.",
        ),
        uses=("energylib.caching.cache_size_for_hit_rate",),
    ),
    Problem(
        "semantic-6", "limiting hit rate as the query space grows without bound",
        "%", _p6,
        hints=(
            "For s > 1 the harmonic numbers H(N, s) converge as N grows: the tail of the "
            "Zipf law stays light.",
            "The limit of H(K, s) / H(N, s) is H(K, s) / zeta(s), with zeta the Riemann zeta "
            "function; give it in per cent.",
        ),
        uses=(
            "energylib.caching.zipf_cache_hit_rate_limit",
            "energylib.caching.generalized_harmonic",
        ),
    ),
])
"""The problems of the chapter ``chapters/semantic-infinity.md``."""
