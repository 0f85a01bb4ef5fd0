"""Trends behind the verdict: training energy per generation, and energy per query net of tokens.

The verdict chapter's condition C12 compares the growth rate of inference power,
``k``, with the growth rate of training spending, ``ln c / tau``, where ``c`` is the
factor by which the training energy of a frontier model grows from one generation to
the next and ``tau`` the time between generations.  This module estimates ``c``,
``tau`` and their ratio from the published figures in :mod:`energylib.dataset`, and
the rate ``r`` at which the energy of one query falls once the rise in tokens per
query is netted out.  Every estimate comes with a range, says how the range was
formed, and names the rows it rests on.

Assumptions, stated once:

* **Training energy grows as compute over efficiency.**  The energy of the largest
  run grows by ``g_E = g_C / g_H`` a year, where ``g_C`` is the growth of frontier
  training compute (Epoch AI: 4-5x a year, :cite:`sevilla2024compute`) and ``g_H`` the
  growth of the hardware's peak FLOP per joule, fitted here to NVIDIA's V100, A100,
  H100 and B200 datasheets.  Peak FLOP per joule is the right metric for training
  (compute-bound); it is the wrong one for decode, which is bandwidth-bound (see
  :func:`decode_hardware_gain`).  The route ignores lower training precision (FP8
  doubles the FLOP per joule) and changes in utilization, so it overstates ``g_E`` if
  precision keeps falling.
* **A second route, power times duration.**  The power capacity of frontier training
  clusters grows about 2.2x a year and training runs lengthen about 1.2x a year
  (:cite:`cottier2024rising`), so energy grows about 2.6x a year if utilization stays the
  same.  The two routes are NOT independent in method: both rest on Epoch AI's
  database of notable models.  The central estimate is their geometric mean; the range
  is the hull of the two routes' ranges (not narrowed by averaging, because the routes
  share their data).  Each route's range adds its inputs' log half-widths in
  quadrature; if the inputs' ranges were independent 90 % intervals of log-normal
  quantities, each route's range would be a 90 % interval.  Only the compute growth and
  the power growth are published 90 % intervals; the hardware range (the spread of
  consecutive generations) and the duration range (assigned) are not, so the coverage
  is nominal, not measured.
* **A generation is a flagship release.**  ``tau`` is the time between successive
  numbered generations of three families (OpenAI GPT-3, 4, 5; Meta Llama 2, 3, 4, with
  Llama 3 dated at its 405B flagship; Google Gemini 1, 2, 3); the central value is the
  geometric mean of the six intervals and the range their extremes.
* **Only the ratio matters for C12.**  If training energy grows exponentially at
  ``ln g_E`` per unit time, then ``c = g_E ** tau`` and ``ln c / tau = ln g_E``
  whatever ``tau`` is: :func:`training_energy_rate` is the number to set against
  ``k``.  ``c`` (:func:`generation_growth`) is quoted at the central ``tau``.
* **Energy per query, net of tokens.**  ``r = ln d - ln g_T`` where ``d`` is the yearly
  fall in energy per token and ``g_T`` the yearly growth in tokens per query.  Three
  readings of the evidence disagree, so all are returned (:func:`query_energy_trend`):
  a *fixed-model* reading (software and hardware gains for one model, against the
  growth of tokens per request), a *per-task / median* reading (the IEA's "at least an
  order of magnitude" a year per AI task and Google's 33-fold fall of its MEDIAN prompt:
  neither is net of the task mix, and a median is blind to the heavy tail while
  aggregate energy follows the mean) and an *aggregate* reading, derived from the
  book's own relation ``k = g + (eps - 1) r`` with ``eps = 0``: ``r = g - k`` from the
  growth of queries ``g`` and of AI data-centre electricity ``k`` stored in the dataset.

All rates are in SI, per second; multiply by :data:`energylib.units.YEAR` for per year.

Examples
--------
>>> from energylib.units import YEAR
>>> g = training_energy_growth()
>>> round(g.value, 2), round(g.low, 2), round(g.high, 2)  # per year
(3.05, 2.17, 3.94)
>>> t = generation_interval()
>>> round(t.value / YEAR, 2), round(t.low / YEAR, 2), round(t.high / YEAR, 2)
(1.28, 0.7, 2.79)
>>> rate = training_energy_rate()
>>> round(rate.value * YEAR, 2)  # ln c / tau [1/year]
1.12
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import measurements
from .dataset import by_id
from .units import YEAR
from .validation import check_scalar

__all__ = [
    "Estimate",
    "QueryEnergyTrend",
    "GENERATIONS",
    "hardware_efficiency_growth",
    "decode_hardware_ratios",
    "decode_hardware_gain",
    "training_energy_growth",
    "training_energy_rate",
    "TRAINING_RUNS",
    "observed_training_growth",
    "generation_intervals",
    "generation_interval",
    "generation_growth",
    "software_gain_llama8b",
    "net_efficiency_rate",
    "aggregate_query_energy_rate",
    "query_energy_trend",
]

GENERATIONS: dict[str, tuple[str, ...]] = {
    "OpenAI GPT": ("gpt3-release", "gpt4-release", "gpt5-release"),
    "Meta Llama": ("llama2-release", "llama3-release", "llama4-release"),
    "Google Gemini": ("gemini1-release", "gemini2-release", "gemini3-release"),
}
"""Dataset rows (release dates) of successive flagship generations, by family."""

_EFFICIENCY_ROWS = ("v100-flop-per-joule", "a100-flop-per-joule", "h100-flop-per-joule",
                    "b200-flop-per-joule")


@dataclass(frozen=True)
class Estimate:
    """A central value with a range and what it rests on.

    Attributes
    ----------
    value, low, high : float
        Central estimate and range, ``low <= value <= high``, in ``unit``.
    unit : str
        SI unit (``"1"`` for a factor, ``"1/s"`` for a rate, ``"s"`` for a time).
    basis : str
        How it was obtained (and how the range was formed), with the dataset rows used.
    """

    value: float
    low: float
    high: float
    unit: str
    basis: str

    def __post_init__(self) -> None:
        for name in ("value", "low", "high"):
            check_scalar(name, getattr(self, name))
        if not self.low <= self.value <= self.high:
            raise ValueError(f"value must lie in [low, high] = [{self.low:g}, {self.high:g}]; "
                             f"got {self.value:g}")
        for name in ("unit", "basis"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be a string; got {getattr(self, name)!r}")


@dataclass(frozen=True)
class QueryEnergyTrend:
    """Three readings of the rate ``r`` at which the energy of one query falls [1/s].

    Attributes
    ----------
    fixed_model : Estimate
        Software and hardware gains for a given model against the growth of tokens
        per request.
    fleet : Estimate
        The per-task / median reading: the IEA's fall of energy per AI task and Google's
        fall of its median prompt.  Neither is net of the task mix (reasoning and agent
        tasks use 100-1000x more per query) and a median ignores the heavy tail, so this
        is not a rate for aggregate energy.
    aggregate : Estimate
        ``r = g - k`` (the book's ``k = g + (eps - 1) r`` with ``eps = 0``), from the
        growth of queries and of AI data-centre electricity.
    """

    fixed_model: Estimate
    fleet: Estimate
    aggregate: Estimate

    @property
    def span(self) -> Estimate:
        """All three readings together: the aggregate central value, the widest range.

        The aggregate reading is the only one on the book's own terms (net of tokens and
        of the task mix, weighted by the mean), so it is the central value.
        """
        readings = (self.fixed_model, self.fleet, self.aggregate)
        return Estimate(self.aggregate.value, min(e.low for e in readings),
                        max(e.high for e in readings), "1/s",
                        "central: aggregate reading; range: hull of the fixed-model, "
                        "per-task/median and aggregate readings")


def _factor(row: str) -> tuple[float, float, float]:
    f = by_id(row)
    assert f.low is not None and f.high is not None
    return f.value, f.low, f.high


def hardware_efficiency_growth() -> Estimate:
    """Yearly growth of accelerators' peak FLOP per joule, V100 (2017) to B200 (2024).

    A least-squares fit of ``ln(FLOP/J)`` against the year of first shipment; the range
    is spanned by the growth between consecutive generations.  The metric suits
    compute-bound training; for bandwidth-bound decode use :func:`decode_hardware_gain`.

    Returns
    -------
    Estimate
        Factor per year [1].

    References
    ----------
    :cite:`nvidia2017v100`
    :cite:`nvidia2021a100`
    :cite:`nvidia2023h100`
    :cite:`nvidia2024b200`

    Examples
    --------
    >>> e = hardware_efficiency_growth()
    >>> round(e.value, 2), round(e.low, 2), round(e.high, 2)
    (1.28, 1.23, 1.35)
    """
    figs = [by_id(r) for r in _EFFICIENCY_ROWS]
    years = np.array([f.year for f in figs], dtype=float)
    log_eff = np.log([f.si for f in figs])
    slope = float(np.polyfit(years, log_eff, 1)[0])
    steps = [math.exp((log_eff[i + 1] - log_eff[i]) / (years[i + 1] - years[i]))
             for i in range(len(figs) - 1)]
    return Estimate(math.exp(slope), min(steps), max(steps), "1",
                    "log-linear fit to dense 16-bit peak FLOP / board power, rows "
                    + ", ".join(_EFFICIENCY_ROWS))


def decode_hardware_ratios() -> dict[tuple[str, str], float]:
    """H100 / B200 minimum GPU energy per output token, by leaderboard v3 (task, model) pair.

    For every model and task the ML.ENERGY leaderboard v3 ran on both GPUs (same
    software, vLLM 0.11.1; same prompts), the lowest energy per output token over its
    configurations on each GPU, and their ratio: a direct measure of the hardware gain
    for serving, where decode is bound by memory bandwidth rather than by peak FLOP.

    Returns
    -------
    dict of (str, str) to float
        ``(task, model)`` to the ratio [1] (> 1: the B200 uses less energy per token).

    References
    ----------
    :cite:`mlenergy2026leaderboardv3`

    Examples
    --------
    >>> r = decode_hardware_ratios()
    >>> len(r)
    24
    """
    best: dict[tuple[str, str], dict[str, float]] = {}
    for m in measurements.select(lab="ML.ENERGY", quantity="energy_per_response"):
        if m.software_version != "0.11.1" or m.output_tokens is None:
            continue
        _, task, model, gpu = m.group.split(":")
        per_token = m.si / m.output_tokens
        slot = best.setdefault((task, model), {})
        slot[gpu] = min(slot.get(gpu, math.inf), per_token)
    return {k: v["h100"] / v["b200"] for k, v in best.items() if {"h100", "b200"} <= set(v)}


def decode_hardware_gain() -> Estimate:
    """Yearly fall of serving energy per token from the hardware alone, H100 to B200.

    The geometric mean of :func:`decode_hardware_ratios` over the years between the two
    GPUs' first shipments (rows ``h100-flop-per-joule`` and ``b200-flop-per-joule``),
    as a factor per year; the range is the interquartile range of the pair ratios (the
    middle half of the models and tasks), on the same per-year basis.  The measured
    1.76x exceeds the datasheets' peak FLOP-per-joule ratio (2.25 / 1.413 = 1.59x): decode
    reads memory, and the B200's bandwidth grew more than its FLOP per joule.

    Returns
    -------
    Estimate
        Factor per year [1].

    References
    ----------
    :cite:`mlenergy2026leaderboardv3`

    Examples
    --------
    >>> e = decode_hardware_gain()
    >>> round(e.value ** 2, 2), round(e.value, 2)  # over the two years, and per year
    (1.76, 1.33)
    """
    ratios = np.array(list(decode_hardware_ratios().values()))
    years = by_id("b200-flop-per-joule").year - by_id("h100-flop-per-joule").year
    central = float(np.exp(np.mean(np.log(ratios))))
    q1, q3 = (float(q) for q in np.quantile(ratios, [0.25, 0.75]))
    return Estimate(central ** (1 / years), q1 ** (1 / years), q3 ** (1 / years), "1",
                    f"geometric mean of {len(ratios)} H100/B200 minimum J-per-token ratios "
                    f"({central:.2f}x over {years} years) from ML.ENERGY leaderboard v3; "
                    "range: interquartile range of the ratios")


def _log_quadrature(parts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Product of factors (value, low, high) with log half-widths added in quadrature."""
    centre = sum(math.log(v) for v, _, _ in parts)
    down = math.sqrt(sum(math.log(v / lo) ** 2 for v, lo, _ in parts))
    up = math.sqrt(sum(math.log(hi / v) ** 2 for v, _, hi in parts))
    return math.exp(centre), math.exp(centre - down), math.exp(centre + up)


