"""Things to try with the machines explorer: its chapter's and the instructor guide's."""

from __future__ import annotations

import math

from energylib.agents import FULL_STACK_OVERHEAD, call_tokens
from energylib.dataset import by_id
from energylib.estimator import estimate_query_energy
from energylib.explorers.machines import _TOKENS
from energylib.tasks import TASKS, token_energy_fit
from energylib.units import YEAR

from . import GUIDE_WHERE as _G
from . import Activity, Step

_MEASURED_REASONING = by_id("reasoning-energy-ratio").value  # ML.ENERGY [-]
_TEN_TIMES = call_tokens("chat", 10 * _TOKENS) / _TOKENS  # ten times the tokens [-]
_AGENT_TIMES = call_tokens("agent step", TASKS["agent step"].output_tokens) / _TOKENS  # [-]
_AGENT_PROMPT = TASKS["agent step"].input_tokens  # [tokens]


def _reasoning_times(params: float) -> float:
    """A reasoning answer's energy over a chat answer's, dense model of ``params`` [-]."""
    chat, reasoning = TASKS["chat"], TASKS["reasoning"]
    return (estimate_query_energy(params, reasoning.input_tokens, reasoning.output_tokens).energy
            / estimate_query_energy(params, chat.input_tokens, chat.output_tokens).energy)


# The other chapters' multiplier: Llama 3.1 70B (their token scaling) and the dashboard's
# dense 10^11 parameters, at the same batch of 64.
_BIG_TIMES = sorted((token_energy_fit("Llama 3.1 70B").relative(
    TASKS["reasoning"].input_tokens, TASKS["reasoning"].output_tokens), _reasoning_times(1e11)))

