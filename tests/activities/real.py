"""Things to try with the real explorer: its chapter's and the instructor guide's."""

from __future__ import annotations

from energylib.dataset import by_id
from energylib.explorers.real import _medians
from energylib.montecarlo import STATED_SCOPES
from energylib.units import DAY, YEAR

from . import GUIDE_WHERE as _G
from . import MONTH, Activity, Step

_D = DAY  # [s]
_Y = YEAR  # [s]
# The durations are bands of seconds (the outputs' SI values).

CHAPTER = (
    Activity(
        question=("The explorer opens on the library's GPT-4-class deployment, whose energy "
                  "per query still includes de Vries's 2023 estimate of 2.9 Wh. Replace it "
                  "by the 2025 figures (about 0.35 Wh): will the median break-even get "
                  "longer or shorter, and by roughly what factor? And what will widening "
                  "every range do to the median, and to the 95th percentile?"),
        steps=(
            Step("Set the energy per query to 0.35 Wh, the median of the three 2025 "
                 "figures: the median break-even grows from about 37 days to about 62 days.",
                 {"energy_wh": 0.35}, {"p50": (55 * _D, 72 * _D)}),
            Step("Set the uncertainty to 0: the three percentiles meet at one line, about "
                 "61 days.",
                 {"spread": 0.0}, {"p5": (55 * _D, 72 * _D), "p95": (55 * _D, 72 * _D)}),
            Step("Set the uncertainty to 2: the median hardly moves, but the 95th "
                 "percentile runs away to several years.",
                 {"spread": 2.0}, {"p50": (50 * _D, 80 * _D), "p95": (4 * _Y, 9 * _Y)}),
        ),
        answer=("Longer, by the ratio of the energies per query, about 0.59/0.35 = 1.7: "
                "break-even time is training energy divided by traffic times energy per "
                "query. Widening the ranges leaves the median in place, because the draws "
                "spread evenly in log terms on both sides of it, and stretches the tails "
                "by a factor that grows with the width."),
    ),
    Activity(
        question=("The toy calculation gave Llama 3.1 405B, at ten million responses a day, "
                  "about six years to break even when both sides have the same scope, and "
                  "about three when the scopes are mixed. Which will the explorer's median be "
                  "closer to, once its uncertainty is set to 0 and its three percentile lines "
                  "merge into one? And how many queries a day bring its median under a "
                  "year?"),
        steps=(
            Step("Choose the deployment Llama 3.1 405B and set what is counted to server, "
                 "the boundary its 6,706 J is stated in: the median break-even is about "
                 "four years, and the 95th percentile several decades.",
                 # Choosing a deployment moves the medians to its own (its presets).
                 {"deployment": "llama31-405b", "scope": "server",
                  **_medians("llama31-405b")},
                 {"p50": (3.5 * _Y, 4.5 * _Y), "p95": (20 * _Y, 60 * _Y)}),
            Step("Set the uncertainty to 0: one line at about 3.8 years.",
                 {"spread": 0.0}, {"p50": (3.5 * _Y, 4.1 * _Y)}),
            Step("Set the traffic to 50 million queries a day: the break-even falls under a "
                 "year, to about nine months.",
                 {"queries_per_day": 5e7}, {"p50": (8 * _Y / 12, 10 * _Y / 12)}),
        ),
        answer=("Closer to the mixed-scope answer: the deployment's training range runs "
                "from GPU-only power to whole-server power, with its middle near the GPU "
                "end, while its response energy is the server-scope 6,706 J. Break-even "
                "time falls in proportion to traffic, so five times the traffic (from ten to "
                "fifty million a day) takes 3.8 years to about nine months."),
    ),
    Activity(
        question=("The GPT-4-class energy per query is a chat answer counted at the full "
                  "stack, as most of its published figures are. If every query were a "
                  "reasoning answer, about ten times longer, how much sooner would inference "
                  "catch up with training? And what happens if only the accelerators are "
                  "counted, as many benchmarks do?"),
        steps=(
            Step("Choose the task reasoning: the output length jumps to 6,988 tokens, the "
                 "energy per query counted rises from about 0.59 Wh to about 7.8 Wh, some 13 "
                 "times more, and the median break-even falls from about 37 days to under "
                 "three days.",
                 {"task": "reasoning"},
                 {"energy_counted": (7.5, 8.1), "p50": (2.4 * _D, 3.0 * _D)}),
            Step("Set what is counted to accelerators: the energy per query falls 1.7 times, "
                 "to about 4.6 Wh, and the median break-even grows to almost five days.",
                 {"scope": "gpu"},
                 {"energy_counted": (4.4, 4.7), "p50": (4.5 * _D, 5.0 * _D)}),
        ),
        answer=("About 13 times sooner: break-even time is training energy over traffic "
                "times energy per query, and a reasoning answer costs about 13 times a chat "
                "answer (ten times the tokens, each reading a longer cache of those before "
                "it). ML.ENERGY measured about "
                f"{by_id('reasoning-energy-ratio').value:.0f} times a chat answer's energy "
                "for reasoning answers, because reasoning runs at smaller batches while the "
                "explorer holds the batch fixed. Counting only the accelerators divides the energy "
                "per query by 1.7 (Google's production ratio, 0.24 / 0.14 Wh, since these "
                "figures describe a production service) and multiplies the break-even time by "
                "1.7; but the training side still "
                "counts the servers and the data centre's overhead, so that comparison mixes "
                "scopes, as the toy calculation warned."),
    ),
)


