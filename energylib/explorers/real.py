"""Explorer of the "Real numbers" chapter: the break-even distribution of a real deployment.

Choose a deployment, move the medians of traffic, energy per query and
training energy and the width of every uncertainty range; the histogram of
break-even times and its percentiles update.  The sliders set *medians*;
``spread`` multiplies the log-width of every range (0 removes the
uncertainty, 2 doubles it).  :func:`declaration` is the explorer;
:func:`reference` computes its outputs with
:func:`energylib.montecarlo.break_even_monte_carlo` (seed 0).  The
declaration runs the same Monte Carlo (numpy in Jupyter, JavaScript on the
page): the standard random draws (uniform for the log-uniform inputs,
standard normal for the log-normal one), which do not depend on the
sliders, are drawn once in Python with the same
seed and shipped as tables; the page turns them into each draw's inputs and
break-even time with energylib's formulas and takes the same percentiles
(numpy's ``inverted_cdf``), fraction and histogram, so it shows Python's
numbers.  Shipping the draws keeps the default at 2,000 draws.

Examples
--------
>>> out = BreakEvenExplorer().update(spread=0.0)
>>> out["p5"] == out["p95"]
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import sympy as sp
from sympy.codegen.cfunctions import log10

from ..dataset import select
from ..montecarlo import (
    DEPLOYMENTS,
    LogNormal,
    LogUniform,
    Uniform,
    break_even_monte_carlo,
)
from ..style import OKABE_ITO
from ..units import DAY, GWH, WH, YEAR
from ..validation import check_integer
from .render import Explorer
from .web import (
    Activity,
    Choice,
    Curve,
    Label,
    Output,
    Plot,
    Samples,
    Slider,
    Statistic,
    Step,
    VLine,
    WebExplorer,
    rebuilt_as,
)

__all__ = ["declaration", "reference", "BreakEvenExplorer"]

_BINS_LOG10_DAYS = np.linspace(-1.0, 5.0, 61)  # fixed histogram bins [log10 days]
_SEED = 0  # the seed of the Monte Carlo
# The uncertain inputs, in the order energylib.montecarlo.sample_inputs draws them,
# with their slider and the name of their per-draw array on the page.
_INPUTS = (("training_energy", "training_gwh", "training"),
           ("queries_per_second", "queries_per_day", "traffic"),
           ("energy_per_query", "energy_wh", "energy"))

def _medians(key: str) -> dict[str, float]:
    """The medians of deployment ``key``, in the sliders' units."""
    d = DEPLOYMENTS[key]
    return {"queries_per_day": d.queries_per_second.median * DAY,
            "energy_wh": d.energy_per_query.median / WH,
            "training_gwh": d.training_energy.median / GWH}


