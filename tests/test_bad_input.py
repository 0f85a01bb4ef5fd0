"""Every public function rejects bad input with an error naming the parameter.

For each function we list one valid call and, per parameter, values outside
its allowed range.  Every numeric parameter is also fed NaN (ValueError), a
string and a boolean (TypeError).  The message must name the parameter.

The core modules' cases are below (``CASES``); each later module keeps its
cases next to its own tests, as ``BAD_INPUT_CASES`` in ``tests/test_<module>.py``
(where the module's valid-call and coverage tests also live), and the generic
checks here run over all of them.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_agents import BAD_INPUT_CASES as AGENTS_CASES
from test_analogies import BAD_INPUT_CASES as ANALOGIES_CASES
from test_caching import BAD_INPUT_CASES as CACHING_CASES
from test_calibration import BAD_INPUT_CASES as CALIBRATION_CASES
from test_estimator import BAD_INPUT_CASES as ESTIMATOR_CASES
from test_grid import BAD_INPUT_CASES as GRID_CASES
from test_levers import BAD_INPUT_CASES as LEVERS_CASES
from test_montecarlo import BAD_INPUT_CASES as MONTECARLO_CASES
from test_rebound import BAD_INPUT_CASES as REBOUND_CASES
from test_serving import BAD_INPUT_CASES as SERVING_CASES
from test_thermo import BAD_INPUT_CASES as THERMO_CASES

import energylib as el
from energylib.hardware import HARDWARE

YEAR = el.YEAR

# function -> (valid keyword arguments, {parameter: [out-of-range values]})
CASES: dict = {
    el.training_flops: (
        dict(n_params=1e9, n_tokens=2e10),
        {"n_params": [0, -1], "n_tokens": [0, -5]},
    ),
    el.training_energy_from_compute: (
        dict(flops=1e24, peak_flops_per_s=1e15, utilization=0.4, accelerator_power=700, pue=1.1),
        {
            "flops": [0, -1, math.inf],
            "peak_flops_per_s": [0, -1],
            "utilization": [0, 1.01, -0.5],
            "accelerator_power": [-1, math.inf],
            "pue": [0.99, 0, -1, math.inf],
        },
    ),
    el.training_energy_from_accelerator_hours: (
        dict(accelerator_hours=1e6, accelerator_power=700, pue=1.1),
        {"accelerator_hours": [-1, math.inf], "accelerator_power": [-0.1], "pue": [0.5]},
    ),
    el.number_of_training_runs: (
        dict(horizon=10.0, interval=1.0),
        {"horizon": [-1, math.inf], "interval": [0, -1, math.inf]},
    ),
    el.cumulative_training_energy: (
        dict(horizon=10.0, interval=1.0, first_run_energy=5.0, growth_per_generation=1.5),
        {
            "horizon": [-1],
            "interval": [0],
            "first_run_energy": [-1, math.inf],
            "growth_per_generation": [0, -2, math.inf],
        },
    ),
    el.prefill_seconds: (
        dict(active_params=1e10, input_tokens=100, prefill_utilization=0.5),
        {"active_params": [0, -1], "input_tokens": [-1], "prefill_utilization": [0, 1.5]},
    ),
    el.decode_seconds_per_token: (
        dict(active_params=1e10, bytes_per_param=2, batch_size=8),
        {"active_params": [0], "bytes_per_param": [0, -1], "batch_size": [0.5, -1]},
    ),
    el.energy_per_query: (
        dict(
            active_params=1e10,
            input_tokens=100,
            output_tokens=200,
            pue=1.2,
            host_overhead=0.3,
            power_fraction=0.7,
            batch_size=16,
        ),
        {
            "active_params": [0],
            "input_tokens": [-1],
            "output_tokens": [-1, math.inf],
            "pue": [0.9],
            "host_overhead": [-0.1],
            "power_fraction": [0, 1.2],
            "batch_size": [0],
            "accelerator_power": [-700],
            "decode_utilization": [0, 2],
        },
    ),
    el.constant_demand: (dict(t=1.0, q0=2.0), {"t": [-1], "q0": [-1]}),
    el.exponential_demand: (
        dict(t=1.0, q0=2.0, growth_rate=0.1),
        {"t": [-1], "q0": [-1], "growth_rate": [math.inf]},
    ),
    el.logistic_demand: (
        dict(t=1.0, q0=2.0, growth_rate=0.1, capacity=10.0),
        {"t": [-1], "q0": [0, -1], "growth_rate": [-0.1], "capacity": [0, 1.0]},
    ),
    el.people_demand: (
        dict(users=1e6, queries_per_user_per_day=3),
        {"users": [-1], "queries_per_user_per_day": [-1]},
    ),
    el.machine_demand: (
        dict(agents=10, calls_per_second=100),
        {"agents": [-1], "calls_per_second": [-1]},
    ),
    el.cumulative_inference_energy: (
        dict(
            horizon=YEAR,
            q0=1e3,
            e0=1e3,
            growth_rate=0.1 / YEAR,
            efficiency_rate=0.2 / YEAR,
            discount_rate=0.01 / YEAR,
        ),
        {
            "horizon": [-1, math.inf],
            "q0": [-1],
            "e0": [-1],
            "growth_rate": [math.inf],
            "efficiency_rate": [-math.inf],
            "discount_rate": [-0.1],
        },
    ),
    el.limiting_inference_energy: (
        dict(q0=1e3, e0=1e3, growth_rate=0.1, efficiency_rate=0.2, discount_rate=0.0),
        {
            "q0": [-1],
            "e0": [-1],
            "growth_rate": [math.inf],
            "efficiency_rate": [math.inf],
            "discount_rate": [-1],
        },
    ),
    el.break_even_time: (
        dict(training_energy=1e12, q0=1e3, e0=1e3, growth_rate=1e-7, efficiency_rate=2e-7),
        {"training_energy": [-1, math.inf], "q0": [-1], "e0": [-1], "growth_rate": [math.inf]},
    ),
    el.inference_to_training_ratio: (
        dict(
            horizon=1.0, training_energy=1.0, q0=1.0, e0=1.0, growth_rate=0.0, efficiency_rate=0.0
        ),
        {"horizon": [-1], "training_energy": [0, -1], "q0": [-1]},
    ),
    el.model_ledger: (
        dict(
            training_energy=1.0,
            serving_life=1.0,
            q0=1.0,
            e0=1.0,
            growth_rate=0.0,
            efficiency_rate=0.0,
        ),
        {"training_energy": [0], "serving_life": [-1], "e0": [-1]},
    ),
    el.fleet_ledger: (
        dict(
            horizon=5.0,
            interval=1.0,
            first_training_energy=1.0,
            growth_per_generation=1.0,
            q0=1.0,
            e0=1.0,
            growth_rate=0.0,
            efficiency_rate=0.0,
        ),
        {
            "horizon": [-1],
            "interval": [0],
            "first_training_energy": [0],
            "growth_per_generation": [0],
        },
    ),
    el.fleet_limiting_ratio: (
        dict(
            interval=1.0,
            first_training_energy=1.0,
            growth_per_generation=1.0,
            q0=1.0,
            e0=1.0,
            growth_rate=0.0,
            efficiency_rate=0.0,
        ),
        {
            "interval": [0],
            "first_training_energy": [0],
            "growth_per_generation": [0],
            "q0": [0],
            "e0": [0],
            "growth_rate": [math.inf],
        },
    ),
    el.to_joules: (dict(value=1.0, unit="kWh"), {"value": [math.nan]}),
    el.from_joules: (dict(value=1.0, unit="kWh"), {"value": [math.nan]}),
    el.to_seconds: (dict(value=1.0, unit="day"), {"value": [math.nan]}),
    el.from_seconds: (dict(value=1.0, unit="day"), {"value": [math.nan]}),
    el.per_year: (dict(rate_per_year=0.3), {"rate_per_year": [math.inf]}),
}

# Every module's cases: the generic checks below run over all of them.
ALL_CASES: dict = {
    **CASES,
    **AGENTS_CASES,
    **ANALOGIES_CASES,
    **CACHING_CASES,
    **CALIBRATION_CASES,
    **ESTIMATOR_CASES,
    **GRID_CASES,
    **LEVERS_CASES,
    **MONTECARLO_CASES,
    **REBOUND_CASES,
    **SERVING_CASES,
    **THERMO_CASES,
}

OUT_OF_RANGE = [
    pytest.param(f, name, bad, id=f"{f.__module__}.{f.__name__}-{name}={bad}")
    for f, (_, params) in ALL_CASES.items()
    for name, bads in params.items()
    for bad in bads
]

NUMERIC_PARAMS = [
    pytest.param(f, name, id=f"{f.__module__}.{f.__name__}-{name}")
    for f, (kwargs, _) in ALL_CASES.items()
    for name, value in kwargs.items()
    if isinstance(value, int | float) and not isinstance(value, bool)
]


def test_every_public_function_is_covered():
    public_functions = {
        getattr(el, name)
        for name in el.__all__
        if callable(getattr(el, name)) and not isinstance(getattr(el, name), type)
    }
    not_numeric = {
        el.use_book_style,
        el.format_duration,
        el.check_number,
        el.check_integer,
        el.check_option,
        el.scalar_or_array,
    }
    missing = public_functions - set(ALL_CASES) - not_numeric
    assert not missing, f"add bad-input cases for {sorted(f.__name__ for f in missing)}"


@pytest.mark.parametrize("func", list(CASES), ids=lambda f: f.__name__)
def test_valid_call_is_finite(func):
    kwargs, _ = CASES[func]
    result = func(**kwargs)
    values = (
        [getattr(result, a) for a in ("training_energy", "inference_energy", "ratio")]
        if hasattr(result, "ratio")
        else [result]
    )
    for v in values:
        assert np.all(np.isfinite(v)), (func.__name__, v)


@pytest.mark.parametrize(("func", "name", "bad"), OUT_OF_RANGE)
def test_out_of_range_raises_value_error_naming_parameter(func, name, bad):
    kwargs = dict(ALL_CASES[func][0])
    kwargs[name] = bad
    with pytest.raises(ValueError, match=name):
        func(**kwargs)


@pytest.mark.parametrize(("func", "name"), NUMERIC_PARAMS)
def test_nan_raises_value_error(func, name):
    kwargs = dict(ALL_CASES[func][0])
    kwargs[name] = math.nan
    with pytest.raises(ValueError, match=rf"{name}.*nan"):
        func(**kwargs)


@pytest.mark.parametrize(("func", "name"), NUMERIC_PARAMS)
@pytest.mark.parametrize("bad", ["1.0", True, None, 1 + 2j])
def test_wrong_type_raises_type_error(func, name, bad):
    kwargs = dict(ALL_CASES[func][0])
    kwargs[name] = bad
    with pytest.raises(TypeError, match=name):
        func(**kwargs)


@pytest.mark.parametrize(("func", "name"), NUMERIC_PARAMS)
def test_nan_inside_an_array_is_caught(func, name):
    kwargs = dict(ALL_CASES[func][0])
    kwargs[name] = np.array([kwargs[name], math.nan])
    try:
        func(**kwargs)
    except ValueError as err:
        assert name in str(err)
    except TypeError as err:  # a parameter that must be a scalar says so
        assert name in str(err) or "scalar" in str(err)
    else:
        pytest.fail(f"{func.__name__} accepted NaN inside an array for {name}")


def test_error_message_states_value_and_range():
    with pytest.raises(ValueError) as info:
        el.training_energy_from_compute(1e24, 1e15, 1.5, 700, 1.1)
    message = str(info.value)
    assert "utilization" in message and "1.5" in message and "(0, 1]" in message


def test_units_reject_unknown_unit():
    with pytest.raises(ValueError, match="unknown energy unit"):
        el.to_joules(1.0, "calories")
    with pytest.raises(TypeError, match="unit"):
        el.from_seconds(1.0, 3)


def test_accelerator_must_be_an_accelerator():
    with pytest.raises(TypeError, match="accelerator"):
        el.energy_per_query(1e10, 10, 10, accelerator="H100")
    assert el.energy_per_query(1e10, 10, 10, accelerator=HARDWARE["A100 SXM"]) > 0


def test_explorer_constructor_validates():
    with pytest.raises(ValueError, match="training_gwh"):
        el.TemporalExplorer(training_gwh=0.5)
    with pytest.raises(ValueError, match="e0_wh"):
        el.TemporalExplorer(e0_wh=math.nan)
    with pytest.raises(TypeError, match="e0_wh"):
        el.TemporalExplorer(e0_wh="0.3")


_EDGES = (-math.inf, -1.0, 0.0, 1.0, math.inf, math.nan, 5e-324, 1.7976931348623157e308)


@settings(max_examples=300)
@given(value=st.one_of(st.floats(), st.integers(-10**20, 10**20), st.sampled_from(_EDGES)),
       low=st.sampled_from((-math.inf, -1.0, 0.0, 1.0)),
       high=st.sampled_from((0.0, 1.0, 2.5, math.inf)),
       low_open=st.booleans(), high_open=st.booleans(), allow_inf=st.booleans())
def test_check_number_plain_numbers_agree_with_the_array_path(value, low, high, low_open,
                                                              high_open, allow_inf):
    """check_number's shortcut for a plain float or int accepts and rejects exactly what
    its general path (here, the same value as a 0-d array) does, with the same message."""
    bounds = dict(low=low, high=high, low_open=low_open, high_open=high_open,
                  allow_inf=allow_inf)

    def outcome(v):
        try:
            return float(el.check_number("x", v, **bounds))
        except (TypeError, ValueError) as error:
            return type(error), str(error)

    plain, general = outcome(value), outcome(np.asarray(float(value)))
    assert plain == general
