"""Explorer of the semantic-infinity chapter: a finite cache against a growing query space.

Sliders: Zipf exponent ``s``, cache size ``K`` [entries], distinct queries
``N`` and the energy of a query the model answers [Wh].  The upper chart
shows the hit rate against ``N`` for the chosen ``s`` and ``K``, with its
limit as ``N`` grows without bound; the lower one against ``s``.
:func:`declaration` is the explorer; :func:`reference` computes its outputs
with :mod:`energylib.caching`.

The generalized harmonic numbers ``H(n, s)`` behind the hit rate have no
elementary closed form; the declaration writes out exactly what
:func:`energylib.caching.generalized_harmonic` computes (the first 31 terms
summed, the rest by the Euler-Maclaurin formula with six Bernoulli
corrections, and the same formula with ``n = inf`` for ``zeta(s)``), so the
page agrees with energylib to about 1e-15.

Examples
--------
>>> out = CacheExplorer().update(exponent=0.0, cache_size=1e4, n_queries=1e6)
>>> round(out["hit_rate"], 6)  # uniform popularity: K / N
0.01
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp
from sympy.codegen.cfunctions import expm1

from ..caching import (
    _EM_COEFFS,
    _EM_START,
    lookup_cache_energy_per_query,
    lookup_cache_energy_saving,
    zipf_cache_hit_rate,
    zipf_cache_hit_rate_limit,
)
from ..serving import SCOPES
from ..style import INFERENCE_COLOR, OKABE_ITO
from ..tasks import SCOPE_LABELS, TASKS, scope_conversion, token_energy_fit
from ..units import WH
from ..validation import check_scalar
from .render import Explorer
from .web import (
    Choice,
    Curve,
    Marker,
    Output,
    Plot,
    Slider,
    VLine,
    WebExplorer,
    rebuilt_as,
)

__all__ = ["declaration", "reference", "CacheExplorer"]

_N_AXIS = (1e3, 1e15)  # the left panel's fixed axis of distinct queries [-]
_S_AXIS = (0.0, 2.0)  # the right panel's fixed axis of Zipf exponents [-]
_LIMIT_COLOR = OKABE_ITO["bluish green"]
_STATED_SCOPE = "full-stack"  # the miss-energy slider's boundary (Epoch's 0.3 Wh, Google's 0.24)
_CHAT = TASKS["chat"]  # the miss-energy slider's query: a chat answer
_MAX_OUTPUT = 20_000.0  # the output-length slider's top [tokens]


_MIN_OUTPUT = 100.0  # the output-length slider's bottom: the token fit's range [tokens]


def _scope_values() -> dict[str, dict[str, float]]:
    """The scope switch: the factor from the slider's full stack to each boundary [-].

    The slider's figures are production figures (Google's 0.24 Wh, Epoch's 0.3 Wh at
    low utilisation), so the fleet's idle and under-used accelerators are already in
    them: the accelerators are 1/1.71 of the full stack (``production_batch=True``),
    not the 1/2.4 of a benchmark's steady batch.
    """
    return {scope: {"scope_factor": scope_conversion(scope, _STATED_SCOPE,
                                                     production_batch=True)}
            for scope in SCOPES}


def _task_values() -> dict[str, dict[str, float]]:
    """The task switch: each task's prompt length [tokens]."""
    return {name: {"task_input_tokens": t.input_tokens} for name, t in TASKS.items()}


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


