"""Explorer for the chapter "The argument, formalized, and where it breaks".

The reader sets demand growth ``g``, efficiency gain ``r``, the discount rate
``delta``, the efficiency elasticity of demand ``epsilon``, the retraining
interval ``tau`` and the cost growth per generation ``c``; a phase diagram in
the ``(g, r)`` plane shows where that point lies and a headline says which
conclusion follows.

Sliders (rates per year): ``growth`` g, ``efficiency`` r, ``discount``
delta, ``elasticity`` epsilon, ``interval`` tau [years] and ``cost_growth``
c per generation.  :func:`declaration` is the explorer; the tests
compare its outputs with :mod:`energylib.rebound` and
:mod:`energylib.lifecycle` (``tests/explorer_references.py``).

Examples
--------
>>> ex = ArgumentExplorer()
>>> out = ex.update(growth=0.2, efficiency=0.5, elasticity=0.0)
>>> out["phase"], out["per_model_diverges"]
(0.0, 0.0)
>>> ex.update(elasticity=1.5)["phase"]
2.0
"""

from __future__ import annotations

import sympy as sp

from ..figures.argument import PHASE_COLORS
from ..rebound import PHASE_LABELS
from ..reference_cases import default_inference_power, default_training_energy
from ..style import OKABE_ITO
from ..symbolic.argument import effective_exponent_steps, fleet_trend_steps
from ..symbolic.lifecycle import exprel_twin, fleet_limiting_ratio_steps
from ..units import YEAR
from ..validation import check_scalar
from .render import explorer_class
from .web import Band, Curve, Marker, Output, Plot, Slider, VLine, WebExplorer, rebuilt_as

__all__ = ["declaration", "ArgumentExplorer"]

_RATE_MAX = 4.0  # top of the r axis: reaches Gemini's measured 3.5 per year [1/yr]
_GROWTH_MAX = 2.4  # right end of the g axis: ChatGPT's measured 1.6 (0.8 to 2.3) a year [1/yr]
_GROWTH_MIN = -0.5  # left end of the g axis: declining demand, where eps >= 1 boundaries lie


def _reference_case(inference_power: float | None,
                    training_energy: float | None) -> tuple[float, float]:
    """The serving power [W] and first training run [J], checked; the book's by default."""
    p0 = default_inference_power() if inference_power is None else inference_power
    e1 = default_training_energy() if training_energy is None else training_energy
    return (check_scalar("inference_power", p0, low=0.0, low_open=True),
            check_scalar("training_energy", e1, low=0.0, low_open=True))


