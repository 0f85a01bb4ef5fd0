"""Explorer for the chapter "The analogies, computed".

The reader moves the AI model's traffic, energy per query, serving life and
training energy, and the highway's traffic and life; the bars of
``log10(use / creation)`` for the model and the road move on one fixed log
axis beside the fixed bars of the Sun and of a human.  The pattern is that of
:class:`energylib.explorers.temporal.TemporalExplorer`: fixed axes, a
background rendered once, animated artists redrawn over it, a PNG encoded
with PIL at zlib level 1, and an HTML key instead of a matplotlib legend.
"""

from __future__ import annotations

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..analogies import ANALOGY_INPUTS, ai_ledger, highway_ledger, human_ledger, stellar_ledger
from ..style import INFERENCE_COLOR, TRAINING_COLOR, use_book_style
from ..units import GWH, WH
from ..validation import check_scalar
from .common import canvas_png, set_sliders_quietly

__all__ = ["AnalogyExplorer", "fixed_analogies"]

_ORDERS_AXIS = (-8.0, 20.0)  # the explorer's fixed axis [orders of magnitude]

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="color:{INFERENCE_COLOR}">■</span> use dwarfs creation (right of 0) &nbsp; '
    f'<span style="color:{TRAINING_COLOR}">■</span> creation dwarfs use (left of 0) &nbsp; '
    '<span style="color:grey">■</span> fixed: no slider moves it</span>'
)


def fixed_analogies() -> dict[str, float]:
    """``log10(use / creation)`` of the analogies no slider moves (the Sun, a human).

    Returns
    -------
    dict[str, float]
        Label -> orders of magnitude [-].

    Examples
    --------
    >>> {k: round(v, 1) for k, v in fixed_analogies().items()}  # doctest: +NORMALIZE_WHITESPACE
    {'Sun vs its collapse': 2.3, 'human vs first cell': 17.8,
     'human vs pregnancy': 2.9}
    """
    a = ANALOGY_INPUTS
    sun = stellar_ledger(a["solar luminosity"].value, a["solar life"].value,
                         a["solar mass"].value, a["solar radius"].value)
    cell = human_ledger(a["mammalian cell minimum"].value)
    pregnancy = human_ledger(a["pregnancy energy"].value)
    return {
        "Sun vs its collapse": sun.orders,
        "human vs first cell": cell.orders,
        "human vs pregnancy": pregnancy.orders,
    }


