"""What one query is: a chat answer, a reasoning answer or one step of an agent.

The energy of a query depends on how many tokens it reads (the prompt, processed
at once: *prefill*) and how many it writes (the answer, one token at a time:
*decode*), and on what is counted: the accelerators alone, the whole server, or
the full stack with the data centre's overhead.  This module gives the three
kinds of query the explorers offer, with their token counts read from the
book's dataset (``energylib/data/figures.csv``), and names for the three
boundaries of :data:`energylib.serving.SCOPES`.

* ``"chat"``: a text conversation; ML.ENERGY's leaderboard v3 (LMArena
  prompts) measured a mean answer of 717 output tokens; its prompt length,
  about 200 tokens, is this dataset's estimate, not published
  :cite:`mlenergy2025v3`.
* ``"reasoning"``: problem solving with reasoning on (GPQA questions);
  6,988 output tokens on average, a prompt of about 250 tokens (again this
  dataset's estimate).
* ``"agent step"``: one model call of a tool-using agent, which re-sends its
  whole growing context at each step: programming requests on OpenRouter
  averaged around 20,000 prompt tokens in 2025 :cite:`aubakirova2025openrouter`;
  the answer per step, 500 tokens, is an assumption (the report's text gives no
  mean), with a wide range.

Every count has the ``low`` and ``high`` of its dataset row (see
:attr:`Task.source_rows`).  Change a row and the task changes with it.

Examples
--------
>>> TASKS["chat"].output_tokens, TASKS["reasoning"].output_tokens
(717.0, 6988.0)
>>> sorted(TASKS)
['agent step', 'chat', 'reasoning']
>>> SCOPE_LABELS["full-stack"], round(scope_conversion("full-stack"), 2)
('full stack', 2.4)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .dataset import by_id
from .serving import SCOPES, scope_factors

__all__ = ["Task", "TASKS", "TASK_ROWS", "SCOPE_LABELS", "MAX_TOKENS", "task_from_rows",
           "scope_conversion"]

MAX_TOKENS = 1e7
"""Largest token count a task may have, the estimator's limit [tokens]."""

SCOPE_LABELS: dict[str, str] = {"gpu": "accelerators", "server": "server",
                                "full-stack": "full stack"}
"""Plain names of the estimator's scopes (:data:`energylib.serving.SCOPES`), for
switches and tables: the accelerators alone; plus the host and the idle reserve;
plus the data centre's overhead."""

TASK_ROWS: dict[str, tuple[str, str]] = {
    "chat": ("chat-input-tokens", "chat-output-tokens"),
    "reasoning": ("reasoning-input-tokens", "reasoning-output-tokens"),
    "agent step": ("agent-step-input-tokens", "agent-step-output-tokens"),
}
"""Dataset rows (input, output) each task reads its token counts from."""


@dataclass(frozen=True)
class Task:
    """One kind of query: its prompt and answer lengths.

    Attributes
    ----------
    name : str
        Short name, e.g. ``"chat"`` (not empty).
    input_tokens : float
        Prompt length, in [0, 1e7] [tokens].
    output_tokens : float
        Answer length, in [0, 1e7] [tokens].
    source_rows : tuple of str
        Ids of the rows of ``figures.csv`` the counts come from (may be empty for a
        task built by hand).

    Raises
    ------
    TypeError
        If ``name`` is not a string, a count is not a real number (a bool or a string)
        or ``source_rows`` is not a tuple of strings.
    ValueError
        If ``name`` is empty, or a count is NaN, infinite, negative or above 1e7; the
        message names the field, the value and the allowed range.

    Examples
    --------
    >>> Task("short", 100, 300).output_tokens
    300.0
    >>> Task("short", 100, float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: output_tokens must be a finite number of tokens in [0, 10000000]; got nan
    """

    name: str
    input_tokens: float
    output_tokens: float
    source_rows: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise TypeError(f"name must be a string; got {self.name!r}")
        if not self.name.strip():
            raise ValueError(f"name must be a non-empty string; got {self.name!r}")
        for field in ("input_tokens", "output_tokens"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"{field} must be a real number of tokens in "
                                f"[0, {MAX_TOKENS:.0f}]; got {value!r}")
            if not math.isfinite(value) or not 0.0 <= value <= MAX_TOKENS:
                raise ValueError(f"{field} must be a finite number of tokens in "
                                 f"[0, {MAX_TOKENS:.0f}]; got {value!r}")
            object.__setattr__(self, field, float(value))
        if not isinstance(self.source_rows, tuple) or not all(
                isinstance(r, str) for r in self.source_rows):
            raise TypeError(f"source_rows must be a tuple of row ids (str); "
                            f"got {self.source_rows!r}")


def task_from_rows(name: str, input_row: str, output_row: str) -> Task:
    """A task whose token counts are the values of two dataset rows.

    Parameters
    ----------
    name : str
        The task's name.
    input_row, output_row : str
        Ids of rows of ``figures.csv`` in tokens (prompt and answer).

    Raises
    ------
    ValueError
        If a row is missing or not counted in tokens.

    Examples
    --------
    >>> task_from_rows("chat", "chat-input-tokens", "chat-output-tokens").input_tokens
    200.0
    """
    counts = []
    for field, row in (("input_row", input_row), ("output_row", output_row)):
        figure = by_id(row)
        if figure.unit != "tokens":
            raise ValueError(f"{field} must name a row in tokens; got {row!r} "
                             f"in {figure.unit!r}")
        counts.append(figure.value)
    return Task(name, counts[0], counts[1], (input_row, output_row))


TASKS: dict[str, Task] = {name: task_from_rows(name, *rows) for name, rows in TASK_ROWS.items()}
"""The three kinds of query, ``"chat"``, ``"reasoning"`` and ``"agent step"``, from
the rows of :data:`TASK_ROWS`."""


def scope_conversion(scope: str, stated_in: str = "gpu", production_batch: bool = False) -> float:
    """Factor from an energy counted within ``stated_in`` to one counted within ``scope`` [-].

    The ratio of :meth:`energylib.serving.ScopeFactors.factor` at the two scopes
    (Google's factors, :func:`energylib.serving.scope_factors`): 2.4 from the
    accelerators to the full stack, 2.4 / 2.2 from the server to the full stack, and
    1 for the same scope, so an energy already at the full stack is not widened again.

    Parameters
    ----------
    scope : str
        Boundary wanted, one of :data:`energylib.serving.SCOPES`.
    stated_in : str
        Boundary the energy is given in, likewise.
    production_batch : bool
        As :func:`energylib.serving.scope_factors` (no fleet-utilisation factor: the
        full stack is then 1.71 times the accelerators).

    Raises
    ------
    ValueError
        If a scope is not one of :data:`energylib.serving.SCOPES`.

    Examples
    --------
    >>> round(scope_conversion("full-stack", "server"), 3), scope_conversion("server", "server")
    (1.091, 1.0)
    >>> round(scope_conversion("gpu", "full-stack"), 3)
    0.417
    """
    for field, value in (("scope", scope), ("stated_in", stated_in)):
        if not isinstance(value, str) or value not in SCOPES:
            raise ValueError(f"{field} must be one of {SCOPES}; got {value!r}")
    factors = scope_factors(production_batch)
    return factors.factor(scope) / factors.factor(stated_in)
