"""Things to try with the industry explorer: its chapter's and the instructor guide's."""

from __future__ import annotations

from energylib.dataset import by_id
from energylib.hardware import HARDWARE
from energylib.serving_fit import CHIPS, stored_calibration

from . import GUIDE_WHERE as _G
from . import Activity, Step

_BYTES_PER_J = {name: HARDWARE[name].memory_bandwidth / HARDWARE[name].power / 1e9
                for name in ("A100 SXM", "H100 SXM")}  # datasheet [GB/J]
_PHI = {name: stored_calibration().fit.time_factor(CHIPS.get(name), "current", False)
        for name in ("A100 SXM", "H100 SXM")}  # fitted decode time factors [-]

CHAPTER = (
    Activity(
        question=("At a batch of one, will the newer H100 serve a query with less energy than "
                  "the A100, or more? And at a batch of 1024?"),
        steps=(
            Step("Set the batch size to 1 and the hardware to A100 SXM: a query takes about "
                 "14 Wh.", {"batch": 1, "hardware": "A100 SXM"},
                 {"energy_per_query": (13.0, 14.5)}),
            Step("Switch the hardware to H100 SXM: the energy per query rises, to about 22 Wh.",
                 {"hardware": "H100 SXM"}, {"energy_per_query": (21.0, 23.0)}),
            Step("Set the batch size to 1024: the energy per query falls to about 0.3 Wh.",
                 {"batch": 1024}, {"energy_per_query": (0.28, 0.31)}),
            Step("Switch the hardware back to A100 SXM: now the older GPU needs about a fifth "
                 "more (0.36 against 0.29 Wh).", {"hardware": "A100 SXM"},
                 {"energy_per_query": (0.35, 0.37)}),
        ),
        answer=("More at batch 1 (about 22 against 14 Wh), less at batch 1024. "
                "At batch 1 a token costs one read of the weights. On the datasheets the H100 "
                f"moves {100 * (1 - _BYTES_PER_J['H100 SXM'] / _BYTES_PER_J['A100 SXM']):.0f} % "
                f"fewer bytes per joule than the A100 ({_BYTES_PER_J['H100 SXM']:.1f} against "
                f"{_BYTES_PER_J['A100 SXM']:.1f} GB per joule: more bandwidth, but "
                f"{HARDWARE['H100 SXM'].power:.0f} W against {HARDWARE['A100 SXM'].power:.0f} W). "
                "Most of the difference is the calibrated time factor: how many times longer "
                "than the datasheet time a decode step took in the measurements, "
                f"{_PHI['H100 SXM']:.2f} for the H100 against {_PHI['A100 SXM']:.2f} for the "
                f"A100 ({_PHI['H100 SXM'] / _PHI['A100 SXM']:.2f} times). It was fitted to "
                "measurements made with different generations of serving software, so the "
                "sign at batch 1 rests on a fitted factor that mixes the chip with its "
                "software. At batch 1024 the arithmetic and the cache set the time, and the "
                "H100 does far more FLOP per joule, so it uses less."),
    ),
    Activity(
        question=("Storing the weights in 4 bits instead of 16 makes the weight read four "
                  "times smaller. Does the energy per query fall fourfold at every batch "
                  "size?"),
        steps=(
            Step("Set the batch size to 1 and note the energy per query at 16 bits: about "
                 "22 Wh.", {"batch": 1}, {"energy_per_query": (21.0, 23.0)}),
            Step("Set the bits per weight to 4: the energy per query falls almost fourfold, "
                 "to about 5.6 Wh.", {"bits": 4}, {"energy_per_query": (5.3, 5.9)}),
            Step("Set the batch size to 1024 and the bits per weight back to 16: about 0.29 "
                 "Wh.", {"batch": 1024, "bits": 16}, {"energy_per_query": (0.28, 0.31)}),
            Step("Set the bits per weight to 4 again: nothing changes, because the batch is "
                 "far above the knee B*.", {"bits": 4},
                 {"energy_per_query": (0.28, 0.31), "critical_batch": (35.0, 38.0)}),
        ),
        answer=("Only below the knee. There the weight read sets the time and fewer bytes "
                "mean less time; above B* the arithmetic (at the efficiency fitted to the "
                "measurements) and the unshared cache reads set it, and the dashboard's "
                "arithmetic is 16-bit whatever the storage format."),
    ),
    Activity(
        question=("How many queries a day must the dashboard's default service (a chat "
                  "answer, about 0.52 Wh at the full stack) answer for a year of serving to "
                  "use as much energy as one GPT-4-class training run, about 56 GWh?"),
        steps=(
            Step("Set the queries per day to 3.2e+08: a year of traffic is about 60 GWh, "
                 "level with the vermilion training line of the lower panel.",
                 {"traffic": 10**8.5}, {"fleet_energy": (55.0, 65.0)}),
        ),
        answer=("About 300 million queries a day: 0.52 Wh x 3.2e8 a day x 365 days is about "
                "60 GWh. ChatGPT reported one billion a day in December 2024 and 2.5 billion "
                "in July 2025."),
    ),
    Activity(
        question=("At ChatGPT's 2.5 billion prompts a day (July 2025), how much power and "
                  "energy a year would the dashboard's chat answer need in Google's building "
                  "(PUE 1.10, the default) and in an average one (PUE 1.58)? How many "
                  "GPT-4-class training runs is that?"),
        steps=(
            Step("Set the queries per day to 2.5e+09 (ChatGPT, July 2025): about 55 MW on "
                 "average and about 480 GWh a year, about 8.6 training runs.",
                 {"traffic": 10**9.4}, {"power": (52.0, 57.0), "fleet_energy": (460.0, 500.0)}),
            Step("Set the PUE to 1.58 (the survey average, 2023): about 0.75 Wh a query, "
                 "78 MW and about 690 GWh a year, about 12 training runs.",
                 {"pue": by_id("pue-uptime-2023").value},
                 {"energy_per_query": (0.73, 0.77), "power": (76.0, 80.0),
                  "fleet_energy": (660.0, 720.0)}),
        ),
        answer=("In Google's building about 55 MW around the clock and 480 GWh a year, "
                "about 8.6 training runs; in an average building about 78 MW and 690 GWh, "
                "about 12 runs. The average building adds more than two fifths "
                "(1.58/1.10 = 1.44). Either is about a tenth of a per cent of what all data "
                "centres used in 2024."),
    ),
    Activity(
        question=("A reasoning answer is about ten times longer than a chat answer, and an "
                  "agent step reads a prompt a hundred times longer. Which costs more? And "
                  "how much of a chat answer's energy do the accelerators themselves use?"),
        steps=(
            Step("Choose the kind of query reasoning: about 6.2 Wh, twelve times the chat "
                 "answer.", {"task": "reasoning"}, {"energy_per_query": (6.1, 6.2)}),
            Step("Choose agent step: about 5.3 Wh, ten times the chat answer, though it writes "
                 "fewer tokens.", {"task": "agent step"}, {"energy_per_query": (5.25, 5.35)}),
            Step("Choose chat again and switch what is counted to accelerators: about 0.22 "
                 "Wh, two fifths of the full stack.", {"task": "chat", "scope": "gpu"},
                 {"energy_per_query": (0.2, 0.23)}),
        ),
        answer=("The reasoning answer, by about 16 % (6.2 against 5.3 Wh), though both cost "
                "ten to twelve times a chat answer, for different reasons. Every "
                "answer token re-reads a share of the weights and the whole cache so far, so "
                "a long answer costs a little more than in proportion; a long prompt is read "
                "at once (prefill, most of an agent step's energy) and lengthens the cache "
                "every answer token reads. ML.ENERGY measured about "
                f"{by_id('reasoning-energy-ratio').value:.0f} times a chat answer's energy "
                "for reasoning answers, because reasoning runs at smaller batches while the "
                "dashboard holds the batch fixed. The accelerators are about two fifths of the "
                "full stack: idle and under-used accelerators across the fleet, the host and "
                "idle machines and the building multiply them by about 2.4 (Google's "
                "breakdown). So the dashboard's accelerators are 1/2.4, about 42 %, of the "
                "full stack, while Google's were 58 %: the dashboard keeps its chips busy at "
                "batch 64, like a benchmark, while Google's were a fleet at its real, lower "
                "load."),
    ),
)
"""The chapter's "things to try", as it prints them."""


