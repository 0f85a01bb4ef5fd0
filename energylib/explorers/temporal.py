"""Explorer of the temporal-infinity chapter: cumulative inference against one training run.

:func:`declaration` is the explorer (sliders for demand growth ``g``,
efficiency gain ``r``, horizon, training energy and starting demand; the
model in SymPy); the tests compare its outputs with :mod:`energylib.lifecycle`
(``tests/explorer_references.py``).
The energy per query at launch is fixed at ``e0`` (default 0.3 Wh, Epoch
AI's estimate for a typical GPT-4o query).

Examples
--------
>>> ex = TemporalExplorer()
>>> out = ex.update(growth=0.0, efficiency=0.0, training=50.0, queries_per_day=1e9)
>>> round(out["break_even_time"] / DAY)  # 50 GWh at a constant 12.5 MW
167
"""

from __future__ import annotations

import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p

from ..style import INFERENCE_COLOR, TRAINING_COLOR
from ..units import DAY, GWH, WH, YEAR
from ..validation import check_scalar
from .render import explorer_class
from .web import Curve, Marker, Output, Plot, Slider, VLine, WebExplorer, rebuilt_as

__all__ = ["declaration", "TemporalExplorer"]

_ENERGY_AXIS_GWH = (1e-3, 1e7)  # the explorer's fixed energy axis [GWh]
_RATE_STEP = 0.01  # the rate sliders' step [1/yr]


@rebuilt_as("TemporalExplorer")
def declaration(e0_wh: float = 0.3, training_gwh: float = 50.0) -> WebExplorer:
    """The explorer: sliders, and its model in SymPy (SI units).

    Parameters
    ----------
    e0_wh : float
        Energy per query at launch (> 0) [Wh].
    training_gwh : float
        Starting value of the training-energy slider, in [1, 1000] [GWh].

    Notes
    -----
    The formulas are those of :mod:`energylib.lifecycle` (and
    :mod:`energylib.symbolic.lifecycle`): ``E(T) = p0 expm1(kT)/k``,
    ``T* = ln(1 + k E/p0)/k``, limit ``p0/(r - g)`` for ``k = g - r < 0``.
    """
    e0_joules = check_scalar("e0_wh", e0_wh, low=0.0, low_open=True) * WH
    training_gwh = check_scalar("training_gwh", training_gwh, low=1.0, high=1000.0)
    g, r, horizon, e_train, q0, e0, t_yr = sp.symbols(
        "growth efficiency horizon training queries_per_day e0 t_yr", real=True)
    k, p0, x, naive = sp.symbols("k p0 x naive_t", real=True)

    def cumulative(t: sp.Expr) -> sp.Expr:
        return sp.Piecewise((p0 * expm1(k * t) / k, sp.Ne(k, 0)), (p0 * t, True))

    t_star = sp.Piecewise(
        (sp.oo, x <= -1), (naive * (1 - x / 2), sp.Abs(x) < 1e-8),
        (naive * log1p(x) / x, True))
    limit = sp.Piecewise((p0 / -k, k < 0), (sp.oo, True))
    t_s = t_yr * YEAR
    inside = t_s <= horizon
    return WebExplorer(
        id="temporal",
        title="Cumulative inference against one training run",
        params=(
            Slider("growth", "demand growth g [1/yr]", 0.0, 2.4, _RATE_STEP, 0.4,
                   readout=".2f", to_si=1 / YEAR),
            Slider("efficiency", "efficiency gain r [1/yr]", -1.0, 4.0, _RATE_STEP, 0.3,
                   readout=".2f", to_si=1 / YEAR),
            Slider("horizon", "horizon [years]", 1.0, 30.0, 1.0, 10.0, readout=".0f",
                   to_si=YEAR),
            Slider("training", "training energy [GWh]", -0.5, 3.0, 0.05, training_gwh,
                   log=True, to_si=GWH),
            Slider("queries_per_day", "queries per day at launch", 5.0, 10.0, 0.1, 1e9,
                   log=True, readout=".2g", to_si=1 / DAY),
        ),
        constants={"e0": float(e0_joules)},
        definitions=(
            ("k", g - r),
            ("p0", q0 * e0),
            ("naive_t", e_train / p0),
            ("x", k * naive),
            ("e_horizon", cumulative(horizon)),
            ("t_star", t_star),
            ("limit", limit),
        ),
        outputs=(
            Output("break_even_time", "break-even", sp.Symbol("t_star", real=True),
                   fmt="duration"),
            Output("ratio_at_horizon", "inference ÷ training at the horizon",
                   sp.Symbol("e_horizon", real=True) / e_train),
            Output("inference_energy", "inference energy at the horizon",
                   sp.Symbol("e_horizon", real=True), unit="GWh", scale=GWH),
            Output("limit", "total as T → ∞", sp.Symbol("limit", real=True),
                   unit="GWh", scale=GWH),
            Output("regime", "regime",
                   sp.Piecewise((0, k < 0), (1, sp.Eq(k, 0)), (2, True)), fmt="text",
                   texts=("g < r: converges", "g = r: grows linearly",
                          "g > r: grows exponentially"), check=False),
        ),
        plots=(Plot(
            x=t_yr, x_label="years since launch [yr]", x_range=(0.0, 30.0),
            y_label="cumulative energy [GWh]", y_range=_ENERGY_AXIS_GWH, y_log=True,
            curves=(
                Curve("cumulative inference",
                      sp.Piecewise((cumulative(t_s) / GWH, inside), (sp.nan, True)),
                      INFERENCE_COLOR),
                Curve("inference beyond the horizon",
                      sp.Piecewise((cumulative(t_s) / GWH, t_s >= horizon),
                                   (sp.nan, True)),
                      INFERENCE_COLOR, alpha=0.35, legend=False),
                Curve("training run", e_train / GWH, TRAINING_COLOR),
                Curve("inference: limit as T → ∞",
                      sp.Piecewise((sp.Symbol("limit", real=True) / GWH, k < 0),
                                   (sp.nan, True)),
                      INFERENCE_COLOR, dash=True, width=1.5),
            ),
            vlines=(VLine("horizon", horizon / YEAR),),
            markers=(Marker("break-even",
                            sp.Piecewise((sp.Symbol("t_star", real=True) / YEAR,
                                          sp.Symbol("t_star", real=True) <= horizon),
                                         (sp.nan, True)),
                            e_train / GWH),),
        ),),
        measured={
            "growth": ("chatgpt-prompt-growth-2025",),
            "efficiency": ("gemini-efficiency-rate", "koomey-efficiency-rate"),
            "queries_per_day": ("chatgpt-prompts-2024", "chatgpt-prompts-2025"),
            "training": ("gpt3-train-energy", "gpt4-train-energy"),
        },
    )


TemporalExplorer = explorer_class(declaration)
