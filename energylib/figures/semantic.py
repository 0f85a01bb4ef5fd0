"""Figures of the semantic-infinity chapter, one function each.

Each function computes with :mod:`energylib.caching`, draws with the book's
style (:mod:`energylib.style`) and returns the matplotlib
:class:`~matplotlib.figure.Figure`.  Every axis carries its unit.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..caching import (
    exact_match_hit_rate,
    semantic_cache_hit_rate,
    zipf_cache_hit_rate,
    zipf_cache_hit_rate_limit,
)
from ..style import OKABE_ITO, use_book_style
from ..validation import check_scalar

__all__ = ["hit_rate_vs_queries_figure", "hit_rate_limit_figure", "semantic_cache_figure"]

# Hit rates are shares of queries, not energies: no inference blue or training vermillion.
_COLORS = [OKABE_ITO[c] for c in ("bluish green", "orange", "reddish purple", "black")]


def _log_grid(low: float, high: float, num: int) -> np.ndarray:
    """Integers spread evenly in log between ``low`` and ``high`` (inclusive)."""
    return np.unique(np.round(np.logspace(np.log10(low), np.log10(high), num)))


def hit_rate_vs_queries_figure(
    cache_size: float,
    exponents: list[float],
    n_max: float = 1e16,
) -> Figure:
    """Hit rate of a fixed cache as the number of distinct queries grows.

    Parameters
    ----------
    cache_size : float
        Cached answers ``K`` (an integer >= 1) [-].
    exponents : list of float
        Zipf exponents ``s`` to draw, each in [0, 50] [-].
    n_max : float
        Right end of the horizontal axis (> ``cache_size``) [-].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = hit_rate_vs_queries_figure(1000, [0.8, 1.2])
    >>> fig.axes[0].get_xlabel()
    'distinct queries N [-]'
    """
    k = check_scalar("cache_size", cache_size, low=1.0)
    n_hi = check_scalar("n_max", n_max, low=k, low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    n = _log_grid(k, n_hi, 400)
    for s, color in zip(exponents, _COLORS * 3, strict=False):
        ax.plot(n, zipf_cache_hit_rate(k, n, s), color=color, label=f"s = {s:g}")
        limit = float(zipf_cache_hit_rate_limit(k, s))
        ax.axhline(limit, color=color, linestyle=":", linewidth=1.5)
        if limit > 0:
            ax.annotate(f"limit {limit:.2f}", (n_hi, limit), xytext=(-4, 4),
                        textcoords="offset points", ha="right", color=color, fontsize=9)
    ax.set_xscale("log")
    ax.set_xlim(k, n_hi)
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("distinct queries N [-]")
    ax.set_ylabel("cache hit rate [-]")
    # Outside the axes, to the right: inside, the legend covered the limit labels at top right.
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, fontsize=9,
              title=f"cache of K = {k:,.0f}\nanswers", title_fontsize=9)
    return fig


def hit_rate_limit_figure(
    cache_sizes: list[float],
    n_queries: float = 1e12,
    exponent_range: tuple[float, float] = (0.0, 3.0),
) -> Figure:
    """Hit rate against the Zipf exponent: for a finite space and in the limit.

    Parameters
    ----------
    cache_sizes : list of float
        Cached answers ``K`` (integers >= 1, each at most ``n_queries``) [-].
    n_queries : float
        Size of the finite query space drawn dashed (an integer) [-].
    exponent_range : tuple of float
        Range of ``s`` on the horizontal axis, within [0, 50] [-].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = hit_rate_limit_figure([1, 1000])
    >>> fig.axes[0].get_ylabel()
    'cache hit rate [-]'
    """
    n = check_scalar("n_queries", n_queries, low=1.0)
    s_lo = check_scalar("exponent_range[0]", exponent_range[0], low=0.0, high=50.0)
    s_hi = check_scalar("exponent_range[1]", exponent_range[1], low=s_lo, high=50.0,
                        low_open=True)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    s = np.linspace(s_lo, s_hi, 601)
    for k, color in zip(cache_sizes, _COLORS * 3, strict=False):
        ax.plot(s, zipf_cache_hit_rate_limit(k, s), color=color,
                label=f"K = {k:,.0f}, N → ∞")
        ax.plot(s, zipf_cache_hit_rate(k, n, s), color=color, linestyle="--", linewidth=1.3,
                label=f"K = {k:,.0f}, N = {n:.0e}")
    ax.axvline(1.0, color="grey", linewidth=0.8)
    ax.annotate("s = 1", (1.0, 1.0), xytext=(4, -12), textcoords="offset points",
                color="grey", fontsize=9)
    ax.set_xlim(s_lo, s_hi)
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("Zipf exponent s [-]")
    ax.set_ylabel("cache hit rate [-]")
    ax.legend(loc="lower right", fontsize=9, ncol=1)
    return fig


def semantic_cache_figure(
    n_intents: float,
    exponent: float,
    paraphrases: list[float],
    recall: float = 0.9,
) -> Figure:
    """Exact-match against semantic caching, as the cache grows.

    Parameters
    ----------
    n_intents : float
        Distinct intents ``N`` (an integer >= 1) [-].
    exponent : float
        Zipf exponent of intent popularity, in [0, 50] [-].
    paraphrases : list of float
        Phrasings per intent ``m`` for the exact-match curves (integers >= 1) [-].
    recall : float
        Recall of the semantic matcher, in [0, 1] [-].

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = semantic_cache_figure(1e6, 0.8, [1, 10])
    >>> fig.axes[0].get_xlabel()
    'cache size K [entries]'
    """
    n = check_scalar("n_intents", n_intents, low=1.0)
    rho = check_scalar("recall", recall, low=0.0, high=1.0)
    use_book_style()
    fig = Figure(figsize=(7.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    k = _log_grid(1.0, n, 300)
    ax.plot(k, semantic_cache_hit_rate(k, n, exponent, rho), color=OKABE_ITO["black"],
            linewidth=2.5, label=f"semantic cache (any m, recall {rho:g})")
    for m, color in zip(paraphrases, _COLORS * 3, strict=False):
        ax.plot(k, exact_match_hit_rate(k, n, exponent, m), color=color, linestyle="--",
                label=f"exact match, m = {m:g} phrasings per intent")
    ax.set_xscale("log")
    ax.set_xlim(1.0, n)
    ax.set_ylim(0.0, 1.02)
    ax.set_xlabel("cache size K [entries]")
    ax.set_ylabel("cache hit rate [-]")
    ax.legend(loc="upper left", fontsize=9,
              title=f"N = {n:.0e} intents, s = {exponent:g}", title_fontsize=9)
    return fig
