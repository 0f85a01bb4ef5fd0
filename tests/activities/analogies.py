"""Things to try with the analogies explorer: its chapter's and the instructor guide's."""

from __future__ import annotations

from energylib.dataset import by_id

from . import GUIDE_WHERE as _G
from . import Activity, Step

CHAPTER = (
    Activity(
        question=("A model trained with about 20 GWh answers a hundred thousand queries a "
                  "day. Will its bar end above or below zero, and can ten years of service "
                  "and a ten times costlier query lift it above zero?"),
        steps=(
            Step("Set the model's traffic to 100,000 queries a day: its bar drops below "
                 "zero, to about -3.7 orders.",
                 {"queries_per_day": 1e5}, {"ai_orders": (-3.8, -3.6)}),
            Step("Set its training energy to 20 GWh: the bar rises by less than half an "
                 "order, to about -3.3.",
                 {"training_gwh": 20.0}, {"ai_orders": (-3.35, -3.2)}),
            Step("Raise its serving life to 10 years: the bar rises by exactly one order, "
                 "to about -2.3.",
                 {"serving_years": 10.0}, {"ai_orders": (-2.35, -2.2)}),
            Step("Raise its energy per query to 3 Wh: one more order, and the bar is still "
                 "below zero, at about -1.3.",
                 {"wh_per_query": 3.0}, {"ai_orders": (-1.35, -1.2)}),
        ),
        answer=("Below zero, and it stays there: a hundred times more use per query-year "
                "(ten years, ten times the energy) adds two orders of magnitude, and the bar "
                "started almost four below. Only traffic moves it further."),
    ),
    Activity(
        question=("How few vehicles a day can a four-lane highway carry before its "
                  "construction energy outweighs forty years of traffic? Guess a number "
                  "first."),
        steps=(
            Step("Drag the road's traffic down to 300 vehicles a day: its bar meets zero "
                 "(about +0.02 orders), traffic and construction are equal.",
                 {"vehicles_per_day": 300.0}, {"road_orders": (-0.05, 0.1)}),
            Step("Shorten the road's life to 20 years: the bar falls below zero, "
                 "construction dominates.",
                 {"road_years": 20.0}, {"road_orders": (-0.35, -0.2)}),
        ),
        answer=("About 300 vehicles a day over forty years, a quiet road: a four-lane highway "
                "that quiet would never be built, which is why a busy road's ratio is two "
                "orders of magnitude above zero."),
    ),
    Activity(
        question=("The sliders open on a real service: ChatGPT's billion prompts a day "
                  "(December 2024), 0.3 Wh a prompt and a GPT-4-class training run. ChatGPT's "
                  "traffic then grew 2.5-fold in seven months. How many orders of magnitude "
                  "does that add to the model's bar?"),
        steps=(
            Step("Leave every slider at its start: the model's bar is at about +0.3 orders, "
                 "use about twice the training energy after one year.",
                 {}, {"ai_orders": (0.25, 0.35)}),
            Step("Set the model's traffic to 2,500,000,000 queries a day (ChatGPT in July "
                 "2025): the bar rises to about +0.7 orders.",
                 {"queries_per_day": by_id("chatgpt-prompts-2025").value},
                 {"ai_orders": (0.65, 0.75)}),
        ),
        answer=("log10 2.5 = 0.4 orders: the real service's use is two to five times its "
                "training energy in a year, far above zero but two orders of magnitude short "
                "of the Sun's bar and seventeen short of the human-against-first-cell bar."),
    ),
)


GUIDE = (
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
