"""Things to try with the verdict explorer: its chapter's and the instructor guide's."""

from __future__ import annotations

import math

from energylib.dataset import by_id
from energylib.verdict import VERDICTS

from . import GUIDE_WHERE as _G
from . import Activity, Step

# ChatGPT's prompts, December 2024 to July 2025 (seven months), as a continuous rate
# [1/yr], on the g slider's 0.02 steps: the chapter's g_now.
_G_CHATGPT = 0.02 * round(math.log(by_id("chatgpt-prompts-2025").value
                                   / by_id("chatgpt-prompts-2024").value) / (7 / 12) / 0.02)
_INFERENCE = {"verdict_code": VERDICTS[0]}
_TRAINING = {"verdict_code": VERDICTS[1]}

CHAPTER = (
    Activity(
        question=("The explorer opens with demand growing faster than efficiency (g = 0.40 "
                  "against r = 0.30 a year), so the power of inference grows at 0.10 a year, "
                  "while every training run costs the same (c = 1). By how much must each "
                  "run cost more than the last before training becomes the sink?"),
        steps=(
            Step("Raise c to 1.10: the verdict still reads \"inference is the sink\".",
                 {"c": 1.10}, _INFERENCE),
            Step("Raise c to 1.15: the verdict turns to \"training is the sink\".",
                 {"c": 1.15}, _TRAINING),
            Step("Now raise the rebound elasticity ε to 0.15: the verdict turns back to "
                 "\"inference is the sink\".", {"epsilon": 0.15}, _INFERENCE),
        ),
        answer=("By a little over 10 %: training spending then grows at ln c per year, and "
                "ln 1.15 = 0.14 beats 0.10, while ln 1.10 = 0.095 does not. A small rebound "
                "(ε = 0.15) adds 0.15 x 0.30 = 0.045 a year to inference and wins it back."),
    ),
    Activity(
        question=("If demand and efficiency grow at the same rate, g = r, neither side "
                  "outgrows the other. Does anything still decide which is the larger sink?"),
        steps=(
            Step("Lower g to 0.30, equal to r: the verdict reads \"a finite ratio: "
                 "inference is the larger sink\", with a ratio of about 1.97.",
                 {"g": 0.30}, {"verdict_code": VERDICTS[2], "limiting_ratio": (1.9, 2.0)}),
            Step("Lower 1/ρ to 0.501, below 1/τ = 1 a year: the verdict reads \"a finite "
                 "ratio: training is the larger sink\".", {"inv_rho": 10**-0.3},
                 {"verdict_code": VERDICTS[3], "limiting_ratio": (0.49, 0.51)}),
        ),
        answer=("Yes: the ratio tends to τ/ρ, the serving energy of one retraining interval "
                "in units of a run. Above one inference is the larger sink, below one "
                "training."),
    ),
    Activity(
        question=("Where do the published rates put today's frontier labs: ChatGPT's "
                  "prompts growing at g = 1.58 a year, the largest training runs costing "
                  "c = 4.2 times more every τ = 1.25 years?"),
        steps=(
            Step("Set g to 1.58, r to 1.16 (the aggregate reading of the efficiency gain), τ "
                 "to 1.25 and c to 4.20: training is the sink.",
                 {"g": _G_CHATGPT, "r": 1.16, "tau": 1.25, "c": 4.20},
                 {**_TRAINING, "effective_exponent": (0.40, 0.44),
                  "training_exponent": (1.1, 1.2)}),
            Step("Set r to 0 (OpenAI's energy per query, about flat through 2025): inference "
                 "is the sink.", {"r": 0.0}, {**_INFERENCE, "effective_exponent": (1.5, 1.6)}),
        ),
        answer=("Undecided: the two published readings of r put the labs on opposite sides "
                "of the boundary, which is what the section on today's frontier labs finds."),
    ),
)
"""The chapter's "things to try", as it prints them."""


GUIDE = (
    Activity(
        question=(
            "A popular service's inference power grows at 0.1 per year ($g = 0.4$, "
            "$r = 0.3$) and it is retrained every year. Before moving anything, predict: by "
            "how much must each training run cost more than the last for training to become "
            "the sink?"
        ),
        steps=(
            Step("Set $g = 0.4$, $r = 0.3$, $1/\\rho$ about 2 per year ($10^{0.3}$), "
                 "$\\tau = 1$ year, $\\varepsilon = 0$ and $c = 1$.",
                 {"g": 0.4, "r": 0.3, "inv_rho": 10**0.3, "tau": 1.0, "epsilon": 0.0,
                  "c": 1.0},
                 {"verdict_code": "inference is the sink"}),
            Step("Set $c = 1.10$.", {"c": 1.10}, {"verdict_code": "inference is the sink"}),
            Step("Set $c = 1.15$.", {"c": 1.15}, {"verdict_code": "training is the sink"}),
            Step("Keep $c = 1.15$ and raise $\\varepsilon$ to 0.15.", {"epsilon": 0.15},
                 {"verdict_code": "inference is the sink"}),
            Step("Set $\\varepsilon = 0$, $c = 1$ and $g = r = 0.30$.",
                 {"epsilon": 0.0, "c": 1.0, "g": 0.3, "r": 0.3},
                 {"verdict_code": "a finite ratio: inference is the larger sink",
                  "limiting_ratio": (1.8, 2.2)}),
            Step("Move $1/\\rho$ down to about 0.5 per year ($10^{-0.3}$).",
                 {"inv_rho": 10**-0.3},
                 {"verdict_code": "a finite ratio: training is the larger sink"}),
            Step("Set $1/\\rho$ back to about 2 per year, $g = 0.2$, $r = 0.5$ and $c = 1.5$.",
                 {"inv_rho": 10**0.3, "g": 0.2, "r": 0.5, "c": 1.5},
                 {"fleet_share": (0.0, 0.05), "single_share": (0.5, 1.0)}),
        ),
        answer=(
            "The verdict is a comparison of rates: training becomes the sink once "
            "$\\ln c/\\tau$ passes $g - r = 0.1$, that is for $c$ above "
            "$\\mathrm{e}^{0.1} \\approx 1.105$, a 10.5 % rise a generation; rebound can turn "
            "it back. With equal rates the fleet's ratio is finite and set by $1/\\rho$ "
            "against $1/\\tau$. The fleet's share can fall to almost nothing while one model "
            "never replaced still ends with most of its energy in inference."
        ),
        where=_G,
    ),
)
