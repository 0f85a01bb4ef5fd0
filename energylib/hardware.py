"""Named accelerator specifications, each with its source.

Figures are the vendor's datasheet numbers for dense (not sparse) matrix math
in 16-bit formats.  Datasheet peaks are ceilings: real workloads reach a
fraction of them, which the models carry as a *utilization*.

An :class:`Accelerator` checks its fields when it is built: a name and a
source that are non-empty strings, and a peak, a bandwidth and a power that
are positive, finite real numbers.  A bad field raises an error naming it.

Examples
--------
>>> from energylib.hardware import HARDWARE
>>> h100 = HARDWARE["H100 SXM"]
>>> h100.peak_flops_per_s / 1e12, h100.power, h100.memory_bandwidth / 1e12
(989.0, 700.0, 3.35)
>>> Accelerator("X", 1e15, 3e12, -1.0, "key")
Traceback (most recent call last):
...
ValueError: power must be in (0, inf); got -1
"""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import by_id
from .validation import check_scalar

__all__ = ["Accelerator", "HARDWARE", "ACCELERATOR_ALIASES", "DGX_H100_POWER_PER_GPU"]


def _check_text(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f"{name} must be a non-empty string; got {value!r}")
    return value


@dataclass(frozen=True)
class Accelerator:
    """One accelerator model.

    Attributes
    ----------
    name : str
        Marketing name.
    peak_flops_per_s : float
        Dense BF16/FP16 tensor peak (> 0) [FLOP/s].
    memory_bandwidth : float
        High-bandwidth-memory bandwidth (> 0) [B/s].
    power : float
        Thermal design power (board power limit, > 0) [W].
    source : str
        BibTeX key of the datasheet in the book's bibliography.
    fp8_peak_flops_per_s : float or None
        Dense FP8 tensor peak [FLOP/s]; ``None`` where the chip has no FP8 tensor
        cores (V100, A100, A40).  Datasheets print FP8 "with sparsity"; the dense
        figure is half of it.

    Raises
    ------
    TypeError
        If a field has the wrong type (a string where a number belongs, a
        boolean, ``None``, an empty name or source).
    ValueError
        If a number is NaN, infinite or not positive; the message names the field.
    """

    name: str
    peak_flops_per_s: float
    memory_bandwidth: float
    power: float
    source: str
    fp8_peak_flops_per_s: float | None = None

    def __post_init__(self) -> None:
        _check_text("name", self.name)
        _check_text("source", self.source)
        for field in ("peak_flops_per_s", "memory_bandwidth", "power"):
            value = check_scalar(field, getattr(self, field), low=0.0, low_open=True)
            object.__setattr__(self, field, value)
        if self.fp8_peak_flops_per_s is not None:
            object.__setattr__(self, "fp8_peak_flops_per_s", check_scalar(
                "fp8_peak_flops_per_s", self.fp8_peak_flops_per_s, low=0.0, low_open=True))

    def peak_for(self, compute_precision: str = "bf16") -> float:
        """Dense tensor peak for a compute format: FP8 where the chip has it, else BF16 [FLOP/s].

        Parameters
        ----------
        compute_precision : str
            ``"fp8"`` (W8A8 matrix products) or anything else (16-bit products).

        Examples
        --------
        >>> HARDWARE["H100 SXM"].peak_for("fp8") / 1e12, HARDWARE["A100 SXM"].peak_for("fp8") / 1e12
        (1979.0, 312.0)
        """
        if compute_precision == "fp8" and self.fp8_peak_flops_per_s is not None:
            return self.fp8_peak_flops_per_s
        return self.peak_flops_per_s


HARDWARE: dict[str, Accelerator] = {
    "V100 SXM2": Accelerator("V100 SXM2", by_id("v100-flops").si, 0.9e12, by_id("v100-power").si,
                             "nvidia2017v100"),
    "A100 SXM": Accelerator("A100 SXM 80GB", by_id("a100-flops").si, by_id("a100-bandwidth").si,
                            by_id("a100-power").si, "nvidia2021a100"),
    "A100 SXM 40GB": Accelerator("A100 SXM 40GB", by_id("a100-flops").si, 1.555e12,
                                 by_id("a100-power").si, "nvidia2021a100"),
    "A40": Accelerator("A40", 149.7e12, 0.696e12, 300.0, "nvidia2020a40"),
    "H100 SXM": Accelerator("H100 SXM", by_id("h100-flops").si, by_id("h100-bandwidth").si,
                            by_id("h100-power").si, "nvidia2023h100", 1979e12),
    "L40S": Accelerator("L40S", 362.05e12, 0.864e12, 350.0, "nvidia2023l40s", 733e12),
    "H200 SXM": Accelerator("H200 SXM", 989e12, 4.8e12, 700.0, "nvidia2024h200", 1979e12),
    "MI300X": Accelerator("MI300X", 1307.4e12, 5.3e12, 750.0, "amd2023mi300x", 2614.9e12),
    "B200": Accelerator("B200 (HGX B200)", 2.25e15, 8.0e12, 1000.0, "nvidia2024dgxb200",
                        4.5e15),
}
"""Accelerators by name.  Sources: the vendors' datasheets (see each ``source``).

Names that differ only in memory capacity map onto one entry through
:data:`ACCELERATOR_ALIASES`.

The B200's figures are the DGX B200's 72 PFLOP/s (FP8, with sparsity), 64 TB/s
and 1,440 GB per eight GPUs, divided by 8 and halved twice for dense BF16 (once for
dense FP8, 4.5 PFLOP/s); its power is the HGX B200 board limit.

FP8 peaks (dense): H100 and H200 SXM 3,958 TFLOP/s with sparsity, halved; L40S 1,466
with sparsity, halved (733); MI300X 2,614.9 TFLOP/s dense FP8 as AMD prints it; each
from the same datasheet as the entry's other figures.
"""

ACCELERATOR_ALIASES: dict[str, str] = {"V100 32GB": "V100 SXM2"}
"""Other names of :data:`HARDWARE` entries: the 32 GB V100 SXM2 has the 16 GB one's
peak, bandwidth and power (:cite:`nvidia2017v100`)."""

DGX_H100_POWER_PER_GPU = by_id("dgx-h100-power").si / 8
"""A DGX H100 server's maximum power, 10.2 kW, shared over its 8 GPUs [W].

This is the per-GPU figure Epoch AI uses for serving estimates: it includes
the host CPUs, memory, networking and fans, not only the GPU board.
"""
