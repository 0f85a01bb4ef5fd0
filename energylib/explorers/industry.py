"""The industry dashboard: every lever on a query's energy, and the fleet it adds up to.

Sliders set the bits per weight, the active parameters of a dense model, the
batch size, the prompt and answer lengths, the PUE, the grid's carbon
intensity and the traffic; switches choose the hardware, what is counted
(accelerators, server or full stack) and a kind of query (chat, reasoning or
an agent step, :data:`energylib.tasks.TASKS`, which moves the token sliders).
The energy of a query is the book's estimator,
:func:`energylib.estimator.estimate_query_energy` (calibrated on ML.ENERGY's
measurements), written as SymPy for a dense model
(:func:`energylib.symbolic.serving.dense_query_energy_parts_expr`) so that the
page runs it with no Python behind it; :func:`energylib.levers.fleet_energy`
gives a year of traffic and :func:`energylib.levers.carbon_emissions` its CO2.
:func:`declaration` is the explorer; the tests compare its outputs with those
functions (``tests/explorer_references.py``).

What the dashboard fixes, so that its SymPy is the estimator exactly: a dense
model shaped like Llama 3 (:meth:`energylib.serving.Architecture.generic`),
weights in the stated bits with 16-bit arithmetic (no FP8 peak), a 16-bit
key-value cache, no tensor parallelism (a generic model has no key-value heads to
replicate), the current software generation, and a steady-state batch (Google's
fleet-utilisation factor at the server and full-stack scopes).  The PUE slider
replaces Google's implied PUE in the full stack (``estimate_query_energy(pue=...)``);
it does not enter the accelerators or the server scope.

Examples
--------
>>> out = IndustryExplorer().update(bits=16, params=1e11, batch=64, hardware="H100 SXM",
...                                 input_tokens=1000, output_tokens=500, pue=1.1)
>>> round(out["energy_per_query"] / WH, 2)
0.55
"""

from __future__ import annotations

import sympy as sp

from ..catalogue import model_config
from ..dataset import by_id
from ..estimator import PREFILL_UTILIZATION
from ..hardware import HARDWARE
from ..inference import EMPIRICAL_ENERGY_PER_QUERY
from ..levers import G_PER_KWH
from ..reference_cases import default_training_energy
from ..serving import (
    GENERIC_SHAPE_EXPONENTS,
    GENERIC_SHAPE_MODEL,
    PRECISION_BYTES,
    SCOPES,
    Architecture,
    scope_factors,
)
from ..serving_fit import CHIPS, stored_calibration
from ..style import INFERENCE_COLOR, TRAINING_COLOR
from ..symbolic.serving import QUERY_SYMBOLS, dense_query_energy_parts_expr
from ..tasks import SCOPE_LABELS, TASK_ROWS, TASKS
from ..units import DAY, GWH, TWH, WH, YEAR
from .render import explorer_class
from .web import (
    Bar,
    Choice,
    Curve,
    HLine,
    Label,
    Marker,
    Output,
    Plot,
    Slider,
    WebExplorer,
    rebuilt_as,
)

__all__ = ["declaration", "IndustryExplorer"]

_QUERY_AXIS_WH = (1e-3, 1e3)   # energy per query [Wh]
_FLEET_AXIS_GWH = (1e-6, 1e8)  # yearly fleet energy [GWh]
_WORLD_GRID = by_id("grid-intensity-world-2022").value  # world average, 2022 [gCO2/kWh]
_GOOGLE_PUE = by_id("pue-google-2023").value  # Google's fleet, 2023 [-]
_DATA_CENTRES_2024_GWH = by_id("dc-electricity-2024").value * TWH / GWH  # iea2025energyai
_PUBLISHED = (("gemini-apps-median-2025", "gemini-median-prompt", "Gemini median 2025"),
              ("chatgpt-devries-2023", "chatgpt-devries-request", "ChatGPT est. 2023"))
"""Reference lines: key of EMPIRICAL_ENERGY_PER_QUERY, its dataset row (for the scope), label."""
_KV_FORMAT = "bf16"  # the estimator's default cache precision (2 bytes)


