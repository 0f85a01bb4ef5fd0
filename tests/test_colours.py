"""Colours keep their promise: inference is blue, training vermillion, everywhere.

The book's style (:mod:`energylib.style`): everything about *inference* is
Okabe-Ito blue (``INFERENCE_COLOR``, #0072B2) or its light partner sky blue
(#56B4E9); everything about *training* is vermillion (``TRAINING_COLOR``,
#D55E00); no other quantity uses those hues.  Families of inference curves are
told apart by line style or width, not by hue alone.

Checked on every figure function of :mod:`energylib.figures` (drawn with
arguments like its chapter's) and on every explorer declaration's curves and bars:

* an artist whose label speaks of inference (inference, serving, queries) is in
  the inference family; one that speaks of training is vermillion (a label that
  speaks of both, "inference ÷ training", is not checked);
* an artist whose label speaks of neither does not use the inference or training
  hues;
* within one axes (one explorer plot), no two labelled inference lines have the
  same line style and width (so they differ by more than their hue).
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

import energylib.figures as figures
from energylib.explorers import EXPLORERS
from energylib.style import INFERENCE_COLOR, OKABE_ITO, TRAINING_COLOR
from energylib.units import GWH, WH, YEAR

INFERENCE_FAMILY = {INFERENCE_COLOR.lower(), OKABE_ITO["sky blue"].lower()}
TRAINING_FAMILY = {TRAINING_COLOR.lower()}

# Inference: serving models' answers, and what it is counted in (queries, prompts, tokens,
# calls, agents' calls, prefill and decode).
_INFERENCE_WORDS = re.compile(r"\binferen|\bserv(e|es|ing|ed)\b|\bquer(y|ies)\b|\bprompts?\b"
                              r"|\btokens?\b|\bcalls?\b|\bagents?\b|\bagents'|\bprefill"
                              r"|\bdecode\b|\banswers?\b", re.I)
_TRAINING_WORDS = re.compile(r"\btrain", re.I)


def family(label: str) -> str:
    """'inference', 'training', 'both' or '' (neither), from what a label says."""
    inference = bool(_INFERENCE_WORDS.search(label))
    training = bool(_TRAINING_WORDS.search(label))
    return {(True, False): "inference", (False, True): "training",
            (True, True): "both"}.get((inference, training), "")


def hex_of(color: Any) -> str:
    """A matplotlib or CSS colour as ``#rrggbb`` (lower case; alpha dropped)."""
    css = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,[^)]*)?\)",
                       color.strip()) if isinstance(color, str) else None
    if css:
        return "#" + "".join(f"{int(c):02x}" for c in css.groups())
    return mcolors.to_hex(mcolors.to_rgba(color), keep_alpha=False).lower()


def check_colour(where: str, label: str, color: str, context: str = "") -> str:
    """Why ``color`` breaks the promise for an artist labelled ``label`` ('' if it keeps it).

    ``context`` is what the axes say (axis labels, title): a curve labelled only by
    its parameters ("s = 1.2") on an axis of queries is about inference.
    """
    kind = family(label)
    if kind == "inference" and color not in INFERENCE_FAMILY:
        return f"{where}: {label!r} is about inference but drawn in {color} (want #0072b2/#56b4e9)"
    if kind == "training" and color not in TRAINING_FAMILY:
        return f"{where}: {label!r} is about training but drawn in {color} (want #d55e00)"
    if kind:
        return ""
    around = family(context)
    if around == "inference" and color in TRAINING_FAMILY:
        return f"{where}: {label!r} (axes about inference) uses the training hue {color}"
    if around == "training" and color in INFERENCE_FAMILY:
        return f"{where}: {label!r} (axes about training) uses the inference hue {color}"
    if around == "" and color in INFERENCE_FAMILY | TRAINING_FAMILY:
        return (f"{where}: {label!r} is neither inference nor training but uses their hue "
                f"{color}")
    return ""


def axes_context(ax: Axes) -> str:
    return " | ".join((ax.get_xlabel(), ax.get_ylabel(), ax.get_title()))


# ----------------------------------------------------------------- the figures

def _montecarlo() -> dict[str, Any]:
    from energylib.montecarlo import DEPLOYMENTS, break_even_monte_carlo

    return {name: break_even_monte_carlo(deployment, 400)
            for name, deployment in list(DEPLOYMENTS.items())[:2]}


def _calibration() -> Any:
    from energylib.calibration import CHECK_CASES, FIT_CASES, fit_calibration

    return fit_calibration(list(FIT_CASES.values())), list(CHECK_CASES.values())


def _ledgers() -> dict[str, Any]:
    from energylib.analogies import analogy_ledger

    return {"Sun (10 Gyr vs collapse)": analogy_ledger(1.0, 100.0),
            "busy highway": analogy_ledger(10.0, 30.0)}


