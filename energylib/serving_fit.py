"""The serving model fitted to measured energies, with cross-validated error and coverage.

The evidence is ``energylib/data/measurements.csv`` (:mod:`energylib.measurements`):
per-response GPU energies with their real batch sizes and token counts.  Rows
whose model is in the catalogue (:mod:`energylib.catalogue`), whose
accelerator is in :data:`energylib.hardware.HARDWARE` and whose batch size is
published enter the fit.  **All of them come from one lab**: ML.ENERGY's
leaderboards v1 (2023, batch 1, A100/A40/V100), v2 (2024, vLLM 0.5.4, A100 and
H100) and v3 (December 2025, vLLM 0.11.1, H100 and B200), i.e. GPU-only,
steady-state benchmark energy.  Left out of the fit: Google's fleet rows (no
model, TPUs; they give the scope factors, :func:`energylib.serving.scope_factors`),
AI2's rows of :cite:`morrison2025holistic` (running batch not published; the
offline rows are an out-of-sample check at an assumed batch,
:func:`ai2_out_of_sample`), the full-stack rows of :cite:`jegham2025hungry`
(estimated from API latency, not measured) and :cite:`samsi2023words`'s row
(accelerator and batch not stated).  Only the labs in :data:`FIT_LABS` can enter
the fit, so a row from another lab stays independent even when it publishes every
column; :func:`external_validation` runs the estimator on those rows and reports
the factor errors, the share within a factor of 2 and the interval's coverage.

**Fit within one scope.**  Only ``scope == "gpu"`` rows are fitted; the
``"server"`` and ``"full-stack"`` scopes follow from Google's factors.

**Parameters.**  (1) The power-against-batch curve ``p(B)``
(:func:`fit_power_curve`, 3 parameters) fitted to the average GPU powers
ML.ENERGY's v3 measured (515 runs); (2) ``phi`` per chip (H100, B200, A100,
A40, V100): measured over modelled decode time, which absorbs bandwidth below
peak, scheduling gaps and kernels the model does not count; (3) one factor per
older software generation (2023 code, vLLM 0.5.4 of 2024) against the current
one; (4) ``u_c``, the fraction of peak reached by compute-bound decode.
Prefill is not fitted (the data are decode-dominated): it runs at an assumed
half of the peak at the board's rating.  The H100 is measured under both v2
and v3 and the A100 under v1 and v2, which separates chips from generations.

**Weights.**  Points of one ``group`` (same lab, model, GPU and run: a batch
sweep) are dependent; each group carries a total weight of 1, split equally
among its points.  The fit minimizes the weighted sum of squared log ratios.

**Out-of-sample error.**  :func:`cross_validate` leaves out one model family
(or one source: a leaderboard version) at a time, fits everything, power curve
included, on the rest and predicts the left-out points.  Factor errors are
``exp(|ln(predicted / measured)|)``, summarised by their group-weighted median
and 80th percentile and the share within a factor of 2;
:func:`residual_bias` splits them by accelerator, generation, architecture,
precision and batch band.

**Interval.**  The estimator's interval is ``[E / F, E F]`` with ``F`` the
group-weighted quantile (at the nominal coverage, 80 %) of the
cross-validated factor errors.  Its coverage is measured out of sample by
nested cross-validation (:func:`measured_coverage`).  What that coverage
covers: ML.ENERGY's GPU-only steady-state benchmarks on the chips fitted.  It
does not cover production serving (idle gaps, ramp-up, other labs' software),
uncalibrated accelerators (H200, L40S, MI300X) or the scope factors.

Examples
--------
>>> cal = calibration()
>>> 1.0 < cal.fit.time_factors["H100"] < 5.0, cal.fit.n_groups > 50
(True, True)
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from scipy.optimize import least_squares

from .catalogue import MODELS
from .hardware import ACCELERATOR_ALIASES, HARDWARE
from .measurements import Measurement, load_measurements
from .serving import (
    DECODE_POWER_CURVE,
    Architecture,
    bytes_per_value,
    decode_power_fraction,
    decode_times,
)
from .validation import check_scalar

__all__ = [
    "MISSING_TOKENS",
    "CV_KEYS",
    "STRATA",
    "CHIPS",
    "AI2_OFFLINE_BATCH",
    "Evidence",
    "ServingFit",
    "CrossValidation",
    "Calibration",
    "measured_power_fraction",
    "tensor_parallel_of",
    "generation_of",
    "build_evidence",
    "fit_power_curve",
    "fit_serving_model",
    "cross_validate",
    "weighted_quantile",
    "measured_coverage",
    "interval_factors",
    "INTERVAL_STRATUM",
    "residual_bias",
    "ai2_out_of_sample",
    "FIT_LABS",
    "ExternalPoint",
    "ExternalValidation",
    "external_validation",
    "calibration",
    "StoredCalibration",
    "stored_calibration",
    "write_stored_calibration",
    "calibration_inputs_digest",
]

MISSING_TOKENS = {"input_tokens": 0.0, "output_tokens": 256.0}
"""Token counts assumed where a row leaves them empty [tokens].  Input lengths are
missing from ML.ENERGY's v1 rows (a system prompt of about 40 tokens and a
ShareGPT first turn, batch 1): taken as 0, since at these lengths prefill is a
few per cent of the energy.  Output length: a mean of 256 where missing."""

CV_KEYS = ("family", "source", "group")
"""What cross-validation can leave out at a time.  Not the lab: every fitted point comes
from ML.ENERGY (leaderboards v1, v2 and v3), so there is no second lab to leave out;
AI2's rows are an out-of-sample check instead (:func:`ai2_out_of_sample`)."""