GUIDE = (
    Activity(
        question=(
            "Before moving anything, predict: is a newer GPU (H100) always more frugal per "
            "query than the one before it (A100), and which setting decides?"
        ),
        steps=(
            Step("Choose a chat query, 16 bits per weight, $10^{11}$ active parameters, a batch "
                 "of 64, the H100 SXM and the full stack, and set a PUE of 1.10, a grid of "
                 "436 gCO₂/kWh and $10^9$ queries a day.",
                 {"task": "chat", "bits": 16, "params": 1e11, "batch": 64.0,
                  "hardware": "H100 SXM", "scope": "full-stack",
                  "pue": by_id("pue-google-2023").value,
                  "grid": by_id("grid-intensity-world-2022").value, "traffic": 1e9},
                 {"energy_per_query": (0.50, 0.54), "power": (21.0, 22.5),
                  "fleet_energy": (185.0, 195.0), "co2": (80.0, 85.0),
                  "critical_batch": (145.0, 148.0)}),
            Step("Set the batch size to 1 and choose the A100 SXM.",
                 {"batch": 1.0, "hardware": "A100 SXM"}, {"energy_per_query": (13.0, 14.5)}),
            Step("Choose the H100 SXM again.", {"hardware": "H100 SXM"},
                 {"energy_per_query": (21.0, 23.0)}),
            Step("Set the batch size to 1,024 and choose the A100 SXM.",
                 {"batch": 1024.0, "hardware": "A100 SXM"}, {"energy_per_query": (0.35, 0.37)}),
            Step("Choose the H100 SXM once more.", {"hardware": "H100 SXM"},
                 {"energy_per_query": (0.28, 0.31)}),
            Step("At batch 1, drop the bits per weight from 16 to 4.",
                 {"batch": 1.0, "bits": 4}, {"energy_per_query": (5.3, 5.9)}),
            Step("Keep 4 bits and set the batch size back to 1,024.", {"batch": 1024.0},
                 {"energy_per_query": (0.28, 0.31)}),
            Step("Set 16 bits, a batch of 64 and a PUE of 2.0.",
                 {"bits": 16, "batch": 64.0, "pue": 2.0},
                 {"energy_per_query": (0.9, 1.0), "co2": (145.0, 157.0)}),
            Step("Switch what is counted to accelerators.", {"scope": "gpu"},
                 {"energy_per_query": (0.2, 0.23), "co2": (32.0, 36.0)}),
            Step("Set the grid to 0 gCO₂/kWh.", {"grid": 0.0},
                 {"energy_per_query": (0.2, 0.23), "co2": (0.0, 0.0)}),
        ),
        answer=(
            "No: at batch 1 decode is limited by memory traffic, and the H100 spends more per "
            "query. On the datasheets alone (bytes per joule) the H100 would spend only "
            f"about {100 * (_BYTES_PER_J['A100 SXM'] / _BYTES_PER_J['H100 SXM'] - 1):.1f} % "
            "more; the rest of the 1.6-fold rise is the calibrated time factor "
            f"({_PHI['H100 SXM']:.2f} against {_PHI['A100 SXM']:.2f}), fitted to "
            "measurements with different serving software, so the sign rests on a fitted "
            "factor. At a large batch the H100's compute wins. Fewer bits help only while "
            "memory binds. The PUE scales energy and CO₂ together at the full stack. The "
            "accelerators alone are about two fifths of the full stack at a PUE of 1.10, and "
            "under a quarter at 2.0. The grid scales CO₂ alone."
        ),
        where=_G,
    ),
)
