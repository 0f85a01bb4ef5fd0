"""The industry dashboard: every lever on a query's energy, and the fleet it adds up to.

Sliders set the bits per weight, the active parameters, the batch size, the
hardware generation, the PUE, the grid's carbon intensity and the traffic;
:func:`energylib.levers.lever_energy_per_query` gives the energy of a query,
:func:`energylib.levers.fleet_energy` a year of traffic and
:func:`energylib.levers.carbon_emissions` its CO2.  The figure follows the
fast pattern of :class:`energylib.explorers.temporal.TemporalExplorer`: fixed
axes, a background rendered once, animated artists, a PNG at zlib level 1.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
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
from ..units import DAY, GWH, TWH, WH
from ..validation import check_scalar
from .argument import default_training_energy
from .common import canvas_png, set_sliders_quietly

__all__ = ["IndustryExplorer"]

_QUERY_AXIS_WH = (1e-3, 1e3)   # energy per query [Wh]
_FLEET_AXIS_GWH = (1e-6, 1e8)  # yearly fleet energy [GWh]
_BATCHES = 2.0 ** np.arange(0, 10.01, 0.25)  # the curve's batch sizes [-]
_DATA_CENTRES_2024_GWH = 415 * TWH / GWH  # IEA, Energy and AI (2025)

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="color:{INFERENCE_COLOR}">━━</span> energy per query vs batch size &nbsp; '
    f'<span style="color:{INFERENCE_COLOR}">┅┅</span> compute floor (B ≥ B*) &nbsp; '
    "● your batch &nbsp; "
    '<span style="color:grey">╌╌</span> published figures &nbsp; '
    f'<span style="color:{INFERENCE_COLOR}">▮</span> a year of traffic</span>'
)


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
    sliders : dict[str, ipywidgets.widget]
        ``bits``, ``params``, ``batch``, ``hardware`` (toggle buttons), ``pue``,
        ``grid`` [gCO2/kWh], ``traffic`` [queries/day].
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
        style = {"description_width": "13em"}
        layout = widgets.Layout(width="32em")
        self.sliders: dict[str, widgets.ValueWidget] = {
            "bits": widgets.IntSlider(
                value=16, min=2, max=16, step=1,
                description="bits per weight", style=style, layout=layout,
            ),
            "params": widgets.FloatLogSlider(
                value=1e11, base=10, min=9.0, max=12.0, step=0.1, readout_format=".2g",
                description="active parameters", style=style, layout=layout,
            ),
            "batch": widgets.FloatLogSlider(
                value=64.0, base=2, min=0.0, max=10.0, step=1.0, readout_format=".0f",
                description="batch size", style=style, layout=layout,
            ),
            "hardware": widgets.ToggleButtons(
                options=list(HARDWARE), value="H100 SXM",
                description="hardware", style={"description_width": "13em",
                                               "button_width": "7em"},
            ),
            "pue": widgets.FloatSlider(
                value=1.2, min=1.0, max=2.0, step=0.02, readout_format=".2f",
                description="PUE", style=style, layout=layout,
            ),
            "grid": widgets.FloatSlider(
                value=436.0, min=0.0, max=900.0, step=2.0, readout_format=".0f",
                description="grid [gCO₂/kWh]", style=style, layout=layout,
            ),
            "traffic": widgets.FloatLogSlider(
                value=1e9, base=10, min=6.0, max=11.0, step=0.1, readout_format=".2g",
                description="queries per day", style=style, layout=layout,
            ),
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