CHIPS: dict[str, str] = {
    "H100 SXM": "H100", "H200 SXM": "H100", "B200": "B200", "A100 SXM": "A100",
    "A100 SXM 40GB": "A100", "A40": "A40", "V100 SXM2": "V100",
}
"""The chip whose fitted time factor an accelerator uses.  The H200 is the H100's die
with more memory bandwidth: it borrows the H100's factor but is not calibrated (no
measurement on it).  Accelerators not listed (L40S, MI300X) use the mean of the
fitted factors."""

STRATA = ("accelerator", "generation", "architecture", "precision", "batch band")
"""How :func:`residual_bias` splits the points."""

AI2_OFFLINE_BATCH = 256.0
"""Running batch assumed for AI2's offline runs (all 2,400 requests sent at once; SGLang
fills the GPU's memory: several hundred sequences of ~450 tokens fit beside an 8B
model on an 80 GB H100) [-].  An assumption; the paper does not publish it."""

_POWER = re.compile(r"avg GPU power ([0-9.]+) W over ([0-9]+) GPUs")
_TP = re.compile(r"\bTP ([0-9]+)\b")


def measured_power_fraction(m: Measurement) -> float | None:
    """A row's measured average power per GPU as a fraction of the board's rating [-].

    Parsed from the note (``avg GPU power 7680 W over 8 GPUs``, ML.ENERGY v3);
    ``None`` where the note has none.

    Examples
    --------
    >>> from energylib.measurements import select
    >>> m = next(m for m in select(scope="gpu") if m.accelerator == "B200")
    >>> 0.3 < measured_power_fraction(m) <= 1.0
    True
    """
    if not isinstance(m, Measurement):
        raise TypeError(f"m must be an energylib.measurements.Measurement; got {m!r}")
    found = _POWER.search(m.note)
    acc = ACCELERATOR_ALIASES.get(m.accelerator, m.accelerator)
    if found is None or acc not in HARDWARE:
        return None
    return float(found.group(1)) / float(found.group(2)) / HARDWARE[acc].power


def tensor_parallel_of(m: Measurement) -> float:
    """Tensor-parallel ranks of a row's run (``TP n`` in the note; 1 if not stated) [-]."""
    found = _TP.search(m.note)
    return float(found.group(1)) if found else 1.0


def generation_of(m: Measurement) -> str:
    """Serving-software generation: ``"2023"`` (leaderboard v1's code), ``"2024"``
    (vLLM 0.5.4, leaderboard v2) or ``"current"`` (vLLM 0.11.1, 2025 on)."""
    return "2023" if m.date < "2024" else "2024" if m.date < "2025" else "current"


