"""The industry dashboard: every lever on a query's energy, and the fleet it adds up to.

Sliders set the bits per weight, the active parameters, the batch size, the
hardware generation, the PUE, the grid's carbon intensity and the traffic;
:func:`energylib.levers.lever_energy_per_query` gives the energy of a query,
:func:`energylib.levers.fleet_energy` a year of traffic and
:func:`energylib.levers.carbon_emissions` its CO2.  The figure follows the
fast pattern of :class:`energylib.explorers.temporal.TemporalExplorer`: fixed
axes, a background rendered once, animated artists, a PNG at zlib level 1.

The controls and the model are declared once (:meth:`IndustryExplorer.web_spec`,
a :class:`energylib.explorers.web.WebExplorer`): in a kernel the ipywidgets
are made from it and the numbers come from energylib; on the website the page
runs the JavaScript SymPy writes from the same formulas, with no kernel.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator

from ..hardware import HARDWARE
from ..inference import EMPIRICAL_ENERGY_PER_QUERY
from ..levers import (
    G_PER_KWH,
    carbon_emissions,
    critical_batch_size,
    fleet_energy,
    lever_energy_per_query,
)
from ..style import INFERENCE_COLOR, TRAINING_COLOR, use_book_style
from ..units import DAY, GWH, TWH, WH, YEAR
from ..validation import check_scalar
from .argument import default_training_energy
from .common import canvas_png, set_sliders_quietly
from .web import (
    Bar,
    Choice,
    Curve,
    HLine,
    Label,
    Marker,
    Output,
    Plot,
    Slider,
    WebExplorer,
    explorer_mimebundle,
)

__all__ = ["IndustryExplorer"]

_QUERY_AXIS_WH = (1e-3, 1e3)   # energy per query [Wh]
_FLEET_AXIS_GWH = (1e-6, 1e8)  # yearly fleet energy [GWh]
_BATCHES = 2.0 ** np.arange(0, 10.01, 0.25)  # the curve's batch sizes [-]
_DATA_CENTRES_2024_GWH = 415 * TWH / GWH  # IEA, Energy and AI (2025)
_PUBLISHED = (("gemini-apps-median-2025", "Gemini median 2025"),
              ("chatgpt-devries-2023", "ChatGPT est. 2023"))
_PREFILL_UTILIZATION = 0.5  # lever_energy_per_query's default
_POWER_FRACTION = 1.0       # lever_energy_per_query's default

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="color:{INFERENCE_COLOR}">━━</span> energy per query vs batch size &nbsp; '
    f'<span style="color:{INFERENCE_COLOR}">┅┅</span> compute floor (B ≥ B*) &nbsp; '
    "● your batch &nbsp; "
    '<span style="color:grey">╌╌</span> published figures &nbsp; '
    f'<span style="color:{INFERENCE_COLOR}">▮</span> a year of traffic</span>'
)


def _rgba(color: str, alpha: float) -> str:
    """A ``#rrggbb`` colour with an opacity, as CSS ``rgba(...)``."""
    r, g, b = (int(color[k:k + 2], 16) for k in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


class IndustryExplorer:
    """Energy per query and a year of fleet energy and CO2, with every lever as a slider.

    Parameters
    ----------
    input_tokens, output_tokens : float
        Prompt and answer lengths (>= 0) [tokens].
    host_overhead : float
        Host, networking and idle energy per unit of accelerator energy (>= 0) [-].

    Attributes
    ----------
    spec : WebExplorer
        The declaration (:meth:`web_spec`) the sliders and the website are made from.
    sliders : dict[str, ipywidgets.widget]
        ``bits``, ``params``, ``batch`` (a base-2 log slider), ``hardware``
        (toggle buttons), ``pue``, ``grid`` [gCO2/kWh], ``traffic`` [queries/day].
    image : ipywidgets.Image
    headline : ipywidgets.HTML
    widget : ipywidgets.VBox
    outputs : dict[str, float]
        ``energy_per_query`` [J], ``fleet_energy`` [J/yr], ``co2`` [kg/yr],
        ``critical_batch`` [-], ``power`` [W].
    redraw_count : int

    Examples
    --------
    >>> ex = IndustryExplorer()
    >>> out = ex.update(bits=16, params=1e11, batch=64, hardware="H100 SXM", pue=1.2)
    >>> round(out["energy_per_query"] / WH, 2)
    0.33
    """

    def __init__(self, input_tokens: float = 1000.0, output_tokens: float = 500.0,
                 host_overhead: float = 0.6) -> None:
        self.input_tokens = check_scalar("input_tokens", input_tokens, low=0.0)
        self.output_tokens = check_scalar("output_tokens", output_tokens, low=0.0)
        self.host_overhead = check_scalar("host_overhead", host_overhead, low=0.0)
        self.spec = self.web_spec()
        style = {"description_width": "13em"}
        layout = widgets.Layout(width="32em")
        toggle_style = {"description_width": "13em", "button_width": "7em"}
        self.sliders: dict[str, widgets.ValueWidget] = {
            p.name: p.widget(toggle_style if isinstance(p, Choice) else style, layout)
            for p in self.spec.params
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
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.update()

    def web_spec(self) -> WebExplorer:
        """This explorer's declaration: controls, and its model in SymPy (SI units).

        The sliders of :attr:`sliders` are made from it; the website runs the
        JavaScript SymPy writes from it (see :mod:`energylib.explorers.web`).
        The formulas are those of :func:`energylib.levers.lever_energy_per_query`
        (:func:`energylib.inference.energy_per_query` with the memory-bound
        decode): ``t_prefill = 2 N n_in / (0.5 peak)``, per generated token
        ``max(N b / BW, 2 N B / peak) / B`` with ``b = bits / 8``, energy
        ``(t_prefill + n_out t_token) P (1 + host) PUE``;
        ``B* = peak b / (2 BW)`` (:func:`energylib.levers.critical_batch_size`);
        a year of traffic ``E q YEAR`` and its CO2 ``E q YEAR c``.
        """
        bits, n, batch, pue, grid, traffic = sp.symbols(
            "bits params batch pue grid traffic", real=True)
        peak, bandwidth, power = sp.symbols("peak_flops hbm_bandwidth board_power",
                                            real=True)
        n_in, n_out, host = sp.symbols("input_tokens output_tokens host_overhead", real=True)
        t_prefill, e_query, b_star, b_floor, e_floor, e_year, x = sp.symbols(
            "t_prefill energy_query b_star b_floor energy_floor energy_year batch_axis",
            real=True)

        def energy(batch_size: sp.Expr) -> sp.Expr:
            t_token = sp.Max(n * (bits / 8) / bandwidth, 2 * n * batch_size / peak) / batch_size
            return ((t_prefill + n_out * t_token) * power * _POWER_FRACTION * (1 + host)
                    * pue)

        hardware = {
            name: {"peak_flops": acc.peak_flops_per_s, "hbm_bandwidth": acc.memory_bandwidth,
                   "board_power": acc.power}
            for name, acc in HARDWARE.items()
        }
        published = [(label, EMPIRICAL_ENERGY_PER_QUERY[key].energy / WH)
                     for key, label in _PUBLISHED]
        e_train = default_training_energy() / GWH
        return WebExplorer(
            id="industry",
            python={"class": f"{__name__}:IndustryExplorer",
                    "kwargs": {
                        "input_tokens": float(self.input_tokens),
                        "output_tokens": float(self.output_tokens),
                        "host_overhead": float(self.host_overhead),
                    }},
            title="The industry's levers: energy per query and a year of traffic",
            params=(
                Slider("bits", "bits per weight", 2, 16, 1, 16, integer=True),
                Slider("params", "active parameters", 9.0, 12.0, 0.1, 1e11, log=True,
                       readout=".2g"),
                Slider("batch", "batch size", 0.0, 10.0, 1.0, 64.0, log=True, base=2.0,
                       readout=".0f"),
                Choice("hardware", "hardware", tuple(HARDWARE), "H100 SXM", hardware),
                Slider("pue", "PUE", 1.0, 2.0, 0.02, 1.2, readout=".2f"),
                Slider("grid", "grid [gCO₂/kWh]", 0.0, 900.0, 2.0, 436.0, readout=".0f",
                       to_si=G_PER_KWH),
                Slider("traffic", "queries per day", 6.0, 11.0, 0.1, 1e9, log=True,
                       readout=".2g", to_si=1 / DAY),
            ),
            constants={"input_tokens": self.input_tokens,
                       "output_tokens": self.output_tokens,
                       "host_overhead": self.host_overhead},
            definitions=(
                ("t_prefill", 2 * n * n_in / (peak * _PREFILL_UTILIZATION)),
                ("energy_query", energy(batch)),
                ("b_star", peak * (bits / 8) / (2 * bandwidth)),
                ("b_floor", sp.Max(b_star, 1)),
                ("energy_floor", energy(b_floor)),
                ("energy_year", e_query * traffic * YEAR),
            ),
            outputs=(
                Output("energy_per_query", "energy per query", e_query, unit="Wh", scale=WH),
                Output("power", "average power", e_query * traffic, unit="MW", scale=1e6),
                Output("fleet_energy", "a year", e_year, unit="GWh", scale=GWH),
                Output("co2", "CO₂ a year", e_year * grid, unit="kt CO₂", scale=1e6),
                Output("critical_batch", "critical batch B*", b_star, fmt="int"),
            ),
            plots=(
                Plot(
                    x=x, x_label="batch size [sequences]", x_range=(1.0, 1024.0), x_log=True,
                    y_label="energy per query [Wh]", y_range=_QUERY_AXIS_WH, y_log=True,
                    points=161,
                    curves=(
                        Curve("energy per query vs batch size", energy(x) / WH,
                              INFERENCE_COLOR),
                        Curve("compute floor (B ≥ B*)",
                              sp.Piecewise((e_floor / WH, x >= b_floor), (sp.nan, True)),
                              INFERENCE_COLOR, dash=True),
                        *(Curve("published figures" if k == 0 else label, value, "grey",
                                dash=True, width=1.0, legend=k == 0)
                          for k, (label, value) in enumerate(published)),
                    ),
                    markers=(Marker("your batch", batch, e_query / WH),),
                    labels=tuple(Label(label, 1.1, value * 1.25) for label, value in published),
                ),
                Plot(
                    x_label="a year of traffic", x_range=(-0.5, 0.5),
                    y_label="energy per year [GWh]", y_range=_FLEET_AXIS_GWH, y_log=True,
                    height=260,
                    bars=(Bar("your fleet", e_year / GWH, _rgba(INFERENCE_COLOR, 0.8)),),
                    hlines=(HLine("all data centres, 2024", _DATA_CENTRES_2024_GWH),
                            HLine("GPT-4-class training", e_train, TRAINING_COLOR)),
                    labels=(Label("all data centres, 2024", -0.47, _DATA_CENTRES_2024_GWH * 2.0),
                            Label("GPT-4-class training", -0.47, e_train * 2.0,
                                  TRAINING_COLOR)),
                ),
            ),
        )

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return explorer_mimebundle(self.widget, self.spec)

    def _build_figure(self) -> None:
        use_book_style()
        self.figure = Figure(figsize=(7.0, 3.6), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.10, right=0.98, bottom=0.14, top=0.93, wspace=0.45)
        grid = self.figure.add_gridspec(1, 3)
        ax = self.figure.add_subplot(grid[0, :2])
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xlim(1, 1024)
        ax.set_ylim(*_QUERY_AXIS_WH)
        ax.set_xlabel("batch size [sequences]")
        ax.set_ylabel("energy per query [Wh]")
        ax.yaxis.set_major_locator(LogLocator(numticks=8))
        ax.yaxis.set_minor_locator(NullLocator())
        for name, label in (("gemini-apps-median-2025", "Gemini median 2025"),
                            ("chatgpt-devries-2023", "ChatGPT est. 2023")):
            value = EMPIRICAL_ENERGY_PER_QUERY[name].energy / WH
            ax.axhline(value, color="grey", linestyle="--", linewidth=1.0)
            ax.text(1.1, value * 1.25, label, color="grey", fontsize=8)
        (self._curve,) = ax.plot([], [], color=INFERENCE_COLOR)
        (self._floor,) = ax.plot([], [], color=INFERENCE_COLOR, linestyle=":")
        (self._marker,) = ax.plot([], [], "o", color="black")
        self._ax = ax
        bx = self.figure.add_subplot(grid[0, 2])
        bx.set_yscale("log")
        bx.set_ylim(*_FLEET_AXIS_GWH)
        bx.set_xlim(-0.8, 0.8)
        bx.set_xticks([])
        bx.set_ylabel("energy per year [GWh]")
        bx.yaxis.set_major_locator(LogLocator(numticks=8))
        bx.yaxis.set_minor_locator(NullLocator())
        bx.axhline(_DATA_CENTRES_2024_GWH, color="grey", linestyle="--", linewidth=1.0)
        bx.text(-0.75, _DATA_CENTRES_2024_GWH * 2.0, "all data centres, 2024", color="grey",
                fontsize=8)
        e_train = default_training_energy() / GWH
        bx.axhline(e_train, color=TRAINING_COLOR, linestyle="--", linewidth=1.0)
        bx.text(-0.75, e_train * 2.0, "GPT-4-class training", color=TRAINING_COLOR, fontsize=8)
        (self._bar,) = bx.bar([0.0], [1.0], width=0.6, bottom=_FLEET_AXIS_GWH[0],
                              color=INFERENCE_COLOR, alpha=0.8).patches
        self._bx = bx
        self._dynamic = [(ax, self._curve), (ax, self._floor), (ax, self._marker),
                         (bx, self._bar)]
        for _, artist in self._dynamic:
            artist.set_animated(True)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)

    def _on_change(self, change: dict) -> None:
        self.update()

    def update(self, **values: object) -> dict[str, float]:
        """Set any sliders given by name, recompute and redraw.

        Parameters
        ----------
        **values
            New slider values by name (in the sliders' own units;
            ``hardware`` is a key of :data:`energylib.hardware.HARDWARE`).

        Returns
        -------
        dict[str, float]
            See :attr:`outputs`.
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; known: {sorted(self.sliders)}")
        set_sliders_quietly(self.sliders, values, self._on_change)

        acc = HARDWARE[str(self.sliders["hardware"].value)]
        bits = float(self.sliders["bits"].value)
        n = float(self.sliders["params"].value)
        batch = float(self.sliders["batch"].value)
        pue = float(self.sliders["pue"].value)
        def energy(batch_size: float | np.ndarray) -> float | np.ndarray:
            return lever_energy_per_query(
                n, bits, batch_size, pue=pue, accelerator=acc, input_tokens=self.input_tokens,
                output_tokens=self.output_tokens, host_overhead=self.host_overhead)

        curve = np.asarray(energy(_BATCHES))
        e_query = float(energy(batch))
        b_star = float(critical_batch_size(acc.peak_flops_per_s, acc.memory_bandwidth, bits))
        floor = float(energy(max(b_star, 1.0)))
        rate = float(self.sliders["traffic"].value) / DAY
        energy_year = float(fleet_energy(e_query, rate))
        co2 = float(carbon_emissions(energy_year, float(self.sliders["grid"].value) * G_PER_KWH))
        self.outputs = {
            "energy_per_query": e_query,
            "fleet_energy": energy_year,
            "co2": co2,
            "critical_batch": b_star,
            "power": e_query * rate,
        }
        self._curve.set_data(_BATCHES, curve / WH)
        self._floor.set_data([max(b_star, 1.0), 1024.0], [floor / WH, floor / WH])
        self._marker.set_data([batch], [e_query / WH])
        self._bar.set_height(max(energy_year / GWH, _FLEET_AXIS_GWH[0]) - _FLEET_AXIS_GWH[0])
        self._redraw()
        self._write_headline()
        return self.outputs

    def _redraw(self) -> None:
        canvas = self._canvas
        canvas.restore_region(self._background)
        for ax, artist in self._dynamic:
            ax.draw_artist(artist)
        self.image.value = canvas_png(canvas)
        self.redraw_count += 1

    def _write_headline(self) -> None:
        o = self.outputs
        energy = o["fleet_energy"]
        energy_text = (f"{energy / TWH:,.3g} TWh" if energy >= TWH
                       else f"{energy / GWH:,.3g} GWh")
        self.headline.value = (
            f"<b>Energy per query:</b> {o['energy_per_query'] / WH:,.3g} Wh &nbsp;·&nbsp; "
            f"<b>average power:</b> {o['power'] / 1e6:,.3g} MW &nbsp;·&nbsp; "
            f"<b>a year:</b> {energy_text}, {o['co2'] / 1e6:,.3g} kt CO₂ &nbsp;·&nbsp; "
            f"<b>critical batch B*:</b> {o['critical_batch']:,.0f}"
        )
