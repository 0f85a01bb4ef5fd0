"""The verdict explorer and its functions."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import energylib.explorers.verdict as vd
from energylib.explorers.verdict import VerdictExplorer, fleet_inference_share, verdict_in_words
from energylib.units import YEAR, per_year

PNG = b"\x89PNG\r\n\x1a\n"
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
              and not isinstance(getattr(vd, n), type)} - {vd.share_over_time_figure}
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


def finite_or_unbounded(key: str, value: float) -> bool:
    """Every output is finite, but the limits as the horizon grows may be +inf."""
    return math.isfinite(value) or (key in {"limiting_ratio", "single_lifetime"}
                                    and value == math.inf)


@pytest.fixture(scope="module")
def explorer():
    return VerdictExplorer()


def positions():
    ex = VerdictExplorer()
    for name, s in ex.sliders.items():
        lo, hi = (s.base ** s.min, s.base ** s.max) if hasattr(s, "base") else (s.min, s.max)
        for label, v in (("min", lo), ("max", hi), ("default", s.value)):
            yield pytest.param(name, v, id=f"{name}-{label}")


@pytest.mark.parametrize(("name", "value"), list(positions()))
def test_slider_positions(explorer, name, value):
    s = explorer.sliders[name]
    lo, hi = (s.base ** s.min, s.base ** s.max) if hasattr(s, "base") else (s.min, s.max)
    if s.value == pytest.approx(value):
        explorer.update(**{name: hi if value != pytest.approx(hi) else lo})
    before, old = explorer.redraw_count, bytes(explorer.image.value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s.value = value
    assert explorer.redraw_count == before + 1
    assert bytes(explorer.image.value).startswith(PNG) and bytes(explorer.image.value) != old
    assert all(finite_or_unbounded(k, v) for k, v in explorer.outputs.items())
    assert 0 <= explorer.outputs["fleet_share"] <= 1
    assert "Verdict" in explorer.headline.value


def test_all_corners():
    ex = VerdictExplorer()
    names = list(ex.sliders)
    for corner in range(2 ** len(names)):
        values = {}
        for i, n in enumerate(names):
            s = ex.sliders[n]
            end = s.max if corner >> i & 1 else s.min
            values[n] = s.base ** end if hasattr(s, "base") else end
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out = ex.update(**values)
        assert all(finite_or_unbounded(k, v) for k, v in out.items()), values


def test_static_figure():
    fig = vd.share_over_time_figure({"a": {}, "b": {"g": 0.1}})
    assert fig.axes[0].get_xlabel().endswith("[yr]")
