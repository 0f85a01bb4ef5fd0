"""The industry dashboard: every lever on a query's energy, and the fleet it adds up to.

Sliders set the bits per weight, the active parameters, the batch size, the
hardware generation, the PUE, the grid's carbon intensity and the traffic;
:func:`energylib.levers.lever_energy_per_query` gives the energy of a query,
:func:`energylib.levers.fleet_energy` a year of traffic and
:func:`energylib.levers.carbon_emissions` its CO2.  :func:`declaration` is
the explorer; :func:`reference` computes its outputs with those functions.

Examples
--------
>>> out = IndustryExplorer().update(bits=16, params=1e11, batch=64, hardware="H100 SXM",
...                                 pue=1.2)
>>> round(out["energy_per_query"] / WH, 2)
0.33
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sympy as sp

from ..dataset import by_id
from ..hardware import HARDWARE
from ..inference import EMPIRICAL_ENERGY_PER_QUERY
from ..levers import (
    G_PER_KWH,
    carbon_emissions,
    critical_batch_size,
    fleet_energy,
    lever_energy_per_query,
)
from ..reference_cases import default_training_energy
from ..style import INFERENCE_COLOR, TRAINING_COLOR
from ..units import DAY, GWH, TWH, WH, YEAR
from ..validation import check_scalar
from .render import Explorer
from .web import (
    Activity,
    Bar,
    Choice,
    Curve,
    HLine,
    Label,
    Marker,
    Output,
    Plot,
    Slider,
    Step,
    WebExplorer,
    rebuilt_as,
)

__all__ = ["declaration", "reference", "IndustryExplorer"]

_QUERY_AXIS_WH = (1e-3, 1e3)   # energy per query [Wh]
_FLEET_AXIS_GWH = (1e-6, 1e8)  # yearly fleet energy [GWh]
_WORLD_GRID = by_id("grid-intensity-world-2022").value  # world average, 2022 [gCO2/kWh]
_DATA_CENTRES_2024_GWH = by_id("dc-electricity-2024").value * TWH / GWH  # iea2025energyai
_PUBLISHED = (("gemini-apps-median-2025", "Gemini median 2025"),
              ("chatgpt-devries-2023", "ChatGPT est. 2023"))
_PREFILL_UTILIZATION = 0.5  # lever_energy_per_query's default
_POWER_FRACTION = 1.0       # lever_energy_per_query's default

ACTIVITIES = (
    Activity(
        question=("At a batch of one, will the newer H100 serve a query with less energy than "
                  "the A100, or more? And at a batch of 1024?"),
        steps=(
            Step("Set the batch size to 1 and the hardware to A100 SXM: a query takes about "
                 "11 Wh.", {"batch": 1, "hardware": "A100 SXM"},
                 {"energy_per_query": (10.0, 11.0)}),
            Step("Switch the hardware to H100 SXM: the energy per query rises a little.",
                 {"hardware": "H100 SXM"}, {"energy_per_query": (11.0, 12.0)}),
            Step("Set the batch size to 1024: the energy per query falls below 0.2 Wh.",
                 {"batch": 1024}, {"energy_per_query": (0.15, 0.2)}),
            Step("Switch the hardware back to A100 SXM: now the older GPU needs almost twice "
                 "as much.", {"hardware": "A100 SXM"}, {"energy_per_query": (0.3, 0.4)}),
        ),
        answer=("At batch 1 a token costs one read of the weights, and the H100 moves fewer "
                "bytes per joule than the A100 (more bandwidth, but 700 W against 400 W), so "
                "it uses more; at batch 1024 the arithmetic sets the time, and the H100 does "
                "far more FLOP per joule, so it uses less."),
    ),
    Activity(
        question=("Storing the weights in 4 bits instead of 16 makes the weight read four "
                  "times smaller. Does the energy per query fall fourfold at every batch "
                  "size?"),
        steps=(
            Step("Set the batch size to 1 and note the energy per query at 16 bits.",
                 {"batch": 1}, {"energy_per_query": (11.0, 12.0)}),
            Step("Set the bits per weight to 4: the energy per query falls almost fourfold, "
                 "to about 3 Wh.", {"bits": 4}, {"energy_per_query": (2.6, 3.2)}),
            Step("Set the batch size to 1024 and the bits per weight back to 16: about 0.19 "
                 "Wh.", {"batch": 1024, "bits": 16}, {"energy_per_query": (0.18, 0.2)}),
            Step("Set the bits per weight to 4 again: nothing changes, because the batch is "
                 "far above the critical batch B*.", {"bits": 4},
                 {"energy_per_query": (0.18, 0.2), "critical_batch": (70.0, 80.0)}),
        ),
        answer=("Only below the critical batch size. There the weight read sets the time "
                "and fewer bytes mean less time; above B* the arithmetic sets it, and the "
                "dashboard's arithmetic is 16-bit whatever the storage format."),
    ),
    Activity(
        question=("How many queries a day must the dashboard's default service (about 0.33 "
                  "Wh a query) answer for a year of serving to use as much energy as one "
                  "GPT-4-class training run, about 56 GWh?"),
        steps=(
            Step("Set the queries per day to 5e+08: a year of traffic is about 59 GWh, level "
                 "with the vermilion training line of the lower panel.", {"traffic": 10**8.7},
                 {"fleet_energy": (55.0, 65.0)}),
        ),
        answer=("About half a billion queries a day: 0.325 Wh x 5e8 a day x 365 days is "
                "about 59 GWh. ChatGPT reported one billion a day in December 2024 and 2.5 "
                "billion in July 2025."),
    ),
    Activity(
        question=("Where do the published values put a real service: Google's PUE of 1.10 "
                  "and ChatGPT's 2.5 billion prompts a day in July 2025?"),
        steps=(
            Step("Set the PUE to 1.10 (Google's fleet, 2023): about 0.30 Wh a query.",
                 {"pue": by_id("pue-google-2023").value}, {"energy_per_query": (0.29, 0.31)}),
            Step("Set the queries per day to 2.5e+09 (ChatGPT, July 2025): about 31 MW on "
                 "average and about 270 GWh a year, some five training runs.",
                 {"traffic": 10**9.4}, {"power": (30.0, 32.5), "fleet_energy": (260.0, 285.0)}),
        ),
        answer=("A year of such traffic is several GPT-4-class training runs, and about "
                "0.07 % of what all data centres used in 2024; remember that the dashboard "
                "is a roofline that reads about 1.8 times lower than the calibrated "
                "estimator."),
    ),
)
"""The chapter's "things to try" (each list starts from the dashboard's defaults)."""


def _rgba(color: str, alpha: float) -> str:
    """A ``#rrggbb`` colour with an opacity, as CSS ``rgba(...)``."""
    r, g, b = (int(color[k:k + 2], 16) for k in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


@rebuilt_as("IndustryExplorer")
def declaration(input_tokens: float = 1000.0, output_tokens: float = 500.0,
                host_overhead: float = 0.6) -> WebExplorer:
    """The explorer: controls, and its model in SymPy (SI units).

    ``input_tokens`` and ``output_tokens`` (>= 0) are the prompt and answer
    lengths [tokens], ``host_overhead`` (>= 0) the host, networking and idle
    energy per unit of accelerator energy [-].  The formulas are those of
    :func:`energylib.levers.lever_energy_per_query`
    (:func:`energylib.inference.energy_per_query` with the memory-bound
    decode): ``t_prefill = 2 N n_in / (0.5 peak)``, per generated token
    ``max(N b / BW, 2 N B / peak) / B`` with ``b = bits / 8``, energy
    ``(t_prefill + n_out t_token) P (1 + host) PUE``;
    ``B* = peak b / (2 BW)`` (:func:`energylib.levers.critical_batch_size`);
    a year of traffic ``E q YEAR`` and its CO2 ``E q YEAR c``.
    """
    tokens_in = check_scalar("input_tokens", input_tokens, low=0.0)
    tokens_out = check_scalar("output_tokens", output_tokens, low=0.0)
    host_factor = check_scalar("host_overhead", host_overhead, low=0.0)
    bits, n, batch, pue, grid, traffic = sp.symbols(
        "bits params batch pue grid traffic", real=True)
    peak, bandwidth, power = sp.symbols("peak_flops hbm_bandwidth board_power",
                                        real=True)
    n_in, n_out, host = sp.symbols("input_tokens output_tokens host_overhead", real=True)
    t_prefill, e_query, b_star, b_floor, e_floor, e_year, x = sp.symbols(
        "t_prefill energy_query b_star b_floor energy_floor energy_year batch_axis",
        real=True)

    def energy(batch_size: sp.Expr) -> sp.Expr:
        t_token = sp.Max(n * (bits / 8) / bandwidth, 2 * n * batch_size / peak) / batch_size
        return ((t_prefill + n_out * t_token) * power * _POWER_FRACTION * (1 + host)
                * pue)

    hardware = {
        name: {"peak_flops": acc.peak_flops_per_s, "hbm_bandwidth": acc.memory_bandwidth,
               "board_power": acc.power}
        for name, acc in HARDWARE.items()
    }
    published = [(label, EMPIRICAL_ENERGY_PER_QUERY[key].energy / WH)
                 for key, label in _PUBLISHED]
    e_train = default_training_energy() / GWH
    return WebExplorer(
        id="industry",
        title="The industry's levers: energy per query and a year of traffic",
        params=(
            Slider("bits", "bits per weight", 2, 16, 1, 16, integer=True),
            Slider("params", "active parameters", 9.0, 12.0, 0.1, 1e11, log=True,
                   readout=".2g"),
            Slider("batch", "batch size", 0.0, 10.0, 1.0, 64.0, log=True, base=2.0,
                   readout=".0f"),
            Choice("hardware", "hardware", tuple(HARDWARE), "H100 SXM", hardware),
            Slider("pue", "PUE", 1.0, 2.0, 0.02, 1.2, readout=".2f"),
            Slider("grid", "grid [gCO₂/kWh]", 0.0, 900.0, 2.0, _WORLD_GRID, readout=".0f",
                   to_si=G_PER_KWH),
            Slider("traffic", "queries per day", 6.0, 11.0, 0.1, 1e9, log=True,
                   readout=".2g", to_si=1 / DAY),
        ),
        constants={"input_tokens": tokens_in,
                   "output_tokens": tokens_out,
                   "host_overhead": host_factor},
        definitions=(
            ("t_prefill", 2 * n * n_in / (peak * _PREFILL_UTILIZATION)),
            ("energy_query", energy(batch)),
            ("b_star", peak * (bits / 8) / (2 * bandwidth)),
            ("b_floor", sp.Max(b_star, 1)),
            ("energy_floor", energy(b_floor)),
            ("energy_year", e_query * traffic * YEAR),
        ),
        outputs=(
            Output("energy_per_query", "energy per query", e_query, unit="Wh", scale=WH),
            Output("power", "average power", e_query * traffic, unit="MW", scale=1e6),
            Output("fleet_energy", "a year", e_year, unit="GWh", scale=GWH),
            Output("co2", "CO₂ a year", e_year * grid, unit="kt CO₂", scale=1e6),
            Output("critical_batch", "critical batch B*", b_star, fmt="int"),
        ),
        plots=(
            Plot(
                x=x, x_label="batch size [sequences]", x_range=(1.0, 1024.0), x_log=True,
                y_label="energy per query [Wh]", y_range=_QUERY_AXIS_WH, y_log=True,
                points=161,
                curves=(
                    Curve("energy per query vs batch size", energy(x) / WH,
                          INFERENCE_COLOR),
                    Curve("compute floor (B ≥ B*)",
                          sp.Piecewise((e_floor / WH, x >= b_floor), (sp.nan, True)),
                          INFERENCE_COLOR, dash=True),
                    *(Curve("published figures" if k == 0 else label, value, "grey",
                            dash=True, width=1.0, legend=k == 0)
                      for k, (label, value) in enumerate(published)),
                ),
                markers=(Marker("your batch", batch, e_query / WH),),
                labels=tuple(Label(label, 1.1, value * 1.25) for label, value in published),
            ),
            Plot(
                x_label="a year of traffic", x_range=(-0.5, 0.5),
                y_label="energy per year [GWh]", y_range=_FLEET_AXIS_GWH, y_log=True,
                height=260,
                bars=(Bar("your fleet's inference", e_year / GWH, _rgba(INFERENCE_COLOR, 0.8)),),
                hlines=(HLine("all data centres, 2024", _DATA_CENTRES_2024_GWH),
                        HLine("GPT-4-class training", e_train, TRAINING_COLOR)),
                labels=(Label("all data centres, 2024", -0.47, _DATA_CENTRES_2024_GWH * 2.0),
                        Label("GPT-4-class training", -0.47, e_train * 2.0,
                              TRAINING_COLOR)),
            ),
        ),
        activities=ACTIVITIES,
        measured={"pue": ("pue-google-2023", "pue-uptime-2023"),
                  "grid": ("grid-intensity-world-2022",),
                  "traffic": ("chatgpt-prompts-2024", "chatgpt-prompts-2025")},
    )


def reference(values: Mapping[str, Any], input_tokens: float = 1000.0,
              output_tokens: float = 500.0, host_overhead: float = 0.6) -> dict[str, float]:
    """The outputs at control ``values``, from :mod:`energylib.levers` [SI units]."""
    acc = HARDWARE[str(values["hardware"])]
    bits = float(values["bits"])
    e_query = float(lever_energy_per_query(
        float(values["params"]), bits, float(values["batch"]), pue=float(values["pue"]),
        accelerator=acc, input_tokens=input_tokens, output_tokens=output_tokens,
        host_overhead=host_overhead))
    rate = float(values["traffic"]) / DAY
    energy_year = float(fleet_energy(e_query, rate))
    return {
        "energy_per_query": e_query,
        "power": e_query * rate,
        "fleet_energy": energy_year,
        "co2": float(carbon_emissions(energy_year, float(values["grid"]) * G_PER_KWH)),
        "critical_batch": float(critical_batch_size(acc.peak_flops_per_s,
                                                    acc.memory_bandwidth, bits)),
    }


class IndustryExplorer(Explorer):
    """The chapter's explorer in Jupyter: :func:`declaration`, rendered."""

    def __init__(self, input_tokens: float = 1000.0, output_tokens: float = 500.0,
                 host_overhead: float = 0.6) -> None:
        super().__init__(declaration(input_tokens, output_tokens, host_overhead))
