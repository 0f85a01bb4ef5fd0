"""Explorer for the chapter "The argument, formalized, and where it breaks".

The reader sets demand growth ``g``, efficiency gain ``r``, the discount rate
``delta``, the efficiency elasticity of demand ``epsilon``, the retraining
interval ``tau`` and the cost growth per generation ``c``; a phase diagram in
the ``(g, r)`` plane shows where that point lies and a headline says which
conclusion follows.  The pattern is that of
:class:`energylib.explorers.temporal.TemporalExplorer`: fixed axes, a
background rendered once, animated artists redrawn over it, a PNG encoded
with PIL at zlib level 1, and an HTML key instead of a matplotlib legend.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
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
    GPT-4-class run of the temporal chapter).

    Parameters
    ----------
    inference_power : float, optional
        Inference power at launch ``q0 e0`` (> 0) [W].
    training_energy : float, optional
        Energy of the first training run (> 0) [J].

    Attributes
    ----------
    sliders : dict[str, ipywidgets.FloatSlider]
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
        style = {"description_width": "15em"}
        layout = widgets.Layout(width="34em")

        def slider(value, lo, hi, step, fmt, description):
            return widgets.FloatSlider(value=value, min=lo, max=hi, step=step,
                                       readout_format=fmt, description=description,
                                       style=style, layout=layout)

        self.sliders: dict[str, widgets.FloatSlider] = {
            "growth": slider(0.4, _GROWTH_MIN, 1.0, 0.02, ".2f", "demand growth g [1/yr]"),
            "efficiency": slider(0.3, 0.0, 1.0, 0.02, ".2f", "efficiency gain r [1/yr]"),
            "discount": slider(0.05, 0.0, 0.5, 0.01, ".2f", "discount rate δ [1/yr]"),
            "elasticity": slider(0.0, 0.0, 3.0, 0.05, ".2f", "efficiency elasticity ε [-]"),
            "interval": slider(1.0, 0.5, 5.0, 0.25, ".2f", "retraining interval τ [yr]"),
            "cost_growth": slider(1.0, 0.5, 4.0, 0.05, ".2f", "cost × per generation c [-]"),
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
            (limit, may be 0 or ``inf``) [-].
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
