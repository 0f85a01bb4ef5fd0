"""Figure of the verdict chapter: inference's share of AI energy over time.

:func:`share_over_time_figure` draws :func:`energylib.verdict.fleet_inference_share`
for a few scenarios, with the observed shares of
:data:`energylib.verdict.REAL_WORLD_SHARES`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..reference_cases import default_inference_power, default_training_energy
from ..style import INFERENCE_COLOR, OKABE_ITO, TRAINING_COLOR, use_book_style
from ..units import YEAR, per_year
from ..verdict import REAL_WORLD_SHARES, fleet_inference_share

__all__ = ["share_over_time_figure", "VERDICT_DEFAULTS", "HORIZON_YEARS"]

HORIZON_YEARS = 30.0
"""The horizon of the verdict's figure and explorer [yr]."""

def _draw_references(ax) -> None:
    ax.axhline(0.5, color="grey", linestyle="--", linewidth=1.0)
    for (name, (share, _)), dy in zip(REAL_WORLD_SHARES.items(), (-0.06, 0.03), strict=True):
        ax.plot([HORIZON_YEARS * 0.97], [share], marker="<", color="black", markersize=6)
        ax.text(HORIZON_YEARS * 0.95, share + dy, name, ha="right", fontsize=8, color="black")
    ax.set_xlim(0.0, HORIZON_YEARS)
    ax.set_ylim(0.0, 1.0)
    ax.set_xlabel("years since the first training run [yr]")
    ax.set_ylabel("inference share of AI energy [-]")


def share_over_time_figure(scenarios: dict[str, dict[str, float]]) -> Figure:
    """Inference share of cumulative AI energy over 30 years, one curve per scenario.

    Parameters
    ----------
    scenarios : dict[str, dict[str, float]]
        Label -> keyword arguments of :func:`~energylib.verdict.fleet_inference_share` in the
        explorer's units: ``g``, ``r`` [1/yr], ``inv_rho`` [1/yr],
        ``tau`` [yr], ``epsilon`` [-], ``c`` [-] (missing keys take the
        explorer's defaults).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = share_over_time_figure({"flat": {"g": 0.0, "r": 0.0}})
    >>> fig.axes[0].get_ylabel()
    'inference share of AI energy [-]'
    """
    use_book_style()
    fig = Figure(figsize=(7.5, 4.0), layout="constrained")
    ax = fig.add_subplot()
    t = np.linspace(0.0, HORIZON_YEARS, 601)[1:] * YEAR
    colors = [INFERENCE_COLOR, OKABE_ITO["bluish green"], OKABE_ITO["reddish purple"],
              OKABE_ITO["orange"], TRAINING_COLOR]
    for (label, p), color in zip(scenarios.items(), colors, strict=False):
        q = {**VERDICT_DEFAULTS, **p}
        fleet, _ = fleet_inference_share(
            t, float(per_year(q["g"])), float(per_year(q["r"])), q["inv_rho"] / YEAR,
            q["tau"] * YEAR, q["epsilon"], q["c"])
        ax.plot(t / YEAR, fleet, color=color, label=label)
    _draw_references(ax)
    ax.legend(loc="lower right", fontsize=9, bbox_to_anchor=(1.0, 0.12))
    return fig


VERDICT_DEFAULTS: dict[str, float] = {
    "g": 0.4, "r": 0.3, "epsilon": 0.0, "tau": 1.0, "c": 1.0,
    "inv_rho": default_inference_power() * YEAR / default_training_energy(),
}
"""The verdict explorer's starting values, shared with its figure.

Demand growth ``g`` and efficiency gain ``r`` [1/yr], the rebound elasticity
``epsilon`` [-], the retraining interval ``tau`` [yr], the cost growth per generation
``c`` [-], and ``inv_rho``, the serving power over the training energy of
:mod:`energylib.reference_cases` [1/yr].
"""
