"""Explorer of the thermodynamics chapter: an efficiency trend meets the Landauer floor.

Same pattern as :mod:`energylib.explorers.temporal`: the explorer is declared
once (:meth:`LandauerExplorer.web_spec`, a :class:`~energylib.explorers.web.WebExplorer`
with the model in SymPy); its ipywidgets sliders are made from the declaration
and the book's website runs the same declaration without a kernel.  In a
kernel the numbers come from :mod:`energylib.thermo`, and the figure has fixed
axes, a background rendered once, animated artists redrawn over it, sent as a
PNG in an :class:`ipywidgets.Image` with an HTML key instead of a matplotlib
legend.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator

from ..style import INFERENCE_COLOR, OKABE_ITO, use_book_style
from ..thermo import (
    BOLTZMANN_CONSTANT,
    landauer_crossing_time,
    landauer_energy,
    landauer_headroom,
    trend_energy_per_flop,
)
from ..validation import check_scalar
from .common import canvas_png, set_sliders_quietly
from .web import Curve, Marker, Output, Plot, Slider, VLine, WebExplorer, explorer_mimebundle

__all__ = ["LandauerExplorer"]

_YEARS = (2000.0, 2300.0)  # the fixed time axis [calendar year]
_ENERGY_AXIS = (1e-25, 1e-8)  # the fixed energy-per-FLOP axis [J]
_FLOOR_COLOR = OKABE_ITO["bluish green"]

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="color:{INFERENCE_COLOR}">━━</span> energy per FLOP on the trend &nbsp; '
    f'<span style="color:{INFERENCE_COLOR}">┅┅</span> the same trend, looking back &nbsp; '
    f'<span style="color:{_FLOOR_COLOR}">━━</span> Landauer floor per FLOP &nbsp; '
    "■ today &nbsp; ● trend meets the floor</span>"
)


class LandauerExplorer:
    """When would a Koomey-style efficiency trend reach the Landauer floor?

    Energy per FLOP falls as ``E_now 2^(-t/T2)`` from ``start_year``; the floor
    is ``bits_per_flop k_B T ln 2``.  Sliders: doubling time ``T2`` [yr],
    bits erased per FLOP, temperature [K] and today's efficiency [FLOP/J].
    The headline gives the crossing time ``t* = T2 log2(E_now / E_floor)``,
    the calendar year it points to and today's headroom over the floor.

    The explorer is declared once (:attr:`spec`, see :meth:`web_spec`): the
    sliders are made from it, and the website runs it without a kernel.

    Parameters
    ----------
    start_year : float
        Calendar year of today's efficiency, in [2000, 2100] [yr].
    flop_per_joule : float
        Starting value of the efficiency slider, in [1e10, 1e14] [FLOP/J].

    Attributes
    ----------
    spec : WebExplorer
        The declaration: sliders, and the model in SymPy.
    sliders : dict[str, ipywidgets.widget]
        ``doubling_time``, ``bits_per_flop``, ``temperature``, ``flop_per_joule``.
    image : ipywidgets.Image
        The figure, as a PNG.
    headline : ipywidgets.HTML
        Crossing time, year and headroom.
    widget : ipywidgets.VBox
        Everything, ready to display.
    outputs : dict[str, float]
        The numbers of the last update (SI units; ``crossing_year`` in years).
    redraw_count : int
        How many times the figure has been drawn.

    Examples
    --------
    >>> ex = LandauerExplorer()
    >>> out = ex.update(doubling_time=2.6, bits_per_flop=1.0, temperature=300.0,
    ...                 flop_per_joule=989e12 / 700)
    >>> round(out["crossing_year"])
    2095
    """

    def __init__(self, start_year: float = 2023.0, flop_per_joule: float = 989e12 / 700) -> None:
        self.start_year = check_scalar("start_year", start_year, low=2000.0, high=2100.0)
        flop_per_joule = check_scalar("flop_per_joule", flop_per_joule, low=1e10, high=1e14)
        self.spec = self.web_spec(self.start_year, flop_per_joule)
        style = {"description_width": "13em"}
        layout = widgets.Layout(width="32em")
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
        self._years = np.linspace(_YEARS[0], _YEARS[1], 301)
        self._build_figure()
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.update()

    def web_spec(
        self, start_year: float = 2023.0, flop_per_joule: float = 989e12 / 700
    ) -> WebExplorer:
        """This explorer's declaration: sliders, and its model in SymPy.

        The sliders of :attr:`sliders` are made from it; the website runs the
        JavaScript SymPy writes from it (see :mod:`energylib.explorers.web`).
        The formulas are those of :mod:`energylib.thermo`: floor
        ``E_f = bits k_B T ln 2``, headroom ``E_now / E_f``, crossing time
        ``t* = T2 max(log2(E_now / E_f), 0)`` and the trend
        ``max(E_now 2^(-t/T2), E_f)``.  Time is in years here, as in
        :attr:`outputs` (``doubling_time`` and ``crossing_time`` [yr]).

        Parameters
        ----------
        start_year : float
            Calendar year of today's efficiency [yr].
        flop_per_joule : float
            Starting value of the efficiency slider [FLOP/J].
        """
        t2, bits, temperature, fpj = sp.symbols(
            "doubling_time bits_per_flop temperature flop_per_joule", real=True)
        k_b, year0, year = sp.symbols("k_B start_year year", real=True)
        e_now, e_floor, ratio, t_star, crossing = sp.symbols(
            "e_now e_floor ratio t_star crossing_year", real=True)
        trend = sp.Max(e_now * 2 ** (-(year - year0) / t2), e_floor)
        return WebExplorer(
            id="thermo",
            python={"class": f"{__name__}:LandauerExplorer",
                    "kwargs": {
                        "start_year": float(start_year),
                        "flop_per_joule": float(flop_per_joule),
                    }},
            title="When would the efficiency trend meet the Landauer floor?",
            params=(
                Slider("doubling_time", "doubling time T₂ [yr]", 0.5, 6.0, 0.1, 2.6,
                       readout=".1f"),
                Slider("bits_per_flop", "bits erased per FLOP", 0.0, 4.0, 0.001, 16.0,
                       log=True, readout=".3g"),
                Slider("temperature", "temperature T [K]", 4.0, 400.0, 1.0, 300.0,
                       readout=".0f"),
                Slider("flop_per_joule", "today's efficiency [FLOP/J]", 10.0, 14.0, 0.001,
                       flop_per_joule, log=True, readout=".3g"),
            ),
            constants={"k_B": BOLTZMANN_CONSTANT, "start_year": float(start_year)},
            definitions=(
                ("e_now", 1 / fpj),
                ("e_floor", bits * k_b * temperature * sp.log(2)),
                ("ratio", e_now / e_floor),
                ("t_star", sp.Piecewise((t2 * sp.log(ratio, 2), ratio > 1), (0, True))),
                ("crossing_year", year0 + t_star),
            ),
            outputs=(
                Output("crossing_time", "trend meets the floor in", t_star, unit="years",
                       fmt="int"),
                Output("crossing_year", "around", crossing, fmt="year"),
                Output("crossing_where", "crossing",
                       sp.Piecewise((0, sp.Eq(t_star, 0)), (1, crossing <= _YEARS[1]),
                                    (2, True)),
                       fmt="text", check=False,
                       texts=("already at or below the floor", "on the chart (green dot)",
                              f"beyond the chart (after {_YEARS[1]:.0f})")),
                Output("headroom", "headroom today", ratio, unit="× the floor", fmt="g2"),
                Output("floor", "floor", e_floor, unit="J per FLOP", fmt="g2"),
            ),
            plots=(Plot(
                x=year, x_label="year [calendar year]", x_range=_YEARS,
                y_label="energy per FLOP [J]", y_range=_ENERGY_AXIS, y_log=True,
                curves=(
                    Curve("energy per FLOP on the trend",
                          sp.Piecewise((trend, year >= year0), (sp.nan, True)),
                          INFERENCE_COLOR),
                    Curve("the same trend, looking back",
                          sp.Piecewise((trend, year <= year0), (sp.nan, True)),
                          INFERENCE_COLOR, dash=True),
                    Curve("Landauer floor per FLOP", e_floor, _FLOOR_COLOR),
                ),
                vlines=(VLine("starting year", year0),),
                markers=(
                    Marker("energy per FLOP today", year0, e_now),
                    Marker("trend meets the floor",
                           sp.Piecewise((crossing, crossing <= _YEARS[1]), (sp.nan, True)),
                           e_floor, color=_FLOOR_COLOR),
                ),
            ),),
            note=(f"The trend is dashed before {start_year:.0f} and flattens once it "
                  "reaches the floor; the black dot is today, the green dot the year the "
                  "trend meets the floor."),
        )

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return explorer_mimebundle(self.widget, self.spec)

    def _build_figure(self) -> None:
        use_book_style()
        self.figure = Figure(figsize=(7.0, 3.8), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.12, right=0.98, bottom=0.13, top=0.97)
        ax = self.figure.add_subplot()
        ax.set_xlim(*_YEARS)
        ax.set_ylim(*_ENERGY_AXIS)
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(numticks=10))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_xlabel("year [calendar year]")
        ax.set_ylabel("energy per FLOP [J]")
        ax.axvline(self.start_year, color="grey", linewidth=0.8, linestyle="--")
        (self._past,) = ax.plot([], [], color=INFERENCE_COLOR, linestyle=":")
        (self._future,) = ax.plot([], [], color=INFERENCE_COLOR)
        self._floor = ax.axhline(1e-21, color=_FLOOR_COLOR)
        (self._today,) = ax.plot([], [], "s", color="black")
        (self._crossing,) = ax.plot([], [], "o", color=_FLOOR_COLOR, markeredgecolor="black")
        self._ax = ax
        self._dynamic = [self._past, self._future, self._floor, self._today, self._crossing]
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
            ``energy_now`` [J/FLOP], ``floor`` [J/FLOP], ``headroom`` [-],
            ``crossing_time`` [yr], ``crossing_year`` [calendar year].
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; known: {sorted(self.sliders)}")
        set_sliders_quietly(self.sliders, values, self._on_change)

        s = {name: float(slider.value) for name, slider in self.sliders.items()}
        e_now = 1.0 / s["flop_per_joule"]
        floor = float(landauer_energy(s["bits_per_flop"], s["temperature"]))
        t_star = float(landauer_crossing_time(e_now, floor, s["doubling_time"]))
        self.outputs = {
            "energy_now": e_now,
            "floor": floor,
            "headroom": float(landauer_headroom(e_now, s["bits_per_flop"], s["temperature"])),
            "crossing_time": t_star,
            "crossing_year": self.start_year + t_star,
        }
        self._redraw(e_now, floor, s["doubling_time"])
        self._write_headline()
        return self.outputs

    def _redraw(self, e_now: float, floor: float, doubling_time: float) -> None:
        years = self._years
        energy = np.maximum(
            np.asarray(trend_energy_per_flop(years - self.start_year, e_now, doubling_time)),
            floor,  # the trend cannot go below physics: it flattens on the floor
        )
        past = years <= self.start_year
        self._past.set_data(years[past], energy[past])
        self._future.set_data(years[~past], energy[~past])
        self._floor.set_ydata([floor, floor])
        self._today.set_data([self.start_year], [e_now])
        year = self.outputs["crossing_year"]
        if year <= _YEARS[1]:
            self._crossing.set_data([year], [floor])
        else:
            self._crossing.set_data([], [])
        canvas = self._canvas
        canvas.restore_region(self._background)
        for artist in self._dynamic:
            self._ax.draw_artist(artist)
        self.image.value = canvas_png(canvas)
        self.redraw_count += 1

    def _write_headline(self) -> None:
        o = self.outputs
        if o["crossing_time"] == 0.0:
            when = "already at or below the floor"
        else:
            beyond = " (beyond the plot)" if o["crossing_year"] > _YEARS[1] else ""
            when = (f"in {o['crossing_time']:.0f} years, around "
                    f"{o['crossing_year']:.0f}{beyond}")
        self.headline.value = (
            f"<b>Trend meets physics:</b> {when} &nbsp;·&nbsp; "
            f"<b>headroom today:</b> {o['headroom']:.2g}× the floor &nbsp;·&nbsp; "
            f"<b>floor:</b> {o['floor']:.2g} J per FLOP"
        )
