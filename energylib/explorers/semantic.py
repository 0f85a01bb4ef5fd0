"""Explorer of the semantic-infinity chapter: a finite cache against a growing query space.

Same pattern as :mod:`energylib.explorers.temporal`: the explorer is declared
once (:meth:`CacheExplorer.web_spec`, a :class:`~energylib.explorers.web.WebExplorer`),
its ipywidgets sliders are made from the declaration, and the book's website
runs the same declaration with no kernel.  In a kernel the numbers come from
:mod:`energylib.caching` and the figure is drawn with fixed axes, a background
rendered once and animated artists redrawn over it, sent as a PNG in an
:class:`ipywidgets.Image` with an HTML key instead of a matplotlib legend, so
that a slider move costs a few milliseconds.

The generalized harmonic numbers ``H(n, s)`` behind the hit rate have no
elementary closed form; the declaration writes out exactly what
:func:`energylib.caching.generalized_harmonic` computes (the first 31 terms
summed, the rest by the Euler-Maclaurin formula with six Bernoulli
corrections, and the same formula with ``n = inf`` for ``zeta(s)``), so the
page agrees with energylib to about 1e-15.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..caching import (
    _EM_COEFFS,
    _EM_START,
    lookup_cache_energy_per_query,
    lookup_cache_energy_saving,
    zipf_cache_hit_rate,
    zipf_cache_hit_rate_limit,
)
from ..style import INFERENCE_COLOR, OKABE_ITO, use_book_style
from ..units import WH
from ..validation import check_scalar
from .common import canvas_png, set_sliders_quietly
from .web import Curve, Marker, Output, Plot, Slider, VLine, WebExplorer, explorer_mimebundle, expm1

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


def _head_sum(s: sp.Expr) -> sp.Expr:
    """``sum_{k=1}^{M-1} k**-s``: the directly summed terms of a large ``H(n, s)`` [-]."""
    return sp.Add(*[sp.Integer(k) ** (-s) for k in range(1, _EM_START)])


def _em_tail(n: sp.Expr | None, s: sp.Expr) -> sp.Expr:
    """Euler-Maclaurin for ``sum_{k=M}^{n} k**-s`` (``n = None``: to infinity, ``s > 1``).

    The same formula, term by term, as :func:`energylib.caching._harmonic`:
    ``int_M^n x^-s dx + (M^-s + n^-s) / 2 + sum_j B_2j/(2j)! (f'(n) - f'(M))``,
    the integral written ``M^(1-s) expm1((1-s) ln(n/M)) / (1-s)`` (its
    ``M^(1-s) ln(n/M) exprel(...)``), and ``ln(n/M)`` at ``s = 1``.
    """
    m = sp.Integer(_EM_START)
    if n is None:
        integral = m ** (1 - s) / (s - 1)
        f_n: sp.Expr = sp.Integer(0)
    else:
        log_ratio = sp.log(n / m)
        integral = sp.Piecewise(
            (m ** (1 - s) * expm1((1 - s) * log_ratio) / (1 - s), sp.Ne(s, 1)),
            (log_ratio, True))
        f_n = n ** (-s)
    total = integral + (m ** (-s) + f_n) / 2
    rising = s
    for j, coeff in enumerate(_EM_COEFFS, start=1):
        order = 2 * j - 1
        if j > 1:
            rising = rising * (s + order - 2) * (s + order - 1)
        d_m = -rising * m ** (-s - order)
        d_n = sp.Integer(0) if n is None else -rising * n ** (-s - order)
        total = total + sp.Float(coeff) * (d_n - d_m)
    return total


def _harmonic_expr(n: sp.Expr, s: sp.Expr, head: sp.Expr | None = None) -> sp.Expr:
    """``H(n, s)`` for an integer ``n >= 1``, as :func:`energylib.caching.generalized_harmonic`.

    ``head`` is :func:`_head_sum` of ``s`` (pass a symbol holding it to share it).
    """
    head = _head_sum(s) if head is None else head
    direct = sp.Add(*[sp.Piecewise((sp.Integer(k) ** (-s), n >= k), (0, True))
                      for k in range(1, _EM_START)])
    return sp.Piecewise((head + _em_tail(n, s), n >= _EM_START), (direct, True))


def _zeta_expr(s: sp.Expr, head: sp.Expr | None = None) -> sp.Expr:
    """``zeta(s) = H(inf, s)`` for ``s > 1`` (Euler-Maclaurin, as energylib's ``H(inf, s)``)."""
    return (_head_sum(s) if head is None else head) + _em_tail(None, s)


def _clip01(x: sp.Expr) -> sp.Expr:
    """``min(1, max(0, x))``, as ``np.clip``; unevaluated (SymPy's checks take seconds here)."""
    return sp.Min(1, sp.Max(0, x, evaluate=False), evaluate=False)


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

    The explorer is declared once, by :meth:`web_spec` (:attr:`spec`): the
    sliders are made from the declaration, and the book's website runs the
    same declaration with no kernel.  Displaying the explorer shows the
    widget in Jupyter and the kernel-free explorer on the website.

    Parameters
    ----------
    lookup_energy_wh : float
        Energy of the lookup every query pays (>= 0) [Wh].

    Attributes
    ----------
    spec : WebExplorer
        The declaration (controls, model in SymPy, plots).
    sliders : dict[str, ipywidgets.widget]
        ``exponent``, ``cache_size``, ``n_queries``, ``miss_energy_wh``,
        made from :attr:`spec`.
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
        self.spec = self.web_spec()
        style = {"description_width": "14em"}
        layout = widgets.Layout(width="33em")
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
        n_lo, n_hi = np.log10(_N_AXIS)
        self._n_grid = np.round(np.logspace(n_lo, n_hi, 181))
        self._s_grid = np.linspace(*_S_AXIS, 101)
        self._build_figure()
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.update()

    def web_spec(self) -> WebExplorer:
        """This explorer's declaration: sliders, and its model in SymPy (SI units).

        The sliders of :attr:`sliders` are made from it; the website runs the
        JavaScript SymPy writes from it (see :mod:`energylib.explorers.web`).
        The formulas are those of :mod:`energylib.caching`: ``K`` and ``N``
        rounded to integers, ``K`` capped at ``N``, hit rate
        ``H(K, s) / H(N, s)``, limit ``H(K, s) / zeta(s)`` for ``s > 1`` and 0
        otherwise (both clipped to [0, 1]), energy per query
        ``e_lookup + (1 - h) e_miss`` and saving ``h - e_lookup / e_miss``.
        ``H`` and ``zeta`` are written out as energylib evaluates them
        (:func:`_harmonic_expr`, :func:`_zeta_expr`).
        """
        s, cache, queries, e_miss, e_lookup = sp.symbols(
            "exponent cache_size n_queries miss_energy_wh e_lookup", real=True)
        k, n, k_eff, head, hit, limit, saving = sp.symbols(
            "k_int n_int k_eff head_s hit limit saving", real=True)
        n_x, s_x = sp.symbols("n_axis s_axis", real=True)
        n_grid = sp.floor(n_x + sp.Rational(1, 2))  # the Python grid is rounded to integers
        return WebExplorer(
            id="semantic",
            python={"class": f"{__name__}:CacheExplorer",
                    "kwargs": {"lookup_energy_wh": float(self.e_lookup / WH)}},
            title="A finite cache against a growing query space",
            params=(
                Slider("exponent", "Zipf exponent s", _S_AXIS[0], _S_AXIS[1], 0.02, 0.8,
                       readout=".2f"),
                Slider("cache_size", "cache size K [entries]", 0.0, 9.0, 0.1, 1e4, log=True,
                       readout=".2g"),
                Slider("n_queries", "distinct queries N", 3.0, 15.0, 0.1, 1e9, log=True,
                       readout=".2g"),
                Slider("miss_energy_wh", "energy of a miss [Wh]", -2.0, 1.5, 0.01, 0.3,
                       log=True, readout=".2g", to_si=WH),
            ),
            constants={"e_lookup": float(self.e_lookup)},
            definitions=(
                # Python's round(): the slider values 10**(j/10) are never half-integers.
                ("k_int", sp.floor(cache + sp.Rational(1, 2))),
                ("n_int", sp.floor(queries + sp.Rational(1, 2))),
                ("k_eff", sp.Min(k, n)),
                ("head_s", _head_sum(s)),
                ("hit", _clip01(_harmonic_expr(k_eff, s, head) / _harmonic_expr(n, s, head))),
                ("limit", sp.Piecewise(
                    (_clip01(_harmonic_expr(k, s, head) / _zeta_expr(s, head)), s > 1),
                    (0, True))),
                ("saving", hit - e_lookup / e_miss),
            ),
            outputs=(
                Output("hit_rate", "hit rate", hit, fmt="percent"),
                Output("cache_full", "cache", sp.Piecewise((1, k >= n), (0, True)), fmt="text",
                       texts=("holds part of the space", "holds every query"), check=False),
                Output("limit_hit_rate", "as N → ∞", limit, fmt="percent"),
                Output("regime", "regime", sp.Piecewise((0, s <= 1), (1, True)), fmt="text",
                       texts=("s ≤ 1: tends to 0 as N grows",
                              "s > 1: a fixed share survives any N"), check=False),
                Output("energy_per_query", "energy per query with the cache",
                       e_lookup + (1 - hit) * e_miss, unit="Wh", scale=WH),
                Output("energy_no_cache", "without", e_miss, unit="Wh", scale=WH),
                Output("saving", "saved", saving, fmt="percent"),
                Output("saved_per_billion", "saved per billion queries",
                       saving * e_miss * 1e9, unit="MWh", scale=1e6 * WH),
            ),
            plots=(
                Plot(
                    x=n_x, x_label="distinct queries N [-]", x_range=_N_AXIS, x_log=True,
                    y_label="cache hit rate [-]", y_range=(-0.02, 1.02), points=181,
                    curves=(
                        Curve("hit rate at the chosen s and K",
                              _clip01(_harmonic_expr(sp.Min(k, n_grid), s, head)
                                      / _harmonic_expr(n_grid, s, head)),
                              INFERENCE_COLOR),
                        Curve("limit as N → ∞", limit, _LIMIT_COLOR, dash=True),
                    ),
                    markers=(Marker("current setting", n, hit),),
                ),
                Plot(
                    x=s_x, x_label="Zipf exponent s [-]", x_range=_S_AXIS,
                    y_label="cache hit rate [-]", y_range=(-0.02, 1.02), points=101,
                    curves=(
                        Curve("hit rate at the chosen K and N",
                              _clip01(_harmonic_expr(k_eff, s_x) / _harmonic_expr(n, s_x)),
                              INFERENCE_COLOR),
                        Curve("limit as N → ∞",
                              sp.Piecewise((_clip01(_harmonic_expr(k, s_x) / _zeta_expr(s_x)),
                                            s_x > 1), (0, True)),
                              _LIMIT_COLOR, dash=True),
                    ),
                    vlines=(VLine("s = 1", 1.0, color="grey", dash=False),),
                    markers=(Marker("current setting", s, hit),),
                ),
            ),
            note=("Upper chart: the hit rate against N for the chosen s and K, with its "
                  "limit as N grows without bound. Lower chart: against s for the chosen K "
                  "and N; the limit is zero up to s = 1. Every query, hit or miss, pays the "
                  f"lookup ({self.e_lookup / WH:.2g} Wh). A cache larger than the space "
                  "holds every query (hit rate 1)."),
        )

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        return explorer_mimebundle(self.widget, self.spec)

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
            lookups cost more than the hits save), ``saved_per_billion`` [J]
            (energy saved per billion queries), ``cache_size`` and
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
        self.outputs["saved_per_billion"] = (
            self.outputs["saving"] * self.outputs["energy_no_cache"] * 1e9)
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
        saved_per_billion = o["saved_per_billion"] / (1e6 * WH)
        self.headline.value = (
            f"<b>Hit rate:</b> {o['hit_rate']:.1%}{full} &nbsp;·&nbsp; "
            f"<b>as N → ∞:</b> {o['limit_hit_rate']:.1%} ({regime})<br>"
            f"<b>Energy per query:</b> {o['energy_per_query'] / WH:.3g} Wh with the cache, "
            f"{o['energy_no_cache'] / WH:.3g} Wh without &nbsp;·&nbsp; "
            f"<b>saved:</b> {o['saving']:.1%}, "
            f"{saved_per_billion:,.3g} MWh per billion queries"
        )
