"""Serving model v2: closed forms against numerics and SymPy, MoE limits, cache growth,
scope factors, the model catalogue, accelerator and calibration-case validation."""

from __future__ import annotations

import csv
import dataclasses
import math
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

import energylib as el
from energylib import serving
from energylib.calibration import FIT_CASES, CalibrationCase
from energylib.catalogue import MODELS, ModelConfig, model_config
from energylib.hardware import ACCELERATOR_ALIASES, HARDWARE, Accelerator
from energylib.measurements import by_id as measurement
from energylib.serving import (
    Architecture,
    attended_positions,
    decode_cache_bytes,
    decode_power_fraction,
    expert_read_fraction,
    gpu_energy_parts,
    prefill_flops,
    scope_factor,
    weights_read_per_step,
)
from energylib.symbolic import serving as sym

ROOT = Path(__file__).resolve().parents[1]
BIB_KEYS = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text("utf-8"),
                          flags=re.MULTILINE))
H100 = HARDWARE["H100 SXM"]


def _measurement_rows() -> list[dict[str, str]]:
    text = (ROOT / "energylib/data/measurements.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


BAD_INPUT_CASES: dict = {
    expert_read_fraction: (
        dict(experts=8, experts_per_token=2, batch_size=4),
        {"experts": [0, -1, math.inf], "experts_per_token": [0, 9], "batch_size": [0.5, -1]},
    ),
    weights_read_per_step: (
        dict(active_params=13e9, total_params=47e9, experts=8, experts_per_token=2,
             batch_size=4),
        {"active_params": [0, -1], "total_params": [0, 1e9, math.inf], "experts": [0],
         "batch_size": [0]},
    ),
    attended_positions: (dict(tokens=10, window=4), {"tokens": [-1, math.inf], "window": [-1]}),
    decode_cache_bytes: (
        dict(input_tokens=100, output_tokens=50, kv_bytes_per_token_per_layer=4096, layers=32,
             sliding_layers=16, sliding_window=64),
        {"input_tokens": [-1], "output_tokens": [-1, math.inf],
         "kv_bytes_per_token_per_layer": [0, -1], "layers": [0.5], "sliding_layers": [-1, 33],
         "sliding_window": [-1]},
    ),
    prefill_flops: (
        dict(active_params=8e9, input_tokens=100, attention_width=4096, layers=32),
        {"active_params": [0], "input_tokens": [-1], "attention_width": [0, -1],
         "layers": [0]},
    ),
    decode_power_fraction: (
        dict(batch_size=8, half_batch=16, saturated=0.9),
        {"batch_size": [0.5, -1], "half_batch": [0, -1], "saturated": [0, 1.5]},
    ),
}


@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
def test_valid_call_is_finite(func):
    assert np.all(np.isfinite(func(**BAD_INPUT_CASES[func][0])))


# --- mixture of experts -------------------------------------------------------------------

def test_expert_fraction_matches_sympy():
    expr = sym.expert_read_fraction_expr()
    f = sp.lambdify((sym.E, sym.k, sym.B), expr)
    for e, k, b in [(8, 2, 1), (8, 2, 7), (128, 8, 64), (256, 8, 3.5)]:
        assert_allclose(expert_read_fraction(e, k, b), f(e, k, b), rtol=1e-12)


@pytest.mark.parametrize(("n_a", "n_in", "n_out", "batch", "accelerator"), [
    (8e9, 500, 500, 64, "H100 SXM"), (1e11, 1000, 500, 1, "A100 SXM"),
    (1e12, 20000, 1, 1024, "B200"), (1e9, 10, 4000, 300, "V100 SXM2"),
])
def test_dense_query_energy_matches_sympy(n_a, n_in, n_out, batch, accelerator):
    """The dashboard's SymPy model is the serving model of a generic dense model."""
    arch, acc = Architecture.generic(n_a), HARDWARE[accelerator]
    curve = (0.5, 0.8, 30.0)
    parts = gpu_energy_parts(arch, n_in, n_out, acc, batch, 0.5, 1.0, 0.5, 0.6, 1.7,
                             power_curve=curve)
    q = sym.QUERY_SYMBOLS
    values = {q["N_a"]: n_a, q["n_in"]: n_in, q["n_out"]: n_out, q["B"]: batch, q["b"]: 0.5,
              q["b_kv"]: 1.0, q["c"]: arch.kv_values_per_token_per_layer,
              q["d"]: arch.attention_width, q["F"]: acc.peak_flops_per_s,
              q["W"]: acc.memory_bandwidth, q["P"]: acc.power, q["u_p"]: 0.5, q["u_c"]: 0.6,
              q["phi"]: 1.7, q["p_1"]: curve[0], q["p_s"]: curve[1], q["B_h"]: curve[2]}
    for name, expr in sym.dense_query_energy_parts_expr().items():
        assert_allclose(float(expr.subs(values)), getattr(parts, name), rtol=1e-12)


def test_expert_fraction_limits_against_closed_form_and_large_batch():
    assert sym.expert_read_fraction_limit("B=1") == sym.k / sym.E
    assert sym.expert_read_fraction_limit("B->oo") == 1
    assert sym.weights_read_limit("B=1") == sym.N_a
    assert sym.weights_read_limit("B->oo") == sym.N_t
    for name in ("Mixtral 8x7B", "Qwen 3 235B-A22B", "DeepSeek-V3", "gpt-oss 120B"):
        m = model_config(name)
        args = (m.active_params, m.total_params, m.experts, m.experts_per_token)
        assert_allclose(weights_read_per_step(*args, 1), m.active_params, rtol=1e-12)
        assert_allclose(weights_read_per_step(*args, 1e5), m.total_params, rtol=1e-9)
        many = np.array([1, 2, 8, 64, 512])
        reads = weights_read_per_step(*args, many)
        assert np.all(np.diff(reads) > 0)
        assert np.all((reads >= m.active_params * (1 - 1e-12))
                      & (reads <= m.total_params * (1 + 1e-12)))


def test_weights_read_matches_sympy_expression():
    expr = sp.lambdify((sym.N_a, sym.N_t, sym.E, sym.k, sym.B), sym.weights_read_expr())
    assert_allclose(weights_read_per_step(37e9, 671e9, 256, 8, 17), expr(37e9, 671e9, 256, 8, 17),
                    rtol=1e-12)


def test_monte_carlo_routing_agrees_with_uniform_formula():
    rng = np.random.default_rng(1)
    e, k, b = 16, 2, 6
    reads = [len({x for _ in range(b) for x in rng.choice(e, k, replace=False)}) / e
             for _ in range(4000)]
    assert abs(np.mean(reads) - expert_read_fraction(e, k, b)) < 0.01


def test_dense_model_reads_its_parameters_at_any_batch():
    assert weights_read_per_step(70e9, 70e9, 1, 1, 256) == 70e9


# --- key-value cache and prefill ----------------------------------------------------------

@pytest.mark.parametrize(("n", "w"), [(0, 0), (1, 0), (37, 0), (37, 5), (37, 37), (5, 37)])
def test_attended_positions_against_a_direct_sum(n, w):
    direct = sum(min(i, w) if w else i for i in range(1, n + 1))
    assert attended_positions(n, w) == direct


def test_attended_positions_closed_forms_match_sympy():
    full = sym.attended_positions_closed_form()
    windowed = sym.attended_positions_closed_form(window=True)
    assert sp.simplify(full - sym.attended_positions_expr().doit()) == 0
    assert float(windowed.subs({sym.n: 40, sym.w: 8})) == attended_positions(40, 8)
    reads = sym.decode_cache_reads_closed_form().subs({sym.n_in: 300, sym.n_out: 70})
    assert float(reads) == decode_cache_bytes(300, 70, 1.0, 1)


def test_cache_reads_grow_with_batch_times_context():
    """Per step, a batch reads B x context x bytes of cache: linear in each."""
    m = model_config("Llama 3.1 70B")
    per_token = m.kv_bytes_per_token(2.0)
    step = [b * (decode_cache_bytes(c, 1, per_token / m.layers, m.layers)) for b, c in
            [(1, 1000), (2, 1000), (2, 2000)]]
    assert_allclose(step[1] / step[0], 2.0, rtol=1e-12)
    assert_allclose(step[2] / step[1], 2000.5 / 1000.5 * 1.0, rtol=1e-3)
    # over a whole answer: n_out n_in + n_out (n_out + 1) / 2 positions per layer
    assert_allclose(decode_cache_bytes(500, 300, 1.0, 1), 300 * 500 + 300 * 301 / 2)


def test_cache_share_grows_with_batch_and_context():
    arch = Architecture.from_config(model_config("Llama 3.1 70B"))
    shares = [gpu_energy_parts(arch, n_in, 500, H100, b) for b, n_in in
              [(8, 500), (256, 500), (256, 8000)]]
    ratio = [p.decode_kv / p.decode_weights for p in shares]
    assert ratio[0] < ratio[1] < ratio[2]


def test_mla_and_windows_shrink_the_cache():
    deepseek = model_config("DeepSeek-V3")
    assert deepseek.kv_bytes_per_token(1.0) == 61 * (512 + 64)
    full = Architecture.from_config(deepseek)
    as_gqa = Architecture(full.active_params, full.total_params, full.experts,
                          full.experts_per_token, 61, 2 * 128 * 128, full.attention_width)
    assert gpu_energy_parts(full, 4000, 500, H100).decode_kv < \
        gpu_energy_parts(as_gqa, 4000, 500, H100).decode_kv / 50
    oss = model_config("gpt-oss 120B")
    windowed = decode_cache_bytes(8000, 100, 1.0, oss.attention_layers, oss.sliding_layers,
                                  oss.sliding_window)
    unwindowed = decode_cache_bytes(8000, 100, 1.0, oss.attention_layers)
    assert_allclose(windowed / unwindowed, 0.5 + 0.5 * 128 / 8050, rtol=1e-3)


def test_prefill_attention_term_grows_with_the_square_of_the_prompt():
    width, layers = 8192, 80
    attention = [prefill_flops(70e9, n, width, layers) - 2 * 70e9 * n for n in (1000, 2000)]
    assert_allclose(attention[1] / attention[0], 2000 * 2001 / (1000 * 1001), rtol=1e-12)
    assert_allclose(attention[0], 4 * width * layers * 1000 * 1001 / 2, rtol=1e-12)


def test_generic_architecture_approximates_llama3():
    for name in ("Llama 3.1 70B", "Llama 3.1 405B"):
        m = model_config(name)
        g = Architecture.generic(m.active_params)
        assert_allclose(g.attention_layers * g.kv_values_per_token_per_layer,
                        m.layers * m.kv_values_per_token_per_layer(), rtol=0.2)
        assert_allclose(g.attention_width, m.layers * m.attention_width, rtol=0.2)


# --- precision, power, scope -------------------------------------------------------------

def test_precision_scales_the_weight_reads():
    arch = Architecture.from_config(model_config("Llama 3.1 70B"))
    bf16 = gpu_energy_parts(arch, 0, 500, H100, 1, serving.bytes_per_value("bf16"))
    fp8 = gpu_energy_parts(arch, 0, 500, H100, 1, serving.bytes_per_value("fp8"))
    int4 = gpu_energy_parts(arch, 0, 500, H100, 1, serving.bytes_per_value("int4"))
    # Batch 1 is memory-bound: the projections' time is the weight reads alone.
    assert_allclose(bf16.decode_weights / fp8.decode_weights, 2.0, rtol=1e-12)
    assert_allclose(fp8.decode_weights / int4.decode_weights, 8 / 4.25, rtol=1e-12)
    with pytest.raises(ValueError, match="precision"):
        serving.bytes_per_value("fp7")


def test_power_curve_limits_and_sources():
    p1, ps, half = serving.DECODE_POWER_CURVE
    assert_allclose(decode_power_fraction(1), p1)
    assert_allclose(decode_power_fraction(1e12), ps, rtol=1e-6)
    assert_allclose(decode_power_fraction(1 + half), (p1 + ps) / 2)   # half-way at 1 + B_half
    assert_allclose(decode_power_fraction(17, half_batch=16, saturated=0.8, at_batch_one=0.4),
                    0.6)
    # About half the 700 W rating at batch 1, as published single-request runs draw.
    assert 0.45 < decode_power_fraction(1) < 0.6


def test_power_curve_constant_is_the_fit_to_measured_power():
    from energylib.serving_fit import build_evidence, fit_power_curve

    ev = build_evidence()
    has = np.isfinite(ev.power)
    assert has.sum() == 515                         # ML.ENERGY v3's runs with a power
    fitted = fit_power_curve(ev.batch[has], ev.power[has], ev.weights[has])
    assert_allclose(fitted[:2], serving.DECODE_POWER_CURVE[:2], atol=0.01)
    assert_allclose(fitted[2], serving.DECODE_POWER_CURVE[2], atol=0.5)


def test_power_curve_against_measured_power_of_the_leaderboard():
    """The curve (fitted to H100 and B200 together) against v3's measured H100 power alone."""
    rows = [m for m in _measurement_rows()
            if m["accelerator"] == "H100 SXM" and m["source"] == "mlenergy2026leaderboardv3"]
    errors = []
    for m in rows:
        found = re.search(r"avg GPU power (\d+) W over (\d+) GPUs", m["note"])
        if found:
            measured = float(found.group(1)) / float(found.group(2)) / H100.power
            errors.append(abs(math.log(decode_power_fraction(float(m["batch_size"]))
                                       / measured)))
    assert len(errors) > 100
    assert math.exp(np.median(errors)) < 1.25   # median miss under 25 %


def test_scope_factors_split_into_utilisation_host_and_facility():
    f = serving.scope_factors()
    accel = measurement("google-gemini-median-accel").si
    existing = measurement("google-gemini-median-existing").si
    server = measurement("google-gemini-median-server").si
    full = measurement("google-gemini-median-fullstack").si
    assert_allclose(f.fleet_utilization, accel / existing)            # 1.4
    assert_allclose(f.host_and_idle, server / accel)                    # 1.571
    assert_allclose(f.pue, full / server)                               # 1.09
    assert_allclose(f.pue, serving.GOOGLE_PUE)
    assert_allclose(f.factor("full-stack"), 2.4)
    assert_allclose(serving.scope_factors(True).factor("full-stack"), full / accel)   # 1.71
    assert_allclose(serving.scope_factors(pue=1.5).factor("full-stack"), 1.4 * server / accel
                    * 1.5)
    low, high = (2.4 * x for x in serving.scope_rounding("full-stack"))
    assert_allclose([low, high], [0.235 / 0.105, 0.245 / 0.095])       # 2.24-2.58
    assert serving.scope_rounding("gpu") == (1.0, 1.0)
    with pytest.raises(ValueError, match="pue"):
        serving.scope_factors(pue=0.9)
    with pytest.raises(TypeError, match="production_batch"):
        serving.scope_factors(production_batch=1)  # type: ignore[arg-type]


def test_chunked_attention_counts_positions_by_brute_force():
    for n, w in ((1, 4), (7, 4), (8, 4), (23, 4), (100, 8192)):
        brute = sum(((i - 1) % w) + 1 for i in range(1, n + 1))
        assert attended_positions(n, w, kind="chunked") == brute
        brute_sliding = sum(min(i, w) for i in range(1, n + 1))
        assert attended_positions(n, w) == brute_sliding
    # Far beyond the chunk, chunked attention attends about half what a window would.
    ratio = attended_positions(1e6, 8192, kind="chunked") / attended_positions(1e6, 8192)
    assert 0.49 < ratio < 0.51


def test_kv_replication_under_tensor_parallelism():
    qwen = Architecture.from_config(model_config("Qwen 3 235B-A22B"))   # 4 KV heads
    one = serving.decode_times(qwen, 1000, 500, H100, 64, tensor_parallel=1)
    eight = serving.decode_times(qwen, 1000, 500, H100, 64, tensor_parallel=8)
    assert_allclose(eight.cache / one.cache, 2.0)
    ds = Architecture.from_config(model_config("DeepSeek-V3"))
    one = serving.decode_times(ds, 1000, 500, H100, 64, tensor_parallel=1)
    eight = serving.decode_times(ds, 1000, 500, H100, 64, tensor_parallel=8)
    assert_allclose(eight.cache / one.cache, 8.0)                        # MLA latent per rank
    llama = Architecture.from_config(model_config("Llama 3.1 70B"))     # 8 KV heads
    assert_allclose(serving.decode_times(llama, 1000, 500, H100, 64, tensor_parallel=8).cache,
                    serving.decode_times(llama, 1000, 500, H100, 64).cache)


def test_mamba_state_traffic_is_counted():
    cfg = model_config("Nemotron Nano 9B v2")
    arch = Architecture.from_config(cfg)
    assert cfg.mamba_state_values == 27 * 128 * 80 * 128
    t = serving.decode_times(arch, 0, 101, H100, 1, kv_bytes=2.0)
    kv_only = serving.decode_times(dataclasses.replace(arch, state_values=0.0), 0, 101, H100, 1,
                                   kv_bytes=2.0)
    assert_allclose((t.cache - kv_only.cache) * H100.memory_bandwidth,
                    100 * 2 * 27 * 128 * 80 * 128 * 2.0)


def test_decode_is_the_slower_of_memory_and_compute():
    arch = Architecture.from_config(model_config("Llama 3.1 70B"))
    for b in (1, 64, 4096):
        t = serving.decode_times(arch, 0, 501, H100, b)
        parts = gpu_energy_parts(arch, 0, 501, H100, b, decode_compute_efficiency=0.5)
        power = H100.power * decode_power_fraction(b)
        assert_allclose(parts.decode_weights, power * max(t.weights, t.compute / 0.5))
    # Batch 1 is memory-bound, batch 4096 compute-bound (ridge near 300 at full peak).
    t1, tb = (serving.decode_times(arch, 0, 501, H100, b) for b in (1, 4096))
    assert t1.weights > t1.compute and tb.compute > tb.weights


def test_fp8_compute_uses_the_fp8_peak_and_mxfp4_only_the_experts():
    arch = Architecture.from_config(model_config("Llama 3.1 70B"))
    bf16 = serving.decode_times(arch, 1000, 2, H100, 64)
    fp8 = serving.decode_times(arch, 1000, 2, H100, 64, 1.0, compute_precision="fp8")
    assert_allclose(bf16.prefill / fp8.prefill, 1979 / 989)
    a100 = el.HARDWARE["A100 SXM"]                                       # no FP8 tensor cores
    assert_allclose(serving.decode_times(arch, 1000, 2, a100, 64).prefill,
                    serving.decode_times(arch, 1000, 2, a100, 64, compute_precision="fp8").prefill)
    oss = Architecture.from_config(model_config("gpt-oss 120B"))
    d, x = oss.dense_and_expert_params()
    t = serving.decode_times(oss, 0, 2, H100, 1e6, 2.0, expert_bytes_per_param=4.25 / 8)
    assert_allclose(t.weights * H100.memory_bandwidth * 1e6, d * 2.0 + x * 4.25 / 8, rtol=1e-6)


def test_mla_attention_flops_use_the_192_wide_query_key_product():
    cfg = model_config("DeepSeek-V3")
    assert cfg.attention_flop_width == 128 * (192 + 128) / 2
    arch = Architecture.from_config(cfg)
    assert arch.attention_width == cfg.attention_flop_width


def test_scope_factors_equal_the_sources_ratios():
    full = measurement("google-gemini-median-fullstack").si
    server = measurement("google-gemini-median-server").si
    gpu = measurement("google-gemini-median-existing").si
    assert scope_factor("gpu") == 1.0
    assert_allclose(scope_factor("full-stack"), full / gpu)
    assert_allclose(scope_factor("full-stack"), 0.24 / 0.10)
    assert_allclose(scope_factor("server"), server / gpu)
    assert 1.0 < scope_factor("server") < scope_factor("full-stack")
    with pytest.raises(ValueError, match="scope"):
        scope_factor("rack")


# --- the catalogue -------------------------------------------------------------------------

def test_catalogue_rows_are_valid_and_cited():
    required = {"Llama 3.1 8B", "Llama 3.1 70B", "Llama 3.1 405B", "Mixtral 8x7B",
                "Mixtral 8x22B", "Qwen 3 8B", "Qwen 3 32B", "Qwen 3 30B-A3B",
                "Qwen 3 235B-A22B", "DeepSeek-V3", "DeepSeek-R1", "gpt-oss 20B",
                "gpt-oss 120B", "Gemma 3 27B"}
    assert required <= set(MODELS)
    for m in MODELS.values():
        assert m.source in BIB_KEYS, m.name
        assert m.page.strip(), m.name
        assert m.is_moe == (m.total_params > m.active_params)
        if m.attention == "mla":
            assert m.kv_latent_dim > 0
        assert m.kv_bytes_per_token(2.0) > 0


UNCATALOGUED = {
    # ML.ENERGY v1 (2023) models whose architecture was not checked against a source here
    "StableLM Tuned Alpha 7B", "RedPajama INCITE 7B Chat", "Phoenix 7B", "XGen 7B",
}
"""GPU-scope rows with a batch size whose model is not in the catalogue (left out of the fit)."""


def test_every_fittable_measured_model_and_accelerator_is_known():
    rows = [r for r in _measurement_rows() if r["scope"] == "gpu" and r["batch_size"]]
    assert {r["model"] for r in rows} - UNCATALOGUED <= set(MODELS)
    known = set(HARDWARE) | set(ACCELERATOR_ALIASES)
    assert {r["accelerator"] for r in rows} <= known
    assert set(ACCELERATOR_ALIASES.values()) <= set(HARDWARE)


def test_published_configurations():
    llama = model_config("Llama 3.1 405B")
    assert (llama.layers, llama.kv_heads, llama.head_dim) == (126, 8, 128)
    mixtral = model_config("Mixtral 8x7B")
    assert (mixtral.experts, mixtral.experts_per_token) == (8, 2)
    qwen = model_config("Qwen 3 235B-A22B")
    assert (qwen.layers, qwen.kv_heads, qwen.experts, qwen.experts_per_token) == (94, 4, 128, 8)
    assert model_config("DeepSeek-V3").shared_experts == 1


def test_catalogue_rejects_bad_rows():
    good = {f: getattr(model_config("Mixtral 8x7B"), f) for f in ModelConfig.__dataclass_fields__}
    with pytest.raises(ValueError, match="experts_per_token"):
        ModelConfig(**{**good, "experts_per_token": 9})
    with pytest.raises(ValueError, match="total_params"):
        ModelConfig(**{**good, "total_params": 1e9})
    with pytest.raises(ValueError, match="attention"):
        ModelConfig(**{**good, "attention": "linear"})
    with pytest.raises(TypeError, match="source"):
        ModelConfig(**{**good, "source": ""})
    with pytest.raises(ValueError, match="model"):
        model_config("GPT-5")
    with pytest.raises(TypeError, match="model"):
        model_config(5)


# --- validation of accelerators and calibration cases (issue 11 item 6) --------------------

@pytest.mark.parametrize("field", ["peak_flops_per_s", "memory_bandwidth", "power"])
@pytest.mark.parametrize(("bad", "error"), [(math.nan, ValueError), (math.inf, ValueError),
                                            (-1.0, ValueError), (0.0, ValueError),
                                            ("700", TypeError), (None, TypeError),
                                            (True, TypeError)])
def test_accelerator_validates_its_fields(field, bad, error):
    kwargs = dict(name="X", peak_flops_per_s=1e15, memory_bandwidth=3e12, power=700.0,
                  source="key")
    kwargs[field] = bad
    with pytest.raises(error, match=field):
        Accelerator(**kwargs)


def test_accelerators_are_cited():
    for acc in HARDWARE.values():
        assert acc.source in BIB_KEYS, acc.name


@pytest.mark.parametrize(("field", "bad", "error"), [
    ("active_params", 0.0, ValueError), ("active_params", math.nan, ValueError),
    ("input_tokens", -1.0, ValueError), ("batch_size", 0.5, ValueError),
    ("pue", 0.9, ValueError), ("host_overhead", math.inf, ValueError),
    ("accelerator", "TPU", ValueError), ("per_token", 1, TypeError),
    ("output_tokens", "5", TypeError), ("figure_id", None, TypeError),
])
def test_calibration_case_validates_its_fields(field, bad, error):
    case = FIT_CASES["llama31-8b-token-v2"]
    kwargs = {f: getattr(case, f) for f in CalibrationCase.__dataclass_fields__}
    kwargs[field] = bad
    with pytest.raises(error, match=field):
        CalibrationCase(**kwargs)
