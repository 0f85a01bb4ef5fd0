"""The thermodynamics explorer, driven at each slider's minimum, maximum and default."""

from __future__ import annotations

import math
import warnings

import pytest

from energylib.explorers.thermo import LandauerExplorer
from energylib.thermo import landauer_crossing_time, landauer_energy

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def explorer():
    return LandauerExplorer()


def slider_positions():
    ex = LandauerExplorer()
    for name, slider in ex.sliders.items():
        for label, value in [("min", slider.min), ("max", slider.max), ("default", slider.value)]:
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
    assert all(math.isfinite(v) for v in out.values()), out
    assert out["crossing_time"] >= 0 and out["headroom"] > 1
    assert "Trend meets physics" in explorer.headline.value
    assert explorer.sliders[name].value == pytest.approx(value)
    assert bytes(explorer.image.value) != old_image  # the figure was redrawn, not just counted


def test_all_corners():
    ex = LandauerExplorer()
    for t2 in (0.5, 6.0):
        for bits in (1.0, 1e4):
            for temperature in (4.0, 400.0):
                for eff in (1e10, 1e14):
                    with warnings.catch_warnings():
                        warnings.simplefilter("error")
                        out = ex.update(doubling_time=t2, bits_per_flop=bits,
                                        temperature=temperature, flop_per_joule=eff)
                    assert all(math.isfinite(v) for v in out.values())
                    assert out["crossing_year"] >= ex.start_year


def test_outputs_match_the_library_and_beyond_the_plot():
    ex = LandauerExplorer()
    out = ex.update(doubling_time=2.6, bits_per_flop=16.0, temperature=300.0,
                    flop_per_joule=1e12)
    expected = landauer_crossing_time(1e-12, landauer_energy(16.0, 300.0), 2.6)
    assert out["crossing_time"] == pytest.approx(expected)
    assert out["crossing_year"] == pytest.approx(2023 + expected)
    assert "beyond the plot" not in ex.headline.value
    late = LandauerExplorer(start_year=2100.0)
    out = late.update(doubling_time=6.0, bits_per_flop=1.0, temperature=4.0, flop_per_joule=1e10)
    assert out["crossing_year"] > 2300 and "beyond the plot" in late.headline.value


def test_unknown_slider_and_bad_constructor():
    with pytest.raises(ValueError, match="unknown slider"):
        LandauerExplorer().update(speed=3.0)
    with pytest.raises(ValueError, match="flop_per_joule"):
        LandauerExplorer(flop_per_joule=1.0)
    with pytest.raises(ValueError, match="start_year"):
        LandauerExplorer(start_year=1900)
