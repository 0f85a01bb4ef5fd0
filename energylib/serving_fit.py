"""The serving model fitted to measured energies, with cross-validated error and coverage.

The evidence is ``energylib/data/measurements.csv`` (:mod:`energylib.measurements`):
per-response (and per-output-token) GPU energies with their real batch sizes
and token counts, several model families, GPU types, labs and serving-software
versions.  Rows whose model is in the catalogue (:mod:`energylib.catalogue`),
whose accelerator is in :data:`energylib.hardware.HARDWARE` and whose batch
size is published enter the fit.  Left out: Google's fleet rows (no model,
TPUs; they serve the scope factors, :func:`energylib.serving.scope_factor`),
AI2's rows of :cite:`morrison2025holistic` (running batch not published, and
at low request rates the energy of an idle GPU), and the full-stack rows of
:cite:`jegham2025hungry` (estimated from API latency, not measured).  Where
a row lacks a token count the fit assumes one (:data:`MISSING_TOKENS`).

**Fit within one scope.**  Only ``scope == "gpu"`` rows are fitted; the
``"server"`` and ``"full-stack"`` scopes follow from Google's measured factors.

**Parameters** (few, on purpose): ``phi``, real energy over the model's
(:func:`energylib.serving.gpu_energy_parts`), which absorbs bandwidth below
peak, scheduling gaps and kernels the model does not count; the decode
compute utilization ``u_d``; and, because the serving software matters, a
factor ``s`` for the older generation (measurements dated before 2025:
vLLM 0.5.4 in ML.ENERGY's v2 of September 2024 and the 2023 reference code of
:cite:`samsi2023words`) against the current one (vLLM 0.11.1, December 2025).
The power-against-batch curve is not fitted: it comes from its sources
(:func:`energylib.serving.decode_power_fraction`).

**Weights.**  Points of one ``group`` (same lab, model, GPU and run: a batch
sweep) are dependent; each group carries a total weight of 1, split equally
among its points.  The fit minimizes the weighted sum of squared log ratios.

**Out-of-sample error.**  :func:`cross_validate` leaves out one model family
(or one source: a leaderboard version or a paper) at a time, fits on the rest and predicts the
left-out points.  Factor errors are ``exp(|ln(predicted / measured)|)``,
summarised by their group-weighted median and 80th percentile and the share
within a factor of 2.

**Interval.**  The estimator's interval is ``[E / F, E F]`` with ``F`` the
group-weighted quantile (at the nominal coverage, 80 %) of the
cross-validated factor errors.  Its coverage is measured out of sample by
nested cross-validation (:func:`measured_coverage`): for each left-out family,
``F`` is computed from the cross-validated errors of the other families only,
and the left-out points are checked against it.

Examples
--------
>>> cal = calibration()
>>> 1.0 < cal.fit.efficiency_factor < 5.0, cal.fit.n_groups > 50
(True, True)
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

from .catalogue import MODELS
from .hardware import ACCELERATOR_ALIASES, HARDWARE
from .measurements import Measurement, load_measurements
from .serving import Architecture, bytes_per_value, decode_power_fraction, gpu_energy_parts
from .validation import check_scalar

__all__ = [
    "MISSING_TOKENS",
    "CV_KEYS",
    "Evidence",
    "ServingFit",
    "CrossValidation",
    "Calibration",
    "build_evidence",
    "fit_serving_model",
    "cross_validate",
    "weighted_quantile",
    "measured_coverage",
    "calibration",
]

MISSING_TOKENS = {"input_tokens": 0.0, "output_tokens": 256.0}
"""Token counts assumed where a row leaves them empty [tokens].  Input lengths are
missing from ML.ENERGY's v1 rows (a system prompt of about 40 tokens and a
ShareGPT first turn, batch 1) and from :cite:`samsi2023words`'s per-token row
(short Alpaca and GSM8K prompts): taken as 0, since at these lengths prefill is a
few per cent of the energy.  Output length is missing only from Samsi's row (up
to 512 tokens): a mean of 256 is assumed."""

CV_KEYS = ("family", "source", "group")
"""What cross-validation can leave out at a time.  Not the lab: all but one point come
from ML.ENERGY, so leaving that lab out leaves too little to fit."""

_PREFILL_UTILIZATION = 0.5


@dataclass(frozen=True)
class Evidence:
    """The fit's measurements as aligned arrays, with the model's time terms precomputed.

    Attributes
    ----------
    ids, models, families, sources, labs, groups : tuple of str
        One per point.
    measured : ndarray
        Measured energy [J per response, or J per output token].
    prefill, decode_memory, decode_compute : ndarray
        Model energies at ``phi = 1`` and ``u_d = 1`` [J, or J/token]: prefill, decode's
        memory term, decode's compute term (divide the last by ``u_d``).
    older_software : ndarray of bool
        Measured before 2025 (older serving generation).
    weights : ndarray
        ``1 / (points in the group)``.
    """

    ids: tuple[str, ...]
    models: tuple[str, ...]
    families: tuple[str, ...]
    sources: tuple[str, ...]
    labs: tuple[str, ...]
    groups: tuple[str, ...]
    measured: np.ndarray
    prefill: np.ndarray
    decode_memory: np.ndarray
    decode_compute: np.ndarray
    older_software: np.ndarray
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
                        pick(self.sources), pick(self.labs), groups, self.measured[idx],
                        self.prefill[idx], self.decode_memory[idx], self.decode_compute[idx],
                        self.older_software[idx], np.array([1.0 / counts[g] for g in groups]))


def _accelerator(m: Measurement) -> str:
    return ACCELERATOR_ALIASES.get(m.accelerator, m.accelerator)


def _usable(m: Measurement) -> bool:
    return (m.scope == "gpu" and m.model in MODELS and _accelerator(m) in HARDWARE
            and m.batch_size is not None)


def build_evidence(measurements: Sequence[Measurement] | None = None) -> Evidence:
    """The fit's evidence: the GPU-scope measurements the model can predict.

    Parameters
    ----------
    measurements : sequence of Measurement, optional
        Defaults to every row of ``energylib/data/measurements.csv``.

    Examples
    --------
    >>> ev = build_evidence()
    >>> len(ev) > 500, len(set(ev.families)) >= 10, len(set(ev.labs)) >= 2
    (True, True, True)
    """
    rows = [m for m in (load_measurements() if measurements is None else measurements)
            if _usable(m)]
    if not rows:
        raise ValueError("measurements hold no GPU-scope row with a catalogued model and a "
                         "known accelerator")
    cols: dict[str, list[float]] = {k: [] for k in ("measured", "prefill", "memory",
                                                    "compute")}
    older = []
    for m in rows:
        n_in = MISSING_TOKENS["input_tokens"] if m.input_tokens is None else m.input_tokens
        n_out = MISSING_TOKENS["output_tokens"] if m.output_tokens is None else m.output_tokens
        batch = max(m.batch_size or 1.0, 1.0)
        bpp = bytes_per_value(m.precision) if m.precision else 2.0
        parts = gpu_energy_parts(
            Architecture.from_config(MODELS[m.model]), n_in, n_out, HARDWARE[_accelerator(m)],
            batch, bpp, 2.0, _PREFILL_UTILIZATION, 1.0)
        # Split decode_weights back into its memory and compute (at u_d = 1) terms.
        acc = HARDWARE[_accelerator(m)]
        compute_j = (n_out * 2.0 * MODELS[m.model].active_params / acc.peak_flops_per_s
                     * acc.power * float(decode_power_fraction(batch)))
        per = n_out if m.quantity == "energy_per_output_token" else 1.0
        cols["measured"].append(m.si)
        cols["prefill"].append(parts.prefill / per)
        cols["memory"].append((parts.decode_weights - compute_j + parts.decode_kv) / per)
        cols["compute"].append(compute_j / per)
        older.append(m.date < "2025")
    counts = Counter(m.group for m in rows)
    return Evidence(
        tuple(m.id for m in rows), tuple(m.model for m in rows),
        tuple(MODELS[m.model].family for m in rows), tuple(m.source for m in rows),
        tuple(m.lab for m in rows), tuple(m.group for m in rows),
        np.array(cols["measured"]), np.array(cols["prefill"]), np.array(cols["memory"]),
        np.array(cols["compute"]), np.array(older, dtype=bool),
        np.array([1.0 / counts[m.group] for m in rows]),
    )


@dataclass(frozen=True)
class ServingFit:
    """The fitted parameters and the in-sample residuals.

    Attributes
    ----------
    efficiency_factor : float
        ``phi``: measured over modelled energy [-].
    decode_utilization : float
        ``u_d``, fraction of peak FLOP/s in decode [-].
    older_software_factor : float
        ``s``: energy of the older serving generation over the current one [-]
        (1 when not fitted).
    log_residuals : ndarray
        ``ln(predicted / measured)`` per point [-].
    weights : ndarray
        Point weights [-].
    n_points, n_groups, n_params : int
    """

    efficiency_factor: float
    decode_utilization: float
    older_software_factor: float
    log_residuals: np.ndarray
    weights: np.ndarray
    n_points: int
    n_groups: int
    n_params: int

    def predict(self, ev: Evidence) -> np.ndarray:
        """Predicted energies of ``ev``'s points [J, or J/token]."""
        return _predict(self._theta(), ev)

    def _theta(self) -> np.ndarray:
        u = self.decode_utilization
        return np.array([math.log(self.efficiency_factor), math.log(u / (1.0 - u))
                         if u < 1.0 else 30.0, math.log(self.older_software_factor)])