@dataclass(frozen=True)
class Evidence:
    """The fit's measurements as aligned arrays, with the model's terms precomputed.

    Attributes
    ----------
    ids, models, families, sources, labs, groups, chips, generations : tuple of str
        One per point.
    measured : ndarray
        Measured energy [J per response, or J per output token].
    prefill : ndarray
        Prefill energy at the rating and ``u_p = 0.5`` (not fitted) [J].
    weights_j, compute_j, cache_j : ndarray
        Decode's time terms times the board's rating (weights at full bandwidth,
        compute at the full peak, cache) [J].
    batch : ndarray
        Batch size [-].
    power : ndarray
        Measured power fraction of the rating (NaN where not published) [-].
    strata : dict of str to tuple of str
        Labels by :data:`STRATA`.
    weights : ndarray
        ``1 / (points in the group)``.
    """

    ids: tuple[str, ...]
    models: tuple[str, ...]
    families: tuple[str, ...]
    sources: tuple[str, ...]
    labs: tuple[str, ...]
    groups: tuple[str, ...]
    chips: tuple[str, ...]
    generations: tuple[str, ...]
    measured: np.ndarray
    prefill: np.ndarray
    weights_j: np.ndarray
    compute_j: np.ndarray
    cache_j: np.ndarray
    batch: np.ndarray
    power: np.ndarray
    strata: dict[str, tuple[str, ...]]
    weights: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def labels(self, by: str) -> tuple[str, ...]:
        """The fold label of each point for ``by`` in :data:`CV_KEYS`."""
        if by not in CV_KEYS:
            raise ValueError(f"by must be one of {CV_KEYS}; got {by!r}")
        return {"family": self.families, "source": self.sources, "group": self.groups}[by]

    def subset(self, mask: np.ndarray) -> Evidence:
        """The points where ``mask`` is true (weights recomputed within the subset)."""
        idx = np.flatnonzero(mask)

        def pick(values: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(values[i] for i in idx)

        groups = pick(self.groups)
        counts = Counter(groups)
        return Evidence(pick(self.ids), pick(self.models), pick(self.families),
                        pick(self.sources), pick(self.labs), groups, pick(self.chips),
                        pick(self.generations), self.measured[idx], self.prefill[idx],
                        self.weights_j[idx], self.compute_j[idx], self.cache_j[idx],
                        self.batch[idx], self.power[idx],
                        {k: pick(v) for k, v in self.strata.items()},
                        np.array([1.0 / counts[g] for g in groups]))


def _accelerator(m: Measurement) -> str:
    return ACCELERATOR_ALIASES.get(m.accelerator, m.accelerator)


FIT_LABS = ("ML.ENERGY",)
"""The labs whose rows may enter the fit.  Every other lab's rows are kept out of it even
when their batch size is published, so that they stay independent evidence
(:func:`external_validation`)."""


def _predictable(m: Measurement) -> bool:
    return m.scope == "gpu" and m.model in MODELS and _accelerator(m) in HARDWARE


def _usable(m: Measurement) -> bool:
    return m.lab in FIT_LABS and _predictable(m) and m.batch_size is not None


def _band(batch: float) -> str:
    for edge, name in ((8, "B < 8"), (32, "8 <= B < 32"), (128, "32 <= B < 128"),
                       (512, "128 <= B < 512")):
        if batch < edge:
            return name
    return "B >= 512"


def _precision_args(precision: str, model: str) -> dict[str, object]:
    """Bytes and compute format of a row's weights.  FP8 checkpoints are taken as W8A8
    (vLLM runs FP8 matrix products on Hopper and Blackwell); MXFP4 applies to gpt-oss's
    routed experts only, the rest in BF16."""
    if precision == "mxfp4":
        return {"bytes_per_param": 2.0, "expert_bytes_per_param": bytes_per_value("mxfp4"),
                "compute_precision": "bf16"}
    b = bytes_per_value(precision) if precision else 2.0
    return {"bytes_per_param": b, "expert_bytes_per_param": None,
            "compute_precision": "fp8" if precision == "fp8" else "bf16"}


def build_evidence(measurements: Sequence[Measurement] | None = None) -> Evidence:
    """The fit's evidence: the GPU-scope measurements the model can predict.

    Parameters
    ----------
    measurements : sequence of Measurement, optional
        Defaults to every row of ``energylib/data/measurements.csv``.

    Examples
    --------
    >>> ev = build_evidence()
    >>> len(ev) > 500, len(set(ev.families)) >= 10, len(set(ev.sources))
    (True, True, 3)
    """
    rows = [m for m in (load_measurements() if measurements is None else measurements)
            if _usable(m)]
    if not rows:
        raise ValueError("measurements hold no GPU-scope row of a fitted lab "
                         f"{FIT_LABS} with a catalogued model, a known accelerator and a "
                         "batch size")
    return _evidence(rows)


def _evidence(rows: Sequence[Measurement]) -> Evidence:
    """Evidence of rows already checked to be predictable and to carry a batch size."""
    cols: dict[str, list[float]] = {k: [] for k in ("measured", "prefill", "weights",
                                                    "compute", "cache", "batch", "power")}
    strata: dict[str, list[str]] = {k: [] for k in STRATA}
    for m in rows:
        n_in = MISSING_TOKENS["input_tokens"] if m.input_tokens is None else m.input_tokens
        n_out = MISSING_TOKENS["output_tokens"] if m.output_tokens is None else m.output_tokens
        batch = max(m.batch_size or 1.0, 1.0)
        acc = HARDWARE[_accelerator(m)]
        config = MODELS[m.model]
        t = decode_times(Architecture.from_config(config), n_in, n_out, acc, batch,
                         kv_bytes=2.0, tensor_parallel=tensor_parallel_of(m),
                         **_precision_args(m.precision, m.model))  # type: ignore[arg-type]
        per = n_out if m.quantity == "energy_per_output_token" else 1.0
        power = measured_power_fraction(m)
        cols["measured"].append(m.si)
        cols["prefill"].append(acc.power * t.prefill / per)
        cols["weights"].append(acc.power * t.weights / per)
        cols["compute"].append(acc.power * t.compute / per)
        cols["cache"].append(acc.power * t.cache / per)
        cols["batch"].append(batch)
        cols["power"].append(math.nan if power is None else power)
        strata["accelerator"].append(_accelerator(m))
        strata["generation"].append(generation_of(m))
        strata["architecture"].append("hybrid Mamba" if config.mamba_layers else
                                      "MoE" if config.is_moe else "dense")
        strata["precision"].append(m.precision or "unstated")
        strata["batch band"].append(_band(batch))
    counts = Counter(m.group for m in rows)
    return Evidence(
        tuple(m.id for m in rows), tuple(m.model for m in rows),
        tuple(MODELS[m.model].family for m in rows), tuple(m.source for m in rows),
        tuple(m.lab for m in rows), tuple(m.group for m in rows),
        tuple(CHIPS[_accelerator(m)] for m in rows), tuple(strata["generation"]),
        np.array(cols["measured"]), np.array(cols["prefill"]), np.array(cols["weights"]),
        np.array(cols["compute"]), np.array(cols["cache"]), np.array(cols["batch"]),
        np.array(cols["power"]),
        {k: tuple(v) for k, v in strata.items()},
        np.array([1.0 / counts[m.group] for m in rows]),
    )


def fit_power_curve(batch: np.ndarray, fraction: np.ndarray, weights: np.ndarray
                    ) -> tuple[float, float, float]:
    """``(at_batch_one, saturated, half_batch)`` fitted to measured power fractions.

    Weighted least squares on ``ln p``; ``p1 <= ps <= 1`` by construction.

    Parameters
    ----------
    batch, fraction, weights : ndarray
        Batch sizes [-], measured average power over the rating [-], point weights [-]
        (at least 3 points).

    Examples
    --------
    >>> b = np.array([1.0, 9.0, 33.0, 129.0, 1025.0])
    >>> p = np.array(decode_power_fraction(b, 20.0, 0.9, 0.5))
    >>> [round(x, 6) for x in fit_power_curve(b, p, np.ones(5))]
    [0.5, 0.9, 20.0]
    """
    b, f, w = (np.asarray(x, dtype=float) for x in (batch, fraction, weights))
    if not (b.shape == f.shape == w.shape) or b.size < 3:
        raise ValueError(f"batch, fraction and weights must be of one shape with at least 3 "
                         f"points; got {b.shape}, {f.shape}, {w.shape}")

    def unpack(theta: np.ndarray) -> tuple[float, float, float]:
        ps = 1.0 / (1.0 + math.exp(-theta[0]))
        return ps / (1.0 + math.exp(-theta[1])), ps, math.exp(theta[2])

    def residuals(theta: np.ndarray) -> np.ndarray:
        p1, ps, half = unpack(theta)
        model = p1 + (ps - p1) * (b - 1.0) / (b - 1.0 + half)
        return np.sqrt(w) * (np.log(model) - np.log(f))

    sol = least_squares(residuals, np.array([1.5, 1.0, math.log(30.0)]), method="trf",
                        xtol=1e-12, ftol=1e-12, gtol=1e-12,
                        bounds=(np.array([-10.0, -10.0, -5.0]), np.array([12.0, 12.0, 12.0])))
    return unpack(sol.x)


@dataclass(frozen=True)
class ServingFit:
    """The fitted parameters and the in-sample residuals.

    Attributes
    ----------
    time_factors : dict of str to float
        ``phi`` by chip (:data:`CHIPS`): measured over modelled decode time at the
        current software generation [-].
    generation_factors : dict of str to float
        Decode time of an older software generation over the current one (``"2023"``,
        ``"2024"``; ``"current"`` is 1) [-].
    decode_compute_efficiency : float
        ``u_c``: fraction of the peak reached by compute-bound decode [-].
    moe_factor : float
        Decode time of a mixture of experts over a dense model's at equal modelled
        time (routing, grouped expert kernels with few tokens per expert,
        expert-parallel all-to-all) [-]; 1 when not fitted.
    power_curve : tuple of float
        ``(at_batch_one, saturated, half_batch)`` fitted to the measured powers.
    log_residuals : ndarray
        ``ln(predicted / measured)`` per point [-].
    weights : ndarray
        Point weights [-].
    n_points, n_groups, n_params : int
    """

    time_factors: dict[str, float]
    generation_factors: dict[str, float]
    decode_compute_efficiency: float
    moe_factor: float
    power_curve: tuple[float, float, float]
    log_residuals: np.ndarray
    weights: np.ndarray
    n_points: int
    n_groups: int
    n_params: int

    def time_factor(self, chip: str | None, generation: str = "current",
                    moe: bool = False) -> float:
        """``phi`` for a chip, software generation and architecture; the geometric mean
        of the fitted chips' for a chip not fitted, and of the fitted older
        generations' for an older generation not fitted [-]."""
        logs = [math.log(v) for v in self.time_factors.values()]
        phi = self.time_factors.get(chip or "", math.exp(float(np.mean(logs))))
        if moe:
            phi *= self.moe_factor
        if generation == "current":
            return phi
        older = [math.log(v) for k, v in self.generation_factors.items() if k != "current"]
        g = self.generation_factors.get(generation,
                                        math.exp(float(np.mean(older))) if older else 1.0)
        return phi * g

    def predict(self, ev: Evidence) -> np.ndarray:
        """Predicted energies of ``ev``'s points [J, or J/token]."""
        phi = np.array([self.time_factor(c, g, a == "MoE") for c, g, a in
                        zip(ev.chips, ev.generations, ev.strata["architecture"], strict=True)])
        return _predict(phi, self.decode_compute_efficiency, self.power_curve, ev)


def _predict(phi: np.ndarray, u_c: float, curve: tuple[float, float, float],
             ev: Evidence) -> np.ndarray:
    p = np.asarray(decode_power_fraction(ev.batch, curve[2], curve[1], curve[0]))
    return ev.prefill + phi * p * (np.maximum(ev.weights_j, ev.compute_j / u_c) + ev.cache_j)


def _identifiable_generations(ev: Evidence) -> list[str]:
    """Older generations linked to the current one through chips measured in both (a
    generation measured only on chips no other generation has cannot be told apart
    from those chips' factors)."""
    chips_of: dict[str, set[str]] = {}
    for chip, gen in zip(ev.chips, ev.generations, strict=True):
        chips_of.setdefault(gen, set()).add(chip)
    if "current" not in chips_of:
        return []
    reached, linked = set(chips_of["current"]), {"current"}
    grew = True
    while grew:
        grew = False
        for gen, chips in chips_of.items():
            if gen not in linked and chips & reached:
                linked.add(gen)
                reached |= chips
                grew = True
    return sorted(linked - {"current"})


def fit_serving_model(ev: Evidence, software_generation: bool = True) -> ServingFit:
    """Fit the power curve, then ``phi`` by chip, the generation factors and ``u_c``.

    The power curve is fitted to the points' measured powers (those that have one;
    the default :data:`energylib.serving.DECODE_POWER_CURVE` if fewer than 3),
    then the decode parameters by group-weighted least squares on log ratios.

    Parameters
    ----------
    ev : Evidence
        The points (at least 3).
    software_generation : bool
        Fit a factor per older software generation present alongside the current one.

    Returns
    -------
    ServingFit

    Examples
    --------
    Values generated with known factors are recovered:

    >>> import dataclasses
    >>> ev = build_evidence()
    >>> f0 = fit_serving_model(ev)
    >>> truth = dataclasses.replace(f0, decode_compute_efficiency=0.4,
    ...     time_factors={k: 2.0 for k in f0.time_factors},
    ...     generation_factors={**f0.generation_factors, "2024": 1.5})
    >>> f = fit_serving_model(dataclasses.replace(ev, measured=truth.predict(ev)))
    >>> round(f.decode_compute_efficiency, 3), round(f.time_factors["H100"], 3)
    (0.4, 2.0)
    >>> round(f.generation_factors["2024"], 3)
    1.5
    """
    if not isinstance(ev, Evidence):
        raise TypeError(f"ev must be an energylib.serving_fit.Evidence; got {ev!r}")
    if not isinstance(software_generation, bool):
        raise TypeError(f"software_generation must be a bool; got {software_generation!r}")
    if len(ev) < 3:
        raise ValueError(f"ev must hold at least 3 points; got {len(ev)}")
    has_power = np.isfinite(ev.power)
    curve = (fit_power_curve(ev.batch[has_power], ev.power[has_power], ev.weights[has_power])
             if has_power.sum() >= 3 else DECODE_POWER_CURVE)
    chips = sorted(set(ev.chips))
    gens = _identifiable_generations(ev) if software_generation else []
    chip_idx = np.array([chips.index(c) for c in ev.chips])
    gen_idx = np.array([gens.index(g) if g in gens else -1 for g in ev.generations])
    moe = np.array([a == "MoE" for a in ev.strata["architecture"]])
    fit_moe = bool(moe.any() and (~moe).any())
    n_moe = 1 if fit_moe else 0
    n_params = len(chips) + len(gens) + n_moe + 1
    log_y = np.log(ev.measured)
    root_w = np.sqrt(ev.weights)

    def log_phi(theta: np.ndarray) -> np.ndarray:
        g = np.concatenate([theta[len(chips):len(chips) + len(gens)], [0.0]])
        extra = theta[-2] * moe if fit_moe else 0.0
        return theta[chip_idx] + g[gen_idx] + extra

    def residuals(theta: np.ndarray) -> np.ndarray:
        u = 1.0 / (1.0 + math.exp(-theta[-1]))
        pred = _predict(np.exp(log_phi(theta)), u, curve, ev)
        return root_w * (np.log(pred) - log_y)

    theta0 = np.zeros(n_params)
    theta0[:len(chips)] = math.log(2.0)
    solution = least_squares(residuals, theta0, method="trf", xtol=1e-12, ftol=1e-12,
                             gtol=1e-12, bounds=(np.full(n_params, -20.0),
                                                 np.full(n_params, 20.0)))
    theta = solution.x
    u = 1.0 / (1.0 + math.exp(-theta[-1]))
    factors = {c: math.exp(theta[i]) for i, c in enumerate(chips)}
    generations = {"current": 1.0} | {g: math.exp(theta[len(chips) + i])
                                      for i, g in enumerate(gens)}
    log_res = residuals(theta) / root_w
    moe_factor = math.exp(theta[-2]) if fit_moe else 1.0
    return ServingFit(factors, generations, u, moe_factor, curve, log_res, ev.weights, len(ev),
                      len(set(ev.groups)), n_params)


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The ``q``-quantile of ``values`` under ``weights`` (lower interpolation) [-].

    Examples
    --------
    >>> weighted_quantile(np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0, 2.0]), 0.5)
    2.0
    """
    qq = check_scalar("q", q, low=0.0, high=1.0)
    v = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    if v.shape != w.shape or v.size == 0:
        raise ValueError(f"values and weights must be non-empty and of one shape; "
                         f"got {v.shape} and {w.shape}")
    order = np.argsort(v)
    cum = np.cumsum(w[order]) / w.sum()
    return float(v[order][min(int(np.searchsorted(cum, qq - 1e-12)), v.size - 1)])


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold residuals of a leave-one-``by``-out cross-validation.

    Attributes
    ----------
    by : str
        What each fold leaves out (:data:`CV_KEYS`).
    folds : tuple of str
        The fold label of each point.
    log_residuals : ndarray
        ``ln(predicted / measured)``, each predicted by a fit without its fold [-].
    weights : ndarray
        Point weights (1 / group size) [-].
    """

    by: str
    folds: tuple[str, ...]
    log_residuals: np.ndarray
    weights: np.ndarray

    @property
    def factor_errors(self) -> np.ndarray:
        """``exp(|log residual|)`` per point [-]."""
        return np.exp(np.abs(self.log_residuals))

    @property
    def median_factor_error(self) -> float:
        """Group-weighted median factor error [-]."""
        return weighted_quantile(self.factor_errors, self.weights, 0.5)

    @property
    def p80_factor_error(self) -> float:
        """Group-weighted 80th-percentile factor error [-]."""
        return weighted_quantile(self.factor_errors, self.weights, 0.8)

    @property
    def share_within_factor_2(self) -> float:
        """Group-weighted share of points predicted within a factor of 2 [-]."""
        inside = self.factor_errors <= 2.0
        return float(np.sum(self.weights * inside) / np.sum(self.weights))


