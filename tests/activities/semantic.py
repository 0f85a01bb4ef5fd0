"""Things to try with the semantic explorer: its chapter's and the instructor guide's."""

from __future__ import annotations

from energylib.dataset import by_id
from energylib.explorers.semantic import _STATED_SCOPE
from energylib.tasks import scope_conversion

from . import GUIDE_WHERE as _G
from . import Activity, Step

CHAPTER = (
    Activity(
        question=("The explorer opens at s = 0.8 with a cache of 10⁴ answers. If the number of "
                  "distinct queries N grows a billion-fold, from 10⁶ to 10¹⁵, does the hit rate "
                  "halve, fall tenfold, or fall to almost nothing? And what if s = 1.2?"),
        steps=(
            Step("Set N to 10⁶: the cache of 10⁴ answers serves about 36 % of all queries.",
                 {"n_queries": 1e6}, {"hit_rate": (0.355, 0.37)}),
            Step("Drag N to 10¹⁵: at s = 0.8 the hit rate falls below 1 %, and its limit as "
                 "N → ∞ reads 0.0 %.",
                 {"n_queries": 1e15}, {"hit_rate": (0.0, 0.01), "limit_hit_rate": (0.0, 0.0)}),
            Step("Now set s to 1.2: the hit rate jumps to about 86 %, and the limit as N → ∞ "
                 "reads almost the same, so no growth of the space can take that share away.",
                 {"exponent": 1.2},
                 {"hit_rate": (0.85, 0.87), "limit_hit_rate": (0.85, 0.87)}),
        ),
        answer=("Almost nothing at s = 0.8, as the theorem says for s ≤ 1; at s = 1.2 a fixed "
                "share of the traffic survives any growth of the space."),
    ),
    Activity(
        question=("At exactly s = 1 the hit rate also tends to zero. Guess how much of the "
                  "traffic a cache of 10⁴ answers still serves when N = 10¹⁵."),
        steps=(
            Step("Set s to 1 and N to 10⁶: the hit rate reads about 68 %.",
                 {"exponent": 1.0, "n_queries": 1e6}, {"hit_rate": (0.67, 0.69)}),
            Step("Drag N to 10¹⁵: the hit rate is still about 28 %, although the space grew a "
                 "billion-fold.",
                 {"n_queries": 1e15}, {"hit_rate": (0.27, 0.29)}),
        ),
        answer=("About 28 %: at s = 1 the decay is only logarithmic, so \"tends to zero\" can "
                "take longer than any query log will ever run."),
    ),
    Activity(
        question=("Every query pays for the lookup, hit or miss. Can a cache cost more energy "
                  "than it saves?"),
        steps=(
            Step("Set K to 1 and s to 0: the hit rate reads 0.0 % and the saving turns "
                 "negative, because the lookups cost energy and almost nothing is served.",
                 {"cache_size": 1.0, "exponent": 0.0},
                 {"hit_rate": (0.0, 1e-4), "saving": (-0.002, -1e-5)}),
        ),
        answer=("Yes: when the hit rate is below the lookup's share of a miss (here a "
                "thousandth), the cache costs energy."),
    ),
    Activity(
        question=("Measured chatbot logs show that between a quarter and nearly a third of "
                  "prompts repeat an earlier one in meaning. Which Zipf exponent would give a "
                  "cache of a million answers over 10¹⁰ distinct prompts a hit rate like that?"),
        steps=(
            Step("Set K to 10⁶, N to 10¹⁰ and s to 0.74, the middle of the web-proxy exponents: "
                 "the hit rate is about 9 %.",
                 {"cache_size": 1e6, "n_queries": 1e10, "exponent": 0.74},
                 {"hit_rate": (0.085, 0.095)}),
            Step("Set s to 0.88: the hit rate is about 29 %, inside the measured repeat shares "
                 "of 25 % to 31 %.",
                 {"exponent": 0.88}, {"hit_rate": (0.28, 0.30)}),
            Step("Set s to 1, the long-run web exponent: the hit rate is about 61 %.",
                 {"exponent": 1.0}, {"hit_rate": (0.60, 0.62)}),
            Step("Set s back to 0.88 and the energy of a miss to 0.24 Wh, Google's measured "
                 "median Gemini prompt: a billion queries then save about 69 MWh.",
                 {"exponent": 0.88, "miss_energy_wh": by_id("gemini-median-prompt").value},
                 {"saved_per_billion": (67.0, 71.0)}),
            Step("Keep s at 0.88 and set N to 10⁸, a hundred times fewer distinct prompts: the "
                 "hit rate jumps to about 53 %, so on this assumption the same repeat shares "
                 "would point to an exponent near 0.7 instead.",
                 {"n_queries": 1e8}, {"hit_rate": (0.52, 0.535)}),
        ),
        answer=("Near 0.88 if a million answers face 10¹⁰ distinct prompts, but near 0.7 if "
                "they face 10⁸: the exponent read off a repeat share depends on the cache size "
                "and the number of distinct prompts assumed, so a repeat share alone cannot say "
                "on which side of s = 1 a service lies. What it does measure is the prize: "
                "roughly a quarter of the traffic."),
    ),
    Activity(
        question=("A reasoning model writes about ten times as many tokens per answer as a chat "
                  "model. How much more is one cache hit then worth? And how much of that is "
                  "left if only the accelerators are counted?"),
        steps=(
            Step("Choose the task reasoning: the output length jumps to 6,988 tokens, and the "
                 "readout *without* (the energy per query without the cache, that is of a "
                 "miss) rises from 0.3 to about 3.9 Wh, some 13 times more; a billion queries "
                 "now save about 343 MWh. The hit rate does not move.",
                 {"task": "reasoning"},
                 {"energy_no_cache": (3.8, 4.0), "saved_per_billion": (335.0, 350.0),
                  "hit_rate": (0.085, 0.09)}),
            Step("Set what is counted to accelerators: the miss costs about 2.3 Wh, divided "
                 f"by {1 / scope_conversion('gpu', _STATED_SCOPE, production_batch=True):.2f} "
                 "(the published figures already include the fleet's idle and "
                 "under-used accelerators), and a billion queries save about 200 MWh.",
                 {"scope": "gpu"},
                 {"energy_no_cache": (2.2, 2.35), "saved_per_billion": (195.0, 205.0)}),
        ),
        answer=("About 13 times more: the answer is ten times longer, and each token written "
                "also reads a longer cache of the tokens before it. ML.ENERGY measured about "
                f"{by_id('reasoning-energy-ratio').value:.0f} times a chat answer's energy for "
                "reasoning answers, because reasoning runs at smaller batches while the "
                "explorer holds the batch fixed. In the explorer the share of queries the "
                "cache serves depends only on how popular the queries are; in practice "
                "popularity also depends on the task (an agent step's 20,000 tokens of "
                "context hardly ever recur). What each hit saves depends on the task and on "
                "what is counted (the full stack of a production fleet is "
                f"{1 / scope_conversion('gpu', _STATED_SCOPE, production_batch=True):.2f} "
                "times its accelerators). Counting only the accelerators leaves "
                f"1/{1 / scope_conversion('gpu', _STATED_SCOPE, production_batch=True):.2f} ≈ "
                f"{100 * scope_conversion('gpu', _STATED_SCOPE, production_batch=True):.0f} % "
                "of it: about 200 of the 343 MWh per billion queries."),
    ),
)


