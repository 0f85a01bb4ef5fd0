"""The verdict explorer: the few parameters that decide whether inference is the sink.

Sliders: demand growth ``g`` and efficiency gain ``r`` [1/yr], serving power
per unit of first-run training energy ``inv_rho`` (``1/rho``) [1/yr],
retraining interval ``tau`` [yr], rebound elasticity ``epsilon`` [-] and cost
growth per run ``c`` [-].  :func:`declaration` is the explorer;
the tests compare its outputs with :mod:`energylib.verdict`
(:func:`~energylib.verdict.fleet_inference_share` and the numbers behind
:func:`~energylib.verdict.verdict_in_words`; ``tests/explorer_references.py``).

Examples
--------
>>> VerdictExplorer().update(g=0.2, r=0.5)["verdict_code"]  # training is the sink
1.0
"""

from __future__ import annotations

import sympy as sp
from sympy.codegen.cfunctions import expm1

from ..figures.verdict import HORIZON_YEARS, VERDICT_DEFAULTS
from ..style import INFERENCE_COLOR
from ..symbolic.argument import effective_exponent_steps, fleet_trend_steps
from ..symbolic.lifecycle import exprel_twin, fleet_limiting_ratio_steps
from ..units import YEAR
from ..verdict import _REBOUND, REAL_WORLD_SHARES, VERDICTS
from .render import explorer_class
from .web import Curve, Label, Marker, Output, Plot, Slider, WebExplorer, rebuilt_as

__all__ = ["declaration", "VerdictExplorer"]