GUIDE = (
    Activity(
        question=(
            "Before moving anything, predict: for a GPT-4-class model at ChatGPT's traffic, "
            "how long until inference passes training, and how much does the disagreement "
            "between published figures move that answer?"
        ),
        steps=(
            Step("Choose the GPT-4-class deployment, the chat task and the full stack (what "
                 "is counted: the boundary its figures are stated in), and set about 1.6 "
                 "billion queries a day ($10^{9.2}$), about 0.56 Wh a query ($10^{-0.25}$), "
                 "about 35 GWh of training ($10^{1.55}$) and an uncertainty of 1.",
                 {"deployment": "gpt4-chatgpt", "task": "chat",
                  "scope": STATED_SCOPES["gpt4-chatgpt"], "queries_per_day": 10**9.2,
                  "energy_wh": 10**-0.25, "training_gwh": 10**1.55, "spread": 1.0},
                 {"p50": (25 * DAY, 50 * DAY), "p5": (2 * DAY, 10 * DAY),
                  "p95": (4 * MONTH, 12 * MONTH)}),
            Step("Set the uncertainty to 0.", {"spread": 0.0},
                 {"p50": (25 * DAY, 50 * DAY), "p5": (25 * DAY, 50 * DAY),
                  "p95": (25 * DAY, 50 * DAY)}),
            Step("Set the uncertainty to 2.", {"spread": 2.0},
                 {"p50": (20 * DAY, 60 * DAY), "p95": (2 * YEAR, 100 * YEAR)}),
            Step("Set the uncertainty back to 1 and the energy per query to about 0.35 Wh "
                 "($10^{-0.45}$), the chapter's headline median from the 2025 figures alone.",
                 {"spread": 1.0, "energy_wh": 10**-0.45},
                 {"p50": (55 * DAY, 75 * DAY)}),
            Step("Choose Llama 3.1 405B, set what is counted to server (the boundary its "
                 "figures are stated in), and set $10^7$ queries a day, about 2 Wh a query "
                 "($10^{0.3}$), about 25 GWh of training ($10^{1.4}$) and an uncertainty of 1.",
                 {"deployment": "llama31-405b", "scope": "server", "queries_per_day": 1e7,
                  "energy_wh": 10**0.3, "training_gwh": 10**1.4, "spread": 1.0},
                 {"p50": (2.5 * YEAR, 5 * YEAR), "p95": (10 * YEAR, 1000 * YEAR)}),
            Step("Raise the queries per day to $10^{7.6}$, about 40 million.",
                 {"queries_per_day": 10**7.6}, {"p50": (9 * MONTH, 13 * MONTH)}),
        ),
        answer=(
            "Break-even is a distribution, not a number: for ChatGPT-scale traffic its median "
            "is one to two months (about a month with de Vries's 2023 estimate in the energy "
            "per query, about two on the 2025 figures alone) and barely depends on the spread, "
            "while the tail stretches to years; a model with a hundredth of the traffic takes "
            "years, and needs some 40 million queries a day to break even within a year."
        ),
        where=_G,
    ),
)
