"""The estimator against measurements from labs it was not fitted to (issue 10's check).

Recomputes :func:`energylib.serving_fit.external_validation` from the measurements and the
estimator; asserts the stated claim (within a factor of 2 for at least 80 % of the
independent points) only where it holds, and checks that independent rows cannot enter
the fit.
"""

from __future__ import annotations

import dataclasses
import math

import pytest

from energylib.estimator import estimate_query_energy
from energylib.measurements import by_id, load_measurements
from energylib.serving_fit import (
    AI2_OFFLINE_BATCH,
    FIT_LABS,
    build_evidence,
    external_validation,
)


@pytest.fixture(scope="module")
def validation():
    return external_validation()


def test_no_independent_point_enters_the_fit(validation):
    ev = build_evidence()
    assert set(ev.labs) <= set(FIT_LABS)
    assert not {p.id for p in validation.points} & set(ev.ids)


def test_an_independent_row_with_a_published_batch_stays_out_of_the_fit():
    """A row of another lab with every column the fit needs (batch included) is still
    left out: independence is decided by lab, not by a missing column."""
    row = dataclasses.replace(by_id("ai2-llama-3-1-8b-offline"), batch_size=64.0)
    ml = next(m for m in load_measurements() if m.lab == "ML.ENERGY" and m.batch_size)
    ev = build_evidence([ml, row])
    assert ev.ids == (ml.id,)


def test_points_recompute_from_the_estimator(validation):
    assert validation.n >= 4
    for p in validation.points:
        m = by_id(p.id)
        assert m.lab not in FIT_LABS and m.scope == "gpu"
        assert p.measured == pytest.approx(m.si)
        assert p.batch_assumed == (m.batch_size is None)
        r = estimate_query_energy(model=m.model, input_tokens=m.input_tokens,
                                  output_tokens=m.output_tokens, accelerator=p.accelerator,
                                  batch_size=p.batch_size, bytes_per_param=m.precision,
                                  scope="gpu")
        assert p.estimate == pytest.approx(r.energy)
        assert p.factor_error == pytest.approx(math.exp(abs(math.log(r.energy / m.si))))
        assert p.covered == (r.low <= m.si <= r.high)


def test_summary_matches_points(validation):
    pts = validation.points
    assert validation.share_within_factor_2 == pytest.approx(
        sum(p.factor_error <= 2 for p in pts) / len(pts))
    assert validation.coverage == pytest.approx(sum(p.covered for p in pts) / len(pts))
    assert validation.labs == tuple(sorted({p.lab for p in pts}))


def test_the_claim_within_a_factor_of_2_holds_on_what_there_is(validation):
    """The done-when target: within a factor of 2 of at least 80 % of independent
    measurements.  It holds on AI2's offline runs at the assumed batch of 256 and at a
    batch of 64; what there is, is one independent lab, dense models only, and an assumed
    batch (the chapter says so)."""
    assert validation.share_within_factor_2 >= 0.8
    assert external_validation(64).share_within_factor_2 >= 0.8


def test_interval_coverage_depends_on_the_assumed_batch(validation):
    """At the assumed batch of 256 the 80 % interval covers every AI2 point; at 64 only
    half: the coverage claim rests on the batch assumption, which the source does not
    publish."""
    assert AI2_OFFLINE_BATCH == 256.0
    assert validation.coverage >= 0.75
    assert external_validation(64).coverage < validation.coverage
    assert all(p.batch_assumed for p in validation.points)


@pytest.mark.parametrize("bad", [0.0, -1.0, math.inf, math.nan, 1e6])
def test_bad_assumed_batch_raises(bad):
    with pytest.raises(ValueError, match="assumed_batch"):
        external_validation(bad)


def test_bad_type_raises():
    with pytest.raises(TypeError, match="assumed_batch"):
        external_validation("256")  # type: ignore[arg-type]
