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
  attention products, ``2 (d_qk + d_v)`` FLOP per attended (query, key) pair
  and layer, which grow with the square of the prompt (:func:`prefill_flops`).
  It runs at the board's rating at an assumed ``u_p = 0.5`` of the dense peak
  (of the FP8 peak for W8A8 weights): an assumption, not a fit (the
  measurements are decode-dominated and cannot identify it), below the 76 %
  model-FLOPs utilization of large-batch prefill on TPU v4
  :cite:`pope2023efficiently`; 70B at 0.5 of an H100's peak costs 0.2 J per
  prompt token, and the decode time factor is not applied to it.
* **Decode time** per step is ``max(weight bytes / bandwidth, FLOPs / (peak
  u_c))`` for the matrix products (memory and compute overlap within a kernel)
  plus the attention's cache reads (and a hybrid model's recurrent-state reads
  and writes), which run after the projections and are charged serially.
  ``n_out - 1`` steps: prefill yields the first token.
* **Replication under tensor parallelism.**  Key-value heads fewer than the
  tensor-parallel ranks are replicated (Qwen 3 235B's 4 heads at TP 8: each
  head read twice); an MLA latent is held and read on every rank
  (:func:`kv_replication`).  Data-parallel attention (not in the fitted runs)
  would also replicate the always-read weights; it is not modelled.
* **Power depends on load.**  :func:`decode_power_fraction` is a saturating
  curve of the average board power against batch, as a fraction of the
  rating, fitted to the average powers ML.ENERGY's leaderboard v3 measured
  in 515 runs on H100 and B200 :cite:`mlenergy2026leaderboardv3`
  (:func:`energylib.serving_fit.fit_power_curve`; refitted inside each
  cross-validation fold that predicts with it).  The medians of H100 runs
  rise from about 0.63 of 700 W at batch 8 to 0.85 at 256, with a spread of
  0.3-1.0 between models at one batch.