def training_energy_growth() -> Estimate:
    """Yearly growth factor ``g_E`` of the energy of the largest training run.

    Two routes: frontier compute growth over hardware-efficiency growth, and cluster
    power growth times training-duration growth.  Each route's range adds its inputs'
    log half-widths in quadrature (a 90 % interval if the inputs were independent 90 %
    intervals; only two of the four are, so the coverage is nominal).  Central value:
    the two routes' geometric mean; range: the hull of both routes' ranges, not
    narrowed, because both routes rest on Epoch AI's data.

    Returns
    -------
    Estimate
        Factor per year [1].

    References
    ----------
    :cite:`sevilla2024compute`
    :cite:`cottier2024rising` Appendix C

    Examples
    --------
    >>> g = training_energy_growth()
    >>> 2 < g.value < 4
    True
    """
    c, c_lo, c_hi = _factor("frontier-compute-growth")
    h = hardware_efficiency_growth()
    route_a = _log_quadrature([(c, c_lo, c_hi), (1 / h.value, 1 / h.high, 1 / h.low)])
    route_b = _log_quadrature([_factor("frontier-power-growth"),
                               _factor("frontier-training-time-growth")])
    central = math.sqrt(route_a[0] * route_b[0])
    return Estimate(central, min(route_a[1], route_b[1]), max(route_a[2], route_b[2]), "1",
                    f"compute/efficiency {route_a[0]:.2f} ({route_a[1]:.2f}-{route_a[2]:.2f}) "
                    f"and power x duration {route_b[0]:.2f} ({route_b[1]:.2f}-{route_b[2]:.2f}), "
                    "each range in log quadrature, combined as their hull (the routes share "
                    "Epoch AI's data); rows frontier-compute-growth, frontier-power-growth, "
                    "frontier-training-time-growth and the FLOP-per-joule rows")


