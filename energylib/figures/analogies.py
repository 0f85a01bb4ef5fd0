"""Figures of the chapter "The analogies, computed".

Each function draws with the book's style and returns a matplotlib
:class:`~matplotlib.figure.Figure`; every axis carries its unit.  Creation
energy is drawn in the training colour, use energy in the inference colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

from ..analogies import AnalogyLedger, ai_ledger, highway_ledger
from ..style import INFERENCE_COLOR, OKABE_ITO, TRAINING_COLOR, use_book_style
from ..validation import check_scalar

__all__ = ["analogies_figure", "traffic_figure"]


def analogies_figure(
    ledgers: dict[str, AnalogyLedger],
    ranges: dict[str, tuple[float, float]] | None = None,
) -> Figure:
    """Creation against use for each system (left) and their ratio in decades (right).

    Parameters
    ----------
    ledgers : dict[str, AnalogyLedger]
        Label -> ledger, drawn top to bottom.
    ranges : dict[str, tuple[float, float]], optional
        Label -> (low, high) of ``log10(use / creation)``, drawn as error bars [-].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from energylib.analogies import analogy_ledger
    >>> fig = analogies_figure({"x": analogy_ledger(1.0, 100.0)})
    >>> fig.axes[1].get_xlabel()
    'use ÷ creation [orders of magnitude, log10]'
    """
    if not ledgers:
        raise ValueError("ledgers must name at least one system; got an empty dict")
    for label, ledger in ledgers.items():
        if not isinstance(ledger, AnalogyLedger):
            raise TypeError(f"ledgers[{label!r}] must be an AnalogyLedger; got {ledger!r}")
    ranges = ranges or {}
    for label, (lo, hi) in ranges.items():
        check_scalar(f"ranges[{label!r}] low", lo)
        check_scalar(f"ranges[{label!r}] high", hi, low=lo)
    use_book_style()
    fig = Figure(figsize=(9.0, 0.55 * len(ledgers) + 2.2), layout="constrained")
    ax_e, ax_o = fig.subplots(1, 2, sharey=True, width_ratios=[1.5, 1.0])
    labels = list(ledgers)
    y = np.arange(len(labels))[::-1]
    creation = np.array([ledgers[k].creation for k in labels])
    use = np.array([ledgers[k].use for k in labels])
    orders = np.array([ledgers[k].orders for k in labels])
    ax_e.hlines(y, np.minimum(creation, use), np.maximum(creation, use), color="grey",
                linewidth=1.5, zorder=1)
    ax_e.scatter(creation, y, s=70, marker="s", color=TRAINING_COLOR, zorder=2,
                 label="creation (build, collapse, first cell, training)")
    ax_e.scatter(use, y, s=80, marker="o", color=INFERENCE_COLOR, zorder=3,
                 label="use over the life (traffic, metabolism, light, serving)")
    ax_e.set_xscale("log")
    ax_e.set_xlim(1e-8, 1e46)
    ax_e.set_xticks([1e-8, 1e0, 1e8, 1e16, 1e24, 1e32, 1e40])
    ax_e.set_yticks(y, labels)
    ax_e.set_xlabel("energy [J]")
    ax_e.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8.5, ncols=1)
    colors = [INFERENCE_COLOR if o > 0 else TRAINING_COLOR for o in orders]
    ax_o.barh(y, orders, color=colors, height=0.6)
    for k, (yy, o) in enumerate(zip(y, orders, strict=True)):
        lo, hi = ranges.get(labels[k], (o, o))
        if hi > lo:
            ax_o.errorbar([o], [yy], xerr=[[o - lo], [hi - o]], color="black",
                          capsize=3, linewidth=1.2)
        ax_o.annotate(f"{o:+.1f}", (max(o, hi if hi > lo else o, 0), yy), xytext=(4, 0),
                      textcoords="offset points", va="center", fontsize=9)
    ax_o.axvline(0.0, color="black", linewidth=1.0)
    ax_o.set_xlim(min(-4.0, float(orders.min()) - 1), max(22.0, float(orders.max()) + 3))
    ax_o.set_xlabel("use ÷ creation [orders of magnitude, log10]")
    ax_o.grid(axis="y", visible=False)
    return fig


def traffic_figure(
    training_energy: float,
    energy_per_query: float,
    references: dict[str, float] | None = None,
    road_lanes: float = 4.0,
    road_life_years: float = 40.0,
    serving_life_years: Sequence[float] = (1.0, 3.0),
) -> Figure:
    """Orders of magnitude of use over creation against traffic, for roads and models.

    Parameters
    ----------
    training_energy : float
        Training run of the model (> 0) [J].
    energy_per_query : float
        Energy of one query (> 0) [J].
    references : dict[str, float], optional
        Label -> fixed ``log10(use / creation)`` to draw as horizontal lines
        (the Sun, a human) [-].
    road_lanes : float
        Lanes of the road (> 0) [-].
    road_life_years : float
        Life of the road (> 0) [yr].
    serving_life_years : list of float
        Serving lives to draw for the model (> 0) [yr].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = traffic_figure(2e13, 7200.0, {"Sun": 2.7})
    >>> fig.axes[0].get_ylabel()
    'use ÷ creation [orders of magnitude, log10]'
    """
    e_train = check_scalar("training_energy", training_energy, low=0.0, low_open=True)
    e_q = check_scalar("energy_per_query", energy_per_query, low=0.0, low_open=True)
    lanes = check_scalar("road_lanes", road_lanes, low=0.0, low_open=True)
    road_life = check_scalar("road_life_years", road_life_years, low=0.0, low_open=True)
    lives = [check_scalar("serving_life_years", x, low=0.0, low_open=True)
             for x in serving_life_years]
    if not isinstance(references, Mapping | None):
        raise TypeError("references must be a dict of label -> orders of magnitude [-], "
                        f"got {type(references).__name__}")
    for label in references or {}:
        if not isinstance(label, str):
            raise TypeError(f"references: labels must be text, got {label!r}")
    refs = sorted(((label, check_scalar(f"references[{label!r}]", value))
                   for label, value in (references or {}).items()), key=lambda item: item[1])
    use_book_style()
    fig = Figure(figsize=(7.5, 4.4), layout="constrained")
    ax = fig.add_subplot()
    traffic = np.geomspace(10.0, 1e10, 200)
    road = [highway_ledger(v, lanes, road_life).orders for v in traffic[traffic <= 3e5]]
    ax.plot(traffic[traffic <= 3e5], road, color=OKABE_ITO["orange"],
            label=f"highway, {lanes:g} lanes, {road_life:g} years [vehicles/day]")
    styles = ["-", "--", ":"]
    for life, style in zip(lives, styles * 3, strict=False):
        ai = [ai_ledger(e_train, q, e_q, life).orders for q in traffic]
        ax.plot(traffic, ai, color=INFERENCE_COLOR, linestyle=style,
                label=f"AI model, {life:g}-year serving life [queries/day]")
    ref_colors = [OKABE_ITO["black"], OKABE_ITO["reddish purple"], OKABE_ITO["bluish green"],
                  OKABE_ITO["sky blue"]]
    for k, ((label, v), color) in enumerate(zip(refs, ref_colors * 3, strict=False)):
        ax.axhline(v, color=color, linestyle="-.", linewidth=1.3)
        # alternate below / above the line so close references do not overlap
        ax.annotate(label, (12.0, v), xytext=(0, 3 if k % 2 else -11),
                    textcoords="offset points", color=color, fontsize=9)
    ax.axhline(0.0, color="grey", linewidth=1.0)
    ax.set_xscale("log")
    ax.set_xlim(10.0, 1e10)
    ax.set_ylim(-6, 8)
    ax.set_xlabel("traffic [vehicles or queries per day]")
    ax.set_ylabel("use ÷ creation [orders of magnitude, log10]")
    ax.legend(loc="lower right", fontsize=8.5)
    return fig
