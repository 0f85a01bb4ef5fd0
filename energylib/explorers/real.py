"""Explorer of the "Real numbers" chapter: the break-even distribution of a real deployment.

Choose a deployment, move the medians of traffic, energy per query and
training energy and the width of every uncertainty range; the histogram of
break-even times and its percentiles update.  The sliders set *medians*;
``spread`` multiplies the log-width of every range (0 removes the
uncertainty, 2 doubles it).  :func:`declaration` is the explorer;
the tests compare its outputs with
:func:`energylib.montecarlo.break_even_monte_carlo` (seed 0).  The
declaration runs the same Monte Carlo (numpy in Jupyter, JavaScript on the
page): the standard random draws (uniform for the log-uniform inputs,
standard normal for the log-normal one), which do not depend on the
sliders, are drawn once in Python with the same
seed and shipped as tables; the page turns them into each draw's inputs and
break-even time with energylib's formulas and takes the same percentiles
(numpy's ``inverted_cdf``), fraction and histogram, so it shows Python's
numbers.  Shipping the draws keeps the default at 2,000 draws.

What is counted.  Each deployment's energy-per-query slider is a chat answer
counted at the boundary its published figures are stated in
(:data:`energylib.montecarlo.STATED_SCOPES`, read from the ``scope`` column of the rows in
:data:`energylib.montecarlo.ENERGY_ROWS`): the full stack for the GPT-4-class
deployment (two of its four figures, Epoch AI's and Jegham et al.'s for
GPT-4o, are full stack; de Vries's 2023 estimate is server scope and OpenAI's
average does not say), the server for Llama 3.1 405B (its one figure is the
reporters' doubling of ML.ENERGY's GPU energy, with no facility overhead).  The scope switch
multiplies the slider by :func:`energylib.tasks.scope_conversion` from that
stated boundary to the one chosen, so it is 1 at the stated scope and a
full-stack figure is never widened again; the task switch and the
output-length slider scale it by
:meth:`energylib.tasks.TokenEnergyFit.relative` (the estimator's energy of the
task's prompt and the answer's length over that of a chat answer: 1 for chat).

Examples
--------
>>> out = BreakEvenExplorer().update(spread=0.0)
>>> out["p5"] == out["p95"]
True
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
from sympy.codegen.cfunctions import log10

from ..dataset import select
from ..montecarlo import (
    DEPLOYMENTS,
    PRODUCTION_FIGURES,
    STATED_SCOPES,
    LogNormal,
    LogUniform,
    Uniform,
)
from ..serving import SCOPES, scope_factors
from ..style import OKABE_ITO
from ..tasks import SCOPE_LABELS, TASKS, token_energy_fit
from ..units import DAY, GWH, WH, YEAR
from ..validation import check_integer, check_option
from .render import explorer_class
from .web import (
    Choice,
    Curve,
    Label,
    Output,
    Plot,
    Samples,
    Slider,
    Statistic,
    VLine,
    WebExplorer,
    rebuilt_as,
)

__all__ = ["declaration", "BreakEvenExplorer"]

_BINS_LOG10_DAYS = np.linspace(-1.0, 5.0, 61)  # fixed histogram bins [log10 days]
_SEED = 0  # the seed of the Monte Carlo
# The uncertain inputs, in the order energylib.montecarlo.sample_inputs draws them,
# with their slider and the name of their per-draw array on the page.
_INPUTS = (("training_energy", "training_gwh", "training"),
           ("queries_per_second", "queries_per_day", "traffic"),
           ("energy_per_query", "energy_wh", "energy"))
_CHAT = TASKS["chat"]  # the energy slider's query: a chat answer
_MAX_OUTPUT = 20_000.0  # the output-length slider's top [tokens]


def _input_kinds() -> dict[str, type]:
    """Each uncertain input's distribution, one kind in every deployment.

    The page ships one table of standard draws per input (uniform for a
    log-uniform input, standard normal for a log-normal one) and holds the
    growth and efficiency rates at 0, as every deployment of
    :data:`energylib.montecarlo.DEPLOYMENTS` does; a deployment that did not
    would be refused here, when the module is imported.
    """
    kinds: dict[str, type] = {}
    for key, d in DEPLOYMENTS.items():
        for name, _, _ in _INPUTS:
            kind = type(getattr(d, name))
            if kind not in (LogUniform, LogNormal) or kinds.setdefault(name, kind) is not kind:
                raise ValueError(f"deployment {key!r}: {name} must be "
                                 f"{kinds.get(name, LogUniform).__name__} like the other "
                                 f"deployments' (LogUniform or LogNormal); got {kind.__name__}")
        for rate in ("growth_rate", "efficiency_rate"):
            dist = getattr(d, rate)
            if not (isinstance(dist, Uniform) and dist.low == dist.high == 0.0):
                raise ValueError(f"deployment {key!r}: {rate} must be Uniform(0, 0), as the "
                                 f"page holds it; got {dist!r}")
    return kinds


_KINDS = _input_kinds()


def _medians(key: str) -> dict[str, float]:
    """The medians of deployment ``key``, in the sliders' units."""
    d = DEPLOYMENTS[key]
    return {"queries_per_day": d.queries_per_second.median * DAY,
            "energy_wh": d.energy_per_query.median / WH,
            "training_gwh": d.training_energy.median / GWH}


