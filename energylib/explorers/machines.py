"""Explorer of the machine-driven-infinity chapter: agents x calls x tokens.

Sliders set the starting number of agents, each agent's call rate, the tokens
per call, the energy per token, the growth model of the agent population
(exponential, or logistic with a carrying capacity) and an optional power
budget; the figure (power and cumulative energy over twenty years) and the
headline update at once.  The fast pattern of
:mod:`energylib.explorers.temporal`: fixed axes, a background rendered once,
animated artists redrawn over it, a PNG encoded at zlib level 1, and an HTML
key instead of a matplotlib legend.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullLocator
from scipy.integrate import cumulative_trapezoid

from ..agents import (
    DATA_CENTRE_POWER_2024,
    EVERYDAY_ENERGY,
    FULL_STACK_OVERHEAD,
    agent_energy_per_day,
    cumulative_machine_energy,
    limiting_machine_power,
    machine_power,
    time_to_power,
)
from ..style import INFERENCE_COLOR, OKABE_ITO
from ..style import use_book_style as _use_book_style
from ..units import KWH, TWH, YEAR, per_year
from ..validation import check_scalar
from .common import canvas_png, set_sliders_quietly

__all__ = ["AgentExplorer"]

_HORIZON_YEARS = 20.0
_POWER_AXIS_GW = (1e-9, 1e6)  # fixed [GW]
_ENERGY_AXIS_TWH = (1e-8, 1e8)  # fixed [TWh]
_HOUSEHOLD_DAY = EVERYDAY_ENERGY["US household, one day"][0]
_CAP_COLOR = OKABE_ITO["vermillion"]

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="color:{INFERENCE_COLOR}">━━</span> agents\' power (top) and cumulative '
    "energy (bottom) &nbsp; "
    '<span style="color:black">╌╌</span> all data centres, 2024 (IEA: 415 TWh a year) &nbsp; '
    f'<span style="color:{_CAP_COLOR}">┅┅</span> power budget, when on</span>'
)


class AgentExplorer:
    """Machine-driven demand with sliders: agents x calls x tokens x J/token.

    The energy per token is lifted from a GPU-only figure to the wall plug by
    ``overhead`` (default :data:`energylib.agents.FULL_STACK_OVERHEAD`, from
    the accelerators' 58 % share of a median Gemini prompt).

    Parameters
    ----------
    overhead : float
        Wall-plug factor applied to the energy per token (>= 1) [-].

    Attributes
    ----------
    sliders : dict[str, ipywidgets.widget]
        ``agents``, ``calls_per_second``, ``tokens_per_call``,
        ``energy_per_token``, ``growth_model``, ``growth_rate``,
        ``capacity``, ``power_cap``.
    image : ipywidgets.Image
        The figure, as a PNG.
    headline : ipywidgets.HTML
        The numbers of the current setting.
    widget : ipywidgets.VBox
        Everything, ready to display.
    outputs : dict[str, float]
        The numbers of the last update (SI units).
    redraw_count : int
        How many times the figure has been drawn.

    Examples
    --------
    >>> ex = AgentExplorer()
    >>> out = ex.update(agents=1e4, calls_per_second=100.0, tokens_per_call=100.0,
    ...                 energy_per_token=0.1, growth_rate=0.0)
    >>> round(out["power_now"] / 1e6 / FULL_STACK_OVERHEAD, 6)  # 1e4 x 100 x 100 x 0.1 J/s
    10.0
    """

    def __init__(self, overhead: float = FULL_STACK_OVERHEAD) -> None:
        self.overhead = check_scalar("overhead", overhead, low=1.0)
        style = {"description_width": "15em"}
        layout = widgets.Layout(width="34em")

        def log_slider(value, lo, hi, step, description, fmt=".3g"):
            return widgets.FloatLogSlider(
                value=value, base=10, min=lo, max=hi, step=step, readout_format=fmt,
                description=description, style=style, layout=layout,
            )

        self.sliders: dict[str, widgets.ValueWidget] = {
            "agents": log_slider(1e4, 1.0, 8.0, 0.1, "agents at start"),
            "calls_per_second": log_slider(100.0, -2.0, 3.0, 0.1,
                                           "calls per agent per second"),
            # Ranges placed so that the defaults (717 tokens, 0.12 J) sit on the slider's
            # grid: the browser snaps a log slider's value to it and would show another.
            "tokens_per_call": log_slider(717.0, math.log10(717.0) - 2.0,
                                          math.log10(717.0) + 1.2, 0.05, "tokens per call"),
            "energy_per_token": log_slider(0.12, math.log10(0.12) - 1.0,
                                           math.log10(0.12) + 2.0, 0.05,
                                           "energy per token, GPU [J]"),
            "growth_model": widgets.ToggleButtons(
                options=["exponential", "logistic"], value="logistic",
                description="agent growth", style=style,
            ),
            "growth_rate": widgets.FloatSlider(
                value=1.0, min=0.0, max=3.0, step=0.05, readout_format=".2f",
                description="agent growth rate [1/yr]", style=style, layout=layout,
            ),
            "capacity": log_slider(1e6, 1.0, 10.0, 0.1, "carrying capacity [agents]"),
            "power_cap": widgets.Checkbox(
                value=False, description="power budget = all data centres in 2024",
                style=style, layout=layout,
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
        self._t_years = np.linspace(0.0, _HORIZON_YEARS, 401)
        self._build_figure()
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.update()

    def _build_figure(self) -> None:
        _use_book_style()
        self.figure = Figure(figsize=(7.0, 5.0), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        # A fixed layout and fixed axes: only the curves move (see the temporal explorer).
        self.figure.subplots_adjust(left=0.12, right=0.98, bottom=0.10, top=0.98, hspace=0.12)
        ax_p = self.figure.add_subplot(2, 1, 1)
        ax_e = self.figure.add_subplot(2, 1, 2, sharex=ax_p)
        for ax, lim, label in [(ax_p, _POWER_AXIS_GW, "power [GW]"),
                               (ax_e, _ENERGY_AXIS_TWH, "cumulative energy [TWh]")]:
            ax.set_yscale("log")
            ax.set_ylim(*lim)
            ax.set_ylabel(label)
            ax.yaxis.set_major_locator(LogLocator(numticks=6))
            ax.yaxis.set_minor_locator(NullLocator())
        ax_p.set_xlim(0.0, _HORIZON_YEARS)
        ax_p.tick_params(labelbottom=False)
        ax_e.set_xlabel("years from now [yr]")
        ref_gw = DATA_CENTRE_POWER_2024 / 1e9
        ax_p.axhline(ref_gw, color="black", linestyle="--", linewidth=1.0)
        ax_e.plot(self._t_years[1:], ref_gw * 1e9 * self._t_years[1:] * YEAR / TWH,
                  color="black", linestyle="--", linewidth=1.0)
        (self._power_line,) = ax_p.plot([], [], color=INFERENCE_COLOR)
        (self._energy_line,) = ax_e.plot([], [], color=INFERENCE_COLOR)
        self._cap_line = ax_p.axhline(ref_gw, color=_CAP_COLOR, linestyle=":", linewidth=2.0)
        (self._cross,) = ax_p.plot([], [], "o", color="black")
        self._axes = [ax_p, ax_e]
        self._dynamic = [(ax_p, self._power_line), (ax_e, self._energy_line),
                         (ax_p, self._cap_line), (ax_p, self._cross)]
        for _, artist in self._dynamic:
            artist.set_animated(True)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)

    def _on_change(self, change: dict) -> None:
        self.update()

    def update(self, **values: float | str | bool) -> dict[str, float]:
        """Set any controls given by name, recompute and redraw.

        Parameters
        ----------
        **values
            New control values by name (in the controls' own units).

        Returns
        -------
        dict[str, float]
            ``agent_energy_per_day`` [J], ``power_now`` [W],
            ``power_at_horizon`` [W], ``energy_at_horizon`` [J],
            ``limiting_power`` [W] (``inf`` if unbounded),
            ``time_to_data_centres`` [s] (``inf`` if never), ``capacity`` [-]
            (the carrying capacity used, at least the starting agents).
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; known: {sorted(self.sliders)}")
        set_sliders_quietly(self.sliders, values, self._on_change)

        v = {name: slider.value for name, slider in self.sliders.items()}
        a0 = float(v["agents"])
        logistic = v["growth_model"] == "logistic"
        # A ceiling below the starting population is read as "no room to grow".
        capacity = max(float(v["capacity"]), a0) if logistic else math.inf
        cap = DATA_CENTRE_POWER_2024 if v["power_cap"] else math.inf
        params = dict(
            agents0=a0, calls_per_second0=float(v["calls_per_second"]),
            tokens_per_call=float(v["tokens_per_call"]),
            energy_per_token=float(v["energy_per_token"]),
            agent_growth=float(per_year(float(v["growth_rate"]))),
            agent_capacity=capacity, overhead=self.overhead,
        )
        t = self._t_years * YEAR
        power = np.asarray(machine_power(t, **params, power_cap=cap))
        horizon = _HORIZON_YEARS * YEAR
        self.outputs = {
            "agent_energy_per_day": float(agent_energy_per_day(
                params["calls_per_second0"], params["tokens_per_call"],
                params["energy_per_token"], self.overhead)),
            "power_now": float(power[0]),
            "power_at_horizon": float(power[-1]),
            "energy_at_horizon": float(cumulative_machine_energy(horizon, **params,
                                                                 power_cap=cap)),
            "limiting_power": float(limiting_machine_power(**params, power_cap=cap)),
            "time_to_data_centres": float(time_to_power(DATA_CENTRE_POWER_2024, **params)),
            "capacity": capacity,
        }
        with np.errstate(over="ignore"):
            energy = cumulative_trapezoid(power, t, initial=0.0)
        self._redraw(power, energy, cap)
        self._write_headline(v, logistic)
        return self.outputs

    def _redraw(self, power: np.ndarray, energy: np.ndarray, cap: float) -> None:
        t_yr = self._t_years
        lo_p, hi_p = _POWER_AXIS_GW
        lo_e, hi_e = _ENERGY_AXIS_TWH
        # Clip to just outside the fixed axes so that huge or zero values draw cleanly.
        self._power_line.set_data(t_yr, np.clip(power / 1e9, lo_p / 10, hi_p * 10))
        self._energy_line.set_data(t_yr[1:], np.clip(energy[1:] / TWH, lo_e / 10, hi_e * 10))
        self._cap_line.set_visible(math.isfinite(cap))
        t_dc = self.outputs["time_to_data_centres"] / YEAR
        if t_dc <= _HORIZON_YEARS:
            self._cross.set_data([t_dc], [DATA_CENTRE_POWER_2024 / 1e9])
        else:
            self._cross.set_data([], [])
        canvas = self._canvas
        canvas.restore_region(self._background)
        for ax, artist in self._dynamic:
            ax.draw_artist(artist)
        self.image.value = canvas_png(canvas)
        self.redraw_count += 1

    @staticmethod
    def _fmt(x: float) -> str:
        """Thousands separators in the readable range, scientific notation outside it."""
        return f"{x:,.0f}" if 10 <= x < 1e7 else f"{x:.3g}"

    def _write_headline(self, v: dict, logistic: bool) -> None:
        o = self.outputs
        per_day = o["agent_energy_per_day"]
        t_dc = o["time_to_data_centres"]
        if t_dc == 0.0:
            when = "already above all data centres of 2024"
        elif math.isinf(t_dc):
            when = "never reaches all data centres of 2024"
        else:
            when = f"passes all data centres of 2024 after {t_dc / YEAR:.1f} years"
        if v["power_cap"] and math.isfinite(t_dc):
            when += " (the budget binds from then on)"
        limit = ("∞ (unbounded)" if math.isinf(o["limiting_power"])
                 else f"{o['limiting_power'] / 1e9:,.3g} GW")
        growth = (f"logistic, ceiling {self._fmt(o['capacity'])} agents" if logistic
                  else "exponential, no ceiling")
        self.headline.value = (
            f"<b>One agent:</b> {self._fmt(per_day / KWH)} kWh a day "
            f"(= {per_day / _HOUSEHOLD_DAY:,.3g} US households' daily electricity) "
            f"&nbsp;·&nbsp; <b>all agents now:</b> {o['power_now'] / 1e9:,.3g} GW<br>"
            f"<b>after {_HORIZON_YEARS:.0f} years:</b> {o['power_at_horizon'] / 1e9:,.3g} GW, "
            f"{self._fmt(o['energy_at_horizon'] / TWH)} TWh in total &nbsp;·&nbsp; "
            f"<b>as t → ∞:</b> {limit} ({growth}) &nbsp;·&nbsp; <b>{when}</b>"
        )
