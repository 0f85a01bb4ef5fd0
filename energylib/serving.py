"""The physics of serving one query: weights and cache read, FLOPs computed, power drawn.

Second version of the per-query model (:mod:`energylib.inference` is the
first, kept for the chapters that still use it).  Everything here is a
closed form; :mod:`energylib.estimator` assembles it into an energy.

* **Weights read per decode step.**  A mixture of experts with ``E`` routed
  experts, ``k`` per token, decodes a batch of ``B`` sequences; under
  uniform, independent routing a step reads the share
  ``f(B) = 1 - (1 - k/E)**B`` of each layer's experts
  (:func:`expert_read_fraction`), so it reads ``D + X f(B)`` parameters,
  between the active (``B = 1``) and the total (``B -> infinity``)
  parameters (:func:`weights_read_per_step`; derivation in
  :mod:`energylib.symbolic.serving`).  Real routing is skewed: popular
  experts are hit more often, so fewer distinct experts are read than the
  uniform formula says, and ``f(B)`` is an upper bound for a given ``B``
  (expert parallelism over many GPUs does not change the total bytes read).
  Shared experts (DeepSeek-V3's one per layer) are read by every token and
  count among the always-read parameters ``D``, as do attention, embeddings
  and the dense layers.
* **Key-value cache read per decode step.**  Each sequence reads its own
  cache: ``layers x (2 kv_heads head_dim, or the MLA latent) x bytes`` per
  token of context, for every position it attends (sliding-window layers
  attend at most the window).  :func:`attended_positions` counts positions;
  a batch reads the sum of its sequences' caches, so per query the cache read
  is the query's own, not shared (:func:`decode_cache_bytes`).
* **Prefill** is compute-bound: ``2 N_a`` FLOP per prompt token plus the
  attention products, ``4 d_attn`` FLOP per attended (query, key) pair and
  layer, which grow with the square of the prompt (:func:`prefill_flops`).
* **Power depends on load.**  Memory-bound decode at small batches draws well
  below the board's rating: on a 700 W H200, decode draws 137-300 W
  :cite:`ma2026powercapping`.  :func:`decode_power_fraction` rises from
  ``at_batch_one`` of the rating at batch 1 to ``saturated`` at large
  batches, half-way at ``half_batch``.  The default swing, saturated /
  batch-one = 300 / 137, is the range that paper reports, taken as the
  swing from an idle-ish to a loaded decode (an assumption); with the
  saturated level at the rating, batch 1 draws about 46 % of it (about
  320 W on an H100, "about half of 700 W").
* **Scope.**  ``"gpu"`` counts accelerators only; ``"server"`` adds host
  CPUs, memory and idle reserve; ``"full-stack"`` adds the facility.  The
  factor from ``"gpu"`` to ``"full-stack"`` is Google's measured ratio for
  the same median Gemini prompt, 0.24 Wh against 0.10 Wh counted at the
  active accelerators only :cite:`elsworth2025google`; it is split into server
  and facility as that paper's Table 1 splits it (the data-centre overhead is
  0.02 of the 0.24 Wh) (:func:`scope_factor`).

References
----------
:cite:`elsworth2025google` Section 4 and the breakdown figure
:cite:`ma2026powercapping` Abstract
:cite:`kaplan2020scaling` Table 1 (2 N FLOP per token)

Examples
--------
At batch 64 a Mixtral 8x7B step reads nearly all 8 experts:

>>> round(expert_read_fraction(8, 2, 64), 6)
1.0
>>> round(weights_read_per_step(12.9e9, 46.7e9, 8, 2, 1) / 1e9, 1)
12.9
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

import numpy as np

from .catalogue import ModelConfig, model_config
from .hardware import Accelerator
from .measurements import by_id as measurement_by_id
from .units import WH
from .validation import FloatOrArray, check_number, check_scalar, scalar_or_array

__all__ = [
    "PRECISION_BYTES",
    "SCOPES",
    "SERVING_CONSTANTS",
    "ServingConstant",
    "bytes_per_value",
    "expert_read_fraction",
    "weights_read_per_step",
    "attended_positions",
    "decode_cache_bytes",
    "prefill_flops",
    "decode_power_fraction",
    "scope_factor",
    "DECODE_POWER_SWING",
    "Architecture",
    "GpuEnergyParts",
    "gpu_energy_parts",
]

PRECISION_BYTES: dict[str, float] = {
    "fp32": 4.0, "bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "int8": 1.0,
    "mxfp4": 4.25 / 8.0, "int4": 0.5,
}
"""Bytes per stored value by number format [B].  MXFP4 stores a shared 8-bit
scale per 32 values: 4 + 8/32 = 4.25 bits."""

SCOPES = ("gpu", "server", "full-stack")
"""Measurement boundaries: accelerators only; plus host and idle reserve; plus facility."""

_GOOGLE_ROW = {"server": "server", "full-stack": "fullstack"}


@dataclass(frozen=True)
class ServingConstant:
    """A published value the serving model uses (``energylib/data/serving.csv``).

    Attributes
    ----------
    id : str
        Row identifier.
    value : float
        As published, in ``unit``.
    unit : str
        ``"Wh"`` or ``"W"``.
    source, page, note : str
        BibTeX key, page or table, remarks.
    """

    id: str
    value: float
    unit: str
    source: str
    page: str
    note: str

    @property
    def si(self) -> float:
        """The value in SI units [J or W]."""
        return self.value * (WH if self.unit == "Wh" else 1.0)


def _load_constants() -> dict[str, ServingConstant]:
    text = resources.files("energylib").joinpath("data/serving.csv").read_text("utf-8")
    out = {}
    for row in csv.DictReader(text.splitlines()):
        if row["unit"] not in ("Wh", "W"):
            raise ValueError(f"serving.csv row {row['id']}: unknown unit {row['unit']!r}")
        out[row["id"]] = ServingConstant(row["id"], float(row["value"]), row["unit"],
                                         row["source"], row["page"], row["note"])
    return out


SERVING_CONSTANTS: dict[str, ServingConstant] = _load_constants()
"""Published values of ``energylib/data/serving.csv``, by id."""

DECODE_POWER_SWING = (SERVING_CONSTANTS["decode-power-high"].si
                      / SERVING_CONSTANTS["decode-power-low"].si)
"""Ratio of the highest to the lowest decode power measured on an H200 (300 / 137) [-]."""


def bytes_per_value(precision: object) -> float:
    """Bytes per stored value for a number format's name, or a positive number as given [B].

    Parameters
    ----------
    precision : str or float
        One of :data:`PRECISION_BYTES` (``"bf16"``, ``"fp8"``, ``"int4"``, ...)
        or bytes per value (> 0, at most 4).

    Examples
    --------
    >>> bytes_per_value("fp8"), bytes_per_value("int4"), bytes_per_value(2)
    (1.0, 0.5, 2.0)
    """
    if isinstance(precision, str):
        key = precision.strip().lower()
        if key not in PRECISION_BYTES:
            raise ValueError(f"precision must be one of {sorted(PRECISION_BYTES)} or a number "
                             f"of bytes in (0, 4]; got {precision!r}")
        return PRECISION_BYTES[key]
    return check_scalar("precision", precision, low=0.0, high=4.0, low_open=True)


def expert_read_fraction(
    experts: FloatOrArray, experts_per_token: FloatOrArray, batch_size: FloatOrArray
) -> FloatOrArray:
    """Expected share of a layer's routed experts one decode step reads, ``1 - (1 - k/E)**B`` [-].

    Uniform, independent routing (skewed real routing reads fewer; see the module notes).

    Parameters
    ----------
    experts : float or ndarray
        Routed experts per layer, ``E`` (>= 1) [-].
    experts_per_token : float or ndarray
        Experts each token is routed to, ``k`` (in [1, E]) [-].
    batch_size : float or ndarray
        Sequences decoded together, ``B`` (>= 1) [-].

    Returns
    -------
    float or ndarray
        In ``[k/E, 1]``.

    Examples
    --------
    >>> expert_read_fraction(128, 8, 1)
    0.0625
    >>> round(expert_read_fraction(128, 8, 64), 3)   # Qwen3 235B-A22B at batch 64
    0.984
    """
    e = check_number("experts", experts, low=1.0)
    k = check_number("experts_per_token", experts_per_token, low=1.0)
    b = check_number("batch_size", batch_size, low=1.0)
    if np.any(np.asarray(k) > np.asarray(e)):
        raise ValueError(f"experts_per_token must be in [1, experts]; got {experts_per_token!r} "
                         f"for experts = {experts!r}")
    return scalar_or_array(1.0 - (1.0 - np.asarray(k) / e) ** b)


def weights_read_per_step(
    active_params: FloatOrArray,
    total_params: FloatOrArray,
    experts: FloatOrArray,
    experts_per_token: FloatOrArray,
    batch_size: FloatOrArray,
) -> FloatOrArray:
    """Parameters one decode step of ``B`` sequences reads, ``D + X f(B)`` [-].

    ``X = (N_t - N_a) / (1 - k/E)`` routed-expert parameters, ``D = N_t - X``
    always read.  A dense model (``E = k`` or ``N_t = N_a``) reads ``N_a``.

    Parameters
    ----------
    active_params : float or ndarray
        Parameters active per token, ``N_a`` (> 0) [-].
    total_params : float or ndarray
        All parameters, ``N_t`` (>= ``N_a``) [-].
    experts, experts_per_token, batch_size : float or ndarray
        As :func:`expert_read_fraction`.

    Returns
    -------
    float or ndarray
        Parameters read per step, in ``[N_a, N_t]``.

    Examples
    --------
    >>> round(weights_read_per_step(37e9, 671e9, 256, 8, 64) / 1e9)   # DeepSeek-V3
    585
    """
    n_a = check_number("active_params", active_params, low=0.0, low_open=True)
    n_t = check_number("total_params", total_params, low=0.0, low_open=True)
    if np.any(np.asarray(n_t) < np.asarray(n_a)):
        raise ValueError(f"total_params must be >= active_params; got {total_params!r} "
                         f"< {active_params!r}")
    f = np.asarray(expert_read_fraction(experts, experts_per_token, batch_size))
    share = np.asarray(check_number("experts_per_token", experts_per_token, low=1.0)) / np.asarray(
        check_number("experts", experts, low=1.0))
    dense = share >= 1.0
    x = np.where(dense, 0.0, (np.asarray(n_t) - n_a) / np.where(dense, 1.0, 1.0 - share))
    read = np.where(dense, n_a, n_t - x + x * f)
    return scalar_or_array(read)


def attended_positions(tokens: FloatOrArray, window: FloatOrArray = 0.0) -> FloatOrArray:
    """``S(n)``: (query, key) positions attended over ``n`` causal tokens, per layer [-].

    Token ``i`` (from 1) attends ``min(i, w)`` positions: ``S = n (n + 1) / 2``
    without a window, ``w (w + 1) / 2 + (n - w) w`` when ``n >= w``.

    Parameters
    ----------
    tokens : float or ndarray
        Tokens in the sequence, ``n`` (>= 0) [tokens].
    window : float or ndarray
        Sliding window, ``w`` (>= 0; 0 means no window) [tokens].

    Examples
    --------
    >>> attended_positions(4), attended_positions(4, window=2)
    (10.0, 7.0)
    """
    n = np.asarray(check_number("tokens", tokens, low=0.0))
    w = np.asarray(check_number("window", window, low=0.0))
    full = n * (n + 1.0) / 2.0
    capped = w * (w + 1.0) / 2.0 + (n - w) * w
    return scalar_or_array(np.where((w == 0) | (n <= w), full, capped))


def _positions_by_layer(
    tokens: FloatOrArray, layers: float, sliding_layers: float, sliding_window: float
) -> FloatOrArray:
    full = layers - sliding_layers
    windowed = attended_positions(tokens, sliding_window) if sliding_layers else 0.0
    return scalar_or_array(full * np.asarray(attended_positions(tokens)) + sliding_layers
                           * np.asarray(windowed))


def decode_cache_bytes(
    input_tokens: FloatOrArray,
    output_tokens: FloatOrArray,
    kv_bytes_per_token_per_layer: FloatOrArray,
    layers: float,
    sliding_layers: float = 0.0,
    sliding_window: float = 0.0,
) -> FloatOrArray:
    """Key-value-cache bytes one query reads over its decode [B].

    ``kv x sum over layers of (S(n_in + n_out) - S(n_in))``: the ``j``-th
    generated token reads the cache of every position it attends.  Summed
    over a batch, the step's cache read is the sum of its sequences'; each
    query is charged its own.

    Parameters
    ----------
    input_tokens, output_tokens : float or ndarray
        Prompt and answer lengths (>= 0) [tokens].
    kv_bytes_per_token_per_layer : float or ndarray
        Cache bytes per token and layer (> 0) [B].
    layers : float
        Layers (>= 1) [-].
    sliding_layers : float
        Layers with a sliding window (in [0, layers]) [-].
    sliding_window : float
        Their window (>= 0) [tokens].

    Examples
    --------
    Llama 3.1 70B in BF16 (4,096 B per token and layer, 80 layers), 500 tokens
    in, 500 out: 123 GB of cache read per query, 246 MB a step on average,
    against 140 GB of weights a step shared by the batch.

    >>> round(decode_cache_bytes(500, 500, 4096, 80) / 1e9, 1)
    123.0
    """
    n_in = check_number("input_tokens", input_tokens, low=0.0)
    n_out = check_number("output_tokens", output_tokens, low=0.0)
    kv = check_number("kv_bytes_per_token_per_layer", kv_bytes_per_token_per_layer, low=0.0,
                      low_open=True)
    n_layers = check_scalar("layers", layers, low=1.0)
    n_sliding = check_scalar("sliding_layers", sliding_layers, low=0.0, high=n_layers)
    window = check_scalar("sliding_window", sliding_window, low=0.0)
    end = np.asarray(n_in) + n_out
    reads = (np.asarray(_positions_by_layer(end, n_layers, n_sliding, window))
             - np.asarray(_positions_by_layer(n_in, n_layers, n_sliding, window)))
    return scalar_or_array(kv * reads)


def prefill_flops(
    active_params: FloatOrArray,
    input_tokens: FloatOrArray,
    attention_width: float,
    layers: float,
    sliding_layers: float = 0.0,
    sliding_window: float = 0.0,
) -> FloatOrArray:
    """FLOPs to read a prompt: ``2 N_a n_in + 4 d_attn sum over layers of S(n_in)`` [FLOP].

    ``2 N_a`` per token for the weights :cite:`kaplan2020scaling`; per attended
    pair and layer, ``2 d_attn`` for the query-key product and ``2 d_attn`` for
    the weighted sum of values.

    Parameters
    ----------
    active_params : float or ndarray
        Parameters active per token (> 0) [-].
    input_tokens : float or ndarray
        Prompt length (>= 0) [tokens].
    attention_width : float
        Query heads x head dimension, ``d_attn`` (> 0) [-].
    layers, sliding_layers, sliding_window : float
        As :func:`decode_cache_bytes`.

    Examples
    --------
    >>> prefill_flops(1e9, 2, 10, 1)   # 2e9 x 2 + 4 x 10 x 3
    4000000120.0
    """
    n_a = check_number("active_params", active_params, low=0.0, low_open=True)
    n_in = check_number("input_tokens", input_tokens, low=0.0)
    width = check_scalar("attention_width", attention_width, low=0.0, low_open=True)
    n_layers = check_scalar("layers", layers, low=1.0)
    n_sliding = check_scalar("sliding_layers", sliding_layers, low=0.0, high=n_layers)
    window = check_scalar("sliding_window", sliding_window, low=0.0)
    pairs = _positions_by_layer(n_in, n_layers, n_sliding, window)
    return scalar_or_array(2.0 * np.asarray(n_a) * n_in + 4.0 * width * np.asarray(pairs))


def decode_power_fraction(
    batch_size: FloatOrArray,
    half_batch: FloatOrArray = 16.0,
    saturated: FloatOrArray = 1.0,
    at_batch_one: FloatOrArray | None = None,
) -> FloatOrArray:
    """Average power in decode as a fraction of the board's rating, against batch size [-].

    ``p(B) = p1 + (ps - p1) (B - 1) / (B - 1 + B_half)``: ``p1`` at batch 1,
    ``ps`` for large batches, half-way at ``B = 1 + B_half``.

    Parameters
    ----------
    batch_size : float or ndarray
        Sequences decoded together (>= 1) [-].
    half_batch : float or ndarray
        ``B_half`` (> 0) [-].
    saturated : float or ndarray
        ``ps`` in (0, 1] [-].
    at_batch_one : float or ndarray, optional
        ``p1`` in (0, ps]; default ``ps / DECODE_POWER_SWING`` (about 0.46 ps).

    Examples
    --------
    >>> round(decode_power_fraction(1), 3), round(decode_power_fraction(17), 3)
    (0.457, 0.728)
    """
    b = check_number("batch_size", batch_size, low=1.0)
    half = check_number("half_batch", half_batch, low=0.0, low_open=True)
    ps = check_number("saturated", saturated, low=0.0, high=1.0, low_open=True)
    p1 = (np.asarray(ps) / DECODE_POWER_SWING if at_batch_one is None
          else check_number("at_batch_one", at_batch_one, low=0.0, high=1.0, low_open=True))
    if np.any(np.asarray(p1) > np.asarray(ps)):
        raise ValueError(f"at_batch_one must be in (0, saturated]; got {at_batch_one!r}")
    x = np.asarray(b) - 1.0
    return scalar_or_array(p1 + (np.asarray(ps) - p1) * x / (x + half))


def scope_factor(scope: str) -> float:
    """Energy within ``scope`` per unit of accelerator energy [-].

    ``"gpu"``: 1.  ``"full-stack"``: 0.24 Wh / 0.10 Wh = 2.4, Google's ratio
    for the same median prompt, its comprehensive boundary against the
    accelerator-only boundary of earlier estimates :cite:`elsworth2025google`
    (Table 1).  ``"server"``: 0.22 Wh / 0.10 Wh = 2.2, the comprehensive
    boundary without the data-centre overhead (accelerators 0.14, host 0.06,
    idle machines 0.02 Wh; the facility adds 0.02 Wh).  The values are rows
    of ``energylib/data/measurements.csv``.

    Examples
    --------
    >>> scope_factor("gpu"), round(scope_factor("full-stack"), 3), round(scope_factor("server"), 3)
    (1.0, 2.4, 2.2)
    """
    if not isinstance(scope, str) or scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}; got {scope!r}")
    if scope == "gpu":
        return 1.0
    gpu = measurement_by_id("google-gemini-median-existing").si
    return measurement_by_id(f"google-gemini-median-{_GOOGLE_ROW[scope]}").si / gpu


@dataclass(frozen=True)
class Architecture:
    """What the serving model needs to know about a model.

    Build one from the catalogue (:meth:`from_config`) or from parameter counts
    alone (:meth:`generic`).

    Attributes
    ----------
    active_params, total_params : float
        Parameters active per token and in all [-].
    experts, experts_per_token : float
        Routed experts per layer and per token (1 and 1 for a dense model) [-].
    attention_layers : float
        Layers with a key-value cache [-].
    kv_values_per_token_per_layer : float
        Cached values per token and layer (``2 kv_heads head_dim`` or the MLA latent) [-].
    attention_width : float
        Query heads x head dimension [-].
    sliding_window, sliding_layers : float
        Window [tokens] and number of windowed layers.
    """

    active_params: float
    total_params: float
    experts: float
    experts_per_token: float
    attention_layers: float
    kv_values_per_token_per_layer: float
    attention_width: float
    sliding_window: float = 0.0
    sliding_layers: float = 0.0

    @classmethod
    def from_config(cls, config: ModelConfig) -> Architecture:
        """The architecture of a catalogue model.

        Examples
        --------
        >>> Architecture.from_config(model_config("Mixtral 8x7B")).experts
        8.0
        """
        if not isinstance(config, ModelConfig):
            raise TypeError(f"config must be an energylib.catalogue.ModelConfig; got {config!r}")
        return cls(config.active_params, config.total_params, float(config.experts),
                   float(config.experts_per_token), float(config.attention_layers),
                   float(config.kv_values_per_token_per_layer()), float(config.attention_width),
                   float(config.sliding_window), float(config.sliding_layers))

    @classmethod
    def generic(
        cls,
        active_params: float,
        total_params: float | None = None,
        experts: float | None = None,
        experts_per_token: float | None = None,
    ) -> Architecture:
        """An architecture from parameter counts alone, shaped like Llama 3.

        The cache and the attention width scale from Llama 3.1 8B's with the
        active parameters: cache values per token ``x (N_a / 8e9)**(1/3)``,
        attention width x layers ``x (N_a / 8e9)**(2/3)`` (within 20 % of
        Llama 3.1 70B and 405B; ``tests/test_estimator.py``).  A mixture of
        experts given only by its total parameters is treated as all experts
        (``D = 0``) with ``k / E = N_a / N_t``.

        Parameters
        ----------
        active_params : float
            Parameters active per token (> 0) [-].
        total_params : float, optional
            All parameters (>= active); ``None`` for a dense model [-].
        experts, experts_per_token : float, optional
            Routed experts per layer and per token; both or neither [-].

        Examples
        --------
        >>> a = Architecture.generic(8e9)
        >>> a.attention_layers * a.kv_values_per_token_per_layer   # Llama 3.1 8B: 32 x 2048
        65536.0
        """
        n_a = check_scalar("active_params", active_params, low=0.0, low_open=True)
        n_t = n_a if total_params is None else check_scalar("total_params", total_params,
                                                            low=n_a)
        if (experts is None) != (experts_per_token is None):
            raise ValueError("experts and experts_per_token must be given together; got "
                             f"experts={experts!r}, experts_per_token={experts_per_token!r}")
        if experts is None or experts_per_token is None:
            if n_t > n_a:
                e, k = n_t / n_a, 1.0
            else:
                e, k = 1.0, 1.0
        else:
            e = check_scalar("experts", experts, low=1.0)
            k = check_scalar("experts_per_token", experts_per_token, low=1.0, high=e)
        base = model_config(_SHAPE_MODEL)
        scale = n_a / base.active_params
        values = base.attention_layers * base.kv_values_per_token_per_layer() * scale ** (1 / 3)
        width = base.attention_layers * base.attention_width * scale ** (2 / 3)
        return cls(n_a, n_t, e, k, 1.0, values, width)


_SHAPE_MODEL = "Llama 3.1 8B"


@dataclass(frozen=True)
class GpuEnergyParts:
    """Accelerator energy of one query at the roofline, by phase [J].

    Attributes
    ----------
    prefill : float
        Reading the prompt [J].
    decode_weights : float
        Decode: the query's share of each step's weight reads [J].
    decode_kv : float
        Decode: the query's own key-value-cache reads [J].
    """

    prefill: float
    decode_weights: float
    decode_kv: float

    @property
    def total(self) -> float:
        """Sum of the three [J]."""
        return self.prefill + self.decode_weights + self.decode_kv


def gpu_energy_parts(
    architecture: Architecture,
    input_tokens: float,
    output_tokens: float,
    accelerator: Accelerator,
    batch_size: float = 64.0,
    bytes_per_param: float = 2.0,
    kv_bytes: float = 2.0,
    prefill_utilization: float = 0.5,
    decode_utilization: float = 1.0,
    half_batch: float = 16.0,
) -> GpuEnergyParts:
    """Accelerator energy of one query from the serving model, before calibration [J].

    ``E = P (t_prefill + p(B) t_decode)`` with ``P`` the board's rating,
    ``t_prefill = prefill_flops / (peak u_p)`` and

    ``t_decode = (n_out W(B) b / B + KV) / bandwidth + n_out 2 N_a / (peak u_d)``:

    the memory time of the weights (the query's ``1/B`` share of each step's
    read) and of its own cache, plus the compute time of its tokens, which
    dominates at large batches (memory and compute are not assumed to
    overlap).  ``W(B)`` is :func:`weights_read_per_step`, ``KV``
    :func:`decode_cache_bytes` and ``p(B)`` :func:`decode_power_fraction`;
    prefill runs at the board's rating.  The number of accelerators cancels:
    ``n`` of them finish ``n`` times sooner at ``n`` times the power.  Decode
    compute is charged to the weights.

    Parameters
    ----------
    architecture : Architecture
        The model.
    input_tokens, output_tokens : float
        Prompt and answer (>= 0) [tokens].
    accelerator : Accelerator
        The hardware.
    batch_size : float
        Sequences decoded together (>= 1) [-].
    bytes_per_param : float
        Bytes per weight (> 0) [B].
    kv_bytes : float
        Bytes per cached value (> 0) [B].
    prefill_utilization, decode_utilization : float
        Fractions of peak FLOP/s reached in prefill and in decode, in (0, 1] [-].
    half_batch : float
        Batch at which decode power is half-way to saturation (> 0) [-].

    Returns
    -------
    GpuEnergyParts

    Examples
    --------
    >>> from energylib.hardware import HARDWARE
    >>> arch = Architecture.from_config(model_config("Llama 3.1 8B"))
    >>> parts = gpu_energy_parts(arch, 500, 500, HARDWARE["H100 SXM"])
    >>> round(parts.prefill, 1), round(parts.decode_weights, 1), round(parts.decode_kv, 1)
    (11.4, 28.3, 9.1)
    """
    if not isinstance(architecture, Architecture):
        raise TypeError(f"architecture must be an energylib.serving.Architecture; "
                        f"got {architecture!r}")
    if not isinstance(accelerator, Accelerator):
        raise TypeError(f"accelerator must be an energylib.hardware.Accelerator; "
                        f"got {accelerator!r}")
    a = architecture
    n_in = check_scalar("input_tokens", input_tokens, low=0.0)
    n_out = check_scalar("output_tokens", output_tokens, low=0.0)
    b = check_scalar("batch_size", batch_size, low=1.0)
    bpp = check_scalar("bytes_per_param", bytes_per_param, low=0.0, low_open=True)
    kvb = check_scalar("kv_bytes", kv_bytes, low=0.0, low_open=True)
    u_p = check_scalar("prefill_utilization", prefill_utilization, low=0.0, high=1.0,
                       low_open=True)
    u_d = check_scalar("decode_utilization", decode_utilization, low=0.0, high=1.0,
                       low_open=True)
    flops = float(prefill_flops(a.active_params, n_in, a.attention_width, a.attention_layers,
                                a.sliding_layers, a.sliding_window))
    t_prefill = flops / (accelerator.peak_flops_per_s * u_p)
    weights = float(weights_read_per_step(a.active_params, a.total_params, a.experts,
                                          a.experts_per_token, b))
    weight_bytes = n_out * weights * bpp / b
    kv = (float(decode_cache_bytes(n_in, n_out, a.kv_values_per_token_per_layer * kvb,
                                   a.attention_layers, a.sliding_layers, a.sliding_window))
          if n_out > 0 else 0.0)
    compute_time = n_out * 2.0 * a.active_params / (accelerator.peak_flops_per_s * u_d)
    decode_power = accelerator.power * float(decode_power_fraction(b, half_batch))
    return GpuEnergyParts(
        prefill=accelerator.power * t_prefill,
        decode_weights=decode_power * (weight_bytes / accelerator.memory_bandwidth
                                       + compute_time),
        decode_kv=decode_power * kv / accelerator.memory_bandwidth,
    )
