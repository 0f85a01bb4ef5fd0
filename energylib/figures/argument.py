"""Figures of the chapter "The argument, formalized, and where it breaks".

Each function computes with :mod:`energylib.rebound` and
:mod:`energylib.lifecycle`, draws with the book's style and returns the
matplotlib :class:`~matplotlib.figure.Figure`.  Every axis carries its unit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..lifecycle import cumulative_inference_energy
from ..rebound import (
    PHASE_LABELS,
    cumulative_logistic_inference_energy,
    limiting_logistic_inference_energy,
    phase_code,
    rebound_energy_ratio,
)
from ..style import OKABE_ITO, TRAINING_COLOR, use_book_style
from ..units import GWH, YEAR, per_year
from ..validation import check_number, check_scalar

__all__ = [
    "PHASE_COLORS",
    "phase_boundary",
    "phase_diagram_figure",
    "saturation_figure",
    "rebound_figure",
]

PHASE_COLORS: dict[int, str] = {
    0: "#CDEBE1",  # light bluish green: converges
    1: "#FBE5B0",  # light orange: diverges, present value finite
    2: "#F0D2E3",  # light reddish purple: diverges even discounted
}
"""Fill colours of the phase-diagram regions (light tints of the Okabe-Ito palette)."""

PHASE_CMAP = ListedColormap([PHASE_COLORS[i] for i in range(3)])

# Boundaries of the diagram are neither inference nor training: not their blue or vermillion.
_LINE_COLORS = [OKABE_ITO["black"], OKABE_ITO["reddish purple"], OKABE_ITO["orange"],
                OKABE_ITO["bluish green"], "#999999"]


def phase_boundary(elasticity: float, level: float, rate_max: float) -> tuple:
    """Two points of the line ``g + (epsilon - 1) r = level`` in the ``(g, r)`` plane.

    Parametrized by ``r`` in ``[0, rate_max]``: ``g = level + (1 - epsilon) r``,
    which stays defined for every ``epsilon`` (vertical when ``epsilon = 1``).

    Parameters
    ----------
    elasticity : float
        Efficiency elasticity of demand ``epsilon`` (>= 0) [-].
    level : float
        Value of ``k`` on the line (0, or the discount rate) [1/yr].
    rate_max : float
        Top of the ``r`` axis (> 0) [1/yr].

    Returns
    -------
    tuple of list
        ``([g0, g1], [r0, r1])`` [1/yr].

    Examples
    --------
    >>> phase_boundary(0.0, 0.0, 1.0)        # the diagonal g = r
    ([0.0, 1.0], [0.0, 1.0])
    >>> phase_boundary(0.5, 0.0, 1.0)        # rebound: r must be twice g
    ([0.0, 0.5], [0.0, 1.0])
    """
    eps = check_scalar("elasticity", elasticity, low=0.0)
    lev = check_scalar("level", level)
    r_max = check_scalar("rate_max", rate_max, low=0.0, low_open=True)
    return [lev, lev + (1.0 - eps) * r_max], [0.0, r_max]


def _checked_points(points: object) -> dict[str, tuple[float, float]]:
    """``points`` as {label: (g, r)} of finite numbers [1/yr]; TypeError naming what is wrong."""
    if points is None:
        return {}
    if not isinstance(points, Mapping):
        raise TypeError("points must be a dict of label -> (g, r) [1/yr], "
                        f"got {type(points).__name__}")
    checked = {}
    for label, point in points.items():
        if not isinstance(label, str) or isinstance(point, str | bytes) or np.shape(point) != (2,):
            raise TypeError(f"points[{label!r}] must be a (g, r) pair under a text label "
                            f"[1/yr], got {point!r}")
        checked[label] = (check_scalar(f"points[{label!r}] g", point[0]),
                          check_scalar(f"points[{label!r}] r", point[1]))
    return checked


def phase_diagram_figure(
    elasticities: Sequence[float] = (0.0, 0.5, 1.0, 1.5),
    discount_rate_per_year: float = 0.1,
    rate_max_per_year: float = 1.0,
    points: dict[str, tuple[float, float]] | None = None,
    growth_min_per_year: float = -0.5,
) -> Figure:
    """Phase diagram of the lifetime inference energy in the ``(g, r)`` plane.

    The regions are drawn for no rebound (``epsilon = 0``) and the given
    discount rate; the solid lines are the convergence boundaries
    ``g + (epsilon - 1) r = 0`` for each elasticity, and the dashed line the
    discounted boundary ``g - r = delta``.

    Parameters
    ----------
    elasticities : list of float
        Elasticities whose boundaries are drawn (>= 0) [-].
    discount_rate_per_year : float
        Discount rate ``delta`` (>= 0) [1/yr].
    rate_max_per_year : float
        Upper end of both axes (> 0) [1/yr].
    points : dict[str, tuple[float, float]], optional
        Labelled points ``(g, r)`` to mark [1/yr].
    growth_min_per_year : float
        Left end of the ``g`` axis (< ``rate_max_per_year``); negative values
        show declining demand, where the boundaries for ``epsilon >= 1`` lie [1/yr].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = phase_diagram_figure([0.0, 1.5], 0.1)
    >>> fig.axes[0].get_xlabel()
    'exogenous demand growth g [1/yr]'
    """
    eps_list = [float(check_scalar("elasticities", x, low=0.0)) for x in elasticities]
    delta = check_scalar("discount_rate_per_year", discount_rate_per_year, low=0.0)
    r_max = check_scalar("rate_max_per_year", rate_max_per_year, low=0.0, low_open=True)
    g_min = check_scalar("growth_min_per_year", growth_min_per_year, high=r_max, high_open=True)
    marks = _checked_points(points)
    use_book_style()
    fig = Figure(figsize=(7.5, 6.6), layout="constrained")
    ax = fig.add_subplot()
    g_grid, r_grid = np.meshgrid(np.linspace(g_min, r_max, 451), np.linspace(0.0, r_max, 301))
    codes = phase_code(g_grid, r_grid, 0.0, delta)
    ax.imshow(codes, origin="lower", extent=(g_min, r_max, 0, r_max), cmap=PHASE_CMAP,
              vmin=-0.5, vmax=2.5, aspect="auto", interpolation="nearest")
    handles: list[Artist] = [Patch(color=PHASE_COLORS[i], label=f"{PHASE_LABELS[i]} (ε = 0)")
                             for i in range(3)]
    for eps, color in zip(eps_list, _LINE_COLORS * 3, strict=False):
        xs, ys = phase_boundary(eps, 0.0, r_max)
        (line,) = ax.plot(xs, ys, color=color, linewidth=2.0,
                          label=f"boundary g + (ε − 1) r = 0, ε = {eps:g}")
        handles.append(line)
    xs, ys = phase_boundary(0.0, delta, r_max)
    (dashed,) = ax.plot(xs, ys, color=OKABE_ITO["black"], linestyle="--", linewidth=1.5,
                        label=f"discounted boundary g = r + δ, δ = {delta:g}/yr")
    handles.append(dashed)
    for label, (g_yr, r_yr) in marks.items():
        ax.plot([g_yr], [r_yr], "o", color="white", markeredgecolor="black", markersize=8)
        ax.annotate(label, (g_yr, r_yr), xytext=(6, 4), textcoords="offset points", fontsize=9)
    ax.axvline(0.0, color="grey", linewidth=0.8, zorder=1)
    ax.set_xlim(g_min, r_max)
    ax.set_ylim(0, r_max)
    ax.grid(False)
    ax.set_xlabel("exogenous demand growth g [1/yr]")
    ax.set_ylabel("efficiency gain r [1/yr]")
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8.5)
    return fig


def saturation_figure(
    q0: float,
    e0: float,
    growth_rate_per_year: float,
    capacity: float,
    efficiency_rates_per_year: Sequence[float] = (0.0, 0.3),
    training_energy: float | None = None,
    horizon_years: float = 30.0,
) -> Figure:
    """Cumulative inference energy, logistic against exponential demand.

    Parameters
    ----------
    q0 : float
        Demand at launch (> 0) [queries/s].
    e0 : float
        Energy per query at launch (> 0) [J].
    growth_rate_per_year : float
        Demand growth rate ``g`` (>= 0) [1/yr].
    capacity : float
        Saturation demand ``K`` of the logistic (>= ``q0``) [queries/s].
    efficiency_rates_per_year : list of float
        Efficiency gains ``r`` to draw (>= 0) [1/yr].
    training_energy : float, optional
        A training run to draw for comparison (> 0) [J].
    horizon_years : float
        Length of the time axis (> 0) [yr].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = saturation_figure(1e4, 1e3, 0.5, 1e5, [0.0, 0.3])
    >>> fig.axes[0].get_ylabel()
    'cumulative inference energy [GWh]'
    """
    q = check_scalar("q0", q0, low=0.0, low_open=True)
    e = check_scalar("e0", e0, low=0.0, low_open=True)
    g = float(per_year(check_scalar("growth_rate_per_year", growth_rate_per_year, low=0.0)))
    cap = check_scalar("capacity", capacity, low=q)
    rates = [float(check_scalar("efficiency_rates_per_year", x, low=0.0))
             for x in efficiency_rates_per_year]
    t_max = check_scalar("horizon_years", horizon_years, low=0.0, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.4), layout="constrained")
    ax = fig.add_subplot()
    t_years = np.linspace(t_max / 300, t_max, 300)
    colors = [OKABE_ITO["blue"], OKABE_ITO["bluish green"], OKABE_ITO["reddish purple"],
              OKABE_ITO["sky blue"]]
    for r_yr, color in zip(rates, colors * 3, strict=False):
        r = float(per_year(r_yr))
        logistic = cumulative_logistic_inference_energy(t_years * YEAR, q, e, g, r, cap)
        exponential = cumulative_inference_energy(t_years * YEAR, q, e, g, r)
        ax.plot(t_years, exponential / GWH, color=color, linestyle="--",
                label=f"exponential demand, r = {r_yr:g}/yr")
        ax.plot(t_years, logistic / GWH, color=color,
                label=f"logistic demand, r = {r_yr:g}/yr")
        limit = float(limiting_logistic_inference_energy(q, e, g, r, cap))
        if np.isfinite(limit):
            ax.axhline(limit / GWH, color=color, linestyle=":", linewidth=1.5)
            ax.axhline(cap * e / r / GWH, color=color, linestyle=(0, (1, 4)), linewidth=1.0)
            ax.annotate(f"logistic limit {limit / GWH:,.0f} GWh", (t_max, limit / GWH),
                        xytext=(-4, -12), textcoords="offset points", ha="right",
                        color=color, fontsize=9)
    if training_energy is not None:
        e_train = check_scalar("training_energy", training_energy, low=0.0, low_open=True)
        ax.axhline(e_train / GWH, color=TRAINING_COLOR, linewidth=2.5,
                   label=f"one training run ({e_train / GWH:,.0f} GWh)")
    ax.set_yscale("log")
    ax.set_xlim(0, t_max)
    ax.set_xlabel("years since launch [yr]")
    ax.set_ylabel("cumulative inference energy [GWh]")
    ax.legend(loc="upper left", fontsize=8.5)
    return fig


def rebound_figure(
    elasticities: Sequence[float] = (0.0, 0.5, 1.0, 1.5, 2.0),
    factor_max: float = 100.0,
) -> Figure:
    """Total energy after an efficiency gain, ``s**(epsilon - 1)``, for several elasticities.

    Parameters
    ----------
    elasticities : list of float
        Efficiency elasticities of demand (>= 0) [-].
    factor_max : float
        Largest efficiency factor ``s = e_before / e_after`` on the axis (> 1) [-].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = rebound_figure([0.5, 1.5], 10.0)
    >>> fig.axes[0].get_ylabel()
    'total energy after ÷ before [-]'
    """
    eps_list = check_number("elasticities", np.asarray(elasticities, dtype=float), low=0.0)
    s_max = check_scalar("factor_max", factor_max, low=1.0, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    s = np.geomspace(1.0, s_max, 200)
    colors = [OKABE_ITO["bluish green"], OKABE_ITO["reddish purple"], OKABE_ITO["black"],
              OKABE_ITO["orange"], "#999999"]
    for eps, color in zip(np.atleast_1d(eps_list), colors * 3, strict=False):
        verdict = "backfire" if eps > 1 else ("no change" if eps == 1 else "saving")
        ax.plot(s, rebound_energy_ratio(s, float(eps)), color=color,
                label=f"ε = {eps:g} ({verdict})")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(1.0, s_max)
    ax.set_xlabel("efficiency gain s = energy per query before ÷ after [-]")
    ax.set_ylabel("total energy after ÷ before [-]")
    ax.legend(loc="upper left", fontsize=9)
    return fig
