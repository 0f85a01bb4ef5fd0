"""Thermodynamics model: published constants, closed forms, SymPy, properties, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from energylib.figures.thermo import efficiency_trend_figure, energy_ladder_figure
from energylib.hardware import HARDWARE
from energylib.symbolic.thermo import (
    THERMO_SYMBOLS,
    computation_to_record_ratio_expr,
    crossing_time_expr,
    crossing_time_rate_expr,
    trend_expr,
)
from energylib.thermo import (
    BITS_ERASED_PER_FLOP,
    BOLTZMANN_CONSTANT,
    answer_information_bits,
    answer_landauer_energy,
    energy_per_flop,
    entropy_production_rate,
    facility_heat,
    landauer_crossing_time,
    landauer_energy,
    landauer_energy_per_token,
    landauer_headroom,
    overhead_share,
    trend_energy_per_flop,
    weight_record_bits,
    weight_record_landauer_energy,
)
from energylib.training import training_energy_from_accelerator_hours, training_flops

# function -> (valid keyword arguments, {parameter: [out-of-range values]}),
# in the format of CASES in tests/test_bad_input.py.
BAD_INPUT_CASES: dict = {
    landauer_energy: (
        dict(bits=16.0, temperature=300.0),
        {"bits": [-1, math.inf], "temperature": [0, -1, math.inf]},
    ),
    energy_per_flop: (
        dict(peak_flops_per_s=989e12, power=700.0, utilization=0.5),
        {
            "peak_flops_per_s": [0, -1, math.inf],
            "power": [0, -1, math.inf],
            "utilization": [0, 1.01, -0.5],
        },
    ),
    landauer_headroom: (
        dict(energy_per_operation=7e-13, bits_per_operation=16.0, temperature=300.0),
        {
            "energy_per_operation": [0, -1, math.inf],
            "bits_per_operation": [0, -1, math.inf],
            "temperature": [0, -300],
        },
    ),
    landauer_energy_per_token: (
        dict(active_params=8e9, bits_per_flop=16.0, temperature=300.0),
        {
            "active_params": [0, -1, math.inf],
            "bits_per_flop": [-1, math.inf],
            "temperature": [0, math.inf],
        },
    ),
    weight_record_bits: (
        dict(n_params=405e9, bits_per_param=16.0),
        {"n_params": [0, -1, math.inf], "bits_per_param": [0, -16, math.inf]},
    ),
    weight_record_landauer_energy: (
        dict(n_params=405e9, bits_per_param=16.0, temperature=300.0),
        {"n_params": [0, math.inf], "bits_per_param": [0, -1], "temperature": [0, -1]},
    ),
    answer_information_bits: (
        dict(output_tokens=500, vocabulary_size=128_256),
        {"output_tokens": [-1, math.inf], "vocabulary_size": [1, 0, -5, math.inf]},
    ),
    answer_landauer_energy: (
        dict(output_tokens=500, vocabulary_size=128_256, temperature=300.0),
        {"output_tokens": [-1], "vocabulary_size": [1.5], "temperature": [0, math.inf]},
    ),
    facility_heat: (
        dict(it_power=10e6, pue=1.1),
        {"it_power": [-1, math.inf], "pue": [0.99, 0, math.inf]},
    ),
    overhead_share: (
        dict(pue=1.58),
        {"pue": [0.5, -1, math.inf]},
    ),
    entropy_production_rate: (
        dict(power=10_200.0, temperature=300.0),
        {"power": [-1, math.inf], "temperature": [0, -1, math.inf]},
    ),
    trend_energy_per_flop: (
        dict(time=10.0, energy_now=7e-13, doubling_time=2.6),
        {"time": [math.inf, -math.inf], "energy_now": [0, -1, math.inf],
         "doubling_time": [0, -2.6, math.inf]},
    ),
    landauer_crossing_time: (
        dict(energy_now=7e-13, energy_floor=2.9e-21, doubling_time=2.6),
        {
            "energy_now": [0, -1, math.inf],
            "energy_floor": [0, -1, math.inf],
            "doubling_time": [0, -1, math.inf],
        },
    ),
}


H100 = HARDWARE["H100 SXM"]
positive = st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False)


# ---------------------------------------------------------------- published values

def test_landauer_energy_at_room_temperature():
    # k_B T ln 2 at 300 K = 2.87e-21 J (k_B exact since the 2019 SI)
    assert BOLTZMANN_CONSTANT == 1.380649e-23
    assert_allclose(landauer_energy(), 2.870979e-21, rtol=1e-6)
    assert_allclose(landauer_energy(1.0, 300.0) / 1.602176634e-19, 0.01792, rtol=1e-3)  # [eV]


def test_h100_efficiency_and_headroom():
    e = energy_per_flop(H100.peak_flops_per_s, H100.power)
    assert_allclose(1 / e, 1.4129e12, rtol=1e-4)  # FLOP/J at the datasheet peak
    assert_allclose(landauer_headroom(e), 2.465e8, rtol=1e-3)
    assert_allclose(landauer_headroom(e, 16.0), 2.465e8 / 16, rtol=1e-3)
    assert_allclose(energy_per_flop(989e12, 700.0, 0.1), 10 * e, rtol=1e-12)


def test_weights_against_training_energy():
    e_train = training_energy_from_accelerator_hours(30.84e6, 700.0)  # Llama 3.1 405B
    assert_allclose(e_train / 3.6e12, 21.588, rtol=1e-4)  # GWh
    ratio = e_train / weight_record_landauer_energy(405e9, 16.0)
    assert 1e21 < ratio < 1e22
    # GPT-3: 1,287 MWh (Patterson et al. 2021) against 175e9 BF16 weights
    assert 1e20 < 1287 * 3.6e9 / weight_record_landauer_energy(175e9) < 1e21


def test_answer_bits_and_token_floor():
    assert_allclose(answer_information_bits(1, 2), 1.0)
    assert_allclose(answer_information_bits(3, 1024), 30.0)
    assert_allclose(answer_landauer_energy(3, 1024), 30 * landauer_energy(), rtol=1e-12)
    assert_allclose(landauer_energy_per_token(8e9, 16.0), 2 * 8e9 * 16 * landauer_energy(),
                    rtol=1e-12)


def test_facility_heat_and_overhead():
    assert facility_heat(1.0, 1.0) == 1.0
    assert_allclose(overhead_share(1.10), 0.1 / 1.1)
    assert_allclose(overhead_share(1.58), 0.58 / 1.58)
    assert_allclose(entropy_production_rate(300.0, 300.0), 1.0)


def test_bits_per_flop_assumptions_are_ordered():
    values = list(BITS_ERASED_PER_FLOP.values())
    assert values == sorted(values) and values[0] == 1.0 and 16.0 in values


# ---------------------------------------------------------------- closed forms

def test_crossing_time_matches_a_numeric_root():
    # bisection on log2 of the trend against the floor, to 1e-12 relative
    e_now, floor, t2 = 7.078e-13, landauer_energy(16.0), 2.6
    lo, hi = 0.0, 1000.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if trend_energy_per_flop(mid, e_now, t2) > floor:
            lo = mid
        else:
            hi = mid
    assert_allclose(landauer_crossing_time(e_now, floor, t2), 0.5 * (lo + hi), rtol=1e-9)


def test_trend_matches_compounded_yearly_halvings():
    # after n doubling times the energy is divided by 2**n, step by step
    e = 1e-12
    for n in range(1, 40):
        e /= 2.0
        assert_allclose(trend_energy_per_flop(n * 2.6, 1e-12, 2.6), e, rtol=1e-9)


def test_crossing_time_is_zero_at_or_below_the_floor():
    assert landauer_crossing_time(1e-21, 2e-21, 2.6) == 0.0
    assert landauer_crossing_time(2e-21, 2e-21, 2.6) == 0.0


def test_vectorized():
    out = landauer_energy(np.array([1.0, 2.0, 4.0]))
    assert out.shape == (3,)
    assert_allclose(out[1:] / out[:-1], 2.0, rtol=1e-12)
    years = landauer_crossing_time(7e-13, landauer_energy(np.array([1.0, 16.0, 1000.0])), 2.6)
    assert years.shape == (3,) and np.all(np.diff(years) < 0)


def test_training_computation_dwarfs_the_record():
    # 6 N D beta / (N b): model size cancels
    n, d = 405e9, 15.6e12
    ratio = landauer_energy(training_flops(n, d)) / weight_record_landauer_energy(n, 16.0)
    assert_allclose(ratio, 6 * d / 16, rtol=1e-12)


def test_chinchilla_ratio_grows_with_model_size():
    # only at fixed D does N cancel; with D = 20 N the ratio is 120 N beta / b
    def ratio(n: float, beta: float) -> float:
        return float(landauer_energy(beta * training_flops(n, 20 * n))
                     / weight_record_landauer_energy(n, 16.0))

    assert_allclose(ratio(70e9, 1.0), 5.25e11, rtol=1e-12)
    assert_allclose(ratio(70e9, 16.0), 8.4e12, rtol=1e-12)
    assert ratio(140e9, 1.0) > ratio(70e9, 1.0)


# ---------------------------------------------------------------- SymPy

def test_symbolic_crossing_time_matches_numeric():
    expr = crossing_time_expr()
    s = THERMO_SYMBOLS
    for e_now, floor, t2 in [(7e-13, 2.87e-21, 2.6), (1.0, 1e-3, 1.57), (5.0, 5.0, 3.0)]:
        value = float(expr.subs({s["E_now"]: e_now, s["E_floor"]: floor, s["T2"]: t2}))
        assert_allclose(landauer_crossing_time(e_now, floor, t2), value, rtol=1e-12, atol=1e-12)


def test_symbolic_crossing_time_solves_the_equation():
    s = THERMO_SYMBOLS
    residual = trend_expr().subs(s["t"], crossing_time_expr()) - s["E_floor"]
    assert sp.simplify(residual) == 0


def test_symbolic_rate_form_is_the_argument_chapters_t_star():
    s = THERMO_SYMBOLS
    expected = sp.log(s["E_now"] / s["E_floor"]) / s["r"]
    assert sp.simplify(sp.expand_log(crossing_time_rate_expr() - expected, force=True)) == 0


def test_symbolic_record_ratio():
    s = THERMO_SYMBOLS
    assert sp.simplify(computation_to_record_ratio_expr() - 6 * s["D"] * s["beta"] / s["b"]) == 0


# ---------------------------------------------------------------- properties

@settings(max_examples=60, deadline=None)
@given(bits=positive, temperature=st.floats(min_value=0.01, max_value=1e4))
def test_landauer_is_linear_in_bits_and_temperature(bits, temperature):
    e = landauer_energy(bits, temperature)
    assert e > 0
    assert_allclose(landauer_energy(2 * bits, temperature), 2 * e, rtol=1e-12)
    assert_allclose(landauer_energy(bits, 2 * temperature), 2 * e, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(ratio=st.floats(min_value=1.0, max_value=1e30), t2=st.floats(min_value=0.1, max_value=10))
def test_crossing_time_lands_on_the_floor(ratio, t2):
    floor = 1e-21
    t_star = landauer_crossing_time(ratio * floor, floor, t2)
    assert t_star >= 0
    assert_allclose(trend_energy_per_flop(t_star, ratio * floor, t2), floor, rtol=1e-9)


@settings(max_examples=60, deadline=None)
@given(t=st.floats(min_value=0, max_value=100), dt=st.floats(min_value=0.01, max_value=100))
def test_trend_decreases(t, dt):
    assert trend_energy_per_flop(t + dt, 1.0, 2.6) < trend_energy_per_flop(t, 1.0, 2.6)


# ---------------------------------------------------------------- figures

def test_figures_draw_and_reject_bad_input():
    fig = energy_ladder_figure([("bit", landauer_energy(), "physics floor"),
                                ("token", 0.12, "inference"), ("run", 7.8e13, "training")])
    assert fig.axes[0].get_xscale() == "log"
    fig = efficiency_trend_figure(7.08e-13, 2023, [1.57, 2.6], [1, 16, 1000])
    assert "FLOP" in fig.axes[0].get_ylabel()
    with pytest.raises(ValueError, match="kind"):
        energy_ladder_figure([("x", 1.0, "magic")])
    with pytest.raises(ValueError, match="energy"):
        energy_ladder_figure([("x", -1.0, "inference")])
    with pytest.raises(ValueError, match="rungs"):
        energy_ladder_figure([])
    with pytest.raises(ValueError, match="doubling_times"):
        efficiency_trend_figure(7.08e-13, 2023, [0.0], [16])
    with pytest.raises(ValueError, match="end_year"):
        efficiency_trend_figure(7.08e-13, 2023, [2.6], [16], end_year=2000)


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
def test_valid_call_is_finite(func):
    kwargs, _ = BAD_INPUT_CASES[func]
    assert np.all(np.isfinite(func(**kwargs)))


def test_every_public_function_has_bad_input_cases():
    import energylib.thermo as thermo

    public = {
        getattr(thermo, name) for name in thermo.__all__
        if callable(getattr(thermo, name)) and not isinstance(getattr(thermo, name), type)
    }
    missing = public - set(BAD_INPUT_CASES)
    assert not missing, sorted(f.__name__ for f in missing)
