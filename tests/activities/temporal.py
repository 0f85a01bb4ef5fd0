"""Things to try with the temporal explorer: its chapter's and the instructor guide's."""

from __future__ import annotations

from energylib.dataset import by_id
from energylib.explorers.temporal import _RATE_STEP
from energylib.units import YEAR

from . import GUIDE_WHERE as _G
from . import MONTH, Activity, Step


def _on_rate_slider(rate_per_year: float) -> float:
    """The rate sliders' position nearest ``rate_per_year`` [1/yr]."""
    return round(round(rate_per_year / _RATE_STEP) * _RATE_STEP, 2)


# The measured rates, in the slider positions the third activity sets: ChatGPT's
# traffic growth (Dec. 2024 to Jul. 2025) and the fall of a median Gemini prompt's energy
# (the 12 months to May 2025), both continuous rates per year in the dataset.
_G_MEASURED = _on_rate_slider(by_id("chatgpt-prompt-growth-2025").si * YEAR)
_R_MEASURED = _on_rate_slider(by_id("gemini-efficiency-rate").si * YEAR)

CHAPTER = (
    Activity(
        question=("At the start, demand grows at g = 0.4 a year and the energy of a query "
                  "falls at r = 0.3 a year. Before you move anything: is the energy of an "
                  "endless life finite or infinite? And what if g falls to equal r?"),
        steps=(
            Step("Read the headline at the starting settings: the total as T → ∞ reads ∞, "
                 "because g is above r.",
                 expect={"limit": "∞", "regime": "g > r: grows exponentially",
                         "ratio_at_horizon": (36.0, 40.0)}),
            Step("Move the horizon from 10 to 30 years: the horizon is the end T of the "
                 "integral, the time at which the energy and the ratio under the headline are "
                 "read, and inference ÷ training at the horizon climbs from about 38 to about 420.",
                 settings={"horizon": 30.0},
                 expect={"ratio_at_horizon": (380.0, 460.0)}),
            Step("Set g to 0.30, equal to r: the regime reads g = r: grows linearly, and the "
                 "total as T → ∞ is still ∞.",
                 settings={"growth": 0.3},
                 expect={"limit": "∞", "regime": "g = r: grows linearly"}),
            Step("Set g to 0.20, below r: a dashed limit line appears, and the total as T → ∞ is "
                 "finite, about 1,100 GWh.",
                 settings={"growth": 0.2},
                 expect={"limit": (1000.0, 1200.0), "regime": "g < r: converges"}),
        ),
        answer=("Infinite while g ≥ r, finite as soon as g < r: the total is then the launch "
                "power divided by r − g. Even then it is about twenty times the training run."),
    ),
    Activity(
        question=("A model few people use: 100,000 queries a day against a 100 GWh training "
                  "run. If demand stays flat and the energy of a query keeps falling, does its "
                  "inference ever catch up with its training?"),
        steps=(
            Step("Set the queries per day to 100,000 (the left end), the training energy to "
                 "100 GWh, g to 0 and r to 0.30: break-even reads never.",
                 settings={"queries_per_day": 1e5, "training": 100.0, "growth": 0.0,
                           "efficiency": 0.3},
                 expect={"break_even_time": "never"}),
            Step("Set r to 0, so that nothing changes with time: break-even becomes a date, "
                 "about 9,100 years away.",
                 settings={"efficiency": 0.0},
                 expect={"break_even_time": (9000 * YEAR, 9200 * YEAR)}),
            Step("Set g to 0.50 and r to 0.30: demand now outgrows efficiency, and break-even "
                 "comes after about 38 years, longer than any model is served.",
                 settings={"growth": 0.5, "efficiency": 0.3},
                 expect={"break_even_time": (36 * YEAR, 40 * YEAR)}),
        ),
        answer=("Never, while efficiency wins: the whole lifetime total is a few hundredths "
                "of a GWh. Without efficiency gains it takes millennia; only demand growing "
                "faster than efficiency brings break-even within decades."),
    ),
    Activity(
        question=("In 2025 ChatGPT's traffic grew at about g = 1.6 a year, and the energy of a "
                  "median Gemini prompt fell at about r = 3.5 a year (two different services, "
                  "so this pairing is an illustration). If a popular service kept both rates "
                  "for ever, would its whole lifetime use more energy than its training run, "
                  "or less?"),
        steps=(
            Step("Set the queries per day to 1,000,000,000, the training energy to about 56 "
                 "GWh (the chapter's estimate), g to 1.57 and r to 3.50, the measured rates: "
                 "the total as T → ∞ is about 57 GWh, hardly more than the training run, and "
                 "break-even comes after about two and a half years.",
                 settings={"queries_per_day": 1e9, "training": 10**1.75, "growth": _G_MEASURED,
                           "efficiency": _R_MEASURED},
                 expect={"limit": (56.5, 58.0),
                         "break_even_time": (2.0 * YEAR, 3.0 * YEAR)}),
            Step("Raise r to 3.60: the total as T → ∞ falls below the training run, and "
                 "break-even reads never.",
                 settings={"efficiency": 3.6},
                 expect={"limit": (53.0, 56.0), "break_even_time": "never"}),
        ),
        answer=("About equal: with r − g ≈ 1.9 a year the lifetime total, launch power "
                "divided by r − g, is within a few per cent of the training run, so a change "
                "of 0.1 a year in either rate decides whether inference ever catches up; the "
                "measured g itself is uncertain by far more than that (0.8 to 2.3 a year)."),
    ),
)
"""The chapter's "things to try", as it prints them."""