def training_energy_rate() -> Estimate:
    """Continuous growth rate of training energy, ``ln g_E`` = ``ln c / tau`` [1/s].

    This is the rate C12 sets against the growth rate ``k`` of inference power: under
    exponential growth it does not depend on how generations are counted.

    Returns
    -------
    Estimate
        Rate [1/s].

    Examples
    --------
    >>> from energylib.units import YEAR
    >>> r = training_energy_rate()
    >>> round(r.low * YEAR, 2), round(r.high * YEAR, 2)
    (0.77, 1.37)
    """
    g = training_energy_growth()
    return Estimate(math.log(g.value) / YEAR, math.log(g.low) / YEAR, math.log(g.high) / YEAR,
                    "1/s", "ln of training_energy_growth() per year, in 1/s; " + g.basis)


TRAINING_RUNS: tuple[tuple[str, str], ...] = (
    ("gpt3-train-energy", "gpt3-training-end"),
    ("gpt4-train-energy", "gpt4-training-end"),
    ("frontier-2025-train-energy", "frontier-2025-training-end"),
)
"""Successive frontier runs: (training-energy row, end-of-training row).  All three energies
are on one boundary (Patterson et al.'s for GPT-3: measured average system power per
accelerator, 1.1 x the GPU rating, and PUE 1.1) and all dates are ends of training."""


