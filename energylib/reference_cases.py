"""The book's reference cases: the toy service and the GPT-4-class training run.

Several chapters, problem sets and explorers measure against the same two
numbers: the serving power of a toy service (a billion queries a day at
0.3 Wh each) and the energy of the temporal chapter's GPT-4-class training
run (high estimate).

Examples
--------
>>> from energylib.units import GWH
>>> round(default_inference_power() / 1e6, 2), round(default_training_energy() / GWH)
(12.5, 56)
"""

from __future__ import annotations

from .dataset import by_id
from .training import training_energy_from_compute

__all__ = ["default_inference_power", "default_training_energy"]


def default_inference_power() -> float:
    """The book's toy service: a billion queries a day at 0.3 Wh each [W].

    Examples
    --------
    >>> round(default_inference_power() / 1e6, 2)
    12.5
    """
    return by_id("chatgpt-prompts-2024").si * by_id("gpt4o-typical-query").si


def default_training_energy() -> float:
    """The book's GPT-4-class run, high estimate of the temporal chapter [J].

    2.1e25 FLOP on A100s (312 TFLOP/s), 30 % utilization, 6.5 kW / 8 per GPU, PUE 1.1.

    Examples
    --------
    >>> from energylib.units import GWH
    >>> round(default_training_energy() / GWH)
    56
    """
    return float(training_energy_from_compute(
        by_id("gpt4-train-compute").si, by_id("a100-flops").si, 0.30,
        by_id("dgx-a100-power").si / 8, by_id("pue-google-2023").value))
