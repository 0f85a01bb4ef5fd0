"""Every explorer, driven at each slider's minimum, maximum and default."""

from __future__ import annotations

import math
import warnings

import pytest

from energylib import GWH, TemporalExplorer

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def explorer():
    return TemporalExplorer()


def slider_positions():
    ex = TemporalExplorer()
    for name, slider in ex.sliders.items():
        for label, value in [("min", slider.min), ("max", slider.max), ("default", slider.value)]:
            # FloatLogSlider stores min/max as exponents
            if hasattr(slider, "base") and label != "default":
                value = slider.base ** value
            yield pytest.param(name, value, id=f"{name}-{label}")


@pytest.mark.parametrize(("name", "value"), list(slider_positions()))
def test_slider_extremes_redraw_with_finite_outputs(explorer, name, value):
    before = explorer.redraw_count
    old_image = bytes(explorer.image.value)
    assert explorer.sliders[name].value != value, "each position must move the slider"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer.sliders[name].value = value  # as a reader would: the callback fires
    assert explorer.redraw_count == before + 1
    assert bytes(explorer.image.value).startswith(PNG_MAGIC)
    out = explorer.outputs
    assert math.isfinite(out["ratio_at_horizon"]) and out["ratio_at_horizon"] >= 0
    assert math.isfinite(out["inference_energy"]) and out["inference_energy"] > 0
    assert out["break_even_time"] > 0  # may be inf ("never"), never NaN
    assert not math.isnan(out["limit"])
    assert "Break-even" in explorer.headline.value
    assert explorer.sliders[name].value == pytest.approx(value)
    assert bytes(explorer.image.value) != old_image  # the figure was redrawn, not just counted


def test_all_extremes_together():
    ex = TemporalExplorer()
    for corner in [
        dict(growth=0.0, efficiency=1.0, horizon=1.0, training=1000.0, queries_per_day=1e5),
        dict(growth=1.0, efficiency=0.0, horizon=30.0, training=1.0, queries_per_day=1e10),
        dict(growth=1.0, efficiency=1.0, horizon=30.0, training=1000.0, queries_per_day=1e5),
    ]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out = ex.update(**corner)
        assert all(not math.isnan(v) for v in out.values())


def test_explorer_reports_regimes_in_words():
    ex = TemporalExplorer()
    ex.update(growth=0.2, efficiency=0.5, training=1000.0, queries_per_day=1e5)
    assert "converges" in ex.headline.value
    assert ex.outputs["break_even_time"] == math.inf and "never" in ex.headline.value
    ex.update(growth=0.5, efficiency=0.5)
    assert "linearly" in ex.headline.value
    ex.update(growth=0.0, efficiency=0.0, training=50.0, queries_per_day=1e9)
    assert ex.outputs["training_energy"] == pytest.approx(50 * GWH)


def test_unknown_slider_is_an_error():
    with pytest.raises(ValueError, match="unknown slider"):
        TemporalExplorer().update(speed=3.0)


def test_outputs_match_the_library():
    from energylib import DAY, WH, YEAR, break_even_time, inference_to_training_ratio, per_year

    ex = TemporalExplorer()
    out = ex.update(growth=0.4, efficiency=0.3, horizon=10.0, training=50.0, queries_per_day=1e9)
    args = (1e9 / DAY, 0.3 * WH, per_year(0.4), per_year(0.3))
    assert out["ratio_at_horizon"] == pytest.approx(
        inference_to_training_ratio(10 * YEAR, 50 * GWH, *args)
    )
    assert out["break_even_time"] == pytest.approx(break_even_time(50 * GWH, *args))