def observed_training_growth() -> dict[str, float]:
    """Yearly growth of training energy between successive frontier runs [1].

    An in-sample consistency check of :func:`training_energy_growth`, not an independent
    test: GPT-3 and GPT-4 are in the Epoch AI database behind the compute trend.  One time
    basis (end of training) and one energy boundary (see :data:`TRAINING_RUNS`).

    Returns
    -------
    dict of str to float
        ``"<row a> -> <row b>"`` to the factor per year [1].

    Examples
    --------
    >>> [round(v, 2) for v in observed_training_growth().values()]
    [3.41, 2.48]
    """
    out = {}
    for (a, ta), (b, tb) in zip(TRAINING_RUNS, TRAINING_RUNS[1:], strict=False):
        years = by_id(tb).value - by_id(ta).value
        out[f"{a} -> {b}"] = (by_id(b).si / by_id(a).si) ** (1 / years)
    return out


def generation_intervals() -> dict[str, tuple[float, ...]]:
    """Times between successive flagship generations, by family [s].

    Returns
    -------
    dict of str to tuple of float
        Family (see :data:`GENERATIONS`) to its intervals [s].

    Examples
    --------
    >>> from energylib.units import YEAR
    >>> [round(t / YEAR, 2) for t in generation_intervals()["OpenAI GPT"]]
    [2.79, 2.4]
    """
    out = {}
    for family, rows in GENERATIONS.items():
        dates = [by_id(r).value for r in rows]
        out[family] = tuple((b - a) * YEAR for a, b in zip(dates, dates[1:], strict=False))
    return out


