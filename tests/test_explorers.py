"""Every explorer, from its one declaration, in the Python renderer.

For each explorer of ``EXPLORERS``: every slider at its minimum, maximum and
default, every option of every choice, and all sliders at their minimum or
maximum together.  At each position the renderer redraws (a new PNG), no
output is NaN, and the declaration's outputs (its SymPy evaluated with numpy)
equal the explorer's reference (energylib's model functions, tests/explorer_references.py) to the
output's tolerance (relative 1e-9).  The page's JavaScript is checked against
the same reference in test_web_explorers.py.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from explorer_references import reference

from energylib.explorers import EXPLORERS, Explorer, explorer
from energylib.explorers.render import _model_inputs, compile_numpy
from energylib.explorers.web import Choice, Slider, WebExplorer

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def positions(spec: WebExplorer) -> list[tuple[str, dict]]:
    """Named control settings: each extreme and default, each option, both corners."""
    cases: list[tuple[str, dict]] = []
    lows, highs = {}, {}
    for p in spec.params:
        if isinstance(p, Slider):
            lo, hi = p.extremes
            lo, hi = (float(round(lo)), float(round(hi))) if p.integer else (lo, hi)
            lows[p.name], highs[p.name] = lo, hi
            cases += [(f"{p.name}=min", {p.name: lo}), (f"{p.name}=max", {p.name: hi}),
                      (f"{p.name}=default", {p.name: p.value})]
        else:
            cases += [(f"{p.name}={o}", {p.name: o}) for o in p.options]
    return cases + [("all-min", lows), ("all-max", highs)]


CASES = [pytest.param(name, label, values, id=f"{name}-{label}")
         for name, module in EXPLORERS.items()
         for label, values in positions(module.declaration())]


@pytest.fixture(scope="module")
def rendered() -> dict[str, Explorer]:
    return {}


def shared(rendered: dict[str, Explorer], name: str) -> Explorer:
    """The module's one explorer ``name`` (made on first use: making one draws a figure)."""
    if name not in rendered:
        rendered[name] = explorer(name)
    return rendered[name]


@pytest.fixture(scope="module")
def at_defaults() -> dict[str, tuple[bytes, str, np.ndarray]]:
    """Per explorer: the figure (PNG), the headline and the drawn numbers at its defaults."""
    return {}


def settings_from_defaults(spec: WebExplorer, values: dict) -> dict:
    """Every control: the defaults, moved as ``Explorer.update(**values)`` moves them from
    there (a choice's presets, then the values themselves), in one call."""
    settings = {p.name: p.value for p in spec.params}
    for name, value in values.items():
        param = spec.param(name)
        if isinstance(param, Choice):
            settings.update(param.presets.get(value, {}))
    return {**settings, **values}


def drawn(ex: Explorer) -> np.ndarray:
    """What the figure shows: every plotted number, clipped to its axis (NaN: not drawn)."""
    result = compile_numpy(ex.spec)(_model_inputs(ex.spec, ex.values()))
    parts = []
    for k, plot in enumerate(ex.spec.plots):
        (x_lo, x_hi), (y_lo, y_hi) = plot.x_range, plot.y_range
        if result["curves"][k] is not None:
            parts += [np.clip(y, y_lo, y_hi) for y in result["curves"][k][1:]]
        parts += [np.clip(result["vlines"][k], x_lo, x_hi), np.clip(result["bars"][k], y_lo, y_hi)]
        parts += [np.clip(np.reshape(result["markers"][k], -1), min(x_lo, y_lo), max(x_hi, y_hi))]
    shown = np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in parts])
    return np.where(np.isfinite(shown), shown, np.nan)


def assert_matches_reference(name: str, ex: Explorer, where: str) -> None:
    expected_outputs = reference(name, ex.values(), **ex.spec.python["kwargs"])
    for output in ex.spec.outputs:
        value = ex.outputs[output.name]
        assert not math.isnan(value), f"{where}: {output.name} is NaN"
        if not output.check:
            continue
        expected = expected_outputs[output.name]
        assert value == expected or math.isclose(value, expected, rel_tol=output.rtol,
                                                 abs_tol=1e-300), (
            f"{where}: {output.name} declaration {value!r} != energylib {expected!r}")


