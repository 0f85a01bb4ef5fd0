"""The three kinds of query (chat, reasoning, agent step): counts from the dataset, checks,
and what the estimator makes of them."""

from __future__ import annotations

import dataclasses

import pytest

from energylib import tasks
from energylib.dataset import by_id
from energylib.estimator import estimate_query_energy
from energylib.serving import SCOPES, scope_factors
from energylib.tasks import SCOPE_LABELS, TASK_ROWS, TASKS, Task, scope_conversion, task_from_rows

MODELS = ("Llama 3.1 8B", "Llama 3.1 70B", "Qwen 3 32B")
"""Catalogue models the estimator's checks run on: two dense sizes and a third family."""


def test_keys_and_counts_are_the_dataset_rows() -> None:
    assert list(TASKS) == ["chat", "reasoning", "agent step"]
    for name, (inp, out) in TASK_ROWS.items():
        task = TASKS[name]
        assert task.name == name and task.source_rows == (inp, out)
        assert task.input_tokens == by_id(inp).value
        assert task.output_tokens == by_id(out).value
        for row in (inp, out):
            fig = by_id(row)
            assert fig.unit == "tokens" and fig.low <= fig.value <= fig.high
            assert fig.date and fig.version and fig.uncertainty and fig.note
    # the published ML.ENERGY means
    assert TASKS["chat"].output_tokens == 717 and TASKS["reasoning"].output_tokens == 6988


def test_estimated_and_assumed_rows_say_so() -> None:
    for row in ("chat-input-tokens", "reasoning-input-tokens"):
        fig = by_id(row)
        assert fig.confidence == "estimated" and "not published" in fig.note
        assert fig.high / fig.low > 2  # a wide range for an estimate
    out = by_id("agent-step-output-tokens")
    assert out.confidence == "estimated" and out.note.startswith("Assumption")
    assert out.high / out.low >= 10
    inp = by_id("agent-step-input-tokens")
    assert inp.source == "aubakirova2025openrouter" and inp.low <= 6000 < inp.value


def test_a_changed_row_changes_the_task(monkeypatch: pytest.MonkeyPatch) -> None:
    real = tasks.by_id

    def doubled(row: str):
        fig = real(row)
        return dataclasses.replace(fig, value=2 * fig.value, high=2 * fig.high)

    monkeypatch.setattr(tasks, "by_id", doubled)
    again = task_from_rows("chat", *TASK_ROWS["chat"])
    assert again.output_tokens == 2 * TASKS["chat"].output_tokens
    assert again.input_tokens == 2 * TASKS["chat"].input_tokens


def test_a_row_not_in_tokens_is_refused() -> None:
    with pytest.raises(ValueError, match="output_row.*gpt3-train-energy"):
        task_from_rows("x", "chat-input-tokens", "gpt3-train-energy")
    with pytest.raises(ValueError, match="no-such-row"):
        task_from_rows("x", "no-such-row", "chat-output-tokens")


@pytest.mark.parametrize("field, bad, error", [
    ("input_tokens", float("nan"), ValueError),
    ("input_tokens", float("inf"), ValueError),
    ("output_tokens", -1.0, ValueError),
    ("output_tokens", 2e7, ValueError),
    ("input_tokens", "200", TypeError),
    ("output_tokens", True, TypeError),
    ("output_tokens", None, TypeError),
    ("name", "", ValueError),
    ("name", 3, TypeError),
    ("source_rows", ["chat-input-tokens"], TypeError),
    ("source_rows", (1,), TypeError),
])
def test_validation_names_field_value_and_range(field: str, bad: object, error: type) -> None:
    good = dict(name="t", input_tokens=100.0, output_tokens=300.0, source_rows=())
    with pytest.raises(error, match=field) as info:
        Task(**{**good, field: bad})
    if field.endswith("tokens"):
        assert repr(bad) in str(info.value) and "[0, 10000000]" in str(info.value)


def test_task_is_frozen_and_counts_are_floats() -> None:
    t = Task("t", 100, 300)
    assert isinstance(t.input_tokens, float) and isinstance(t.output_tokens, float)
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.output_tokens = 1.0  # type: ignore[misc]