GUIDE = (
    Activity(
        question=(
            "A popular service answers a billion queries a day at 0.3 Wh each and was trained "
            "with about 50 GWh. Before moving anything, predict: when does its inference energy "
            "pass its training energy, and does the answer change much if efficiency gains "
            "overtake demand growth?"
        ),
        steps=(
            Step("Set $g = 0.4$ and $r = 0.3$ per year, a horizon of 10 years, a training "
                 "energy of about 50 GWh ($10^{1.7}$) and $10^9$ queries a day.",
                 {"growth": 0.4, "efficiency": 0.3, "horizon": 10.0, "training": 10**1.7,
                  "queries_per_day": 1e9},
                 {"break_even_time": (5 * MONTH, 7 * MONTH),
                  "regime": "g > r: grows exponentially"}),
            Step("Let efficiency win: set $g = 0.2$ and $r = 0.5$.",
                 {"growth": 0.2, "efficiency": 0.5},
                 {"break_even_time": (5 * MONTH, 7 * MONTH), "limit": (330.0, 400.0),
                  "regime": "g < r: converges"}),
            Step("Set $g = r = 0.3$.",
                 {"growth": 0.3, "efficiency": 0.3},
                 {"regime": "g = r: grows linearly"}),
            Step("A quiet model: set the queries per day to $10^5$, the training energy to "
                 "100 GWh, $g = 0$ and $r = 0.3$.",
                 {"queries_per_day": 1e5, "training": 100.0, "growth": 0.0, "efficiency": 0.3},
                 {"break_even_time": "never", "limit": (0.01, 0.1)}),
            Step("Set $r = 0$.", {"efficiency": 0.0},
                 {"break_even_time": (1000 * YEAR, 10000 * YEAR)}),
            Step("Set $g = 0.5$, $r = 0.3$ and a horizon of 30 years.",
                 {"growth": 0.5, "efficiency": 0.3, "horizon": 30.0},
                 {"break_even_time": (35 * YEAR, 41 * YEAR)}),
        ),
        answer=(
            "For a popular service inference passes training within months whatever the "
            "regime; for a quiet one the rates decide everything, and break-even can be never. "
            "What makes inference large is the rate $1/\\rho = q_0w_0/E_\\mathrm{train}$, not "
            "the word \"infinite\"."
        ),
        where=_G,
    ),
)
