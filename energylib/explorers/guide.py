"""The instructor guide's in-class activities, declared and checked against the explorers.

Each session of the instructor guide (``chapters/instructor-guide.md``) runs an
activity with a chapter's explorer: a question the students answer *before*
anything moves (predict), then steps that set the controls and say what the
headline then shows (observe).  ``GUIDE_ACTIVITIES`` declares them, keyed by
the explorer's name (the keys of ``energylib.explorers.EXPLORERS``), as
:class:`~energylib.explorers.web.Activity` objects with
``where="instructor-guide"``.  The guide prints each question, each step's
``text`` and each answer verbatim (:func:`unprinted` checks it);
:func:`failures` checks every expectation against the explorer module's
``reference`` (energylib's model functions, independent of the declaration)
and, for text headlines that ``reference`` does not return, against the
declaration evaluated with numpy.

Each activity's first step sets every control the activity relies on, so the
steps hold whatever the explorer's starting values are; settings lie on the
slider's own grid (a log slider's exponent is a whole number of steps from its
minimum), so a browser's slider reaches them exactly.

Examples
--------
>>> sorted(GUIDE_ACTIVITIES) == sorted(EXPLORERS)
True
>>> all(a.where == "instructor-guide" for acts in GUIDE_ACTIVITIES.values() for a in acts)
True
>>> GUIDE.is_file() and unprinted(GUIDE.read_text(encoding="utf-8"))
[]
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..dataset import by_id
from ..units import DAY, YEAR
from . import EXPLORERS
from .render import _model_inputs, compile_numpy
from .industry import _BYTES_PER_J, _PHI
from .machines import _TEN_TIMES
from .real import STATED_SCOPES
from .web import Activity, Choice, Slider, Step, WebExplorer, format_output

__all__ = ["GUIDE_ACTIVITIES", "GUIDE", "step_values", "outputs_at", "failures", "unprinted"]

GUIDE = Path(__file__).resolve().parents[2] / "chapters" / "instructor-guide.md"
"""The instructor guide's source, which prints every question and step verbatim."""

MONTH = YEAR / 12
_G = "instructor-guide"
_KOOMEY_T2_POST2000 = by_id("koomey-doubling-post2000").value  # [yr], the thermo slider's start