def generation_interval() -> Estimate:
    """The generation interval ``tau``: geometric mean of the intervals, range their extremes.

    Returns
    -------
    Estimate
        Time [s].

    Examples
    --------
    >>> from energylib.units import YEAR
    >>> 1 < generation_interval().value / YEAR < 2
    True
    """
    values = [t for ts in generation_intervals().values() for t in ts]
    central = float(np.exp(np.mean(np.log(values))))
    return Estimate(central, min(values), max(values), "s",
                    "flagship releases: " + "; ".join(
                        f"{k} {', '.join(v)}" for k, v in GENERATIONS.items()))


def generation_growth() -> Estimate:
    """The growth factor ``c`` of training energy per generation, ``c = g_E ** tau``.

    Both the central value and the range are taken at the central ``tau``: the range is
    that of ``g_E`` raised to ``tau``, i.e. the range of ``ln c / tau`` times ``tau``.
    Combining the extremes of ``g_E`` with the extremes of ``tau`` (as a first version
    did, 1.7-50) gives no meaningful interval: ``c`` and ``tau`` are not independent (a
    family with long generations has large ``c``), and C12 needs only their ratio,
    :func:`training_energy_rate`.  For a family with generation interval ``t``, use
    ``g_E ** t``.

    Returns
    -------
    Estimate
        Factor per generation [1].

    Examples
    --------
    >>> c = generation_growth()
    >>> round(c.value, 1), round(c.low, 1), round(c.high, 1)
    (4.2, 2.7, 5.8)
    """
    g = training_energy_growth()
    tau = generation_interval().value / YEAR
    return Estimate(g.value ** tau, g.low ** tau, g.high ** tau, "1",
                    f"c = g_E ** tau at the central tau = {tau:.2f} years, g_E from "
                    "training_energy_growth() with its range")


