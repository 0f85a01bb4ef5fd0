"""The dataset of published figures: sources resolve, units and values sane, package data loads."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from energylib import dataset
from energylib.dataset import (
    CHECK_LEVELS,
    CONFIDENCE_LEVELS,
    UNITS,
    Figure,
    by_id,
    load_figures,
    select,
    sources,
    values_si,
)
from energylib.units import GWH, MWH, WH

ROOT = Path(__file__).resolve().parents[1]

BAD_INPUT_CASES: dict = {
    by_id: (dict(figure_id="gpt3-train-energy"), {"figure_id": ["no-such-figure"]}),
    select: (dict(quantity="pue"), {"quantity": ["no_such_quantity"], "confidence": ["sure"]}),
    values_si: (
        dict(figures=list(select("pue"))),
        {"figures": [[by_id("h100-power"), by_id("h100-flops")]]},
    ),
}


def bib_keys() -> set[str]:
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.M))


def test_every_source_key_resolves_in_the_bibliography():
    missing = set(sources()) - bib_keys()
    assert not missing, f"sources not in references.bib: {sorted(missing)}"


def test_size_and_breadth():
    assert len(load_figures()) >= 30
    assert len(sources()) >= 15


@pytest.mark.parametrize("fig", load_figures(), ids=lambda f: f.id)
def test_each_row_is_well_formed(fig: Figure):
    assert fig.unit in UNITS
    assert isinstance(fig.value, float) and math.isfinite(fig.value) and fig.value > 0
    assert fig.confidence in CONFIDENCE_LEVELS and fig.check in CHECK_LEVELS
    assert 1990 <= fig.year <= 2035
    assert fig.quantity and fig.subject and fig.page and fig.note
    assert math.isfinite(fig.si) and fig.si > 0


def test_ids_are_unique():
    ids = [f.id for f in load_figures()]
    assert len(ids) == len(set(ids))


def test_published_values_and_si_conversion():
    assert by_id("gpt3-train-energy").si == pytest.approx(1287 * MWH)
    assert by_id("gemini-median-prompt").si == pytest.approx(0.24 * WH)
    assert by_id("llama31-405b-gpuh").value == 30.84e6
    # GPU-hours x 700 W: the often-quoted ~21.6 GWh
    assert by_id("llama31-405b-gpuh").value * 700 * 3600 / GWH == pytest.approx(21.588)
    assert by_id("chatgpt-prompts-2025").si == pytest.approx(2.5e9 / 86400)
    assert by_id("dc-electricity-2024").si_unit == "W"


def test_disagreeing_sources_are_both_kept():
    chatgpt = select("energy_per_query", subject="chatgpt")
    values = values_si(chatgpt)
    assert len({f.source for f in chatgpt}) >= 2 and values.max() / values.min() > 5


def test_select_filters_and_values_si_refuses_mixed_units():
    assert all(f.confidence == "measured" for f in select(confidence="measured"))
    assert len(select("training_gpu_hours", subject="LLAMA 2")) == 3
    assert select(subject="no such model") == ()
    with pytest.raises(ValueError, match="mix SI units"):
        values_si([by_id("h100-power"), by_id("h100-flops")])
    assert values_si([]).shape == (0,)


def test_package_data_found_from_another_working_directory(tmp_path):
    code = ("import energylib.dataset as d; f = d.load_figures(); "
            "print(len(f), d.by_id('gpt3-train-energy').value)")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    n, value = out.stdout.split()
    assert int(n) == len(load_figures()) and float(value) == 1287.0


def test_malformed_rows_are_rejected():
    good = {"id": "x", "quantity": "q", "subject": "s", "value": "1", "unit": "J",
            "source": "k", "year": "2020", "confidence": "measured", "check": "read",
            "page": "p", "note": "n"}
    assert dataset._parse_row(good, 2).value == 1.0
    for key, bad in [("value", "-1"), ("value", "nan"), ("value", "abc"), ("unit", "furlong"),
                     ("confidence", "vibes"), ("check", "maybe"), ("year", "soon")]:
        with pytest.raises(ValueError, match="figures.csv"):
            dataset._parse_row({**good, key: bad}, 2)


@pytest.mark.parametrize(("func", "name", "bad"), [
    pytest.param(f, n, b, id=f"{f.__name__}-{n}-{i}")
    for f, (_, params) in BAD_INPUT_CASES.items()
    for n, bads in params.items()
    for i, b in enumerate(bads)
])
def test_out_of_range_raises_value_error_naming_parameter(func, name, bad):
    kwargs = dict(BAD_INPUT_CASES[func][0])
    kwargs[name] = bad
    with pytest.raises(ValueError, match=name):
        func(**kwargs)


@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [1.0, True, b"pue"])
def test_wrong_type_raises_type_error(func, bad):
    kwargs = dict(BAD_INPUT_CASES[func][0])
    name = next(iter(kwargs))
    kwargs[name] = bad
    with pytest.raises(TypeError, match=name):
        func(**kwargs)


def test_valid_calls():
    for func, (kwargs, _) in BAD_INPUT_CASES.items():
        assert func(**kwargs) is not None
    assert np.all(values_si(select("pue")) >= 1.0)


def test_every_public_function_is_covered():
    public = {getattr(dataset, n) for n in dataset.__all__
              if callable(getattr(dataset, n)) and not isinstance(getattr(dataset, n), type)}
    assert public - set(BAD_INPUT_CASES) == {load_figures, sources}  # take no arguments


def test_scope_and_version_rows_are_consistent():
    """The GPU-only response is half the reporters' doubled figure; both Luccioni versions kept."""
    assert by_id("llama31-405b-response-gpu").si == pytest.approx(
        by_id("llama31-405b-response").si / 2, rel=1e-3)
    assert {by_id(i).value for i in ("textgen-luccioni", "textgen-luccioni-later")} == {
        0.042, 0.047}
    assert by_id("gemini-efficiency-gain").quantity == "efficiency_factor_12_months"
    shares = sum(by_id(f"gemini-{k}-share").value
                 for k in ("accelerator", "host", "idle", "facility"))
    assert shares == pytest.approx(1.01)  # rounding in the source, stated in the notes
    # BLOOM: dynamic energy is GPU-hours at the 400 W rating; idle is reported separately
    assert by_id("bloom-train-energy").value == pytest.approx(
        by_id("bloom-train-gpuh").value * 400 / 1e6, rel=1e-4)
