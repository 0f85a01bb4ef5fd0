"""The analogies explorer, driven at each slider's minimum, maximum and default."""

from __future__ import annotations

import math
import warnings

import pytest

from energylib.analogies import ai_ledger, highway_ledger
from energylib.explorers.analogies import AnalogyExplorer, fixed_analogies
from energylib.units import GWH, WH

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _bounds(slider):
    if hasattr(slider, "base"):  # FloatLogSlider: min and max are exponents
        return slider.base ** slider.min, slider.base ** slider.max
    return slider.min, slider.max


@pytest.fixture(scope="module")
def explorer():
    return AnalogyExplorer()


def slider_positions():
    ex = AnalogyExplorer()
    for name, slider in ex.sliders.items():
        lo, hi = _bounds(slider)
        for label, value in [("max", hi), ("min", lo), ("default", slider.value)]:
            yield pytest.param(name, value, id=f"{name}-{label}")


@pytest.mark.parametrize(("name", "value"), list(slider_positions()))
def test_slider_extremes_redraw_with_finite_outputs(explorer, name, value):
    before = explorer.redraw_count
    old_image = bytes(explorer.image.value)
    assert explorer.sliders[name].value != pytest.approx(value), "each position must move"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer.sliders[name].value = value  # as a reader would: the callback fires
    assert explorer.redraw_count == before + 1
    assert bytes(explorer.image.value).startswith(PNG_MAGIC)
    assert bytes(explorer.image.value) != old_image
    assert all(math.isfinite(v) for v in explorer.outputs.values())
    assert "AI model" in explorer.headline.value and "Highway" in explorer.headline.value


def test_all_corners_together():
    ex = AnalogyExplorer()
    names = list(ex.sliders)
    for corner in range(2 ** len(names)):
        values = {n: _bounds(ex.sliders[n])[corner >> i & 1] for i, n in enumerate(names)}
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out = ex.update(**values)
        assert all(math.isfinite(v) for v in out.values()), values


def test_outputs_match_the_library():
    ex = AnalogyExplorer(lanes=2)
    out = ex.update(queries_per_day=1e6, wh_per_query=2.0, serving_years=3.0,
                    training_gwh=20.0, vehicles_per_day=1000, road_years=30)
    assert out["ai_orders"] == pytest.approx(ai_ledger(20 * GWH, 1e6, 2 * WH, 3.0).orders)
    assert out["road_orders"] == pytest.approx(highway_ledger(1000, 2, 30).orders)
    assert "creation dominates" in ex.headline.value or "exceeds" in ex.headline.value


def test_fixed_bars():
    fixed = fixed_analogies()
    assert len(fixed) == 3 and all(math.isfinite(v) for v in fixed.values())


def test_unknown_slider_and_bad_lanes():
    with pytest.raises(ValueError, match="unknown slider"):
        AnalogyExplorer().update(speed=3.0)
    with pytest.raises(ValueError, match="lanes"):
        AnalogyExplorer(lanes=0)
    with pytest.raises(TypeError, match="lanes"):
        AnalogyExplorer(lanes="4")