def cross_validate(ev: Evidence, by: str = "family", software_generation: bool = True
                   ) -> CrossValidation:
    """Leave one ``by`` out at a time, fit on the rest, predict it.

    Parameters
    ----------
    ev : Evidence
        The points.
    by : str
        ``"family"``, ``"source"``, ``"lab"`` or ``"group"``.
    software_generation : bool
        As :func:`fit_serving_model`.

    Examples
    --------
    >>> cv = cross_validate(build_evidence(), by="family")
    >>> cv.median_factor_error < cv.p80_factor_error
    True
    """
    labels = ev.labels(by)
    folds = sorted(set(labels))
    if len(folds) < 2:
        raise ValueError(f"cross-validation by {by!r} needs at least 2 folds; got {folds}")
    lab = np.array(labels)
    residuals = np.empty(len(ev))
    for fold in folds:
        out = lab == fold
        fit = fit_serving_model(ev.subset(~out), software_generation)
        held = ev.subset(out)
        residuals[out] = np.log(fit.predict(held) / held.measured)
    return CrossValidation(by, tuple(labels), residuals, ev.weights.copy())


def _can_cross_validate(ev: Evidence, by: str) -> bool:
    labels = np.array(ev.labels(by))
    folds = set(ev.labels(by))
    return len(folds) >= 2 and all(np.sum(labels != f) >= 3 for f in folds)


