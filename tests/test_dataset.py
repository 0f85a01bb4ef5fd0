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
    dataset.table: (dict(figures=[by_id("h100-power")]), {}),
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
    assert 1900 <= fig.year <= 2035  # physical and biological sources reach back (1973)
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
            "page": "p", "note": "n", "date": "2020-01", "version": "v1", "low": "0.5",
            "high": "2", "uncertainty": "assigned"}
    assert dataset._parse_row(good, 2).value == 1.0
    for key, bad in [("value", "-1"), ("value", "nan"), ("value", "abc"), ("unit", "furlong"),
                     ("confidence", "vibes"), ("check", "maybe"), ("year", "soon"),
                     ("low", "1.5"), ("high", "0.9"), ("low", ""), ("date", ""),
                     ("version", ""), ("uncertainty", "guess"), ("low", "inf")]:
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
    assert "median" in by_id("textgen-luccioni").note.lower() and "mean" in by_id(
        "textgen-luccioni-later").note.lower()
    assert by_id("gemini-efficiency-gain").quantity == "efficiency_factor_12_months"
    shares = sum(by_id(f"gemini-{k}-share").value
                 for k in ("accelerator", "host", "idle", "facility"))
    assert shares == pytest.approx(1.01)  # rounding in the source, stated in the notes
    # BLOOM: dynamic energy is GPU-hours at the 400 W rating; idle is reported separately
    # stored to the 3 significant digits a GPU-hours x rating estimate supports
    assert by_id("bloom-train-energy").value == pytest.approx(
        by_id("bloom-train-gpuh").value * 400 / 1e6, rel=1e-3)
    assert by_id("bloom-train-energy").value == 433 and by_id("bloom-train-idle").value == 257


@pytest.mark.parametrize("fig", load_figures(), ids=lambda f: f.id)
def test_each_row_is_dated_versioned_and_bounded(fig: Figure):
    """Issue 10, G: every row carries its source's date and version and an uncertainty."""
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", fig.date), fig.date
    assert 1900 <= int(fig.date[:4]) <= 2035 and fig.version
    assert fig.low is not None and fig.high is not None
    assert 0 < fig.low <= fig.value <= fig.high
    assert fig.uncertainty in dataset.UNCERTAINTY_KINDS
    if fig.uncertainty == "spec":
        assert fig.low == fig.high == fig.value
    if fig.uncertainty == "assigned":  # the stated rule, or a wider range explained in the note
        assert fig.high / fig.low >= 1.1 ** 2 * 0.999
    assert fig.si_low is not None and fig.si_low <= fig.si <= fig.si_high


def test_each_version_of_a_paper_is_its_own_row():
    """Jegham et al.: v1 says more than 33 Wh (o3 and DeepSeek-R1); a later version 29 Wh."""
    v1, later = by_id("reasoning-long-jegham"), by_id("reasoning-long-jegham-later")
    assert v1.value == 33 and "v1" in v1.version and v1.uncertainty == "bound"
    assert later.value == pytest.approx(29.078) and "v6" in later.version
    assert v1.source == later.source and v1.version != later.version


def test_distinguishable_mlenergy_citations():
    """The two ML.ENERGY blog posts no longer share an author-year label."""
    text = (ROOT / "references.bib").read_text(encoding="utf-8")

    def author_year(key: str) -> tuple[str, str]:
        entry = text[text.index("{" + key + ","):]
        entry = entry[:entry.index("\n}\n")]
        author = re.search(r"author = \{(.+)\},", entry).group(1)
        year = re.search(r"year = \{(\d{4})\}", entry).group(1)
        return author, year

    assert author_year("mlenergy2025v3") != author_year("mlenergy2025llama31")


def test_training_side_rows_agree_with_each_other():
    # Llama 3.1 405B: the derived energy's low end is the GPU-hours at the 700 W rating
    gpuh = by_id("llama31-405b-gpuh").value
    assert by_id("llama31-405b-train-energy").low == pytest.approx(gpuh * 700 / 1e9, rel=1e-2)
    # the 2025 frontier run is an order of magnitude above the GPT-4-class run in compute
    ratio = by_id("frontier-2025-train-compute").si / by_id("gpt4-train-compute").si
    assert 5 < ratio < 50
    # Meta's 10 : 20 : 70 sums to one
    shares = [by_id(i).value for i in ("meta-experimentation-share", "meta-training-share",
                                       "inference-share-meta")]
    assert sum(shares) == pytest.approx(1.0)
    # FLOP per joule rises with every GPU generation
    eff = [by_id(f"{g}-flop-per-joule").si for g in ("v100", "a100", "h100", "b200")]
    assert eff == sorted(eff) and by_id("h100-flop-per-joule").si == pytest.approx(
        by_id("h100-flops").si / by_id("h100-power").si, rel=1e-3)


