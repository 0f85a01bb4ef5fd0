"""The industry dashboard, driven at each slider's minimum, maximum and default."""

from __future__ import annotations

import math
import warnings

import pytest

from energylib.explorers.industry import IndustryExplorer
from energylib.levers import lever_energy_per_query

PNG = b"\x89PNG\r\n\x1a\n"


def hardware_names(s):
    """The hardware toggle's values (its options are ``(label, value)`` pairs)."""
    return [value for _, value in s.options]


@pytest.fixture(scope="module")
def explorer():
    return IndustryExplorer()


def positions():
    ex = IndustryExplorer()
    for name, s in ex.sliders.items():
        if name == "hardware":
            values = hardware_names(s)
        elif hasattr(s, "base"):  # a log slider's min and max are exponents
            values = [s.base ** s.min, s.base ** s.max, s.value]
        else:
            values = [s.min, s.max, s.value]
        for v in dict.fromkeys(values):
            yield pytest.param(name, v, id=f"{name}-{v}")


@pytest.mark.parametrize(("name", "value"), list(positions()))
def test_slider_positions_redraw_with_finite_outputs(explorer, name, value):
    if explorer.sliders[name].value == value:  # move away first, so the callback fires
        if name == "hardware":
            other = [o for o in hardware_names(explorer.sliders[name]) if o != value][0]
        else:
            s = explorer.sliders[name]
            lo, hi = (s.base ** s.min, s.base ** s.max) if hasattr(s, "base") else (s.min, s.max)
            other = hi if value != hi else lo
        explorer.update(**{name: other})
    before, old = explorer.redraw_count, bytes(explorer.image.value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer.sliders[name].value = value
    assert explorer.redraw_count == before + 1
    assert bytes(explorer.image.value).startswith(PNG)
    if name != "grid":  # carbon intensity changes only the headline's CO2
        assert bytes(explorer.image.value) != old
    assert all(math.isfinite(v) and v >= 0 for v in explorer.outputs.values())
    assert explorer.outputs["energy_per_query"] > 0
    assert "Energy per query" in explorer.headline.value


def _end(s, upper):
    end = s.max if upper else s.min
    return s.base ** end if hasattr(s, "base") else end


def test_all_corners():
    ex = IndustryExplorer()
    numeric = [n for n in ex.sliders if n != "hardware"]
    for hw in hardware_names(ex.sliders["hardware"]):
        for corner in range(2 ** len(numeric)):
            values = {n: _end(ex.sliders[n], corner >> i & 1) for i, n in enumerate(numeric)}
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                out = ex.update(hardware=hw, **values)
            assert all(math.isfinite(v) for v in out.values())


def test_outputs_match_the_model():
    ex = IndustryExplorer()
    out = ex.update(bits=4, params=7e10, batch=8, pue=1.1, hardware="A100 SXM")
    from energylib.hardware import HARDWARE
    e = lever_energy_per_query(7e10, 4, 8, pue=1.1, accelerator=HARDWARE["A100 SXM"],
                               host_overhead=0.6)
    assert out["energy_per_query"] == pytest.approx(e, rel=1e-12)


def test_unknown_slider():
    with pytest.raises(ValueError, match="unknown"):
        IndustryExplorer().update(nope=1)
