"""Energy per query: published anchors, physics of prefill and decode."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from energylib import (
    EMPIRICAL_ENERGY_PER_QUERY,
    HARDWARE,
    WH,
    decode_seconds_per_token,
    energy_per_query,
    prefill_seconds,
)
from energylib.hardware import DGX_H100_POWER_PER_GPU

H100 = HARDWARE["H100 SXM"]


def test_epoch_gpt4o_estimate():
    # You (2025), Epoch AI: 100B active, 500 output tokens, 10 % utilization,
    # 1,275 W per GPU at 70 %, PUE 1.2 -> "roughly 0.3 Wh".
    e = energy_per_query(100e9, 0, 500, accelerator_power=DGX_H100_POWER_PER_GPU,
                         power_fraction=0.7, decode_utilization=0.1, pue=1.2)
    assert e / WH == pytest.approx(0.3, abs=0.01)


def test_hand_computed_prefill_and_decode():
    # prefill: 2 * 1e10 * 1000 FLOP at 50 % of 989e12 FLOP/s
    assert prefill_seconds(1e10, 1000) == pytest.approx(2e13 / (0.5 * 989e12))
    # decode, batch 1: 2e10 bytes at 3.35e12 B/s
    assert decode_seconds_per_token(1e10) == pytest.approx(2e10 / 3.35e12)
    # large batch: compute-bound at 2 N / peak per token
    assert decode_seconds_per_token(1e10, batch_size=1e4) == pytest.approx(2e10 / 989e12)


def test_energy_is_time_times_power_with_overheads():
    t = prefill_seconds(7e9, 300) + 200 * decode_seconds_per_token(7e9, batch_size=32)
    e = energy_per_query(7e9, 300, 200, batch_size=32, host_overhead=0.25, pue=1.1)
    assert_allclose(e, t * 700.0 * 1.25 * 1.1, rtol=1e-12)


def test_quantization_halves_memory_bound_decode():
    bf16 = energy_per_query(70e9, 0, 500, bytes_per_param=2.0)
    int8 = energy_per_query(70e9, 0, 500, bytes_per_param=1.0)
    assert int8 == pytest.approx(bf16 / 2)


@given(batch=st.floats(1.0, 1e4), n_out=st.floats(1.0, 1e4))
def test_batching_never_raises_energy(batch, n_out):
    # Equal in exact arithmetic once compute-bound: compare with a rounding tolerance.
    assert energy_per_query(70e9, 100, n_out, batch_size=batch * 2) <= energy_per_query(
        70e9, 100, n_out, batch_size=batch
    ) * (1 + 1e-12)


@given(n_in=st.floats(0, 1e5), n_out=st.floats(0, 1e4), factor=st.floats(1.01, 10))
def test_monotone_in_tokens_and_parameters(n_in, n_out, factor):
    base = energy_per_query(8e9, n_in, n_out, batch_size=16)
    assert energy_per_query(8e9 * factor, n_in, n_out, batch_size=16) >= base
    assert energy_per_query(8e9, n_in * factor + 1, n_out, batch_size=16) > base
    assert energy_per_query(8e9, n_in, n_out * factor + 1, batch_size=16) > base


def test_empirical_figures_are_in_a_plausible_band():
    for name, figure in EMPIRICAL_ENERGY_PER_QUERY.items():
        assert 0.01 * WH < figure.energy < 100 * WH, name
        assert figure.source and figure.note
    assert EMPIRICAL_ENERGY_PER_QUERY["gemini-apps-median-2025"].energy == pytest.approx(864.0)