GUIDE = (
    Activity(
        question=(
            "A cache keeps the answers to the 10,000 most popular queries. Before moving "
            "anything, predict: when the number of distinct queries grows a billionfold, does "
            "its hit rate fall to nothing, and does the answer depend on how popularity "
            "is spread?"
        ),
        steps=(
            Step("Set $s = 0.8$, a cache of $K = 10^4$ entries, $N = 10^6$ distinct queries "
                 "and about 0.3 Wh per miss ($10^{-0.52}$).",
                 {"exponent": 0.8, "cache_size": 1e4, "n_queries": 1e6,
                  "miss_energy_wh": 10**-0.52},
                 {"hit_rate": (0.34, 0.38), "regime": "s ≤ 1: tends to 0 as N grows"}),
            Step("Move $N$ to $10^{15}$.", {"n_queries": 1e15},
                 {"hit_rate": (0.003, 0.007)}),
            Step("Set $s = 1$ and move $N$ back to $10^6$.",
                 {"exponent": 1.0, "n_queries": 1e6}, {"hit_rate": (0.66, 0.70)}),
            Step("With $s = 1$, move $N$ to $10^{15}$ again.", {"n_queries": 1e15},
                 {"hit_rate": (0.26, 0.30)}),
            Step("Set $s = 1.2$ and $N = 10^6$.", {"exponent": 1.2, "n_queries": 1e6},
                 {"hit_rate": (0.89, 0.93), "regime": "s > 1: a fixed share survives any N"}),
            Step("With $s = 1.2$, move $N$ to $10^{15}$ once more.", {"n_queries": 1e15},
                 {"hit_rate": (0.84, 0.88), "limit_hit_rate": (0.84, 0.88)}),
            Step("Set $K = 1$ and $s = 0$.", {"cache_size": 1.0, "exponent": 0.0},
                 {"saving": (-0.01, 0.0)}),
        ),
        answer=(
            "The size of the space does not decide caching; the exponent $s$ does. For "
            "$s \\le 1$ the hit rate of a fixed cache falls towards zero as $N$ grows (slowly, "
            "logarithmically, at $s = 1$); for $s > 1$ a fixed share survives any $N$. With "
            "almost no hits, the lookup every query pays makes the cache cost energy."
        ),
        where=_G,
    ),
)
