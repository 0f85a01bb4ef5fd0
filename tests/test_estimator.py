"""The estimator: behaviour, calibration by cross-validation (computed here), coverage,
the factor-of-2 target, the command line, bad input."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

import energylib as el
from energylib.estimator import BREAKDOWN, estimate_query_energy
from energylib.serving import scope_factor
from energylib.serving_fit import (
    build_evidence,
    calibration,
    cross_validate,
    fit_serving_model,
    measured_coverage,
    weighted_quantile,
)

ROOT = Path(__file__).resolve().parents[1]

BAD_INPUT_CASES: dict = {
    estimate_query_energy: (
        dict(active_params=8e9, input_tokens=500, output_tokens=200, batch_size=16,
             bytes_per_param="bf16", scope="gpu"),
        {"active_params": [0, -1, math.inf], "input_tokens": [-1, 1e8],
         "output_tokens": [-1, math.inf], "batch_size": [0.5, 0, 1e6],
         "bytes_per_param": [0, 5, -1, "fp7"], "scope": ["rack"],
         "kv_bytes_per_value": [0, "int3"], "accelerator": ["H1000"],
         "total_params": [1e9, math.nan]},
    ),
    weighted_quantile: (
        dict(values=np.array([1.0, 2.0]), weights=np.array([1.0, 1.0]), q=0.5),
        {"q": [-0.1, 1.5, math.inf]},
    ),
}


@pytest.fixture(scope="module")
def evidence():
    return build_evidence()


# --- behaviour ---------------------------------------------------------------------------

def test_valid_call_is_finite_and_parts_sum():
    for scope in ("gpu", "server", "full-stack"):
        r = estimate_query_energy(**{**BAD_INPUT_CASES[estimate_query_energy][0],
                                     "scope": scope})
        assert all(np.isfinite([r.energy, r.low, r.high, *r.breakdown.values()]))
        assert_allclose(sum(r.breakdown.values()), r.energy, rtol=1e-12)
        assert r.low < r.energy < r.high
        assert tuple(r.breakdown) == BREAKDOWN


def test_scope_factors_scale_the_estimate():
    kw = dict(model="Llama 3.1 70B", input_tokens=500, output_tokens=500)
    gpu, server, full = (estimate_query_energy(**kw, scope=s) for s in
                         ("gpu", "server", "full-stack"))
    assert_allclose(full.energy / gpu.energy, 0.24 / 0.10)
    assert_allclose(server.energy / gpu.energy, scope_factor("server"))
    assert gpu.host == gpu.facility == 0.0 and server.facility == 0.0
    assert_allclose(full.host, server.host)
    assert_allclose(full.high / full.energy, gpu.high / gpu.energy)


def test_catalogue_model_equals_explicit_parameters_for_llama_like_shapes():
    named = estimate_query_energy(model="Llama 3.1 8B", input_tokens=0, output_tokens=300,
                                  batch_size=1)
    generic = estimate_query_energy(8e9, 0, 300, batch_size=1)
    assert_allclose(named.energy, generic.energy, rtol=1e-9)   # generic shape is Llama 3.1 8B


def test_moe_costs_between_its_active_and_total_parameters():
    moe = estimate_query_energy(model="Mixtral 8x7B", input_tokens=0, output_tokens=500,
                                batch_size=64)
    active = estimate_query_energy(12.9e9, 0, 500, batch_size=64)
    total = estimate_query_energy(46.7e9, 0, 500, batch_size=64)
    assert active.decode_weights < moe.decode_weights < total.decode_weights
    at_one = estimate_query_energy(model="Mixtral 8x7B", input_tokens=0, output_tokens=500,
                                   batch_size=1)
    active_one = estimate_query_energy(12.9e9, 0, 500, batch_size=1)
    assert_allclose(at_one.decode_weights, active_one.decode_weights, rtol=1e-9)


def test_energy_falls_with_batch_and_precision():
    e = [estimate_query_energy(70e9, 500, 500, batch_size=b).energy for b in (1, 8, 64, 256)]
    assert all(a > b for a, b in zip(e, e[1:], strict=False))
    p = [estimate_query_energy(70e9, 500, 500, batch_size=1, bytes_per_param=x).energy
         for x in ("bf16", "fp8", "int4")]
    assert p[0] > p[1] > p[2]


def test_longer_context_costs_more_per_output_token():
    short = estimate_query_energy(70e9, 100, 500, batch_size=64)
    long = estimate_query_energy(70e9, 30000, 500, batch_size=64)
    assert long.decode_kv > 20 * short.decode_kv
    assert long.prefill > 300 * short.prefill   # quadratic attention beyond 300x linear


def test_estimator_reproduces_the_first_version_at_its_assumptions():
    """Dense, batch 1, no cache or attention: decode = weights / bandwidth at p(1) P x phi."""
    fit = calibration().fit
    r = estimate_query_energy(70e9, 0, 1000, batch_size=1)
    acc = el.HARDWARE["H100 SXM"]
    memory = 1000 * 70e9 * 2 / acc.memory_bandwidth
    compute = 1000 * 2 * 70e9 / (acc.peak_flops_per_s * fit.decode_utilization)
    power = acc.power * el.serving.decode_power_fraction(1)
    assert_allclose(r.energy, fit.efficiency_factor * power * (memory + compute)
                    + r.decode_kv, rtol=1e-9)


def test_bad_combinations_name_their_parameter():
    with pytest.raises(ValueError, match="active_params"):
        estimate_query_energy(8e9, model="Llama 3.1 8B")
    with pytest.raises(TypeError, match="active_params"):
        estimate_query_energy()
    with pytest.raises(ValueError, match="model"):
        estimate_query_energy(model="GPT-5")
    with pytest.raises(ValueError, match="experts"):
        estimate_query_energy(8e9, total_params=40e9, experts=8)
    with pytest.raises(ValueError, match="accelerator"):
        estimate_query_energy(8e9, accelerator="TPU v5")
    with pytest.raises(TypeError, match="batch_size"):
        estimate_query_energy(8e9, batch_size="64")


# --- calibration, cross-validated here ---------------------------------------------------

def test_fit_recovers_known_parameters(evidence):
    import dataclasses

    truth = dataclasses.replace(fit_serving_model(evidence), efficiency_factor=3.0,
                                decode_utilization=0.3, older_software_factor=0.7)
    fake = dataclasses.replace(evidence, measured=truth.predict(evidence))
    fit = fit_serving_model(fake)
    assert_allclose([fit.efficiency_factor, fit.decode_utilization, fit.older_software_factor],
                    [3.0, 0.3, 0.7], rtol=1e-6)


def test_groups_carry_equal_weight(evidence):
    by_group: dict[str, float] = {}
    for g, w in zip(evidence.groups, evidence.weights, strict=True):
        by_group[g] = by_group.get(g, 0.0) + w
    assert_allclose(list(by_group.values()), 1.0)
    assert len(by_group) < len(evidence) / 5   # the batch sweeps are dependent points


def evidence_batches(evidence):
    from energylib.measurements import by_id

    return [by_id(i).batch_size for i in evidence.ids]


def test_evidence_is_broad(evidence):
    assert len(set(evidence.families)) >= 10
    assert len(set(evidence.sources)) >= 4
    assert {1.0, 64.0} < {round(b) for b in evidence_batches(evidence)}
    assert len(set(evidence.labs)) >= 2
    assert {"Mixtral", "Qwen 3", "DeepSeek", "gpt-oss"} <= set(evidence.families)  # MoE


def test_leave_one_family_out_meets_the_factor_of_2_target(evidence):
    cv = cross_validate(evidence, by="family")
    assert cv.share_within_factor_2 >= 0.8          # issue 10's target; measured 0.886
    assert cv.median_factor_error < 1.6             # measured 1.38
    assert cv.p80_factor_error < 2.0                # measured 1.78


def test_leave_one_source_out_meets_the_factor_of_2_target(evidence):
    cv = cross_validate(evidence, by="source")
    assert cv.share_within_factor_2 >= 0.8          # measured 0.880
    assert cv.p80_factor_error < 2.0                # measured 1.82


def test_interval_coverage_measured_out_of_sample(evidence):
    cal = calibration()
    assert cal.coverage == 0.8
    assert_allclose(cal.measured_coverage, measured_coverage(evidence, "family", 0.8))
    assert abs(cal.measured_coverage - 0.8) < 0.1   # measured 0.82 (leave one family out)
    # Leaving out a whole source (a leaderboard version, a paper): measured 0.81.  Before
    # the 2023 batch-1 rows of leaderboard v1 arrived it was 0.65: with few sources this
    # number moves with the evidence, and the test says how far it may.
    by_source = measured_coverage(evidence, "source", 0.8)
    assert abs(by_source - 0.8) < 0.1


def test_interval_factor_is_the_cv_quantile(evidence):
    cal = calibration()
    cv = cross_validate(evidence, by="family")
    assert_allclose(cal.interval_factor, weighted_quantile(cv.factor_errors, cv.weights, 0.8))
    r = estimate_query_energy(8e9)
    assert_allclose(r.high / r.energy, cal.interval_factor)


def test_independent_lab_is_predicted_within_a_factor_of_2(evidence):
    """Samsi et al. (MIT Lincoln Laboratory) is the one fitted point from another lab: left out
    with its source, it is predicted from ML.ENERGY's data alone."""
    cv = cross_validate(evidence, by="source")
    i = evidence.ids.index("samsi-llama65b-v100")
    assert cv.factor_errors[i] < 2.0