def software_gain_llama8b() -> Estimate:
    """Serving-software gain for Llama 3.1 8B on one H100, leaderboard v2 to v3 [1].

    Central value: the ratio of GPU energy per output token in the two leaderboards' data
    files at max batch 64 (the measurements behind rows ``llama31-8b-token-v2`` and
    ``-v3``), 1.44x; the range runs from the low end of the blog's 15-41 % reductions
    across Llama 3.1 sizes to the blog's 1.67x for this model (row
    ``software-gain-llama8b``).  It is not software alone: v2 and v3 differ in prompt set
    (ShareGPT first turns vs LMArena conversations), mean output (483 vs 395 tokens, and
    shorter outputs carry more prefill per output token) and measurement window (the
    whole run vs the steady state, which its authors say raises measured power at large
    batch): the direction of the net bias is not known.

    Returns
    -------
    Estimate
        Factor over the 15 months between the two versions [1].

    References
    ----------
    :cite:`mlenergy2025llama31`
    :cite:`mlenergy2024leaderboardv2`
    :cite:`mlenergy2026leaderboardv3`

    Examples
    --------
    >>> round(software_gain_llama8b().value, 2)
    1.44
    """
    per_token = []
    for row in ("llama31-8b-token-v2", "llama31-8b-token-v3"):
        m = measurements.by_id(by_id(row).measurement_id)
        assert m.output_tokens is not None
        per_token.append(m.si / m.output_tokens)
    files = per_token[0] / per_token[1]
    blog, blog_lo, _ = _factor("software-gain-llama8b")
    return Estimate(files, min(blog_lo, files), max(blog, files), "1",
                    "data files of leaderboard v2 and v3 (central), blog's 15-41 % "
                    "reductions (low) and 1.67x (high); confounded by prompt set, output "
                    "length and measurement window")


def net_efficiency_rate(energy_per_token_decline: float, token_growth: float) -> float:
    """Rate at which the energy of one query falls, net of the rise in tokens [1/s].

    ``r = (ln d - ln g_T) / year``: positive when energy per query falls.

    Parameters
    ----------
    energy_per_token_decline : float
        Factor ``d`` by which the energy per token falls in a year (> 0; 2 means halved) [1].
    token_growth : float
        Factor ``g_T`` by which tokens per query grow in a year (> 0) [1].

    Returns
    -------
    float
        ``r`` [1/s].

    Examples
    --------
    >>> from energylib.units import YEAR
    >>> round(net_efficiency_rate(2.0, 2.0) * YEAR, 12)
    0.0
    >>> round(net_efficiency_rate(33.0, 1.0) * YEAR, 2)
    3.5
    """
    d = check_scalar("energy_per_token_decline", energy_per_token_decline, low=0.0,
                     low_open=True)
    g = check_scalar("token_growth", token_growth, low=0.0, low_open=True)
    return (math.log(d) - math.log(g)) / YEAR


_CHATGPT_MONTHS = 7.0
"""Months from December 2024 to July 2025 (rows chatgpt-prompts-2024 and -2025, notes)."""


def aggregate_query_energy_rate() -> Estimate:
    """``r`` from aggregate growth: ``r = g - k`` with ``eps = 0`` [1/s].

    The book writes the growth of inference power as ``k = g + (eps - 1) r``; with no
    rebound (``eps = 0``) the fall of energy per query is ``r = g - k``.  ``g``: ChatGPT's
    daily queries, 1e9 (Dec. 2024) to 2.5e9 (July 2025), as a continuous yearly rate;
    ``k``: the IEA's 50 % growth of AI-focused data centres' electricity in 2025.  The
    range combines the bounds of both rows (low ``g`` with high ``k`` and vice versa).
    Caveats: ChatGPT grows faster than AI use as a whole, AI data-centre electricity
    includes training, and the periods differ by months.  ``r`` here is per query,
    because ``g`` is; with a token volume as ``g`` (Google: 9.7e12 to 4.8e14 to 3.2e15
    tokens a month) ``r`` would be per token.

    Returns
    -------
    Estimate
        Rate [1/s]; positive means energy per query falls.

    References
    ----------
    :cite:`axios2025chatgpt`
    :cite:`iea2026keyquestions`

    Examples
    --------
    >>> from energylib.units import YEAR
    >>> a = aggregate_query_energy_rate()
    >>> round(a.value * YEAR, 2), round(a.low * YEAR, 2), round(a.high * YEAR, 2)
    (1.17, 0.3, 2.04)
    """
    years = _CHATGPT_MONTHS / 12.0
    q0, q0_lo, q0_hi = _factor("chatgpt-prompts-2024")
    q1, q1_lo, q1_hi = _factor("chatgpt-prompts-2025")
    k, k_lo, k_hi = (math.log(x) for x in _factor("iea-ai-dc-growth-2025"))
    g = math.log(q1 / q0) / years
    g_lo = math.log(q1_lo / q0_hi) / years
    g_hi = math.log(q1_hi / q0_lo) / years
    return Estimate((g - k) / YEAR, (g_lo - k_hi) / YEAR, (g_hi - k_lo) / YEAR, "1/s",
                    f"r = g - k: ChatGPT query growth g = {g:.2f}/yr (rows chatgpt-prompts-2024, "
                    f"-2025) minus AI data-centre electricity growth k = {k:.2f}/yr (row "
                    "iea-ai-dc-growth-2025); range from both rows' bounds")


