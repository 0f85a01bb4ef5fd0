"""Figures of the "Real numbers" chapter: the dataset's spread, the calibration, break-even.

Each function returns a matplotlib Figure; every axis carries its unit.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..calibration import CalibrationCase, CalibrationResult, predict_energy
from ..dataset import CONFIDENCE_LEVELS, by_id, select
from ..montecarlo import MonteCarloResult
from ..style import INFERENCE_COLOR, OKABE_ITO, use_book_style
from ..units import DAY, WH

__all__ = ["spread_figure", "calibration_figure", "break_even_distribution_figure",
           "serving_sensitivity_figure"]

_MARKERS = {"measured": "o", "reported": "s", "estimated": "^"}
_CONF_COLORS = {"measured": OKABE_ITO["bluish green"], "reported": OKABE_ITO["orange"],
                "estimated": OKABE_ITO["reddish purple"]}


def spread_figure() -> Figure:
    """Energy per query by subject and source, on a log axis, marked by confidence.

    Examples
    --------
    >>> spread_figure().axes[0].get_xlabel()
    'energy per query [Wh]'
    """
    use_book_style()
    figs = sorted(select("energy_per_query"), key=lambda f: f.si)
    fig = Figure(figsize=(7.5, 0.32 * len(figs) + 1.3), layout="constrained")
    ax = fig.add_subplot()
    for i, f in enumerate(figs):
        ax.plot([f.si / WH], [i], _MARKERS[f.confidence], color=_CONF_COLORS[f.confidence],
                markersize=8, markeredgecolor="black")
        ax.annotate(f"{f.si / WH:.3g} Wh", (f.si / WH, i), xytext=(7, -3),
                    textcoords="offset points", fontsize=8)
    ax.set_yticks(range(len(figs)), [f"{f.subject} [{f.source}]" for f in figs], fontsize=8)
    ax.set_xscale("log")
    ax.set_xlim(0.01, 300)
    ax.set_xlabel("energy per query [Wh]")
    for level in CONFIDENCE_LEVELS:
        ax.plot([], [], _MARKERS[level], color=_CONF_COLORS[level], markeredgecolor="black",
                label=level)
    ax.legend(loc="lower right", fontsize=9, title="confidence", title_fontsize=9)
    return fig


def calibration_figure(
    result: CalibrationResult, check_cases: list[CalibrationCase] | None = None
) -> Figure:
    """Predicted against measured, with the 1:1 line and the ``exp(+-rms)`` band.

    Parameters
    ----------
    result : CalibrationResult
        The fit (its cases are drawn as filled circles).
    check_cases : list of CalibrationCase, optional
        Out-of-sample cases, predicted with the fitted parameters (open squares).

    Examples
    --------
    >>> from energylib.calibration import FIT_CASES, fit_calibration
    >>> fig = calibration_figure(fit_calibration(list(FIT_CASES.values())))
    >>> fig.axes[0].get_ylabel()
    'predicted energy per query or per output token [J]'
    """
    if not isinstance(result, CalibrationResult):
        raise TypeError(f"result must be a CalibrationResult; got {result!r}")
    use_book_style()
    fig = Figure(figsize=(7.0, 5.2), layout="constrained")
    ax = fig.add_subplot()
    lims = np.array([1e-2, 1e6])
    band = np.exp(result.rms_log_ratio)
    ax.plot(lims, lims, color="black", linewidth=1.0, label="perfect agreement")
    ax.fill_between(lims, lims / band, lims * band, color=INFERENCE_COLOR, alpha=0.15,
                    label=f"× / ÷ {band:.2f} (log-RMS of the fit)")
    ax.plot(result.measured, result.predicted, "o", color=INFERENCE_COLOR,
            markeredgecolor="black", markersize=8, label="fit set (open weights)")
    for i, (label, m, p) in enumerate(zip(result.labels, result.measured, result.predicted,
                                          strict=True)):
        right = i % 2 == 0  # alternate sides so that neighbouring labels do not overlap
        ax.annotate(label.split(" (")[0], (m, p), xytext=(7, -11) if right else (7, 5),
                    textcoords="offset points", fontsize=8)
    if check_cases:
        m = np.array([c.measured for c in check_cases])
        p = np.array([predict_energy(c, result.overhead_factor, result.prefill_utilization)
                      for c in check_cases])
        ax.plot(m, p, "s", markerfacecolor="white", markeredgecolor=OKABE_ITO["sky blue"],
                markeredgewidth=2, markersize=8, label="check set (closed, assumed config)")
        order = np.argsort(m)
        for rank, j in enumerate(order):  # staggered labels, joined to their points
            ax.annotate(by_id(check_cases[j].figure_id).source, (m[j], p[j]),
                        xytext=(10, -18 - 13 * rank), textcoords="offset points", fontsize=8,
                        color=INFERENCE_COLOR,
                        arrowprops={"arrowstyle": "-", "color": OKABE_ITO["sky blue"],
                                    "lw": 0.6})
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*lims)
    ax.set_ylim(*lims)
    ax.set_xlabel("measured energy per query or per output token [J]")
    ax.set_ylabel("predicted energy per query or per output token [J]")
    ax.legend(loc="upper left", fontsize=9)
    return fig


def break_even_distribution_figure(results: dict[str, MonteCarloResult]) -> Figure:
    """Histograms of break-even time (log axis) with the 5th, 50th and 95th percentiles.

    Parameters
    ----------
    results : dict[str, MonteCarloResult]
        Label -> Monte Carlo result.

    Examples
    --------
    >>> from energylib.montecarlo import DEPLOYMENTS, break_even_monte_carlo
    >>> r = break_even_monte_carlo(DEPLOYMENTS["gpt4-chatgpt"], 1000)
    >>> break_even_distribution_figure({"a": r}).axes[0].get_xlabel()
    'break-even time [days]'
    """
    if not isinstance(results, dict) or not results:
        raise TypeError("results must be a non-empty dict of label -> MonteCarloResult")
    use_book_style()
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    bins = np.logspace(-1, 5, 61)
    colors = [INFERENCE_COLOR, OKABE_ITO["bluish green"], OKABE_ITO["orange"]]
    for (label, r), color in zip(results.items(), colors * 3, strict=False):
        days = r.samples[np.isfinite(r.samples)] / DAY
        weights = np.full(days.size, 1.0 / r.samples.size)
        ax.hist(np.clip(days, bins[0], bins[-1]), bins=list(bins), weights=weights, color=color,
                alpha=0.45, label=label)
        for q, style in ((5, ":"), (50, "-"), (95, ":")):
            ax.axvline(r.percentile_days(q), color=color, linestyle=style, linewidth=1.5)
    for years, text in ((1, "1 year"), (10, "10 years")):
        ax.axvline(years * 365.25, color="grey", linewidth=0.8)
        ax.annotate(text, (years * 365.25, 0.0), xytext=(3, 4),
                    textcoords="offset points", fontsize=8, color="grey", rotation=90)
    ax.set_xscale("log")
    ax.set_xlabel("break-even time [days]")
    ax.set_ylabel("share of draws per bin [-]")
    ax.legend(loc="upper left", fontsize=9)
    return fig



def serving_sensitivity_figure(
    models: tuple[str, ...] = ("Llama 3.1 70B", "Qwen 3 235B-A22B"),
    precisions: tuple[str, ...] = ("bf16", "fp8", "int4"),
    input_tokens: float = 500.0,
    output_tokens: float = 500.0,
) -> Figure:
    """Energy per query against batch size, by weight precision, for a dense and a MoE model.

    One panel per model; one line per precision (the key-value cache stays in
    BF16); the shaded band is the estimator's interval for the first precision.
    GPU scope, H100.

    Parameters
    ----------
    models : tuple of str
        Catalogue models, one panel each.
    precisions : tuple of str
        Weight formats (:data:`energylib.serving.PRECISION_BYTES`).
    input_tokens, output_tokens : float
        Tokens per query [tokens].

    Examples
    --------
    >>> fig = serving_sensitivity_figure()
    >>> fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()
    ('batch size [sequences]', 'GPU energy per query [Wh]')
    """
    from ..estimator import estimate_query_energy

    if not models or not precisions:
        raise ValueError("models and precisions must be non-empty")
    use_book_style()
    batches = np.unique(np.round(np.logspace(0, np.log10(512), 25)))
    fig = Figure(figsize=(7.5, 3.6), layout="constrained")
    axes = fig.subplots(1, len(models), sharey=True, squeeze=False)[0]
    colors = [INFERENCE_COLOR, OKABE_ITO["bluish green"], OKABE_ITO["orange"],
              OKABE_ITO["reddish purple"]]
    for ax, name in zip(axes, models, strict=True):
        for j, precision in enumerate(precisions):
            results = [estimate_query_energy(model=name, input_tokens=input_tokens,
                                             output_tokens=output_tokens, batch_size=b,
                                             bytes_per_param=precision) for b in batches]
            energy = np.array([r.energy for r in results]) / WH
            color = colors[j % len(colors)]
            ax.plot(batches, energy, color=color, label=precision.upper())
            if j == 0:
                ax.fill_between(batches, [r.low / WH for r in results],
                                [r.high / WH for r in results], color=color, alpha=0.15,
                                label=f"interval ({results[0].coverage:.0%} nominal)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(name, fontsize=10)
        ax.set_xlabel("batch size [sequences]")
    axes[0].set_ylabel("GPU energy per query [Wh]")
    axes[0].legend(fontsize=8, loc="upper right")
    return fig