def test_software_generation_is_modelled(evidence):
    fit = fit_serving_model(evidence)
    assert fit.n_params == 3
    assert 1.0 < fit.older_software_factor < 2.0   # older software costs more; measured 1.25
    without = fit_serving_model(evidence, software_generation=False)
    assert without.n_params == 2


# --- command line ------------------------------------------------------------------------

def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "energylib", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, check=False)


def test_cli_help_explains_every_option_with_units():
    out = _cli("estimate", "--help")
    assert out.returncode == 0
    for option in ("--model", "--active-params", "--total-params", "--input-tokens",
                   "--output-tokens", "--accelerator", "--batch-size", "--precision",
                   "--kv-precision", "--scope", "--experts", "--experts-per-token"):
        assert option in out.stdout
    assert "[tokens]" in out.stdout and "[B]" in out.stdout and "[-]" in out.stdout


def test_cli_prints_estimate_interval_and_breakdown():
    out = _cli("estimate", "--model", "Llama 3.1 70B", "--input-tokens", "500",
               "--output-tokens", "500", "--scope", "full-stack")
    assert out.returncode == 0, out.stderr
    expected = estimate_query_energy(model="Llama 3.1 70B", input_tokens=500,
                                     output_tokens=500, scope="full-stack")
    assert out.stdout.strip() == expected.summary()
    for part in BREAKDOWN:
        assert part in out.stdout


@pytest.mark.parametrize(("args", "message"), [
    (("--active-params", "-5"), "active_params"),
    (("--model", "Llama 3.1 8B", "--output-tokens", "nan"), "output_tokens"),
    (("--model", "Llama 3.1 8B", "--precision", "fp7"), "bytes_per_param"),
    (("--model", "GPT-5"), "--model"),
])
def test_cli_bad_input_exits_2_with_a_message(args, message):
    out = _cli("estimate", *args)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr
