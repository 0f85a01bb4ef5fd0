"""Calibration of the per-query model: synthetic recovery, closed forms, bad input."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from energylib import calibration
from energylib.calibration import (
    CHECK_CASES,
    FIT_CASES,
    FULL_STACK_HOST_OVERHEAD,
    FULL_STACK_PUE,
    CalibrationCase,
    fit_calibration,
    log_ratio_rms,
    predict_energy,
)
from energylib.hardware import HARDWARE
from energylib.inference import energy_per_query

CASE = FIT_CASES["llama31-8b-token-v2"]
CASES = list(FIT_CASES.values())

BAD_INPUT_CASES: dict = {
    predict_energy: (
        dict(case=CASE, overhead_factor=2.0, prefill_utilization=0.5),
        {"overhead_factor": [0, -1, math.inf], "prefill_utilization": [0, 1.5, -0.1]},
    ),
    log_ratio_rms: (
        dict(predicted=2.0, measured=1.0),
        {"predicted": [0, -1, math.inf], "measured": [0, -2, math.inf]},
    ),
    fit_calibration: (
        dict(cases=CASES, prefill_utilization=0.5),
        {"prefill_utilization": [0, 1.5, math.inf], "measured": [[1.0, 2.0], [-1.0] * 5]},
    ),
}


@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
def test_valid_call_is_finite(func):
    kwargs, _ = BAD_INPUT_CASES[func]
    out = func(**kwargs)
    value = out.rms_log_ratio if isinstance(out, calibration.CalibrationResult) else out
    assert np.all(np.isfinite(value))


def test_every_public_function_is_covered():
    members = [getattr(calibration, n) for n in calibration.__all__]
    public = {m for m in members if callable(m) and not isinstance(m, type)}
    assert not public - set(BAD_INPUT_CASES)


def test_non_case_arguments_are_type_errors():
    with pytest.raises(TypeError, match="case"):
        predict_energy("llama", 1.0)
    with pytest.raises(TypeError, match="cases"):
        fit_calibration(CASE)
    with pytest.raises(TypeError, match="case"):
        fit_calibration([CASE, "x"])
    with pytest.raises(TypeError, match="fit_prefill_utilization"):
        fit_calibration(CASES, fit_prefill_utilization=1)
    with pytest.raises(ValueError, match="cases"):
        fit_calibration([CASE], fit_prefill_utilization=True)
    with pytest.raises(ValueError, match="same shape"):
        log_ratio_rms([1.0, 2.0], [1.0])


def test_prediction_is_the_inference_model_times_phi():
    c = FIT_CASES["llama31-405b-response"]
    direct = energy_per_query(405e9, 500, 717, accelerator=HARDWARE["H100 SXM"],
                              batch_size=64, host_overhead=1.0)
    assert predict_energy(c, 2.5) == pytest.approx(2.5 * direct, rel=1e-12)
    # per-token case: decode of 16 GB at 3.35 TB/s shared by 64, at 700 W
    assert predict_energy(CASE) == pytest.approx(8e9 * 2 / 3.35e12 / 64 * 700, rel=1e-12)


def test_full_stack_overheads_from_googles_breakdown():
    assert FULL_STACK_HOST_OVERHEAD == pytest.approx(35 / 58)
    assert FULL_STACK_PUE == pytest.approx(101 / 93)


def test_one_parameter_fit_is_the_geometric_mean_closed_form():
    result = fit_calibration(CASES)
    roofline = np.array([predict_energy(c) for c in CASES])
    measured = np.array([c.measured for c in CASES])
    closed = math.exp(np.mean(np.log(measured / roofline)))
    assert result.overhead_factor == pytest.approx(closed, rel=1e-9)
    assert np.mean(result.log_residuals) == pytest.approx(0.0, abs=1e-9)
    assert result.rms_log_ratio == pytest.approx(log_ratio_rms(result.predicted, measured))
    assert result.typical_factor == pytest.approx(math.exp(result.rms_log_ratio))
    assert result.n_points == 5 and result.n_params == 1


def _synthetic_cases() -> list[CalibrationCase]:
    out = []
    for n, n_in, n_out in [(8e9, 0, 500), (70e9, 4000, 100), (405e9, 20000, 50),
                           (8e9, 10000, 10), (70e9, 100, 1000)]:
        out.append(CalibrationCase("gpt3-train-energy", n, n_in, n_out, 16.0, "H100 SXM",
                                   0.0, 1.0, False, "synthetic"))
    return out


@settings(max_examples=25, deadline=None)
@given(phi=st.floats(0.2, 20.0), u=st.floats(0.05, 0.95))
def test_two_parameter_fit_recovers_known_parameters(phi, u):
    cases = _synthetic_cases()
    fake = [predict_energy(c, phi, u) for c in cases]
    result = fit_calibration(cases, fake, fit_prefill_utilization=True)
    assert result.overhead_factor == pytest.approx(phi, rel=1e-6)
    assert result.prefill_utilization == pytest.approx(u, rel=1e-6)
    assert result.rms_log_ratio < 1e-8


@settings(max_examples=25, deadline=None)
@given(phi=st.floats(0.01, 100.0), noise=st.lists(st.floats(-0.3, 0.3), min_size=5, max_size=5))
def test_one_parameter_fit_recovers_phi_under_zero_mean_noise(phi, noise):
    cases = _synthetic_cases()
    eps = np.array(noise) - np.mean(noise)  # noise with zero mean in log space
    fake = np.array([predict_energy(c, phi) for c in cases]) * np.exp(eps)
    result = fit_calibration(cases, fake)
    assert result.overhead_factor == pytest.approx(phi, rel=1e-8)
    assert result.rms_log_ratio == pytest.approx(np.sqrt(np.mean(eps**2)), abs=1e-9)


def test_real_fit_is_sane_and_reproducible():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = fit_calibration(CASES)
        b = fit_calibration(CASES)
    assert a.overhead_factor == b.overhead_factor
    assert 1.0 < a.overhead_factor < 10.0  # real servers fall short of the roofline
    assert a.rms_log_ratio < math.log(3.0)  # within a factor 3 typically
    check = [predict_energy(c, a.overhead_factor) / c.measured for c in CHECK_CASES.values()]
    assert all(0.1 < r < 10 for r in check)


def test_dof_corrected_spread():
    """sqrt(n / (n - p)) times the in-sample RMS; infinite with no degrees of freedom left."""
    r = fit_calibration(CASES)
    n = r.n_points
    assert r.rms_log_ratio_dof == pytest.approx(r.rms_log_ratio * math.sqrt(n / (n - 1)),
                                                rel=1e-12)
    assert fit_calibration(CASES[:1]).rms_log_ratio_dof == math.inf


def test_residuals_split_by_case_type():
    """Per-token (GPU-only) cases are under-predicted, per-response cases over-predicted."""
    r = fit_calibration(CASES)
    per_token = np.array([c.per_token for c in CASES])
    assert np.all(r.log_residuals[per_token] < 0.0)
    assert np.all(r.log_residuals[~per_token] > 0.0)