class AnalogyExplorer:
    """Bars of use over creation, in orders of magnitude, with sliders for a model and a road.

    Sliders: ``queries_per_day``, ``wh_per_query`` [Wh], ``serving_years``
    [yr] and ``training_gwh`` [GWh] for the AI model; ``vehicles_per_day``
    and ``road_years`` [yr] for the highway.

    Parameters
    ----------
    lanes : float, optional
        Lanes of the highway (> 0) [-].

    Attributes
    ----------
    sliders : dict[str, ipywidgets.widget]
    image : ipywidgets.Image
    headline : ipywidgets.HTML
    widget : ipywidgets.VBox
    outputs : dict[str, float]
        ``ai_orders``, ``road_orders`` [-], ``ai_creation``, ``ai_use``,
        ``road_creation``, ``road_use`` [J] of the last update.
    redraw_count : int

    Examples
    --------
    >>> ex = AnalogyExplorer()
    >>> out = ex.update(queries_per_day=1e9, wh_per_query=0.3, serving_years=1.0,
    ...                 training_gwh=56.0)
    >>> round(out["ai_orders"], 2)
    0.29
    """

    def __init__(self, lanes: float = 4.0) -> None:
        self.lanes = check_scalar("lanes", lanes, low=0.0, low_open=True)
        style = {"description_width": "15em"}
        layout = widgets.Layout(width="34em")

        def log_slider(value, lo, hi, description, fmt=".3g"):
            return widgets.FloatLogSlider(value=value, base=10, min=lo, max=hi, step=0.05,
                                          readout_format=fmt, description=description,
                                          style=style, layout=layout)

        def slider(value, lo, hi, step, description):
            return widgets.FloatSlider(value=value, min=lo, max=hi, step=step,
                                       readout_format=".2f", description=description,
                                       style=style, layout=layout)

        self.sliders: dict[str, widgets.Widget] = {
            "queries_per_day": log_slider(1e9, 2, 10, "AI: queries a day"),
            "wh_per_query": log_slider(0.3, -2, 1.5, "AI: energy per query [Wh]"),
            "serving_years": slider(1.0, 0.25, 10.0, 0.25, "AI: serving life [yr]"),
            "training_gwh": log_slider(56.0, -1, 3, "AI: training energy [GWh]"),
            "vehicles_per_day": log_slider(50_000, 1, 5.5, "road: vehicles a day"),
            "road_years": slider(40.0, 5.0, 100.0, 5.0, "road: life [yr]"),
        }
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%"))
        self.headline = widgets.HTML()
        self.key = widgets.HTML(_KEY_HTML)
        self.widget = widgets.VBox(
            [widgets.VBox(list(self.sliders.values())), self.headline, self.key, self.image]
        )
        self.outputs: dict[str, float] = {}
        self.redraw_count = 0
        self._fixed = fixed_analogies()
        self._build_figure()
        for s in self.sliders.values():
            s.observe(self._on_change, names="value")
        self.update()

    def _build_figure(self) -> None:
        use_book_style()
        self.figure = Figure(figsize=(7.2, 3.6), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.30, right=0.97, bottom=0.16, top=0.97)
        ax = self.figure.add_subplot()
        labels = ["AI model (sliders)", f"highway, {self.lanes:g} lanes (sliders)",
                  *self._fixed]
        ys = list(range(len(labels)))[::-1]
        for y, label in zip(ys[2:], list(self._fixed), strict=True):
            ax.barh([y], [self._fixed[label]], color="grey", height=0.6)
            ax.annotate(f"{self._fixed[label]:+.1f}", (self._fixed[label], y), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize=9)
        ax.set_yticks(ys, labels, fontsize=9)
        ax.set_xlim(*_ORDERS_AXIS)
        ax.set_ylim(-0.6, len(labels) - 0.4)
        ax.axvline(0.0, color="black", linewidth=1.0)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("use ÷ creation [orders of magnitude, log10]")
        (self._ai_bar,) = ax.barh([ys[0]], [1.0], color=INFERENCE_COLOR, height=0.6).patches
        (self._road_bar,) = ax.barh([ys[1]], [1.0], color=INFERENCE_COLOR,
                                    height=0.6).patches
        self._ai_text = ax.annotate("", (0, ys[0]), xytext=(4, 0), textcoords="offset points",
                                    va="center", fontsize=9)
        self._road_text = ax.annotate("", (0, ys[1]), xytext=(4, 0), textcoords="offset points",
                                      va="center", fontsize=9)
        self._ax = ax
        self._dynamic = [self._ai_bar, self._road_bar, self._ai_text, self._road_text]
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
            See :attr:`outputs`.
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; known: {sorted(self.sliders)}")
        set_sliders_quietly(self.sliders, values, self._on_change)
        v = {name: float(s.value) for name, s in self.sliders.items()}
        ai = ai_ledger(v["training_gwh"] * GWH, v["queries_per_day"], v["wh_per_query"] * WH,
                       v["serving_years"])
        road = highway_ledger(v["vehicles_per_day"], self.lanes, v["road_years"])
        self.outputs = {
            "ai_orders": ai.orders, "ai_creation": ai.creation, "ai_use": ai.use,
            "road_orders": road.orders, "road_creation": road.creation, "road_use": road.use,
        }
        self._redraw(ai.orders, road.orders)
        self._write_headline(v, ai.ratio, road.ratio)
        return self.outputs

    def _redraw(self, ai_orders: float, road_orders: float) -> None:
        for bar, text, o in ((self._ai_bar, self._ai_text, ai_orders),
                             (self._road_bar, self._road_text, road_orders)):
            bar.set_width(o)
            bar.set_facecolor(INFERENCE_COLOR if o >= 0 else TRAINING_COLOR)
            text.xy = (max(o, 0.0), bar.get_y() + bar.get_height() / 2)
            text.set_text(f"{o:+.1f}")
        canvas = self._canvas
        canvas.restore_region(self._background)
        for artist in self._dynamic:
            self._ax.draw_artist(artist)
        self.image.value = canvas_png(canvas, rgb=True)
        self.redraw_count += 1

    def _write_headline(self, v: dict[str, float], ai_ratio: float, road_ratio: float) -> None:
        def tj(joules: float) -> str:
            x = joules / 1e12
            return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"

        def words(ratio: float) -> str:
            return ("use dwarfs creation" if ratio >= 10 else
                    "use exceeds creation" if ratio >= 1 else "creation dominates")

        self.headline.value = (
            f"<b>AI model:</b> serving {self.outputs['ai_use'] / GWH:,.3g} GWh over "
            f"{v['serving_years']:g} yr against {v['training_gwh']:,.3g} GWh of training: "
            f"ratio {ai_ratio:,.3g} ({words(ai_ratio)})<br>"
            f"<b>Highway:</b> traffic {tj(self.outputs['road_use'])} TJ per km over "
            f"{v['road_years']:g} yr against {tj(self.outputs['road_creation'])} TJ per "
            f"km to build: ratio {road_ratio:,.3g} ({words(road_ratio)})"
        )
