"""Figures of the industry chapter: hardware generations, levers, and a day on the grid.

Each function computes with :mod:`energylib.levers`, :mod:`energylib.grid`
or :mod:`energylib.hardware`, draws in the book's style and returns the
matplotlib :class:`~matplotlib.figure.Figure`.  Every axis carries its unit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from ..dataset import by_id
from ..estimator import estimate_query_energy
from ..hardware import HARDWARE
from ..levers import GENERATION_YEAR, bytes_per_joule, flops_per_joule
from ..style import INFERENCE_COLOR, OKABE_ITO, use_book_style
from ..units import HOUR, WH
from ..validation import check_number, check_scalar

__all__ = [
    "generations_figure",
    "batching_quantization_figure",
    "lever_cascade_figure",
    "daily_profile_figure",
]


FLAGSHIP_LINE = ("V100 SXM2", "A100 SXM", "H100 SXM", "H200 SXM", "B200")
"""NVIDIA's data-centre flagship accelerators, one per generation, in order."""


def generations_figure(
    koomey_doubling_years: Sequence[float] = (by_id("koomey-doubling").value,
                                              by_id("koomey-doubling-post2000").value),
    names: Sequence[str] = FLAGSHIP_LINE,
) -> Figure:
    """Peak FLOP per joule and bytes per joule of successive accelerators, relative to the first.

    Parameters
    ----------
    koomey_doubling_years : sequence of float
        Doubling times of the trend lines drawn from the first generation
        (> 0) [yr].
    names : sequence of str
        Keys of :data:`energylib.hardware.HARDWARE`, in the order drawn; default
        NVIDIA's flagship line (``FLAGSHIP_LINE``).  Cards of another class
        (A40, L40S) or vendor (MI300X) are left out of the default line.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = generations_figure()
    >>> fig.axes[0].get_ylabel()
    'efficiency relative to V100 [-]'
    """
    doublings = [check_scalar("koomey_doubling_years", d, low=0.0, low_open=True)
                 for d in koomey_doubling_years]
    use_book_style()
    fig = Figure(figsize=(7.0, 4.0), layout="constrained")
    ax = fig.add_subplot()
    names = list(names)
    for name in names:
        if name not in HARDWARE:
            raise ValueError(f"names must be keys of HARDWARE {sorted(HARDWARE)}; got {name!r}")
    if len(names) < 2:
        raise ValueError(f"names must list at least two accelerators; got {names!r}")
    years = np.array([GENERATION_YEAR[n] for n in names], dtype=float)
    flops = np.array([flops_per_joule(HARDWARE[n].peak_flops_per_s, HARDWARE[n].power)
                      for n in names])
    bytes_ = np.array([bytes_per_joule(HARDWARE[n].memory_bandwidth, HARDWARE[n].power)
                       for n in names])
    ax.plot(years, flops / flops[0], "o-", color=INFERENCE_COLOR,
            label="peak FLOP per joule (compute-bound: prefill, big batches)")
    ax.plot(years, bytes_ / bytes_[0], "s--", color=OKABE_ITO["sky blue"],
            label="bytes per joule (memory-bound: decode at small batch)")
    for name, x, y in zip(names, years, flops / flops[0], strict=True):
        ax.annotate(name.split()[0], (x, y), xytext=(4, 6), textcoords="offset points",
                    fontsize=9)
    span = np.linspace(years[0], years[-1], 50)
    for d, style in zip(doublings, (":", "--", "-."), strict=False):
        ax.plot(span, 2.0 ** ((span - years[0]) / d), color="grey", linestyle=style,
                linewidth=1.2, label=f"doubling every {d:g} years")
    ax.set_yscale("log")
    ax.set_xlabel("year announced [yr]")
    ax.set_ylabel(f"efficiency relative to {names[0].split()[0]} [-]")
    ax.set_xticks(years)
    ax.legend(fontsize=9, loc="upper left")
    return fig