@pytest.mark.parametrize(("name", "label", "values"), CASES)
def test_every_position_redraws_and_matches_energylib(rendered, at_defaults, name, label,
                                                      values) -> None:
    ex = shared(rendered, name)
    if name not in at_defaults:
        ex.update(**{p.name: p.value for p in ex.spec.params})
        at_defaults[name] = bytes(ex.image.value), ex.headline.value, drawn(ex)
    png, headline, data = at_defaults[name]
    before = ex.redraw_count
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # From the defaults to this position in one redraw (not a reset and a move).
        out = ex.update(**settings_from_defaults(ex.spec, values))
    assert ex.redraw_count == before + 1
    assert bytes(ex.image.value).startswith(PNG_MAGIC)
    if not np.allclose(drawn(ex), data, rtol=1e-3, equal_nan=True):  # new data, new figure
        assert bytes(ex.image.value) != png, f"{name} at {label}: the figure did not change"
    elif any(ex.spec.param(k).value != v for k, v in values.items()):  # only numbers move
        assert ex.headline.value != headline, f"{name} at {label}: nothing changed"
    assert set(out) == {o.name for o in ex.spec.outputs}
    assert "nan" not in ex.headline.value.lower()
    assert_matches_reference(name, ex, f"{name} at {label}")


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_a_slider_move_redraws_through_the_widget(rendered, name) -> None:
    """As a reader moves it: setting the widget's value fires the redraw."""
    ex = shared(rendered, name)
    slider = next(p for p in ex.spec.params if isinstance(p, Slider))
    ex.update(**{slider.name: slider.extremes[0]})
    before, png = ex.redraw_count, bytes(ex.image.value)
    ex.sliders[slider.name].value = ex.sliders[slider.name].max if not slider.log else (
        slider.base ** slider.max)
    assert ex.redraw_count == before + 1
    assert bytes(ex.image.value) != png or ex.outputs  # redrawn
    assert_matches_reference(name, ex, f"{name} moved by its widget")


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_controls_come_from_the_declaration(rendered, name) -> None:
    ex = shared(rendered, name)
    for p in ex.spec.params:
        widget = ex.sliders[p.name]
        assert widget.description == p.label
        if isinstance(p, Slider):
            assert (widget.min, widget.max, widget.step) == pytest.approx((p.min, p.max, p.step))
        elif hasattr(widget, "options"):
            assert tuple(v for _, v in widget.options) == p.options


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_display_carries_widget_and_html(rendered, name) -> None:
    bundle = shared(rendered, name)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<div class="web-explorer"')


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_the_chapters_class_is_the_declaration_rendered(name) -> None:
    """The name a chapter uses (e.g. ``TemporalExplorer()``) renders the same declaration."""
    spec = EXPLORERS[name].declaration()
    module, _, cls = spec.python["class"].partition(":")
    assert module == EXPLORERS[name].__name__
    made = getattr(EXPLORERS[name], cls)(**spec.python["kwargs"])
    assert made.spec.to_json() == spec.to_json()
    # The class is bound under the name its declaration records, and is an Explorer.
    assert type(made).__name__ == cls and type(made).__module__ == module
    assert isinstance(made, Explorer)


def test_explorer_class_needs_a_named_declaration() -> None:
    from energylib.explorers.render import explorer_class

    with pytest.raises(TypeError, match="rebuilt_as"):
        explorer_class(lambda: None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"no_such_slider": 1.0}, "unknown control 'no_such_slider'"),
        ({"growth": math.nan}, "growth must be finite"),
        ({"growth": 5.0}, r"growth must be finite and in \[0, 2.4\]"),
        ({"growth": "fast"}, "growth must be a number"),
    ],
)
def test_bad_input_names_the_control(rendered, values, message) -> None:
    ex = shared(rendered, "temporal")
    with pytest.raises(ValueError, match=message):
        ex.update(**values)


def test_bad_choice_and_bad_explorer_are_refused(rendered) -> None:
    ex = shared(rendered, "machines")
    choice = next(p for p in ex.spec.params if isinstance(p, Choice))
    with pytest.raises(ValueError, match=choice.name):
        ex.update(**{choice.name: "no such option"})
    with pytest.raises(ValueError, match="unknown explorer 'nope'"):
        explorer("nope")
    with pytest.raises(TypeError, match="spec must be a WebExplorer"):
        Explorer("temporal")  # type: ignore[arg-type]