def _predict(theta: np.ndarray, ev: Evidence) -> np.ndarray:
    phi = math.exp(theta[0])
    u = 1.0 / (1.0 + math.exp(-theta[1]))
    s = math.exp(theta[2]) if theta.size > 2 else 1.0
    model = ev.prefill + ev.decode_memory + ev.decode_compute / u
    return phi * np.where(ev.older_software, s, 1.0) * model


def fit_serving_model(ev: Evidence, software_generation: bool = True) -> ServingFit:
    """Fit ``phi``, ``u_d`` (and ``s``) by group-weighted least squares on log ratios.

    Parameters
    ----------
    ev : Evidence
        The points (at least 3).
    software_generation : bool
        Fit the older-generation factor ``s`` (only if both generations are present).

    Returns
    -------
    ServingFit

    Examples
    --------
    Values generated with ``phi = 2``, ``u_d = 0.4`` and ``s = 1.5`` are recovered:

    >>> ev = build_evidence()
    >>> truth = ServingFit(2.0, 0.4, 1.5, np.zeros(1), np.ones(1), 1, 1, 3)
    >>> import dataclasses
    >>> fake = dataclasses.replace(ev, measured=truth.predict(ev))
    >>> f = fit_serving_model(fake)
    >>> [round(x, 4) for x in (f.efficiency_factor, f.decode_utilization,
    ...                        f.older_software_factor)]
    [2.0, 0.4, 1.5]
    """
    if not isinstance(ev, Evidence):
        raise TypeError(f"ev must be an energylib.serving_fit.Evidence; got {ev!r}")
    if not isinstance(software_generation, bool):
        raise TypeError(f"software_generation must be a bool; got {software_generation!r}")
    if len(ev) < 3:
        raise ValueError(f"ev must hold at least 3 points; got {len(ev)}")
    both = bool(ev.older_software.any() and (~ev.older_software).any())
    n_params = 3 if software_generation and both else 2
    log_y = np.log(ev.measured)
    root_w = np.sqrt(ev.weights)

    def residuals(theta: np.ndarray) -> np.ndarray:
        full = np.concatenate([theta, np.zeros(3 - theta.size)])
        return root_w * (np.log(_predict(full, ev)) - log_y)

    theta0 = np.zeros(n_params)
    theta0[0] = float(np.average(log_y - np.log(ev.prefill + ev.decode_memory
                                                + ev.decode_compute), weights=ev.weights))
    solution = least_squares(residuals, theta0, method="trf", xtol=1e-12, ftol=1e-12,
                             gtol=1e-12, bounds=(np.full(n_params, -20.0),
                                                 np.full(n_params, 20.0)))
    theta = np.concatenate([solution.x, np.zeros(3 - n_params)])
    log_res = np.log(_predict(theta, ev)) - log_y
    u = 1.0 / (1.0 + math.exp(-theta[1]))
    return ServingFit(math.exp(theta[0]), u, math.exp(theta[2]), log_res, ev.weights,
                      len(ev), len(set(ev.groups)), n_params)


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


