"""The semantic-infinity explorer, driven at each slider's minimum, maximum and default."""

from __future__ import annotations

import math
import warnings

import pytest

from energylib.caching import zipf_cache_hit_rate, zipf_cache_hit_rate_limit
from energylib.explorers.semantic import CacheExplorer
from energylib.units import WH

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def explorer():
    return CacheExplorer()


def slider_positions():
    ex = CacheExplorer()
    for name, slider in ex.sliders.items():
        for label, value in [("min", slider.min), ("max", slider.max), ("default", slider.value)]:
            if hasattr(slider, "base") and label != "default":
                value = slider.base ** value
            yield pytest.param(name, value, id=f"{name}-{label}")


@pytest.mark.parametrize(("name", "value"), list(slider_positions()))
def test_slider_extremes_redraw_with_finite_outputs(explorer, name, value):
    before = explorer.redraw_count
    old_image = bytes(explorer.image.value)
    old_headline = explorer.headline.value
    assert explorer.sliders[name].value != value, "each position must move the slider"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer.sliders[name].value = value  # as a reader would: the callback fires
    assert explorer.redraw_count == before + 1
    assert bytes(explorer.image.value).startswith(PNG_MAGIC)
    out = explorer.outputs
    assert all(math.isfinite(v) for v in out.values()), out
    assert 0.0 <= out["hit_rate"] <= 1.0 and 0.0 <= out["limit_hit_rate"] <= out["hit_rate"]
    # every query pays the lookup, so the cache can cost energy when hits are rare
    assert out["energy_per_query"] <= out["energy_no_cache"] + explorer.e_lookup * (1 + 1e-12)
    assert out["saving"] == pytest.approx(out["hit_rate"] - explorer.e_lookup
                                          / out["energy_no_cache"], rel=1e-9, abs=1e-15)
    assert "Hit rate" in explorer.headline.value
    assert explorer.sliders[name].value == pytest.approx(value)
    if name == "miss_energy_wh":  # energy is reported in the headline; the curves are hit rates
        assert explorer.headline.value != old_headline
    else:
        assert bytes(explorer.image.value) != old_image  # the figure was redrawn, not just counted


def test_all_corners():
    ex = CacheExplorer()
    for exponent in (0.0, 2.0):
        for cache_size in (1.0, 1e9):
            for n_queries in (1e3, 1e15):
                for miss in (0.01, 10**1.5):
                    with warnings.catch_warnings():
                        warnings.simplefilter("error")
                        out = ex.update(exponent=exponent, cache_size=cache_size,
                                        n_queries=n_queries, miss_energy_wh=miss)
                    assert all(math.isfinite(v) for v in out.values())
                    if cache_size > n_queries:
                        assert out["hit_rate"] == 1.0 and "every query" in ex.headline.value


def test_outputs_match_the_library_and_regimes_in_words():
    ex = CacheExplorer(lookup_energy_wh=0.0)
    out = ex.update(exponent=0.8, cache_size=1e4, n_queries=1e9, miss_energy_wh=0.3)
    assert out["hit_rate"] == pytest.approx(zipf_cache_hit_rate(1e4, 1e9, 0.8))
    assert out["limit_hit_rate"] == 0.0 and "tends to 0" in ex.headline.value
    assert out["energy_per_query"] == pytest.approx((1 - out["hit_rate"]) * 0.3 * WH)
    out = ex.update(exponent=1.5)
    assert out["limit_hit_rate"] == pytest.approx(zipf_cache_hit_rate_limit(1e4, 1.5))
    assert "survives" in ex.headline.value


def test_lookup_is_paid_by_misses_too():
    ex = CacheExplorer(lookup_energy_wh=0.01)
    out = ex.update(exponent=0.0, cache_size=1.0, n_queries=1e15, miss_energy_wh=0.3)
    assert out["energy_per_query"] == pytest.approx((0.01 + (1 - out["hit_rate"]) * 0.3) * WH)
    assert out["saving"] < 0  # almost no hits: the lookups cost more than they save


def test_unknown_slider_and_bad_constructor():
    with pytest.raises(ValueError, match="unknown slider"):
        CacheExplorer().update(speed=3.0)
    with pytest.raises(ValueError, match="lookup_energy_wh"):
        CacheExplorer(lookup_energy_wh=-1.0)
    with pytest.raises(TypeError, match="lookup_energy_wh"):
        CacheExplorer(lookup_energy_wh="0.1")