def query_energy_trend() -> QueryEnergyTrend:
    """Three readings of ``r``, the yearly fall of energy per query net of tokens [1/s].

    *Fixed model*: energy per token falls by the serving-software gain measured on one
    model and GPU (:func:`software_gain_llama8b`, over 15 months) times the measured
    hardware gain for decode (:func:`decode_hardware_gain`, H100 to B200); tokens per
    request grow as on OpenRouter (completion tokens about 3x in a year, central).  The
    high end pairs the largest gains with the LOWEST token growth the evidence gives
    (2.5x), not with none; the low end pairs the smallest gains with prompt-token growth
    (4x).
    *Per task / median* (field ``fleet``): the IEA's "at least an order of magnitude
    annually" per AI task (the central value and the low end, a lower bound in its
    wording) and Google's 33-fold fall of its median Gemini prompt in twelve months (the
    high end).  Per task and per median prompt: not net of the task mix, blind to the
    heavy tail.
    *Aggregate*: :func:`aggregate_query_energy_rate`, ``r = g - k``.

    Returns
    -------
    QueryEnergyTrend
        The three readings [1/s]; positive means energy per query falls.

    References
    ----------
    :cite:`mlenergy2025llama31`
    :cite:`mlenergy2026leaderboardv3`
    :cite:`aubakirova2025openrouter`
    :cite:`elsworth2025google`
    :cite:`iea2026keyquestions`
    :cite:`axios2025chatgpt`

    Examples
    --------
    >>> from energylib.units import YEAR
    >>> t = query_energy_trend()
    >>> [round(e.value * YEAR, 2) for e in (t.fixed_model, t.fleet, t.aggregate)]
    [-0.52, 2.3, 1.17]
    >>> round(t.span.low * YEAR, 2), round(t.span.high * YEAR, 2)
    (-1.09, 3.5)
    """
    sw = software_gain_llama8b()
    per_year = 12.0 / 15.0  # Sept. 2024 -> Dec. 2025, stated in row software-gain-llama8b
    hw = decode_hardware_gain()
    decline = sw.value ** per_year * hw.value
    decline_lo = sw.low ** per_year * hw.low
    decline_hi = sw.high ** per_year * hw.high
    tokens, tok_lo, _ = _factor("openrouter-completion-growth")
    prompt_growth = by_id("openrouter-prompt-growth").value
    fixed = Estimate(net_efficiency_rate(decline, tokens),
                     net_efficiency_rate(decline_lo, prompt_growth),
                     net_efficiency_rate(decline_hi, tok_lo), "1/s",
                     "software gain (software_gain_llama8b) per year x measured decode hardware "
                     "gain (decode_hardware_gain), against OpenRouter completion-token growth "
                     "(central); high end with the lowest token growth (2.5x), low end with "
                     "prompt-token growth (4x)")
    iea = by_id("iea-task-efficiency-gain").value
    google = by_id("gemini-efficiency-gain").value
    fleet = Estimate(net_efficiency_rate(iea, 1.0), net_efficiency_rate(iea, 1.0),
                     net_efficiency_rate(google, 1.0), "1/s",
                     "per task / median prompt, not net of the task mix: IEA 'at least an "
                     "order of magnitude' a year per task (central and low), Google's 33-fold "
                     "fall of its median prompt in 12 months (high)")
    return QueryEnergyTrend(fixed, fleet, aggregate_query_energy_rate())
