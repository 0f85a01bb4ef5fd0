"""Explorer for the chapter "The analogies, computed".

The reader moves the AI model's traffic, energy per query, serving life and
training energy, and the highway's traffic and life; the bars of
``log10(use / creation)`` for the model and the road move on one fixed log
axis beside the fixed bars of the Sun and of a human.

:func:`declaration` is the explorer; the tests compare its outputs with
:mod:`energylib.analogies` (``tests/explorer_references.py``).

Examples
--------
>>> out = AnalogyExplorer().update(queries_per_day=1e9, wh_per_query=0.3, serving_years=1.0,
...                                training_gwh=56.0)
>>> round(out["ai_orders"], 2)
0.29
"""

from __future__ import annotations

import inspect

import sympy as sp

from ..analogies import fixed_analogies, highway_ledger
from ..style import INFERENCE_COLOR, TRAINING_COLOR
from ..units import DAY, GWH, WH, YEAR
from ..validation import check_scalar
from .render import explorer_class
from .web import Bar, Label, Output, Plot, Slider, WebExplorer, rebuilt_as

__all__ = ["declaration", "AnalogyExplorer"]

_ORDERS_AXIS = (-8.0, 20.0)  # the explorer's fixed axis [orders of magnitude]


@rebuilt_as("AnalogyExplorer")
def declaration(lanes: float = 4.0) -> WebExplorer:
    """The explorer: sliders, and its model in SymPy (SI units).

    ``lanes`` (> 0) [-] is the highway's number of lanes.  The formulas are
    those of :mod:`energylib.analogies` (with
    :func:`energylib.lifecycle.model_ledger` at ``g = r = 0``):

    * AI: creation = training energy, use = ``q w T`` (queries per
      second, energy per query ``w``, serving life);
    * highway: creation = lanes x length x construction per metre of
      lane (no slider moves it), use = vehicles per second x length x
      fuel per vehicle-metre x life, with the defaults of
      :func:`~energylib.analogies.highway_ledger`;
    * orders of magnitude ``log10(use) - log10(creation)``.

    Bars rise or fall from zero: blue when use exceeds creation, vermillion when
    creation dominates, grey for the analogies no slider moves.
    """
    lanes = check_scalar("lanes", lanes, low=0.0, low_open=True)
    defaults = inspect.signature(highway_ledger).parameters
    length = float(defaults["length"].default)  # [m]; cancels in the ratio
    per_vehicle_metre = float(defaults["energy_per_vehicle_km"].default) / 1e3  # [J/m]
    # The road's construction energy: exactly energylib's number (no slider moves it).
    road_creation = highway_ledger(1.0, lanes, 1.0).creation
    (q, e, t_serve, e_train, vehicles, t_road, ell, e_vehicle, c_road) = sp.symbols(
        "queries_per_day wh_per_query serving_years training_gwh vehicles_per_day "
        "road_years road_length vehicle_energy road_creation", real=True)
    ai_use, ai_ratio, road_use, road_ratio = sp.symbols(
        "ai_use ai_ratio road_use road_ratio", real=True)

    def orders(use: sp.Expr, creation: sp.Expr) -> sp.Expr:
        return sp.log(use) / sp.log(10) - sp.log(creation) / sp.log(10)

    def words(ratio: sp.Expr) -> sp.Expr:
        return sp.Piecewise((0, ratio >= 10), (1, ratio >= 1), (2, True))

    verdicts = ("use dwarfs creation", "use exceeds creation", "creation dominates")
    fixed = list(fixed_analogies().items())
    return WebExplorer(
        id="analogies",
        title="Creation against use: an AI model and a highway beside the Sun and a human",
        params=(
            Slider("queries_per_day", "AI: queries a day", 2.0, 10.0, 0.05, 1e9,
                   log=True, to_si=1 / DAY),
            Slider("wh_per_query", "AI: energy per query [Wh]", -2.0, 1.5, 0.05, 0.3,
                   log=True, to_si=WH),
            Slider("serving_years", "AI: serving life [yr]", 0.25, 10.0, 0.25, 1.0,
                   readout=".2f", to_si=YEAR),
            Slider("training_gwh", "AI: training energy [GWh]", -1.0, 3.0, 0.05, 56.0,
                   log=True, to_si=GWH),
            Slider("vehicles_per_day", "road: vehicles a day", 1.0, 5.5, 0.05, 50_000.0,
                   log=True, to_si=1 / DAY),
            Slider("road_years", "road: life [yr]", 5.0, 100.0, 5.0, 40.0,
                   readout=".2f", to_si=YEAR),
        ),
        constants={"road_length": length, "vehicle_energy": per_vehicle_metre,
                   "road_creation": float(road_creation)},
        definitions=(
            ("ai_use", q * e * t_serve),
            ("ai_ratio", ai_use / e_train),
            ("ai_orders", orders(ai_use, e_train)),
            ("road_use", vehicles * ell * e_vehicle * t_road),
            ("road_ratio", road_use / c_road),
            ("road_orders", orders(road_use, c_road)),
        ),
        outputs=(
            Output("ai_use", "AI model: serving energy", ai_use, unit="GWh", scale=GWH),
            Output("ai_creation", "against training", e_train, unit="GWh", scale=GWH),
            Output("ai_ratio", "ratio", ai_ratio),
            Output("ai_verdict", "so", words(ai_ratio), fmt="text", texts=verdicts,
                   check=False),
            Output("ai_orders", "AI bar [orders of magnitude]",
                   sp.Symbol("ai_orders", real=True)),
            Output("road_use", "highway: traffic energy", road_use, unit="TJ per km",
                   scale=1e12 * length / 1e3),
            Output("road_creation", "against construction", c_road, unit="TJ per km",
                   scale=1e12 * length / 1e3),
            Output("road_ratio", "ratio", road_ratio),
            Output("road_verdict", "so", words(road_ratio), fmt="text", texts=verdicts,
                   check=False),
            Output("road_orders", "highway bar [orders of magnitude]",
                   sp.Symbol("road_orders", real=True)),
        ),
        plots=(Plot(
            x_label="", y_label="use ÷ creation [orders of magnitude]",
            x_range=(-0.5, len(fixed) + 1.5), y_range=_ORDERS_AXIS, height=360,
            bar_base=0.0,
            bars=(
                Bar("AI model\n(sliders)", sp.Symbol("ai_orders", real=True),
                    INFERENCE_COLOR, negative_color=TRAINING_COLOR),
                Bar(f"highway, {lanes:g} lanes\n(sliders)",
                    sp.Symbol("road_orders", real=True), INFERENCE_COLOR,
                    negative_color=TRAINING_COLOR),
                # Two lines each ("Sun vs\nits collapse"): one line would overlap.
                *(Bar(label.replace(" vs ", " vs\n"), value, "grey")
                  for label, value in fixed),
            ),
            labels=tuple(Label(f"{value:+.1f}", k + 2 - 0.15, value + 0.6, "black")
                         for k, (label, value) in enumerate(fixed)),
        ),),
        measured={"queries_per_day": ("chatgpt-prompts-2024", "chatgpt-prompts-2025"),
                  "wh_per_query": ("gpt4o-typical-query",),
                  "training_gwh": ("gpt3-train-energy",)},
        note=("Bars: log10(use ÷ creation). Blue: use exceeds creation (above 0); "
              "vermillion: creation dominates (below 0); grey: fixed, no slider "
              "moves it."),
    )


AnalogyExplorer = explorer_class(declaration)
