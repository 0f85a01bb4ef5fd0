"""Inference energy: the energy of one query (one prompt and its answer).

A query has two phases with different physics:

* **prefill** reads the ``input_tokens`` of the prompt in parallel.  It is
  compute-bound: about ``2 N`` FLOP per token for a model with ``N`` active
  parameters :cite:`kaplan2020scaling`, at a fair fraction of the accelerator's peak.
* **decode** generates the ``output_tokens`` one at a time.  Each step must
  read every weight from memory, ``N * bytes_per_param`` bytes, and that read
  is shared by the ``batch_size`` sequences decoded together.  Decode is
  memory-bound: its compute utilization is low (about 10 % in Epoch AI's
  estimate :cite:`you2025chatgpt`), so the time per token is set by memory bandwidth.

Time becomes energy through the accelerator's average power, a host overhead
(CPUs, memory, networking, idle reserve) and the facility's PUE:

``E = (t_prefill + output_tokens * t_decode) * power * (1 + host_overhead) * pue``

The model leaves out the key-value cache reads of long contexts and the
attention FLOPs that grow with context length; both matter for very long
prompts, where this estimate is a lower bound.

References
----------
:cite:`kaplan2020scaling`
:cite:`you2025chatgpt`
:cite:`elsworth2025google`
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .dataset import by_id
from .hardware import HARDWARE, Accelerator
from .validation import FloatOrArray, check_number, check_scalar, scalar_or_array

__all__ = [
    "prefill_seconds",
    "decode_seconds_per_token",
    "energy_per_query",
    "EmpiricalFigure",
    "EMPIRICAL_ENERGY_PER_QUERY",
]


def _check_accelerator(accelerator: object) -> Accelerator:
    if not isinstance(accelerator, Accelerator):
        raise TypeError(
            f"accelerator must be an energylib.hardware.Accelerator such as "
            f"HARDWARE['H100 SXM']; got {accelerator!r}"
        )
    return accelerator


def prefill_seconds(
    active_params: FloatOrArray,
    input_tokens: FloatOrArray,
    accelerator: Accelerator = HARDWARE["H100 SXM"],
    prefill_utilization: FloatOrArray = 0.5,
) -> FloatOrArray:
    """Accelerator time to read a prompt, ``2 N n_in / (peak * u)`` [s].

    Parameters
    ----------
    active_params : float or ndarray
        Parameters active per token, ``N`` (> 0) [-].
    input_tokens : float or ndarray
        Prompt length (>= 0) [tokens].
    accelerator : Accelerator
        Hardware, e.g. ``HARDWARE["H100 SXM"]``.
    prefill_utilization : float or ndarray
        Fraction of peak FLOP/s achieved in prefill, in (0, 1] [-].

    Returns
    -------
    float or ndarray
        Accelerator-seconds [s].

    Examples
    --------
    >>> round(prefill_seconds(1e11, 1000, prefill_utilization=0.5), 3)
    0.404
    """
    acc = _check_accelerator(accelerator)
    n = check_number("active_params", active_params, low=0.0, low_open=True)
    n_in = check_number("input_tokens", input_tokens, low=0.0)
    u = check_number("prefill_utilization", prefill_utilization, low=0.0, high=1.0, low_open=True)
    return scalar_or_array(2.0 * n * n_in / (acc.peak_flops_per_s * u))


def decode_seconds_per_token(
    active_params: FloatOrArray,
    accelerator: Accelerator = HARDWARE["H100 SXM"],
    bytes_per_param: FloatOrArray = 2.0,
    batch_size: FloatOrArray = 1.0,
    decode_utilization: FloatOrArray | None = None,
) -> FloatOrArray:
    """Accelerator time to generate one token of one query [s].

    Without ``decode_utilization`` the memory-bound roofline is used: a decode
    step takes the longer of the weight read, ``N b / bandwidth``, and the
    compute of the whole batch, ``2 N B / peak``; each of the ``B`` queries
    in the batch is charged ``1/B`` of the step.  With ``decode_utilization``
    given, decode is treated like compute at that utilization,
    ``2 N / (peak * u)`` (Epoch AI's shortcut).

    Parameters
    ----------
    active_params : float or ndarray
        Parameters active per token, ``N`` (> 0) [-].
    accelerator : Accelerator
        Hardware.
    bytes_per_param : float or ndarray
        Bytes per weight read from memory (> 0; 2 for BF16, 1 for 8-bit,
        0.5 for 4-bit) [B].
    batch_size : float or ndarray
        Sequences decoded together, sharing each weight read (>= 1) [-].
    decode_utilization : float or ndarray, optional
        If given, compute utilization during decode, in (0, 1] [-].

    Returns
    -------
    float or ndarray
        Accelerator-seconds per generated token [s].

    Examples
    --------
    A 70e9-parameter model in BF16 on an H100, alone (batch 1): 140 GB read
    at 3.35 TB/s, about 42 ms per token; a batch of 64 shares the read.

    >>> round(decode_seconds_per_token(70e9) * 1e3, 1)
    41.8
    >>> round(decode_seconds_per_token(70e9, batch_size=64) * 1e3, 2)
    0.65
    """
    acc = _check_accelerator(accelerator)
    n = check_number("active_params", active_params, low=0.0, low_open=True)
    if decode_utilization is not None:
        u = check_number(
            "decode_utilization", decode_utilization, low=0.0, high=1.0, low_open=True
        )
        return scalar_or_array(2.0 * n / (acc.peak_flops_per_s * u))
    b = check_number("bytes_per_param", bytes_per_param, low=0.0, low_open=True)
    batch = check_number("batch_size", batch_size, low=1.0)
    memory_time = n * b / acc.memory_bandwidth
    compute_time = 2.0 * n * batch / acc.peak_flops_per_s
    return scalar_or_array(np.maximum(memory_time, compute_time) / batch)


def energy_per_query(
    active_params: FloatOrArray,
    input_tokens: FloatOrArray,
    output_tokens: FloatOrArray,
    *,
    accelerator: Accelerator = HARDWARE["H100 SXM"],
    accelerator_power: FloatOrArray | None = None,
    power_fraction: FloatOrArray = 1.0,
    prefill_utilization: FloatOrArray = 0.5,
    decode_utilization: FloatOrArray | None = None,
    bytes_per_param: FloatOrArray = 2.0,
    batch_size: FloatOrArray = 1.0,
    host_overhead: FloatOrArray = 0.0,
    pue: FloatOrArray = 1.0,
) -> FloatOrArray:
    """Energy of one query from the model's size and the tokens in and out [J].

    Parameters
    ----------
    active_params : float or ndarray
        Parameters active per token (> 0) [-].
    input_tokens, output_tokens : float or ndarray
        Tokens read and generated (>= 0) [tokens].
    accelerator : Accelerator
        Hardware (peak FLOP/s, memory bandwidth, power).
    accelerator_power : float or ndarray, optional
        Power charged per accelerator [W]; defaults to ``accelerator.power``.
    power_fraction : float or ndarray
        Average draw as a fraction of ``accelerator_power``, in (0, 1] [-].
    prefill_utilization : float or ndarray
        Compute utilization in prefill, in (0, 1] [-].
    decode_utilization : float or ndarray, optional
        Compute utilization in decode; if omitted, the memory-bound model of
        :func:`decode_seconds_per_token` is used.
    bytes_per_param : float or ndarray
        Bytes per weight (> 0) [B].
    batch_size : float or ndarray
        Concurrent sequences sharing each decode step (>= 1) [-].
    host_overhead : float or ndarray
        Host and idle energy as a fraction of accelerator energy (>= 0) [-].
    pue : float or ndarray
        Power usage effectiveness (>= 1) [-].

    Returns
    -------
    float or ndarray
        Energy per query [J].

    Examples
    --------
    Epoch AI's GPT-4o estimate: 100e9 active parameters, 500 output tokens,
    2 N FLOP per token on H100s at 10 % utilization, 1,275 W per GPU
    (DGX H100 share) at 70 % of that, PUE 1.2; about 0.3 Wh.

    >>> from energylib.hardware import DGX_H100_POWER_PER_GPU
    >>> e = energy_per_query(100e9, 0, 500, accelerator_power=DGX_H100_POWER_PER_GPU,
    ...                      power_fraction=0.7, decode_utilization=0.10, pue=1.2)
    >>> round(e / 3600, 2)  # [Wh]
    0.3
    """
    acc = _check_accelerator(accelerator)
    power = acc.power if accelerator_power is None else accelerator_power
    p = check_number("accelerator_power", power, low=0.0)
    f = check_number("power_fraction", power_fraction, low=0.0, high=1.0, low_open=True)
    h = check_number("host_overhead", host_overhead, low=0.0)
    k = check_number("pue", pue, low=1.0)
    n_out = check_number("output_tokens", output_tokens, low=0.0)
    t_prefill = prefill_seconds(active_params, input_tokens, acc, prefill_utilization)
    t_token = decode_seconds_per_token(
        active_params, acc, bytes_per_param, batch_size, decode_utilization
    )
    seconds = t_prefill + n_out * t_token
    return scalar_or_array(seconds * p * f * (1.0 + h) * k)


@dataclass(frozen=True)
class EmpiricalFigure:
    """A published energy-per-query figure.

    Attributes
    ----------
    energy : float
        Energy per query [J].
    source : str
        BibTeX key in the book's bibliography.
    note : str
        What the figure covers and how it was obtained.
    """

    energy: float
    source: str
    note: str

    def __post_init__(self) -> None:
        energy = check_scalar("EmpiricalFigure.energy", self.energy, low=0.0, low_open=True)
        object.__setattr__(self, "energy", energy)
        for name in ("source", "note"):
            text = getattr(self, name)
            if not isinstance(text, str) or not text.strip():
                raise TypeError(f"EmpiricalFigure.{name} must be a non-empty string; "
                                f"got {text!r}")


EMPIRICAL_ENERGY_PER_QUERY: dict[str, EmpiricalFigure] = {
    "gemini-apps-median-2025": EmpiricalFigure(
        by_id("gemini-median-prompt").si,
        "elsworth2025google",
        "Median Gemini Apps text prompt, May 2025; full serving stack incl. host, idle "
        "reserve and PUE (measured by Google).",
    ),
    "chatgpt-average-2025": EmpiricalFigure(
        by_id("chatgpt-average-query").si,
        "altman2025gentle",
        "Average ChatGPT query, stated by OpenAI's CEO (June 2025); method not published.",
    ),
    "gpt-4o-epoch-2025": EmpiricalFigure(
        by_id("gpt4o-typical-query").si,
        "you2025chatgpt",
        "Typical GPT-4o query, Epoch AI bottom-up estimate (100B active params, "
        "500 output tokens).",
    ),
    "chatgpt-devries-2023": EmpiricalFigure(
        by_id("chatgpt-devries-request").si,
        "devries2023growing",
        "ChatGPT request, 2023 top-down estimate from server counts.",
    ),
}
"""Published energies per text query, by name, each with its source."""
