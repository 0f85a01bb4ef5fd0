"""The verdict on C12 (energylib.verdict) and its figure."""

from __future__ import annotations

import math

import numpy as np
import pytest

import energylib.verdict as vd
from energylib.figures.verdict import share_over_time_figure
from energylib.units import YEAR, per_year
from energylib.verdict import fleet_inference_share, verdict_in_words

G, R = float(per_year(0.4)), float(per_year(0.3))

BAD_INPUT_CASES: dict = {
    fleet_inference_share: (
        dict(horizon=5 * YEAR, growth_rate=G, efficiency_rate=R, serving_rate=1 / YEAR,
             interval=YEAR, elasticity=0.5, cost_growth_per_generation=1.5),
        {"horizon": [-1], "serving_rate": [0, -1], "interval": [0, -1],
         "elasticity": [-0.1], "cost_growth_per_generation": [0, -1]},
    ),
    verdict_in_words: (
        dict(growth_rate=G, efficiency_rate=R, serving_rate=1 / YEAR, interval=YEAR,
             elasticity=0.5, cost_growth_per_generation=1.5),
        {"growth_rate": [math.inf], "serving_rate": [0], "interval": [-1],
         "elasticity": [-1], "cost_growth_per_generation": [0]},
    ),
}
OUT_OF_RANGE = [
    pytest.param(f, n, b, id=f"{f.__name__}-{n}={b}")
    for f, (_, ps) in BAD_INPUT_CASES.items() for n, bs in ps.items() for b in bs
]
NUMERIC = [
    pytest.param(f, n, id=f"{f.__name__}-{n}")
    for f, (kw, _) in BAD_INPUT_CASES.items() for n, v in kw.items() if isinstance(v, float)
]


def test_every_public_function_is_covered():
    public = {getattr(vd, n) for n in vd.__all__ if callable(getattr(vd, n))
              and not isinstance(getattr(vd, n), type)}
    assert public == set(BAD_INPUT_CASES)


@pytest.mark.parametrize(("func", "name", "bad"), OUT_OF_RANGE)
def test_out_of_range(func, name, bad):
    with pytest.raises(ValueError, match=name):
        func(**dict(BAD_INPUT_CASES[func][0], **{name: bad}))


@pytest.mark.parametrize(("func", "name"), NUMERIC)
def test_nan(func, name):
    with pytest.raises(ValueError, match=rf"{name}.*nan"):
        func(**dict(BAD_INPUT_CASES[func][0], **{name: math.nan}))


@pytest.mark.parametrize(("func", "name"), NUMERIC)
@pytest.mark.parametrize("bad", ["1.0", True, None, 1 + 2j])
def test_wrong_type(func, name, bad):
    with pytest.raises(TypeError, match=name):
        func(**dict(BAD_INPUT_CASES[func][0], **{name: bad}))


def test_share_limits_match_the_verdict():
    t = 400 * YEAR - 1.0  # just before a retraining date
    fleet, _ = fleet_inference_share(t, 0.0, 0.0, 2 / YEAR)
    assert fleet == pytest.approx(2 / 3, rel=1e-6)  # ratio of rates 2 -> share 2/3
    fleet, single = fleet_inference_share(100 * YEAR, G, R, 1 / YEAR)
    assert fleet > 0.99 and single > 0.99
    fleet, single = fleet_inference_share(200 * YEAR, float(per_year(0.1)), R, 1 / YEAR)
    assert fleet < 0.1 and single == pytest.approx(5 / 6, rel=1e-6)  # lifetime 1/(0.2)=5 runs


def test_words_cover_each_outcome():
    assert verdict_in_words(G, R, 1 / YEAR)["verdict"] == "inference is the sink"
    assert verdict_in_words(R, G, 1 / YEAR)["verdict"] == "training is the sink"
    assert "inference is the larger" in verdict_in_words(R, R, 2 / YEAR)["verdict"]
    assert "training is the larger" in verdict_in_words(R, R, 0.5 / YEAR)["verdict"]
    assert verdict_in_words(R, G, 1 / YEAR, elasticity=1.5)["rebound"].startswith("backfire")


def test_array_horizon():
    fleet, single = fleet_inference_share(np.array([1.0, 2.0]) * YEAR, G, R, 1 / YEAR)
    assert fleet.shape == (2,) and np.all((fleet > 0) & (fleet < 1))


def test_static_figure():
    fig = share_over_time_figure({"a": {}, "b": {"g": 0.1}})
    assert fig.axes[0].get_xlabel().endswith("[yr]")
