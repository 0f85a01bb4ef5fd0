"""Explorer of the machine-driven-infinity chapter: agents x calls x tokens.

Sliders set the starting number of agents, each agent's call rate, the tokens
per call, the energy per token, the growth model of the agent population
(exponential, or logistic with a carrying capacity) and an optional power
budget; the figure (power and cumulative energy over twenty years) and the
headline update at once.

The energy per token is lifted from a GPU-only figure to the wall plug by
``overhead`` (default :data:`energylib.agents.FULL_STACK_OVERHEAD`, from the
accelerators' 58 % share of a median Gemini prompt).  Calls per agent are
constant here, so every number has a closed form (:mod:`energylib.agents`
uses the same ones).  A call's energy is the energy per token times a chat answer's
717 tokens times the estimator's energy of the call relative to a chat answer, in the
full token form of :func:`energylib.tasks.token_energy_fit` for Llama 3.1 8B (prefill,
writing, and cache reads over the prompt and the answer so far).
:func:`declaration` is the explorer; the tests compare its outputs with
:mod:`energylib.agents` (``tests/explorer_references.py``).

Examples
--------
>>> out = AgentExplorer().update(agents=1e4, calls_per_second=100.0, tokens_per_call=717.0,
...                              energy_per_token=0.1, growth_rate=0.0)
>>> round(out["power_now"] / 1e6 / FULL_STACK_OVERHEAD, 6)  # 1e4 x 100 x 717 x 0.1 J/s
71.7
"""

from __future__ import annotations

import math

import sympy as sp

from ..agents import (
    CALL_TOKEN_MODEL,
    DATA_CENTRE_POWER_2024,
    EVERYDAY_ENERGY,
    FULL_STACK_OVERHEAD,
    scope_overheads,
)
from ..dataset import by_id
from ..serving import SCOPES
from ..style import INFERENCE_COLOR, OKABE_ITO
from ..symbolic.agents import agent_count_twin, raw_machine_energy_twin
from ..tasks import SCOPE_LABELS, TASKS, token_energy_fit
from ..units import DAY, KWH, TWH, YEAR
from ..validation import check_scalar
from .render import explorer_class
from .web import Choice, Curve, Marker, Output, Plot, Slider, WebExplorer, rebuilt_as

__all__ = ["declaration", "AgentExplorer"]

_HORIZON_YEARS = 20.0
_POWER_AXIS_GW = (1e-9, 1e6)  # fixed [GW]
_ENERGY_AXIS_TWH = (1e-8, 1e8)  # fixed [TWh]
_HOUSEHOLD_DAY = EVERYDAY_ENERGY["US household, one day"][0]
_CAP_COLOR = OKABE_ITO["reddish purple"]  # not vermillion: that is training's

_TOKENS = by_id("chat-output-tokens").value  # ML.ENERGY's mean chat response [tokens]
_E_TOKEN = by_id("llama31-8b-token-v3").si  # Llama 3.1 8B, H100, batch 64 [J per token]


_FIT = token_energy_fit(CALL_TOKEN_MODEL)
_CHAT_ENERGY = _FIT.energy(TASKS["chat"].input_tokens, TASKS["chat"].output_tokens)  # [J]


