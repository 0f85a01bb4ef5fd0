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
    STRATA,
    ai2_out_of_sample,
    build_evidence,
    calibration,
    cross_validate,
    fit_serving_model,
    measured_coverage,
    residual_bias,
    stored_calibration,
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
         "total_params": [1e9, math.nan], "tensor_parallel": [0, math.nan, 2048],
         "pue": [0.5, math.inf]},
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
    assert gpu.host == gpu.facility == gpu.fleet_idle == 0.0 and server.facility == 0.0
    # Google's split: 0.04 Wh fleet under-use, 0.08 host and idle machines, 0.02 facility,
    # per 0.10 Wh of best-case accelerator energy.
    assert_allclose([full.fleet_idle / gpu.energy, full.host / gpu.energy,
                     full.facility / gpu.energy], [0.4, 0.8, 0.2], rtol=1e-9)
    # The interval widens by the rounding of Google's printed values (2.24-2.58 around 2.4).
    assert_allclose(full.high / full.energy, gpu.high / gpu.energy * (0.245 / 0.095) / 2.4)
    assert_allclose(full.energy / full.low, gpu.energy / gpu.low * 2.4 / (0.235 / 0.105))
    production = estimate_query_energy(**kw, scope="full-stack", production_batch=True)
    assert_allclose(production.energy / gpu.energy, 0.24 / 0.14)
    typical = estimate_query_energy(**kw, scope="full-stack", pue=1.5)
    assert_allclose(typical.energy / full.energy, 1.5 / (0.24 / 0.22))


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
    m = stored_calibration().fit.moe_factor   # fitted time factor of a mixture over dense
    assert active.decode_weights < moe.decode_weights / m < total.decode_weights
    at_one = estimate_query_energy(model="Mixtral 8x7B", input_tokens=0, output_tokens=500,
                                   batch_size=1)
    active_one = estimate_query_energy(12.9e9, 0, 500, batch_size=1)
    assert_allclose(at_one.decode_weights / m, active_one.decode_weights, rtol=1e-9)


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
    """Dense, batch 1, no prompt: memory-bound decode = weights / bandwidth at p(1) P x phi,
    over n_out - 1 steps (prefill yields the first token).  The estimator reads the stored
    calibration, so the test does too (a refit on another CPU differs in the ninth digit)."""
    fit = stored_calibration().fit
    r = estimate_query_energy(70e9, 0, 1001, batch_size=1)
    acc = el.HARDWARE["H100 SXM"]
    memory = 1000 * 70e9 * 2 / acc.memory_bandwidth
    p1 = fit.power_curve[0]
    assert_allclose(r.decode_weights, fit.time_factors["H100"] * acc.power * p1 * memory,
                    rtol=1e-9)
    assert_allclose(r.energy, r.prefill + r.decode_weights + r.decode_kv)


def test_default_configuration_against_its_nearest_measurement():
    """Issue 10's headline case: Llama 3.1 70B on H100 at ML.ENERGY v3's batch 63.79,
    200 tokens in, 352 out, measured 280.6 J.  Round one's model gave 505 J (outside its
    own interval); each of the 12 v3 H100 points of this model was over-predicted 1.5-2x
    out of sample."""
    from energylib.measurements import by_id

    m = by_id("mle3-lm-arena-chat-llama-3.1-70b-instruct-h100-n4-tp4-ep1-dp1-mns64")
    r = estimate_query_energy(model="Llama 3.1 70B", input_tokens=m.input_tokens,
                              output_tokens=m.output_tokens, batch_size=m.batch_size,
                              tensor_parallel=4)
    assert r.low < m.si < r.high
    assert abs(math.log(r.energy / m.si)) < math.log(1.2)     # measured 288 J vs 280.6 J


def test_llama_70b_h100_sweep_is_unbiased_out_of_sample(evidence):
    cv = calibration().cv
    idx = [i for i, x in enumerate(evidence.ids)
           if x.startswith("mle3-lm-arena-chat-llama-3.1-70b-instruct-h100")]
    ratios = np.exp(cv.log_residuals[idx])
    assert len(idx) == 12
    assert 0.67 < ratios.min() and ratios.max() < 1.6        # measured 0.92-1.48
    assert 0.85 < np.median(ratios) < 1.2                     # measured 1.13


def test_residual_bias_is_small_in_every_stratum(evidence):
    """Leave-one-family-out residuals by accelerator, software generation, architecture,
    precision and batch band: no stratum with five or more groups is biased by more than
    a factor of 1.45 (round one: v3 H100 1.32, v2 A100 1.29 in sample; dense 1.13 against
    MoE 0.83 out of sample)."""
    cv = calibration().cv
    for by in STRATA:
        for label, row in residual_bias(evidence, cv.log_residuals, by).items():
            if row["groups"] >= 5:   # the worst, hybrid Mamba models: 0.72 (8 groups)
                assert 1 / 1.45 < row["bias"] < 1.45, (by, label, row)
    arch = residual_bias(evidence, cv.log_residuals, "architecture",
                         calibration().interval_factor)
    # The pooled interval covers dense models more than mixtures (0.90 against 0.68).
    assert arch["dense"]["coverage"] > arch["MoE"]["coverage"] > 0.5
    assert 1 / 1.2 < arch["dense"]["bias"] / arch["MoE"]["bias"] < 1.2   # measured 1.05
    with pytest.raises(ValueError, match="by"):
        residual_bias(evidence, cv.log_residuals, "colour")


