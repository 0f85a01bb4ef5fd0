"""Published configurations of open models: the architecture the per-query model needs.

``energylib/data/models.csv`` holds one model a row: total and active
parameters, layers, hidden size, attention (query) heads, key-value heads,
head dimension, experts, experts per token, shared experts, the attention
type (``mha``, ``gqa`` or ``mla``), the cached latent width of multi-head
latent attention, and the sliding window and number of sliding-window
layers.  Each row names its source as a BibTeX key with the page or table.

From a configuration follow the key-value-cache bytes per token
(:meth:`ModelConfig.kv_bytes_per_token`) and the attention width that sets
prefill's attention FLOPs.

Examples
--------
>>> llama = model_config("Llama 3.1 70B")
>>> llama.layers, llama.kv_heads, llama.head_dim, llama.is_moe
(80, 8, 128, False)
>>> llama.kv_bytes_per_token(2.0)   # 2 (K and V) x 80 x 8 x 128 x 2 B
327680.0
>>> model_config("DeepSeek-V3").kv_bytes_per_token(2.0)   # MLA: 61 x 576 x 2 B
70272.0
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from importlib import resources

from .validation import check_integer, check_scalar

__all__ = ["ModelConfig", "MODELS", "model_config", "ATTENTION_TYPES", "WINDOW_KINDS"]

WINDOW_KINDS = ("none", "sliding", "chunked")
"""Local attention: none, a sliding window, or fixed chunks (Llama 4)."""

ATTENTION_TYPES = ("mha", "gqa", "mla")
"""Multi-head, grouped-query and multi-head latent attention."""


@dataclass(frozen=True)
class ModelConfig:
    """One model's published architecture.

    Attributes
    ----------
    name, family : str
        Model name (as the measurements name it) and family.
    total_params, active_params : float
        All parameters, and those active per token [-].
    layers, attention_layers : int
        All layers, and those with attention and a key-value cache (fewer in hybrid
        Mamba-Transformer models).
    hidden_size, attention_heads, kv_heads, head_dim : int
        Transformer shape (head dimension in values).
    experts, experts_per_token, shared_experts : int
        Routed experts per layer (1 for a dense model), experts each token uses,
        experts every token uses.
    attention : str
        ``"mha"``, ``"gqa"`` or ``"mla"``.
    kv_latent_dim : int
        For ``"mla"``: values cached per token and layer (0 otherwise).
    sliding_window : int
        Window of the sliding-window layers [tokens] (0: none).
    sliding_layers : int
        Number of layers with that window.
    window_kind : str
        ``"none"``, ``"sliding"`` (token ``i`` attends the last ``w`` positions) or
        ``"chunked"`` (Llama 4: token ``i`` attends its own ``w``-token chunk only).
    qk_rope_dim : int
        MLA: rotary key width added to ``head_dim`` in the query-key product
        (DeepSeek-V3: 64, so 128 + 64 = 192); 0 otherwise.
    mamba_layers, mamba_heads, mamba_head_dim, mamba_state : int
        Hybrid Mamba-2 models: layers with a recurrent state, and the state's shape
        (heads x head dimension x state size values per layer and sequence); 0 otherwise.
    source, page, note : str
        BibTeX key, page or table, remarks.
    """

    name: str
    family: str
    total_params: float
    active_params: float
    layers: int
    attention_layers: int
    hidden_size: int
    attention_heads: int
    kv_heads: int
    head_dim: int
    experts: int
    experts_per_token: int
    shared_experts: int
    attention: str
    kv_latent_dim: int
    sliding_window: int
    sliding_layers: int
    window_kind: str
    qk_rope_dim: int
    mamba_layers: int
    mamba_heads: int
    mamba_head_dim: int
    mamba_state: int
    source: str
    page: str
    note: str

    def __post_init__(self) -> None:
        for text in ("name", "family", "source", "page"):
            value = getattr(self, text)
            if not isinstance(value, str) or not value.strip():
                raise TypeError(f"{text} must be a non-empty string; got {value!r}")
        active = check_scalar("active_params", self.active_params, low=0.0, low_open=True)
        total = check_scalar("total_params", self.total_params, low=active)
        object.__setattr__(self, "active_params", active)
        object.__setattr__(self, "total_params", total)
        for field in ("layers", "hidden_size", "attention_heads", "kv_heads", "head_dim",
                      "experts", "experts_per_token"):
            check_integer(field, getattr(self, field), low=1)
        check_integer("experts_per_token", self.experts_per_token, low=1, high=self.experts)
        check_integer("kv_heads", self.kv_heads, low=1, high=self.attention_heads)
        check_integer("shared_experts", self.shared_experts, low=0)
        check_integer("sliding_window", self.sliding_window, low=0)
        check_integer("attention_layers", self.attention_layers, low=1, high=self.layers)
        check_integer("sliding_layers", self.sliding_layers, low=0, high=self.attention_layers)
        for field in ("qk_rope_dim", "mamba_layers", "mamba_heads", "mamba_head_dim",
                      "mamba_state"):
            check_integer(field, getattr(self, field), low=0)
        if self.window_kind not in WINDOW_KINDS:
            raise ValueError(f"window_kind must be one of {WINDOW_KINDS}; "
                             f"got {self.window_kind!r}")
        if self.attention not in ATTENTION_TYPES:
            raise ValueError(f"attention must be one of {ATTENTION_TYPES}; "
                             f"got {self.attention!r}")
        check_integer("kv_latent_dim", self.kv_latent_dim,
                      low=1 if self.attention == "mla" else 0)
        if (self.experts == 1) != (self.total_params == self.active_params):
            raise ValueError(f"{self.name}: a dense model (experts = 1) has total_params == "
                             f"active_params, a mixture of experts does not; got experts="
                             f"{self.experts}, {self.total_params:g} and {self.active_params:g}")

    @property
    def is_moe(self) -> bool:
        """True for a mixture of experts."""
        return self.experts > 1

    @property
    def attention_width(self) -> int:
        """Query heads x head dimension: the width of the attention products [-]."""
        return self.attention_heads * self.head_dim

    @property
    def attention_flop_width(self) -> float:
        """Mean width of the two attention products, ``heads (d_qk + d_v) / 2`` [-].

        Equal to :attr:`attention_width` except for MLA, whose query-key product is
        ``head_dim + qk_rope_dim`` wide (192 for DeepSeek-V3) and value product
        ``head_dim`` (128).

        Examples
        --------
        >>> model_config("DeepSeek-V3").attention_flop_width   # 128 x (192 + 128) / 2
        20480.0
        """
        return self.attention_heads * (2 * self.head_dim + self.qk_rope_dim) / 2.0

    @property
    def mamba_state_values(self) -> int:
        """Recurrent-state values per sequence over all Mamba layers [-].

        Examples
        --------
        >>> model_config("Nemotron Nano 9B v2").mamba_state_values   # 27 x 128 x 80 x 128
        35389440
        """
        return self.mamba_layers * self.mamba_heads * self.mamba_head_dim * self.mamba_state

    def kv_values_per_token_per_layer(self) -> int:
        """Values cached per token and layer: ``2 kv_heads head_dim``, or the MLA latent [-]."""
        if self.attention == "mla":
            return self.kv_latent_dim
        return 2 * self.kv_heads * self.head_dim

    def kv_bytes_per_token(self, kv_bytes: float = 2.0) -> float:
        """Key-value-cache bytes per token of context, over all layers [B].

        Parameters
        ----------
        kv_bytes : float
            Bytes per cached value (2 for BF16, 1 for FP8) [B].

        Examples
        --------
        >>> model_config("Llama 3.1 8B").kv_bytes_per_token(1.0)   # FP8 cache
        65536.0
        """
        b = check_scalar("kv_bytes", kv_bytes, low=0.0, low_open=True)
        return float(self.attention_layers * self.kv_values_per_token_per_layer() * b)


def _parse(row: dict[str, str]) -> ModelConfig:
    ints = ("layers", "attention_layers", "hidden_size", "attention_heads", "kv_heads",
            "head_dim", "experts", "experts_per_token", "shared_experts", "kv_latent_dim",
            "sliding_window", "sliding_layers", "qk_rope_dim", "mamba_layers", "mamba_heads",
            "mamba_head_dim", "mamba_state")
    values: dict[str, object] = dict(row)
    for key in ("total_params", "active_params"):
        values[key] = float(row[key])
    for key in ints:
        number = float(row[key])
        if not math.isfinite(number) or number != int(number):
            raise ValueError(f"{row['name']}: {key} must be an integer; got {row[key]!r}")
        values[key] = int(number)
    return ModelConfig(**values)  # type: ignore[arg-type]


def _load() -> dict[str, ModelConfig]:
    text = resources.files("energylib").joinpath("data/models.csv").read_text("utf-8")
    rows = [_parse(r) for r in csv.DictReader(text.splitlines())]
    models = {m.name: m for m in rows}
    if len(models) != len(rows):
        raise ValueError("energylib/data/models.csv names a model twice")
    return models


MODELS: dict[str, ModelConfig] = _load()
"""The catalogue, by model name (``energylib/data/models.csv``)."""


def model_config(name: str) -> ModelConfig:
    """The catalogue's configuration of one model.

    Parameters
    ----------
    name : str
        A name of :data:`MODELS`, e.g. ``"Llama 3.1 70B"``.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If the catalogue has no such model (the message lists those it has).

    Examples
    --------
    >>> model_config("Qwen 3 235B-A22B").experts_per_token
    8
    """
    if not isinstance(name, str):
        raise TypeError(f"model must be a model name (a string); got {name!r}")
    if name not in MODELS:
        raise ValueError(f"model must be one of the catalogue's models {sorted(MODELS)}; "
                         f"got {name!r}")
    return MODELS[name]
