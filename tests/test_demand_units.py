"""Demand shapes and unit conversions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from energylib import (
    DAY,
    YEAR,
    constant_demand,
    exponential_demand,
    from_joules,
    from_seconds,
    logistic_demand,
    machine_demand,
    people_demand,
    per_year,
    to_joules,
    to_seconds,
)
from energylib.units import ENERGY_UNITS, TIME_UNITS


def test_people_and_machines():
    assert people_demand(86_400, 1.0) == pytest.approx(1.0)
    assert machine_demand(3, 100.0) == 300.0
    # 2.5 billion prompts a day is about 29 thousand a second
    assert people_demand(2.5e9, 1) == pytest.approx(28_935, rel=1e-4)


def test_exponential_doubling_time():
    g = per_year(math.log(2) / 2)  # doubles every two years
    assert exponential_demand(2 * YEAR, 5.0, g) == pytest.approx(10.0)


def test_logistic_starts_at_q0_and_saturates():
    t = np.array([0.0, 1.0, 10.0, 1e3])
    q = logistic_demand(t, 1.0, 1.0, 50.0)
    assert q[0] == pytest.approx(1.0)
    assert q[-1] == pytest.approx(50.0)
    assert np.all(np.diff(q) > 0)


@given(t=st.floats(0, 5), g=st.floats(0.01, 2))
def test_logistic_never_exceeds_exponential_or_capacity(t, g):
    q_log = logistic_demand(t, 1.0, g, 20.0)
    assert q_log <= exponential_demand(t, 1.0, g) * (1 + 1e-12)
    assert q_log <= 20.0 * (1 + 1e-12)


def test_constant_demand_broadcasts():
    assert_allclose(constant_demand(np.zeros(3), 4.0), [4.0, 4.0, 4.0])


@pytest.mark.parametrize("unit", list(ENERGY_UNITS))
def test_energy_round_trip(unit):
    assert from_joules(to_joules(1.2345, unit), unit) == pytest.approx(1.2345)


@pytest.mark.parametrize("unit", list(TIME_UNITS))
def test_time_round_trip(unit):
    assert from_seconds(to_seconds(2.5, unit), unit) == pytest.approx(2.5)


def test_hand_computed_conversions():
    assert to_joules(1, "TWh") == 3.6e15
    assert from_seconds(YEAR, "day") == 365.25
    assert to_seconds(1, "day") == DAY
    assert to_joules(np.array([1.0, 2.0]), "kWh").tolist() == [3.6e6, 7.2e6]
    assert from_joules(math.inf, "GWh") == math.inf


def test_zero_demand_stays_zero_when_the_exponential_overflows():
    assert exponential_demand(1e6, 0.0, 1.0) == 0.0
    assert exponential_demand(1e6, 1.0, 1.0) == math.inf
    assert_allclose(exponential_demand(np.array([0.0, 1e6]), 0.0, 1.0), [0.0, 0.0])
