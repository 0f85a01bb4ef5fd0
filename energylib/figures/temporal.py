"""The book's figures, one function each, so a chapter cell stays one line.

Each function computes with :mod:`energylib.lifecycle`, draws with the
book's style (:mod:`energylib.style`) and returns the matplotlib
:class:`~matplotlib.figure.Figure`.  Every axis carries its unit.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..lifecycle import (
    break_even_time,
    cumulative_inference_energy,
    fleet_ledger,
    fleet_limiting_ratio,
    limiting_inference_energy,
)
from ..style import (
    INFERENCE_COLOR,
    OKABE_ITO,
    REGIME_COLORS,
    REGIME_LINESTYLES,
    TRAINING_COLOR,
    use_book_style,
)
from ..units import GWH, YEAR, per_year
from ..validation import check_scalar

__all__ = ["regimes_figure", "break_even_figure", "fleet_ratio_figure"]


def regimes_figure(
    inference_power: float,
    training_energy: float,
    regimes: dict[str, tuple[float, float]],
    horizon_years: float = 30.0,
) -> Figure:
    """Cumulative inference energy in each regime against one training run.

    Parameters
    ----------
    inference_power : float
        Inference power at launch, ``q0 e0`` (> 0) [W].
    training_energy : float
        Energy of the training run (> 0) [J].
    regimes : dict[str, tuple[float, float]]
        Label (``"g<r"``, ``"g=r"``, ``"g>r"``) -> ``(g, r)`` per year [1/yr].
    horizon_years : float
        Length of the time axis (> 0) [yr].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = regimes_figure(12.5e6, 48 * GWH, {"g=r": (0.3, 0.3)}, 10)
    >>> fig.axes[0].get_ylabel()
    'cumulative energy [GWh]'
    """
    p0 = check_scalar("inference_power", inference_power, low=0.0, low_open=True)
    e_train = check_scalar("training_energy", training_energy, low=0.0, low_open=True)
    t_max = check_scalar("horizon_years", horizon_years, low=0.0, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    t_years = np.linspace(t_max / 400, t_max, 400)
    styles = ["-", "--", "-.", (0, (5, 1, 1, 1, 1, 1))]
    for k, (label, (g_yr, r_yr)) in enumerate(regimes.items()):
        g, r = float(per_year(g_yr)), float(per_year(r_yr))
        energy = cumulative_inference_energy(t_years * YEAR, p0, 1.0, g, r)
        # Every regime is inference: one blue, told apart by line style (and label).
        color = REGIME_COLORS.get(label, INFERENCE_COLOR)
        style = REGIME_LINESTYLES.get(label, styles[k % len(styles)])
        pretty = label.replace("<", " < ").replace(">", " > ").replace("=", " = ")
        ax.plot(t_years, energy / GWH, color=color, linestyle=style,
                label=f"inference, {pretty} (g = {g_yr:g}, r = {r_yr:g} per yr)")
        limit = float(limiting_inference_energy(p0, 1.0, g, r))
        if np.isfinite(limit):
            ax.axhline(limit / GWH, color=OKABE_ITO["sky blue"], linestyle=":", linewidth=1.5)
            ax.annotate(f"limit {limit / GWH:,.0f} GWh", (t_max, limit / GWH),
                        xytext=(-4, 4), textcoords="offset points", ha="right",
                        color=color, fontsize=9)
        t_star = float(break_even_time(e_train, p0, 1.0, g, r))
        if t_star / YEAR <= t_max:
            ax.plot([t_star / YEAR], [e_train / GWH], "o", color=color, markeredgecolor="black")
    ax.axhline(e_train / GWH, color=TRAINING_COLOR, linewidth=2.5,
               label=f"one training run ({e_train / GWH:,.0f} GWh)")
    ax.set_yscale("log")
    ax.set_xlim(0, t_max)
    ax.set_xlabel("years since launch [yr]")
    ax.set_ylabel("cumulative energy [GWh]")
    ax.legend(loc="lower right", fontsize=9)
    return fig


def break_even_figure(
    training_years: list[float],
    k_range_per_year: tuple[float, float] = (-1.0, 1.0),
) -> Figure:
    """Break-even time against ``g - r`` for several training-to-serving ratios.

    The training energy is measured in *years of launch-rate serving*,
    ``rho = E_train / (q0 e0)``; then ``T* = ln(1 + k rho) / k`` depends on
    ``k = g - r`` and ``rho`` alone.

    Parameters
    ----------
    training_years : list of float
        Values of ``rho`` (> 0) [yr].
    k_range_per_year : tuple of float
        Range of ``g - r`` on the horizontal axis [1/yr].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = break_even_figure([0.5, 2.0])
    >>> fig.axes[0].get_xlabel()
    'demand growth minus efficiency gain, g − r [1/yr]'
    """
    rhos = [check_scalar("training_years", rho, low=0.0, low_open=True) for rho in training_years]
    k_lo = check_scalar("k_range_per_year[0]", k_range_per_year[0])
    k_hi = check_scalar("k_range_per_year[1]", k_range_per_year[1], low=k_lo, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    k = np.linspace(k_lo, k_hi, 801)
    colors = ["#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000"]
    for rho, color in zip(rhos, colors * 3, strict=False):
        t_star = break_even_time(rho * YEAR, 1.0, 1.0, per_year(k), 0.0) / YEAR
        ax.plot(k, np.where(np.isfinite(t_star), t_star, np.nan), color=color,
                label=f"training = {rho:g} years of launch-rate serving")
        if k_lo < -1 / rho:
            ax.axvline(-1 / rho, color=color, linestyle=":", linewidth=1.2)
    ax.axvline(0.0, color="grey", linewidth=0.8)
    ax.set_yscale("log")
    ax.set_xlim(k_lo, k_hi)
    ax.set_xlabel("demand growth minus efficiency gain, g − r [1/yr]")
    ax.set_ylabel("break-even time T* [yr]")
    ax.legend(loc="upper right", fontsize=9)
    return fig


def fleet_ratio_figure(
    inference_power: float,
    first_training_energy: float,
    cases: dict[str, tuple[float, float, float]],
    interval_years: float = 1.0,
    horizon_years: float = 20.0,
) -> Figure:
    """The fleet's inference-to-training ratio over time, with its limit.

    Parameters
    ----------
    inference_power : float
        Fleet inference power at ``t = 0``, ``q0 e0`` (> 0) [W].
    first_training_energy : float
        Energy of the first training run (> 0) [J].
    cases : dict[str, tuple[float, float, float]]
        Label -> ``(c, g, r)``: cost growth per generation [-], demand growth
        and efficiency gain [1/yr].
    interval_years : float
        Time between training runs (> 0) [yr].
    horizon_years : float
        Length of the time axis (> 0) [yr].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = fleet_ratio_figure(12.5e6, 48 * GWH, {"flat": (1.0, 0.0, 0.0)})
    >>> fig.axes[0].get_ylabel()
    'inference ÷ training, cumulative [-]'
    """
    p0 = check_scalar("inference_power", inference_power, low=0.0, low_open=True)
    e1 = check_scalar("first_training_energy", first_training_energy, low=0.0, low_open=True)
    tau = check_scalar("interval_years", interval_years, low=0.0, low_open=True) * YEAR
    t_max = check_scalar("horizon_years", horizon_years, low=0.0, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.0), layout="constrained")
    ax = fig.add_subplot()
    t_years = np.linspace(t_max / 2000, t_max, 2000)
    # The cases differ by colour and by line style (and width), not by hue alone, so two
    # saw-tooths stay apart for every reader and in grey print.
    colors = [INFERENCE_COLOR, OKABE_ITO["bluish green"], OKABE_ITO["reddish purple"],
              OKABE_ITO["orange"]]
    styles = [("-", 1.4), ("--", 1.8), ("-.", 1.6), ((0, (1, 1)), 1.6)]
    for k, (label, (c, g_yr, r_yr)) in enumerate(cases.items()):
        color, (style, width) = colors[k % len(colors)], styles[k % len(styles)]
        g, r = float(per_year(g_yr)), float(per_year(r_yr))
        ledger = fleet_ledger(t_years * YEAR, tau, e1, c, p0, 1.0, g, r)
        ax.plot(t_years, ledger.ratio, color=color, linestyle=style, linewidth=width,
                label=label)
        limit = fleet_limiting_ratio(tau, e1, c, p0, 1.0, g, r)
        if np.isfinite(limit) and limit > 0:
            ax.axhline(limit, color=color, linestyle=":", linewidth=1.5)
            ax.annotate(f"limit {limit:.2f}", (t_max, limit), xytext=(-4, 4),
                        textcoords="offset points", ha="right", color=color, fontsize=9)
    ax.set_xlim(0, t_max)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("years since the first training run [yr]")
    ax.set_ylabel("inference ÷ training, cumulative [-]")
    ax.legend(loc="lower right", fontsize=9)
    return fig
