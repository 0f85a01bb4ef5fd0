"""The measurement file: sources resolve, units and ranges sane, records validate themselves."""

from __future__ import annotations

import csv
import dataclasses
import math
import re
from pathlib import Path

import pytest

from energylib import measurements as ms
from energylib.measurements import (
    QUANTITIES,
    SCOPES,
    UNITS,
    Measurement,
    by_id,
    groups,
    load_measurements,
    select,
)
from energylib.units import WH

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT / "energylib" / "data" / "measurements.csv"


def bib_keys() -> set[str]:
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.M))


def test_columns_are_exactly_the_agreed_ones():
    with CSV.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == ms.COLUMNS
    assert ms.COLUMNS == (
        "id", "source", "lab", "source_version", "date", "model", "accelerator",
        "n_accelerators", "software", "software_version", "precision", "batch_size",
        "input_tokens", "output_tokens", "scope", "quantity", "value", "unit", "low", "high",
        "group", "page", "note")


def test_every_source_is_in_the_bibliography():
    missing = {m.source for m in load_measurements()} - bib_keys()
    assert not missing, f"sources not in references.bib: {sorted(missing)}"


@pytest.mark.parametrize("m", load_measurements(), ids=lambda m: m.id)
def test_each_row_is_sane(m: Measurement):
    assert m.scope in SCOPES and m.quantity in QUANTITIES and m.unit in UNITS[m.quantity]
    assert math.isfinite(m.si) and m.si > 0
    if m.quantity == "energy_per_response":
        # between a millijoule and ten megajoules per response (a long reasoning answer on a
        # multi-GPU server is tens of kJ)
        assert 1e-3 < m.si < 1e7, m.si
    else:
        assert 1e-3 < m.si < 100, m.si  # J per output token
    if m.low is not None:
        assert m.low <= m.value
    if m.high is not None:
        assert m.value <= m.high
    if m.batch_size is not None:
        assert 1 <= m.batch_size <= 8192
    if m.output_tokens is not None:
        assert 1 <= m.output_tokens <= 50_000
    if m.input_tokens is not None:
        assert 0 <= m.input_tokens <= 200_000
    if m.n_accelerators is not None:
        assert m.n_accelerators == int(m.n_accelerators) and 1 <= m.n_accelerators <= 64
    assert m.note and m.page and m.group


def test_ids_unique_and_file_order_kept():
    ids = [m.id for m in load_measurements()]
    assert len(ids) == len(set(ids))
    with CSV.open(encoding="utf-8") as fh:
        assert [row["id"] for row in csv.DictReader(fh)] == ids


def test_breadth_of_the_evidence_base():
    rows = load_measurements()
    labs = {m.lab for m in rows}
    assert len(labs) >= 3
    assert len({m.accelerator for m in rows if m.lab == "ML.ENERGY"}) >= 3
    assert {"0.5.4", "0.11.1"} <= {m.software_version for m in rows}
    notes = " ".join(m.note for m in rows)
    assert "MoE" in notes and "Dense" in notes  # both architectures
    batches = [m.batch_size for m in rows if m.batch_size is not None]
    assert min(batches) == 1 and max(batches) > 256
    assert len({m.accelerator for m in rows if m.batch_size == 1}) >= 3  # batch-1 runs on 3 GPUs
    assert len(groups()) >= 50


def test_published_points_read_in_the_originals():
    # ML.ENERGY v2 data file: Llama 3.1 70B, 8 x A100 40GB, max batch 64.
    m = by_id("mle2-chat-meta-llama-3.1-70b-instruct-a100-bs64-tp8-pp1")
    assert m.value == pytest.approx(728.53, rel=1e-4)
    assert m.output_tokens == pytest.approx(455.0, rel=1e-3)
    assert m.software_version == "0.5.4" and m.n_accelerators == 8
    # Google: full stack 0.24 Wh, its four parts sum to it.
    parts = [by_id(f"google-gemini-median-{p}").value for p in ("accel",)]
    assert by_id("google-gemini-median-fullstack").si == pytest.approx(0.24 * WH)
    assert parts[0] == 0.14
    assert by_id("google-gemini-median-server").value == pytest.approx(0.14 + 0.06 + 0.02)


def test_energy_per_token_times_tokens_matches_the_leaderboard_v3_blog():
    # v3 blog (Qwen 3 32B, 1 x B200, chat, max batch 512): 95 J per response, mean 627 tokens.
    # The data file holds the whole sweep; the minimum-energy configuration must be close.
    rows = [m for m in select(lab="ML.ENERGY", model="Qwen 3 32B", accelerator="B200")
            if m.id.startswith("mle3-lm-arena-chat")]
    best = min(rows, key=lambda m: m.value)
    assert best.value == pytest.approx(95, rel=0.1)


def test_scope_ordering_within_the_google_group():
    g = {m.scope: m.si for m in groups()["google-2025-05:gemini-median"]
         if m.id != "google-gemini-median-existing"}
    assert g["gpu"] < g["server"] < g["full-stack"]


def _valid_kwargs() -> dict:
    m = by_id("samsi-llama65b-v100")
    return {f.name: getattr(m, f.name) for f in dataclasses.fields(m)}


