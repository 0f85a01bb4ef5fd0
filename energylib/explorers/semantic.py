"""Explorer of the semantic-infinity chapter: a finite cache against a growing query space.

Same pattern as :mod:`energylib.explorers.temporal`: fixed axes, a background
rendered once, animated artists redrawn over it, the figure sent as a PNG in
an :class:`ipywidgets.Image` and an HTML key instead of a matplotlib legend,
so that a slider move costs a few milliseconds.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..caching import (
    lookup_cache_energy_per_query,
    lookup_cache_energy_saving,
    zipf_cache_hit_rate,
    zipf_cache_hit_rate_limit,
)
from ..style import INFERENCE_COLOR, OKABE_ITO, use_book_style
from ..units import WH
from ..validation import check_scalar
from .common import canvas_png, set_sliders_quietly

__all__ = ["CacheExplorer"]

_N_AXIS = (1e3, 1e15)  # the left panel's fixed axis of distinct queries [-]
_S_AXIS = (0.0, 2.0)  # the right panel's fixed axis of Zipf exponents [-]
_LIMIT_COLOR = OKABE_ITO["bluish green"]

_KEY_HTML = (
    '<span style="font-size:0.9em">'
    f'<span style="color:{INFERENCE_COLOR}">━━</span> hit rate at the chosen N &nbsp; '
    f'<span style="color:{_LIMIT_COLOR}">┅┅</span> limit as N → ∞ &nbsp; '
    "● current setting &nbsp; "
    "(left: against N for the chosen s; right: against s for the chosen N)</span>"
)


class CacheExplorer:
    """Hit rate and energy saved by a cache of the K most popular answers.

    Sliders: Zipf exponent ``s``, cache size ``K`` [entries], distinct queries
    ``N`` and the energy of a query the model answers [Wh].  Every query,
    hit or miss, pays the lookup ``lookup_energy_wh`` (a semantic cache embeds
    and searches each query before it knows whether it is a hit).  The left
    panel shows the hit rate against ``N`` for the chosen ``s`` and ``K``,
    with its limit as ``N`` grows without bound; the right panel shows it
    against ``s`` for the chosen ``K`` and ``N``.
    A cache larger than the space holds every query (hit rate 1).

    Parameters
    ----------
    lookup_energy_wh : float
        Energy of the lookup every query pays (>= 0) [Wh].

    Attributes
    ----------
    sliders : dict[str, ipywidgets.widget]
        ``exponent``, ``cache_size``, ``n_queries``, ``miss_energy_wh``.
    image : ipywidgets.Image
        The figure, as a PNG.
    headline : ipywidgets.HTML
        Hit rate, its limit, energy per query with and without the cache.
    widget : ipywidgets.VBox
        Everything, ready to display.
    outputs : dict[str, float]
        The numbers of the last update (SI units).
    redraw_count : int
        How many times the figure has been drawn.

    Examples
    --------
    >>> ex = CacheExplorer()
    >>> out = ex.update(exponent=0.0, cache_size=1e4, n_queries=1e6)
    >>> round(out["hit_rate"], 6)  # uniform popularity: K / N
    0.01
    """

    def __init__(self, lookup_energy_wh: float = 3e-4) -> None:
        self.e_lookup = check_scalar("lookup_energy_wh", lookup_energy_wh, low=0.0) * WH
        style = {"description_width": "14em"}
        layout = widgets.Layout(width="33em")
        self.sliders: dict[str, widgets.ValueWidget] = {
            "exponent": widgets.FloatSlider(
                value=0.8, min=_S_AXIS[0], max=_S_AXIS[1], step=0.02, readout_format=".2f",
                description="Zipf exponent s", style=style, layout=layout,
            ),
            "cache_size": widgets.FloatLogSlider(
                value=1e4, base=10, min=0.0, max=9.0, step=0.1, readout_format=".2g",
                description="cache size K [entries]", style=style, layout=layout,
            ),
            "n_queries": widgets.FloatLogSlider(
                value=1e9, base=10, min=3.0, max=15.0, step=0.1, readout_format=".2g",
                description="distinct queries N", style=style, layout=layout,
            ),
            "miss_energy_wh": widgets.FloatLogSlider(
                value=0.3, base=10, min=-2.0, max=1.5, step=0.01, readout_format=".2g",
                description="energy of a miss [Wh]", style=style, layout=layout,
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
        n_lo, n_hi = np.log10(_N_AXIS)
        self._n_grid = np.round(np.logspace(n_lo, n_hi, 181))
        self._s_grid = np.linspace(*_S_AXIS, 101)
        self._build_figure()
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.update()

    def _build_figure(self) -> None:
        use_book_style()
        self.figure = Figure(figsize=(7.6, 3.4), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        # A fixed layout: constrained or tight layout would double the redraw time.
        self.figure.subplots_adjust(left=0.09, right=0.985, bottom=0.15, top=0.96, wspace=0.22)
        left, right = self.figure.subplots(1, 2, sharey=True)
        left.set_xscale("log")
        left.set_xlim(*_N_AXIS)
        left.set_xlabel("distinct queries N [-]")
        left.set_ylabel("cache hit rate [-]")
        right.set_xlim(*_S_AXIS)
        right.set_xlabel("Zipf exponent s [-]")
        right.axvline(1.0, color="grey", linewidth=0.8)
        for ax in (left, right):
            ax.set_ylim(-0.02, 1.02)
        (self._curve_n,) = left.plot([], [], color=INFERENCE_COLOR)
        self._limit_n = left.axhline(0.0, color=_LIMIT_COLOR, linestyle=":", linewidth=2.0)
        (self._dot_n,) = left.plot([], [], "o", color="black")
        (self._limit_s,) = right.plot([], [], color=_LIMIT_COLOR, linestyle=":", linewidth=2.0)
        (self._curve_s,) = right.plot([], [], color=INFERENCE_COLOR)
        (self._dot_s,) = right.plot([], [], "o", color="black")
        self._axes = (left, right)
        self._dynamic = [
            (left, self._limit_n), (left, self._curve_n), (left, self._dot_n),
            (right, self._limit_s), (right, self._curve_s), (right, self._dot_s),
        ]
        for _, artist in self._dynamic:
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
            ``hit_rate`` [-], ``limit_hit_rate`` [-] (as N -> inf),
            ``energy_per_query`` [J] with the cache, ``energy_no_cache`` [J],
            ``saving`` [-] (fraction of energy saved; negative when the
            lookups cost more than the hits save), ``cache_size`` and
            ``n_queries`` [-] as used (integers; K capped at N).
        """
        unknown = set(values) - set(self.sliders)
        if unknown:
            raise ValueError(f"unknown slider(s) {sorted(unknown)}; known: {sorted(self.sliders)}")
        set_sliders_quietly(self.sliders, values, self._on_change)

        s = float(self.sliders["exponent"].value)
        k = float(round(self.sliders["cache_size"].value))
        n = float(round(self.sliders["n_queries"].value))
        k_eff = min(k, n)
        e_miss = float(self.sliders["miss_energy_wh"].value) * WH
        hit = float(zipf_cache_hit_rate(k_eff, n, s))
        limit = float(zipf_cache_hit_rate_limit(k, s))
        self.outputs = {
            "hit_rate": hit,
            "limit_hit_rate": limit,
            "energy_per_query": float(lookup_cache_energy_per_query(hit, e_miss, self.e_lookup)),
            "energy_no_cache": e_miss,
            "saving": float(lookup_cache_energy_saving(hit, e_miss, self.e_lookup)),
            "cache_size": k_eff,
            "n_queries": n,
        }
        grid_n = np.asarray(self._n_grid, dtype=np.float64)
        curve_n = zipf_cache_hit_rate(np.minimum(k, grid_n), grid_n, s)
        curve_s = zipf_cache_hit_rate(k_eff, n, self._s_grid)
        limit_s = zipf_cache_hit_rate_limit(k, self._s_grid)
        self._redraw(curve_n, curve_s, limit_s, s, n, hit, limit)
        self._write_headline(s, k, n)
        return self.outputs

    def _redraw(self, curve_n, curve_s, limit_s, s, n, hit, limit) -> None:
        self._curve_n.set_data(self._n_grid, curve_n)
        self._limit_n.set_ydata([limit, limit])
        self._dot_n.set_data([n], [hit])
        self._curve_s.set_data(self._s_grid, curve_s)
        self._limit_s.set_data(self._s_grid, limit_s)
        self._dot_s.set_data([s], [hit])
        canvas = self._canvas
        canvas.restore_region(self._background)
        for ax, artist in self._dynamic:
            ax.draw_artist(artist)
        self.image.value = canvas_png(canvas)
        self.redraw_count += 1

    def _write_headline(self, s: float, k: float, n: float) -> None:
        o = self.outputs
        full = " (the cache holds every query)" if k >= n else ""
        regime = ("s ≤ 1: tends to 0 as N grows" if s <= 1.0
                  else "s &gt; 1: a fixed share survives any N")
        saved_per_billion = o["saving"] * o["energy_no_cache"] * 1e9 / (1e6 * WH)
        self.headline.value = (
            f"<b>Hit rate:</b> {o['hit_rate']:.1%}{full} &nbsp;·&nbsp; "
            f"<b>as N → ∞:</b> {o['limit_hit_rate']:.1%} ({regime})<br>"
            f"<b>Energy per query:</b> {o['energy_per_query'] / WH:.3g} Wh with the cache, "
            f"{o['energy_no_cache'] / WH:.3g} Wh without &nbsp;·&nbsp; "
            f"<b>saved:</b> {o['saving']:.1%}, "
            f"{saved_per_billion:,.3g} MWh per billion queries"
        )
