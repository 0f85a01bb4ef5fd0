"""The argument explorer, driven at each slider's minimum, maximum and default."""

from __future__ import annotations

import math
import warnings

import pytest

from energylib.explorers.argument import (
    ArgumentExplorer,
    default_inference_power,
    default_training_energy,
)
from energylib.lifecycle import (
    cumulative_inference_energy,
    fleet_limiting_ratio,
    limiting_inference_energy,
)
from energylib.rebound import PHASE_LABELS, phase_code
from energylib.units import GWH, YEAR, per_year

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def explorer():
    return ArgumentExplorer()


def slider_positions():
    ex = ArgumentExplorer()
    for name, slider in ex.sliders.items():
        seen = set()
        for label, value in [("max", slider.max), ("min", slider.min), ("default", slider.value)]:
            if value in seen:  # e.g. the elasticity's default is its minimum, 0
                continue
            seen.add(value)
            yield pytest.param(name, value, id=f"{name}-{label}")


@pytest.mark.parametrize(("name", "value"), list(slider_positions()))
def test_slider_extremes_redraw_with_finite_outputs(explorer, name, value):
    if name == "interval":
        # tau moves the fleet line a = ln(c) / tau only when runs change cost (c != 1)
        explorer.update(cost_growth=1.5)
    before = explorer.redraw_count
    old_image = bytes(explorer.image.value)
    assert explorer.sliders[name].value != value, "each position must move the slider"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer.sliders[name].value = value  # as a reader would: the callback fires
    assert explorer.redraw_count == before + 1
    assert bytes(explorer.image.value).startswith(PNG_MAGIC)
    out = explorer.outputs
    assert all(not math.isnan(v) for v in out.values())
    for key in ("effective_exponent", "observed_growth", "ledger_ratio", "phase"):
        assert math.isfinite(out[key])
    assert out["ledger_ratio"] > 0 and out["lifetime_ratio"] > 0
    assert out["fleet_ratio"] >= 0
    assert "Region" in explorer.headline.value and "fleet" in explorer.headline.value
    assert explorer.sliders[name].value == pytest.approx(value)
    assert bytes(explorer.image.value) != old_image  # the figure was redrawn, not just counted


def test_all_corners_together():
    ex = ArgumentExplorer()
    names = list(ex.sliders)
    for corner in range(2 ** len(names)):
        values = {
            n: (ex.sliders[n].max if corner >> i & 1 else ex.sliders[n].min)
            for i, n in enumerate(names)
        }
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out = ex.update(**values)
        assert all(not math.isnan(v) for v in out.values()), values


def test_headline_states_the_verdicts():
    ex = ArgumentExplorer()
    ex.update(growth=0.2, efficiency=0.5, elasticity=0.0, discount=0.0)
    assert PHASE_LABELS[0] in ex.headline.value and "<b>fails</b>" in ex.headline.value
    ex.update(elasticity=1.5)
    assert "backfire" in ex.headline.value and "<b>holds</b>" in ex.headline.value
    ex.update(elasticity=0.0, growth=0.5, efficiency=0.5, cost_growth=1.0)
    assert "finite ratio" in ex.headline.value
    ex.update(growth=0.6, efficiency=0.3, discount=0.5)
    assert PHASE_LABELS[1] in ex.headline.value


def test_outputs_match_the_library():
    ex = ArgumentExplorer()
    out = ex.update(growth=0.4, efficiency=0.6, discount=0.1, elasticity=0.5, interval=2.0,
                    cost_growth=1.0)
    p0, e1 = default_inference_power(), default_training_energy()
    g, r = per_year(0.4), per_year(0.6)
    observed = g + 0.5 * r  # induced demand
    assert out["observed_growth"] == pytest.approx(observed)
    assert out["effective_exponent"] == pytest.approx(observed - r)
    assert out["phase"] == phase_code(g, r, 0.5, per_year(0.1))
    assert out["lifetime_ratio"] == pytest.approx(
        limiting_inference_energy(p0, 1.0, observed, r) / e1)
    assert out["ledger_ratio"] == pytest.approx(
        cumulative_inference_energy(2 * YEAR, p0, 1.0, observed, r) / e1)
    # k = 0.1/yr > a = 0: inference grows faster than training
    assert out["fleet_ratio"] == fleet_limiting_ratio(2 * YEAR, e1, 1.0, p0, 1.0, observed, r)
    assert math.isinf(out["fleet_ratio"])
    out = ex.update(growth=0.3, efficiency=0.3, elasticity=0.0, interval=1.0)
    assert out["fleet_ratio"] == pytest.approx(p0 * YEAR / e1)  # the ratio of rates


def test_unknown_slider_is_an_error():
    with pytest.raises(ValueError, match="unknown slider"):
        ArgumentExplorer().update(speed=3.0)


def test_constructor_validates():
    with pytest.raises(ValueError, match="training_energy"):
        ArgumentExplorer(training_energy=0.0)
    with pytest.raises(ValueError, match="inference_power"):
        ArgumentExplorer(inference_power=math.nan)
    with pytest.raises(TypeError, match="inference_power"):
        ArgumentExplorer(inference_power="12.5e6")
    ex = ArgumentExplorer(inference_power=1e6, training_energy=10 * GWH)
    assert ex.training_energy == 10 * GWH
