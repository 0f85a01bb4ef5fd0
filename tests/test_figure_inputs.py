"""Figure functions refuse wrongly typed collections with a TypeError naming them."""

from __future__ import annotations

import math

import pytest

from energylib.figures.analogies import traffic_figure
from energylib.figures.argument import phase_diagram_figure


@pytest.mark.parametrize(
    ("points", "error", "message"),
    [
        ([(0.4, 0.3)], TypeError, "points must be a dict"),
        ("here", TypeError, "points must be a dict"),
        ({"here": 0.4}, TypeError, r"points\['here'\] must be a \(g, r\) pair"),
        ({"here": (0.4, 0.3, 0.1)}, TypeError, r"points\['here'\]"),
        ({"here": "ab"}, TypeError, r"points\['here'\]"),
        ({1: (0.4, 0.3)}, TypeError, r"points\[1\]"),
        ({"here": (math.nan, 0.3)}, ValueError, r"points\['here'\] g"),
        ({"here": (0.4, "0.3")}, TypeError, r"points\['here'\] r"),
    ],
)
def test_phase_diagram_points_are_checked(points, error, message) -> None:
    with pytest.raises(error, match=message):
        phase_diagram_figure([0.0], 0.1, points=points)


def test_phase_diagram_marks_good_points() -> None:
    fig = phase_diagram_figure([0.0], 0.1, points={"here": (0.4, 0.3)})
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["here"]


@pytest.mark.parametrize(
    ("references", "error", "message"),
    [
        ([("Sun", 2.7)], TypeError, "references must be a dict"),
        (2.7, TypeError, "references must be a dict"),
        ({3: 2.7}, TypeError, "labels must be text"),
        ({"Sun": "2.7"}, TypeError, r"references\['Sun'\]"),
        ({"Sun": math.inf}, ValueError, r"references\['Sun'\]"),
    ],
)
def test_traffic_references_are_checked(references, error, message) -> None:
    with pytest.raises(error, match=message):
        traffic_figure(2e13, 7200.0, references)


def test_traffic_draws_good_references() -> None:
    fig = traffic_figure(2e13, 7200.0, {"Sun": 2.7, "human": 2.9})
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["Sun", "human"]