@rebuilt_as("CacheExplorer")
def declaration(lookup_energy_wh: float = 3e-4) -> WebExplorer:
    """The explorer: sliders, and its model in SymPy (SI units).

    Every query, hit or miss, pays the lookup ``lookup_energy_wh`` (>= 0)
    [Wh] (a semantic cache embeds and searches each query before it knows
    whether it is a hit).  The formulas are those of :mod:`energylib.caching`: ``K`` and ``N``
    rounded to integers, ``K`` capped at ``N``, hit rate
    ``H(K, s) / H(N, s)``, limit ``H(K, s) / zeta(s)`` for ``s > 1`` and 0
    otherwise (both clipped to [0, 1]), energy per query
    ``e_lookup + (1 - h) e_miss`` and saving ``h - e_lookup / e_miss``.
    ``H`` and ``zeta`` are written out as energylib evaluates them
    (``_harmonic_expr``, ``_zeta_expr``).

    The miss-energy slider is a chat answer counted at the full stack (as its
    published values, 0.3 Wh and 0.24 Wh, are; Epoch's 0.3 Wh is for 500 output
    tokens, read here as the chat task's 717, a difference inside its range).  The
    scope switch multiplies it by :func:`energylib.tasks.scope_conversion` from the
    full stack for production figures (1 at the full stack, 1 / 1.71 at the
    accelerators: ``production_batch=True``); the task switch and the output-length slider
    scale it by :meth:`energylib.tasks.TokenEnergyFit.relative`, the estimator's
    energy (:func:`energylib.estimator.estimate_query_energy`, fitted as
    ``a n_in + b n_out + c n_out (n_in + n_out / 2)``, exact at the three tasks) over
    that of the chat task; the task moves the output length to its own and sets the
    prompt length; the output slider runs from 100 to 20,000 tokens, the range where
    the fit follows the estimator within about 10 % (below 100 it is off by up to a
    fifth).  The lookup is left as given (it is not a model's answer).
    """
    lookup_energy_wh = check_scalar("lookup_energy_wh", lookup_energy_wh, low=0.0)
    lookup_joules = lookup_energy_wh * WH
    fit = token_energy_fit()
    n_out, n_in, f_scope, e_eff = sp.symbols(
        "output_tokens task_input_tokens scope_factor e_miss_eff", real=True)
    a, b, c = sp.symbols("fit_a fit_b fit_c", real=True)
    chat_energy = fit.energy(_CHAT.input_tokens, _CHAT.output_tokens)
    s, cache, queries, e_miss, e_lookup = sp.symbols(
        "exponent cache_size n_queries miss_energy_wh e_lookup", real=True)
    k, n, k_eff, head, hit, limit, saving = sp.symbols(
        "k_int n_int k_eff head_s hit limit saving", real=True)
    n_x, s_x = sp.symbols("n_axis s_axis", real=True)
    n_grid = sp.floor(n_x + sp.Rational(1, 2))  # the Python grid is rounded to integers
    return WebExplorer(
        id="semantic",
        title="A finite cache against a growing query space",
        params=(
            Slider("exponent", "Zipf exponent s", _S_AXIS[0], _S_AXIS[1], 0.02, 0.8,
                   readout=".2f"),
            Slider("cache_size", "cache size K [entries]", 0.0, 9.0, 0.1, 1e4, log=True,
                   readout=".2g"),
            Slider("n_queries", "distinct queries N", 3.0, 15.0, 0.1, 1e9, log=True,
                   readout=".2g"),
            Slider("miss_energy_wh", "energy of a chat miss, full stack [Wh]", -2.0, 1.5, 0.01,
                   0.3, log=True, readout=".2g", to_si=WH),
            Choice("scope", "what is counted", SCOPES, _STATED_SCOPE, _scope_values(),
                   option_labels=SCOPE_LABELS),
            Choice("task", "task", tuple(TASKS), "chat", _task_values(),
                   presets={name: {"output_tokens": t.output_tokens}
                            for name, t in TASKS.items()}),
            Slider("output_tokens", "output length [tokens]", _MIN_OUTPUT, _MAX_OUTPUT, 1.0,
                   _CHAT.output_tokens, readout=".0f"),
        ),
        constants={"e_lookup": float(lookup_joules), "fit_a": fit.per_input_token,
                   "fit_b": fit.per_output_token, "fit_c": fit.per_cache_read,
                   "chat_energy": chat_energy},
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
            # the miss at the chosen boundary and lengths [J]
            ("e_miss_eff", e_miss * f_scope
             * (a * n_in + b * n_out + c * n_out * (n_in + n_out / 2))
             / sp.Symbol("chat_energy", real=True)),
            ("saving", hit - e_lookup / e_eff),
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
                   e_lookup + (1 - hit) * e_eff, unit="Wh", scale=WH),
            Output("energy_no_cache", "without", e_eff, unit="Wh", scale=WH),
            Output("saving", "saved", saving, fmt="percent"),
            Output("saved_per_billion", "saved per billion queries",
                   saving * e_eff * 1e9, unit="MWh", scale=1e6 * WH),
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
                          OKABE_ITO["black"]),
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
              f"lookup ({lookup_energy_wh:.2g} Wh). A cache larger than the space "
              "holds every query (hit rate 1). A miss is scaled from the full stack to "
              "the boundary chosen, and from a chat answer to the task's prompt and the "
              f"output length by the estimator's energy ({fit.model}, fitted)."),
        measured={"exponent": ("breslau-zipf-exponent", "krashakov-zipf-exponent"),
                  "miss_energy_wh": ("gpt4o-typical-query", "gemini-median-prompt"),
                  "output_tokens": ("chat-output-tokens", "reasoning-output-tokens",
                                    "agent-step-output-tokens")},
    )


def reference(values: Mapping[str, Any], lookup_energy_wh: float = 3e-4) -> dict[str, float]:
    """The outputs at control ``values``, from :mod:`energylib.caching` [SI units].

    The miss is scaled by :func:`energylib.tasks.scope_conversion` (production figures) and
    :meth:`energylib.tasks.TokenEnergyFit.relative` (the task's prompt, the slider's
    output length), as the declaration does.
    """
    s, e_lookup = float(values["exponent"]), lookup_energy_wh * WH
    k, n = float(round(values["cache_size"])), float(round(values["n_queries"]))
    task = TASKS[values["task"]]
    e_miss = (float(values["miss_energy_wh"]) * WH
              * scope_conversion(values["scope"], _STATED_SCOPE, production_batch=True)
              * token_energy_fit().relative(task.input_tokens, float(values["output_tokens"])))
    hit = float(zipf_cache_hit_rate(min(k, n), n, s))
    saving = float(lookup_cache_energy_saving(hit, e_miss, e_lookup))
    return {
        "hit_rate": hit,
        "limit_hit_rate": float(zipf_cache_hit_rate_limit(k, s)),
        "energy_per_query": float(lookup_cache_energy_per_query(hit, e_miss, e_lookup)),
        "energy_no_cache": e_miss,
        "saving": saving,
        "saved_per_billion": saving * e_miss * 1e9,
    }


class CacheExplorer(Explorer):
    """The chapter's explorer in Jupyter: :func:`declaration`, rendered."""

    def __init__(self, lookup_energy_wh: float = 3e-4) -> None:
        super().__init__(declaration(lookup_energy_wh))
