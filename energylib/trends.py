"""Trends behind the verdict: training energy per generation, and energy per query net of tokens.

The verdict chapter's condition C12 compares the growth rate of inference power,
``k``, with the growth rate of training spending, ``ln c / tau``, where ``c`` is the
factor by which the training energy of a frontier model grows from one generation to
the next and ``tau`` the time between generations.  This module estimates ``c``,
``tau`` and their ratio from the published figures in :mod:`energylib.dataset`, and
the rate ``r`` at which the energy of one query falls once the rise in tokens per
query is netted out.  Every estimate comes with a range and the rows it rests on.

Assumptions, stated once:

* **Training energy grows as compute over efficiency.**  The energy of the largest
  run grows by ``g_E = g_C / g_H`` a year, where ``g_C`` is the growth of frontier
  training compute (Epoch AI: 4-5x a year, :cite:`sevilla2024compute`) and ``g_H`` the
  growth of the hardware's peak FLOP per joule, fitted here to NVIDIA's V100, A100,
  H100 and B200 datasheets.  This ignores lower training precision (FP8 doubles the
  FLOP per joule) and changes in utilization, so it overstates ``g_E`` if precision
  keeps falling.
* **A second route, power times duration.**  The power capacity of frontier training
  clusters grows about 2.2x a year and training runs lengthen about 1.2x a year
  (:cite:`cottier2024rising`), so energy grows about 2.6x a year if utilization stays the
  same.  The two routes are independent in method; the central estimate is their
  geometric mean and the range spans both ranges.
* **A generation is a flagship release.**  ``tau`` is the time between successive
  numbered generations of three families (OpenAI GPT-3, 4, 5; Meta Llama 2, 3, 4;
  Google Gemini 1, 2, 3); the central value is the geometric mean of the six intervals
  and the range their extremes.
* **Only the ratio matters for C12.**  If training energy grows exponentially at
  ``ln g_E`` per unit time, then ``c = g_E ** tau`` and ``ln c / tau = ln g_E``
  whatever ``tau`` is: :func:`training_energy_rate` is the number to set against
  ``k``.  ``c`` itself (:func:`generation_growth`) is wide because ``tau`` is.
* **Energy per query, net of tokens.**  ``r = ln d - ln g_T`` where ``d`` is the yearly
  fall in energy per token and ``g_T`` the yearly growth in tokens per query.  Two
  readings of the evidence disagree, so both are returned (:func:`query_energy_trend`):
  a *fixed-model* reading (software and hardware gains for one model, against the
  growth of tokens per request) and a *fleet* reading (Google's measured 33-fold fall
  of its median prompt in a year, and the IEA's "at least an order of magnitude" a
  year per task, which already include model changes and token counts).

All rates are in SI, per second; multiply by :data:`energylib.units.YEAR` for per year.

Examples
--------
>>> from energylib.units import YEAR
>>> g = training_energy_growth()
>>> round(g.value, 1), round(g.low, 1), round(g.high, 1)  # per year
(3.1, 2.0, 4.1)
>>> t = generation_interval()
>>> round(t.value / YEAR, 2), round(t.low / YEAR, 2), round(t.high / YEAR, 2)
(1.29, 0.75, 2.79)
>>> rate = training_energy_rate()
>>> round(rate.value * YEAR, 2)  # ln c / tau [1/year]
1.12
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .dataset import by_id
from .units import YEAR
from .validation import check_scalar

__all__ = [
    "Estimate",
    "QueryEnergyTrend",
    "GENERATIONS",
    "hardware_efficiency_growth",
    "training_energy_growth",
    "training_energy_rate",
    "generation_intervals",
    "generation_interval",
    "generation_growth",
    "net_efficiency_rate",
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
        How it was obtained, with the dataset rows used.
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
    """Two readings of the rate ``r`` at which the energy of one query falls [1/s].

    Attributes
    ----------
    fixed_model : Estimate
        Software and hardware gains for a given model against the growth of tokens
        per request.
    fleet : Estimate
        Operator- and agency-level falls of energy per prompt or task, which already
        include model changes and token counts.
    """

    fixed_model: Estimate
    fleet: Estimate


def _factor(row: str) -> tuple[float, float, float]:
    f = by_id(row)
    assert f.low is not None and f.high is not None
    return f.value, f.low, f.high


def hardware_efficiency_growth() -> Estimate:
    """Yearly growth of accelerators' peak FLOP per joule, V100 (2017) to B200 (2024).

    A least-squares fit of ``ln(FLOP/J)`` against the year of first shipment; the range
    is spanned by the growth between consecutive generations.

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