# Arguments like the chapters' (the figures drawn in the book), for the functions that
# need some; the others are drawn with their defaults.
ARGUMENTS: dict[str, Callable[[], tuple[tuple, dict]]] = {
    "regimes_figure": lambda: ((12.5e6, 48 * GWH, {"g<r": (0.2, 0.5), "g=r": (0.3, 0.3),
                                                   "g>r": (0.5, 0.2)}), {}),
    "break_even_figure": lambda: (([0.1, 0.44, 2.0, 10.0],), {}),
    "fleet_ratio_figure": lambda: ((12.5e6, 48 * GWH, {
        "constant cost, flat power (c = 1, g = r = 0.3/yr)": (1.0, 0.3, 0.3),
        "cost ×1.35 a generation, g − r = 0.3/yr": (math.exp(0.3), 0.6, 0.3)}), {}),
    "hit_rate_vs_queries_figure": lambda: ((1_000_000, [0.64, 0.83, 1.0, 1.2]), {}),
    "hit_rate_limit_figure": lambda: (([1, 1_000, 1_000_000],), {"n_queries": 1e12}),
    "semantic_cache_figure": lambda: ((1e6, 0.8, [1, 10, 100]), {"recall": 0.9}),
    "agent_day_figure": lambda: (({"Llama 3.1 8B, 717 tokens/call": 3.6e8,
                                   "Gemini median prompt (0.24 Wh/call)": 2.1e9},
                                  {"one US household's day": 1.0e8,
                                   "100 km in an electric car": 5.4e7}), {}),
    "growth_products_figure": lambda: (({
        "agents exp. (g = 1/yr) × calls exp. (0.5/yr)": dict(
            agents0=1e4, calls_per_second0=1.0, tokens_per_call=717, energy_per_token=0.4,
            agent_growth=1 / YEAR, call_growth=0.5 / YEAR),
        "agents exp. × calls logistic (≤ 1,000/s)": dict(
            agents0=1e4, calls_per_second0=1.0, tokens_per_call=717, energy_per_token=0.4,
            agent_growth=1 / YEAR, call_growth=0.5 / YEAR, call_capacity=1000.0)},
        4.7e10, "all data centres, 2024 (IEA)"), {}),
    "cap_binding_figure": lambda: (({"chat-length calls (717 tokens)": 300.0,
                                     "reasoning calls (25× the energy)": 7500.0},),
                                   {"agents0": 1e4, "target_power": 4.7e10}),
    "saturation_figure": lambda: ((1e8 / 86400, 0.3 * WH, 0.5, 1e10 / 86400, [0.0, 0.3]),
                                  {"training_energy": 50 * GWH}),
    "energy_ladder_figure": lambda: (([("one bit erased", 2.9e-21, "physics floor"),
                                       ("one token, measured", 0.12, "inference"),
                                       ("one answer (0.3 Wh)", 1080.0, "inference"),
                                       ("training run", 8e13, "training")],), {}),
    "efficiency_trend_figure": lambda: ((7.1e-13, 2023, [1.57, 2.6], [1, 16, 1000]),
                                        {"end_year": 2200}),
    "analogies_figure": lambda: ((_ledgers(),), {}),
    "traffic_figure": lambda: ((21.6 * GWH, 2 * WH, {"Sun": 2.7, "human": 2.9}), {}),
    "calibration_figure": lambda: (_calibration(), {}),
    "break_even_distribution_figure": lambda: ((_montecarlo(),), {}),
    "lever_cascade_figure": lambda: (([("start", 3600.0), ("batching", 900.0),
                                       ("quantization", 360.0)],), {}),
    "daily_profile_figure": lambda: ((np.arange(24.0), np.full(24, 1e6),
                                      {"solar": np.clip(np.sin((np.arange(24.0) - 6) / 12
                                                               * np.pi), 0, None) * 2e6,
                                       "wind": np.full(24, 5e5)}), {}),
    "share_over_time_figure": lambda: (({"flat (g = r = 0)": {"g": 0.0, "r": 0.0},
                                         "growing demand": {"g": 0.4, "r": 0.3}},), {}),
}


def figure_functions() -> list[str]:
    names = []
    for name in figures.__all__:
        function = getattr(figures, name)
        if inspect.isfunction(function) and name.endswith("_figure"):
            names.append(name)
    return names


def draw(name: str) -> Figure:
    function = getattr(figures, name)
    args, kwargs = ARGUMENTS[name]() if name in ARGUMENTS else ((), {})
    return function(*args, **kwargs)