def test_scope_labels_and_conversion() -> None:
    assert tuple(SCOPE_LABELS) == SCOPES
    assert SCOPE_LABELS == {"gpu": "accelerators", "server": "server", "full-stack": "full stack"}
    f = scope_factors()
    for to in SCOPES:
        assert scope_conversion(to) == pytest.approx(f.factor(to), rel=1e-12)
        assert scope_conversion(to, to) == 1.0  # already there: not widened again
        for frm in SCOPES:
            assert scope_conversion(to, frm) * scope_conversion(frm, to) == pytest.approx(1.0)
    assert scope_conversion("full-stack") == pytest.approx(2.4, rel=1e-9)
    assert scope_conversion("full-stack", production_batch=True) == pytest.approx(
        0.24 / 0.14, rel=1e-9)
    for bad in ("wall", None, "unknown"):
        with pytest.raises(ValueError, match="scope"):
            scope_conversion(bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="stated_in"):
            scope_conversion("gpu", bad)  # type: ignore[arg-type]


def _energy(model: str, task: Task, **kw: float) -> float:
    return estimate_query_energy(model=model, input_tokens=task.input_tokens,
                                 output_tokens=task.output_tokens, **kw).energy


@pytest.mark.parametrize("model", MODELS)
def test_estimated_energy_orders_chat_agent_step_reasoning(model: str) -> None:
    """At the estimator's default batch (64) a chat answer costs least, then an agent step
    (20,000 prompt tokens read once, 500 written), then a reasoning answer (6,988 written):
    writing tokens costs far more than reading them."""
    chat, agent, reasoning = (_energy(model, TASKS[k]) for k in ("chat", "agent step",
                                                                 "reasoning"))
    assert chat < agent < reasoning


@pytest.mark.parametrize("model", MODELS)
def test_reasoning_over_chat_against_the_published_ratio(model: str) -> None:
    """Not inside the published band at equal batch, and why.

    ML.ENERGY's 25x (row reasoning-energy-ratio) compares each model's minimum-energy
    configuration per task: the reasoning runs had smaller batches (longer answers fill
    the memory with cache), so a higher energy per token on top of the 9.75x tokens
    (row reasoning-token-ratio).  At the same batch the estimator gives more than the token
    ratio (the cache read grows with the answer) but less than the published band; with the
    reasoning batch halved (32 against 64) the smallest model lands in the band.
    """
    published, tokens = by_id("reasoning-energy-ratio"), by_id("reasoning-token-ratio")
    chat = _energy(model, TASKS["chat"])
    ratio = _energy(model, TASKS["reasoning"]) / chat
    assert tokens.low < ratio < published.low
    if model == "Llama 3.1 8B":
        halved = _energy(model, TASKS["reasoning"], batch_size=32.0) / chat
        assert published.low <= halved <= published.high


@pytest.mark.parametrize("model", MODELS)
def test_token_energy_fit_follows_the_estimator(model: str) -> None:
    """Exact at the three tasks (it is solved there), within 11 % elsewhere."""
    fit = tasks.token_energy_fit(model)
    assert min(fit.per_input_token, fit.per_output_token, fit.per_cache_read) > 0
    for n_in, n_out in [(t.input_tokens, t.output_tokens) for t in TASKS.values()]:
        est = estimate_query_energy(model=model, input_tokens=n_in, output_tokens=n_out).energy
        assert fit.energy(n_in, n_out) == pytest.approx(est, rel=1e-9)
    for n_in, n_out in [(200, 100), (200, 3000), (20000, 3000), (250, 20000), (2000, 717)]:
        est = estimate_query_energy(model=model, input_tokens=n_in, output_tokens=n_out).energy
        assert fit.energy(n_in, n_out) == pytest.approx(est, rel=0.11)
    assert fit.relative(200, 717) == 1.0
    with pytest.raises(ValueError, match="reference"):
        fit.relative(200, 717, reference="poem")
    with pytest.raises(ValueError, match="output_tokens"):
        fit.energy(200, -1)


def test_machines_explorer_scales_a_call_with_the_8b_token_form() -> None:
    """The machines explorer's energy per token is Llama 3.1 8B's (row llama31-8b-token-v3):
    a call is scaled by that model's full token form, cache reads included, so a longer
    prompt costs again while decoding."""
    from energylib.agents import call_tokens

    fit = tasks.token_energy_fit("Llama 3.1 8B")
    assert fit.model == "Llama 3.1 8B"
    chat = TASKS["chat"]
    for name, t in TASKS.items():
        got = call_tokens(name, t.output_tokens) / chat.output_tokens
        assert got == pytest.approx(fit.relative(t.input_tokens, t.output_tokens), rel=1e-12)
    agent = TASKS["agent step"]
    prefill_only = (fit.per_input_token * agent.input_tokens
                    + fit.per_output_token * agent.output_tokens)
    assert fit.energy(agent.input_tokens, agent.output_tokens) > 1.05 * prefill_only