* **Scope.**  ``"gpu"`` counts accelerators at the stated batch in steady
  state (what the calibration data measure).  Wider scopes follow Google's
  accounting of its median Gemini prompt :cite:`elsworth2025google` (Table 1 and
  Section 4, values 0.10, 0.14, 0.06, 0.02, 0.02 and 0.24 Wh; see
  :func:`scope_factors`): fleet accelerator utilisation ``0.14 / 0.10 = 1.4``
  (accelerators across the fleet, idle and under-used, against the
  top-decile data centres of the "existing approach"), host CPU, memory and
  idle machines ``0.22 / 0.14``, and the facility at a PUE (Google's implied
  ``0.24 / 0.22 = 1.09``; typical sites report 1.3-1.6).  Component values
  after the 0.10 and 0.24 Wh headline were read in secondary coverage of the
  paper (see the rows' notes in ``measurements.csv``).

References
----------
:cite:`elsworth2025google` Section 4 and the breakdown figure
:cite:`mlenergy2026leaderboardv3` (measured average GPU power)
:cite:`kaplan2020scaling` Table 1 (2 N FLOP per token)
:cite:`pope2023efficiently` Abstract (prefill utilization)

Examples
--------
At batch 64 a Mixtral 8x7B step reads nearly all 8 experts:

>>> round(expert_read_fraction(8, 2, 64), 6)
1.0
>>> round(weights_read_per_step(12.9e9, 46.7e9, 8, 2, 1) / 1e9, 1)
12.9
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .catalogue import ModelConfig, model_config
from .hardware import Accelerator
from .measurements import by_id as measurement_by_id
from .units import WH
from .validation import FloatOrArray, check_number, check_scalar, scalar_or_array

__all__ = [
    "PRECISION_BYTES",
    "SCOPES",
    "bytes_per_value",
    "expert_read_fraction",
    "weights_read_per_step",
    "attended_positions",
    "decode_cache_bytes",
    "prefill_flops",
    "decode_power_fraction",
    "scope_factor",
    "DECODE_POWER_CURVE",
    "kv_replication",
    "scope_factors",
    "scope_rounding",
    "ScopeFactors",
    "Architecture",
    "GpuEnergyParts",
    "gpu_energy_parts",
    "DecodeTimes",
    "decode_times",
    "GOOGLE_PUE",
    "GENERIC_SHAPE_MODEL",
    "GENERIC_SHAPE_EXPONENTS",
]

PRECISION_BYTES: dict[str, float] = {
    "fp32": 4.0, "bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "int8": 1.0,
    "mxfp4": 4.25 / 8.0, "int4": 4.25 / 8.0,
}
"""Bytes per stored value by number format [B].  MXFP4 stores a shared 8-bit
scale per 32 values: 4 + 8/32 = 4.25 bits; INT4 (GPTQ/AWQ) a 16-bit scale (and zero
point) per group of 64-128 values: about 4.25-4.5 bits, taken as 4.25.  In gpt-oss only
the routed experts' weights are MXFP4 (attention and embeddings BF16): see
``expert_bytes_per_param`` of :func:`gpu_energy_parts`."""

SCOPES = ("gpu", "server", "full-stack")
"""Measurement boundaries: accelerators only; plus host and idle reserve; plus facility."""

_GOOGLE_ROW = {"server": "server", "full-stack": "fullstack"}


DECODE_POWER_CURVE = (0.54, 0.82, 37.0)
"""``(at_batch_one, saturated, half_batch)`` of :func:`decode_power_fraction`, fitted to
ML.ENERGY leaderboard v3's measured average GPU powers
(:func:`energylib.serving_fit.fit_power_curve`; ``tests/test_serving.py`` refits it)."""


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


def attended_positions(
    tokens: FloatOrArray, window: FloatOrArray = 0.0, kind: str = "sliding"
) -> FloatOrArray:
    """``S(n)``: (query, key) positions attended over ``n`` causal tokens, per layer [-].

    Token ``i`` (from 1) attends ``min(i, w)`` positions in a sliding window:
    ``S = n (n + 1) / 2`` without a window, ``w (w + 1) / 2 + (n - w) w`` when
    ``n >= w``.  In chunked attention (Llama 4) it attends the
    ``((i - 1) mod w) + 1`` positions of its own chunk: with ``n = q w + r``,
    ``S = q w (w + 1) / 2 + r (r + 1) / 2``, about half the sliding window's
    count far beyond ``w``.

    Parameters
    ----------
    tokens : float or ndarray
        Tokens in the sequence, ``n`` (>= 0) [tokens].
    window : float or ndarray
        Window or chunk, ``w`` (>= 0; 0 means no window) [tokens].
    kind : str
        ``"sliding"`` or ``"chunked"``.

    Examples
    --------
    >>> attended_positions(4), attended_positions(4, window=2)
    (10.0, 7.0)
    >>> attended_positions(4, window=2, kind="chunked")   # 1 + 2 + 1 + 2
    6.0
    """
    if kind not in ("sliding", "chunked"):
        raise ValueError(f"kind must be 'sliding' or 'chunked'; got {kind!r}")
    n = np.asarray(check_number("tokens", tokens, low=0.0))
    w = np.asarray(check_number("window", window, low=0.0))
    full = n * (n + 1.0) / 2.0
    if kind == "chunked":
        safe = np.where(w == 0, 1.0, w)
        q = np.floor(n / safe)
        r = n - q * safe
        capped = q * safe * (safe + 1.0) / 2.0 + r * (r + 1.0) / 2.0
    else:
        capped = w * (w + 1.0) / 2.0 + (n - w) * w
    return scalar_or_array(np.where((w == 0) | (n <= w), full, capped))


def _positions_by_layer(
    tokens: FloatOrArray, layers: float, sliding_layers: float, sliding_window: float,
    kind: str = "sliding",
) -> FloatOrArray:
    full = layers - sliding_layers
    windowed = attended_positions(tokens, sliding_window, kind) if sliding_layers else 0.0
    return scalar_or_array(full * np.asarray(attended_positions(tokens)) + sliding_layers
                           * np.asarray(windowed))


def decode_cache_bytes(
    input_tokens: FloatOrArray,
    output_tokens: FloatOrArray,
    kv_bytes_per_token_per_layer: FloatOrArray,
    layers: float,
    sliding_layers: float = 0.0,
    sliding_window: float = 0.0,
    window_kind: str = "sliding",
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
        Layers with a local window (in [0, layers]) [-].
    sliding_window : float
        Their window or chunk (>= 0) [tokens].
    window_kind : str
        ``"sliding"`` or ``"chunked"`` (:func:`attended_positions`).

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
    reads = (np.asarray(_positions_by_layer(end, n_layers, n_sliding, window, window_kind))
             - np.asarray(_positions_by_layer(n_in, n_layers, n_sliding, window, window_kind)))
    return scalar_or_array(kv * reads)


def prefill_flops(
    active_params: FloatOrArray,
    input_tokens: FloatOrArray,
    attention_width: float,
    layers: float,
    sliding_layers: float = 0.0,
    sliding_window: float = 0.0,
    window_kind: str = "sliding",
) -> FloatOrArray:
    """FLOPs to read a prompt: ``2 N_a n_in + 4 d_attn sum over layers of S(n_in)`` [FLOP].

    ``2 N_a`` per token for the weights :cite:`kaplan2020scaling`; per attended
    pair and layer, ``2 d_qk`` for the query-key product and ``2 d_v`` for
    the weighted sum of values, ``4 d_attn`` with ``d_attn = (d_qk + d_v) / 2``
    (:attr:`energylib.catalogue.ModelConfig.attention_flop_width`).

    Parameters
    ----------
    active_params : float or ndarray
        Parameters active per token (> 0) [-].
    input_tokens : float or ndarray
        Prompt length (>= 0) [tokens].
    attention_width : float
        Mean width of the attention products, heads x head dimension (> 0) [-].
    layers, sliding_layers, sliding_window, window_kind : float, str
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
    pairs = _positions_by_layer(n_in, n_layers, n_sliding, window, window_kind)
    return scalar_or_array(2.0 * np.asarray(n_a) * n_in + 4.0 * width * np.asarray(pairs))


def decode_power_fraction(
    batch_size: FloatOrArray,
    half_batch: FloatOrArray = DECODE_POWER_CURVE[2],
    saturated: FloatOrArray = DECODE_POWER_CURVE[1],
    at_batch_one: FloatOrArray = DECODE_POWER_CURVE[0],
) -> FloatOrArray:
    """Average board power in decode as a fraction of the rating, against batch size [-].

    ``p(B) = p1 + (ps - p1) (B - 1) / (B - 1 + B_half)``: ``p1`` at batch 1,
    ``ps`` as ``B -> infinity``, half-way between them at ``B = 1 + B_half``.
    The defaults (:data:`DECODE_POWER_CURVE`) are fitted to the average powers
    measured on H100 and B200 by ML.ENERGY's leaderboard v3
    :cite:`mlenergy2026leaderboardv3`; they describe the median model, and
    single models lie up to about 0.3 of the rating either side.

    Parameters
    ----------
    batch_size : float or ndarray
        Sequences decoded together (>= 1) [-].
    half_batch : float or ndarray
        ``B_half`` (> 0) [-].
    saturated : float or ndarray
        ``ps`` in (0, 1] [-].
    at_batch_one : float or ndarray
        ``p1`` in (0, ps] [-].

    References
    ----------
    :cite:`mlenergy2026leaderboardv3` (average GPU power of each run)

    Examples
    --------
    >>> round(decode_power_fraction(1), 3), round(decode_power_fraction(38), 3)   # half-way
    (0.54, 0.68)
    """
    b = check_number("batch_size", batch_size, low=1.0)
    half = check_number("half_batch", half_batch, low=0.0, low_open=True)
    ps = check_number("saturated", saturated, low=0.0, high=1.0, low_open=True)
    p1 = check_number("at_batch_one", at_batch_one, low=0.0, high=1.0, low_open=True)
    if np.any(np.asarray(p1) > np.asarray(ps)):
        raise ValueError(f"at_batch_one must be in (0, saturated]; got {at_batch_one!r}")
    x = np.asarray(b) - 1.0
    return scalar_or_array(p1 + (np.asarray(ps) - p1) * x / (x + half))


GOOGLE_PUE = (measurement_by_id("google-gemini-median-fullstack").value
              / measurement_by_id("google-gemini-median-server").value)
"""The power usage effectiveness implied by Google's breakdown (0.24 Wh with the
data-centre overhead against 0.22 Wh without it), about 1.09 [-]; recomputed from
the measurement rows by :func:`scope_factors`, which a test checks against this."""


@dataclass(frozen=True)
class ScopeFactors:
    """Factors from steady-state accelerator energy to wider boundaries [-].

    Attributes
    ----------
    fleet_utilization : float
        Fleet-average over best-case accelerator energy, 0.14 / 0.10 Wh (1 when the
        batch already reflects production) [-].
    host_and_idle : float
        Server over accelerator energy, (0.14 + 0.06 + 0.02) / 0.14 [-].
    pue : float
        Facility over server energy [-].
    """

    fleet_utilization: float
    host_and_idle: float
    pue: float

    def factor(self, scope: str) -> float:
        """Energy within ``scope`` per unit of steady-state accelerator energy [-]."""
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {SCOPES}; got {scope!r}")
        if scope == "gpu":
            return 1.0
        server = self.fleet_utilization * self.host_and_idle
        return server if scope == "server" else server * self.pue


def _google(row: str, shift: float = 0.0) -> float:
    return (measurement_by_id(f"google-gemini-median-{row}").value + shift) * WH


def scope_factors(production_batch: bool = False, pue: float | None = None) -> ScopeFactors:
    """The factors from accelerator energy to the server and the full stack [-].

    Google's median Gemini prompt :cite:`elsworth2025google`: 0.10 Wh counted at
    the active accelerators of its top-decile data centres (the "existing
    approach"), 0.14 Wh at all active accelerators of the fleet (idle and
    under-used capacity included), plus host CPU and memory 0.06 Wh and idle
    machines 0.02 Wh (0.22 Wh), plus the data-centre overhead 0.02 Wh
    (0.24 Wh).  So ``2.4 = 1.4 x 1.571 x 1.091``: fleet utilisation, host and
    idle, and an implied PUE of 1.09.  The 0.10 and 0.24 Wh are in the paper's
    abstract; the components were read in secondary coverage of it (see the
    rows' notes).

    Parameters
    ----------
    production_batch : bool
        True when the batch given already reflects production load (idle and
        under-used accelerators included): the fleet-utilisation factor is then
        1 and the full stack is ``0.24 / 0.14 = 1.71`` times the accelerators.
    pue : float, optional
        Facility's power usage effectiveness, in [1, 3]; default Google's
        implied 1.09 (typical data centres report 1.3-1.6) [-].

    Examples
    --------
    >>> f = scope_factors()
    >>> round(f.fleet_utilization, 3), round(f.host_and_idle, 3), round(f.pue, 3)
    (1.4, 1.571, 1.091)
    >>> round(f.factor("full-stack"), 3), round(scope_factors(True).factor("full-stack"), 3)
    (2.4, 1.714)
    """
    if not isinstance(production_batch, bool):
        raise TypeError(f"production_batch must be a bool; got {production_batch!r}")
    accel = _google("accel")
    fleet = 1.0 if production_batch else accel / _google("existing")
    host = _google("server") / accel
    implied = _google("fullstack") / _google("server")
    p = implied if pue is None else check_scalar("pue", pue, low=1.0, high=3.0)
    return ScopeFactors(fleet, host, p)


def scope_rounding(scope: str, production_batch: bool = False) -> tuple[float, float]:
    """Low and high ends of a scope factor over its central value, from the rounding of
    Google's printed values to 0.01 Wh [-].

    The full stack over the accelerators, 0.24 / 0.10, spans
    ``0.235 / 0.105 = 2.24`` to ``0.245 / 0.095 = 2.58``; the estimator widens its
    interval by these ratios at the server and full-stack scopes.

    Parameters
    ----------
    scope : str
        One of :data:`SCOPES`.
    production_batch : bool
        As :func:`scope_factors` (the denominator is then the 0.14 Wh).

    Examples
    --------
    >>> [round(x * 2.4, 2) for x in scope_rounding("full-stack")]
    [2.24, 2.58]
    """
    if not isinstance(scope, str) or scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}; got {scope!r}")
    if scope == "gpu":
        return 1.0, 1.0
    top = _GOOGLE_ROW[scope]
    base = "accel" if production_batch else "existing"
    central = _google(top) / _google(base)
    return ((_google(top, -0.005) / _google(base, 0.005)) / central,
            (_google(top, 0.005) / _google(base, -0.005)) / central)


def scope_factor(scope: str) -> float:
    """Energy within ``scope`` per unit of accelerator energy, Google's defaults [-].

    ``"gpu"``: 1; ``"server"``: 0.22 / 0.10 = 2.2; ``"full-stack"``:
    0.24 / 0.10 = 2.4 :cite:`elsworth2025google` (see :func:`scope_factors`).

    Examples
    --------
    >>> scope_factor("gpu"), round(scope_factor("full-stack"), 3), round(scope_factor("server"), 3)
    (1.0, 2.4, 2.2)
    """
    if not isinstance(scope, str) or scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}; got {scope!r}")
    return scope_factors().factor(scope)


def kv_replication(kv_heads: float, tensor_parallel: float, mla: bool = False) -> float:
    """How many times each cached value is read under tensor parallelism [-].

    Heads are split over ``t`` ranks; with fewer key-value heads than ranks each
    head is replicated on ``t / kv_heads`` ranks, each of which reads it.  An MLA
    latent is shared by all heads and held on every rank: ``t`` reads.

    Parameters
    ----------
    kv_heads : float
        Key-value heads (>= 1) [-].
    tensor_parallel : float
        Tensor-parallel ranks (>= 1) [-].
    mla : bool
        Multi-head latent attention.

    Examples
    --------
    >>> kv_replication(4, 8), kv_replication(8, 8), kv_replication(1, 8, mla=True)
    (2.0, 1.0, 8.0)
    """
    h = check_scalar("kv_heads", kv_heads, low=1.0)
    t = check_scalar("tensor_parallel", tensor_parallel, low=1.0)
    if mla:
        return t
    return max(1.0, t / h)


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
        Mean width of the attention products, heads x head dimension [-].
    sliding_window, sliding_layers : float
        Window or chunk [tokens] and number of such layers.
    window_kind : str
        ``"sliding"`` or ``"chunked"``.
    kv_heads : float
        Key-value heads (0: unknown, no replication modelled) [-].
    mla : bool
        Multi-head latent attention (latent replicated on every tensor-parallel rank).
    state_values : float
        Recurrent-state values per sequence (hybrid Mamba models), read and written
        every decode step [-].
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
    window_kind: str = "sliding"
    kv_heads: float = 0.0
    mla: bool = False
    state_values: float = 0.0

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
        kind = "chunked" if config.window_kind == "chunked" else "sliding"
        return cls(config.active_params, config.total_params, float(config.experts),
                   float(config.experts_per_token), float(config.attention_layers),
                   float(config.kv_values_per_token_per_layer()),
                   float(config.attention_flop_width), float(config.sliding_window),
                   float(config.sliding_layers), kind, float(config.kv_heads),
                   config.attention == "mla", float(config.mamba_state_values))

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
        (``D = 0``) with ``k = 1``, ``E = N_t / N_a``.  This reads more than a
        fine-grained mixture at small batches (235B/22B at batch 8: 0.54 of the
        experts against 0.40 with Qwen 3's ``E = 128, k = 8``) and the same at
        large ones: give ``experts`` and ``experts_per_token`` when known.

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
        base = model_config(GENERIC_SHAPE_MODEL)
        scale = n_a / base.active_params
        cache_exponent, width_exponent = GENERIC_SHAPE_EXPONENTS
        values = (base.attention_layers * base.kv_values_per_token_per_layer()
                  * scale ** cache_exponent)
        width = base.attention_layers * base.attention_width * scale ** width_exponent
        return cls(n_a, n_t, e, k, 1.0, values, width)

    def dense_and_expert_params(self) -> tuple[float, float]:
        """``(D, X)``: always-read and routed-expert parameters [-].

        Examples
        --------
        >>> d, x = Architecture.from_config(model_config("Mixtral 8x7B")).dense_and_expert_params()
        >>> round(d / 1e9, 2), round(x / 1e9, 2)
        (1.63, 45.07)
        """
        share = self.experts_per_token / self.experts
        if share >= 1.0:
            return self.active_params, 0.0
        x = (self.total_params - self.active_params) / (1.0 - share)
        return self.total_params - x, x


GENERIC_SHAPE_MODEL = "Llama 3.1 8B"
"""The catalogue model whose cache and attention width :meth:`Architecture.generic` scales."""

GENERIC_SHAPE_EXPONENTS = (1 / 3, 2 / 3)
"""Exponents of ``N_a / N_8B`` for the cache values per token (over all layers) and the
attention width x layers of :meth:`Architecture.generic` [-]."""


@dataclass(frozen=True)
class DecodeTimes:
    """The serving model's time terms for one query, before power and calibration [s].

    Attributes
    ----------
    prefill : float
        Prompt at ``u_p`` of the compute peak [s].
    weights : float
        Decode: the query's ``1/B`` share of each step's weight reads at full bandwidth [s].
    compute : float
        Decode: the query's matrix products at the full compute peak [s].
    cache : float
        Decode: its own cache reads (replicated under tensor parallelism) and
        recurrent-state reads and writes at full bandwidth [s].
    """

    prefill: float
    weights: float
    compute: float
    cache: float


def decode_times(
    architecture: Architecture,
    input_tokens: float,
    output_tokens: float,
    accelerator: Accelerator,
    batch_size: float = 64.0,
    bytes_per_param: float = 2.0,
    kv_bytes: float = 2.0,
    prefill_utilization: float = 0.5,
    *,
    expert_bytes_per_param: float | None = None,
    compute_precision: str = "bf16",
    tensor_parallel: float = 1.0,
) -> DecodeTimes:
    """The time terms of one query (see :func:`gpu_energy_parts`) [s].

    Examples
    --------
    >>> from energylib.hardware import HARDWARE
    >>> arch = Architecture.from_config(model_config("Llama 3.1 8B"))
    >>> t = decode_times(arch, 0, 101, HARDWARE["H100 SXM"], batch_size=1)
    >>> round(t.weights * 3.35e12 / (100 * 16e9), 6)     # 100 steps x 16 GB
    1.0
    """
    if not isinstance(architecture, Architecture):
        raise TypeError(f"architecture must be an energylib.serving.Architecture; "
                        f"got {architecture!r}")
    if not isinstance(accelerator, Accelerator):
        raise TypeError(f"accelerator must be an energylib.hardware.Accelerator; "
                        f"got {accelerator!r}")
    if compute_precision not in ("bf16", "fp8"):
        raise ValueError(f"compute_precision must be 'bf16' or 'fp8'; got {compute_precision!r}")
    a = architecture
    n_in = check_scalar("input_tokens", input_tokens, low=0.0)
    n_out = check_scalar("output_tokens", output_tokens, low=0.0)
    b = check_scalar("batch_size", batch_size, low=1.0)
    bpp = check_scalar("bytes_per_param", bytes_per_param, low=0.0, low_open=True)
    bpe = bpp if expert_bytes_per_param is None else check_scalar(
        "expert_bytes_per_param", expert_bytes_per_param, low=0.0, low_open=True)
    kvb = check_scalar("kv_bytes", kv_bytes, low=0.0, low_open=True)
    u_p = check_scalar("prefill_utilization", prefill_utilization, low=0.0, high=1.0,
                       low_open=True)
    tp = check_scalar("tensor_parallel", tensor_parallel, low=1.0)
    peak = accelerator.peak_for(compute_precision)
    flops = float(prefill_flops(a.active_params, n_in, a.attention_width, a.attention_layers,
                                a.sliding_layers, a.sliding_window, a.window_kind))
    steps = max(n_out - 1.0, 0.0)
    d, x = a.dense_and_expert_params()
    f = float(expert_read_fraction(a.experts, a.experts_per_token, b)) if x > 0 else 0.0
    step_bytes = d * bpp + x * f * bpe
    replication = kv_replication(a.kv_heads, tp, a.mla) if a.kv_heads >= 1 else 1.0
    kv = (float(decode_cache_bytes(n_in + 1.0, steps, a.kv_values_per_token_per_layer * kvb,
                                   a.attention_layers, a.sliding_layers, a.sliding_window,
                                   a.window_kind)) if steps > 0 else 0.0)
    state = steps * 2.0 * a.state_values * kvb
    bandwidth = accelerator.memory_bandwidth
    return DecodeTimes(
        prefill=flops / (peak * u_p),
        weights=steps * step_bytes / b / bandwidth,
        compute=steps * 2.0 * a.active_params / peak,
        cache=(kv * replication + state) / bandwidth,
    )


@dataclass(frozen=True)
class GpuEnergyParts:
    """Accelerator energy of one query, by phase [J].

    Attributes
    ----------
    prefill : float
        Reading the prompt [J].
    decode_weights : float
        Decode: the query's share of each step's matrix products (weight reads or
        compute, whichever is slower) [J].
    decode_kv : float
        Decode: the query's own key-value-cache (and recurrent-state) traffic [J].
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
    decode_compute_efficiency: float = 1.0,
    decode_time_factor: float = 1.0,
    *,
    expert_bytes_per_param: float | None = None,
    compute_precision: str = "bf16",
    tensor_parallel: float = 1.0,
    power_curve: tuple[float, float, float] = DECODE_POWER_CURVE,
) -> GpuEnergyParts:
    """Accelerator energy of one query from the serving model [J].

    ``E = P t_prefill + phi p(B) P (max(t_w, t_c / u_c) + t_kv)`` with ``P`` the
    board's rating and, per query (``n_out - 1`` decode steps; prefill yields
    the first token):

    * ``t_prefill = prefill_flops / (peak u_p)``, ``u_p`` an assumed 0.5;
    * ``t_w``: the query's ``1/B`` share of each step's weight bytes at full
      bandwidth; ``t_c``: its ``2 N_a`` FLOP per token at the full peak; the
      projections are bound by whichever is slower (memory and compute overlap
      within a kernel), ``u_c`` being the fraction of peak reached when
      compute-bound;
    * ``t_kv``: its own cache reads (replicated under tensor parallelism,
      :func:`kv_replication`) and a hybrid model's recurrent-state reads and
      writes, charged after the projections (attention kernels do not overlap
      them);
    * ``phi``: measured over modelled decode time (bandwidth below peak,
      scheduling gaps, kernels not counted), fitted per accelerator and
      software generation by :mod:`energylib.serving_fit`;
    * ``p(B)``: :func:`decode_power_fraction`.

    The number of accelerators cancels: ``n`` of them finish ``n`` times sooner
    at ``n`` times the power (except for the replicated cache reads).

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
        Bytes per weight (> 0) [B]; with ``expert_bytes_per_param``, of the always-read ones.
    kv_bytes : float
        Bytes per cached value (> 0) [B].
    prefill_utilization : float
        ``u_p``, fraction of peak FLOP/s reached in prefill, in (0, 1] [-].
    decode_compute_efficiency : float
        ``u_c``, fraction of peak FLOP/s reached by compute-bound decode, in (0, 1] [-].
    decode_time_factor : float
        ``phi`` (> 0) [-].
    expert_bytes_per_param : float, optional
        Bytes per routed-expert weight (gpt-oss: MXFP4's 0.53) [B].
    compute_precision : str
        ``"bf16"`` or ``"fp8"`` (W8A8: the FP8 peak where the chip has one).
    tensor_parallel : float
        Tensor-parallel ranks (>= 1) [-].
    power_curve : tuple of float
        ``(at_batch_one, saturated, half_batch)`` of :func:`decode_power_fraction`.

    Returns
    -------
    GpuEnergyParts

    Examples
    --------
    >>> from energylib.hardware import HARDWARE
    >>> arch = Architecture.from_config(model_config("Llama 3.1 8B"))
    >>> parts = gpu_energy_parts(arch, 500, 500, HARDWARE["H100 SXM"])
    >>> round(parts.prefill, 1), round(parts.decode_weights, 1), round(parts.decode_kv, 1)
    (11.4, 18.7, 7.4)
    """
    u_c = check_scalar("decode_compute_efficiency", decode_compute_efficiency, low=0.0,
                       high=1.0, low_open=True)
    phi = check_scalar("decode_time_factor", decode_time_factor, low=0.0, low_open=True)
    t = decode_times(architecture, input_tokens, output_tokens, accelerator, batch_size,
                     bytes_per_param, kv_bytes, prefill_utilization,
                     expert_bytes_per_param=expert_bytes_per_param,
                     compute_precision=compute_precision, tensor_parallel=tensor_parallel)
    p1, ps, half = power_curve
    power = accelerator.power * float(decode_power_fraction(batch_size, half, ps, p1))
    return GpuEnergyParts(
        prefill=accelerator.power * t.prefill,
        decode_weights=phi * power * max(t.weights, t.compute / u_c),
        decode_kv=phi * power * t.cache,
    )
