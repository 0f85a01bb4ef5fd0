"""Machine-driven demand: agents that call models on their own.

A population of software agents ``a(t)``, each making ``c(t)`` model calls per
second of ``n`` tokens each, at ``epsilon`` joules per token and a wall-plug
overhead factor ``o`` (host, idle reserve, cooling), draws the power

``P(t) = a(t) c(t) n epsilon o``                                    [W]

where ``n epsilon`` is the energy of one call.  A call both reads input
tokens (prefill) and writes output tokens (decode), at different costs per
token; :func:`energy_per_call` gives ``n_in epsilon_in + n_out epsilon_out``,
which can stand in for ``n epsilon`` (pass it as ``energy_per_token`` with
``tokens_per_call=1``).

and, if a power budget ``P_cap`` binds, ``min(P(t), P_cap)``.  Both ``a(t)``
and ``c(t)`` grow either exponentially (no ceiling) or logistically towards a
carrying capacity (people, money, hardware, power).  The product of two
logistic curves is bounded by ``K_a K_c``; one exponential factor is enough
for the product to grow without bound; a power budget caps the power
whatever the demand does.

Functions
---------
energy_per_call
    Energy of one call from its input and output tokens.
calls_in_flight
    How many calls must run at once to sustain a call rate (Little's law).
agent_power, agent_energy_per_day
    What one agent costs at a fixed call rate.
agents_for_power
    How many such agents draw a given power (e.g. all data centres).
agent_population, call_rate_per_agent
    Exponential (``capacity=inf``) or logistic growth; reuse
    :func:`energylib.demand.exponential_demand` and
    :func:`energylib.demand.logistic_demand`.
machine_power, cumulative_machine_energy, limiting_machine_power, time_to_power
    The product model over time: power, energy, long-run power, and when the
    power first reaches a level.

Time is in seconds and rates in [1/s] (:func:`energylib.units.per_year`
converts); energy in joules.

References
----------
:cite:`chung2025mlenergy`
:cite:`elsworth2025google`
:cite:`iea2025energyai`

Examples
--------
One agent making 100 calls a second of 717 tokens at 0.12 J a token
(GPU only) draws about 8.6 kW, some 206 kWh a day:

>>> round(agent_power(100.0, 717.0, 0.12))
8604
>>> from energylib.units import KWH
>>> round(agent_energy_per_day(100.0, 717.0, 0.12) / KWH, 1)
206.5
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import exprel

from .dataset import by_id
from .demand import exponential_demand, logistic_demand
from .serving import scope_factors
from .tasks import TASKS, token_energy_fit
from .units import DAY, KWH, METRE
from .validation import (
    FloatOrArray,
    check_number,
    check_option,
    check_scalar,
    scalar_or_array,
)

__all__ = [
    "TokenEnergy",
    "ENERGY_PER_TOKEN",
    "ACCELERATOR_SHARE_GOOGLE",
    "FULL_STACK_OVERHEAD",
    "DATA_CENTRE_POWER_2024",
    "EVERYDAY_ENERGY",
    "CALL_TOKEN_MODEL",
    "call_tokens",
    "scope_overheads",
    "energy_per_call",
    "calls_in_flight",
    "agent_power",
    "agent_energy_per_day",
    "agents_for_power",
    "agent_population",
    "call_rate_per_agent",
    "machine_power",
    "cumulative_machine_energy",
    "limiting_machine_power",
    "time_to_power",
]


@dataclass(frozen=True)
class TokenEnergy:
    """A published (or derived) energy per generated token.

    Attributes
    ----------
    energy : float
        Energy per output token [J].
    source : str
        BibTeX key in the book's bibliography.
    scope : str
        What the figure counts (``"GPU only"`` or ``"server and facility"``).
    note : str
        Model, hardware and how the number was obtained.
    """

    energy: float
    source: str
    scope: str
    note: str

    def __post_init__(self) -> None:
        energy = check_scalar("TokenEnergy.energy", self.energy, low=0.0, low_open=True)
        object.__setattr__(self, "energy", energy)
        for name in ("source", "scope", "note"):
            text = getattr(self, name)
            if not isinstance(text, str) or not text.strip():
                raise TypeError(f"TokenEnergy.{name} must be a non-empty string; got {text!r}")


ENERGY_PER_TOKEN: dict[str, TokenEnergy] = {
    "llama-3.1-8b-h100-b64": TokenEnergy(
        by_id("llama31-8b-token-v3").si, "mlenergy2025llama31", "GPU only",
        "Llama 3.1 8B on H100, batch 64, ML.ENERGY leaderboard v3 (Dec. 2025); "
        "0.20 J in v2 (Sept. 2024).",
    ),
    "llama-65b-a100-samsi": TokenEnergy(
        by_id("llama65b-samsi").si, "samsi2023words", "GPU only",
        "LLaMA-65B on V100/A100, about 3-4 J per output token (midpoint).",
    ),
    "gpt-4o-epoch": TokenEnergy(
        by_id("gpt4o-typical-query").si / 500.0, "you2025chatgpt", "server and facility",
        "Epoch AI's 0.3 Wh for a 500-output-token GPT-4o query, divided by 500 "
        "(DGX share of power, PUE 1.2; no idle reserve).",
    ),
}
"""Energies per output token by name, each with its source and scope."""

ACCELERATOR_SHARE_GOOGLE = by_id("gemini-accelerator-share").value
"""Accelerators' share of a median Gemini prompt's energy, May 2025 [-].

