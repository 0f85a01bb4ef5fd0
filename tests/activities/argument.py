"""Things to try with the argument explorer: its chapter's and the instructor guide's."""

from __future__ import annotations

import math

from energylib.dataset import by_id

from . import GUIDE_WHERE as _G
from . import Activity, Step

# The measured short-run rates the chapter quotes, to one decimal as a step sets them [1/yr]:
# ChatGPT's prompts a day, Dec. 2024 -> Jul. 2025, and Gemini's 33-fold fall in 12 months.
MEASURED_GROWTH = round(math.log(by_id("chatgpt-prompts-2025").value
                                 / by_id("chatgpt-prompts-2024").value) / (7 / 12), 1)
MEASURED_EFFICIENCY = round(math.log(by_id("gemini-efficiency-gain").value), 1)

CHAPTER = (
    Activity(
        question=("The explorer opens with demand growing at g = 0.4 a year and energy per "
                  "query falling at r = 0.3 a year. Is one model's lifetime "
                  "inference energy finite or infinite? How fast must efficiency "
                  "improve to make it finite, and does rebound change your answer?"),
        steps=(
            Step("Read the headline as the page opens: the region is \"diverges even "
                 "discounted\" and the syllogism's conclusion holds.",
                 {}, {"phase": "diverges even discounted", "per_model_diverges": "holds"}),
            Step("Raise r to 0.50, past g: the point crosses the solid line into the green "
                 "region, the conclusion fails, and one model's lifetime inference comes to "
                 "about 20 times its training run.",
                 {"efficiency": 0.5},
                 {"phase": "converges", "per_model_diverges": "fails",
                  "lifetime_ratio": (19.0, 20.5)}),
            Step("Keeping g = 0.40 and r = 0.50, raise ε to 0.50: the boundary rotates past "
                 "the point and the conclusion holds again.",
                 {"elasticity": 0.5}, {"per_model_diverges": "holds"}),
            Step("Push ε to 1.50: the rebound line says backfire, and no efficiency gain "
                 "can make the lifetime total finite while g ≥ 0.",
                 {"elasticity": 1.5},
                 {"rebound": "backfire (direct rebound): efficiency gains raise energy (ε > 1)",
                  "per_model_diverges": "holds"}),
        ),
        answer=("Infinite at the opening rates, since g > r. Without rebound any r above g "
                "makes it finite; with ε = 0.5 efficiency must beat g/(1 − ε) = 0.8; with "
                "ε ≥ 1 no efficiency gain will do unless demand declines."),
    ),
    Activity(
        question=("In 2024-25 ChatGPT's traffic grew at a rate of about 1.6 per year (about "
                  "fivefold in a year) and Gemini's energy per prompt fell at a rate of about "
                  "3.5 per year (33-fold in a year). If one service had both rates for "
                  "ever, would its lifetime inference be many times its training run, about "
                  "equal to it, or infinite?"),
        steps=(
            Step("Set g = 1.60, r = 3.50 and ε = 0: the region is \"converges\" and one "
                 "model, never retired, uses about 1.0 times its training energy.",
                 {"growth": MEASURED_GROWTH, "efficiency": MEASURED_EFFICIENCY,
                  "elasticity": 0.0},
                 {"phase": "converges", "lifetime_ratio": (0.95, 1.1)}),
            Step("Now lower r to 1.60, equal to g: the lifetime total is infinite, and a "
                 "fleet retrained every year at constant cost settles at about 2 times its "
                 "training.",
                 {"efficiency": MEASURED_GROWTH},
                 {"lifetime_ratio": "∞", "fleet_verdict": "a finite ratio of rates",
                  "fleet_ratio": (1.9, 2.05)}),
        ),
        answer=("About equal: with r − g = 1.9 a year the lifetime total is the launch "
                "power's yearly energy divided by 1.9, close to one training run. Both "
                "measured rates are short-run figures from different services, so this is "
                "where they would put a service, not a forecast."),
    ),
    Activity(
        question=("A company retrains every year; each run costs c times the last. Demand "
                  "grows at 0.5 and efficiency at 0.2 a year, so inference power grows at "
                  "0.3 a year. Which c makes training dominate the fleet for ever?"),
        steps=(
            Step("For the fleet, set g = 0.50, r = 0.20, ε = 0, τ = 1 and c = 1.40: the "
                 "fleet verdict is \"training dominates\".",
                 {"growth": 0.5, "efficiency": 0.2, "elasticity": 0.0, "interval": 1.0,
                  "cost_growth": 1.4},
                 {"fleet_verdict": "training dominates"}),
            Step("Lower c to 1.30: the verdict flips to \"inference dominates\".",
                 {"cost_growth": 1.3}, {"fleet_verdict": "inference dominates"}),
        ),
        answer=("Any c above e^0.3 ≈ 1.3499 per yearly run: training's total then grows "
                "faster than inference's (c = 1.35 itself is a hair above). Only the rates "
                "matter, not which side is infinite."),
    ),
)
"""The chapter's "things to try", as it prints them."""


GUIDE = (
    Activity(
        question=(
            "Demand grows at $g = 0.4$ per year and energy per query falls at $r = 0.3$ per "
            "year. Before moving anything, predict: what efficiency gain makes one model's "
            "lifetime energy finite, and can cheaper queries undo that?"
        ),
        steps=(
            Step("Set $g = 0.4$, $r = 0.3$, $\\delta = 0.05$, $\\varepsilon = 0$, "
                 "$\\tau = 1$ year and $c = 1$.",
                 {"growth": 0.4, "efficiency": 0.3, "discount": 0.05, "elasticity": 0.0,
                  "interval": 1.0, "cost_growth": 1.0},
                 {"phase": "diverges even discounted"}),
            Step("Raise $r$ to 0.5.", {"efficiency": 0.5},
                 {"phase": "converges", "lifetime_ratio": (15.0, 25.0)}),
            Step("Keep $g = 0.4$ and $r = 0.5$, and raise $\\varepsilon$ to 0.5.",
                 {"elasticity": 0.5},
                 {"effective_exponent": (0.149, 0.151), "phase": "diverges even discounted"}),
            Step("Push $\\varepsilon$ to 1.5.", {"elasticity": 1.5},
                 {"rebound": "backfire (direct rebound): efficiency gains raise energy (ε > 1)"}),
            Step("Back to $\\varepsilon = 0$ and $r = 0.3$; raise $\\delta$ to 0.12.",
                 {"elasticity": 0.0, "efficiency": 0.3, "discount": 0.12},
                 {"phase": "diverges; present value finite"}),
            Step("The fleet: set $\\delta = 0.05$, $g = 0.5$, $r = 0.2$, $\\tau = 1$ year and "
                 "$c = 1.35$.",
                 {"discount": 0.05, "growth": 0.5, "efficiency": 0.2, "interval": 1.0,
                  "cost_growth": 1.35},
                 {"fleet_verdict": "training dominates"}),
            Step("Lower $c$ to 1.30.", {"cost_growth": 1.30},
                 {"fleet_verdict": "inference dominates"}),
        ),
        answer=(
            "The sign of one rate, $k = g + (\\varepsilon - 1)r$, decides one model's limit "
            "(against $\\ln c/\\tau$ for the fleet): $r > g$ makes the total finite but not "
            "small, rebound can turn efficiency from a defence into an accelerator, a discount "
            "rate can make an infinite bill's present value finite, and a tie of rates is a "
            "knife edge ($\\ln 1.35 \\approx 0.3001$ against 0.3)."
        ),
        where=_G,
    ),
)