TEMPORAL = (
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

SEMANTIC = (
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

MACHINES = (
    Activity(
        question=(
            "A busy software agent makes 100 model calls a second. Before moving anything, "
            "predict: how many households' electricity does one such agent use, and would a "
            "million of them ever draw as much power as all the world's data centres in 2024?"
        ),
        steps=(
            Step("Choose the chat task and the full stack (what is counted), and set $10^4$ "
                 "agents at start, 100 calls per agent per second, 717 tokens per call, 0.12 J "
                 "per token, logistic growth at 1 per year to a carrying capacity of $10^6$ "
                 "agents, and no power budget.",
                 {"task": "chat", "scope": "full-stack", "agents": 1e4, "calls_per_second": 100.0,
                  "tokens_per_call": by_id("chat-output-tokens").value,
                  "energy_per_token": by_id("llama31-8b-token-v3").value,
                  "growth_model": "logistic", "growth_rate": 1.0,
                  "capacity": 1e6, "power_cap": False},
                 {"agent_energy_per_day": (340.0, 370.0), "households_per_agent": (10.0, 14.0),
                  "when": "never reached", "limiting_power": (13.0, 17.0)}),
            Step("Switch the agent growth to exponential.", {"growth_model": "exponential"},
                 {"when": "passed after the time shown",
                  "time_to_data_centres": (5.3 * YEAR, 6.3 * YEAR)}),
            Step("Tick the power budget.", {"power_cap": True},
                 {"when": "passed after the time shown: the budget binds from then on"}),
            Step("Untick the budget, go back to logistic growth and set the carrying capacity "
                 "to $10^{6.5}$ (about 3.2 million agents).",
                 {"power_cap": False, "growth_model": "logistic", "capacity": 10**6.5},
                 {"when": "never reached", "limiting_power": (40.0, 47.0)}),
            Step("Set the carrying capacity to $10^7$.", {"capacity": 1e7},
                 {"when": "passed after the time shown",
                  "time_to_data_centres": (5.5 * YEAR, 6.8 * YEAR)}),
            Step("Switch to exponential growth again and move the tokens per call from 717 to "
                 "7,170 (a reasoning-length answer).",
                 {"growth_model": "exponential", "tokens_per_call": 7170.0},
                 {"time_to_data_centres": (2.5 * YEAR, 2.8 * YEAR)}),
        ),
        answer=(
            "One agent uses about 356 kWh a day at the wall, as much as about a dozen US homes. "
            "Machine demand is bounded by its ceilings (logistic growth, a power budget); only "
            "unchecked exponential growth passes all the data centres of 2024, and a tenfold "
            f"longer answer, which costs {_TEN_TIMES:.1f} times a chat call because every "
            "token written also reads the growing cache, brings that date earlier by "
            f"$\\ln {_TEN_TIMES:.1f}/g_a \\approx {math.log(_TEN_TIMES):.1f}$ years at "
            "$g_a = 1$ per year, without changing any limit."
        ),
        where=_G,
    ),
)

ARGUMENT = (
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

THERMO = (
    Activity(
        question=(
            f"Energy per FLOP halves every {_KOOMEY_T2_POST2000:g} years. Before moving "
            "anything, predict: in how many years would that trend meet the Landauer floor, "
            "and how much would a thousandfold change in the bits erased per FLOP move that "
            "date?"
        ),
        steps=(
            Step(f"Set a doubling time of {_KOOMEY_T2_POST2000:g} years, 16 bits erased per "
                 "FLOP, 300 K and today's efficiency at the H100's datasheet peak, about "
                 "$1.4\\times10^{12}$ FLOP/J ($10^{12.149}$).",
                 {"doubling_time": _KOOMEY_T2_POST2000, "bits_per_flop": 10**1.204,
                  "temperature": 300.0, "flop_per_joule": 10**12.149},
                 {"crossing_time": (59.0, 65.0)}),
            Step("Set the doubling time to 1.6 years (Koomey's 1946–2009 pace).",
                 {"doubling_time": 1.6}, {"crossing_time": (35.0, 41.0)}),
            Step(f"Back to {_KOOMEY_T2_POST2000:g} years; set the bits per FLOP to 1.",
                 {"doubling_time": _KOOMEY_T2_POST2000, "bits_per_flop": 1.0},
                 {"crossing_time": (69.0, 75.0)}),
            Step("Set the bits per FLOP to 1,000.", {"bits_per_flop": 1000.0},
                 {"crossing_time": (44.0, 50.0)}),
            Step("Back to 16 bits; set today's efficiency to $10^{11}$ FLOP/J, about the "
                 "energy per FLOP measured in decode.",
                 {"bits_per_flop": 10**1.204, "flop_per_joule": 1e11},
                 {"crossing_time": (69.0, 75.0)}),
            Step("Back to $10^{12.149}$ FLOP/J; set the temperature to 4 K.",
                 {"flop_per_joule": 10**12.149, "temperature": 4.0},
                 {"crossing_time": (75.0, 81.0)}),
        ),
        answer=(
            "At today's pace the floor is about sixty years away, and the headroom enters "
            "through a logarithm: a factor of 1,000 in the assumption is only ten doublings, "
            "about 26 years. A 4 K computer has a lower floor, but the refrigerator that "
            "removes its heat brings the floor drawn from the wall back to "
            "$k_BT_\\mathrm{room}\\ln 2$."
        ),
        where=_G,
    ),
)

ANALOGIES = (
    Activity(
        question=(
            "Before moving anything, predict: for a popular AI model served for a year and for "
            "a busy four-lane highway, which uses more energy than it took to create, and by "
            "how many orders of magnitude?"
        ),
        steps=(
            Step("Set the model to $10^9$ queries a day, about 0.3 Wh a query ($10^{-0.5}$), "
                 "one year of serving and about 56 GWh of training ($10^{1.75}$); set the "
                 "highway to about 50,000 vehicles a day ($10^{4.7}$) over 40 years.",
                 {"queries_per_day": 1e9, "wh_per_query": 10**-0.5, "serving_years": 1.0,
                  "training_gwh": 10**1.75, "vehicles_per_day": 10**4.7, "road_years": 40.0},
                 {"ai_orders": (0.2, 0.4), "road_orders": (2.2, 2.3)}),
            Step("A quiet model: set its queries a day to $10^5$ and its training energy to "
                 "$10^{1.3}$, about 20 GWh.",
                 {"queries_per_day": 1e5, "training_gwh": 10**1.3},
                 {"ai_orders": (-3.5, -3.1), "ai_verdict": "creation dominates"}),
            Step("Give the quiet model a ten-year life and 10 Wh a query.",
                 {"serving_years": 10.0, "wh_per_query": 10.0},
                 {"ai_orders": (-0.9, -0.5), "ai_verdict": "creation dominates"}),
            Step("Drag the highway down to $10^{2.5}$, about 316 vehicles a day.",
                 {"vehicles_per_day": 10**2.5}, {"road_orders": (-0.2, 0.2)}),
        ),
        answer=(
            "The popular model uses about twice its creation energy in a year, the busy road "
            "nearly two hundred times over its forty years; a quiet model never repays its "
            "training, and a quiet road barely repays its construction. Analogies point the "
            "same way as the AI claim, by amounts that depend on traffic and on what one calls "
            "creation."
        ),
        where=_G,
    ),
)

REAL = (
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

INDUSTRY = (
    Activity(
        question=(
            "Before moving anything, predict: is a newer GPU (H100) always more frugal per "
            "query than the one before it (A100), and which setting decides?"
        ),
        steps=(
            Step("Choose a chat query, 16 bits per weight, $10^{11}$ active parameters, a batch "
                 "of 64, the H100 SXM and the full stack, and set a PUE of 1.10, a grid of "
                 "436 gCO₂/kWh and $10^9$ queries a day.",
                 {"task": "chat", "bits": 16, "params": 1e11, "batch": 64.0,
                  "hardware": "H100 SXM", "scope": "full-stack",
                  "pue": by_id("pue-google-2023").value,
                  "grid": by_id("grid-intensity-world-2022").value, "traffic": 1e9},
                 {"energy_per_query": (0.50, 0.54), "power": (21.0, 22.5),
                  "fleet_energy": (185.0, 195.0), "co2": (80.0, 85.0),
                  "critical_batch": (145.0, 148.0)}),
            Step("Set the batch size to 1 and choose the A100 SXM.",
                 {"batch": 1.0, "hardware": "A100 SXM"}, {"energy_per_query": (13.0, 14.5)}),
            Step("Choose the H100 SXM again.", {"hardware": "H100 SXM"},
                 {"energy_per_query": (21.0, 23.0)}),
            Step("Set the batch size to 1,024 and choose the A100 SXM.",
                 {"batch": 1024.0, "hardware": "A100 SXM"}, {"energy_per_query": (0.35, 0.37)}),
            Step("Choose the H100 SXM once more.", {"hardware": "H100 SXM"},
                 {"energy_per_query": (0.28, 0.31)}),
            Step("At batch 1, drop the bits per weight from 16 to 4.",
                 {"batch": 1.0, "bits": 4}, {"energy_per_query": (5.3, 5.9)}),
            Step("Keep 4 bits and set the batch size back to 1,024.", {"batch": 1024.0},
                 {"energy_per_query": (0.28, 0.31)}),
            Step("Set 16 bits, a batch of 64 and a PUE of 2.0.",
                 {"bits": 16, "batch": 64.0, "pue": 2.0},
                 {"energy_per_query": (0.9, 1.0), "co2": (145.0, 157.0)}),
            Step("Switch what is counted to accelerators.", {"scope": "gpu"},
                 {"energy_per_query": (0.2, 0.23), "co2": (32.0, 36.0)}),
            Step("Set the grid to 0 gCO₂/kWh.", {"grid": 0.0},
                 {"energy_per_query": (0.2, 0.23), "co2": (0.0, 0.0)}),
        ),
        answer=(
            "No: at batch 1 decode is limited by memory traffic, and the H100 spends more per "
            "query. On the datasheets alone (bytes per joule) the H100 would spend only "
            f"about {100 * (_BYTES_PER_J['A100 SXM'] / _BYTES_PER_J['H100 SXM'] - 1):.1f} % "
            "more; the rest of the 1.6-fold rise is the calibrated time factor "
            f"({_PHI['H100 SXM']:.2f} against {_PHI['A100 SXM']:.2f}), fitted to "
            "measurements with different serving software, so the sign rests on a fitted "
            "factor. At a large batch the H100's compute wins. Fewer bits help only while "
            "memory binds. The PUE scales energy and CO₂ together at the full stack. The "
            "accelerators alone are about two fifths of the full stack at a PUE of 1.10, and "
            "under a quarter at 2.0. The grid scales CO₂ alone."
        ),
        where=_G,
    ),
)

VERDICT = (
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

GUIDE_ACTIVITIES: dict[str, tuple[Activity, ...]] = {
    "temporal": TEMPORAL,
    "semantic": SEMANTIC,
    "machines": MACHINES,
    "argument": ARGUMENT,
    "thermo": THERMO,
    "analogies": ANALOGIES,
    "real": REAL,
    "industry": INDUSTRY,
    "verdict": VERDICT,
}
"""The instructor guide's activities, by explorer name (keys of ``EXPLORERS``).

:meta hide-value:
"""


def step_values(spec: WebExplorer, activity: Activity) -> list[dict[str, Any]]:
    """The controls' values after each step [controls' own units], from the defaults.

    Parameters
    ----------
    spec : WebExplorer
        The explorer's declaration.
    activity : Activity
        Its activity; the steps apply cumulatively.

    Returns
    -------
    list of dict
        One mapping of every control's value per step.

    Examples
    --------
    >>> spec = EXPLORERS["temporal"].declaration()
    >>> step_values(spec, TEMPORAL[0])[3]["queries_per_day"]
    100000.0
    """
    values = {p.name: p.value for p in spec.params}
    found = []
    for step in activity.steps:
        values.update(step.settings)
        found.append(dict(values))
    return found


def outputs_at(name: str, values: Mapping[str, Any]) -> dict[str, float]:
    """Every headline of explorer ``name`` at control ``values`` [SI units].

    The numbers are the module's ``reference`` (energylib's model functions);
    the outputs ``reference`` does not compute (text headlines) come from the
    declaration's model, evaluated with numpy.

    Parameters
    ----------
    name : str
        A key of ``EXPLORERS``.
    values : Mapping
        Every control's value, in the controls' own units.

    Returns
    -------
    dict[str, float]
        Output name to its SI value.

    Examples
    --------
    >>> spec = EXPLORERS["verdict"].declaration()
    >>> out = outputs_at("verdict", {p.name: p.value for p in spec.params})
    >>> out["effective_exponent"] > 0
    True
    """
    if name not in EXPLORERS:
        raise ValueError(f"name must be one of {sorted(EXPLORERS)}, got {name!r}")
    module = EXPLORERS[name]
    spec = module.declaration()
    found = dict(compile_numpy(spec)(_model_inputs(spec, values))["out"])
    found.update(module.reference(values, **spec.python.get("kwargs", {})))
    return found


def _off_grid(spec: WebExplorer, values: Mapping[str, Any]) -> list[str]:
    """Settings a browser's slider cannot reach exactly (outside its range or its steps)."""
    problems = []
    for name, value in values.items():
        param = spec.param(name)
        if isinstance(param, Choice):
            if value not in param.options:
                problems.append(f"{name}={value!r} is not an option")
            continue
        assert isinstance(param, Slider)
        position = math.log(value, param.base) if param.log else float(value)
        steps = (position - param.min) / param.step
        if not (param.min - 1e-9 <= position <= param.max + 1e-9) or abs(
                steps - round(steps)) > 1e-6:
            problems.append(f"{name}={value!r} is outside the range or between steps")
    return problems


def failures() -> list[str]:
    """Every step whose expectation the explorer's reference does not meet.

    For each activity of ``GUIDE_ACTIVITIES``, the settings apply cumulatively
    from the declaration's defaults; each expected text must equal the headline
    (:func:`~energylib.explorers.web.format_output`) and each band must hold
    the displayed value (SI value / the output's scale).  Settings must also be
    on their slider's range and grid.

    Returns
    -------
    list[str]
        One line per failed expectation; empty when every step holds.

    Examples
    --------
    >>> failures()
    []
    """
    problems = []
    for name, activities in GUIDE_ACTIVITIES.items():
        spec = EXPLORERS[name].declaration()
        outputs = {o.name: o for o in spec.outputs}
        for activity in activities:
            for step, values in zip(activity.steps, step_values(spec, activity), strict=True):
                where = f"{name}: {step.text[:50]!r}"
                problems += [f"{where}: {p}" for p in _off_grid(spec, step.settings)]
                out = outputs_at(name, values)
                for key, want in step.expect.items():
                    shown = format_output(outputs[key], out[key])
                    if isinstance(want, str):
                        ok = shown == want
                    else:
                        value = out[key] / outputs[key].scale
                        ok = want[0] <= value <= want[1]
                    if not ok:
                        problems.append(f"{where}: {key} shows {shown!r}, expected {want!r}")
    return problems


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def unprinted(guide: str) -> list[str]:
    """The questions, step texts and answers of ``GUIDE_ACTIVITIES`` that ``guide`` lacks.

    Parameters
    ----------
    guide : str
        The instructor guide's Markdown source (whitespace is normalised).

    Returns
    -------
    list[str]
        Each missing question, step text or answer; empty when the guide prints them all.

    Examples
    --------
    >>> unprinted("nothing here")[0][:20]
    'A popular service an'
    """
    if not isinstance(guide, str):
        raise TypeError(f"guide must be a str, got {type(guide).__name__}")
    text = _squash(guide)
    return [piece for activities in GUIDE_ACTIVITIES.values() for activity in activities
            for piece in (activity.question, *(s.text for s in activity.steps), activity.answer)
            if _squash(piece) not in text]