def labelled_artists(ax: Axes) -> Iterator[tuple[str, str, Any]]:
    """(label, colour, artist) of every labelled line, collection and bar of ``ax``."""
    for line in ax.get_lines():
        label = line.get_label()
        if label and not label.startswith("_"):
            yield label, hex_of(line.get_color()), line
    for collection in ax.collections:
        label = collection.get_label()
        if label and not label.startswith("_"):
            colors = collection.get_facecolor()
            if len(colors) == 0:
                colors = collection.get_edgecolor()
            for color in {hex_of(c) for c in colors}:
                yield label, color, collection
    for container in ax.containers:
        label = container.get_label()
        if label and not label.startswith("_"):
            for color in {hex_of(patch.get_facecolor()) for patch in container}:
                yield label, color, container
    # Horizontal bar charts label each bar by its tick: a bar's category is its label.
    ticks = {round(t, 6): lab.get_text() for t, lab in zip(ax.get_yticks(),
                                                             ax.get_yticklabels(), strict=False)}
    for container in ax.containers:
        if container.get_label().startswith("_") and getattr(container, "orientation",
                                                             "") == "horizontal":
            for patch in container:
                y = round(patch.get_y() + patch.get_height() / 2, 6)
                if ticks.get(y):
                    yield ticks[y], hex_of(patch.get_facecolor()), patch


FIGURES = figure_functions()


@pytest.mark.parametrize("name", FIGURES)
def test_figure_colours_keep_their_promise(name: str) -> None:
    fig = draw(name)
    problems = []
    for k, ax in enumerate(fig.axes):
        for label, color, _ in labelled_artists(ax):
            why = check_colour(f"{name} axes {k}", label, color, axes_context(ax))
            if why:
                problems.append(why)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", FIGURES)
def test_figure_inference_curves_differ_by_more_than_hue(name: str) -> None:
    fig = draw(name)
    problems = []
    for k, ax in enumerate(fig.axes):
        seen: dict[tuple, str] = {}
        for label, color, artist in labelled_artists(ax):
            if not isinstance(artist, Line2D) or color not in INFERENCE_FAMILY:
                continue
            if artist.get_linestyle() in ("None", "none", " ", ""):
                continue  # markers only: a point, not a curve
            style = (artist.get_linestyle(), round(float(artist.get_linewidth()), 2))
            if style in seen:
                problems.append(f"{name} axes {k}: {label!r} and {seen[style]!r} are drawn "
                                f"alike (line style {style[0]}, width {style[1]}): tell them "
                                "apart by line style or width")
            seen[style] = label
    assert not problems, "\n".join(problems)


def test_every_figure_function_is_drawn() -> None:
    """A new figure function needing arguments gets an entry in ARGUMENTS."""
    for name in FIGURES:
        function = getattr(figures, name)
        required = [p for p in inspect.signature(function).parameters.values()
                    if p.default is p.empty and p.kind is not p.VAR_KEYWORD]
        assert not required or name in ARGUMENTS, f"{name}: add its arguments to ARGUMENTS"


def test_families() -> None:
    assert family("cumulative inference") == "inference"
    assert family("one training run (50 GWh)") == "training"
    assert family("inference ÷ training") == "both"
    assert family("Landauer floor") == ""
    assert check_colour("x", "queries served", "#009e73")
    assert not check_colour("x", "queries served", "#56b4e9")
    assert check_colour("x", "Landauer floor", "#d55e00")
    assert not check_colour("x", "s = 1.2", "#56b4e9", "distinct queries N [-]")
    assert check_colour("x", "s = 1.2", "#d55e00", "distinct queries N [-]")


# ----------------------------------------------------------------- the explorers

@pytest.mark.parametrize("name", list(EXPLORERS))
def test_explorer_colours_keep_their_promise(name: str) -> None:
    spec = EXPLORERS[name].declaration()
    problems = []
    for k, plot in enumerate(spec.plots):
        where = f"explorer {name} plot {k} ({plot.y_label})"
        context = f"{plot.x_label} | {plot.y_label}"
        styles: dict[tuple, str] = {}
        for curve in plot.curves:
            why = check_colour(where, curve.label, hex_of(curve.color), context)
            if why:
                problems.append(why)
            if hex_of(curve.color) in INFERENCE_FAMILY and curve.legend:
                style = (curve.dash, curve.width, curve.steps)
                if style in styles:
                    problems.append(f"{where}: curves {curve.label!r} and {styles[style]!r} "
                                    "differ by hue alone")
                styles[style] = curve.label
        for bar in plot.bars:
            # A bar of use against creation (orders of magnitude) is coloured by its sign:
            # the inference hue where use wins, the training hue where creation wins.
            signed = "use" in plot.y_label and "creation" in plot.y_label and \
                hex_of(bar.color) in INFERENCE_FAMILY and bar.negative_color and \
                hex_of(bar.negative_color) in TRAINING_FAMILY
            for color in filter(None, () if signed else (bar.color, bar.negative_color)):
                why = check_colour(where, bar.label, hex_of(color), context)
                if why:
                    problems.append(why)
        for band in plot.bands:
            why = check_colour(where, band.label, hex_of(band.color), context)
            if why:
                problems.append(why)
    assert not problems, "\n".join(problems)
