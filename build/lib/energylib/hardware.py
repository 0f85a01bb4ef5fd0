"""Named accelerator specifications, each with its source.

Figures are the vendor's datasheet numbers for dense (not sparse) matrix math
in 16-bit formats.  Datasheet peaks are ceilings: real workloads reach a
fraction of them, which the models carry as a *utilization*.

Examples
--------
>>> from energylib.hardware import HARDWARE
>>> h100 = HARDWARE["H100 SXM"]
>>> h100.peak_flops_per_s / 1e12, h100.power, h100.memory_bandwidth / 1e12
(989.0, 700.0, 3.35)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Accelerator", "HARDWARE", "DGX_H100_POWER_PER_GPU"]


@dataclass(frozen=True)
class Accelerator:
    """One accelerator model.

    Attributes
    ----------
    name : str
        Marketing name.
    peak_flops_per_s : float
        Dense BF16/FP16 tensor peak [FLOP/s].
    memory_bandwidth : float
        High-bandwidth-memory bandwidth [B/s].
    power : float
        Thermal design power (board power limit) [W].
    source : str
        BibTeX key of the datasheet in the book's bibliography.
    """

    name: str
    peak_flops_per_s: float
    memory_bandwidth: float
    power: float
    source: str


HARDWARE: dict[str, Accelerator] = {
    "V100 SXM2": Accelerator("V100 SXM2", 125e12, 0.9e12, 300.0, "nvidia2017v100"),
    "A100 SXM": Accelerator("A100 SXM 80GB", 312e12, 2.039e12, 400.0, "nvidia2021a100"),
    "H100 SXM": Accelerator("H100 SXM", 989e12, 3.35e12, 700.0, "nvidia2023h100"),
}
"""Accelerators by name.  Sources: NVIDIA datasheets (see each ``source``)."""

DGX_H100_POWER_PER_GPU = 10_200.0 / 8
"""A DGX H100 server's maximum power, 10.2 kW, shared over its 8 GPUs [W].

This is the per-GPU figure Epoch AI uses for serving estimates: it includes
the host CPUs, memory, networking and fans, not only the GPU board.
"""