@rebuilt_as("BreakEvenExplorer")
def declaration(n_draws: int = 2_000, deployment: str = "gpt4-chatgpt") -> WebExplorer:
    """The explorer: controls, and its Monte Carlo in SymPy (SI units).

    ``n_draws`` (>= 100) draws per update; the website ships the random
    draws, so the default, 2,000, also keeps the page small.  What does not
    depend on the controls, the standard random draws of
    :func:`energylib.montecarlo.sample_inputs` with seed 0, is drawn here
    and shipped as tables (``n_draws`` of each: uniform for a log-uniform
    input, standard normal for a log-normal one).  Per draw the page
    mirrors energylib step by step: ``with_median`` then ``widened`` of
    each distribution, its ``sample`` formula
    (``exp(ln lo + (ln hi - ln lo) u)``, ``median exp(sigma z)``), and
    :func:`energylib.lifecycle.break_even_time` with both rates at 0
    (``E_train / (q0 w0)``, as every deployment holds them).  The
    percentiles are numpy's ``inverted_cdf`` ones, as in
    :func:`energylib.montecarlo.break_even_monte_carlo`.  Choosing a
    deployment sets its spreads and, as in Python, moves the medians.

    The energy-per-query median the draws are built on is the slider's,
    counted at the deployment's stated boundary (:data:`~energylib.montecarlo.STATED_SCOPES`), times
    ``scope_factor / stated_factor`` (Google's factors,
    :meth:`energylib.serving.ScopeFactors.factor`, at the boundary chosen and
    the stated one: :func:`energylib.tasks.scope_conversion`; the production
    factors for a deployment whose figures describe production serving,
    :data:`~energylib.montecarlo.PRODUCTION_FIGURES`), times the
    estimator's fitted energy ``a n_in + b n_out + c n_out (n_in + n_out / 2)``
    of the task's prompt and the output length over that of a chat answer
    (:meth:`energylib.tasks.TokenEnergyFit.relative`).  The scope switch starts
    at the stated boundary of ``deployment``; choosing another deployment keeps
    the switch where it is (the ratio then follows the new deployment's
    stated boundary).

    Raises
    ------
    ValueError
        If ``n_draws`` is below 100 or ``deployment`` is not a key of
        :data:`energylib.montecarlo.DEPLOYMENTS`.
    """
    n = check_integer("n_draws", n_draws, low=100)
    deployment = check_option("deployment", deployment, tuple(DEPLOYMENTS))
    kinds = _KINDS
    rng = np.random.default_rng(_SEED)  # the draws of sample_inputs, in its order
    tables = {f"{short}_draw": (rng.random(n) if kinds[name] is LogUniform
                                else rng.standard_normal(n)).tolist()
              for name, _, short in _INPUTS}

    spread = sp.Symbol("spread", real=True)
    j = sp.Symbol("j", integer=True)
    symbol = lambda name: sp.Symbol(name, real=True)  # noqa: E731
    factors = {True: scope_factors(production_batch=True), False: scope_factors()}
    per_option: dict[str, dict[str, float]] = {
        key: {"production": float(PRODUCTION_FIGURES[key]),
              "stated_production": factors[True].factor(STATED_SCOPES[key]),
              "stated_benchmark": factors[False].factor(STATED_SCOPES[key])}
        for key in DEPLOYMENTS}
    fit = token_energy_fit()
    n_in, n_out = symbol("task_input_tokens"), symbol("output_tokens")
    a, b, c = symbol("fit_a"), symbol("fit_b"), symbol("fit_c")
    definitions: list[tuple[str, sp.Basic]] = [
        # the energy per query counted at the chosen boundary, for the task's lengths [J]
        ("energy_counted", symbol("energy_wh")
         * (symbol("production") * symbol("scope_production") / symbol("stated_production")
            + (1 - symbol("production")) * symbol("scope_benchmark")
            / symbol("stated_benchmark"))
         * (a * n_in + b * n_out + c * n_out * (n_in + n_out / 2)) / symbol("chat_energy")),
    ]
    arrays: dict[str, Samples] = {}
    for name, slider, short in _INPUTS:
        median = symbol("energy_counted" if name == "energy_per_query" else slider)
        draw = sp.IndexedBase(f"{short}_draw", shape=(n,))[j]
        if kinds[name] is LogUniform:
            # LogUniform.with_median(median).widened(spread), then .sample(), step by step.
            for key, d in DEPLOYMENTS.items():
                dist = getattr(d, name)
                per_option[key][f"{short}_half"] = math.sqrt(dist.high / dist.low)
            half = symbol(f"{short}_half")
            steps = [("lo1", median / half), ("hi1", median * half),
                     ("root", sp.sqrt(symbol(f"{short}_hi1") / symbol(f"{short}_lo1"))),
                     ("half2", symbol(f"{short}_root") ** spread),
                     ("median2", sp.sqrt(symbol(f"{short}_lo1") * symbol(f"{short}_hi1"))),
                     ("lnlo", sp.log(symbol(f"{short}_median2") / symbol(f"{short}_half2"))),
                     ("lnhi", sp.log(symbol(f"{short}_median2") * symbol(f"{short}_half2")))]
            definitions += [(f"{short}_{step}", expr) for step, expr in steps]
            lnlo, lnhi = symbol(f"{short}_lnlo"), symbol(f"{short}_lnhi")
            expr = sp.exp(lnlo + (lnhi - lnlo) * draw)
        else:
            # LogNormal.with_median(median).widened(spread).sample().
            for key, d in DEPLOYMENTS.items():
                per_option[key][f"{short}_sigma0"] = getattr(d, name).sigma
            definitions.append((f"{short}_sigma", symbol(f"{short}_sigma0") * spread))
            expr = median * sp.exp(symbol(f"{short}_sigma") * draw)
        arrays[short] = Samples(short, expr, n)
    e_train, q0, e0 = (arrays[short][j] for _, _, short in _INPUTS)
    p0 = q0 * e0
    # break_even_time with k = g - r = 0: naive_t = E_train / p0 (times 1.0).
    t = Samples("t", sp.Piecewise((0.0, sp.Eq(e_train, 0)), (sp.oo, sp.Eq(p0, 0)),
                                  (e_train / p0, True)), n)
    lo, hi = float(_BINS_LOG10_DAYS[0]), float(_BINS_LOG10_DAYS[-1])
    never = sp.Eq(t[j], sp.oo)  # the times are >= 0
    samples: tuple[Samples | Statistic, ...] = (
        *arrays.values(), t,
        Statistic("t_p5", "t", "quantile", q=5.0 / 100.0, method="inverted_cdf"),
        Statistic("t_p50", "t", "quantile", q=50.0 / 100.0, method="inverted_cdf"),
        Statistic("t_p95", "t", "quantile", q=95.0 / 100.0, method="inverted_cdf"),
        Samples("never", sp.Piecewise((1.0, never), (0.0, True)), n),
        Statistic("t_never", "never", "mean"),
        Samples("log_days", sp.Piecewise(
            (sp.nan, never),
            (sp.Min(sp.Max(log10(t[j] / sp.Symbol("day_s", positive=True)), lo), hi),
             True)), n),
        Statistic("shares", "log_days", "histogram",
                  edges=tuple(float(e) for e in _BINS_LOG10_DAYS), share=True),
    )
    shares = samples[-1]
    assert isinstance(shares, Statistic)
    days = sp.Symbol("days", positive=True)
    bins = len(_BINS_LOG10_DAYS) - 1
    width = (hi - lo) / bins
    # The curve's grid is the bin edges (log-spaced): bin k holds from edge k to k + 1.
    bin_of = sp.Min(sp.floor((log10(days) - lo) / width + sp.Rational(1, 2)), bins - 1)

    def line_at(name: str) -> sp.Basic:
        p = sp.Symbol(name)  # no assumptions: it may be infinite
        return sp.Piecewise((sp.Min(sp.Max(p / DAY, 10.0**lo), 10.0**hi), sp.Ne(p, sp.oo)),
                            (sp.nan, True))

    medians = {key: _medians(key) for key in DEPLOYMENTS}
    start = medians[deployment]
    stated = "; ".join(f"{d.name}: {SCOPE_LABELS[STATED_SCOPES[key]]}"
                       for key, d in DEPLOYMENTS.items())
    return WebExplorer(
        id="real",
        title="Break-even distribution of a real deployment",
        params=(
            Choice("deployment", "deployment", tuple(DEPLOYMENTS), deployment,
                   values=per_option, widget_kind="dropdown",
                   option_labels={key: d.name for key, d in DEPLOYMENTS.items()},
                   presets=medians),
            Slider("queries_per_day", "queries per day", 4.0, 10.0, 0.1,
                   start["queries_per_day"], log=True, readout=".2g", to_si=1 / DAY),
            Slider("energy_wh", "energy per chat query, as stated [Wh]", -2.0, 2.0, 0.05,
                   start["energy_wh"], log=True, readout=".3g", to_si=WH),
            Choice("scope", "what is counted", SCOPES, STATED_SCOPES[deployment],
                   {scope: {"scope_production": factors[True].factor(scope),
                            "scope_benchmark": factors[False].factor(scope)}
                    for scope in SCOPES},
                   option_labels=SCOPE_LABELS),
            Choice("task", "task", tuple(TASKS), "chat",
                   {name: {"task_input_tokens": t.input_tokens} for name, t in TASKS.items()},
                   presets={name: {"output_tokens": t.output_tokens}
                            for name, t in TASKS.items()}),
            Slider("output_tokens", "output length [tokens]", 1.0, _MAX_OUTPUT, 1.0,
                   _CHAT.output_tokens, readout=".0f"),
            Slider("training_gwh", "training energy [GWh]", -2.0, 3.0, 0.05,
                   start["training_gwh"], log=True, readout=".3g", to_si=GWH),
            Slider("spread", "uncertainty [× published]", 0.0, 2.0, 0.1, 1.0,
                   readout=".1f"),
        ),
        constants={"day_s": DAY, "fit_a": fit.per_input_token,
                   "fit_b": fit.per_output_token, "fit_c": fit.per_cache_read,
                   "chat_energy": fit.energy(_CHAT.input_tokens, _CHAT.output_tokens)},
        definitions=tuple(definitions),
        tables=tables,
        samples=samples,
        outputs=(
            Output("p50", "median break-even", sp.Symbol("t_p50"), fmt="duration"),
            Output("p5", "5th percentile", sp.Symbol("t_p5"), fmt="duration"),
            Output("p95", "95th percentile", sp.Symbol("t_p95"), fmt="duration"),
            Output("fraction_never", "never", sp.Symbol("t_never"), fmt="percent"),
            Output("energy_counted", "energy per query counted (median)",
                   symbol("energy_counted"), unit="Wh", scale=WH),
        ),
        plots=(Plot(
            x=days, x_label="break-even time [days]", x_range=(10.0**lo, 10.0**hi),
            x_log=True, y_label="share of draws per bin [-]", y_range=(0.0, 0.3),
            points=bins + 1,
            curves=(Curve("share of draws", shares[bin_of], OKABE_ITO["black"], width=1.0,
                          alpha=0.6, steps=True, fill=True),),
            vlines=(VLine("1 year", YEAR / DAY, "grey", dash=False),
                    VLine("10 years", 10 * YEAR / DAY, "grey", dash=False),
                    VLine("median", line_at("t_p50"), "black", dash=False),
                    VLine("5th percentile", line_at("t_p5"), "black"),
                    VLine("95th percentile", line_at("t_p95"), "black")),
            labels=(Label("1 yr", 1.15 * YEAR / DAY, 0.285),
                    Label("10 yr", 1.15 * 10 * YEAR / DAY, 0.285)),
        ),),
        measured={
            "queries_per_day": tuple(f.id for f in select("query_volume")),
            "energy_wh": tuple(f.id for f in select("energy_per_query")),
            "training_gwh": tuple(f.id for f in select("training_energy")),
            "output_tokens": ("chat-output-tokens", "reasoning-output-tokens",
                              "agent-step-output-tokens"),
        },
        note=(f"Bars: share of the {n:,} draws per bin; black: median (solid), 5th and "
              "95th percentiles (dashed); grey: 1 and 10 years. The random draws are "
              "fixed (seed 0, as in Python), so a move changes only the inputs. The "
              f"energy per query is a chat answer at the boundary its figures are stated in "
              f"({stated}); it is scaled to the boundary chosen, and by the estimator's "
              f"energy to the task's prompt and the output length ({fit.model}, fitted)."),
    )


BreakEvenExplorer = explorer_class(declaration)