@rebuilt_as("VerdictExplorer")
def declaration() -> WebExplorer:
    """The explorer: sliders, and its model in SymPy.

    The formulas mirror energylib's, step by step:
    :func:`energylib.lifecycle.cumulative_inference_energy` (``s T
    exprel(k T)``), :func:`energylib.training.cumulative_training_energy`
    (``(c**N - 1) / (c - 1)`` runs, ``N = floor(T / tau) + 1``),
    :func:`energylib.rebound.argument_verdict` (the fleet trend, with its
    rounding tolerances), :func:`energylib.lifecycle.fleet_limiting_ratio`
    and :func:`energylib.lifecycle.limiting_inference_energy`.

    The rates ``g``, ``r`` and ``inv_rho`` enter in their sliders' units
    [1/yr] and are divided by the year, as :func:`energylib.units.per_year`
    does (multiplying by ``1/YEAR`` may differ in the last bit), so that
    the knife edges (``g = r``, where one model's lifetime flips between
    finite and unbounded) fall on the same side on the page as in Python.
    """
    d = VERDICT_DEFAULTS

    def sym(name: str) -> sp.Symbol:
        return sp.Symbol(name, real=True)

    g, r, inv_rho, tau, eps, c, year, horizon, t_yr = (sym(n) for n in (
        "g", "r", "inv_rho", "tau", "epsilon", "c", "year", "horizon", "t_yr"))
    (g_s, r_s, s, eps_r, gp, k_inf, log_c, a, k, trend, gap, lifetime, e_inf_h,
     e_train_h) = (sym(n) for n in (
        "g_s", "r_s", "s", "eps_r", "g_eff", "k_inf", "log_c", "a", "k", "trend", "gap",
        "lifetime", "e_inf_h", "e_train_h"))
    # The fleet ratio may be infinite: an extended real, so that Eq(ratio, oo) stays.
    ratio_raw, ratio = (sp.Symbol(n, extended_real=True) for n in ("ratio_raw", "ratio"))

    def training_runs(t: sp.Expr) -> sp.Expr:
        n = sp.floor(t / tau) + 1
        return sp.Piecewise((n, sp.Eq(c, 1)), (expm1(n * log_c) / expm1(log_c), True))

    t_s = t_yr * year
    e_inf_t = s * t_s * exprel_twin(k_inf * t_s)
    e_train_t = training_runs(t_s)
    is_trend = {v: sp.Eq(trend, v) for v in (-1, 1)}
    refs = list(REAL_WORLD_SHARES.items())
    return WebExplorer(
        id="verdict",
        title="The verdict on C12 from six parameters",
        params=(
            Slider("g", "demand growth g [1/yr]", -0.2, 3.6, 0.02, d["g"], readout=".2f"),
            Slider("r", "efficiency gain r [1/yr]", -1.0, 3.6, 0.02, d["r"], readout=".2f"),
            Slider("inv_rho", "serving ÷ training 1/ρ [1/yr]", -2.0, 2.0, 0.05,
                   round(d["inv_rho"], 2), log=True, readout=".3g"),
            Slider("tau", "retraining interval τ [yr]", 0.25, 5.0, 0.25, d["tau"],
                   readout=".2f", to_si=YEAR),
            Slider("epsilon", "rebound elasticity ε", 0.0, 2.0, 0.05, d["epsilon"],
                   readout=".2f"),
            Slider("c", "cost growth per run c", 0.5, 8.0, 0.05, d["c"], readout=".2f"),
        ),
        constants={"year": YEAR, "horizon": HORIZON_YEARS * YEAR},
        definitions=(
            ("g_s", g / year),            # per_year(g) [1/s]
            ("r_s", r / year),
            ("s", inv_rho / year),        # serving power per first-run energy [1/s]
            ("eps_r", eps * r_s),
            ("g_eff", g_s + eps_r),       # demand growth with rebound, g + eps r
            ("k_inf", gp - r_s),          # inference power's exponent [1/s]
            ("log_c", sp.log(c)),
            ("a", log_c / tau),           # training spending's exponent [1/s]
            # argument_verdict: k = g + (eps - 1) r, zero to rounding; the fleet trend
            *effective_exponent_steps("k", g_s, r_s, eps),
            *fleet_trend_steps("trend", k, a, tau),
            # fleet_limiting_ratio (q0 e0 = s, E1 = 1), with its own roundings,
            *fleet_limiting_ratio_steps("ratio_raw", k_inf, a, tau, s, 1),
            # and verdict_in_words' guard for the rounding edge of k = a.
            ("ratio", sp.Piecewise(
                (sp.oo, is_trend[1]), (0, is_trend[-1]),
                (s * tau, sp.Eq(ratio_raw, sp.oo) | (ratio_raw <= 0)), (ratio_raw, True))),
            # limiting_inference_energy(1, s, g + eps r, r)
            ("gap", r_s - gp),
            ("lifetime", sp.Piecewise((s / gap, gap > 0), (sp.oo, True))),
            # fleet_inference_share at the horizon
            ("e_inf_h", s * horizon * exprel_twin(k_inf * horizon)),
            ("e_train_h", training_runs(horizon)),
        ),
        outputs=(
            Output("verdict_code", "verdict",
                   sp.Piecewise((0, is_trend[1]), (1, is_trend[-1]), (2, ratio > 1),
                                (3, True)),
                   fmt="text", texts=VERDICTS),
            Output("effective_exponent", "inference power grows at", k * year,
                   unit="/yr"),
            Output("training_exponent", "training spending grows at", a * year,
                   unit="/yr"),
            Output("limiting_ratio", "fleet: inference ÷ training tends to", ratio,
                   fmt="times"),
            Output("limiting_share", "inference's share tends to",
                   sp.Piecewise((1, is_trend[1]), (0, is_trend[-1]),
                                (ratio / (1 + ratio), True)), fmt="percent"),
            Output("single_lifetime",
                   "one model served for ever: its inference ÷ its training run tends to",
                   lifetime, fmt="times"),
            Output("backfire", "rebound", sp.Piecewise((1, eps > 1), (0, True)),
                   fmt="text", texts=_REBOUND),
            Output("fleet_share",
                   f"inference share after {HORIZON_YEARS:.0f} years: fleet",
                   e_inf_h / (e_inf_h + e_train_h), fmt="percent"),
            Output("single_share", "single model", e_inf_h / (e_inf_h + 1), fmt="percent"),
        ),
        plots=(Plot(
            x=t_yr, x_label="years since the first training run [yr]",
            x_range=(0.0, HORIZON_YEARS),
            y_label="inference share of AI energy [-]", y_range=(0.0, 1.0),
            curves=(
                Curve("fleet retrained every τ", e_inf_t / (e_inf_t + e_train_t),
                      INFERENCE_COLOR),
                Curve("one model, never replaced", e_inf_t / (e_inf_t + 1),
                      INFERENCE_COLOR, dash=True),
                Curve("half", 0.5, "grey", dash=True, width=1.0),
            ),
            markers=tuple(Marker(name, HORIZON_YEARS * 0.97, share)
                          for name, (share, _) in refs),
            # matplotlib right-aligns these at 28.5 yr; the page writes from x on,
            # so they start about one label's width (~6 yr on a narrow page) earlier.
            labels=tuple(Label(name, 22.0, share + dy, "black")
                         for (name, (share, _)), dy in zip(refs, (-0.06, 0.03),
                                                            strict=True)),
            points=361,
        ),),
        measured={"r": ("gemini-efficiency-gain",), "g": ("chatgpt-prompt-growth-2025",)},
        note=("Dots: observed inference shares (Google 2019-21, Patterson et al.; "
              "Meta's AI capacity, Wu et al.), snapshots rather than limits."),
    )


VerdictExplorer = explorer_class(declaration)
