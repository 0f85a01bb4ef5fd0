"""Figures of the machine-driven-infinity chapter, one function each.

Each function computes with :mod:`energylib.agents`, draws with the book's
style (:mod:`energylib.style`) and returns a matplotlib
:class:`~matplotlib.figure.Figure`.  Every axis carries its unit.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from ..agents import machine_power, time_to_power
from ..style import INFERENCE_COLOR, OKABE_ITO, use_book_style
from ..units import KWH, YEAR
from ..validation import check_number, check_scalar

__all__ = ["agent_day_figure", "growth_products_figure", "cap_binding_figure"]

# Agents' power is inference: every curve in the inference blues, told apart by line style.
_INFERENCE_STYLES = [(OKABE_ITO["blue"], "-"), (OKABE_ITO["sky blue"], "--"),
                     (OKABE_ITO["blue"], "-."), (OKABE_ITO["sky blue"], ":"),
                     (OKABE_ITO["blue"], (0, (5, 1, 1, 1, 1, 1)))]


def agent_day_figure(agents: dict[str, float], references: dict[str, float]) -> Figure:
    """One agent's energy per day, scenario by scenario, against everyday energies.

    Parameters
    ----------
    agents : dict[str, float]
        Label -> energy of one agent in one day (> 0) [J].
    references : dict[str, float]
        Label -> an everyday energy (> 0) [J], drawn as a vertical line.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = agent_day_figure({"a": 3.6e6}, {"b": 1e7})
    >>> fig.axes[0].get_xlabel()
    'energy per agent per day [kWh]'
    """
    values = [check_scalar(f"agents[{k!r}]", v, low=0.0, low_open=True) for k, v in agents.items()]
    refs = [check_scalar(f"references[{k!r}]", v, low=0.0, low_open=True)
            for k, v in references.items()]
    use_book_style()
    fig = Figure(figsize=(7.5, 0.55 * (len(values) + len(refs)) + 1.4), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(len(values))[::-1]
    ax.barh(y, np.array(values) / KWH, color=INFERENCE_COLOR, height=0.6)
    for yi, v in zip(y, values, strict=True):
        text = f"{v / KWH:,.0f}" if v / KWH >= 10 else f"{v / KWH:.2g}"
        ax.annotate(f"{text} kWh", (v / KWH, yi), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(y, list(agents))
    # Reference labels stacked above the bars, one row each, so that close lines do not
    # make their labels overlap.
    for i, ((label, ref), color) in enumerate(zip(references.items(),
                                                  ["black", "dimgrey", "#E69F00"] * 3,
                                                  strict=False)):
        ax.axvline(ref / KWH, color=color, linestyle="--", linewidth=1.2)
        ax.annotate(label, (ref / KWH, y.max() + 0.5 + 0.55 * i), xytext=(3, 0),
                    textcoords="offset points", fontsize=9, color=color, va="center")
    ax.set_xscale("log")
    lo = min(min(values), min(refs)) / KWH / 3
    hi = max(max(values), max(refs)) / KWH * 30
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.6, y.max() + 0.6 + 0.55 * len(refs))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("energy per agent per day [kWh]")
    return fig


def growth_products_figure(
    cases: dict[str, dict[str, Any]],
    reference_power: float,
    reference_label: str,
    horizon_years: float = 20.0,
) -> Figure:
    """Power of an agent population over time, one curve per growth scenario.

    Parameters
    ----------
    cases : dict[str, dict]
        Label -> keyword arguments of :func:`energylib.agents.machine_power`
        (all but ``t``), rates in SI [1/s].
    reference_power : float
        A power to compare with (> 0) [W], e.g. all data centres.
    reference_label : str
        Its label.
    horizon_years : float
        Length of the time axis (> 0) [yr].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = growth_products_figure(
    ...     {"flat": dict(agents0=1e3, calls_per_second0=1.0, tokens_per_call=1e3,
    ...                   energy_per_token=1.0)}, 1e9, "1 GW")
    >>> fig.axes[0].get_ylabel()
    'power [GW]'
    """
    ref = check_scalar("reference_power", reference_power, low=0.0, low_open=True)
    t_max = check_scalar("horizon_years", horizon_years, low=0.0, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.4), layout="constrained")
    ax = fig.add_subplot()
    t_years = np.linspace(0.0, t_max, 401)
    lowest = ref
    for (label, kwargs), (color, style) in zip(cases.items(), _INFERENCE_STYLES * 3,
                                               strict=False):
        power = np.asarray(machine_power(t_years * YEAR, **kwargs))
        ax.plot(t_years, power / 1e9, color=color, linestyle=style, label=label)
        lowest = min(lowest, float(power[0]))
    ax.axhline(ref / 1e9, color="black", linestyle="--", linewidth=1.2)
    ax.annotate(reference_label, (0.0, ref / 1e9), xytext=(4, 4), textcoords="offset points",
                fontsize=9)
    ax.set_yscale("log")
    ax.set_ylim(lowest / 1e9 / 3, ref / 1e9 * 1e3)
    ax.set_xlim(0, t_max)
    ax.set_xlabel("years from now [yr]")
    ax.set_ylabel("power [GW]")
    ax.legend(loc="lower right", fontsize=9)
    return fig


def cap_binding_figure(
    per_agent_power: dict[str, float],
    agents0: float,
    target_power: float,
    rate_range_per_year: tuple[float, float] = (0.1, 3.0),
) -> Figure:
    """Years until exponentially growing agents draw ``target_power``.

    The combined growth rate ``k = g_a + g_c`` of agents and calls per agent
    is on the horizontal axis; ``T = ln(P* / P0) / k``.  A constant
    multiplier on the energy of a call (reasoning, agent loops) shifts every
    curve down by ``ln(multiplier) / k``.

    Parameters
    ----------
    per_agent_power : dict[str, float]
        Label -> power of one agent at the start (> 0) [W].
    agents0 : float
        Agents at the start (> 0) [-].
    target_power : float
        Power to reach (> 0) [W].
    rate_range_per_year : tuple of float
        Range of ``k`` (> 0) [1/yr].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = cap_binding_figure({"chat": 1e3}, 1e4, 4.7e10)
    >>> fig.axes[0].get_ylabel()
    'years until the target power [yr]'
    """
    a0 = check_scalar("agents0", agents0, low=0.0, low_open=True)
    target = check_scalar("target_power", target_power, low=0.0, low_open=True)
    k_lo = check_scalar("rate_range_per_year[0]", rate_range_per_year[0], low=0.0, low_open=True)
    k_hi = check_scalar("rate_range_per_year[1]", rate_range_per_year[1], low=k_lo,
                        low_open=True)
    for label, p in per_agent_power.items():
        check_number(f"per_agent_power[{label!r}]", p, low=0.0, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    k = np.linspace(k_lo, k_hi, 300)
    for (label, p), (color, style) in zip(per_agent_power.items(), _INFERENCE_STYLES * 3,
                                          strict=False):
        years = time_to_power(target, a0, 1.0, 1.0, float(p), agent_growth=k / YEAR) / YEAR
        ax.plot(k, years, color=color, linestyle=style, label=label)
    ax.set_yscale("log")
    ax.set_xlim(k_lo, k_hi)
    ax.set_xlabel("combined growth rate of agents and calls, g_a + g_c [1/yr]")
    ax.set_ylabel("years until the target power [yr]")
    ax.legend(loc="upper right", fontsize=9)
    return fig
