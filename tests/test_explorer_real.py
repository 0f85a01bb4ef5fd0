"""BreakEvenExplorer driven at every slider's minimum, maximum and default, for each deployment."""

from __future__ import annotations

import math
import warnings

import pytest

from energylib.explorers.real import BreakEvenExplorer
from energylib.montecarlo import DEPLOYMENTS, break_even_monte_carlo
from energylib.units import DAY, GWH, WH

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def positions():
    ex = BreakEvenExplorer(n_draws=500)
    for name, slider in ex.sliders.items():
        if name == "deployment":
            continue
        for label, value in [("min", slider.min), ("max", slider.max), ("default", slider.value)]:
            if hasattr(slider, "base") and label != "default":
                value = slider.base**value
            yield pytest.param(name, value, id=f"{name}-{label}")


@pytest.fixture(scope="module")
def explorer():
    return BreakEvenExplorer(n_draws=2000)


@pytest.mark.parametrize("deployment", list(DEPLOYMENTS))
@pytest.mark.parametrize(("name", "value"), list(positions()))
def test_slider_extremes_redraw_with_finite_outputs(explorer, deployment, name, value):
    explorer.update(deployment=deployment, _reset_medians=True)
    slider = explorer.sliders[name]
    low = slider.base**slider.min if hasattr(slider, "base") else slider.min
    high = slider.base**slider.max if hasattr(slider, "base") else slider.max
    other = high if math.isclose(value, low) else low
    explorer.update(**{name: other})  # start elsewhere, so that the next move moves
    before = explorer.redraw_count
    old_image = bytes(explorer.image.value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer.sliders[name].value = value  # as a reader would: the callback fires
    assert explorer.redraw_count == before + 1
    assert bytes(explorer.image.value).startswith(PNG_MAGIC)
    assert bytes(explorer.image.value) != old_image
    out = explorer.outputs
    assert all(math.isfinite(v) for v in out.values()), out
    assert out["p5"] <= out["p50"] <= out["p95"]
    assert "Break-even" in explorer.headline.value


def test_choosing_a_deployment_sets_its_medians():
    ex = BreakEvenExplorer(n_draws=500)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ex.sliders["deployment"].value = "llama31-405b"
    d = DEPLOYMENTS["llama31-405b"]
    assert ex.sliders["energy_wh"].value == pytest.approx(d.energy_per_query.median / WH, rel=0.07)
    assert ex.sliders["training_gwh"].value == pytest.approx(d.training_energy.median / GWH,
                                                             rel=0.07)


def test_outputs_match_the_library():
    ex = BreakEvenExplorer(n_draws=3000)
    out = ex.update(deployment="gpt4-chatgpt", _reset_medians=True)
    ref = break_even_monte_carlo(ex.deployment(), 3000, seed=0, percentiles=(5.0, 50.0, 95.0))
    assert out["p50"] == pytest.approx(ref.percentiles[50.0])
    out = ex.update(spread=0.0, queries_per_day=1e9, energy_wh=1.0, training_gwh=10.0)
    assert out["p5"] == pytest.approx(out["p95"]) == pytest.approx(10 * GWH / (1e9 * WH / DAY),
                                                                   rel=1e-9)


def test_bad_controls():
    with pytest.raises(ValueError, match="n_draws"):
        BreakEvenExplorer(n_draws=10)
    with pytest.raises(TypeError, match="n_draws"):
        BreakEvenExplorer(n_draws="many")
    with pytest.raises(ValueError, match="unknown control"):
        BreakEvenExplorer(n_draws=200).update(colour=1.0)