def batching_quantization_figure(
    active_params: float = 70e9,
    bits: Sequence[float] = (16, 8, 4),
    **query: Any,
) -> Figure:
    """Energy per query against batch size for several weight precisions (the estimator).

    Each point is :func:`energylib.estimator.estimate_query_energy` for a dense
    model with ``active_params`` parameters stored in ``bits`` bits per weight
    (weights only: the arithmetic stays at the 16-bit peak).

    Parameters
    ----------
    active_params : float
        Parameters active per token (> 0) [-].
    bits : sequence of float
        Bits per weight, each in (0, 32] [bit].
    **query
        Further keyword arguments of :func:`energylib.estimator.estimate_query_energy`
        (``input_tokens``, ``output_tokens``, ``accelerator``, ``scope``, ``pue`` ...).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> batching_quantization_figure(bits=(16, 4)).axes[0].get_xlabel()
    'batch size [sequences]'
    """
    n = check_scalar("active_params", active_params, low=0.0, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.0, 4.0), layout="constrained")
    ax = fig.add_subplot()
    batch = 2.0 ** np.arange(0, 11.01, 0.2)
    colors = [INFERENCE_COLOR, OKABE_ITO["bluish green"], OKABE_ITO["reddish purple"],
              OKABE_ITO["orange"]]
    for b, color in zip(bits, colors, strict=False):
        width = check_scalar("bits", b, low=0.0, high=32.0, low_open=True)
        e = [estimate_query_energy(n, batch_size=x, bytes_per_param=width / 8.0, **query).energy
             for x in batch]
        ax.plot(batch, np.asarray(e) / WH, color=color, label=f"{b:g} bits per weight")
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("batch size [sequences]")
    ax.set_ylabel("energy per query [Wh]")
    ax.legend(fontsize=9)
    return fig


def lever_cascade_figure(steps: Sequence[tuple[str, float]]) -> Figure:
    """Energy per query as levers are applied one after another (log scale).

    Parameters
    ----------
    steps : sequence of (str, float)
        Label and energy per query after that step (> 0) [J].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> lever_cascade_figure([("start", 3600.0), ("after", 360.0)]).axes[0].get_ylabel()
    'energy per query [Wh]'
    """
    labels = [s[0] for s in steps]
    values = np.asarray(check_number("energy per step", [s[1] for s in steps], low=0.0,
                                     low_open=True)) / WH
    use_book_style()
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(len(values))
    ax.bar(x, values, color=INFERENCE_COLOR, alpha=0.85)
    for xi, v in zip(x, values, strict=True):
        ax.annotate(f"{v:.3g}", (xi, v), xytext=(0, 3), textcoords="offset points",
                    ha="center", fontsize=9)
    ax.set_xticks(x, labels, rotation=20, ha="right", fontsize=9)
    ax.set_yscale("log")
    ax.set_ylim(values.min() / 3, values.max() * 3)
    ax.set_ylabel("energy per query [Wh]")
    return fig


def daily_profile_figure(
    time_of_day: np.ndarray,
    load: np.ndarray,
    supplies: dict[str, np.ndarray],
) -> Figure:
    """A flat load against variable supplies over one day, with the deficit shaded.

    Parameters
    ----------
    time_of_day : ndarray
        Time since midnight (>= 0) [s].
    load : ndarray
        Load power at each time (>= 0) [W].
    supplies : dict[str, ndarray]
        Label -> supply power at each time (>= 0) [W]; the deficit of the
        first one is shaded.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> t = np.arange(24) * 3600.0
    >>> fig = daily_profile_figure(t, np.full(24, 1e6), {"flat": np.full(24, 2e6)})
    >>> fig.axes[0].get_xlabel()
    'time of day [h]'
    """
    t = np.asarray(check_number("time_of_day", time_of_day, low=0.0)) / HOUR
    ld = np.asarray(check_number("load", load, low=0.0))
    use_book_style()
    fig = Figure(figsize=(7.5, 4.0), layout="constrained")
    ax = fig.add_subplot()
    colors = [OKABE_ITO["orange"], OKABE_ITO["bluish green"], OKABE_ITO["reddish purple"]]
    scale = 1e6
    top = float(ld.max())
    for i, ((label, s), color) in enumerate(zip(supplies.items(), colors, strict=False)):
        s = np.asarray(check_number(f"supply {label}", s, low=0.0))
        top = max(top, float(s.max()))
        ax.plot(t, s / scale, color=color, label=label)
        if i == 0:
            ax.fill_between(t, s / scale, ld / scale, where=s < ld, color=color, alpha=0.2,
                            label=f"deficit of {label}", interpolate=True)
    ax.plot(t, ld / scale, color=INFERENCE_COLOR, linewidth=2.5,
            label="AI load of a serving fleet (flat)")
    ax.set_xlim(0, 24)
    ax.set_xticks(range(0, 27, 3))  # 0 to 24 h
    ax.set_ylim(0, math.ceil(1.15 * top / scale))
    ax.set_xlabel("time of day [h]")
    ax.set_ylabel("power [MW]")
    ax.legend(fontsize=9, loc="upper left")
    return fig