@pytest.mark.parametrize(("field", "bad", "error"), [
    ("value", float("nan"), ValueError),
    ("value", float("inf"), ValueError),
    ("value", -1.0, ValueError),
    ("value", "3.5", TypeError),
    ("batch_size", 0.5, ValueError),
    ("batch_size", float("nan"), ValueError),
    ("output_tokens", 0.0, ValueError),
    ("low", 5.0, ValueError),
    ("high", 1.0, ValueError),
    ("scope", "rack", ValueError),
    ("quantity", "energy", ValueError),
    ("unit", "Wh", ValueError),
    ("model", 65, TypeError),
    ("date", "sometime", ValueError),
])
def test_construction_rejects_bad_fields_naming_them(field, bad, error):
    kwargs = _valid_kwargs()
    kwargs[field] = bad
    with pytest.raises(error, match=field):
        Measurement(**kwargs)


def test_filters_and_bad_filter_input():
    assert all(m.lab == "ML.ENERGY" for m in select(lab="ML.ENERGY"))
    assert all("llama" in m.model.lower() for m in select(model="LLAMA"))
    assert select(lab="Google", scope="gpu", quantity="energy_per_output_token") == ()
    with pytest.raises(ValueError, match="lab"):
        select(lab="Nowhere Lab")
    with pytest.raises(ValueError, match="scope"):
        select(scope="rack")
    with pytest.raises(TypeError, match="model"):
        select(model=8)
    with pytest.raises(ValueError, match="measurement_id"):
        by_id("no-such-row")
    with pytest.raises(TypeError, match="measurements"):
        groups(measurements="all")  # type: ignore[arg-type]


def test_two_labs_agree_on_llama_31_8b_at_large_batch():
    """AI2 (SGLang) and ML.ENERGY v3 (vLLM 0.11.1), both one H100, saturated: J per token."""
    ai2 = by_id("ai2-llama-3-1-8b-offline")
    ai2_per_token = ai2.si / ai2.output_tokens
    mle = [m.si / m.output_tokens for m in select(lab="ML.ENERGY", model="Llama 3.1 8B",
                                                  accelerator="H100 SXM")
           if m.software_version == "0.11.1"]
    assert 0.5 < ai2_per_token / min(mle) < 2


def test_estimated_rows_are_marked_as_not_metered():
    for m in select(lab="URI (Jegham et al.)"):
        assert "NOT a meter reading" in m.note and m.scope == "full-stack"


def test_pipeline_parallel_rows_store_the_per_stage_batch():
    pp2 = [m for m in load_measurements() if "PP 2" in m.note]
    assert len(pp2) == 17
    for m in pp2:
        assert m.batch_per_stage and m.n_accelerators == 16
        total = float(re.search(r"measured mean running batch ([\d.]+) over the 2", m.note)[1])
        assert m.batch_size == pytest.approx(total / 2, rel=1e-3)
    assert not any(m.batch_per_stage for m in load_measurements() if "PP 2" not in m.note)


def test_provenance_flags_are_fixed_keywords():
    rows = load_measurements()
    for flag in ms.NOTE_FLAGS:
        assert any(flag in m.note for m in rows), flag
    estimated = [m for m in rows if m.input_tokens_estimated]
    assert all(m.input_tokens is not None for m in estimated)
    assert all(m.input_tokens_estimated for m in rows if m.id.startswith(("mle2", "mle3")))
    assert not any(m.input_tokens_estimated for m in rows if m.lab == "URI (Jegham et al.)")
    assert all(m.output_tokens_estimated for m in rows if m.lab == "AI2")
    assert all(not m.metered for m in select(lab="URI (Jegham et al.)"))
    assert all("value derived" in m.note for m in rows if m.id.startswith("mle3"))
    assert "boundary narrower than scope" in by_id("google-gemini-median-existing").note


def test_duplicates_can_be_left_out_of_a_pooled_fit():
    from energylib import dataset

    dupes = ms.figure_duplicates()
    assert dupes["mle2-chat-meta-llama-3.1-405b-instruct-h100-bs64-tp8-pp2"] == (
        "llama31-405b-response", "llama31-405b-response-gpu")
    assert all(by_id(k).in_figures for k in dupes)
    assert sum(m.in_figures for m in load_measurements()) == len(dupes)
    kept = ms.figures_without_duplicates(dataset.load_figures())
    repeated = {f for fs in dupes.values() for f in fs}
    assert {f.id for f in kept} == {f.id for f in dataset.load_figures()} - repeated
    with pytest.raises(TypeError, match="figures"):
        ms.figures_without_duplicates("all")  # type: ignore[arg-type]


def test_samsi_configuration_is_not_pinned_to_one_gpu():
    m = by_id("samsi-llama65b-v100")
    assert m.batch_size is None and m.n_accelerators is None
    assert "V100" in m.accelerator and "A100" in m.accelerator


def test_v1_notes_state_the_memory_size_honestly():
    for m in select(lab="ML.ENERGY"):
        if m.id.startswith("mle1"):
            assert "A100 memory size not stated" not in m.note
