"""Figures of the thermodynamics chapter: an energy ladder and an efficiency trend.

Each function computes with :mod:`energylib.thermo`, draws with the book's
style and returns a matplotlib :class:`~matplotlib.figure.Figure`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..style import INFERENCE_COLOR, OKABE_ITO, TRAINING_COLOR, use_book_style
from ..thermo import landauer_crossing_time, landauer_energy, trend_energy_per_flop
from ..validation import check_number, check_scalar

__all__ = ["LADDER_COLORS", "energy_ladder_figure", "efficiency_trend_figure"]

LADDER_COLORS: dict[str, str] = {
    "physics floor": OKABE_ITO["bluish green"],
    "inference": INFERENCE_COLOR,
    "training": TRAINING_COLOR,
}
"""Colour of each kind of rung on the energy ladder."""


def energy_ladder_figure(rungs: list[tuple[str, float, str]]) -> Figure:
    """A log-scale ladder of energies, from the Landauer floor to a training run.

    Parameters
    ----------
    rungs : list of (str, float, str)
        ``(label, energy [J], kind)`` with kind one of :data:`LADDER_COLORS`;
        drawn from bottom to top in the order given.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = energy_ladder_figure([("one bit", 2.9e-21, "physics floor"),
    ...                             ("one token", 0.12, "inference")])
    >>> fig.axes[0].get_xlabel()
    'energy [J] (log scale)'
    """
    if not rungs:
        raise ValueError("rungs must hold at least one (label, energy, kind) tuple; got []")
    for label, energy, kind in rungs:
        check_scalar(f"energy of {label!r}", energy, low=0.0, low_open=True)
        if kind not in LADDER_COLORS:
            raise ValueError(f"kind of {label!r} must be one of {sorted(LADDER_COLORS)}; "
                             f"got {kind!r}")
    use_book_style()
    fig = Figure(figsize=(8.0, 0.42 * len(rungs) + 1.4), layout="constrained")
    ax = fig.add_subplot()
    energies = np.array([e for _, e, _ in rungs])
    low = 10.0 ** (np.floor(np.log10(energies.min())) - 1)
    high = 10.0 ** (np.ceil(np.log10(energies.max())) + 1)
    for i, (_label, energy, kind) in enumerate(rungs):
        color = LADDER_COLORS[kind]
        ax.hlines(i, low, energy, color=color, linewidth=1.2, alpha=0.5)
        ax.plot([energy], [i], "o", color=color, markersize=7)
        ax.annotate(f"{energy:.1e} J", (energy, i), xytext=(7, 0), textcoords="offset points",
                    va="center", fontsize=8.5, color=color)
    ax.set_yticks(range(len(rungs)), [label for label, _, _ in rungs], fontsize=9)
    ax.set_xscale("log")
    ax.set_xlim(low, high * 1e3)
    ax.set_ylim(-0.7, len(rungs) - 0.3)
    ax.set_xlabel("energy [J] (log scale)")
    ax.grid(axis="y", visible=False)
    for kind, color in LADDER_COLORS.items():
        ax.plot([], [], "o", color=color, label=kind)
    ax.legend(loc="lower right", fontsize=9)
    return fig


def efficiency_trend_figure(
    energy_now: float,
    start_year: float,
    doubling_times: list[float],
    bits_per_flop: list[float],
    temperature: float = 300.0,
    end_year: float = 2200.0,
) -> Figure:
    """Energy per FLOP on doubling trends, against Landauer floors.

    Parameters
    ----------
    energy_now : float
        Energy per FLOP in ``start_year`` (> 0) [J].
    start_year : float
        Calendar year of ``energy_now`` [yr].
    doubling_times : list of float
        Doubling times of FLOP per joule to draw (> 0) [yr].
    bits_per_flop : list of float
        Bits erased per FLOP, one floor each (> 0) [bit].
    temperature : float
        Temperature of the floors (> 0) [K].
    end_year : float
        Right end of the time axis (> ``start_year``) [yr].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = efficiency_trend_figure(7.1e-13, 2023, [2.6], [16])
    >>> fig.axes[0].get_ylabel()
    'energy per FLOP [J] (log scale)'
    """
    e_now = check_scalar("energy_now", energy_now, low=0.0, low_open=True)
    y0 = check_scalar("start_year", start_year)
    y1 = check_scalar("end_year", end_year, low=y0, low_open=True)
    t2s = [check_scalar("doubling_times", t2, low=0.0, low_open=True) for t2 in doubling_times]
    bits = [check_scalar("bits_per_flop", b, low=0.0, low_open=True) for b in bits_per_flop]
    check_number("temperature", temperature, low=0.0, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.4), layout="constrained")
    ax = fig.add_subplot()
    years = np.linspace(y0, y1, 400)
    floor_colors = [OKABE_ITO["bluish green"], OKABE_ITO["orange"], OKABE_ITO["reddish purple"]]
    floors = [float(landauer_energy(b, temperature)) for b in bits]
    for b, floor, color in zip(bits, floors, floor_colors * 3, strict=False):
        ax.axhline(floor, color=color, linestyle=":", linewidth=1.8,
                   label=f"Landauer floor, {b:,.0f} bit{'s' if b != 1 else ''} per FLOP")
    styles = ["-", "--", "-."]
    for t2, style in zip(t2s, styles * 3, strict=False):
        energy = trend_energy_per_flop(years - y0, e_now, t2)
        ax.plot(years, energy, style, color=INFERENCE_COLOR,
                label=f"inference hardware, efficiency doubling every {t2:g} years")
        for floor, color in zip(floors, floor_colors * 3, strict=False):
            year = y0 + float(landauer_crossing_time(e_now, floor, t2))
            if year <= y1:
                ax.plot([year], [floor], "o", color=color, markeredgecolor="black")
    ax.plot([y0], [e_now], "s", color="black", label=f"today ({e_now:.1e} J per FLOP)")
    ax.set_yscale("log")
    ax.set_xlim(y0 - 2, y1)
    ax.set_ylim(min(floors + [e_now]) / 30, e_now * 30)
    ax.set_xlabel("year [calendar year]")
    ax.set_ylabel("energy per FLOP [J] (log scale)")
    ax.legend(loc="upper right", fontsize=8.5)
    return fig
