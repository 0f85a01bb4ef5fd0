"""The energy of one query: the book's one estimator, with an interval measured out of sample.

:func:`estimate_query_energy` assembles the serving model of
:mod:`energylib.serving` (mixture-of-experts weight reads, key-value-cache
and recurrent-state traffic, prefill with its attention term, power that
depends on the batch), scales decode by the calibration of
:mod:`energylib.serving_fit` (fitted to GPU energies measured by ML.ENERGY's
leaderboards v1-v3: one lab, GPU-only, steady state), and widens the
accelerator energy to the chosen ``scope`` with Google's factors
(:func:`energylib.serving.scope_factors`).

The equations, for a model with ``N_a`` active and ``N_t`` total parameters,
``E`` experts (``k`` per token), batch ``B``, ``b`` bytes per weight:

* weights read per decode step: ``W(B) = D + X (1 - (1 - k/E)**B)``,
  ``X = (N_t - N_a) / (1 - k/E)``, ``D = N_t - X``;
* cache read per query: ``kv sum_layers (S(n_in + n_out) - S(n_in))``,
  ``S(n) = n (n + 1) / 2`` (capped by sliding windows or chunks), times the
  replication under tensor parallelism;
* prefill: ``(2 N_a n_in + 4 d_attn sum_layers S(n_in)) / (peak u_p)`` seconds at the
  board's rating ``P``, ``u_p = 0.5`` assumed;
* decode: ``phi p(B) P (max(t_w, t_c / u_c) + t_kv)`` over ``n_out - 1`` steps;
* server and full stack: times fleet utilisation 1.4, host and idle 1.571 and a
  PUE (default Google's 1.09): 2.2 and 2.4 in all (:cite:`elsworth2025google`).

The interval ``[E / F, E F]`` has a nominal coverage of 80 %; ``F`` is the
80th percentile of the leave-one-family-out cross-validated factor errors,
and the coverage reached out of sample (nested cross-validation) is reported
with every result (``measured_coverage``).  What it covers: ML.ENERGY's
GPU-only steady-state benchmarks on the chips it measured (H100, B200, A100,
A40, V100).  Not covered: other accelerators (``calibrated_accelerator`` is
False for the H200, L40S and MI300X), production serving's idle gaps and
ramp-up, other labs' serving stacks, a software generation not in the data
(leaving a whole leaderboard version out gives factor errors of 1.7 at the
median), and the scope factors, whose rounding (0.01 Wh on 0.10 Wh) widens
the interval at the server and full-stack scopes by the range it implies
(full stack 2.24-2.58 around 2.4).  ``F`` is set per architecture (dense,
mixture of experts, hybrid Mamba; :func:`energylib.serving_fit.interval_factors`):
a pooled factor covered 0.90 of dense-model points but 0.68 of mixtures and 0.58
of hybrid models.  Batches of 512 or more remain under-covered (see
:func:`energylib.serving_fit.residual_bias`).

Examples
--------
>>> r = estimate_query_energy(model="Llama 3.1 70B", input_tokens=500, output_tokens=500)
>>> r.low < r.energy < r.high
True
>>> r.scope, round(r.coverage, 2), r.calibrated_accelerator
('gpu', 0.8, True)
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import model_config
from .hardware import ACCELERATOR_ALIASES, HARDWARE
from .serving import (
    SCOPES,
    Architecture,
    bytes_per_value,
    gpu_energy_parts,
    scope_factors,
    scope_rounding,
)
from .serving_fit import CHIPS, stored_calibration
from .units import WH
from .validation import check_scalar

__all__ = ["QueryEnergy", "estimate_query_energy", "BREAKDOWN", "PREFILL_UTILIZATION"]

PREFILL_UTILIZATION = 0.5
"""``u_p``, the fraction of the compute peak prefill is assumed to reach (an assumption,
not a fit: see :mod:`energylib.serving`) [-]."""

BREAKDOWN = ("prefill", "decode_weights", "decode_kv", "fleet_idle", "host", "facility")
"""The parts of a :class:`QueryEnergy`, in order."""


@dataclass(frozen=True)
class QueryEnergy:
    """An estimate of the energy of one query, with its interval and breakdown.

    Attributes
    ----------
    energy : float
        Central estimate within ``scope`` [J].
    low, high : float
        Interval ``[energy / F, energy F]`` [J].
    coverage : float
        Nominal coverage of the interval [-].
    measured_coverage : float
        Coverage measured out of sample (nested leave-one-family-out) [-].
    scope : str
        ``"gpu"``, ``"server"`` or ``"full-stack"``.
    prefill, decode_weights, decode_kv : float
        Accelerator energy by phase [J].
    fleet_idle : float
        Accelerator energy of a fleet's idle and under-used capacity beyond the
        steady-state benchmark (0 at ``"gpu"`` scope or with ``production_batch``) [J].
    host : float
        Host CPUs, memory and idle machines (0 at ``"gpu"`` scope) [J].
    facility : float
        Data-centre overhead (0 unless ``"full-stack"``) [J].
    model : str or None
        Catalogue name, if one was given.
    calibrated_accelerator : bool
        Whether the calibration has measurements on this accelerator; if not, its
        time factor is borrowed (H200: the H100's) and the measured coverage does not
        apply.
    notes : tuple of str
        What the estimate does not cover, in words.
    """

    energy: float
    low: float
    high: float
    coverage: float
    measured_coverage: float
    scope: str
    prefill: float
    decode_weights: float
    decode_kv: float
    fleet_idle: float
    host: float
    facility: float
    model: str | None = None
    calibrated_accelerator: bool = True
    notes: tuple[str, ...] = ()

    @property
    def breakdown(self) -> dict[str, float]:
        """The parts, by name (:data:`BREAKDOWN`); they sum to ``energy`` [J]."""
        return {name: getattr(self, name) for name in BREAKDOWN}

    def summary(self) -> str:
        """A few lines of text: estimate, interval, breakdown (in J and Wh).

        Examples
        --------
        >>> r = estimate_query_energy(8e9, 500, 500, scope="full-stack")
        >>> print(r.summary().splitlines()[0])  # doctest: +ELLIPSIS
        Energy per query (full-stack): ... J = ... Wh
        """
        def fmt(joules: float) -> str:
            return f"{joules:.3g} J = {joules / WH:.3g} Wh"

        name = f" of {self.model}" if self.model else ""
        lines = [
            f"Energy per query{name} ({self.scope}): {fmt(self.energy)}",
            f"Interval ({self.coverage:.0%} nominal; " + (
                f"{self.measured_coverage:.0%} measured out of sample" if
                self.calibrated_accelerator else "coverage not measured on this accelerator")
            + f"): {fmt(self.low)} to {fmt(self.high)}",
            "Breakdown:",
        ]
        lines += [f"  {part:<15}{fmt(value)}" for part, value in self.breakdown.items()]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)


def _architecture(
    model: str | None,
    active_params: float | None,
    total_params: float | None,
    experts: float | None,
    experts_per_token: float | None,
) -> Architecture:
    if model is not None:
        config = model_config(model)
        for name, value in (("active_params", active_params), ("total_params", total_params),
                            ("experts", experts), ("experts_per_token", experts_per_token)):
            if value is not None:
                raise ValueError(f"{name} must be None when model is given (the catalogue "
                                 f"fills it in); got {value!r}")
        return Architecture.from_config(config)
    if active_params is None:
        raise TypeError("active_params must be a number (> 0) unless model names a catalogue "
                        "model; got None")
    return Architecture.generic(active_params, total_params, experts, experts_per_token)


def estimate_query_energy(
    active_params: float | None = None,
    input_tokens: float = 500.0,
    output_tokens: float = 500.0,
    *,
    total_params: float | None = None,
    accelerator: str = "H100 SXM",
    batch_size: float = 64.0,
    bytes_per_param: float | str = 2.0,
    kv_bytes_per_value: float | str = 2.0,
    scope: str = "gpu",
    model: str | None = None,
    experts: float | None = None,
    experts_per_token: float | None = None,
    production_batch: bool = False,
    pue: float | None = None,
    tensor_parallel: float = 1.0,
) -> QueryEnergy:
    """Energy of one query (prompt and answer), with an interval and a breakdown [J].

    Parameters
    ----------
    active_params : float, optional
        Parameters active per token (> 0) [-]; not with ``model``.
    input_tokens : float
        Prompt length, in [0, 1e7] [tokens].
    output_tokens : float
        Answer length, in [0, 1e7] [tokens].
    total_params : float, optional
        All parameters of a mixture of experts (>= active); ``None``: dense [-].
    accelerator : str
        A key of :data:`energylib.hardware.HARDWARE` (or of
        :data:`energylib.hardware.ACCELERATOR_ALIASES`).
    batch_size : float
        Sequences decoded together, in [1, 1e5] [-].
    bytes_per_param : float or str
        Bytes per weight (in (0, 4]) or a format: ``"bf16"``, ``"fp8"`` (W8A8: prefill and
        compute-bound decode at the FP8 peak where the chip has one), ``"int4"`` (4.25
        bits with group scales), ``"mxfp4"`` (a mixture of experts' routed experts only,
        the rest BF16, as in gpt-oss) ... [B].
    kv_bytes_per_value : float or str
        Bytes per cached key or value, likewise [B].
    scope : str
        ``"gpu"`` (accelerators), ``"server"`` (plus host and idle reserve) or
        ``"full-stack"`` (plus facility).
    model : str, optional
        A catalogue model (:data:`energylib.catalogue.MODELS`), e.g. ``"Llama 3.1 70B"``:
        fills in parameters, experts, layers and cache shape.
    experts, experts_per_token : float, optional
        Routed experts per layer and per token of a mixture of experts given by its
        parameter counts (both or neither; without them a mixture is read as ``k = 1``
        of ``E = N_t / N_a``, more than a fine-grained one reads at small batches) [-].
    production_batch : bool
        True if ``batch_size`` already reflects production load (idle and under-used
        accelerators included): the fleet-utilisation factor 1.4 is then left out and
        the full stack is 0.24 / 0.14 = 1.71 times the accelerators.
    pue : float, optional
        Facility power usage effectiveness for ``"full-stack"``, in [1, 3]; default
        Google's implied 1.09 (typical data centres: 1.3-1.6) [-].
    tensor_parallel : float
        Tensor-parallel ranks serving one replica, in [1, 1024]: key-value heads fewer
        than the ranks, and MLA latents, are read once per rank holding them [-].

    Returns
    -------
    QueryEnergy

    Raises
    ------
    TypeError
        A parameter of the wrong type (names it).
    ValueError
        A value out of range, an unknown accelerator, model, format or scope (names the
        parameter, the value and what is allowed).

    References
    ----------
    :cite:`elsworth2025google` Table 1 (scope factors)
    :cite:`mlenergy2026leaderboardv3` (calibration data)
    :cite:`mlenergy2024leaderboardv2` (calibration data)
    :cite:`mlenergy2023leaderboardv1` (calibration data)
    :cite:`morrison2025holistic` Table 4 (out-of-sample check)

    Examples
    --------
    A mixture of experts reads almost all its experts at batch 64, so it costs
    far more than its active parameters suggest:

    >>> moe = estimate_query_energy(model="Qwen 3 235B-A22B")
    >>> dense22 = estimate_query_energy(22e9)
    >>> moe.energy / dense22.energy > 3
    True
    >>> r = estimate_query_energy(70e9, 500, 500, scope="full-stack")
    >>> abs(sum(r.breakdown.values()) - r.energy) < 1e-9 * r.energy
    True
    """
    if isinstance(accelerator, str):
        accelerator = ACCELERATOR_ALIASES.get(accelerator, accelerator)
    if not isinstance(accelerator, str) or accelerator not in HARDWARE:
        raise ValueError(f"accelerator must be one of {sorted(HARDWARE)}; got {accelerator!r}")
    if not isinstance(scope, str) or scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}; got {scope!r}")
    n_in = check_scalar("input_tokens", input_tokens, low=0.0, high=1e7)
    n_out = check_scalar("output_tokens", output_tokens, low=0.0, high=1e7)
    batch = check_scalar("batch_size", batch_size, low=1.0, high=1e5)
    tp = check_scalar("tensor_parallel", tensor_parallel, low=1.0, high=1024.0)
    bpp = _precision("bytes_per_param", bytes_per_param)
    kvb = _precision("kv_bytes_per_value", kv_bytes_per_value)
    arch = _architecture(model, active_params, total_params, experts, experts_per_token)
    factors = scope_factors(production_batch, pue)
    fmt = bytes_per_param.strip().lower() if isinstance(bytes_per_param, str) else ""
    moe = arch.total_params > arch.active_params
    expert_bytes = None
    if fmt == "mxfp4" and moe:
        bpp, expert_bytes = 2.0, bytes_per_value("mxfp4")
    cal = stored_calibration()
    fit = cal.fit
    chip = CHIPS.get(accelerator)
    calibrated = chip is not None and chip in fit.time_factors and accelerator != "H200 SXM"
    phi = fit.time_factor(chip, "current", moe)
    parts = gpu_energy_parts(arch, n_in, n_out, HARDWARE[accelerator], batch, bpp, kvb,
                             PREFILL_UTILIZATION, fit.decode_compute_efficiency, phi,
                             expert_bytes_per_param=expert_bytes,
                             compute_precision="fp8" if fmt == "fp8" else "bf16",
                             tensor_parallel=tp, power_curve=fit.power_curve)
    gpu = parts.total
    fleet = gpu * factors.fleet_utilization if scope != "gpu" else gpu
    server = gpu * factors.factor("server") if scope != "gpu" else gpu
    total = gpu * factors.factor(scope)
    label = "hybrid Mamba" if arch.state_values > 0 else "MoE" if moe else "dense"
    factor = cal.factor_for(label)
    low, high = total / factor, total * factor
    if scope != "gpu":   # the rounding of Google's printed values
        down, up = scope_rounding(scope, production_batch)
        low, high = low * down, high * up
    notes = ["coverage measured on ML.ENERGY's GPU-only steady-state benchmarks (one lab); "
             "production idle gaps, other serving stacks and unseen software generations "
             "are not covered"]
    if not calibrated:
        notes.insert(0, f"no calibration measurement on {accelerator}: its time factor is "
                        "borrowed and the measured coverage does not apply")
    return QueryEnergy(
        energy=total, low=low, high=high, coverage=cal.coverage,
        measured_coverage=cal.measured_coverage, scope=scope,
        prefill=parts.prefill, decode_weights=parts.decode_weights,
        decode_kv=parts.decode_kv, fleet_idle=fleet - gpu, host=server - fleet,
        facility=total - server, model=model, calibrated_accelerator=calibrated,
        notes=tuple(notes),
    )


def _precision(name: str, value: object) -> float:
    if isinstance(value, str):
        try:
            return bytes_per_value(value)
        except ValueError:
            raise ValueError(f"{name} must be a number of bytes in (0, 4] or one of "
                             f"'bf16', 'fp16', 'fp8', 'int8', 'int4', 'mxfp4', 'fp32'; "
                             f"got {value!r}") from None
    return check_scalar(name, value, low=0.0, high=4.0, low_open=True)