def test_figure_validates_its_fields_on_construction():
    args = ("x", "pue", "s", 1.2, "1", "k", 2024, "measured", "read", "p", "n")
    assert Figure(*args).value == 1.2
    cases = [
        (3, float("nan"), ValueError, "value"), (3, float("inf"), ValueError, "value"),
        (3, -1.0, ValueError, "value"), (3, "1.2", TypeError, "value"),
        (3, True, TypeError, "value"), (4, "furlong", ValueError, "unit"),
        (6, 2024.5, ValueError, "year"), (6, "2024", TypeError, "year"),
        (7, "sure", ValueError, "confidence"), (8, "maybe", ValueError, "check"),
        (0, 7, TypeError, "id"), (10, None, TypeError, "note"),
    ]
    for index, bad, error, name in cases:
        bad_args = list(args)
        bad_args[index] = bad
        with pytest.raises(error, match=name):
            Figure(*bad_args)
    for kwargs, error, name in [
        (dict(low=1.3, high=1.4, uncertainty="assigned"), ValueError, "low"),
        (dict(low=1.0, high=1.1, uncertainty="assigned"), ValueError, "high"),
        (dict(low=float("nan"), high=1.4, uncertainty="assigned"), ValueError, "low"),
        (dict(low=1.0, high=1.4), ValueError, "uncertainty"),
        (dict(low=1.0), ValueError, "low and high"),
        (dict(low=1.0, high=1.4, uncertainty="guess"), ValueError, "uncertainty"),
        (dict(date="soon"), ValueError, "date"),
        (dict(version=2), TypeError, "version"),
    ]:
        with pytest.raises(error, match=name):
            Figure(*args, **kwargs)


def test_table_shows_date_version_and_range():
    text = dataset.table([by_id("reasoning-long-jegham"), by_id("reasoning-long-jegham-later")])
    lines = text.splitlines()
    assert lines[0].split("|")[1:-1] == [" id ", " subject ", " value ", " unit ", " range ",
                                         " source ", " date ", " version ", " check ", " scope "]
    assert len(lines) == 4
    assert "33-66 (bound)" in lines[2] and "arXiv 2505.09598v1 (May 2025)" in lines[2]
    assert "19.35-38.8 (published)" in lines[3]
    assert dataset.table().count("\n") == len(load_figures()) + 1
    with pytest.raises(TypeError, match="figures"):
        dataset.table("all")  # type: ignore[arg-type]


ENERGY_QUANTITIES = ("energy_per_query", "energy_per_query_gpu_only", "energy_per_token",
                     "training_energy", "training_energy_idle")


@pytest.mark.parametrize("fig", load_figures(), ids=lambda f: f.id)
def test_every_energy_row_states_its_boundary(fig: Figure):
    assert fig.scope in ("", *dataset.SCOPES)
    if fig.quantity in ENERGY_QUANTITIES:
        assert fig.scope in dataset.SCOPES, fig.id
    if fig.quantity == "energy_per_query_gpu_only":
        assert fig.scope == "gpu"


def test_scope_boundaries_of_the_quoted_per_query_figures():
    assert by_id("gemini-median-prompt").scope == "full-stack"
    assert by_id("chatgpt-average-query").scope == "unknown"
    assert by_id("llama31-405b-response").scope == "server"  # GPU energy doubled
    assert by_id("llama65b-samsi").scope == "gpu"
    luccioni = by_id("textgen-luccioni")
    assert luccioni.scope == "server" and "CodeCarbon" in luccioni.note
    with pytest.raises(ValueError, match="scope"):
        Figure("x", "pue", "s", 1.2, "1", "k", 2024, "measured", "read", "p", "n",
               scope="rack")


def test_cross_references_point_at_the_measurement_they_repeat():
    from energylib import measurements as ms

    for fig in load_figures():
        if fig.measurement_id:
            m = ms.by_id(fig.measurement_id)
            assert m.in_figures, fig.id
    # the figures row is the measurement, to the rounding of the figure
    gpu = by_id("llama31-405b-response-gpu")
    m = ms.by_id(gpu.measurement_id)
    assert gpu.si == pytest.approx(m.si, rel=2e-4)
    assert gpu.date == "2024-09" and "v2.0" in gpu.version and m.software_version == "0.5.4"
    assert m.batch_size == pytest.approx(127.4 / 2, rel=1e-3)  # 64 per pipeline stage
    # MIT Technology Review's figures are the leaderboard v2 runs doubled: 405B at max batch 64
    # per stage, 8B at max batch 192 (not 64)
    assert by_id("llama31-405b-response").si == pytest.approx(2 * m.si, rel=1e-3)
    small = by_id("llama31-8b-response")
    assert "bs192" in small.measurement_id
    assert small.si == pytest.approx(2 * ms.by_id(small.measurement_id).si, rel=0.01)
    bs64 = ms.by_id("mle2-chat-meta-llama-3.1-8b-instruct-h100-bs64-tp1-pp1")
    assert abs(small.si / (2 * bs64.si) - 1) > 0.25


def test_rows_written_without_the_optional_columns_still_load():
    row = {c: "" for c in dataset._COLUMNS}
    row.update(id="x", quantity="pue", subject="s", value="1.2", unit="1", source="k",
               year="2024", confidence="measured", check="read", page="p", note="n",
               date="2024", version="v", low="1.1", high="1.3", uncertainty="published")
    fig = dataset._parse_row(row, 2)
    assert fig.scope == "" and fig.measurement_id == ""