def test_uncalibrated_accelerators_say_so():
    for name in ("H200 SXM", "MI300X", "L40S"):
        r = estimate_query_energy(8e9, accelerator=name)
        assert not r.calibrated_accelerator
        assert "no calibration measurement" in r.summary()
    for name in ("H100 SXM", "B200", "A100 SXM"):
        r = estimate_query_energy(8e9, accelerator=name)
        assert r.calibrated_accelerator
        assert "no calibration measurement" not in r.summary()
    assert "steady-state" in estimate_query_energy(8e9).summary()


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
    with pytest.raises(TypeError, match="production_batch"):
        estimate_query_energy(8e9, production_batch="yes")


# --- calibration, cross-validated here ---------------------------------------------------

def test_fit_recovers_known_parameters(evidence):
    import dataclasses

    fit0 = fit_serving_model(evidence)
    chips = {c: 1.5 + 0.25 * i for i, c in enumerate(sorted(fit0.time_factors))}
    truth = dataclasses.replace(fit0, time_factors=chips, decode_compute_efficiency=0.3,
                                moe_factor=1.2, generation_factors={"current": 1.0,
                                                                    "2023": 0.7, "2024": 1.8})
    fake = dataclasses.replace(evidence, measured=truth.predict(evidence))
    fit = fit_serving_model(fake)
    assert_allclose([fit.time_factors[c] for c in chips], list(chips.values()), rtol=1e-5)
    assert_allclose([fit.decode_compute_efficiency, fit.moe_factor,
                     fit.generation_factors["2023"], fit.generation_factors["2024"]],
                    [0.3, 1.2, 0.7, 1.8], rtol=1e-5)


def test_power_curve_is_refitted_inside_each_fold(evidence):
    """The power curve is fitted on the training points only: leaving out the families that
    carry measured powers changes it."""
    full = fit_serving_model(evidence).power_curve
    keep = np.array([f not in ("Qwen 3", "Llama 3") for f in evidence.families])
    part = fit_serving_model(evidence.subset(keep)).power_curve
    assert full != part


def test_groups_carry_equal_weight(evidence):
    by_group: dict[str, float] = {}
    for g, w in zip(evidence.groups, evidence.weights, strict=True):
        by_group[g] = by_group.get(g, 0.0) + w
    assert_allclose(list(by_group.values()), 1.0)
    assert len(by_group) < len(evidence) / 5   # the batch sweeps are dependent points


def evidence_batches(evidence):
    from energylib.measurements import by_id

    return [by_id(i).batch_size for i in evidence.ids]


def test_evidence_is_one_lab_across_models_chips_and_software(evidence):
    """What the fitted evidence is, said as it is: one lab (ML.ENERGY), three leaderboard
    versions (three software generations), many model families (dense, MoE, hybrid), five
    chips and batches from 1 to about 900.  AI2, Google and Jegham et al. are not fitted
    (AI2 is checked out of sample below)."""
    assert set(evidence.labs) == {"ML.ENERGY"}
    assert len(set(evidence.sources)) == 3 and len(set(evidence.generations)) == 3
    assert len(set(evidence.families)) >= 10
    assert len(set(evidence.chips)) == 5
    batches = evidence_batches(evidence)
    assert min(batches) == 1.0 and max(batches) > 512
    assert {"Mixtral", "Qwen 3", "DeepSeek", "gpt-oss"} <= set(evidence.families)  # MoE


def test_ai2_offline_runs_out_of_sample():
    """AI2 (Morrison et al. 2025; SGLang on H100, another lab, another serving stack) was
    not fitted.  Its offline rows of catalogued models, at the assumed running batch of 256,
    are predicted within a factor of 1.5 (measured 0.96-1.30); even at batch 64 within 2."""
    ratios = ai2_out_of_sample()
    assert len(ratios) == 4
    assert all(1 / 1.5 < r < 1.5 for r in ratios.values())
    assert all(1 / 2 < r < 2 for r in ai2_out_of_sample(64).values())


def test_leave_one_family_out_meets_the_factor_of_2_target(evidence):
    cv = cross_validate(evidence, by="family")
    assert cv.share_within_factor_2 >= 0.9          # issue 10's target 0.8; measured 0.966
    assert cv.median_factor_error < 1.35            # measured 1.20 (round one 1.38)
    assert cv.p80_factor_error < 1.7                # measured 1.50 (round one 1.77)