def measured_coverage(ev: Evidence, by: str = "family", coverage: float = 0.8,
                      software_generation: bool = True) -> float:
    """Out-of-sample coverage of the interval ``[E / F, E F]`` by nested cross-validation [-].

    For each fold: fit without it and predict it (outer); ``F`` is the
    ``coverage``-quantile of the cross-validated factor errors of the other
    folds alone (inner cross-validation, without the fold).  The result is the
    group-weighted share of points inside their interval.

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
            inner = cross_validate(rest, by, software_generation)
            half_width = math.log(weighted_quantile(inner.factor_errors, inner.weights, c))
        else:  # too few folds left for an inner cross-validation: use the in-sample spread
            fit = fit_serving_model(rest, software_generation)
            half_width = weighted_quantile(np.abs(fit.log_residuals), fit.weights, c)
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
        ``F``: the interval is ``[E / F, E F]`` [-].
    measured_coverage : float
        Coverage measured by nested leave-one-family-out cross-validation [-].
    """

    fit: ServingFit
    cv: CrossValidation
    coverage: float
    interval_factor: float
    measured_coverage: float


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
    return Calibration(fit_serving_model(ev), cv, c,
                       weighted_quantile(cv.factor_errors, cv.weights, c),
                       measured_coverage(ev, "family", c))