CHAPTER = (
    Activity(
        question=("The explorer opens with ten thousand agents growing logistically towards a "
                  "ceiling of a million. Will they ever draw as much power as all the world's "
                  "data centres did in 2024? What changes if nothing stops their growth?"),
        steps=(
            Step("Read the headline at the defaults: the power levels off at 14.8 GW, and all "
                 "data centres of 2024 are never reached.",
                 {}, {"limiting_power": (14.7, 14.9), "time_to_data_centres": "never"}),
            Step("Switch the agent growth to exponential: the limit as t → ∞ becomes ∞, and "
                 "the agents pass all data centres of 2024 after 5.8 years.",
                 {"growth_model": "exponential"},
                 {"limiting_power": "∞", "time_to_data_centres": "5.8 years"}),
            Step("Turn on the power budget: the curve stops at the dashed line, and the limit "
                 "becomes 47.3 GW, the average power of all data centres in 2024.",
                 {"power_cap": True}, {"limiting_power": (47.2, 47.4)}),
        ),
        answer=("With a ceiling of a million agents, never: the power levels off at 14.8 GW. "
                "Without a ceiling the power grows without bound, and only a budget stops it."),
    ),
    Activity(
        question=("How large must the agent ceiling be before the population draws as much "
                  "power as all data centres of 2024?"),
        steps=(
            Step("Raise the carrying capacity to about 3.2 million agents: the limit is "
                 "46.9 GW, just under the data centres' 47.3 GW, so they are never reached.",
                 {"capacity": 10 ** 6.5},
                 {"limiting_power": (46.8, 47.0), "time_to_data_centres": "never"}),
            Step("Raise it one notch, to about 4 million: the limit is 59.1 GW, and the agents "
                 "pass all data centres after 7.4 years.",
                 {"capacity": 10 ** 6.6},
                 {"limiting_power": (59.0, 59.2), "time_to_data_centres": "7.4 years"}),
        ),
        answer=("About 3.2 million agents at 100 chat-length calls a second each: the ceiling "
                "times the power of one agent must pass 47.3 GW."),
    ),
    Activity(
        question=("A reasoning model writes about ten times as many tokens per answer. Does "
                  "that change how high the power can go, or only when it gets there?"),
        steps=(
            Step("Switch the agent growth to exponential: all data centres are passed after "
                 "5.8 years.",
                 {"growth_model": "exponential"}, {"time_to_data_centres": "5.8 years"}),
            Step("Raise the tokens per call from 717 to 7,170, about a reasoning answer: ten "
                 "times the tokens, but each call now costs "
                 f"{_TEN_TIMES:.1f} times a chat call, because every token written also "
                 "reads the cache of all the tokens before it. The date comes "
                 f"{math.log(_TEN_TIMES):.1f} years earlier (ln {_TEN_TIMES:.1f} divided by "
                 "the growth rate of 1 a year), and the limit is still ∞.",
                 {"tokens_per_call": 10 ** (math.log10(_TOKENS) + 1.0)},
                 {"time_to_data_centres": "2.7 years", "limiting_power": "∞"}),
            Step(f"Switch back to logistic growth: the limit is now {_TEN_TIMES:.1f} times "
                 "higher, 323 GW.",
                 {"growth_model": "logistic"}, {"limiting_power": (322.0, 324.0)}),
        ),
        answer=("A constant multiplier k moves dates (by ln k / g for exponential growth) and "
                "multiplies a finite ceiling, but it turns no ceiling into infinity. ML.ENERGY "
                f"measured about {_MEASURED_REASONING:.0f} times a chat answer's energy for "
                "reasoning answers, more "
                "than the explorer's multiplier, because reasoning runs at smaller batches "
                "while the explorer holds the batch fixed. The multiplier also depends on the "
                "model. A small model, like the explorer's Llama 3.1 8B, has few weights to "
                "share across a batch, so reading the cache, which grows with the answer's "
                "length, dominates. For the 70- to "
                "100-billion-parameter models of the other chapters it is "
                f"{_BIG_TIMES[0]:.0f} to {_BIG_TIMES[1]:.0f} times."),
    ),
    Activity(
        question=("Google reported processing about 3.2 × 10¹⁵ tokens a month across its AI "
                  "products in May 2026, seven times more than a year before. How many of the "
                  "toy agents would generate as many tokens?"),
        steps=(
            Step("Set the agents at start to about 16,000: at 100 calls a second of 717 tokens "
                 "they generate about 3 × 10¹⁵ tokens a month, and draw 0.235 GW now.",
                 {"agents": 10 ** 4.2}, {"power_now": (0.234, 0.236)}),
            Step("Switch to exponential growth and set the growth rate to 1.9 a year, the "
                 "continuous rate of a sevenfold rise in a year: the agents pass all data "
                 "centres of 2024 after 2.8 years.",
                 {"growth_model": "exponential", "growth_rate": 1.9},
                 {"time_to_data_centres": "2.8 years"}),
        ),
        answer=("About 16,000 busy agents match the token volume Google reported; if those "
                "tokens cost what the toy's output tokens cost and kept growing sevenfold a "
                "year, they would pass all data centres of 2024 within three years."),
    ),
    Activity(
        question=("One step of a coding agent writes fewer tokens than a chat answer but reads "
                  "a prompt of about 20,000 tokens. Do agents making such steps draw more or "
                  "less power than agents chatting? And does counting only the accelerators "
                  "change whether they reach all data centres?"),
        steps=(
            Step("Choose the task agent step: the answer falls to 500 tokens, but processing "
                 f"the {_AGENT_PROMPT:,.0f}-token prompt once, then reading its stored cache "
                 f"for every token written, makes each call cost about {_AGENT_TIMES:.0f} "
                 "times a chat call: the limit rises "
                 "to 206 GW, and the agents pass all data centres of 2024 after 3.4 years.",
                 {"task": "agent step"},
                 {"limiting_power": (205.5, 206.5), "time_to_data_centres": "3.4 years"}),
            Step("Set what is counted to accelerators: the limit falls "
                 f"{FULL_STACK_OVERHEAD:.2f} times, to about 120 GW, still above the data "
                 "centres' 47.3 GW.",
                 {"scope": "gpu"}, {"limiting_power": (119.0, 120.0)}),
        ),
        answer=("More: the long prompt, whose stored cache every written token reads, "
                "outweighs the shorter answer. "
                "Counting only the accelerators divides every power by "
                f"{FULL_STACK_OVERHEAD:.2f}, to about 120 GW, still above the 47.3 GW of all "
                "data centres in 2024. What is counted moves the limit and the dates, not the "
                "shape of the curve."),
    ),
)


GUIDE = (
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
