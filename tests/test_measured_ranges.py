"""The explorers' sliders reach the measured values their chapters quote.

Each explorer declaration names, per slider, the dataset rows
(``energylib/data/figures.csv``) of the measured values its chapter quotes for
that slider: ``measured={"growth": ("dataset-id", ...)}``.  Each row's value
(and its low and high bounds where the row gives them), in the slider's own
units, must lie inside the slider's range (a log slider's range is
``base**min .. base**max``): a reader can set the explorer to the real world.

A row's SI value (:attr:`energylib.dataset.Figure.si`) is divided by the
slider's ``to_si``.  A rate slider (``to_si`` of 1/yr, e.g. growth ``g`` or
efficiency gain ``r``) can also name a row that states the rate as a factor
over a period (quantity ``*_factor_per_year`` or ``*_factor_12_months``: rate =
ln(factor) per year) or as a doubling time (quantity ``doubling_time``: rate =
ln 2 / doubling time).

And an explorer whose chapter quotes dataset values declares ``measured``; the
temporal explorer declares at least its growth and efficiency sliders.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from energylib.dataset import Figure, by_id
from energylib.explorers import EXPLORERS
from energylib.explorers.web import Slider
from energylib.units import YEAR

ROOT = Path(__file__).resolve().parents[1]

# Sliders that must name their measured values, whatever else the chapter quotes.
REQUIRED = {"temporal": {"growth", "efficiency"}}

_PER_YEAR = re.compile(r"_factor_(per_year|12_months)$")


def slider_unit(slider: Slider) -> float:
    """One unit of the slider's readout, in SI units.

    Most sliders convert with ``to_si``; a few feed their model in the units they
    show (``to_si`` = 1), which their label names: ``[1/yr]`` or ``[yr]``.
    """
    if slider.to_si != 1.0:
        return slider.to_si
    if "[1/yr]" in slider.label:
        return 1.0 / YEAR
    if "[yr]" in slider.label:
        return YEAR
    return 1.0


def in_slider_units(figure: Figure, slider: Slider, si: float) -> float:
    """The row's value ``si`` [SI units of the row] in the slider's own units."""
    unit = slider_unit(slider)
    is_rate = math.isclose(unit * YEAR, 1.0, rel_tol=1e-12)
    if is_rate and figure.si_unit == "1" and _PER_YEAR.search(figure.quantity):
        return math.log(si) / YEAR / unit
    if is_rate and figure.quantity == "doubling_time" and figure.si_unit == "s":
        return math.log(2.0) / si / unit
    return si / unit


def measured_cases() -> list[tuple[str, str, str]]:
    return [(name, slider, figure_id) for name, module in EXPLORERS.items()
            for slider, ids in module.declaration().measured.items() for figure_id in ids]


CASES = measured_cases()


@pytest.mark.parametrize(("name", "slider_name", "figure_id"), CASES,
                         ids=[f"{n}-{s}-{f}" for n, s, f in CASES])
def test_slider_reaches_the_measured_value(name: str, slider_name: str, figure_id: str) -> None:
    spec = EXPLORERS[name].declaration()
    slider = spec.param(slider_name)
    assert isinstance(slider, Slider)
    figure = by_id(figure_id)
    lo, hi = slider.extremes
    points = {"value": figure.si, "low": figure.si_low, "high": figure.si_high}
    for what, si in points.items():
        if si is None:
            continue
        value = in_slider_units(figure, slider, si)
        assert lo * (1 - 1e-12) <= value <= hi * (1 + 1e-12), (
            f"explorer {name!r}, slider {slider_name!r} [{lo:g}, {hi:g}] "
            f"({slider.label}): {figure_id}'s {what} is {value:g} in the slider's units: "
            "widen the slider's range")


def quotes_dataset_values(chapter: str) -> bool:
    text = (ROOT / f"{chapter}.md").read_text(encoding="utf-8")
    return bool(re.search(r"\bby_id\(|\bselect\(", text))


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_explorer_declares_what_its_chapter_quotes(name: str) -> None:
    from test_things_to_try import chapter_of

    measured = EXPLORERS[name].declaration().measured
    missing = REQUIRED.get(name, set()) - set(measured)
    assert not missing, (f"explorer {name!r}: declare measured values for the sliders "
                         f"{sorted(missing)}")
    chapter = chapter_of(name)
    if quotes_dataset_values(chapter):
        assert measured, (f"explorer {name!r}: {chapter}.md quotes dataset values but the "
                          "declaration names none (measured={slider: (dataset ids)})")


def test_conversions() -> None:
    """A 33-fold fall in 12 months is r = ln 33 ≈ 3.50 per year; doubling in 1.57 yr, 0.44."""
    rate = Slider("r", "r [1/yr]", 0.0, 5.0, 0.01, 1.0, to_si=1 / YEAR)
    factor = Figure("f", "efficiency_factor_12_months", "x", 33.0, "1", "k", 2025, "measured",
                    "read", "p", "n")
    doubling = Figure("d", "doubling_time", "x", 1.57, "year", "k", 2011, "estimated",
                      "read", "p", "n")
    assert in_slider_units(factor, rate, factor.si) == pytest.approx(3.4965, abs=1e-4)
    assert in_slider_units(doubling, rate, doubling.si) == pytest.approx(0.4415, abs=1e-4)
    energy = Slider("e", "e [GWh]", 0.0, 3.0, 0.05, 50.0, log=True, to_si=3.6e12)
    row = Figure("t", "training_energy", "x", 1287.0, "MWh", "k", 2021, "estimated", "read",
                 "p", "n")
    assert in_slider_units(row, energy, row.si) == pytest.approx(1.287)
    per_year = Slider("g", "demand growth g [1/yr]", 0.0, 3.0, 0.02, 0.4)  # fed per year
    assert in_slider_units(factor, per_year, factor.si) == pytest.approx(3.4965, abs=1e-4)
    years = Slider("t2", "doubling time T₂ [yr]", 0.5, 6.0, 0.1, 2.6)
    assert in_slider_units(doubling, years, doubling.si) == pytest.approx(1.57)