@rebuilt_as("ArgumentExplorer")
def declaration(inference_power: float | None = None,
                training_energy: float | None = None) -> WebExplorer:
    """The explorer: sliders, and its model in SymPy (SI units).

    ``inference_power`` is the serving power at launch ``q0 e0`` (> 0) [W],
    ``training_energy`` the first training run (> 0) [J]; by default the toy
    service and the GPT-4-class run of :mod:`energylib.reference_cases`.
    The formulas are those the tests compare it with, written out operation by
    operation in the same order, so that the page's doubles are Python's:
    :func:`energylib.rebound.argument_verdict` and
    :func:`~energylib.rebound.phase_code` (``k = g + (epsilon - 1) r``,
    zero within ``1e-12`` of its terms; rates compared per interval to
    ``1e-9``), :func:`~energylib.lifecycle.limiting_inference_energy`
    (``p0 / (r + delta - g_obs)`` or ``inf``),
    :func:`~energylib.lifecycle.cumulative_inference_energy`
    (``p0 tau exprel(k tau)``, SciPy's ``exprel``) and
    :func:`~energylib.lifecycle.fleet_limiting_ratio`.

    The rate sliders (per year) and the elasticity and cost factor enter
    the model in their own units (``to_si = 1``); the definitions divide
    the rates by ``year`` as :func:`energylib.units.per_year` does, since
    ``v / YEAR`` and ``v * (1 / YEAR)`` can differ in the last bit and the
    phase test ``k < delta`` is exact.
    """
    power, energy = _reference_case(inference_power, training_energy)
    (growth, efficiency, discount, elasticity, interval, cost_growth, year, p0, e1,
     g_yr) = sp.symbols("growth efficiency discount elasticity interval cost_growth "
                        "year p0 e1 g_yr", real=True)
    names = ("g r delta tau k phase a trend observed gap_life lifetime rd gap_pv present "
             "k_obs x_ledger p0_tau ledger fleet_limit fleet")
    (g, r, delta, tau, k, phase, a, trend, observed, gap_life, lifetime, rd, gap_pv, present,
     k_obs, x_ledger, p0_tau, ledger, fleet_limit, fleet) = sp.symbols(names, real=True)
    nan = sp.nan

    def boundary(level: sp.Expr) -> sp.Expr:
        """``r`` on the line ``g + (epsilon - 1) r = level`` [1/yr]; NaN when vertical."""
        return sp.Piecewise((nan, sp.Abs(1 - elasticity) < 1e-9),
                            ((g_yr - level) / (1 - elasticity), True))

    def vertical(level: sp.Expr) -> sp.Expr:
        """The same line when ``epsilon = 1`` (vertical at ``g = level``) [1/yr]."""
        return sp.Piecewise((level, sp.Abs(1 - elasticity) < 1e-9), (nan, True))

    def region(code: int) -> tuple[sp.Expr, sp.Expr]:
        """(upper, lower) edge in r of phase ``code`` over g, clipped to the axes [1/yr].

        With k = g + (epsilon - 1) r: for epsilon < 1, k falls as r rises, so
        "converges" (k < 0) lies above the line k = 0 and "diverges even
        discounted" (k >= delta) below the line k = delta; for epsilon > 1 the
        order flips; at epsilon = 1, k = g and the regions are vertical strips.
        """
        r0 = clip(boundary(0))
        rd = clip(boundary(discount))
        flat = sp.Abs(1 - elasticity) < 1e-9
        strip = {0: g_yr < 0, 1: (g_yr >= 0) & (g_yr < discount), 2: g_yr >= discount}
        top = _RATE_MAX
        below = {0: (top, r0), 1: (r0, rd), 2: (rd, 0)}  # epsilon < 1: (upper, lower)
        above = {0: (r0, 0), 1: (rd, r0), 2: (top, rd)}  # epsilon > 1
        edges = []
        for k in range(2):
            edges.append(sp.Piecewise(
                (sp.Piecewise((top if k == 0 else 0, strip[code]), (0, True)), flat),
                (below[code][k], elasticity < 1), (above[code][k], True)))
        return edges[0], edges[1]

    def clip(v: sp.Expr) -> sp.Expr:
        return sp.Min(sp.Max(v, 0), _RATE_MAX, evaluate=False)

    a_yr = sp.log(cost_growth) / interval  # the fleet line's level [1/yr]
    definitions: tuple[tuple[str, sp.Basic | float], ...] = (
        # energylib.units.per_year: v / YEAR; tau = interval * YEAR as in update()
        ("g", growth / year),
        ("r", efficiency / year),
        ("delta", discount / year),
        ("tau", interval * year),
        # rebound.argument_verdict: k, zero to rounding; its phase; the fleet trend
        *effective_exponent_steps("k", g, r, elasticity),
        ("phase", sp.Piecewise((0, k < 0), (1, k < delta), (2, True))),
        ("a", sp.log(cost_growth) / tau),
        *fleet_trend_steps("trend", k, a, tau),
        # rebound.induced_demand_growth_rate
        ("observed", g + elasticity * r),
        # lifecycle.limiting_inference_energy(p0, 1, observed, r[, delta])
        ("gap_life", r - observed),
        ("lifetime", sp.Piecewise((p0 / gap_life, gap_life > 0), (sp.oo, True))),
        ("rd", r + delta),
        ("gap_pv", rd - observed),
        ("present", sp.Piecewise((p0 / gap_pv, gap_pv > 0), (sp.oo, True))),
        # lifecycle.cumulative_inference_energy(tau, p0, 1, observed, r), scipy exprel
        ("k_obs", observed - r),
        ("x_ledger", k_obs * tau),
        ("p0_tau", p0 * tau),
        ("ledger", p0_tau * exprel_twin(x_ledger)),
        # lifecycle.fleet_limiting_ratio(tau, e1, c, p0, 1, observed, r)
        *fleet_limiting_ratio_steps("fleet_limit", k_obs, a, tau, p0, e1),
        # as the tests' reference: the verdict's trend decides, the limit fills in
        ("fleet", sp.Piecewise((sp.oo, trend > 0), (0, trend < 0), (fleet_limit, True))),
    )
    times_training = "× training"
    per_yr = 1 / YEAR
    return WebExplorer(
        id="argument",
        title="Where do you stand on the phase diagram?",
        params=(
            Slider("growth", "demand growth g [1/yr]", _GROWTH_MIN, _GROWTH_MAX, 0.02, 0.4,
                   readout=".2f"),
            Slider("efficiency", "efficiency gain r [1/yr]", 0.0, _RATE_MAX, 0.02, 0.3,
                   readout=".2f"),
            Slider("discount", "discount rate δ [1/yr]", 0.0, 0.5, 0.01, 0.05,
                   readout=".2f"),
            Slider("elasticity", "efficiency elasticity ε [-]", 0.0, 3.0, 0.05, 0.0,
                   readout=".2f"),
            Slider("interval", "retraining interval τ [yr]", 0.5, 5.0, 0.25, 1.0,
                   readout=".2f"),
            Slider("cost_growth", "cost × per generation c [-]", 0.5, 4.0, 0.05, 1.0,
                   readout=".2f"),
        ),
        constants={"year": YEAR, "p0": power,
                   "e1": energy},
        definitions=definitions,
        outputs=(
            Output("phase", "region", phase, fmt="text",
                   texts=tuple(PHASE_LABELS[i] for i in range(3))),
            Output("effective_exponent", "k = g + (ε−1)r", k, unit="/yr", scale=per_yr),
            Output("observed_growth", "observed demand growth g + εr", observed,
                   unit="/yr", scale=per_yr),
            Output("lifetime_ratio", "one model, never retired: inference ÷ its training",
                   lifetime / e1, unit=times_training),
            Output("per_model_diverges", "the syllogism's conclusion (C10)",
                   sp.Piecewise((1, k >= 0), (0, True)), fmt="text",
                   texts=("fails", "holds")),
            Output("present_value_ratio", "present value at δ", present / e1,
                   unit=times_training),
            Output("ledger_ratio", "one model retired after τ", ledger / e1,
                   unit=times_training),
            Output("fleet_ratio", "fleet retrained every τ: inference ÷ training →", fleet),
            Output("fleet_verdict", "fleet", trend + 1, fmt="text",
                   texts=("training dominates", "a finite ratio of rates",
                          "inference dominates")),
            Output("rebound", "rebound",
                   sp.Piecewise((2, elasticity > 1), (0, elasticity < 1), (1, True)),
                   fmt="text",
                   texts=("no backfire: efficiency gains save energy (ε < 1)",
                          "ε = 1: efficiency gains change nothing",
                          "backfire (direct rebound): efficiency gains raise energy "
                          "(ε > 1)")),
        ),
        plots=(Plot(
            x=g_yr, x_label="exogenous demand growth g [1/yr]",
            x_range=(_GROWTH_MIN, _GROWTH_MAX),
            y_label="efficiency gain r [1/yr]", y_range=(0.0, _RATE_MAX),
            points=151, height=420,
            curves=(
                Curve("k = g + (ε−1)r = 0", boundary(0), "black", width=2.0),
                Curve("k = δ", boundary(discount), "black", dash=True,
                      width=1.5),
                Curve("fleet: k = ln(c)/τ", boundary(a_yr), OKABE_ITO["reddish purple"],
                      dash=True, width=1.5),
                Curve("g = r (no rebound)", g_yr, "grey", dash=True, width=1.2),
            ),
            vlines=(
                VLine("g = 0", 0.0, color="grey", dash=False),
                VLine("k = 0 at ε = 1", vertical(0), color="black", dash=False),
                VLine("k = δ at ε = 1", vertical(discount), color="black"),
                VLine("fleet at ε = 1", vertical(a_yr), color=OKABE_ITO["reddish purple"]),
            ),
            markers=(Marker("you are here", growth, efficiency),),
            bands=tuple(Band(PHASE_LABELS[code], *region(code), PHASE_COLORS[code])
                        for code in range(3)),
        ),),
        measured={"efficiency": ("gemini-efficiency-gain",),
                  "growth": ("chatgpt-prompt-growth-2025",)},
    )


ArgumentExplorer = explorer_class(declaration)