INTERVAL_STRATUM = "architecture"
"""The stratum whose labels get interval factors of their own (dense, MoE, hybrid Mamba):
the pooled factor covers dense models more than mixtures of experts."""

_MIN_GROUPS_FOR_OWN_FACTOR = 5


def interval_factors(ev: Evidence, factor_errors: np.ndarray, coverage: float
                     ) -> tuple[float, dict[str, float]]:
    """Pooled ``F`` and ``F`` per :data:`INTERVAL_STRATUM` label (those with at least 5
    groups), the ``coverage``-quantiles of cross-validated factor errors [-].

    Examples
    --------
    >>> ev = build_evidence()
    >>> pooled, own = interval_factors(ev, calibration().cv.factor_errors, 0.8)
    >>> own["MoE"] > pooled > own["dense"]
    True
    """
    c = check_scalar("coverage", coverage, low=0.0, high=1.0, low_open=True, high_open=True)
    fe = np.asarray(factor_errors, dtype=float)
    pooled = weighted_quantile(fe, ev.weights, c)
    labels = np.array(ev.strata[INTERVAL_STRATUM])
    own = {}
    for label in sorted(set(ev.strata[INTERVAL_STRATUM])):
        s = labels == label
        if len({ev.groups[i] for i in np.flatnonzero(s)}) >= _MIN_GROUPS_FOR_OWN_FACTOR:
            own[str(label)] = weighted_quantile(fe[s], ev.weights[s], c)
    return pooled, own


