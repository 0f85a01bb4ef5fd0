"""Explorer of the "Real numbers" chapter: the break-even distribution of a real deployment.

Choose a deployment, move the medians of traffic, energy per query and
training energy and the width of every uncertainty range; the histogram of
break-even times and its percentiles update.  Same pattern as
:mod:`energylib.explorers.temporal`: fixed axes, a background rendered once,
animated artists, a PNG written with a fast zlib level, an HTML key.
"""

from __future__ import annotations

import math
from dataclasses import replace

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..montecarlo import DEPLOYMENTS, Deployment, break_even_monte_carlo
from ..style import INFERENCE_COLOR, use_book_style
from ..units import DAY, GWH, WH, YEAR
from ..validation import check_integer
from .common import canvas_png
from .temporal import format_duration

__all__ = ["BreakEvenExplorer"]

_BINS_LOG10_DAYS = np.linspace(-1.0, 5.0, 61)  # fixed histogram bins [log10 days]

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="color:{INFERENCE_COLOR}">▇▇</span> share of draws &nbsp; '
    "━━ median &nbsp; ┅┅ 5th and 95th percentiles &nbsp; "
    '<span style="color:grey">│</span> 1 and 10 years</span>'
)


class BreakEvenExplorer:
    """Monte Carlo break-even time of a real deployment, with controls.

    Sliders for traffic, energy and training set *medians*.

    Controls: ``deployment`` (a key of :data:`energylib.montecarlo.DEPLOYMENTS`),
    ``queries_per_day`` and ``energy_wh`` and ``training_gwh`` (the medians of
    the three uncertain inputs), ``spread`` (multiplies the log-width of every
    range: 0 removes the uncertainty, 2 doubles it).

    Parameters
    ----------
    n_draws : int
        Draws per update (>= 100); 20,000 keeps an update fast.

    Attributes
    ----------
    sliders : dict[str, ipywidgets.widget]
    image : ipywidgets.Image
    headline : ipywidgets.HTML
    widget : ipywidgets.VBox
    outputs : dict[str, float]
        ``p5``, ``p50``, ``p95`` [s] and ``fraction_never`` [-] of the last update.
    redraw_count : int

    Examples
    --------
    >>> ex = BreakEvenExplorer(n_draws=2000)
    >>> out = ex.update(spread=0.0)
    >>> out["p5"] == out["p95"]
    True
    """

    def __init__(self, n_draws: int = 20_000) -> None:
        self.n_draws = check_integer("n_draws", n_draws, low=100)
        style = {"description_width": "14em"}
        layout = widgets.Layout(width="34em")
        self.sliders: dict[str, widgets.ValueWidget] = {
            "deployment": widgets.Dropdown(
                options=[(d.name, key) for key, d in DEPLOYMENTS.items()],
                value="gpt4-chatgpt", description="deployment", style=style, layout=layout,
            ),
            "queries_per_day": widgets.FloatLogSlider(
                value=1e9, base=10, min=4.0, max=10.0, step=0.1, readout_format=".2g",
                description="queries per day", style=style, layout=layout,
            ),
            "energy_wh": widgets.FloatLogSlider(
                value=0.6, base=10, min=-2.0, max=2.0, step=0.05, readout_format=".3g",
                description="energy per query [Wh]", style=style, layout=layout,
            ),
            "training_gwh": widgets.FloatLogSlider(
                value=30.0, base=10, min=-1.0, max=3.0, step=0.05, readout_format=".3g",
                description="training energy [GWh]", style=style, layout=layout,
            ),
            "spread": widgets.FloatSlider(
                value=1.0, min=0.0, max=2.0, step=0.1, readout_format=".1f",
                description="uncertainty [× published]", style=style, layout=layout,
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
        self._set_medians_from("gpt4-chatgpt")
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.update()

    def _set_medians_from(self, key: str) -> None:
        d = DEPLOYMENTS[key]
        self.sliders["queries_per_day"].value = d.queries_per_second.median * DAY
        self.sliders["energy_wh"].value = d.energy_per_query.median / WH
        self.sliders["training_gwh"].value = d.training_energy.median / GWH

    def _build_figure(self) -> None:
        use_book_style()
        self.figure = Figure(figsize=(7.0, 3.6), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        self.figure.subplots_adjust(left=0.1, right=0.98, bottom=0.15, top=0.96)
        ax = self.figure.add_subplot()
        ax.set_xlim(_BINS_LOG10_DAYS[0], _BINS_LOG10_DAYS[-1])
        ax.set_ylim(0.0, 0.3)  # a degenerate draw (spread 0) fills one bin and runs off the top
        ticks = np.arange(-1, 6)
        ax.set_xticks(ticks, [f"$10^{{{t}}}$" for t in ticks])
        ax.set_xlabel("break-even time [days] (log scale)")
        ax.set_ylabel("share of draws per bin [-]")
        for years in (1, 10):
            ax.axvline(math.log10(years * YEAR / DAY), color="grey", linewidth=0.8)
        self._bars = ax.stairs(np.zeros(len(_BINS_LOG10_DAYS) - 1), _BINS_LOG10_DAYS,
                               fill=True, color=INFERENCE_COLOR, alpha=0.6)
        self._p50 = ax.axvline(0.0, color="black", linewidth=1.5)
        self._p5 = ax.axvline(0.0, color="black", linestyle=":", linewidth=1.5)
        self._p95 = ax.axvline(0.0, color="black", linestyle=":", linewidth=1.5)
        self._ax = ax
        self._dynamic = [self._bars, self._p5, self._p50, self._p95]
        for artist in self._dynamic:
            artist.set_animated(True)
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)

    def _on_change(self, change: dict) -> None:
        if change.get("owner") is self.sliders["deployment"]:
            self.update(deployment=change["new"], _reset_medians=True)
        else:
            self.update()

    def deployment(self) -> Deployment:
        """The chosen deployment with the sliders' medians and spread applied."""
        s = self.sliders
        d = DEPLOYMENTS[s["deployment"].value]
        k = float(s["spread"].value)
        return replace(
            d,
            queries_per_second=d.queries_per_second.with_median(
                s["queries_per_day"].value / DAY).widened(k),
            energy_per_query=d.energy_per_query.with_median(s["energy_wh"].value * WH).widened(k),
            training_energy=d.training_energy.with_median(s["training_gwh"].value * GWH).widened(k),
        )

    def update(self, _reset_medians: bool = False, **values: object) -> dict[str, float]:
        """Set any controls by name, re-run the Monte Carlo and redraw.

        Parameters
        ----------
        **values
            New control values by name (sliders in their own units).

        Returns
        -------
        dict[str, float]
            ``p5``, ``p50``, ``p95`` [s] and ``fraction_never`` [-].
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; known: {sorted(self.sliders)}")
        for slider in self.sliders.values():
            slider.unobserve(self._on_change, names="value")
        try:
            for name, value in values.items():
                self.sliders[name].value = value
            if _reset_medians:
                self._set_medians_from(self.sliders["deployment"].value)
        finally:
            for slider in self.sliders.values():
                slider.observe(self._on_change, names="value")
        result = break_even_monte_carlo(self.deployment(), self.n_draws, seed=0,
                                        percentiles=(5.0, 50.0, 95.0))
        p = result.percentiles
        self.outputs = {"p5": p[5.0], "p50": p[50.0], "p95": p[95.0],
                        "fraction_never": result.fraction_never}
        finite = result.samples[np.isfinite(result.samples)]
        log_days = np.clip(np.log10(finite / DAY), _BINS_LOG10_DAYS[0], _BINS_LOG10_DAYS[-1])
        counts, _ = np.histogram(log_days, bins=_BINS_LOG10_DAYS)
        self._redraw(counts / result.samples.size)
        self._write_headline()
        return self.outputs

    def _redraw(self, shares: np.ndarray) -> None:
        self._bars.set_data(shares)
        for line, key in ((self._p5, "p5"), (self._p50, "p50"), (self._p95, "p95")):
            t = self.outputs[key]
            visible = math.isfinite(t)
            line.set_visible(visible)
            if visible:
                x = float(np.clip(math.log10(t / DAY), _BINS_LOG10_DAYS[0], _BINS_LOG10_DAYS[-1]))
                line.set_xdata([x, x])
        canvas = self._canvas
        canvas.restore_region(self._background)
        for artist in self._dynamic:
            self._ax.draw_artist(artist)
        self.image.value = canvas_png(canvas)
        self.redraw_count += 1

    def _write_headline(self) -> None:
        o = self.outputs
        self.headline.value = (
            f"<b>Break-even</b> median {format_duration(o['p50'])} &nbsp;·&nbsp; "
            f"90 % of draws between {format_duration(o['p5'])} and "
            f"{format_duration(o['p95'])} &nbsp;·&nbsp; "
            f"never: {o['fraction_never']:.0%}"
        )