def test_new_units_convert_to_si_by_independent_arithmetic():
    """Each unit added for the everyday and analogy rows, against a hand conversion."""
    from energylib.units import KWH

    assert UNITS["gCO2/kWh"] == (pytest.approx(1e-3 / 3.6e6), "kg/J")
    assert UNITS["kWh/100mi"] == (pytest.approx(3.6e6 / 160_934.4), "J/m")
    assert UNITS["TJ/lane-mile"] == (pytest.approx(1e12 / 1609.344), "J/m")
    assert UNITS["MPGe"] == (pytest.approx(1609.344 / (33.7 * 3.6e6)), "m/J")
    assert UNITS["g/mol"] == (1e-3, "kg/mol") and UNITS["kJ/mol"] == (1e3, "J/mol")
    assert UNITS["pg"] == (pytest.approx(1e-15), "kg") and UNITS["MJ"] == (1e6, "J")
    assert UNITS["m"] == (1.0, "m") and UNITS["m^3/s^2"] == (1.0, "m^3/s^2")
    # MPGe and kWh/100mi are inverse measures of the same test: 140 MPGe is 24.07 kWh/100 mi,
    # which the label prints as 24
    mpge, per_100mi = by_id("ioniq6-mpge"), by_id("ioniq6-consumption")
    assert 1.0 / mpge.si == pytest.approx(33.7 * KWH / 140 / 1609.344)
    assert per_100mi.low <= 1.0 / mpge.si / UNITS["kWh/100mi"][0] <= per_100mi.high
    # 436 g/kWh is 0.436 kg of CO2 per kWh
    assert by_id("grid-intensity-world-2022").si * KWH == pytest.approx(0.436)


def test_everyday_and_analogy_rows():
    """The published inputs of agents.EVERYDAY_ENERGY and analogies.ANALOGY_INPUTS."""
    from energylib.units import KWH

    assert by_id("us-home-electricity-2020").si == pytest.approx(10_715 * KWH)
    road = by_id("road-construction-energy")  # 'typically ... 3 to 7 TJ/lane mile'
    assert (road.low, road.value, road.high) == (3, 5, 7) and road.uncertainty == "published"
    assert road.si_low == pytest.approx(3e12 / 1609.344)
    pregnancy = by_id("pregnancy-energy-cost")  # '321 or 325 MJ'
    assert (pregnancy.low, pregnancy.high) == (321, 325)
    assert pregnancy.si == pytest.approx((pregnancy.si_low + pregnancy.si_high) / 2)
    # minimum synthesis energies: a mammalian cell costs thousands of E. coli cells
    ratio = by_id("mammalian-cell-min-energy").si / by_id("ecoli-cell-min-energy").si
    assert 3e3 < ratio < 5e3
    # ATP bookkeeping of an E. coli cell: dry mass / Y_ATP x free energy, about 5e-10 J, some
    # five times the Gibbs minimum of the same cell (the ATP route is not a minimum)
    atp_route = (by_id("ecoli-dry-mass").si / by_id("yatp-max-glucose").si
                 * by_id("atp-hydrolysis-free-energy").si)
    assert atp_route == pytest.approx(0.3e-15 / 28.8e-3 * 50e3)
    assert 2 < atp_route / by_id("ecoli-cell-min-energy").si < 10
    # IAU nominal Sun: exact by definition; M = GM / G is the familiar 1.989e30 kg
    from energylib.analogies import G

    for key in ("solar-luminosity-nominal", "solar-radius-nominal", "solar-gm-nominal"):
        assert by_id(key).uncertainty == "spec"
    assert by_id("solar-gm-nominal").si / G == pytest.approx(1.98841e30, rel=1e-5)


def test_derived_rates_follow_their_source_rows() -> None:
    """The continuous rates per year (unit 1/yr) are recomputed from the rows they come from."""
    from energylib.units import YEAR

    assert UNITS["1/yr"] == (pytest.approx(1 / YEAR), "1/s")
    dec, jul = by_id("chatgpt-prompts-2024"), by_id("chatgpt-prompts-2025")
    growth = by_id("chatgpt-prompt-growth-2025")  # seven months, December to July
    for got, high, low in ((growth.value, jul.value, dec.value),
                           (growth.low, jul.low, dec.high), (growth.high, jul.high, dec.low)):
        assert got == pytest.approx(math.log(high / low) * 12 / 7, abs=0.006)
    assert growth.si * YEAR == pytest.approx(growth.value)
    gain, rate = by_id("gemini-efficiency-gain"), by_id("gemini-efficiency-rate")
    assert rate.value == pytest.approx(math.log(gain.value), abs=0.006)
    assert rate.low < math.log(gain.low) and math.log(gain.high) < rate.high  # +-10 % rule
    doubling, koomey = by_id("koomey-doubling"), by_id("koomey-efficiency-rate")
    for got, years in ((koomey.value, doubling.value), (koomey.low, doubling.high),
                       (koomey.high, doubling.low)):
        assert got == pytest.approx(math.log(2) / years, abs=0.006)
