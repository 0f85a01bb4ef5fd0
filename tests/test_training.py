"""Training energy against published figures and hand computations."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from energylib import (
    HARDWARE,
    MWH,
    YEAR,
    cumulative_training_energy,
    from_joules,
    number_of_training_runs,
    training_energy_from_accelerator_hours,
    training_energy_from_compute,
    training_flops,
)


def test_gpt3_compute_matches_brown_et_al():
    # Brown et al. (2020), Table D.1: 3.14e23 FLOP for GPT-3 175B on 300B tokens.
    assert training_flops(175e9, 300e9) == pytest.approx(3.14e23, rel=0.01)


def test_gpt3_energy_matches_patterson_table_4():
    # Patterson et al. (2021), Table 4: 3,552,000 V100 hours, 330 W, PUE 1.10 -> 1,287 MWh.
    e = training_energy_from_accelerator_hours(3.552e6, 330.0, 1.10)
    assert from_joules(e, "MWh") == pytest.approx(1287, rel=0.003)


def test_llama31_405b_energy_at_tdp():
    # Meta's model card: 30.84M H100-80GB GPU hours at 700 W TDP -> ~21.6 GWh (no PUE).
    e = training_energy_from_accelerator_hours(30.84e6, HARDWARE["H100 SXM"].power)
    assert from_joules(e, "GWh") == pytest.approx(21.59, abs=0.01)


def test_compute_route_agrees_with_hours_route():
    flops, peak, u, p = 3e24, 312e12, 0.4, 400.0
    hours = flops / (peak * u) / 3600
    assert_allclose(training_energy_from_compute(flops, peak, u, p, 1.2),
                    training_energy_from_accelerator_hours(hours, p, 1.2), rtol=1e-12)


@given(u=st.floats(0.01, 0.99), pue=st.floats(1.0, 2.0))
def test_energy_falls_with_utilization_and_rises_with_pue(u, pue):
    base = training_energy_from_compute(1e24, 1e15, u, 700.0, pue)
    assert training_energy_from_compute(1e24, 1e15, min(1.0, u * 1.01), 700.0, pue) < base
    assert training_energy_from_compute(1e24, 1e15, u, 700.0, pue + 0.1) > base


def test_number_of_runs_counts_the_first():
    assert number_of_training_runs(0.0, YEAR) == 1.0
    assert_allclose(number_of_training_runs(np.array([0.99, 1.0, 5.5]) * YEAR, YEAR), [1, 2, 6])


@pytest.mark.parametrize("c", [0.5, 0.999999, 1.0, 1.000001, 1.3, 3.0])
def test_geometric_sum_matches_explicit_loop(c):
    horizon, interval, e1 = 9.5, 1.0, 7.0
    explicit = sum(e1 * c**n for n in range(10))
    assert_allclose(cumulative_training_energy(horizon, interval, e1, c), explicit, rtol=1e-9)


def test_training_schedule_in_megawatt_hours():
    total = cumulative_training_energy(4 * YEAR, YEAR, 1287 * MWH, 2.0)
    assert from_joules(total, "MWh") == pytest.approx(1287 * 31)