_D = DAY  # [s]
_Y = YEAR  # [s]
# The chapter's "things to try", checked by the tests on every renderer.  The
# durations are bands of seconds (the outputs' SI values).
ACTIVITIES = (
    Activity(
        question=("The explorer opens on the library's GPT-4-class deployment, whose energy "
                  "per query still includes de Vries's 2023 estimate of 2.9 Wh. Replace it "
                  "by the 2025 figures (about 0.35 Wh): will the median break-even get "
                  "longer or shorter, and by roughly what factor? And what will widening "
                  "every range do to the median, and to the 95th percentile?"),
        steps=(
            Step("Set the energy per query to 0.35 Wh, the median of the three 2025 "
                 "figures: the median break-even grows from about 37 days to about 62 days.",
                 {"energy_wh": 0.35}, {"p50": (55 * _D, 72 * _D)}),
            Step("Set the uncertainty to 0: the three percentiles meet at one line, about "
                 "61 days.",
                 {"spread": 0.0}, {"p5": (55 * _D, 72 * _D), "p95": (55 * _D, 72 * _D)}),
            Step("Set the uncertainty to 2: the median hardly moves, but the 95th "
                 "percentile runs away to several years.",
                 {"spread": 2.0}, {"p50": (50 * _D, 80 * _D), "p95": (4 * _Y, 9 * _Y)}),
        ),
        answer=("Longer, by the ratio of the energies per query, about 0.59/0.35 = 1.7: "
                "break-even time is training energy divided by traffic times energy per "
                "query. Widening the ranges leaves the median in place, because the draws "
                "spread evenly in log terms on both sides of it, and stretches the tails "
                "by a factor that grows with the width."),
    ),
    Activity(
        question=("The toy calculation gave Llama 3.1 405B, at ten million responses a day, "
                  "about six years to break even when both sides have the same scope, and "
                  "about three when the scopes are mixed. Which will the explorer's median be "
                  "closer to, once its uncertainty is set to 0 and its three percentile lines "
                  "merge into one? And how many queries a day bring its median under a "
                  "year?"),
        steps=(
            Step("Choose the deployment Llama 3.1 405B: the median break-even is about "
                 "four years, and the 95th percentile several decades.",
                 # Choosing a deployment moves the medians to its own (its presets).
                 {"deployment": "llama31-405b", **_medians("llama31-405b")},
                 {"p50": (3.5 * _Y, 4.5 * _Y), "p95": (20 * _Y, 60 * _Y)}),
            Step("Set the uncertainty to 0: one line at about 3.8 years.",
                 {"spread": 0.0}, {"p50": (3.5 * _Y, 4.1 * _Y)}),
            Step("Set the traffic to 50 million queries a day: the break-even falls under a "
                 "year, to about nine months.",
                 {"queries_per_day": 5e7}, {"p50": (8 * _Y / 12, 10 * _Y / 12)}),
        ),
        answer=("Closer to the mixed-scope answer: the deployment's training range runs "
                "from GPU-only power to whole-server power, with its middle near the GPU "
                "end, while its response energy is the server-scope 6,706 J. Break-even "
                "time falls in proportion to traffic, so five times the traffic (from ten to "
                "fifty million a day) takes 3.8 years to about nine months."),
    ),
)


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
    """
    n = check_integer("n_draws", n_draws, low=100)
    first = DEPLOYMENTS[deployment]
    kinds = {name: type(getattr(first, name)) for name, _, _ in _INPUTS}
    for key, d in DEPLOYMENTS.items():
        for name, _, _ in _INPUTS:
            if type(getattr(d, name)) is not kinds[name] or kinds[name] not in (
                    LogUniform, LogNormal):
                raise NotImplementedError(f"{key}: {name} must be log-uniform or "
                                          "log-normal, and of one kind in all deployments")
        for rate in (d.growth_rate, d.efficiency_rate):
            if not (isinstance(rate, Uniform) and rate.low == rate.high == 0.0):
                raise NotImplementedError(f"{key}: the page holds both rates at 0")
    rng = np.random.default_rng(_SEED)  # the draws of sample_inputs, in its order
    tables = {f"{short}_draw": (rng.random(n) if kinds[name] is LogUniform
                                else rng.standard_normal(n)).tolist()
              for name, _, short in _INPUTS}

    spread = sp.Symbol("spread", real=True)
    j = sp.Symbol("j", integer=True)
    symbol = lambda name: sp.Symbol(name, real=True)  # noqa: E731
    per_option: dict[str, dict[str, float]] = {key: {} for key in DEPLOYMENTS}
    definitions: list[tuple[str, sp.Basic]] = []
    arrays: dict[str, Samples] = {}
    for name, slider, short in _INPUTS:
        median, draw = symbol(slider), sp.IndexedBase(f"{short}_draw", shape=(n,))[j]
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
            Slider("energy_wh", "energy per query [Wh]", -2.0, 2.0, 0.05,
                   start["energy_wh"], log=True, readout=".3g", to_si=WH),
            Slider("training_gwh", "training energy [GWh]", -2.0, 3.0, 0.05,
                   start["training_gwh"], log=True, readout=".3g", to_si=GWH),
            Slider("spread", "uncertainty [× published]", 0.0, 2.0, 0.1, 1.0,
                   readout=".1f"),
        ),
        constants={"day_s": DAY},
        definitions=tuple(definitions),
        tables=tables,
        samples=samples,
        outputs=(
            Output("p50", "median break-even", sp.Symbol("t_p50"), fmt="duration"),
            Output("p5", "5th percentile", sp.Symbol("t_p5"), fmt="duration"),
            Output("p95", "95th percentile", sp.Symbol("t_p95"), fmt="duration"),
            Output("fraction_never", "never", sp.Symbol("t_never"), fmt="percent"),
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
        activities=ACTIVITIES,
        measured={
            "queries_per_day": tuple(f.id for f in select("query_volume")),
            "energy_wh": tuple(f.id for f in select("energy_per_query")),
            "training_gwh": tuple(f.id for f in select("training_energy")),
        },
        note=(f"Bars: share of the {n:,} draws per bin; black: median (solid), 5th and "
              "95th percentiles (dashed); grey: 1 and 10 years. The random draws are "
              "fixed (seed 0, as in Python), so a move changes only the inputs."),
    )


def reference(values: Mapping[str, Any], n_draws: int = 2_000,
              deployment: str = "gpt4-chatgpt") -> dict[str, float]:
    """The outputs at control ``values``, from :func:`energylib.montecarlo.break_even_monte_carlo`.

    ``p5``, ``p50``, ``p95`` [s] and ``fraction_never`` [-]; ``deployment``
    (the choice's start) is unused: ``values`` names the deployment.
    """
    d, k = DEPLOYMENTS[values["deployment"]], float(values["spread"])
    d = replace(
        d,
        queries_per_second=d.queries_per_second.with_median(
            values["queries_per_day"] / DAY).widened(k),
        energy_per_query=d.energy_per_query.with_median(values["energy_wh"] * WH).widened(k),
        training_energy=d.training_energy.with_median(values["training_gwh"] * GWH).widened(k),
    )
    result = break_even_monte_carlo(d, n_draws, seed=_SEED, percentiles=(5.0, 50.0, 95.0))
    p = result.percentiles
    return {"p5": p[5.0], "p50": p[50.0], "p95": p[95.0],
            "fraction_never": result.fraction_never}


class BreakEvenExplorer(Explorer):
    """The chapter's explorer in Jupyter: :func:`declaration`, rendered."""

    def __init__(self, n_draws: int = 2_000, deployment: str = "gpt4-chatgpt") -> None:
        super().__init__(declaration(n_draws, deployment))