From the dataset (row ``gemini-accelerator-share``): :cite:`elsworth2025google`.
"""

FULL_STACK_OVERHEAD = 1.0 / ACCELERATOR_SHARE_GOOGLE
"""Wall-plug energy per unit of accelerator energy implied by that share [-].

A lower bound for other fleets: Google's share implies a best-in-class
facility; an H100 server's host share and an industry-average PUE give a
factor nearer 2 to 3.
"""

DATA_CENTRE_POWER_2024 = by_id("dc-electricity-2024").si
"""All data centres' electricity in 2024, 415 TWh, as an average power [W].

From the dataset (row ``dc-electricity-2024``): :cite:`iea2025energyai`.
"""

EVERYDAY_ENERGY: dict[str, tuple[float, str, str]] = {
    "US household, one day": (
        by_id("us-home-electricity-2020").value * KWH / 365.0, "eia2021home",
        "Average US residential utility customer (not household), 10,715 kWh in "
        "2020, divided by 365 days.",
    ),
    "electric car, one km": (
        1e3 * METRE / by_id("ioniq6-mpge").si, "epa2023ioniq6",
        "2023 Hyundai Ioniq 6 Long Range RWD, EPA 140 MPGe at 33.7 kWh per "
        "gallon-equivalent, per km (one of the most efficient EVs rated).",
    ),
}
"""Everyday energies [J] by name, each with its source key and derivation."""

CALL_TOKEN_MODEL = "Llama 3.1 8B"
"""The model behind the energy per token the chapter counts in (row ``llama31-8b-token-v3``)."""


def call_tokens(task: str, output_tokens: float) -> float:
    """A call's energy in chat output tokens: ``n_chat E(n_in, n_out) / E_chat`` [tokens].

    The energy per token (ML.ENERGY's) is per output token of a chat answer,
    its prompt and cache reads included.  A call of another length costs
    what the estimator gives for it relative to a chat answer, in the full
    token form of :func:`energylib.tasks.token_energy_fit` for
    :data:`CALL_TOKEN_MODEL` (the model behind the 0.12 J): prefill of the
    task's prompt ``n_in``, writing ``n_out`` tokens, and each written token
    reading the cache of the prompt and of the answer so far.  Equal to
    ``output_tokens`` for a chat call of 717 tokens.

    Parameters
    ----------
    task : str
        A key of :data:`energylib.tasks.TASKS`: its prompt length is used.
    output_tokens : float
        The call's answer length (> 0) [tokens].

    Examples
    --------
    >>> call_tokens("chat", TASKS["chat"].output_tokens) == TASKS["chat"].output_tokens
    True
    >>> 13 < call_tokens("agent step", 500) / TASKS["chat"].output_tokens < 15
    True
    """
    task = check_option("task", task, tuple(TASKS))
    n_out = check_scalar("output_tokens", output_tokens, low=0.0, low_open=True)
    fit = token_energy_fit(CALL_TOKEN_MODEL)
    return TASKS["chat"].output_tokens * fit.relative(TASKS[task].input_tokens, n_out)


def scope_overheads(overhead: float = FULL_STACK_OVERHEAD) -> dict[str, float]:
    """From the GPU energy per token to each boundary of :data:`energylib.serving.SCOPES` [-].

    The full stack is ``overhead`` (>= 1; by default the chapter's 1/0.58); the
    server leaves out the facility's PUE (Google's implied 1.09,
    :func:`energylib.serving.scope_factors`), but is never below the GPU.

    Examples
    --------
    >>> {k: round(v, 2) for k, v in scope_overheads(2.0).items()}
    {'gpu': 1.0, 'server': 1.83, 'full-stack': 2.0}
    """
    f = check_scalar("overhead", overhead, low=1.0)
    return {"gpu": 1.0, "server": max(1.0, f / scope_factors().pue), "full-stack": f}


_MODELS = ("exponential", "logistic")


def energy_per_call(
    output_tokens: FloatOrArray,
    energy_per_output_token: FloatOrArray,
    input_tokens: FloatOrArray = 0.0,
    energy_per_input_token: FloatOrArray = 0.0,
) -> FloatOrArray:
    """Energy of one model call, ``n_in epsilon_in + n_out epsilon_out`` [J].

    Input tokens are read in parallel (prefill) and cost less per token than
    output tokens, which are generated one at a time (decode); but agents
    often send far more input (a growing context, tool results) than they
    receive, so the input term can dominate.  Prompt caching lowers
    ``energy_per_input_token`` for a reused prefix.

    Parameters
    ----------
    output_tokens : float or ndarray
        Tokens generated per call (>= 0) [tokens].
    energy_per_output_token : float or ndarray
        Energy per generated token (>= 0) [J].
    input_tokens : float or ndarray
        Tokens read per call (>= 0) [tokens].
    energy_per_input_token : float or ndarray
        Energy per input token (>= 0) [J].

    Returns
    -------
    float or ndarray
        Energy per call [J].

    Examples
    --------
    >>> energy_per_call(100.0, 0.1)
    10.0
    >>> energy_per_call(100.0, 0.1, input_tokens=2000.0, energy_per_input_token=0.02)
    50.0
    """
    n_out = check_number("output_tokens", output_tokens, low=0.0)
    e_out = check_number("energy_per_output_token", energy_per_output_token, low=0.0)
    n_in = check_number("input_tokens", input_tokens, low=0.0)
    e_in = check_number("energy_per_input_token", energy_per_input_token, low=0.0)
    return scalar_or_array(n_in * e_in + n_out * e_out)


def calls_in_flight(
    calls_per_second: FloatOrArray,
    output_tokens: FloatOrArray,
    stream_tokens_per_second: FloatOrArray,
) -> FloatOrArray:
    """Calls that must run at the same time to sustain a call rate [-].

    Little's law: the number in the system is the arrival rate times the time
    each spends there, ``L = c W`` with ``W = n_out / s`` when a call's
    duration is set by decoding ``n_out`` tokens at ``s`` tokens per second
    per stream (prefill and queueing only add to ``W``).  A sequential agent
    loop, one call at a time, manages ``1 / W`` calls a second.

    Parameters
    ----------
    calls_per_second : float or ndarray
        Calls started per second (>= 0) [1/s].
    output_tokens : float or ndarray
        Tokens generated per call (>= 0) [tokens].
    stream_tokens_per_second : float or ndarray
        Decode speed of one stream (> 0) [tokens/s].

    Returns
    -------
    float or ndarray
        Calls in flight on average [-].

    Examples
    --------
    >>> calls_in_flight(100.0, 500.0, 50.0)  # 10 s per call
    1000.0
    """
    c = check_number("calls_per_second", calls_per_second, low=0.0)
    n = check_number("output_tokens", output_tokens, low=0.0)
    s = check_number("stream_tokens_per_second", stream_tokens_per_second, low=0.0,
                     low_open=True)
    return scalar_or_array(c * n / s)


def agent_power(
    calls_per_second: FloatOrArray,
    tokens_per_call: FloatOrArray,
    energy_per_token: FloatOrArray,
    overhead: FloatOrArray = 1.0,
) -> FloatOrArray:
    """Power drawn by one agent, ``c n epsilon o`` [W].

    Parameters
    ----------
    calls_per_second : float or ndarray
        Model calls the agent makes per second (>= 0) [1/s].
    tokens_per_call : float or ndarray
        Tokens generated per call (>= 0) [tokens].
    energy_per_token : float or ndarray
        Energy per generated token (>= 0) [J].
    overhead : float or ndarray
        Wall-plug energy per unit of the energy counted in
        ``energy_per_token`` (>= 1): 1 for a full-stack figure,
        :data:`FULL_STACK_OVERHEAD` to lift a GPU-only one [-].

    Returns
    -------
    float or ndarray
        Power [W].

    Examples
    --------
    >>> agent_power(1.0, 100.0, 0.5, overhead=2.0)
    100.0
    >>> agent_power(np.array([1.0, 10.0]), 100.0, 0.5)
    array([ 50., 500.])
    """
    c = check_number("calls_per_second", calls_per_second, low=0.0)
    n = check_number("tokens_per_call", tokens_per_call, low=0.0)
    e = check_number("energy_per_token", energy_per_token, low=0.0)
    o = check_number("overhead", overhead, low=1.0)
    return scalar_or_array(c * n * e * o)


def agent_energy_per_day(
    calls_per_second: FloatOrArray,
    tokens_per_call: FloatOrArray,
    energy_per_token: FloatOrArray,
    overhead: FloatOrArray = 1.0,
) -> FloatOrArray:
    """Energy one agent uses in a day of continuous calls [J].

    Parameters
    ----------
    calls_per_second, tokens_per_call, energy_per_token, overhead
        As in :func:`agent_power`.

    Returns
    -------
    float or ndarray
        Energy per agent per day [J].

    Examples
    --------
    One call a second of one token at 1 J: 86,400 J a day.

    >>> agent_energy_per_day(1.0, 1.0, 1.0)
    86400.0
    """
    return scalar_or_array(
        agent_power(calls_per_second, tokens_per_call, energy_per_token, overhead) * DAY
    )


def agents_for_power(
    target_power: FloatOrArray,
    calls_per_second: FloatOrArray,
    tokens_per_call: FloatOrArray,
    energy_per_token: FloatOrArray,
    overhead: FloatOrArray = 1.0,
) -> FloatOrArray:
    """Number of identical agents that together draw ``target_power`` [-].

    Parameters
    ----------
    target_power : float or ndarray
        Power to reach (>= 0) [W], e.g. :data:`DATA_CENTRE_POWER_2024`.
    calls_per_second, tokens_per_call, energy_per_token : float or ndarray
        As in :func:`agent_power`, each > 0 here (an agent drawing no power
        never reaches any level).
    overhead : float or ndarray
        As in :func:`agent_power`.

    Returns
    -------
    float or ndarray
        Agents [-].

    Examples
    --------
    >>> agents_for_power(1e6, 10.0, 100.0, 1.0)
    1000.0
    """
    p = check_number("target_power", target_power, low=0.0)
    check_number("calls_per_second", calls_per_second, low=0.0, low_open=True)
    check_number("tokens_per_call", tokens_per_call, low=0.0, low_open=True)
    check_number("energy_per_token", energy_per_token, low=0.0, low_open=True)
    per_agent = agent_power(calls_per_second, tokens_per_call, energy_per_token, overhead)
    return scalar_or_array(p / per_agent)


def _check_capacity(name: str, capacity: Any, initial: FloatOrArray, initial_name: str) -> float:
    k = check_scalar(name, capacity, low=0.0, low_open=True, allow_inf=True)
    if np.any(np.asarray(initial) > k):
        raise ValueError(
            f"{name} must be >= {initial_name} (growth cannot start above its ceiling), "
            f"in [{initial_name}, inf]; got {name}={capacity!r}, {initial_name}={initial!r}"
        )
    return k


def _growth(t: FloatOrArray, x0: FloatOrArray, g: FloatOrArray, k: float) -> np.ndarray:
    """Exponential (k = inf) or logistic growth from x0, inputs already checked."""
    x0_arr = np.asarray(x0, dtype=np.float64)
    if np.all(x0_arr > 0):
        curve = exponential_demand(t, x0, g) if math.isinf(k) else logistic_demand(t, x0, g, k)
        return np.asarray(curve, dtype=np.float64)
    # A factor that starts at zero stays there (and 0 x overflow must not become NaN).
    safe = np.where(x0_arr > 0, x0_arr, 1.0 if math.isinf(k) else k)
    curve = exponential_demand(t, safe, g) if math.isinf(k) else logistic_demand(t, safe, g, k)
    return np.where(x0_arr > 0, np.asarray(curve, dtype=np.float64), 0.0)


def agent_population(
    t: FloatOrArray,
    agents0: FloatOrArray,
    growth_rate: FloatOrArray,
    capacity: float = math.inf,
) -> FloatOrArray:
    """Number of agents at time ``t``: exponential, or logistic below a ceiling [-].

    ``a(t) = a0 exp(g t)`` when ``capacity`` is infinite; otherwise
    ``a(t) = K / (1 + (K / a0 - 1) exp(-g t))``, which starts at ``a0``, grows
    at rate ``g`` at first and never exceeds ``K``.

    Parameters
    ----------
    t : float or ndarray
        Time (>= 0) [s].
    agents0 : float or ndarray
        Agents at ``t = 0`` (>= 0) [-].
    growth_rate : float or ndarray
        Continuous growth rate ``g`` (>= 0) [1/s].
    capacity : float
        Carrying capacity ``K`` (> 0, >= ``agents0``; ``inf`` for exponential
        growth) [-].

    Returns
    -------
    float or ndarray
        Agents [-]; ``inf`` only if exponential growth overflows a float.

    Examples
    --------
    >>> round(agent_population(np.log(2), 10.0, 1.0))  # doubles after ln 2 / g
    20
    >>> round(agent_population(1e3, 10.0, 1.0, capacity=1e6))  # saturates
    1000000
    """
    tt = check_number("t", t, low=0.0)
    a0 = check_number("agents0", agents0, low=0.0)
    g = check_number("growth_rate", growth_rate, low=0.0)
    k = _check_capacity("capacity", capacity, a0, "agents0")
    return scalar_or_array(_growth(tt, a0, g, k))


def call_rate_per_agent(
    t: FloatOrArray,
    calls_per_second0: FloatOrArray,
    growth_rate: FloatOrArray,
    capacity: float = math.inf,
) -> FloatOrArray:
    """Calls per second made by each agent at time ``t`` [1/s].

    The same two shapes as :func:`agent_population`: exponential when
    ``capacity`` is infinite, logistic towards ``capacity`` otherwise.

    Parameters
    ----------
    t : float or ndarray
        Time (>= 0) [s].
    calls_per_second0 : float or ndarray
        Calls per second per agent at ``t = 0`` (>= 0) [1/s].
    growth_rate : float or ndarray
        Continuous growth rate (>= 0) [1/s].
    capacity : float
        Ceiling on the call rate (> 0, >= ``calls_per_second0``; ``inf`` for
        exponential growth) [1/s].

    Returns
    -------
    float or ndarray
        Calls per second per agent [1/s].

    Examples
    --------
    >>> call_rate_per_agent(0.0, 100.0, 1.0, capacity=1000.0)
    100.0
    """
    tt = check_number("t", t, low=0.0)
    c0 = check_number("calls_per_second0", calls_per_second0, low=0.0)
    g = check_number("growth_rate", growth_rate, low=0.0)
    k = _check_capacity("capacity", capacity, c0, "calls_per_second0")
    return scalar_or_array(_growth(tt, c0, g, k))


@dataclass(frozen=True)
class _Scenario:
    """Checked parameters of the product model (scalars or arrays)."""

    a0: FloatOrArray
    c0: FloatOrArray
    unit_energy: FloatOrArray  # n * epsilon * o [J per call]
    ga: FloatOrArray
    gc: FloatOrArray
    ka: float
    kc: float
    cap: FloatOrArray


def _scenario(
    agents0: Any,
    calls_per_second0: Any,
    tokens_per_call: Any,
    energy_per_token: Any,
    agent_growth: Any,
    call_growth: Any,
    agent_capacity: Any,
    call_capacity: Any,
    overhead: Any,
    power_cap: Any,
) -> _Scenario:
    a0 = check_number("agents0", agents0, low=0.0)
    c0 = check_number("calls_per_second0", calls_per_second0, low=0.0)
    n = check_number("tokens_per_call", tokens_per_call, low=0.0)
    e = check_number("energy_per_token", energy_per_token, low=0.0)
    ga = check_number("agent_growth", agent_growth, low=0.0)
    gc = check_number("call_growth", call_growth, low=0.0)
    ka = _check_capacity("agent_capacity", agent_capacity, a0, "agents0")
    kc = _check_capacity("call_capacity", call_capacity, c0, "calls_per_second0")
    o = check_number("overhead", overhead, low=1.0)
    cap = check_number("power_cap", power_cap, low=0.0, low_open=True, allow_inf=True)
    return _Scenario(a0, c0, n * e * o, ga, gc, ka, kc, cap)


def _raw_power(t: FloatOrArray, s: _Scenario) -> np.ndarray:
    """Uncapped power a(t) c(t) n epsilon o [W]."""
    agents = _growth(t, s.a0, s.ga, s.ka)
    calls = _growth(t, s.c0, s.gc, s.kc)
    unit = np.asarray(s.unit_energy, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        power = agents * calls * unit  # inf * 0 (overflow times nothing) is fixed below
    return np.where((agents == 0) | (calls == 0) | (unit == 0), 0.0, power)


def machine_power(
    t: FloatOrArray,
    agents0: FloatOrArray,
    calls_per_second0: FloatOrArray,
    tokens_per_call: FloatOrArray,
    energy_per_token: FloatOrArray,
    agent_growth: FloatOrArray = 0.0,
    call_growth: FloatOrArray = 0.0,
    agent_capacity: float = math.inf,
    call_capacity: float = math.inf,
    overhead: FloatOrArray = 1.0,
    power_cap: FloatOrArray = math.inf,
) -> FloatOrArray:
    """Power drawn by the agent population at time ``t`` [W].

    ``P(t) = min(a(t) c(t) n epsilon o, P_cap)``, with ``a(t)`` from
    :func:`agent_population` and ``c(t)`` from :func:`call_rate_per_agent`.

    Parameters
    ----------
    t : float or ndarray
        Time (>= 0) [s].
    agents0 : float or ndarray
        Agents at ``t = 0`` (>= 0) [-].
    calls_per_second0 : float or ndarray
        Calls per second per agent at ``t = 0`` (>= 0) [1/s].
    tokens_per_call : float or ndarray
        Tokens generated per call (>= 0) [tokens].
    energy_per_token : float or ndarray
        Energy per token (>= 0) [J].
    agent_growth, call_growth : float or ndarray
        Continuous growth rates of agents and of calls per agent (>= 0) [1/s].
    agent_capacity, call_capacity : float
        Carrying capacities (> 0, >= the starting values; ``inf`` for
        exponential growth) [-] and [1/s].
    overhead : float or ndarray
        Wall-plug factor (>= 1) [-], as in :func:`agent_power`.
    power_cap : float or ndarray
        Power budget (> 0; ``inf`` for none) [W].

    Returns
    -------
    float or ndarray
        Power [W]; ``inf`` only if uncapped exponential growth overflows.

    Examples
    --------
    >>> machine_power(0.0, 1e4, 100.0, 717.0, 0.12) / 1e6  # [MW]
    86.04
    >>> machine_power(1e3, 1e4, 100.0, 717.0, 0.12, agent_growth=1.0,
    ...               power_cap=1e9) / 1e9  # the budget binds [GW]
    1.0
    """
    tt = check_number("t", t, low=0.0)
    s = _scenario(agents0, calls_per_second0, tokens_per_call, energy_per_token,
                  agent_growth, call_growth, agent_capacity, call_capacity, overhead, power_cap)
    return scalar_or_array(np.minimum(_raw_power(tt, s), s.cap))


def limiting_machine_power(
    agents0: FloatOrArray,
    calls_per_second0: FloatOrArray,
    tokens_per_call: FloatOrArray,
    energy_per_token: FloatOrArray,
    agent_growth: FloatOrArray = 0.0,
    call_growth: FloatOrArray = 0.0,
    agent_capacity: float = math.inf,
    call_capacity: float = math.inf,
    overhead: FloatOrArray = 1.0,
    power_cap: FloatOrArray = math.inf,
) -> FloatOrArray:
    """Power as ``t -> inf`` [W]: ``min(a_inf c_inf n epsilon o, P_cap)``.

    Each factor tends to its capacity if it grows logistically (``g > 0``), to
    infinity if it grows exponentially (``g > 0``) and stays at its starting
    value if ``g = 0``.  A factor that starts at zero stays at zero.

    Parameters
    ----------
    agents0, calls_per_second0, tokens_per_call, energy_per_token, agent_growth, \
call_growth, agent_capacity, call_capacity, overhead, power_cap
        As in :func:`machine_power`.

    Returns
    -------
    float or ndarray
        Limiting power [W]; ``inf`` when it grows without bound.

    Examples
    --------
    Two logistic factors: the power tends to ``K_a K_c n epsilon``.

    >>> limiting_machine_power(10.0, 1.0, 100.0, 0.1, 1.0, 1.0, 1e6, 100.0)
    1000000000.0
    >>> limiting_machine_power(10.0, 1.0, 100.0, 0.1, 1.0, 1.0, math.inf, 100.0)
    inf
    """
    s = _scenario(agents0, calls_per_second0, tokens_per_call, energy_per_token,
                  agent_growth, call_growth, agent_capacity, call_capacity, overhead, power_cap)

    def factor_limit(x0: FloatOrArray, g: FloatOrArray, k: float) -> np.ndarray:
        x0a, ga = np.asarray(x0, dtype=np.float64), np.asarray(g, dtype=np.float64)
        grown = np.where(ga > 0, k, x0a)
        return np.where(x0a == 0, 0.0, grown)

    a_inf = factor_limit(s.a0, s.ga, s.ka)
    c_inf = factor_limit(s.c0, s.gc, s.kc)
    unit = np.asarray(s.unit_energy, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        raw = np.where((a_inf == 0) | (c_inf == 0) | (unit == 0), 0.0, a_inf * c_inf * unit)
    return scalar_or_array(np.minimum(raw, s.cap))


def _scalar_params(s: _Scenario) -> tuple[list[tuple[float, ...]], tuple[int, ...]]:
    """Broadcast the array-valued parameters and list them element by element."""
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in
                                   (s.a0, s.c0, s.unit_energy, s.ga, s.gc, s.cap)))
    return [tuple(float(a.flat[i]) for a in arrays) for i in range(arrays[0].size)], arrays[0].shape


def _is_constant(x0: float, g: float, k: float) -> bool:
    return g == 0.0 or x0 == 0.0 or x0 == k


def _time_to_power_scalar(target: float, a0: float, c0: float, u: float, ga: float, gc: float,
                          ka: float, kc: float) -> float:
    """First time the uncapped power reaches ``target`` (scalar inputs)."""
    p0 = a0 * c0 * u
    if target <= p0:
        return 0.0
    s = _Scenario(a0, c0, u, ga, gc, ka, kc, math.inf)
    p_inf = float(limiting_machine_power(a0, c0, 1.0, u, ga, gc, ka, kc))
    if p_inf <= target:
        return math.inf
    a_const, c_const = _is_constant(a0, ga, ka), _is_constant(c0, gc, kc)
    if (math.isinf(ka) or a_const) and (math.isinf(kc) or c_const):
        k = (0.0 if a_const else ga) + (0.0 if c_const else gc)
        return math.log(target / p0) / k  # a single exponential
    if a_const or c_const:  # one logistic factor times a constant: invert it
        x0, g, k = (c0, gc, kc) if a_const else (a0, ga, ka)
        x = target / (p0 / x0)
        return math.log(x / (k - x) * (k - x0) / x0) / g
    # General case: the power is increasing; bracket its crossing and solve.
    hi = 1.0 / (ga + gc)
    while float(_raw_power(hi, s)) < target:
        hi *= 2.0
    return brentq(lambda t: math.log(float(_raw_power(t, s))) - math.log(target),
                  0.0, hi, xtol=1e-14 * hi, rtol=4 * np.finfo(float).eps, maxiter=500)


def _raw_energy_scalar(horizon: float, a0: float, c0: float, u: float, ga: float, gc: float,
                       ka: float, kc: float) -> float:
    """Integral of the uncapped power over [0, horizon] (scalar inputs) [J]."""
    p0 = a0 * c0 * u
    if horizon == 0.0 or p0 == 0.0:
        return 0.0
    a_const, c_const = _is_constant(a0, ga, ka), _is_constant(c0, gc, kc)
    if (math.isinf(ka) or a_const) and (math.isinf(kc) or c_const):
        k = (0.0 if a_const else ga) + (0.0 if c_const else gc)
        with np.errstate(over="ignore"):
            return float(p0 * horizon * exprel(k * horizon))
    if a_const or c_const:
        # P = (p0 / x0) x(t) with x logistic: the integral is
        # K [T + ln(x0/K + (1 - x0/K) exp(-g T)) / g]; log1p/expm1 keep it exact.
        x0, g, k = (c0, gc, kc) if a_const else (a0, ga, ka)
        shortfall = math.log1p((1.0 - x0 / k) * math.expm1(-g * horizon)) / g
        return (p0 / x0) * k * (horizon + shortfall)
    s = _Scenario(a0, c0, u, ga, gc, ka, kc, math.inf)
    value, _ = quad(lambda x: float(_raw_power(x * horizon, s)), 0.0, 1.0,
                    epsabs=0.0, epsrel=1e-12, limit=400)
    return value * horizon


def cumulative_machine_energy(
    horizon: FloatOrArray,
    agents0: FloatOrArray,
    calls_per_second0: FloatOrArray,
    tokens_per_call: FloatOrArray,
    energy_per_token: FloatOrArray,
    agent_growth: FloatOrArray = 0.0,
    call_growth: FloatOrArray = 0.0,
    agent_capacity: float = math.inf,
    call_capacity: float = math.inf,
    overhead: FloatOrArray = 1.0,
    power_cap: FloatOrArray = math.inf,
) -> FloatOrArray:
    """Energy used by the agent population over ``[0, horizon]`` [J].

    Closed forms where they exist: ``P0 T exprel(k T)`` when both factors are
    exponential (``k = g_a + g_c``), and the logistic integral when one
    factor is logistic and the other constant.  The product of a logistic and
    another growing factor has, in general, no elementary antiderivative (it
    is a hypergeometric function); it is integrated
    numerically (adaptive Gauss-Kronrod, relative tolerance 1e-12).  With a
    power cap the integral stops at :func:`time_to_power` and continues at
    ``P_cap``.

    Parameters
    ----------
    horizon : float or ndarray
        Time span ``T`` (>= 0, finite) [s].
    agents0, calls_per_second0, tokens_per_call, energy_per_token, agent_growth, \
call_growth, agent_capacity, call_capacity, overhead, power_cap
        As in :func:`machine_power`.

    Returns
    -------
    float or ndarray
        Energy [J]; ``inf`` only if uncapped exponential growth overflows.

    Examples
    --------
    Constant power of 1 kW for a day:

    >>> cumulative_machine_energy(DAY, 10.0, 1.0, 100.0, 1.0) / KWH
    24.0
    >>> cumulative_machine_energy(DAY, 10.0, 1.0, 100.0, 1.0, power_cap=500.0) / KWH
    12.0
    """
    tt = check_number("horizon", horizon, low=0.0)
    s = _scenario(agents0, calls_per_second0, tokens_per_call, energy_per_token,
                  agent_growth, call_growth, agent_capacity, call_capacity, overhead, power_cap)
    params, shape = _scalar_params(s)
    t_b, _ = np.broadcast_arrays(np.asarray(tt, dtype=np.float64), np.empty(shape))
    p_shape = np.broadcast_shapes(t_b.shape, shape)
    t_b = np.broadcast_to(t_b, p_shape)
    idx = np.broadcast_to(np.arange(len(params)).reshape(shape), p_shape)
    out = np.empty(p_shape)
    for pos in np.ndindex(p_shape):
        a0, c0, u, ga, gc, cap = params[int(idx[pos])]
        horizon_i = float(t_b[pos])
        t_cap = (_time_to_power_scalar(cap, a0, c0, u, ga, gc, s.ka, s.kc)
                 if math.isfinite(cap) else math.inf)
        if horizon_i <= t_cap:
            out[pos] = _raw_energy_scalar(horizon_i, a0, c0, u, ga, gc, s.ka, s.kc)
        else:
            out[pos] = (_raw_energy_scalar(t_cap, a0, c0, u, ga, gc, s.ka, s.kc)
                        + cap * (horizon_i - t_cap))
    return scalar_or_array(out)


def time_to_power(
    target_power: FloatOrArray,
    agents0: FloatOrArray,
    calls_per_second0: FloatOrArray,
    tokens_per_call: FloatOrArray,
    energy_per_token: FloatOrArray,
    agent_growth: FloatOrArray = 0.0,
    call_growth: FloatOrArray = 0.0,
    agent_capacity: float = math.inf,
    call_capacity: float = math.inf,
    overhead: FloatOrArray = 1.0,
) -> FloatOrArray:
    """First time at which the (uncapped) power reaches ``target_power`` [s].

    ``ln(P*/P0) / (g_a + g_c)`` when both factors are exponential; the
    inverse of the logistic when one factor is logistic and the other
    constant; a bracketed root (Brent's method) otherwise.  ``inf`` when the
    limiting power (:func:`limiting_machine_power`) does not exceed the
    target, 0 when the power starts at or above it.

    Parameters
    ----------
    target_power : float or ndarray
        Power level ``P*`` (> 0, finite) [W], e.g. :data:`DATA_CENTRE_POWER_2024`.
    agents0, calls_per_second0, tokens_per_call, energy_per_token, agent_growth, \
call_growth, agent_capacity, call_capacity, overhead
        As in :func:`machine_power`.

    Returns
    -------
    float or ndarray
        Time [s], ``inf`` if never.

    Examples
    --------
    A thousandfold rise at a combined rate of 1 per year takes ln(1000) years:

    >>> from energylib.units import YEAR
    >>> round(time_to_power(1e9, 1e3, 1.0, 1e3, 1.0, agent_growth=1 / YEAR) / YEAR, 4)
    6.9078
    >>> time_to_power(1e9, 1e3, 1.0, 1e3, 1.0, 1 / YEAR, agent_capacity=1e5)
    inf
    """
    p_star = check_number("target_power", target_power, low=0.0, low_open=True)
    s = _scenario(agents0, calls_per_second0, tokens_per_call, energy_per_token,
                  agent_growth, call_growth, agent_capacity, call_capacity, overhead, math.inf)
    params, shape = _scalar_params(s)
    p_b = np.asarray(p_star, dtype=np.float64)
    p_shape = np.broadcast_shapes(p_b.shape, shape)
    p_b = np.broadcast_to(p_b, p_shape)
    idx = np.broadcast_to(np.arange(len(params)).reshape(shape), p_shape)
    out = np.empty(p_shape)
    for pos in np.ndindex(p_shape):
        a0, c0, u, ga, gc, _ = params[int(idx[pos])]
        out[pos] = _time_to_power_scalar(float(p_b[pos]), a0, c0, u, ga, gc, s.ka, s.kc)
    return scalar_or_array(out)
