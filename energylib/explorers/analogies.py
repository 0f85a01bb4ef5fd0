"""Explorer for the chapter "The analogies, computed".

The reader moves the AI model's traffic, energy per query, serving life and
training energy, and the highway's traffic and life; the bars of
``log10(use / creation)`` for the model and the road move on one fixed log
axis beside the fixed bars of the Sun and of a human.

The explorer is declared once (:meth:`AnalogyExplorer.web_spec`, a
:class:`~energylib.explorers.web.WebExplorer`): its ipywidgets sliders are
made from the declaration, and the book's website runs the same declaration
without a kernel, as JavaScript that SymPy writes from the ledgers'
formulas (vertical bars there, horizontal in the kernel's figure).  In a
kernel the pattern is that of
:class:`energylib.explorers.temporal.TemporalExplorer`: fixed axes, a
background rendered once, animated artists redrawn over it, a PNG encoded
with PIL at zlib level 1, and an HTML key instead of a matplotlib legend.
"""

from __future__ import annotations

import inspect

import ipywidgets as widgets
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..analogies import ANALOGY_INPUTS, ai_ledger, highway_ledger, human_ledger, stellar_ledger
from ..style import INFERENCE_COLOR, TRAINING_COLOR, use_book_style
from ..units import DAY, GWH, WH, YEAR
from ..validation import check_scalar
from .common import canvas_png, set_sliders_quietly
from .web import Bar, Label, Output, Plot, Slider, WebExplorer, explorer_mimebundle

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
    and ``road_years`` [yr] for the highway.  They are made from
    :attr:`spec`, which the book's website runs without a kernel; displaying
    the explorer shows the widget in Jupyter and the kernel-free HTML on the
    website.

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
        ``ai_orders``, ``road_orders``, ``ai_ratio``, ``road_ratio`` [-],
        ``ai_creation``, ``ai_use``, ``road_creation``, ``road_use`` [J] of the
        last update (the road's energies are for ``length`` = 1 km of road).
    spec : WebExplorer
        The declaration (see :meth:`web_spec`) the sliders and the website
        are made from.
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
        self._fixed = fixed_analogies()
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
        The formulas are those of :mod:`energylib.analogies` (with
        :func:`energylib.lifecycle.model_ledger` at ``g = r = 0``):

        * AI: creation = training energy, use = ``q e T`` (queries per
          second, energy per query, serving life);
        * highway: creation = lanes x length x construction per metre of
          lane (no slider moves it), use = vehicles per second x length x
          fuel per vehicle-metre x life, with the defaults of
          :func:`~energylib.analogies.highway_ledger`;
        * orders of magnitude ``log10(use) - log10(creation)``.

        The page draws vertical bars from zero (the Python figure draws them
        horizontally): blue when use exceeds creation, vermillion when
        creation dominates, grey for the analogies no slider moves.
        """
        defaults = inspect.signature(highway_ledger).parameters
        length = float(defaults["length"].default)  # [m]; cancels in the ratio
        per_vehicle_metre = float(defaults["energy_per_vehicle_km"].default) / 1e3  # [J/m]
        # The road's construction energy: exactly energylib's number (no slider moves it).
        road_creation = highway_ledger(1.0, self.lanes, 1.0).creation
        (q, e, t_serve, e_train, vehicles, t_road, ell, e_vehicle, c_road) = sp.symbols(
            "queries_per_day wh_per_query serving_years training_gwh vehicles_per_day "
            "road_years road_length vehicle_energy road_creation", real=True)
        ai_use, ai_ratio, road_use, road_ratio = sp.symbols(
            "ai_use ai_ratio road_use road_ratio", real=True)

        def orders(use: sp.Expr, creation: sp.Expr) -> sp.Expr:
            return sp.log(use) / sp.log(10) - sp.log(creation) / sp.log(10)

        def words(ratio: sp.Expr) -> sp.Expr:
            return sp.Piecewise((0, ratio >= 10), (1, ratio >= 1), (2, True))

        verdicts = ("use dwarfs creation", "use exceeds creation", "creation dominates")
        fixed = list(self._fixed.items())
        return WebExplorer(
            id="analogies",
            python={"class": f"{__name__}:AnalogyExplorer",
                    "kwargs": {"lanes": float(self.lanes)}},
            title="Creation against use: an AI model and a highway beside the Sun and a human",
            params=(
                Slider("queries_per_day", "AI: queries a day", 2.0, 10.0, 0.05, 1e9,
                       log=True, to_si=1 / DAY),
                Slider("wh_per_query", "AI: energy per query [Wh]", -2.0, 1.5, 0.05, 0.3,
                       log=True, to_si=WH),
                Slider("serving_years", "AI: serving life [yr]", 0.25, 10.0, 0.25, 1.0,
                       readout=".2f", to_si=YEAR),
                Slider("training_gwh", "AI: training energy [GWh]", -1.0, 3.0, 0.05, 56.0,
                       log=True, to_si=GWH),
                Slider("vehicles_per_day", "road: vehicles a day", 1.0, 5.5, 0.05, 50_000.0,
                       log=True, to_si=1 / DAY),
                Slider("road_years", "road: life [yr]", 5.0, 100.0, 5.0, 40.0,
                       readout=".2f", to_si=YEAR),
            ),
            constants={"road_length": length, "vehicle_energy": per_vehicle_metre,
                       "road_creation": float(road_creation)},
            definitions=(
                ("ai_use", q * e * t_serve),
                ("ai_ratio", ai_use / e_train),
                ("ai_orders", orders(ai_use, e_train)),
                ("road_use", vehicles * ell * e_vehicle * t_road),
                ("road_ratio", road_use / c_road),
                ("road_orders", orders(road_use, c_road)),
            ),
            outputs=(
                Output("ai_use", "AI model: serving energy", ai_use, unit="GWh", scale=GWH),
                Output("ai_creation", "against training", e_train, unit="GWh", scale=GWH),
                Output("ai_ratio", "ratio", ai_ratio),
                Output("ai_verdict", "so", words(ai_ratio), fmt="text", texts=verdicts,
                       check=False),
                Output("ai_orders", "AI bar [orders of magnitude]",
                       sp.Symbol("ai_orders", real=True)),
                Output("road_use", "highway: traffic energy", road_use, unit="TJ per km",
                       scale=1e12 * length / 1e3),
                Output("road_creation", "against construction", c_road, unit="TJ per km",
                       scale=1e12 * length / 1e3),
                Output("road_ratio", "ratio", road_ratio),
                Output("road_verdict", "so", words(road_ratio), fmt="text", texts=verdicts,
                       check=False),
                Output("road_orders", "highway bar [orders of magnitude]",
                       sp.Symbol("road_orders", real=True)),
            ),
            plots=(Plot(
                x_label="", y_label="use ÷ creation [orders of magnitude]",
                x_range=(-0.5, len(fixed) + 1.5), y_range=_ORDERS_AXIS, height=360,
                bar_base=0.0,
                bars=(
                    Bar("AI model\n(sliders)", sp.Symbol("ai_orders", real=True),
                        INFERENCE_COLOR, negative_color=TRAINING_COLOR),
                    Bar(f"highway, {self.lanes:g} lanes\n(sliders)",
                        sp.Symbol("road_orders", real=True), INFERENCE_COLOR,
                        negative_color=TRAINING_COLOR),
                    # Two lines each ("Sun vs\nits collapse"): one line would overlap.
                    *(Bar(label.replace(" vs ", " vs\n"), value, "grey")
                      for label, value in fixed),
                ),
                labels=tuple(Label(f"{value:+.1f}", k + 2 - 0.15, value + 0.6, "black")
                             for k, (label, value) in enumerate(fixed)),
            ),),
            note=("Bars: log10(use ÷ creation). Blue: use exceeds creation (above 0); "
                  "vermillion: creation dominates (below 0); grey: fixed, no slider "
                  "moves it."),
        )

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return explorer_mimebundle(self.widget, self.spec)

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
            "ai_ratio": ai.ratio,
            "road_orders": road.orders, "road_creation": road.creation, "road_use": road.use,
            "road_ratio": road.ratio,
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