def test_leave_one_source_out_is_an_unseen_software_generation(evidence):
    """Each source is one leaderboard version, i.e. one software generation: leaving it out
    asks the model to predict a generation's efficiency it has never seen, which no term
    of it can.  Measured: median factor error 1.69, 80th percentile 2.28, 67 % within 2
    (the target is not met here, and the estimator's interval does not claim it)."""
    cv = cross_validate(evidence, by="source")
    assert 1.3 < cv.median_factor_error < 2.0
    assert 0.5 < cv.share_within_factor_2 < 0.8


def test_interval_coverage_measured_out_of_sample(evidence):
    cal = calibration()
    assert cal.coverage == 0.8
    assert_allclose(cal.measured_coverage, measured_coverage(evidence, "family", 0.8))
    assert abs(cal.measured_coverage - 0.8) < 0.1   # measured 0.77 (leave one family out)
    # Leaving out a whole leaderboard version (an unseen software generation) the interval
    # covers far less: measured 0.52.  The estimator states its coverage for families.
    by_source = measured_coverage(evidence, "source", 0.8)
    assert 0.4 < by_source < 0.7


def test_interval_factor_is_the_cv_quantile(evidence):
    cal = calibration()
    cv = cross_validate(evidence, by="family")
    assert_allclose(cal.interval_factor, weighted_quantile(cv.factor_errors, cv.weights, 0.8))
    dense = np.array([a == "dense" for a in evidence.strata["architecture"]])
    assert_allclose(cal.stratum_factors["dense"],
                    weighted_quantile(cv.factor_errors[dense], evidence.weights[dense], 0.8))
    assert cal.stratum_factors["MoE"] > cal.interval_factor > cal.stratum_factors["dense"]
    assert_allclose(estimate_query_energy(8e9).high / estimate_query_energy(8e9).energy,
                    cal.stratum_factors["dense"])
    moe = estimate_query_energy(model="Mixtral 8x7B")
    assert_allclose(moe.high / moe.energy, cal.stratum_factors["MoE"])


def test_software_generation_is_modelled(evidence):
    fit = fit_serving_model(evidence)
    assert fit.n_params == 5 + 2 + 1 + 1       # chips, older generations, MoE, u_c
    # Older software takes longer per token at equal hardware: measured 2.47 (2023) and
    # 2.28 (2024, vLLM 0.5.4 against 0.11.1, both on H100).
    assert 1.5 < fit.generation_factors["2024"] < 3.5
    assert 1.5 < fit.generation_factors["2023"] < 3.5
    without = fit_serving_model(evidence, software_generation=False)
    assert without.n_params == 5 + 1 + 1


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


# ------------------------------------------------------------ the stored calibration
def test_stored_calibration_was_fitted_on_todays_data():
    """The stored file's digest is the digest of the data files: regenerate it with
    `python -m energylib calibrate` after changing measurements.csv or models.csv."""
    import json
    from importlib import resources

    from energylib.serving_fit import calibration_inputs_digest

    stored = json.loads(resources.files("energylib")
                        .joinpath("data/serving_calibration.json").read_text("utf-8"))
    assert stored["digest"] == calibration_inputs_digest(), (
        "energylib/data/serving_calibration.json is stale: run python -m energylib calibrate")


@pytest.mark.slow
def test_stored_calibration_equals_a_refit():
    """Every stored number equals a fresh fit and cross-validation (the code may have
    changed the fit even where the data did not)."""
    from energylib.serving_fit import _to_stored

    # Tolerance 1e-6: refits on different CPUs (their BLAS kernels round differently)
    # agree to about 1e-8; a change to the model, the data or the fitting code moves the
    # fitted numbers by far more than 1e-6.
    stored, fresh = stored_calibration(), _to_stored(calibration())
    for name in ("coverage", "interval_factor", "measured_coverage"):
        assert getattr(stored, name) == pytest.approx(getattr(fresh, name), rel=1e-6), name
    assert stored.stratum_factors == pytest.approx(fresh.stratum_factors, rel=1e-6)
    s, f = stored.fit, fresh.fit
    assert s.time_factors == pytest.approx(f.time_factors, rel=1e-6)
    assert s.generation_factors == pytest.approx(f.generation_factors, rel=1e-6)
    assert s.power_curve == pytest.approx(f.power_curve, rel=1e-6)
    assert (s.decode_compute_efficiency, s.moe_factor) == pytest.approx(
        (f.decode_compute_efficiency, f.moe_factor), rel=1e-6)
    assert (s.n_points, s.n_groups, s.n_params) == (f.n_points, f.n_groups, f.n_params)


def test_cli_calibrate_writes_the_file(tmp_path, monkeypatch):
    from energylib import serving_fit

    out = serving_fit.write_stored_calibration(tmp_path / "cal.json")
    import json

    record = json.loads(out.read_text())
    assert record["digest"] == serving_fit.calibration_inputs_digest()
    assert record["fit"]["n_points"] > 100
