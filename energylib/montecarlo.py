"""Break-even time with uncertainty: Monte Carlo over uncertain inputs.

A deployment's break-even time (:func:`energylib.lifecycle.break_even_time`)
depends on its training energy, traffic, energy per query and the rates at
which demand grows and efficiency improves.  None of these is known exactly;
published figures for the same quantity often differ by a factor of ten.  So
each input gets a distribution: log-normal (a median and a log standard
deviation ``sigma``, e.g. fitted to the spread of published figures) or
log-uniform (a low and a high bound), or uniform for rates.  Sampling all
inputs together and evaluating the break-even time for each draw gives a
distribution of break-even times, reported by its percentiles and by the
fraction of draws in which inference never catches up.

Everything is vectorized: one call of ``break_even_time`` on arrays of
draws, so 10**6 draws take well under a second on a laptop core.

Examples
--------
>>> result = break_even_monte_carlo(DEPLOYMENTS["gpt4-chatgpt"], n_draws=20_000, seed=1)
>>> 10 < result.percentile_days(50) < 200
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.special import ndtri

from .calibration import FIT_CASES, fit_calibration
from .dataset import by_id, select
from .hardware import DGX_H100_POWER_PER_GPU
from .lifecycle import break_even_time
from .serving import SCOPES
from .training import training_energy_from_accelerator_hours, training_energy_from_compute
from .units import DAY
from .validation import FloatOrArray, check_integer, check_number, check_option, check_scalar

__all__ = [
    "LogNormal",
    "LogUniform",
    "Uniform",
    "lognormal_from_values",
    "lognormal_from_range",
    "Deployment",
    "DEPLOYMENTS",
    "ENERGY_ROWS",
    "STATED_SCOPES",
    "PRODUCTION_FIGURES",
    "stated_scope",
    "MonteCarloResult",
    "sample_inputs",
    "break_even_monte_carlo",
]

@dataclass(frozen=True)
class LogNormal:
    """``median * exp(sigma * Z)`` with ``Z`` standard normal.

    Attributes
    ----------
    median : float
        Median (> 0), in the quantity's SI unit.
    sigma : float
        Standard deviation of the natural log (>= 0; 0 is a fixed value) [-].
    """

    median: float
    sigma: float

    def __post_init__(self) -> None:
        check_scalar("median", self.median, low=0.0, low_open=True)
        check_scalar("sigma", self.sigma, low=0.0)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` draws."""
        return self.median * np.exp(self.sigma * rng.standard_normal(n))

    def ppf(self, p: FloatOrArray) -> FloatOrArray:
        """Quantile function at probability ``p`` in (0, 1)."""
        q = check_number("p", p, low=0.0, high=1.0, low_open=True, high_open=True)
        return self.median * np.exp(self.sigma * ndtri(q))

    def with_median(self, median: float) -> LogNormal:
        """The same spread around another median."""
        return replace(self, median=median)

    def widened(self, factor: float) -> LogNormal:
        """The log-spread multiplied by ``factor`` (>= 0)."""
        return replace(self, sigma=self.sigma * check_scalar("factor", factor, low=0.0))

@dataclass(frozen=True)
class LogUniform:
    """Uniform in ``ln x`` between ``low`` and ``high`` (equal bounds: a fixed value)."""

    low: float
    high: float

    def __post_init__(self) -> None:
        check_scalar("low", self.low, low=0.0, low_open=True)
        check_scalar("high", self.high, low=self.low)

    @property
    def median(self) -> float:
        """Geometric mean of the bounds."""
        return math.sqrt(self.low * self.high)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` draws."""
        return np.exp(rng.uniform(math.log(self.low), math.log(self.high), n))

    def ppf(self, p: FloatOrArray) -> FloatOrArray:
        """Quantile function at ``p`` in [0, 1]."""
        q = check_number("p", p, low=0.0, high=1.0)
        return self.low * (self.high / self.low) ** q

    def with_median(self, median: float) -> LogUniform:
        """The same ratio ``high / low`` around another geometric mean."""
        half = math.sqrt(self.high / self.low)
        return LogUniform(median / half, median * half)

    def widened(self, factor: float) -> LogUniform:
        """The log-width multiplied by ``factor`` (>= 0), same geometric mean."""
        k = check_scalar("factor", factor, low=0.0)
        half = math.sqrt(self.high / self.low) ** k
        return LogUniform(self.median / half, self.median * half)

@dataclass(frozen=True)
class Uniform:
    """Uniform between ``low`` and ``high`` (for rates, which may be 0 or negative)."""

    low: float
    high: float

    def __post_init__(self) -> None:
        check_scalar("low", self.low)
        check_scalar("high", self.high, low=self.low)

    @property
    def median(self) -> float:
        """Midpoint."""
        return 0.5 * (self.low + self.high)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` draws."""
        return rng.uniform(self.low, self.high, n) if self.high > self.low else np.full(
            n, self.low)

    def ppf(self, p: FloatOrArray) -> FloatOrArray:
        """Quantile function at ``p`` in [0, 1]."""
        return self.low + (self.high - self.low) * check_number("p", p, low=0.0, high=1.0)

    def with_median(self, median: float) -> Uniform:
        """The same width around another midpoint."""
        half = 0.5 * (self.high - self.low)
        return Uniform(median - half, median + half)

    def widened(self, factor: float) -> Uniform:
        """The width multiplied by ``factor`` (>= 0), same midpoint."""
        half = 0.5 * (self.high - self.low) * check_scalar("factor", factor, low=0.0)
        return Uniform(self.median - half, self.median + half)

Distribution = LogNormal | LogUniform | Uniform

def lognormal_from_values(values: FloatOrArray) -> LogNormal:
    """A log-normal fitted to published values: geometric mean and log standard deviation.

    Parameters
    ----------
    values : ndarray
        At least two positive values of one quantity (SI).

    Examples
    --------
    >>> d = lognormal_from_values([1.0, 100.0])
    >>> round(d.median, 6), round(d.sigma, 4)
    (10.0, 3.2563)
    """
    v = np.atleast_1d(check_number("values", values, low=0.0, low_open=True))
    if v.size < 2:
        raise ValueError(f"values must hold at least 2 numbers; got {v.size}")
    logs = np.log(v)
    return LogNormal(float(np.exp(logs.mean())), float(logs.std(ddof=1)))

def lognormal_from_range(low: float, high: float, coverage: float = 0.9) -> LogNormal:
    """A log-normal whose central ``coverage`` interval is ``[low, high]``.

    Examples
    --------
    >>> d = lognormal_from_range(1.0, 100.0)
    >>> round(d.median, 6), round(float(d.ppf(0.95)), 6)
    (10.0, 100.0)
    """
    lo = check_scalar("low", low, low=0.0, low_open=True)
    hi = check_scalar("high", high, low=lo)
    c = check_scalar("coverage", coverage, low=0.0, high=1.0, low_open=True, high_open=True)
    z = float(ndtri(0.5 + c / 2.0))
    return LogNormal(math.sqrt(lo * hi), math.log(hi / lo) / (2.0 * z))

@dataclass(frozen=True)
class Deployment:
    """A real deployment: its uncertain inputs, each with a stated distribution.

    Attributes
    ----------
    name : str
        Short description.
    training_energy : Distribution
        Energy of the training run [J].
    queries_per_second : Distribution
        Traffic at launch [1/s].
    energy_per_query : Distribution
        Energy per query at launch [J].
    growth_rate, efficiency_rate : Distribution
        Continuous rates of demand growth and efficiency gain [1/s].
    assumptions : str
        Where each distribution comes from.
    """

    name: str
    training_energy: Distribution
    queries_per_second: Distribution
    energy_per_query: Distribution
    growth_rate: Distribution
    efficiency_rate: Distribution
    assumptions: str

    def __post_init__(self) -> None:
        for name in ("name", "assumptions"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"Deployment.{name} must be a string; "
                                f"got {getattr(self, name)!r}")
        for name in ("training_energy", "queries_per_second", "energy_per_query",
                     "growth_rate", "efficiency_rate"):
            value = getattr(self, name)
            if not isinstance(value, LogNormal | LogUniform | Uniform):
                raise TypeError(f"Deployment.{name} must be a LogNormal, LogUniform or "
                                f"Uniform distribution; got {value!r}")

ENERGY_ROWS: dict[str, tuple[str, ...]] = {
    "gpt4-chatgpt": ("gpt4o-typical-query", "chatgpt-average-query", "gpt4o-short-jegham",
                     "chatgpt-devries-request"),
    "llama31-405b": ("llama31-405b-response",),
}
"""Ids of the dataset rows each deployment's energy per query is built from (their
``scope`` column says what each counts)."""


def _build_deployments() -> dict[str, Deployment]:
    flops = by_id("gpt4-train-compute").si
    a100 = by_id("a100-flops").si
    dgx_a100 = by_id("dgx-a100-power").si / 8
    pue = by_id("pue-google-2023").value
    gpt4_low = float(training_energy_from_compute(flops, a100, 0.40, by_id("a100-power").si, pue))
    gpt4_high = float(training_energy_from_compute(flops, a100, 0.30, dgx_a100, pue))
    chat = [by_id(i).si for i in ENERGY_ROWS["gpt4-chatgpt"]]
    traffic = [f.si for f in select("query_volume", subject="chatgpt")]
    h405 = by_id("llama31-405b-gpuh").value
    h100 = by_id("h100-power").si
    llama_low = float(training_energy_from_accelerator_hours(h405, 0.7 * h100, 1.0))
    llama_high = float(training_energy_from_accelerator_hours(h405, DGX_H100_POWER_PER_GPU, pue))
    rms = fit_calibration(list(FIT_CASES.values())).rms_log_ratio
    fixed_rate = Uniform(0.0, 0.0)
    return {
        "gpt4-chatgpt": Deployment(
            "GPT-4-class model at ChatGPT traffic",
            LogUniform(gpt4_low, gpt4_high),
            LogUniform(min(traffic), max(traffic)),
            lognormal_from_values(np.array(chat)),
            fixed_rate, fixed_rate,
            "training: 2.1e25 FLOP on A100s at 30-40 % utilization, 400 W board to 812 W "
            "DGX share, PUE 1.1 (Google's fleet figure; GPT-4 was trained on Azure) "
            "(log-uniform); traffic: 1 to 2.5 billion prompts a day "
            "(log-uniform); energy per query: log-normal fitted to the four published "
            "ChatGPT/GPT-4o figures (2023 to 2025, different scopes: their disagreement is "
            "treated as if it were sampling spread); rates held at 0",
        ),
        "llama31-405b": Deployment(
            "Llama 3.1 405B at an assumed 1 to 100 million queries a day",
            LogUniform(llama_low, llama_high),
            LogUniform(1e6 / DAY, 1e8 / DAY),
            LogNormal(by_id(ENERGY_ROWS["llama31-405b"][0]).si, rms),
            fixed_rate, fixed_rate,
            "training: 30.84M H100-hours at 70 % of 700 W (no PUE) to 1,275 W DGX share "
            "x PUE 1.1 (log-uniform); traffic: 1e6 to 1e8 queries a day (assumption, "
            "log-uniform); energy per query: 6,706 J per response (reporters' doubling of "
            "the GPU energy, i.e. server scope) with the calibration's log-RMS as sigma; "
            "rates held at 0",
        ),
    }

DEPLOYMENTS: dict[str, Deployment] = _build_deployments()
"""The chapter's deployments, each input's distribution built from the dataset."""


def stated_scope(key: str) -> str:
    """The boundary deployment ``key``'s energy per query is taken to be counted in.

    The most common scope (one of :data:`energylib.serving.SCOPES`) among the
    dataset rows it is built from (:data:`ENERGY_ROWS`),
    rows of unknown scope left out; a tie goes to the wider boundary, so that a
    figure that may already be full stack is not widened again.

    Raises
    ------
    ValueError
        If ``key`` is not a deployment, or none of its rows states a scope.

    Examples
    --------
    >>> stated_scope("gpt4-chatgpt"), stated_scope("llama31-405b")
    ('full-stack', 'server')
    """
    key = check_option("key", key, tuple(DEPLOYMENTS))
    scopes = [by_id(row).scope for row in ENERGY_ROWS[key]]
    counts = {scope: scopes.count(scope) for scope in SCOPES}
    if not any(counts.values()):
        raise ValueError(f"deployment {key!r}: none of its energy rows {ENERGY_ROWS[key]} "
                         f"states a scope in {SCOPES}; got {scopes}")
    return max(reversed(SCOPES), key=lambda scope: counts[scope])


STATED_SCOPES: dict[str, str] = {key: stated_scope(key) for key in DEPLOYMENTS}
"""Deployment -> the boundary its energy-per-query slider is counted in
(:func:`stated_scope`): ``"full-stack"`` for ``"gpt4-chatgpt"``, ``"server"`` for
``"llama31-405b"``."""

PRODUCTION_FIGURES: dict[str, bool] = {"gpt4-chatgpt": True, "llama31-405b": False}
"""Deployment -> whether its energy per query describes production serving.

True for the GPT-4 class: its figures are estimates of a production service (Epoch AI's
assumes about 10 % utilisation; OpenAI's is a fleet average), idle and under-used
accelerators included, so Google's production ratio converts them (full stack 0.24 /
0.14 = 1.71 times the accelerators, ``scope_factors(production_batch=True)``). False
for Llama 3.1 405B: the reporters doubled a steady-state benchmark's GPU energy
(ML.ENERGY), for which the fleet-utilisation factor 1.4 applies as well (full stack
2.4 times the accelerators)."""


@dataclass(frozen=True)
class MonteCarloResult:
    """Break-even times of all draws and their summary.

    Attributes
    ----------
    samples : ndarray
        Break-even time per draw [s] (``inf`` where never).
    percentiles : dict[float, float]
        Percentile (0-100) -> break-even time [s].
    fraction_never : float
        Share of draws in which inference never catches up [-].
    """

    samples: np.ndarray
    percentiles: dict[float, float]
    fraction_never: float

    def percentile_days(self, q: float) -> float:
        """The ``q``-th percentile in days (computed if not stored)."""
        qq = check_scalar("q", q, low=0.0, high=100.0)
        if qq in self.percentiles:
            return self.percentiles[qq] / DAY
        return float(np.quantile(self.samples, qq / 100.0, method="inverted_cdf")) / DAY

def sample_inputs(deployment: Deployment, n_draws: int, seed: int = 0) -> dict[str, np.ndarray]:
    """Independent draws of every input of ``deployment`` (SI units).

    Parameters
    ----------
    deployment : Deployment
    n_draws : int
        Number of draws (>= 1).
    seed : int
        Seed of :func:`numpy.random.default_rng` (>= 0); same seed, same draws.

    Returns
    -------
    dict[str, ndarray]
        ``training_energy``, ``q0``, ``e0``, ``growth_rate``, ``efficiency_rate``.

    Examples
    --------
    >>> x = sample_inputs(DEPLOYMENTS["llama31-405b"], 3, seed=0)
    >>> sorted(x), x["e0"].shape
    (['e0', 'efficiency_rate', 'growth_rate', 'q0', 'training_energy'], (3,))
    """
    if not isinstance(deployment, Deployment):
        raise TypeError(f"deployment must be an energylib.montecarlo.Deployment; "
                        f"got {deployment!r}")
    n = check_integer("n_draws", n_draws, low=1)
    rng = np.random.default_rng(check_integer("seed", seed, low=0))
    return {
        "training_energy": deployment.training_energy.sample(rng, n),
        "q0": deployment.queries_per_second.sample(rng, n),
        "e0": deployment.energy_per_query.sample(rng, n),
        "growth_rate": deployment.growth_rate.sample(rng, n),
        "efficiency_rate": deployment.efficiency_rate.sample(rng, n),
    }

def break_even_monte_carlo(
    deployment: Deployment,
    n_draws: int = 100_000,
    seed: int = 0,
    percentiles: Sequence[float] = (5.0, 25.0, 50.0, 75.0, 95.0),
) -> MonteCarloResult:
    """The distribution of a deployment's break-even time [s].

    Draws every input independently (:func:`sample_inputs`) and evaluates
    :func:`energylib.lifecycle.break_even_time` on all draws at once.  The
    percentiles use the inverted empirical CDF, so they are always draws
    (possibly ``inf``) and never interpolate between a finite time and
    ``inf``.  Vectorized: 10**6 draws take well under a second.

    Parameters
    ----------
    deployment : Deployment
    n_draws : int
        Number of draws (>= 1).
    seed : int
        Random seed (>= 0).
    percentiles : sequence of float
        Percentiles to report, each in [0, 100].

    Returns
    -------
    MonteCarloResult

    Examples
    --------
    A deployment with fixed inputs gives the deterministic break-even time:

    >>> fixed = Deployment("fixed", LogNormal(50e9 * 3600, 0.0), LogNormal(1e4, 0.0),
    ...                    LogNormal(1e3, 0.0), Uniform(0.0, 0.0), Uniform(0.0, 0.0), "")
    >>> r = break_even_monte_carlo(fixed, n_draws=10)
    >>> round(r.percentile_days(50), 1), r.fraction_never
    (208.3, 0.0)
    """
    qs = [check_scalar("percentiles", q, low=0.0, high=100.0) for q in percentiles]
    x = sample_inputs(deployment, n_draws, seed)
    t = np.atleast_1d(np.asarray(break_even_time(
        x["training_energy"], x["q0"], x["e0"], x["growth_rate"], x["efficiency_rate"])))
    values = np.quantile(t, np.array(qs) / 100.0, method="inverted_cdf") if qs else []
    return MonteCarloResult(
        samples=t,
        percentiles={q: float(v) for q, v in zip(qs, values, strict=True)},
        fraction_never=float(np.mean(np.isinf(t))),
    )