def _rgba(color: str, alpha: float) -> str:
    """A ``#rrggbb`` colour with an opacity, as CSS ``rgba(...)``."""
    r, g, b = (int(color[k:k + 2], 16) for k in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


@rebuilt_as("IndustryExplorer")
def declaration(task: str = "chat") -> WebExplorer:
    """The explorer: controls, and its model in SymPy (SI units).

    ``task`` (a key of :data:`energylib.tasks.TASKS`) is the kind of query the
    dashboard opens on; its token counts are the sliders' starting values.

    The energy per query is :func:`energylib.estimator.estimate_query_energy`
    for a dense model of ``N`` active parameters (:meth:`Architecture.generic
    <energylib.serving.Architecture.generic>`): the accelerator energy of
    :func:`energylib.symbolic.serving.dense_query_energy_parts_expr`, prefill
    ``P (2 N n_in + 4 d S(n_in)) / (F u_p)`` plus ``n_out - 1`` decode steps
    at ``phi p(B) P`` for ``max(N b / (B W), 2 N / (F u_c)) + cache / W``,
    with the calibrated ``phi`` (per accelerator), ``u_c`` and power curve
    ``p(B)`` of :func:`energylib.serving_fit.stored_calibration`; then times
    the scope's factor of :func:`energylib.serving.scope_factors` (the PUE
    slider's value in place of Google's PUE at the full stack).  The knee
    ``B* = u_c F b / (2 W)`` is where the arithmetic at the fitted efficiency
    overtakes the weight read; a year of traffic is ``E q YEAR``, its CO2
    ``E q YEAR c``.
    """
    if not isinstance(task, str) or task not in TASKS:
        raise ValueError(f"task must be one of {sorted(TASKS)}; got {task!r}")
    fit = stored_calibration().fit
    bits, n, batch, n_in, n_out, pue, grid, traffic = sp.symbols(
        "bits params batch input_tokens output_tokens pue grid traffic", real=True)
    peak, bandwidth, power, phi = sp.symbols(
        "peak_flops hbm_bandwidth board_power time_factor", real=True)
    it_factor, facility = sp.symbols("it_factor facility", real=True)
    u_p, u_c, p_1, p_s, b_half, kv_bytes = sp.symbols(
        "prefill_utilization decode_efficiency power_at_one power_saturated half_batch "
        "kv_bytes", real=True)
    shape_n, shape_cache, shape_width = sp.symbols("shape_params shape_cache shape_width",
                                                   real=True)
    cache, width, scope_mult, e_query, e_year, knee, x = sp.symbols(
        "cache_values attention_width scope_multiplier energy_query energy_year knee "
        "batch_axis", real=True)
    q = QUERY_SYMBOLS
    parts = dense_query_energy_parts_expr()
    model = {q["N_a"]: n, q["n_in"]: n_in, q["n_out"]: n_out, q["b"]: bits / 8,
             q["b_kv"]: kv_bytes, q["c"]: cache, q["d"]: width, q["F"]: peak,
             q["W"]: bandwidth, q["P"]: power, q["u_p"]: u_p, q["u_c"]: u_c, q["phi"]: phi,
             q["p_1"]: p_1, q["p_s"]: p_s, q["B_h"]: b_half}

    def energy(batch_size: sp.Expr, weights: bool = True) -> sp.Expr:
        """Energy of a query within the scope at ``batch_size`` [J]; without the weight
        read when ``weights`` is false (what batching cannot share)."""
        terms = dict(parts)
        if not weights:
            terms["decode_weights"] = terms["decode_weights"].subs(q["b"], 0)
        gpu = sum(terms.values(), sp.Integer(0))
        return gpu.xreplace({**model, q["B"]: batch_size}) * scope_mult

    shape = Architecture.generic(model_config(GENERIC_SHAPE_MODEL).active_params)
    cache_exponent, width_exponent = GENERIC_SHAPE_EXPONENTS
    p1, ps, half = fit.power_curve
    factors = scope_factors()
    server = factors.factor("server")
    hardware = {
        name: {"peak_flops": acc.peak_for("bf16"), "hbm_bandwidth": acc.memory_bandwidth,
               "board_power": acc.power,
               "time_factor": fit.time_factor(CHIPS.get(name), "current", False)}
        for name, acc in HARDWARE.items()
    }
    scopes = {"gpu": {"it_factor": 1.0, "facility": 0.0},
              "server": {"it_factor": server, "facility": 0.0},
              "full-stack": {"it_factor": server, "facility": 1.0}}
    presets = {name: {"input_tokens": t.input_tokens, "output_tokens": t.output_tokens}
               for name, t in TASKS.items()}
    published = [(f"{label} ({SCOPE_LABELS[by_id(row).scope]})",
                  EMPIRICAL_ENERGY_PER_QUERY[key].energy / WH)
                 for key, row, label in _PUBLISHED]
    e_train = default_training_energy() / GWH
    start = TASKS[task]
    return WebExplorer(
        id="industry",
        title="The industry's levers: energy per query and a year of traffic",
        params=(
            Choice("task", "kind of query", tuple(TASKS), task, {k: {} for k in TASKS},
                   presets=presets),
            # Up to about 126,000 tokens: Llama 3's context is 128k.
            Slider("input_tokens", "prompt [tokens]", 1.0, 5.1, 0.1, start.input_tokens,
                   log=True, readout=",.0f"),
            Slider("output_tokens", "answer [tokens]", 0.0, 4.5, 0.1, start.output_tokens,
                   log=True, readout=",.0f"),
            Slider("bits", "bits per weight", 2, 16, 1, 16, integer=True),
            Slider("params", "active parameters", 9.0, 12.0, 0.1, 1e11, log=True,
                   readout=".2g"),
            Slider("batch", "batch size", 0.0, 10.0, 1.0, 64.0, log=True, base=2.0,
                   readout=".0f"),
            Choice("hardware", "hardware", tuple(HARDWARE), "H100 SXM", hardware),
            Choice("scope", "what is counted", SCOPES, "full-stack", scopes,
                   option_labels=SCOPE_LABELS),
            Slider("pue", "PUE (full stack)", 1.0, 2.0, 0.02, _GOOGLE_PUE, readout=".2f"),
            Slider("grid", "grid [gCO₂/kWh]", 0.0, 900.0, 2.0, _WORLD_GRID, readout=".0f",
                   to_si=G_PER_KWH),
            Slider("traffic", "queries per day", 6.0, 11.0, 0.1, 1e9, log=True,
                   readout=".2g", to_si=1 / DAY),
        ),
        constants={"prefill_utilization": PREFILL_UTILIZATION,
                   "decode_efficiency": fit.decode_compute_efficiency,
                   "power_at_one": p1, "power_saturated": ps, "half_batch": half,
                   "kv_bytes": PRECISION_BYTES[_KV_FORMAT],
                   "shape_params": shape.active_params,
                   "shape_cache": shape.kv_values_per_token_per_layer,
                   "shape_width": shape.attention_width},
        definitions=(
            ("cache_values", shape_cache * (n / shape_n) ** sp.Float(cache_exponent)),
            ("attention_width", shape_width * (n / shape_n) ** sp.Float(width_exponent)),
            ("scope_multiplier", it_factor * pue ** facility),
            ("energy_query", energy(batch)),
            ("energy_year", e_query * traffic * YEAR),
            ("knee", u_c * peak * (bits / 8) / (2 * bandwidth)),
        ),
        outputs=(
            Output("energy_per_query", "energy per query", e_query, unit="Wh", scale=WH),
            Output("power", "average power", e_query * traffic, unit="MW", scale=1e6),
            Output("fleet_energy", "a year", e_year, unit="GWh", scale=GWH),
            Output("co2", "CO₂ a year", e_year * grid, unit="kt CO₂", scale=1e6),
            Output("critical_batch", "knee B*", knee, fmt="int"),
        ),
        plots=(
            Plot(
                x=x, x_label="batch size [sequences]", x_range=(1.0, 1024.0), x_log=True,
                y_label="energy per query [Wh]", y_range=_QUERY_AXIS_WH, y_log=True,
                points=161,
                curves=(
                    Curve("energy per query vs batch size", energy(x) / WH,
                          INFERENCE_COLOR),
                    Curve("without the weight read (not shared by a batch)",
                          energy(x, weights=False) / WH, INFERENCE_COLOR, dash=True),
                    *(Curve("published figures, each at its own scope" if k == 0 else label, value,
                            "grey", dash=True, width=1.0, legend=k == 0)
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
        measured={"pue": ("pue-google-2023", "pue-uptime-2023"),
                  "grid": ("grid-intensity-world-2022",),
                  "traffic": ("chatgpt-prompts-2024", "chatgpt-prompts-2025"),
                  "input_tokens": tuple(rows[0] for rows in TASK_ROWS.values()),
                  "output_tokens": tuple(rows[1] for rows in TASK_ROWS.values())},
    )


IndustryExplorer = explorer_class(declaration)