def training_energy_growth() -> Estimate:
    """Yearly growth factor ``g_E`` of the energy of the largest training run.

    Two routes: frontier compute growth over hardware-efficiency growth, and cluster
    power growth times training-duration growth.  Central value: their geometric mean;
    range: from the lowest to the highest end of either route.

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
    route_a = (c / h.value, c_lo / h.high, c_hi / h.low)
    p, p_lo, p_hi = _factor("frontier-power-growth")
    d, d_lo, d_hi = _factor("frontier-training-time-growth")
    route_b = (p * d, p_lo * d_lo, p_hi * d_hi)
    central = math.sqrt(route_a[0] * route_b[0])
    return Estimate(central, min(route_a[1], route_b[1]), max(route_a[2], route_b[2]), "1",
                    f"compute/efficiency {route_a[0]:.2f} ({route_a[1]:.2f}-{route_a[2]:.2f}) "
                    f"and power x duration {route_b[0]:.2f} ({route_b[1]:.2f}-{route_b[2]:.2f}); "
                    "rows frontier-compute-growth, frontier-power-growth, "
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
    (0.69, 1.4)
    """
    g = training_energy_growth()
    return Estimate(math.log(g.value) / YEAR, math.log(g.low) / YEAR, math.log(g.high) / YEAR,
                    "1/s", "ln of training_energy_growth() per year, in 1/s; " + g.basis)


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

    The central value combines the central estimates; the range combines the slow end
    of both (slow growth, short generations) and the fast end of both.  ``c`` and
    ``tau`` are not independent: a family with long generations has large ``c``; what
    C12 needs is their ratio, :func:`training_energy_rate`.

    Returns
    -------
    Estimate
        Factor per generation [1].

    Examples
    --------
    >>> c = generation_growth()
    >>> round(c.value, 1), round(c.low, 2), round(c.high)
    (4.2, 1.68, 50)
    """
    g = training_energy_growth()
    tau = generation_interval()
    return Estimate(g.value ** (tau.value / YEAR), g.low ** (tau.low / YEAR),
                    g.high ** (tau.high / YEAR), "1",
                    "c = g_E ** tau with g_E from training_energy_growth() and tau from "
                    "generation_interval()")


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


def query_energy_trend() -> QueryEnergyTrend:
    """Two readings of ``r``, the yearly fall of energy per query net of tokens [1/s].

    *Fixed model*: energy per token falls by the serving-software gain measured on one
    model and GPU (ML.ENERGY, Llama 3.1 8B on H100, v2 to v3 over 15 months) times the
    hardware FLOP-per-joule trend; tokens per request grow as on OpenRouter (completion
    tokens about 3x in a year; prompt tokens about 4x is the high end, none the low end).
    *Fleet*: the energy per query already net of tokens, from Google's 33-fold fall of its
    median Gemini prompt in twelve months (the high end) and the IEA's "at least an order
    of magnitude annually" per AI task (the central value, a lower bound in its wording);
    the low end is the fixed-model central value.

    Returns
    -------
    QueryEnergyTrend
        Both readings [1/s]; positive means energy per query falls.

    References
    ----------
    :cite:`mlenergy2025llama31`
    :cite:`aubakirova2025openrouter`
    :cite:`elsworth2025google`
    :cite:`iea2026keyquestions`

    Examples
    --------
    >>> from energylib.units import YEAR
    >>> t = query_energy_trend()
    >>> round(t.fixed_model.value * YEAR, 2), round(t.fleet.value * YEAR, 2)
    (-0.44, 2.3)
    """
    gain, gain_lo, gain_hi = _factor("software-gain-llama8b")
    months = 15.0  # Sept. 2024 -> Dec. 2025, stated in the row's note
    per_year = 12.0 / months
    hw = hardware_efficiency_growth()
    decline = gain ** per_year * hw.value
    decline_lo = gain_lo ** per_year * hw.low
    decline_hi = gain_hi ** per_year * hw.high
    tokens, tok_lo, tok_hi = _factor("openrouter-completion-growth")
    prompt_growth = by_id("openrouter-prompt-growth").value
    fixed = Estimate(net_efficiency_rate(decline, tokens),
                     net_efficiency_rate(decline_lo, max(prompt_growth, tok_hi)),
                     net_efficiency_rate(decline_hi, 1.0), "1/s",
                     "software gain (software-gain-llama8b) per year x hardware trend, against "
                     "OpenRouter completion-token growth (prompt growth as the high end, no "
                     "growth as the low end)")
    iea = by_id("iea-task-efficiency-gain").value
    google = by_id("gemini-efficiency-gain").value
    fleet = Estimate(net_efficiency_rate(iea, 1.0), fixed.value, net_efficiency_rate(google, 1.0),
                     "1/s", "IEA 'at least an order of magnitude' a year per task (central), "
                     "Google's 33-fold fall in 12 months (high), the fixed-model central (low)")
    return QueryEnergyTrend(fixed, fleet)
