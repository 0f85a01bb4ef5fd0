"""The energy of one query: the book's one estimator, with an interval measured out of sample.

:func:`estimate_query_energy` assembles the serving model of
:mod:`energylib.serving` (mixture-of-experts weight reads, key-value-cache
reads, prefill with its attention term, power that depends on the batch),
scales it by the calibration of :mod:`energylib.serving_fit` (fitted to
measured GPU energies of ML.ENERGY's leaderboards v2 and v3 and of
:cite:`samsi2023words`), and widens the accelerator energy to the chosen
``scope`` with Google's measured factors (:func:`energylib.serving.scope_factor`).

The equations, for a model with ``N_a`` active and ``N_t`` total parameters,
``E`` experts (``k`` per token), batch ``B``, ``b`` bytes per weight:

* weights read per decode step: ``W(B) = D + X (1 - (1 - k/E)**B)``,
  ``X = (N_t - N_a) / (1 - k/E)``, ``D = N_t - X``;
* cache read per query: ``kv sum_layers (S(n_in + n_out) - S(n_in))``,
  ``S(n) = n (n + 1) / 2`` (capped by sliding windows);
* prefill: ``(2 N_a n_in + 4 d_attn sum_layers S(n_in)) / (peak u_p)`` seconds at the
  board's rating ``P``;
* decode: ``(n_out W(B) b / B + KV) / bandwidth + n_out 2 N_a / (peak u_d)`` seconds at
  ``p(B) P``;
* GPU energy: ``phi (P t_prefill + p(B) P t_decode)``; server and full stack:
  times 2.2 and 2.4 (0.22 and 0.24 Wh against 0.10 Wh in :cite:`elsworth2025google`).

The interval ``[E / F, E F]`` has a nominal coverage of 80 %; ``F`` is the
80th percentile of the leave-one-family-out cross-validated factor errors,
and the coverage actually reached out of sample (nested cross-validation) is
reported with every result (``measured_coverage``).  Both come from GPU-scope
measurements; at the server and full-stack scopes the interval does not
include the uncertainty of the scope factor, which rests on one published
ratio.

Examples
--------
>>> r = estimate_query_energy(model="Llama 3.1 70B", input_tokens=500, output_tokens=500)
>>> r.low < r.energy < r.high
True
>>> r.scope, round(r.coverage, 2)
('gpu', 0.8)
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
    scope_factor,
)
from .serving_fit import calibration
from .units import WH
from .validation import check_scalar

__all__ = ["QueryEnergy", "estimate_query_energy", "BREAKDOWN"]

BREAKDOWN = ("prefill", "decode_weights", "decode_kv", "host", "facility")
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
    host : float
        Host CPUs, memory and idle reserve (0 at ``"gpu"`` scope) [J].
    facility : float
        Data-centre overhead (0 unless ``"full-stack"``) [J].
    model : str or None
        Catalogue name, if one was given.
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
    host: float
    facility: float
    model: str | None = None

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
            f"Interval ({self.coverage:.0%} nominal; {self.measured_coverage:.0%} measured out "
            f"of sample): {fmt(self.low)} to {fmt(self.high)}",
            "Breakdown:",
        ]
        lines += [f"  {part:<15}{fmt(value)}" for part, value in self.breakdown.items()]
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
        Bytes per weight (in (0, 4]) or a format: ``"bf16"``, ``"fp8"``, ``"int4"`` ... [B].
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
        parameter counts (both or neither) [-].

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
    :cite:`samsi2023words` Section IV (calibration data)

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
    bpp = _precision("bytes_per_param", bytes_per_param)
    kvb = _precision("kv_bytes_per_value", kv_bytes_per_value)
    arch = _architecture(model, active_params, total_params, experts, experts_per_token)
    cal = calibration()
    fit = cal.fit
    parts = gpu_energy_parts(arch, n_in, n_out, HARDWARE[accelerator], batch, bpp, kvb,
                             0.5, fit.decode_utilization)
    phi = fit.efficiency_factor
    gpu = phi * parts.total
    server = gpu * scope_factor("server") if scope != "gpu" else gpu
    total = gpu * scope_factor(scope)
    factor = cal.interval_factor
    return QueryEnergy(
        energy=total, low=total / factor, high=total * factor, coverage=cal.coverage,
        measured_coverage=cal.measured_coverage, scope=scope,
        prefill=phi * parts.prefill, decode_weights=phi * parts.decode_weights,
        decode_kv=phi * parts.decode_kv, host=server - gpu, facility=total - server,
        model=model,
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
