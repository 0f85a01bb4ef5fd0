"""Explorer for the chapter "The argument, formalized, and where it breaks".

The reader sets demand growth ``g``, efficiency gain ``r``, the discount rate
``delta``, the efficiency elasticity of demand ``epsilon``, the retraining
interval ``tau`` and the cost growth per generation ``c``; a phase diagram in
the ``(g, r)`` plane shows where that point lies and a headline says which
conclusion follows.

The explorer is declared once (:meth:`ArgumentExplorer.web_spec`, a
:class:`~energylib.explorers.web.WebExplorer`): the ipywidgets sliders are made
from it, and the book's website runs the JavaScript SymPy writes from its
formulas, with no kernel.  In a kernel the numbers come from
:mod:`energylib.rebound` and :mod:`energylib.lifecycle`, and the figure follows
the pattern of :class:`energylib.explorers.temporal.TemporalExplorer`: fixed
axes, a background rendered once, animated artists redrawn over it, a PNG
encoded with PIL at zlib level 1, and an HTML key instead of a matplotlib
legend.  The page draws the same boundaries, the point and the region names,
without the shaded regions.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from ..figures.argument import PHASE_COLORS, phase_boundary
from ..lifecycle import cumulative_inference_energy, fleet_limiting_ratio, limiting_inference_energy
from ..rebound import PHASE_LABELS, argument_verdict, induced_demand_growth_rate, phase_code
from ..style import OKABE_ITO, use_book_style
from ..training import training_energy_from_compute
from ..units import DAY, WH, YEAR, per_year
from ..validation import check_scalar
from .common import canvas_png, set_sliders_quietly
from .web import (
    Band,
    Curve,
    Marker,
    Output,
    Plot,
    Slider,
    VLine,
    WebExplorer,
    explorer_mimebundle,
    expm1,
)

__all__ = ["ArgumentExplorer", "default_inference_power", "default_training_energy"]

_RATE_MAX = 1.0  # top of both axes of the phase diagram [1/yr]
_GROWTH_MIN = -0.5  # left end of the g axis: declining demand, where eps >= 1 boundaries lie


def _left_of(gs: list[float], rs: list[float]) -> np.ndarray:
    """Polygon of the part of the plot left of the line through two points [1/yr]."""
    far = -10.0 * (_RATE_MAX - _GROWTH_MIN)  # well outside the axes, which clip the polygon
    return np.array([[far, rs[0]], [gs[0], rs[0]], [gs[1], rs[1]], [far, rs[1]]])

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="background:{PHASE_COLORS[0]}">&nbsp;{PHASE_LABELS[0]}&nbsp;</span> '
    f'<span style="background:{PHASE_COLORS[1]}">&nbsp;{PHASE_LABELS[1]}&nbsp;</span> '
    f'<span style="background:{PHASE_COLORS[2]}">&nbsp;{PHASE_LABELS[2]}&nbsp;</span> '
    "&nbsp; ━━ boundary g + (ε−1)r = 0 &nbsp; ╌╌ g + (ε−1)r = δ &nbsp; "
    f'<span style="color:{OKABE_ITO["blue"]}">─·─</span> fleet: g + (ε−1)r = ln(c)/τ '
    '&nbsp; <span style="color:grey">┈┈</span> g = r (no rebound) &nbsp; ● you are here</span>'
)


def default_inference_power() -> float:
    """The book's toy service: a billion queries a day at 0.3 Wh each [W].

    Examples
    --------
    >>> round(default_inference_power() / 1e6, 2)
    12.5
    """
    return 1e9 / DAY * 0.3 * WH


def default_training_energy() -> float:
    """The book's GPT-4-class run, high estimate of the temporal chapter [J].

    2.1e25 FLOP on A100s (312 TFLOP/s), 30 % utilization, 6.5 kW / 8 per GPU, PUE 1.1.

    Examples
    --------
    >>> from energylib.units import GWH
    >>> round(default_training_energy() / GWH)
    56
    """
    return float(training_energy_from_compute(2.1e25, 312e12, 0.30, 6500 / 8, 1.1))


def _fmt_ratio(x: float) -> str:
    if math.isinf(x):
        return "∞"
    if x == 0:
        return "0"
    return f"{x:,.3g}"


class ArgumentExplorer:
    """Phase diagram of the seed argument, with sliders.

    Sliders (rates per year): ``growth`` g, ``efficiency`` r, ``discount``
    delta, ``elasticity`` epsilon, ``interval`` tau [years] and
    ``cost_growth`` c per generation.  The serving power at launch and the
    first training run are fixed (by default the toy service and the
    GPT-4-class run of the temporal chapter).  The sliders are made from
    :attr:`spec`, the declaration the book's website runs without a kernel.

    Parameters
    ----------
    inference_power : float, optional
        Inference power at launch ``q0 e0`` (> 0) [W].
    training_energy : float, optional
        Energy of the first training run (> 0) [J].

    Attributes
    ----------
    spec : energylib.explorers.web.WebExplorer
        The declaration (:meth:`web_spec`): sliders, and the model in SymPy.
    sliders : dict[str, ipywidgets.FloatSlider]
        By name: ``growth``, ``efficiency``, ``discount``, ``elasticity``,
        ``interval``, ``cost_growth``.
    image : ipywidgets.Image
    headline : ipywidgets.HTML
    widget : ipywidgets.VBox
    outputs : dict[str, float]
        Numbers of the last update (SI units; ratios [-]).
    redraw_count : int

    Examples
    --------
    >>> ex = ArgumentExplorer()
    >>> out = ex.update(growth=0.2, efficiency=0.5, elasticity=0.0)
    >>> out["phase"], out["per_model_diverges"]
    (0.0, 0.0)
    >>> out = ex.update(elasticity=1.5)
    >>> out["phase"], out["backfire"]
    (2.0, 1.0)
    """

    def __init__(self, inference_power: float | None = None,
                 training_energy: float | None = None) -> None:
        p0 = default_inference_power() if inference_power is None else inference_power
        e1 = default_training_energy() if training_energy is None else training_energy
        self.inference_power = check_scalar("inference_power", p0, low=0.0, low_open=True)
        self.training_energy = check_scalar("training_energy", e1, low=0.0, low_open=True)
        self.spec = self.web_spec()
        style = {"description_width": "15em"}
        layout = widgets.Layout(width="34em")
        self.sliders: dict[str, widgets.ValueWidget] = {
            p.name: p.widget(style, layout) for p in self.spec.params
        }
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%"))
        self.headline = widgets.HTML()
        self.key = widgets.HTML(_KEY_HTML)
        self.widget = widgets.VBox(
            [widgets.VBox(list(self.sliders.values())), self.headline, self.key, self.image]
        )
        self.outputs: dict[str, float] = {}
        self.redraw_count = 0
        self._build_figure()
        for s in self.sliders.values():
            s.observe(self._on_change, names="value")
        self.update()

    def web_spec(self) -> WebExplorer:
        """This explorer's declaration: sliders, and its model in SymPy (SI units).

        The sliders of :attr:`sliders` are made from it; the website runs the
        JavaScript SymPy writes from it (see :mod:`energylib.explorers.web`).
        The formulas are those :meth:`update` calls, written out operation by
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
        (growth, efficiency, discount, elasticity, interval, cost_growth, year, p0, e1,
         g_yr) = sp.symbols("growth efficiency discount elasticity interval cost_growth "
                            "year p0 e1 g_yr", real=True)
        names = ("g r delta tau k_raw scale_a scale k phase a kt_raw kt at_raw at trend_up "
                 "trend observed gap_life lifetime rd gap_pv present k_obs x_ledger exprel_l "
                 "p0_tau ledger kf_raw kf af kft aft same_rate fleet_up fleet_limit fleet")
        (g, r, delta, tau, k_raw, scale_a, scale, k, phase, a, kt_raw, kt, at_raw, at, trend_up,
         trend, observed, gap_life, lifetime, rd, gap_pv, present, k_obs, x_ledger, exprel_l,
         p0_tau, ledger, kf_raw, kf, af, kft, aft, same_rate, fleet_up, fleet_limit,
         fleet) = sp.symbols(names, real=True)
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
            below = {0: (1, r0), 1: (r0, rd), 2: (rd, 0)}  # epsilon < 1: (upper, lower)
            above = {0: (r0, 0), 1: (rd, r0), 2: (1, rd)}  # epsilon > 1
            edges = []
            for k in range(2):
                edges.append(sp.Piecewise(
                    (sp.Piecewise((1 - k, strip[code]), (0, True)), flat),
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
            # rebound._effective_exponent_and_zero: k and its rounding-zero test
            ("k_raw", g + r * (elasticity - 1)),
            ("scale_a", sp.Abs(g) + sp.Abs(elasticity * r)),
            ("scale", scale_a + sp.Abs(r)),
            ("k", sp.Piecewise((0, sp.Abs(k_raw) <= 1e-12 * scale), (k_raw, True))),
            # rebound.phase_code
            ("phase", sp.Piecewise((0, k < 0), (1, k < delta), (2, True))),
            # rebound.argument_verdict: the fleet trend, rates per interval
            ("a", sp.log(cost_growth) / tau),
            ("kt_raw", k * tau),
            ("kt", sp.Piecewise((0, sp.Abs(kt_raw) < 1e-9), (kt_raw, True))),
            ("at_raw", a * tau),
            ("at", sp.Piecewise((0, sp.Abs(at_raw) < 1e-9), (at_raw, True))),
            ("trend_up", sp.Piecewise((0, sp.Abs(kt - at) <= 1e-9), (1, kt > at), (-1, True))),
            ("trend", sp.Piecewise((trend_up, (kt > 0) | (at > 0)),
                                   (0, sp.Eq(kt, 0) & sp.Eq(at, 0)), (1, sp.Eq(kt, 0)),
                                   (-1, sp.Eq(at, 0)), (0, True))),
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
            ("exprel_l", sp.Piecewise((1, sp.Abs(x_ledger) < 1e-16), (sp.oo, x_ledger > 717),
                                      (expm1(x_ledger) / x_ledger, True))),
            ("p0_tau", p0 * tau),
            ("ledger", p0_tau * exprel_l),
            # lifecycle.fleet_limiting_ratio(tau, e1, c, p0, 1, observed, r)
            ("kf_raw", k_obs * tau),
            ("kf", sp.Piecewise((0, sp.Abs(kf_raw) < 1e-9), (k_obs, True))),
            ("af", sp.Piecewise((0, sp.Abs(at_raw) < 1e-9), (a, True))),
            ("kft", kf * tau),
            ("aft", af * tau),
            ("same_rate", sp.Piecewise((1, sp.Abs(kft - aft) <= 1e-9), (0, True))),
            ("fleet_up", sp.Piecewise((p0 * expm1(aft) / (af * e1), sp.Eq(same_rate, 1)),
                                      (sp.oo, kf > af), (0, True))),
            ("fleet_limit", sp.Piecewise((fleet_up, (kf > 0) | (af > 0)),
                                         (p0_tau / e1, sp.Eq(kf, 0) & sp.Eq(af, 0)),
                                         (sp.oo, sp.Eq(kf, 0)), (0, sp.Eq(af, 0)),
                                         (p0 * expm1(aft) / (kf * e1), True))),
            # ArgumentExplorer.update: the verdict's trend decides, the limit fills in
            ("fleet", sp.Piecewise((sp.oo, trend > 0), (0, trend < 0), (fleet_limit, True))),
        )
        times_training = "× training"
        per_yr = 1 / YEAR
        return WebExplorer(
            id="argument",
            python={"class": f"{__name__}:ArgumentExplorer",
                    "kwargs": {
                        "inference_power": float(self.inference_power),
                        "training_energy": float(self.training_energy),
                    }},
            title="Where do you stand on the phase diagram?",
            params=(
                Slider("growth", "demand growth g [1/yr]", _GROWTH_MIN, 1.0, 0.02, 0.4,
                       readout=".2f"),
                Slider("efficiency", "efficiency gain r [1/yr]", 0.0, 1.0, 0.02, 0.3,
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
            constants={"year": YEAR, "p0": float(self.inference_power),
                       "e1": float(self.training_energy)},
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
                x_range=(_GROWTH_MIN, _RATE_MAX),
                y_label="efficiency gain r [1/yr]", y_range=(0.0, _RATE_MAX),
                points=151, height=420,
                curves=(
                    Curve("k = g + (ε−1)r = 0", boundary(0), "black", width=2.0),
                    Curve("k = δ", boundary(discount), "black", dash=True,
                          width=1.5),
                    Curve("fleet: k = ln(c)/τ", boundary(a_yr), OKABE_ITO["blue"],
                          dash=True, width=1.5),
                    Curve("g = r (no rebound)", g_yr, "grey", dash=True, width=1.2),
                ),
                vlines=(
                    VLine("g = 0", 0.0, color="grey", dash=False),
                    VLine("k = 0 at ε = 1", vertical(0), color="black", dash=False),
                    VLine("k = δ at ε = 1", vertical(discount), color="black"),
                    VLine("fleet at ε = 1", vertical(a_yr), color=OKABE_ITO["blue"]),
                ),
                markers=(Marker("you are here", growth, efficiency),),
                bands=tuple(Band(PHASE_LABELS[code], *region(code), PHASE_COLORS[code])
                            for code in range(3)),
            ),),
        )

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return explorer_mimebundle(self.widget, self.spec)

    def _build_figure(self) -> None:
        use_book_style()
        self.figure = Figure(figsize=(6.6, 4.6), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.12, right=0.97, bottom=0.12, top=0.97)
        ax = self.figure.add_subplot()
        ax.set_xlim(_GROWTH_MIN, _RATE_MAX)
        ax.set_ylim(0.0, _RATE_MAX)
        ax.axvline(0.0, color="grey", linewidth=0.8)
        ax.grid(False)
        ax.set_xlabel("exogenous demand growth g [1/yr]")
        ax.set_ylabel("efficiency gain r [1/yr]")
        # The no-rebound diagonal g = r, drawn over the regions (so animated too).
        (self._diagonal,) = ax.plot([0, _RATE_MAX], [0, _RATE_MAX], color="grey",
                                    linestyle=":", linewidth=1.2)
        # Regions as polygons over a background of the "diverges even discounted" colour:
        # left of the discounted boundary is "present value finite", left of k = 0
        # "converges". Polygons draw in well under a millisecond; an image does not.
        ax.set_facecolor(PHASE_COLORS[2])
        self._pv_region = Polygon(np.zeros((4, 2)), closed=True, facecolor=PHASE_COLORS[1],
                                  edgecolor="none", zorder=0)
        self._converges_region = Polygon(np.zeros((4, 2)), closed=True,
                                         facecolor=PHASE_COLORS[0], edgecolor="none", zorder=0)
        ax.add_patch(self._pv_region)
        ax.add_patch(self._converges_region)
        (self._boundary,) = ax.plot([], [], color="black", linewidth=2.0)
        (self._discounted,) = ax.plot([], [], color="black", linestyle="--", linewidth=1.5)
        (self._fleet,) = ax.plot([], [], color=OKABE_ITO["blue"], linestyle="-.",
                                 linewidth=1.5)
        (self._point,) = ax.plot([], [], "o", color="white", markeredgecolor="black",
                                 markersize=11, markeredgewidth=2.0)
        self._ax = ax
        self._dynamic = [self._pv_region, self._converges_region, self._diagonal,
                         self._boundary, self._discounted, self._fleet,
                         self._point]
        for artist in self._dynamic:
            artist.set_animated(True)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)

    def _on_change(self, change: dict) -> None:
        self.update()

    def update(self, **values: float) -> dict[str, float]:
        """Set any sliders given by name, recompute and redraw.

        Parameters
        ----------
        **values : float
            New slider values by name (in the sliders' own units).

        Returns
        -------
        dict[str, float]
            ``effective_exponent`` k [1/s], ``observed_growth`` g + εr [1/s],
            ``phase`` (code of :data:`energylib.rebound.PHASE_LABELS`),
            ``per_model_diverges``, ``present_value_finite``, ``backfire``
            (0 or 1), ``lifetime_ratio`` (one model never retired, inference ÷
            training, ``inf`` if divergent), ``present_value_ratio``,
            ``ledger_ratio`` (one model retired after ``tau``), ``fleet_ratio``
            (limit, may be 0 or ``inf``) [-], ``fleet_verdict`` (0 training
            dominates, 1 a finite ratio, 2 inference dominates: the verdict's
            ``fleet_trend + 1``) and ``rebound`` (0 for ``epsilon < 1``, 1 for
            ``epsilon = 1``, 2 for backfire).
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; known: {sorted(self.sliders)}")
        set_sliders_quietly(self.sliders, values, self._on_change)

        v = {name: float(s.value) for name, s in self.sliders.items()}
        g, r = float(per_year(v["growth"])), float(per_year(v["efficiency"]))
        delta, eps = float(per_year(v["discount"])), v["elasticity"]
        tau, c = v["interval"] * YEAR, v["cost_growth"]
        p0, e1 = self.inference_power, self.training_energy
        verdict = argument_verdict(g, r, eps, delta, tau, c)
        observed = float(induced_demand_growth_rate(g, r, eps))  # what a traffic chart shows
        lifetime = float(limiting_inference_energy(p0, 1.0, observed, r))
        present = float(limiting_inference_energy(p0, 1.0, observed, r, discount_rate=delta))
        ledger = float(cumulative_inference_energy(tau, p0, 1.0, observed, r))
        if verdict.fleet_trend == 1:
            fleet = math.inf
        elif verdict.fleet_trend == -1:
            fleet = 0.0
        else:
            fleet = fleet_limiting_ratio(tau, e1, c, p0, 1.0, observed, r)
        self.outputs = {
            "effective_exponent": verdict.effective_exponent,
            "observed_growth": observed,
            "phase": float(phase_code(g, r, eps, delta)),
            "per_model_diverges": float(verdict.per_model_diverges),
            "present_value_finite": float(verdict.present_value_finite),
            "backfire": float(verdict.backfire),
            "lifetime_ratio": lifetime / e1,
            "present_value_ratio": present / e1,
            "ledger_ratio": ledger / e1,
            "fleet_ratio": fleet,
            "fleet_verdict": float(verdict.fleet_trend + 1),
            "rebound": 2.0 if eps > 1 else (0.0 if eps < 1 else 1.0),
        }
        self._redraw(v)
        self._write_headline(v, verdict.describe())
        return self.outputs

    def _redraw(self, v: dict[str, float]) -> None:
        eps, delta = v["elasticity"], v["discount"]
        zero = phase_boundary(eps, 0.0, _RATE_MAX)
        discounted = phase_boundary(eps, delta, _RATE_MAX)
        self._converges_region.set_xy(_left_of(*zero))
        self._pv_region.set_xy(_left_of(*discounted))
        self._boundary.set_data(*zero)
        self._discounted.set_data(*discounted)
        a = math.log(v["cost_growth"]) / v["interval"]  # training growth [1/yr]
        self._fleet.set_data(*phase_boundary(eps, a, _RATE_MAX))
        self._point.set_data([v["growth"]], [v["efficiency"]])
        canvas = self._canvas
        canvas.restore_region(self._background)
        for artist in self._dynamic:
            self._ax.draw_artist(artist)
        self.image.value = canvas_png(canvas, rgb=True)
        self.redraw_count += 1

    def _write_headline(self, v: dict[str, float], words: dict[str, str]) -> None:
        o = self.outputs
        k_yr = o["effective_exponent"] * YEAR
        holds = "holds" if o["per_model_diverges"] else "fails"
        lifetime = ("∞" if math.isinf(o["lifetime_ratio"])
                    else f"{_fmt_ratio(o['lifetime_ratio'])} × training")
        present = ("∞" if math.isinf(o["present_value_ratio"])
                   else f"{_fmt_ratio(o['present_value_ratio'])} × training")
        rebound = ("<b>backfire</b> (direct rebound): efficiency gains raise energy (ε &gt; 1)"
                   if o["backfire"] else "no backfire: efficiency gains save energy (ε ≤ 1)"
                   if v["elasticity"] < 1 else "ε = 1: efficiency gains change nothing")
        self.headline.value = (
            f"<b>Region:</b> {PHASE_LABELS[int(o['phase'])]} &nbsp;·&nbsp; "
            f"k = g + (ε−1)r = {k_yr:+.2f}/yr (observed demand growth "
            f"{o['observed_growth'] * YEAR:.2f}/yr)<br>"
            f"<b>One model, never retired:</b> inference ÷ its training → {lifetime}; "
            f"the syllogism's conclusion (C10) <b>{holds}</b> &nbsp;·&nbsp; "
            f"present value at δ: {present}<br>"
            f"<b>One model retired after τ = {v['interval']:g} yr:</b> "
            f"{_fmt_ratio(o['ledger_ratio'])} × training &nbsp;·&nbsp; "
            f"<b>fleet, retrained every τ:</b> ratio → {_fmt_ratio(o['fleet_ratio'])} "
            f"({words['fleet']})<br>{rebound}"
        )