def measured_coverage(ev: Evidence, by: str = "family", coverage: float = 0.8,
                      software_generation: bool = True) -> float:
    """Out-of-sample coverage of the interval ``[E / F, E F]`` by nested cross-validation [-].

    For each fold: fit without it and predict it (outer); ``F`` is the
    ``coverage``-quantile of the cross-validated factor errors of the other
    folds alone (inner cross-validation, without the fold), per architecture
    where it has enough groups (:func:`interval_factors`), as the estimator
    uses it.  The result is the group-weighted share of points inside their
    interval.

    Parameters
    ----------
    ev : Evidence
        The points.
    by : str
        As :func:`cross_validate`.
    coverage : float
        Nominal coverage, in (0, 1) [-].
    software_generation : bool
        As :func:`fit_serving_model`.

    Examples
    --------
    >>> 0.0 <= measured_coverage(build_evidence(), by="source") <= 1.0
    True
    """
    c = check_scalar("coverage", coverage, low=0.0, high=1.0, low_open=True, high_open=True)
    outer = cross_validate(ev, by, software_generation)
    lab = np.array(outer.folds)
    inside = np.zeros(len(ev), dtype=bool)
    for fold in sorted(set(outer.folds)):
        out = lab == fold
        rest = ev.subset(~out)
        if _can_cross_validate(rest, by):
            inner_errors = cross_validate(rest, by, software_generation).factor_errors
        else:  # too few folds left for an inner cross-validation: use the in-sample spread
            inner_errors = np.exp(np.abs(fit_serving_model(rest, software_generation)
                                         .log_residuals))
        pooled, own = interval_factors(rest, inner_errors, c)
        held = [ev.strata[INTERVAL_STRATUM][i] for i in np.flatnonzero(out)]
        half_width = np.log([own.get(label, pooled) for label in held])
        inside[out] = np.abs(outer.log_residuals[out]) <= half_width
    return float(np.sum(ev.weights * inside) / np.sum(ev.weights))


@dataclass(frozen=True)
class Calibration:
    """What the estimator uses: the fit on all points and its out-of-sample interval.

    Attributes
    ----------
    fit : ServingFit
        Fitted on every usable measurement.
    cv : CrossValidation
        Leave-one-family-out.
    coverage : float
        Nominal coverage of the interval [-].
    interval_factor : float
        Pooled ``F``: the interval is ``[E / F, E F]`` [-].
    stratum_factors : dict of str to float
        ``F`` by architecture (dense, MoE, hybrid Mamba), used where given [-].
    measured_coverage : float
        Coverage measured by nested leave-one-family-out cross-validation [-].
    """

    fit: ServingFit
    cv: CrossValidation
    coverage: float
    interval_factor: float
    stratum_factors: dict[str, float]
    measured_coverage: float

    def factor_for(self, architecture: str) -> float:
        """``F`` for an architecture label (``"dense"``, ``"MoE"``, ``"hybrid Mamba"``),
        the pooled one if it has none [-]."""
        return self.stratum_factors.get(architecture, self.interval_factor)


@functools.cache
def calibration(coverage: float = 0.8) -> Calibration:
    """The calibration on every usable row of the measurements (computed once).

    Parameters
    ----------
    coverage : float
        Nominal coverage of the interval, in (0, 1) [-].

    Examples
    --------
    >>> cal = calibration()
    >>> cal.interval_factor > 1.0
    True
    """
    c = check_scalar("coverage", coverage, low=0.0, high=1.0, low_open=True, high_open=True)
    ev = build_evidence()
    cv = cross_validate(ev, "family")
    pooled, own = interval_factors(ev, cv.factor_errors, c)
    return Calibration(fit_serving_model(ev), cv, c, pooled, own,
                       measured_coverage(ev, "family", c))


def residual_bias(ev: Evidence, log_residuals: np.ndarray, by: str,
                  interval_factor: float | None = None) -> dict[str, dict[str, float]]:
    """Residuals split by a stratum: bias and spread per label.

    Parameters
    ----------
    ev : Evidence
        The points.
    log_residuals : ndarray
        ``ln(predicted / measured)`` per point (in-sample or cross-validated) [-].
    by : str
        One of :data:`STRATA`.
    interval_factor : float, optional
        ``F`` of the interval ``[E / F, E F]`` (> 1): adds ``coverage``, the share of
        the stratum's points inside it [-].

    Returns
    -------
    dict
        Per label: ``n`` (points), ``groups``, ``bias`` (group-weighted median of
        predicted / measured), ``median`` and ``p80`` factor errors, ``within_2``
        (share within a factor of 2), and ``coverage`` if ``interval_factor`` is given.

    Examples
    --------
    >>> ev = build_evidence()
    >>> table = residual_bias(ev, calibration().cv.log_residuals, "accelerator")
    >>> sorted(table)
    ['A100 SXM', 'A100 SXM 40GB', 'A40', 'B200', 'H100 SXM', 'V100 SXM2']
    """
    if by not in STRATA:
        raise ValueError(f"by must be one of {STRATA}; got {by!r}")
    r = np.asarray(log_residuals, dtype=float)
    if r.shape != (len(ev),):
        raise ValueError(f"log_residuals must have one value per point ({len(ev)}); "
                         f"got shape {r.shape}")
    f = None if interval_factor is None else check_scalar("interval_factor", interval_factor,
                                                           low=1.0, low_open=True)
    labels = np.array(ev.strata[by])
    out = {}
    for label in sorted(set(ev.strata[by])):
        s = labels == label
        w = ev.weights[s]
        fe = np.exp(np.abs(r[s]))
        out[str(label)] = {
            "n": float(s.sum()),
            "groups": float(len({ev.groups[i] for i in np.flatnonzero(s)})),
            "bias": math.exp(weighted_quantile(r[s], w, 0.5)),
            "median": weighted_quantile(fe, w, 0.5),
            "p80": weighted_quantile(fe, w, 0.8),
            "within_2": float(np.sum(w * (fe <= 2.0)) / np.sum(w)),
        }
        if f is not None:
            out[str(label)]["coverage"] = float(np.sum(w * (fe <= f)) / np.sum(w))
    return out


def ai2_out_of_sample(batch_size: float = AI2_OFFLINE_BATCH) -> dict[str, float]:
    """Predicted over measured GPU energy of AI2's offline runs the model was not fitted on.

    :cite:`morrison2025holistic` served 2,400 ShareGPT prompts at once with SGLang
    on one H100 (GPU energy from CodeCarbon, per response after removing the PUE of
    1.2 the table includes; see the rows' notes).  Only the rows whose model is in
    the catalogue are predicted, at the current software generation and an assumed
    running batch (:data:`AI2_OFFLINE_BATCH`).  The rows at 1 and 8 requests per
    second are not used: their running batch is unknown and at 1 request per
    second the GPU mostly idles.

    Parameters
    ----------
    batch_size : float
        Assumed running batch, in [1, 1e5] [-].

    Returns
    -------
    dict of str to float
        Row id to predicted / measured [-].

    Examples
    --------
    >>> ratios = ai2_out_of_sample()
    >>> len(ratios) >= 3
    True
    """
    b = check_scalar("batch_size", batch_size, low=1.0, high=1e5)
    rows = [m for m in load_measurements() if m.lab == "AI2" and m.id.endswith("-offline")
            and m.model in MODELS and _accelerator(m) in HARDWARE]
    fit = calibration().fit
    out = {}
    for m in rows:
        import dataclasses

        ev = _evidence([dataclasses.replace(m, batch_size=b)])  # not fitted: AI2
        out[m.id] = float(fit.predict(ev)[0] / m.si)
    return out


@dataclass(frozen=True)
class ExternalPoint:
    """One independent measurement against the estimator.

    Attributes
    ----------
    id, lab, source, model, accelerator : str
        The row of ``measurements.csv`` and its configuration.
    batch_size : float
        Batch the estimate was made at [-].
    batch_assumed : bool
        True if the source does not publish the batch and ``batch_size`` is assumed.
    measured, estimate, low, high : float
        Measured energy and the estimator's central value and interval, GPU scope
        [J per response].
    factor_error : float
        ``exp(|ln(estimate / measured)|)`` [-].
    covered : bool
        Whether ``low <= measured <= high``.
    """

    id: str
    lab: str
    source: str
    model: str
    accelerator: str
    batch_size: float
    batch_assumed: bool
    measured: float
    estimate: float
    low: float
    high: float
    factor_error: float
    covered: bool


@dataclass(frozen=True)
class ExternalValidation:
    """The estimator against measurements from labs it was not fitted to.

    Attributes
    ----------
    points : tuple of ExternalPoint
        One per independent measurement the estimator can be run on.
    """

    points: tuple[ExternalPoint, ...]

    @property
    def n(self) -> int:
        """Points [-]."""
        return len(self.points)

    @property
    def labs(self) -> tuple[str, ...]:
        """The labs the points come from, sorted."""
        return tuple(sorted({p.lab for p in self.points}))

    def _share(self, flags: Sequence[bool]) -> float:
        if not self.points:
            raise ValueError("no independent point to summarise")
        return float(np.mean(np.asarray(flags, dtype=float)))

    @property
    def share_within_factor_2(self) -> float:
        """Share of points whose estimate is within a factor of 2 of the measurement [-]."""
        return self._share([p.factor_error <= 2.0 for p in self.points])

    @property
    def coverage(self) -> float:
        """Share of points inside the estimator's interval (nominal 80 %) [-]."""
        return self._share([p.covered for p in self.points])

    @property
    def median_factor_error(self) -> float:
        """Median factor error [-]."""
        if not self.points:
            raise ValueError("no independent point to summarise")
        return float(np.median([p.factor_error for p in self.points]))

    @property
    def max_factor_error(self) -> float:
        """Largest factor error [-]."""
        if not self.points:
            raise ValueError("no independent point to summarise")
        return float(max(p.factor_error for p in self.points))