@rebuilt_as("AgentExplorer")
def declaration(overhead: float = FULL_STACK_OVERHEAD) -> WebExplorer:
    """The explorer: controls, and its model in SymPy (SI units).

    ``overhead`` (>= 1) [-] lifts the GPU energy per token to the wall plug.
    The formulas are those of :mod:`energylib.agents` with a constant call
    rate: ``a(t) = a0 exp(g t)`` or ``K / (1 + (K/a0 - 1) exp(-g t))``,
    ``P = min(a c n epsilon o, P_cap)``; the time to reach a power is
    ``ln(P*/P0)/g`` or the inverse logistic; the energy is
    ``P0 expm1(g T)/g`` or ``K c n epsilon o [T + log1p((1 - a0/K) expm1(-g T))/g]``,
    continued at ``P_cap`` once the budget binds.  The growth-rate slider
    holds 1/yr, divided by the year in the model as :func:`~energylib.units.per_year` does.
    """
    overhead_factor = check_scalar("overhead", overhead, low=1.0)
    factors = scope_overheads(overhead_factor)

    def s(name: str) -> sp.Symbol:
        return sp.Symbol(name, real=True)

    (a0, c0, n_tok, e_tok, g_yr, k_slider, is_logistic, budget_on, t_yr) = (
        s(name) for name in ("agents", "calls_per_second", "tokens_per_call",
                             "energy_per_token", "growth_rate", "capacity", "is_logistic",
                             "budget_on", "t_yr"))
    (overhead, dc, horizon, year, n_in, fit_a, fit_b, fit_c, e_chat) = (
        s(name) for name in ("overhead", "dc_power", "horizon", "year", "task_input_tokens",
                             "fit_a", "fit_b", "fit_c", "chat_energy"))
    g = s("growth")  # [1/s]
    (unit, ceiling, budget, p0, p0_per_agent, a_const, a_inf, p_inf, x_dc, t_dc,
     t_cap, e_cap, e_horizon) = (
        s(name) for name in ("unit", "ceiling", "budget", "p0", "p0_per_agent", "a_const",
                             "a_inf", "p_inf", "x_dc", "t_dc", "t_cap", "e_cap",
                             "e_horizon"))
    logistic = is_logistic > 0
    constant = a_const > 0  # the agent count does not move: g = 0 or a0 = K

    def power_at(t: sp.Expr) -> sp.Expr:
        """machine_power: the uncapped power, then the budget [W]."""
        return sp.Min(agent_count_twin(t, a0, ceiling, g, logistic) * c0 * unit, budget)

    def raw_energy(t: sp.Expr) -> sp.Expr:
        """agents._raw_energy_scalar with constant calls [J]."""
        return raw_machine_energy_twin(t, p0, p0_per_agent, a0, ceiling, g, constant, logistic)

    def energy_at(t: sp.Expr) -> sp.Expr:
        """cumulative_machine_energy: the raw integral, continued at the budget [J]."""
        return sp.Piecewise((raw_energy(t), t <= t_cap), (e_cap + budget * (t - t_cap), True))

    def clip(v: sp.Expr, lo: float, hi: float) -> sp.Expr:
        """As the kernel's figure: just outside the fixed axis."""
        return sp.Min(sp.Max(v, lo / 10), hi * 10)

    # The inverse logistic, step by step in energylib's order (so that the page
    # rounds as Python does): ln(x / (K - x) * (K - a0) / a0) / g.
    r1, r2 = s("ratio_1"), s("ratio_2")
    lo_p, hi_p = _POWER_AXIS_GW
    lo_e, hi_e = _ENERGY_AXIS_TWH
    t_s = t_yr * YEAR
    ref_gw = DATA_CENTRE_POWER_2024 / 1e9
    return WebExplorer(
        id="machines",
        title="Machine-driven demand: agents x calls x tokens",
        params=(
            Slider("agents", "agents at start", 1.0, 8.0, 0.1, 1e4, log=True),
            Slider("calls_per_second", "calls per agent per second", -2.0, 3.0, 0.1,
                   100.0, log=True),
            # Ranges placed so that the defaults (717 tokens, 0.12 J) sit on the slider's
            # grid: the browser snaps a log slider's value to it and would show another.
            Slider("tokens_per_call", "tokens per call", math.log10(_TOKENS) - 2.0,
                   math.log10(_TOKENS) + 1.2, 0.05, _TOKENS, log=True),
            Choice("scope", "what is counted", SCOPES, "full-stack",
                   {k: {"overhead": v} for k, v in factors.items()},
                   option_labels=SCOPE_LABELS),
            Choice("task", "task", tuple(TASKS), "chat",
                   {k: {"task_input_tokens": t.input_tokens} for k, t in TASKS.items()},
                   presets={k: {"tokens_per_call": t.output_tokens} for k, t in TASKS.items()}),
            Slider("energy_per_token", "energy per token, GPU [J]",
                   math.log10(_E_TOKEN) - 1.0, math.log10(_E_TOKEN) + 2.0, 0.05, _E_TOKEN,
                   log=True),
            Choice("growth_model", "agent growth", ("exponential", "logistic"), "logistic",
                   {"exponential": {"is_logistic": 0.0}, "logistic": {"is_logistic": 1.0}}),
            # In 1/yr: the model divides by the year, as energylib.units.per_year
            # does, so that the page rounds as Python (the logistic energy with a
            # far ceiling cancels digits, and would amplify a last-bit difference).
            Slider("growth_rate", "agent growth rate [1/yr]", 0.0, 3.0, 0.05, 1.0,
                   readout=".2f"),
            Slider("capacity", "carrying capacity [agents]", 1.0, 10.0, 0.1, 1e6,
                   log=True),
            Choice("power_cap", "power budget = all data centres in 2024", (False, True),
                   False, {False: {"budget_on": 0.0}, True: {"budget_on": 1.0}},
                   widget_kind="checkbox"),
        ),
        constants={"dc_power": DATA_CENTRE_POWER_2024,
                   "horizon": _HORIZON_YEARS * YEAR, "year": YEAR,
                   "fit_a": _FIT.per_input_token, "fit_b": _FIT.per_output_token,
                   "fit_c": _FIT.per_cache_read, "chat_energy": _CHAT_ENERGY},
        definitions=(
            ("growth", g_yr / year),
            # J per call, chosen boundary: call_tokens x energy per token x overhead
            ("unit", _TOKENS * (fit_a * n_in + fit_b * n_tok
                                + fit_c * n_tok * (n_in + n_tok / 2)) / e_chat
             * e_tok * overhead),
            # A ceiling below the starting population is read as "no room to grow".
            ("ceiling", sp.Piecewise((sp.Max(k_slider, a0), logistic), (sp.oo, True))),
            ("budget", sp.Piecewise((dc, budget_on > 0), (sp.oo, True))),
            ("p0", a0 * c0 * unit),
            ("p0_per_agent", p0 / a0),
            ("a_const", sp.Piecewise((1, sp.Or(sp.Eq(g, 0), sp.Eq(a0, ceiling))), (0, True))),
            ("a_inf", sp.Piecewise((ceiling, g > 0), (a0, True))),
            ("p_inf", a_inf * c0 * unit),
            ("x_dc", dc / p0_per_agent),
            ("ratio_1", x_dc / (ceiling - x_dc)),
            ("ratio_2", r1 * (ceiling - a0)),
            # agents.time_to_power with the target all data centres of 2024 [s]
            ("t_dc", sp.Piecewise(
                (0, dc <= p0),
                (sp.oo, p_inf <= dc),
                (sp.log(dc / p0) / g, sp.Not(logistic)),
                (sp.log(r2 / a0) / g, True))),
            # the budget is the same power: it binds from t_dc on
            ("t_cap", sp.Piecewise((t_dc, budget_on > 0), (sp.oo, True))),
            ("e_cap", raw_energy(t_cap)),
            ("e_horizon", energy_at(horizon)),
        ),
        outputs=(
            Output("agent_energy_per_day", "one agent", c0 * unit * DAY,
                   unit="kWh a day", scale=KWH, fmt="g4"),
            Output("households_per_agent", "one agent, in US households' daily electricity",
                   c0 * unit * DAY / _HOUSEHOLD_DAY, fmt="times"),
            Output("power_now", "all agents now", power_at(0), unit="GW", scale=1e9),
            Output("power_at_horizon", f"after {_HORIZON_YEARS:.0f} years",
                   power_at(horizon), unit="GW", scale=1e9),
            Output("energy_at_horizon", f"energy over {_HORIZON_YEARS:.0f} years", e_horizon,
                   unit="TWh", scale=TWH, fmt="g4"),
            Output("limiting_power", "as t → ∞", sp.Min(p_inf, budget), unit="GW",
                   scale=1e9),
            Output("capacity", "agent ceiling (∞: exponential)", ceiling),
            Output("time_to_data_centres", "time to reach all data centres of 2024", t_dc,
                   fmt="duration"),
            Output("when", "all data centres of 2024",
                   # as t_dc's own cases: already above, never, after some time
                   sp.Piecewise((0, dc <= p0), (1, p_inf <= dc), (2, True))
                   + sp.Piecewise((3, budget_on > 0), (0, True)),
                   fmt="text", check=False,
                   texts=("already above them at the start", "never reached",
                          "passed after the time shown",
                          "already above them at the start: the budget binds from now on",
                          "never reached", "passed after the time shown: the budget "
                          "binds from then on")),
        ),
        plots=(
            Plot(x=t_yr, x_label="years from now [yr]", x_range=(0.0, _HORIZON_YEARS),
                 y_label="power [GW]", y_range=_POWER_AXIS_GW, y_log=True, points=401,
                 height=260,
                 curves=(
                     Curve("agents' power", clip(power_at(t_s) / 1e9, lo_p, hi_p),
                           INFERENCE_COLOR),
                     Curve("all data centres, 2024 (IEA: 415 TWh a year)", ref_gw,
                           "black", dash=True, width=1.0),
                     Curve("power budget, when on",
                           sp.Piecewise((ref_gw, budget_on > 0), (sp.nan, True)),
                           _CAP_COLOR, dash=True, width=2.0),
                 ),
                 markers=(Marker("reaches all data centres of 2024",
                                 sp.Piecewise((t_dc / YEAR, t_dc <= horizon),
                                              (sp.nan, True)), ref_gw),)),
            Plot(x=t_yr, x_label="years from now [yr]", x_range=(0.0, _HORIZON_YEARS),
                 y_label="cumulative energy [TWh]", y_range=_ENERGY_AXIS_TWH, y_log=True,
                 points=401, height=260,
                 curves=(
                     Curve("agents' cumulative energy",
                           sp.Piecewise((sp.nan, t_yr <= 0),
                                        (clip(energy_at(t_s) / TWH, lo_e, hi_e), True)),
                           INFERENCE_COLOR),
                     Curve("all data centres, 2024, cumulative",
                           sp.Piecewise((sp.nan, t_yr <= 0),
                                        (ref_gw * 1e9 * t_s / TWH, True)),
                           "black", dash=True, width=1.0),
                 )),
        ),
        note=("Calls per agent stay constant; the GPU energy per token is lifted to the "
              f"server by {factors['server']:.2f} or the full stack by {overhead_factor:.2f} "
              "(what is counted). A task sets the answer length and the prompt; a call costs "
              "what the book's estimator gives for it (Llama 3.1 8B: prefill, writing, "
              "and each written token reading the cache of the prompt and the answer so "
              "far) relative to a chat answer of 717 tokens. The cumulative energy is "
              "drawn from its closed form."),
        measured={"tokens_per_call": ("chat-output-tokens", "reasoning-output-tokens"),
                  "energy_per_token": ("llama31-8b-token-v3", "llama31-8b-token-v2",
                                       "llama65b-samsi")},
    )


AgentExplorer = explorer_class(declaration)
