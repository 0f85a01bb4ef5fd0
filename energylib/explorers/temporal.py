"""Interactive explorers (ipywidgets) used by the chapters.

An explorer is a small object: sliders, a figure drawn once and updated in
place, and a headline of numbers.  Moving a slider calls :meth:`update`, which
recomputes with :mod:`energylib.lifecycle` and redraws; tests drive
:meth:`update` directly at every slider's extremes.

The figure is shown as an :class:`ipywidgets.Image` holding a PNG, so a
static web page (no Python kernel) still shows the explorer's first state.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator

from ..lifecycle import (
    break_even_time,
    cumulative_inference_energy,
    limiting_inference_energy,
)
from ..style import INFERENCE_COLOR, TRAINING_COLOR, use_book_style
from ..units import DAY, GWH, WH, YEAR, per_year
from ..validation import check_scalar
from .common import canvas_png, set_sliders_quietly
from .web import (
    Curve,
    Marker,
    Output,
    Plot,
    Slider,
    VLine,
    WebExplorer,
    explorer_mimebundle,
    expm1,
    log1p,
)

__all__ = ["TemporalExplorer", "format_duration"]

_ENERGY_AXIS_GWH = (1e-3, 1e7)  # the explorer's fixed energy axis [GWh]

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="color:{INFERENCE_COLOR}">━━</span> cumulative inference &nbsp; '
    f'<span style="color:{TRAINING_COLOR}">━━</span> training run &nbsp; '
    f'<span style="color:{INFERENCE_COLOR}">┅┅</span> limit as T → ∞ &nbsp; '
    '<span style="color:grey">╌╌</span> horizon &nbsp; '
    "● break-even</span>"
)


def format_duration(seconds: float) -> str:
    """A duration in words a reader takes in at a glance.

    Parameters
    ----------
    seconds : float
        Duration [s]; ``inf`` means "never".

    Examples
    --------
    >>> format_duration(3 * 86400)
    '3.0 days'
    >>> format_duration(2.5 * 365.25 * 86400)
    '2.5 years'
    >>> format_duration(float("inf"))
    'never'
    """
    if math.isinf(seconds):
        return "never"
    if seconds < 90 * DAY:
        return f"{seconds / DAY:.1f} days"
    if seconds < 2 * YEAR:
        return f"{seconds / (YEAR / 12):.1f} months"
    return f"{seconds / YEAR:.1f} years"


class TemporalExplorer:
    """Cumulative inference energy against one training run, with sliders.

    Sliders: demand growth ``g`` and efficiency gain ``r`` [1/year], horizon
    [years], training energy [GWh] and starting demand [queries/day].  The
    energy per query at launch is fixed at ``e0`` (default 0.3 Wh, Epoch AI's
    estimate for a typical GPT-4o query).

    Parameters
    ----------
    e0_wh : float
        Energy per query at launch (> 0) [Wh].
    training_gwh : float
        Starting value of the training-energy slider, in [1, 1000] [GWh].

    Attributes
    ----------
    sliders : dict[str, ipywidgets.widget]
        The sliders by name: ``growth``, ``efficiency``, ``horizon``,
        ``training``, ``queries_per_day``.
    image : ipywidgets.Image
        The figure, as a PNG.
    headline : ipywidgets.HTML
        Break-even time, ratio at the horizon and the limit.
    widget : ipywidgets.VBox
        Everything, ready to display.
    outputs : dict[str, float]
        The numbers of the last update (SI units).
    redraw_count : int
        How many times the figure has been drawn.

    Examples
    --------
    >>> ex = TemporalExplorer()
    >>> out = ex.update(growth=0.0, efficiency=0.0, training=50.0, queries_per_day=1e9)
    >>> round(out["break_even_time"] / DAY)  # 50 GWh at a constant 12.5 MW
    167
    """

    def __init__(self, e0_wh: float = 0.3, training_gwh: float = 50.0) -> None:
        self.e0 = check_scalar("e0_wh", e0_wh, low=0.0, low_open=True) * WH
        training_gwh = check_scalar("training_gwh", training_gwh, low=1.0, high=1000.0)
        self.spec = self.web_spec(training_gwh)
        style = {"description_width": "13em"}
        layout = widgets.Layout(width="32em")
        self.sliders: dict[str, widgets.ValueWidget] = {
            p.name: p.widget(style, layout) for p in self.spec.params
        }
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%"))
        self.headline = widgets.HTML()
        # The key is HTML, not a matplotlib legend: text is the slow part of a redraw.
        self.key = widgets.HTML(_KEY_HTML)
        self.widget = widgets.VBox(
            [widgets.VBox(list(self.sliders.values())), self.headline, self.key, self.image]
        )
        self.outputs: dict[str, float] = {}
        self.redraw_count = 0
        self._build_figure()
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.update()

    def web_spec(self, training_gwh: float = 50.0) -> WebExplorer:
        """This explorer's declaration: sliders, and its model in SymPy (SI units).

        The sliders of :attr:`sliders` are made from it; the website runs the
        JavaScript SymPy writes from it (see :mod:`energylib.explorers.web`).
        The formulas are those of :mod:`energylib.lifecycle` (and
        :mod:`energylib.symbolic.lifecycle`): ``E(T) = p0 expm1(kT)/k``,
        ``T* = ln(1 + k E/p0)/k``, limit ``p0/(r - g)`` for ``k = g - r < 0``.
        """
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
            python={"class": f"{__name__}:TemporalExplorer",
                    "kwargs": {"e0_wh": float(self.e0 / WH), "training_gwh": training_gwh}},
            params=(
                Slider("growth", "demand growth g [1/yr]", 0.0, 1.0, 0.02, 0.4,
                       readout=".2f", to_si=1 / YEAR),
                Slider("efficiency", "efficiency gain r [1/yr]", 0.0, 1.0, 0.02, 0.3,
                       readout=".2f", to_si=1 / YEAR),
                Slider("horizon", "horizon [years]", 1.0, 30.0, 1.0, 10.0, readout=".0f",
                       to_si=YEAR),
                Slider("training", "training energy [GWh]", 0.0, 3.0, 0.05, training_gwh,
                       log=True, to_si=GWH),
                Slider("queries_per_day", "queries per day at launch", 5.0, 10.0, 0.1, 1e9,
                       log=True, readout=".2g", to_si=1 / DAY),
            ),
            constants={"e0": float(self.e0)},
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
                    Curve("beyond the horizon",
                          sp.Piecewise((cumulative(t_s) / GWH, t_s >= horizon),
                                       (sp.nan, True)),
                          INFERENCE_COLOR, alpha=0.35, legend=False),
                    Curve("training run", e_train / GWH, TRAINING_COLOR),
                    Curve("limit as T → ∞",
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
        )

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return explorer_mimebundle(self.widget, self.spec)

    def _build_figure(self) -> None:
        use_book_style()
        self.figure = Figure(figsize=(7.0, 3.8), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        # A fixed layout: constrained or tight layout would double the redraw time.
        self.figure.subplots_adjust(left=0.11, right=0.98, bottom=0.13, top=0.97)
        ax = self.figure.add_subplot()
        # Fixed axes: the whole slider range in time, ten decades of energy. Moving a
        # slider then changes only the curves, which are drawn over a background
        # rendered once (text is the slow part of a matplotlib redraw), and the reader
        # can compare one setting with the next on the same scale.
        ax.set_xlim(0.0, self.sliders["horizon"].max)
        ax.set_ylim(*_ENERGY_AXIS_GWH)
        ax.set_xlabel("years since launch [yr]")
        ax.set_ylabel("cumulative energy [GWh]")
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(numticks=12))
        ax.yaxis.set_minor_locator(NullLocator())
        (self._inference_line,) = ax.plot([], [], color=INFERENCE_COLOR)
        (self._beyond_line,) = ax.plot([], [], color=INFERENCE_COLOR, alpha=0.35)
        self._training_line = ax.axhline(1.0, color=TRAINING_COLOR)
        self._limit_line = ax.axhline(1.0, color=INFERENCE_COLOR, linestyle=":")
        self._horizon_line = ax.axvline(1.0, color="grey", linestyle="--", linewidth=1.0)
        (self._break_even,) = ax.plot([], [], "o", color="black")
        self._ax = ax
        self._dynamic = [self._beyond_line, self._inference_line, self._training_line,
                         self._limit_line, self._horizon_line, self._break_even]
        for artist in self._dynamic:
            artist.set_animated(True)  # left out of canvas.draw(), drawn by _redraw
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
            ``break_even_time`` [s], ``ratio_at_horizon`` [-],
            ``inference_energy`` [J] at the horizon, ``limit`` [J] (``inf`` if
            divergent), ``training_energy`` [J].
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; known: {sorted(self.sliders)}")
        set_sliders_quietly(self.sliders, values, self._on_change)

        s = {name: float(slider.value) for name, slider in self.sliders.items()}
        g, r = float(per_year(s["growth"])), float(per_year(s["efficiency"]))
        q0 = s["queries_per_day"] / DAY
        e_train = s["training"] * GWH
        horizon = s["horizon"] * YEAR
        # The curve over the whole time axis; the part beyond the horizon is drawn faint.
        t = np.linspace(0.0, self.sliders["horizon"].max * YEAR, 301)
        e_inf = np.asarray(cumulative_inference_energy(t, q0, self.e0, g, r))
        e_horizon = float(cumulative_inference_energy(horizon, q0, self.e0, g, r))
        t_star = float(break_even_time(e_train, q0, self.e0, g, r))
        limit = float(limiting_inference_energy(q0, self.e0, g, r))
        self.outputs = {
            "break_even_time": t_star,
            "ratio_at_horizon": e_horizon / e_train,
            "inference_energy": e_horizon,
            "limit": limit,
            "training_energy": e_train,
        }
        self._redraw(t / YEAR, e_inf / GWH, s["horizon"], e_train / GWH, t_star / YEAR,
                     limit / GWH)
        self._write_headline(s)
        return self.outputs

    def _redraw(self, t_yr, e_inf_gwh, horizon_yr, e_train_gwh, t_star_yr, limit_gwh) -> None:
        inside = t_yr <= horizon_yr
        self._inference_line.set_data(t_yr[1:][inside[1:]], e_inf_gwh[1:][inside[1:]])
        self._beyond_line.set_data(t_yr[~inside], e_inf_gwh[~inside])
        self._training_line.set_ydata([e_train_gwh, e_train_gwh])
        self._horizon_line.set_xdata([horizon_yr, horizon_yr])
        finite_limit = math.isfinite(limit_gwh)
        self._limit_line.set_visible(finite_limit)
        if finite_limit:
            self._limit_line.set_ydata([limit_gwh, limit_gwh])
        if t_star_yr <= horizon_yr:
            self._break_even.set_data([t_star_yr], [e_train_gwh])
        else:
            self._break_even.set_data([], [])
        canvas = self._canvas
        canvas.restore_region(self._background)
        for artist in self._dynamic:
            self._ax.draw_artist(artist)
        self.image.value = canvas_png(canvas)
        self.redraw_count += 1

    def _write_headline(self, s: dict[str, float]) -> None:
        o = self.outputs
        k = s["growth"] - s["efficiency"]
        regime = "g &lt; r: converges" if k < 0 else ("g = r: grows linearly" if k == 0
                                                      else "g &gt; r: grows exponentially")
        limit = "∞" if math.isinf(o["limit"]) else f"{o['limit'] / GWH:,.0f} GWh"
        self.headline.value = (
            f"<b>Break-even:</b> {format_duration(o['break_even_time'])} &nbsp;·&nbsp; "
            f"<b>inference ÷ training after {s['horizon']:.0f} years:</b> "
            f"{o['ratio_at_horizon']:,.3g} &nbsp;·&nbsp; "
            f"<b>total as T → ∞:</b> {limit} ({regime})"
        )