def external_validation(assumed_batch: float = AI2_OFFLINE_BATCH) -> ExternalValidation:
    """The estimator's factor error and interval coverage on independent measurements.

    Every GPU-scope, per-response row of ``measurements.csv`` from a lab not in
    :data:`FIT_LABS` (so never fitted), whose model is in the catalogue and whose
    accelerator is known, is estimated with
    :func:`energylib.estimator.estimate_query_energy` at its published tokens,
    accelerator, precision and batch, and compared with the measured energy.
    Rows whose batch is not published are used only where an offline run makes a
    full running batch a fair assumption (AI2's offline rows, ids ending in
    ``-offline``; batch ``assumed_batch``); rows at a request rate with unknown
    batch (AI2's 1 and 8 requests per second) are left out.

    Parameters
    ----------
    assumed_batch : float
        Running batch assumed where the source does not publish it, in [1, 1e5] [-].

    Returns
    -------
    ExternalValidation

    Examples
    --------
    >>> v = external_validation()
    >>> v.n >= 3, "ML.ENERGY" in v.labs
    (True, False)
    """
    from .estimator import estimate_query_energy  # the estimator imports this module

    b = check_scalar("assumed_batch", assumed_batch, low=1.0, high=1e5)
    points = []
    for m in load_measurements():
        if (m.lab in FIT_LABS or not _predictable(m)
                or m.quantity != "energy_per_response"):
            continue
        assumed = m.batch_size is None
        if assumed and not m.id.endswith("-offline"):
            continue
        batch = b if assumed else max(float(m.batch_size or 1.0), 1.0)
        r = estimate_query_energy(
            model=m.model, input_tokens=m.input_tokens or MISSING_TOKENS["input_tokens"],
            output_tokens=m.output_tokens or MISSING_TOKENS["output_tokens"],
            accelerator=_accelerator(m), batch_size=batch,
            bytes_per_param=m.precision or "bf16", scope="gpu",
            tensor_parallel=tensor_parallel_of(m))
        points.append(ExternalPoint(
            m.id, m.lab, m.source, m.model, _accelerator(m), batch, assumed, m.si,
            r.energy, r.low, r.high, math.exp(abs(math.log(r.energy / m.si))),
            r.low <= m.si <= r.high))
    return ExternalValidation(tuple(points))


# ----------------------------------------------------------------- the stored calibration
# Fitting and cross-validating takes seconds; the estimator and its command line read the
# result from energylib/data/serving_calibration.json instead.  The file records a digest
# of the data it was fitted on: a fast test checks that the digest matches the data files,
# and a slow test refits and compares every stored number.  Regenerate it with
#     python -m energylib calibrate

_STORED = "data/serving_calibration.json"
_DIGESTED = ("data/measurements.csv", "data/models.csv")


def calibration_inputs_digest() -> str:
    """SHA-256 of the data the calibration is fitted on (measurements and models) [-].

    Examples
    --------
    >>> len(calibration_inputs_digest())
    64
    """
    h = hashlib.sha256()
    for name in _DIGESTED:
        h.update(resources.files("energylib").joinpath(name).read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class StoredCalibration:
    """The numbers of :func:`calibration` the estimator needs, as stored on disk.

    Attributes
    ----------
    fit : ServingFit
        The fitted model (its residual and weight arrays are empty: not stored).
    coverage : float
        Nominal coverage of the interval [-].
    interval_factor : float
        Pooled ``F`` of the interval ``[E / F, E F]`` [-].
    stratum_factors : dict of str to float
        ``F`` per architecture label [-].
    measured_coverage : float
        Coverage measured by nested leave-one-family-out cross-validation [-].
    digest : str
        :func:`calibration_inputs_digest` of the data it was fitted on.
    """

    fit: ServingFit
    coverage: float
    interval_factor: float
    stratum_factors: dict[str, float]
    measured_coverage: float
    digest: str

    def factor_for(self, architecture: str) -> float:
        """``F`` for an architecture label, the pooled one if it has none [-]."""
        return self.stratum_factors.get(architecture, self.interval_factor)


def _to_stored(cal: Calibration) -> StoredCalibration:
    f = cal.fit
    fit = ServingFit(dict(f.time_factors), dict(f.generation_factors),
                     float(f.decode_compute_efficiency), float(f.moe_factor),
                     (float(f.power_curve[0]), float(f.power_curve[1]), float(f.power_curve[2])),
                     np.empty(0), np.empty(0), int(f.n_points), int(f.n_groups), int(f.n_params))
    return StoredCalibration(fit, float(cal.coverage), float(cal.interval_factor),
                             {k: float(v) for k, v in cal.stratum_factors.items()},
                             float(cal.measured_coverage), calibration_inputs_digest())


def write_stored_calibration(path: str | Path | None = None) -> Path:
    """Fit, cross-validate and write the stored calibration (JSON); return its path."""
    out = Path(path) if path is not None else Path(__file__).parent / _STORED
    s = _to_stored(calibration())
    f = s.fit
    record = {
        "digest": s.digest, "coverage": s.coverage, "interval_factor": s.interval_factor,
        "stratum_factors": s.stratum_factors, "measured_coverage": s.measured_coverage,
        "fit": {"time_factors": f.time_factors, "generation_factors": f.generation_factors,
                "decode_compute_efficiency": f.decode_compute_efficiency,
                "moe_factor": f.moe_factor, "power_curve": list(f.power_curve),
                "n_points": f.n_points, "n_groups": f.n_groups, "n_params": f.n_params},
    }
    out.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return out


@functools.cache
def stored_calibration() -> StoredCalibration:
    """The calibration the estimator uses: read from disk, or fitted if the data changed.

    Returns the stored numbers when their digest matches the data files (the usual
    case, instant), else :func:`calibration` computed afresh (seconds).

    Examples
    --------
    >>> stored_calibration().measured_coverage > 0.5
    True
    """
    text = resources.files("energylib").joinpath(_STORED).read_text("utf-8")
    r = json.loads(text)
    if r["digest"] != calibration_inputs_digest():
        return _to_stored(calibration())
    f = r["fit"]
    fit = ServingFit(f["time_factors"], f["generation_factors"],
                     f["decode_compute_efficiency"], f["moe_factor"],
                     (f["power_curve"][0], f["power_curve"][1], f["power_curve"][2]),
                     np.empty(0), np.empty(0),
                     f["n_points"], f["n_groups"], f["n_params"])
    return StoredCalibration(fit, r["coverage"], r["interval_factor"], r["stratum_factors"],
                             r["measured_coverage"], r["digest"])

