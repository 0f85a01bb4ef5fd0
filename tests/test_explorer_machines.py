"""AgentExplorer driven at every control's minimum, maximum and default, in each growth model."""

from __future__ import annotations

import math
import warnings

import pytest

from energylib.agents import (
    DATA_CENTRE_POWER_2024,
    FULL_STACK_OVERHEAD,
    cumulative_machine_energy,
    machine_power,
)
from energylib.explorers.machines import AgentExplorer
from energylib.units import YEAR, per_year

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def positions():
    ex = AgentExplorer()
    for name, slider in ex.sliders.items():
        if name in ("growth_model", "power_cap"):
            continue
        for label, value in [("min", slider.min), ("max", slider.max), ("default", slider.value)]:
            if hasattr(slider, "base") and label != "default":
                value = slider.base**value  # FloatLogSlider stores exponents
            yield name, label, value


CASES = [
    pytest.param(model, cap, name, value, id=f"{model}-{'cap' if cap else 'nocap'}-{name}-{label}")
    for model in ("exponential", "logistic")
    for cap in (False, True)
    for name, label, value in positions()
]


def check_outputs(ex):
    out = ex.outputs
    for key in ("agent_energy_per_day", "power_now", "power_at_horizon", "energy_at_horizon"):
        assert math.isfinite(out[key]) and out[key] >= 0, (key, out[key])
    for key in ("limiting_power", "time_to_data_centres", "capacity"):  # inf allowed
        assert not math.isnan(out[key]) and out[key] >= 0
    assert "One agent" in ex.headline.value
    assert bytes(ex.image.value).startswith(PNG_MAGIC)


@pytest.mark.parametrize(("model", "cap", "name", "value"), CASES)
def test_every_control_at_its_extremes(model, cap, name, value):
    ex = AgentExplorer()
    ex.update(growth_model=model, power_cap=cap)
    # start from a different value so that the move really changes the slider
    slider = ex.sliders[name]
    lo, hi = (slider.base**slider.min, slider.base**slider.max) if hasattr(slider, "base") else (
        slider.min, slider.max)
    other = hi if math.isclose(value, lo) else lo
    ex.update(**{name: other})
    before, old_image = ex.redraw_count, bytes(ex.image.value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        slider.value = value  # as a reader would: the callback fires
    assert ex.redraw_count == before + 1
    check_outputs(ex)
    assert slider.value == pytest.approx(value)
    if not (name == "capacity" and ex.sliders["growth_model"].value == "exponential"):
        assert bytes(ex.image.value) != old_image  # redrawn, not just counted
    if cap:
        assert ex.outputs["power_at_horizon"] <= DATA_CENTRE_POWER_2024 * (1 + 1e-12)


def test_toggles_redraw():
    ex = AgentExplorer()
    for name, value in [("growth_model", "exponential"), ("power_cap", True),
                        ("growth_model", "logistic"), ("power_cap", False)]:
        before, old = ex.redraw_count, bytes(ex.image.value)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ex.sliders[name].value = value
        assert ex.redraw_count == before + 1 and bytes(ex.image.value) != old
        check_outputs(ex)


def test_all_extremes_together():
    ex = AgentExplorer()
    corners = [
        dict(agents=1e8, calls_per_second=1e3, tokens_per_call=1e4, energy_per_token=10.0,
             growth_rate=3.0, capacity=1e10),
        dict(agents=10.0, calls_per_second=0.01, tokens_per_call=10.0, energy_per_token=0.01,
             growth_rate=0.0, capacity=10.0),
        dict(agents=1e8, capacity=10.0),  # ceiling below the start: no room to grow
    ]
    for model in ("exponential", "logistic"):
        for cap in (False, True):
            for corner in corners:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    ex.update(growth_model=model, power_cap=cap, **corner)
                check_outputs(ex)


def test_outputs_match_the_library():
    ex = AgentExplorer()
    out = ex.update(agents=1e4, calls_per_second=100.0, tokens_per_call=700.0,
                    energy_per_token=0.12, growth_model="logistic", growth_rate=1.0,
                    capacity=1e6, power_cap=False)
    kw = dict(agents0=1e4, calls_per_second0=100.0, tokens_per_call=700.0,
              energy_per_token=0.12, agent_growth=per_year(1.0), agent_capacity=1e6,
              overhead=FULL_STACK_OVERHEAD)
    assert out["power_at_horizon"] == pytest.approx(machine_power(20 * YEAR, **kw))
    assert out["energy_at_horizon"] == pytest.approx(cumulative_machine_energy(20 * YEAR, **kw))
    assert out["limiting_power"] == pytest.approx(1e6 * 100 * 700 * 0.12 * FULL_STACK_OVERHEAD)
    ex.update(growth_model="exponential")
    assert out is not ex.outputs and ex.outputs["limiting_power"] == math.inf
    assert "exponential" in ex.headline.value


def test_capacity_below_start_is_raised_to_start():
    ex = AgentExplorer()
    ex.update(agents=1e6, capacity=10.0, growth_model="logistic")
    assert ex.outputs["capacity"] == 1e6
    assert ex.outputs["power_at_horizon"] == pytest.approx(ex.outputs["power_now"])


def test_unknown_control_and_bad_overhead():
    with pytest.raises(ValueError, match="unknown control"):
        AgentExplorer().update(speed=3.0)
    with pytest.raises(ValueError, match="overhead"):
        AgentExplorer(overhead=0.5)
    with pytest.raises(TypeError, match="overhead"):
        AgentExplorer(overhead="1.7")
