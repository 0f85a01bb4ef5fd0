"""Explorer of the semantic-infinity chapter: a finite cache against a growing query space.

Sliders: Zipf exponent ``s``, cache size ``K`` [entries], distinct queries
``N`` and the energy of a query the model answers [Wh].  The upper chart
shows the hit rate against ``N`` for the chosen ``s`` and ``K``, with its
limit as ``N`` grows without bound; the lower one against ``s``.
:func:`declaration` is the explorer; the tests compare its outputs with
:mod:`energylib.caching` (``tests/explorer_references.py``).

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

import sympy as sp

from ..serving import SCOPES
from ..style import INFERENCE_COLOR, OKABE_ITO
from ..symbolic.caching import harmonic_head_twin, zipf_hit_rate_limit_twin, zipf_hit_rate_twin
from ..tasks import SCOPE_LABELS, TASKS, scope_conversion, token_energy_fit
from ..units import WH
from ..validation import check_scalar
from .render import explorer_class
from .web import Choice, Curve, Marker, Output, Plot, Slider, VLine, WebExplorer, rebuilt_as

__all__ = ["declaration", "CacheExplorer"]

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


@rebuilt_as("CacheExplorer")
def declaration(lookup_energy_wh: float = 3e-4) -> WebExplorer:
    """The explorer: sliders, and its model in SymPy (SI units).

    Every query, hit or miss, pays the lookup ``lookup_energy_wh`` (>= 0)
    [Wh] (a semantic cache embeds and searches each query before it knows
    whether it is a hit).  The formulas are those of :mod:`energylib.caching`:
    ``K`` and ``N`` rounded to integers, ``K`` capped at ``N``, hit rate
    ``H(K, s) / H(N, s)``, limit ``H(K, s) / zeta(s)`` for ``s > 1`` and 0
    otherwise (both clipped to [0, 1]), energy per query
    ``e_lookup + (1 - h) e_miss`` and saving ``h - e_lookup / e_miss``.
    ``H`` and ``zeta`` are written out as energylib evaluates them
    (:func:`energylib.symbolic.caching.zipf_hit_rate_twin`,
    :func:`~energylib.symbolic.caching.zipf_hit_rate_limit_twin`).

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
            ("head_s", harmonic_head_twin(s)),
            ("hit", zipf_hit_rate_twin(k_eff, n, s, head)),
            ("limit", zipf_hit_rate_limit_twin(k, s, head)),
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
                          zipf_hit_rate_twin(sp.Min(k, n_grid), n_grid, s, head),
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
                          zipf_hit_rate_twin(k_eff, n, s_x),
                          OKABE_ITO["black"]),
                    Curve("limit as N → ∞",
                          zipf_hit_rate_limit_twin(k, s_x),
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


CacheExplorer = explorer_class(declaration)
