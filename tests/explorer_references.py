"""energylib's numbers for each explorer: the oracle its declaration is tested against.

One function per explorer (the keys of :data:`energylib.explorers.EXPLORERS`),
called with the controls' values (their own units) and the declaration's
keyword arguments (``spec.python["kwargs"]``); each returns the explorer's
checked outputs [SI units, unless its docstring says otherwise], computed with
energylib's model functions, independently of the declaration's SymPy.  The
tests compare the declaration (numpy in Python, the page's JavaScript in Node
and in Chromium) with these at every control's extremes, to each output's
relative tolerance (1e-9 unless the declaration says otherwise).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from energylib.agents import (
    DATA_CENTRE_POWER_2024,
    FULL_STACK_OVERHEAD,
    agent_energy_per_day,
    call_tokens,
    cumulative_machine_energy,
    limiting_machine_power,
    machine_power,
    scope_overheads,
    time_to_power,
)
from energylib.analogies import ai_ledger, highway_ledger
from energylib.caching import (
    lookup_cache_energy_per_query,
    lookup_cache_energy_saving,
    zipf_cache_hit_rate,
    zipf_cache_hit_rate_limit,
)
from energylib.estimator import estimate_query_energy
from energylib.explorers import EXPLORERS
from energylib.explorers.argument import _reference_case
from energylib.explorers.industry import _KV_FORMAT
from energylib.explorers.machines import _HORIZON_YEARS, _HOUSEHOLD_DAY
from energylib.explorers.real import _SEED
from energylib.explorers.semantic import _STATED_SCOPE
from energylib.figures.verdict import HORIZON_YEARS
from energylib.hardware import HARDWARE
from energylib.levers import G_PER_KWH, carbon_emissions, critical_batch_size, fleet_energy
from energylib.lifecycle import (
    break_even_time,
    cumulative_inference_energy,
    fleet_limiting_ratio,
    limiting_inference_energy,
)
from energylib.montecarlo import (
    DEPLOYMENTS,
    PRODUCTION_FIGURES,
    STATED_SCOPES,
    break_even_monte_carlo,
)
from energylib.rebound import argument_verdict, induced_demand_growth_rate, phase_code
from energylib.serving_fit import stored_calibration
from energylib.tasks import TASKS, scope_conversion, token_energy_fit
from energylib.thermo import (
    H100_FLOP_PER_JOULE,
    landauer_crossing_time,
    landauer_energy,
    landauer_headroom,
)
from energylib.units import DAY, GWH, WH, YEAR, per_year
from energylib.validation import check_option
from energylib.verdict import _verdict_numbers, fleet_inference_share


def temporal(values: Mapping[str, Any], e0_wh: float = 0.3,
              training_gwh: float = 50.0) -> dict[str, float]:
    """The outputs at slider ``values`` (their own units), from :mod:`energylib.lifecycle` [SI].

    ``training_gwh`` only sets the slider's start and is unused here.
    """
    q0, e0 = values["queries_per_day"] / DAY, e0_wh * WH
    g, r = float(per_year(values["growth"])), float(per_year(values["efficiency"]))
    e_train, horizon = values["training"] * GWH, values["horizon"] * YEAR
    e_horizon = float(cumulative_inference_energy(horizon, q0, e0, g, r))
    return {
        "break_even_time": float(break_even_time(e_train, q0, e0, g, r)),
        "ratio_at_horizon": e_horizon / e_train,
        "inference_energy": e_horizon,
        "limit": float(limiting_inference_energy(q0, e0, g, r)),
    }



def semantic(values: Mapping[str, Any], lookup_energy_wh: float = 3e-4) -> dict[str, float]:
    """The outputs at control ``values``, from :mod:`energylib.caching` [SI units].

    The miss is scaled by :func:`energylib.tasks.scope_conversion` (production figures) and
    :meth:`energylib.tasks.TokenEnergyFit.relative` (the task's prompt, the slider's
    output length), as the declaration does.
    """
    s, e_lookup = float(values["exponent"]), lookup_energy_wh * WH
    k, n = float(round(values["cache_size"])), float(round(values["n_queries"]))
    task = TASKS[values["task"]]
    e_miss = (float(values["miss_energy_wh"]) * WH
              * scope_conversion(values["scope"], _STATED_SCOPE, production_batch=True)
              * token_energy_fit().relative(task.input_tokens, float(values["output_tokens"])))
    hit = float(zipf_cache_hit_rate(min(k, n), n, s))
    saving = float(lookup_cache_energy_saving(hit, e_miss, e_lookup))
    return {
        "hit_rate": hit,
        "limit_hit_rate": float(zipf_cache_hit_rate_limit(k, s)),
        "energy_per_query": float(lookup_cache_energy_per_query(hit, e_miss, e_lookup)),
        "energy_no_cache": e_miss,
        "saving": saving,
        "saved_per_billion": saving * e_miss * 1e9,
    }



def machines(values: Mapping[str, Any],
              overhead: float = FULL_STACK_OVERHEAD) -> dict[str, float]:
    """The outputs at control ``values``, from :mod:`energylib.agents` [SI units].

    ``overhead`` is the full stack's factor; ``values["scope"]`` picks the boundary
    and ``values["task"]`` adds its prompt beyond a chat prompt to the tokens per call.
    """
    a0 = float(values["agents"])
    overhead = scope_overheads(overhead)[values["scope"]]
    logistic = values["growth_model"] == "logistic"
    # A ceiling below the starting population is read as "no room to grow".
    capacity = max(float(values["capacity"]), a0) if logistic else math.inf
    cap = DATA_CENTRE_POWER_2024 if values["power_cap"] else math.inf
    params = dict(
        agents0=a0, calls_per_second0=float(values["calls_per_second"]),
        tokens_per_call=call_tokens(values["task"], float(values["tokens_per_call"])),
        energy_per_token=float(values["energy_per_token"]),
        agent_growth=float(per_year(float(values["growth_rate"]))),
        agent_capacity=capacity, overhead=overhead,
    )
    horizon = _HORIZON_YEARS * YEAR
    per_day = float(agent_energy_per_day(params["calls_per_second0"],
                                         params["tokens_per_call"],
                                         params["energy_per_token"], overhead))
    return {
        "agent_energy_per_day": per_day,
        "households_per_agent": per_day / _HOUSEHOLD_DAY,
        "power_now": float(machine_power(0.0, **params, power_cap=cap)),
        "power_at_horizon": float(machine_power(horizon, **params, power_cap=cap)),
        "energy_at_horizon": float(cumulative_machine_energy(horizon, **params, power_cap=cap)),
        "limiting_power": float(limiting_machine_power(**params, power_cap=cap)),
        "capacity": capacity,
        "time_to_data_centres": float(time_to_power(DATA_CENTRE_POWER_2024, **params)),
    }



def argument(values: Mapping[str, Any], inference_power: float | None = None,
              training_energy: float | None = None) -> dict[str, float]:
    """The outputs at slider ``values``, from :mod:`energylib.rebound` and ``lifecycle``.

    Rates [1/s], ratios of inference to training energy [-], ``phase`` the
    code of :data:`energylib.rebound.PHASE_LABELS`, ``fleet_verdict`` the
    verdict's ``fleet_trend + 1`` and ``rebound`` 0, 1 or 2 for
    ``epsilon`` below, at or above 1.
    """
    p0, e1 = _reference_case(inference_power, training_energy)
    g, r = float(per_year(values["growth"])), float(per_year(values["efficiency"]))
    delta, eps = float(per_year(values["discount"])), float(values["elasticity"])
    tau, c = values["interval"] * YEAR, float(values["cost_growth"])
    verdict = argument_verdict(g, r, eps, delta, tau, c)
    observed = float(induced_demand_growth_rate(g, r, eps))  # what a traffic chart shows
    if verdict.fleet_trend == 1:
        fleet = math.inf
    elif verdict.fleet_trend == -1:
        fleet = 0.0
    else:
        fleet = fleet_limiting_ratio(tau, e1, c, p0, 1.0, observed, r)
    return {
        "phase": float(phase_code(g, r, eps, delta)),
        "effective_exponent": verdict.effective_exponent,
        "observed_growth": observed,
        "lifetime_ratio": float(limiting_inference_energy(p0, 1.0, observed, r)) / e1,
        "per_model_diverges": float(verdict.per_model_diverges),
        "present_value_ratio": float(limiting_inference_energy(
            p0, 1.0, observed, r, discount_rate=delta)) / e1,
        "ledger_ratio": float(cumulative_inference_energy(tau, p0, 1.0, observed, r)) / e1,
        "fleet_ratio": fleet,
        "fleet_verdict": float(verdict.fleet_trend + 1),
        "rebound": 2.0 if eps > 1 else (0.0 if eps < 1 else 1.0),
    }



def thermo(values: Mapping[str, Any], start_year: float = 2023.0,
              flop_per_joule: float = H100_FLOP_PER_JOULE) -> dict[str, float]:
    """The outputs at slider ``values``, from :mod:`energylib.thermo` (times in years)."""
    e_now = 1.0 / values["flop_per_joule"]
    floor = float(landauer_energy(values["bits_per_flop"], values["temperature"]))
    t_star = float(landauer_crossing_time(e_now, floor, values["doubling_time"]))
    return {
        "crossing_time": t_star,
        "crossing_year": start_year + t_star,
        "headroom": float(landauer_headroom(e_now, values["bits_per_flop"],
                                            values["temperature"])),
        "floor": floor,
    }



def analogies(values: Mapping[str, Any], lanes: float = 4.0) -> dict[str, float]:
    """The outputs at slider ``values``, from :mod:`energylib.analogies`.

    ``*_orders`` and ``*_ratio`` [-], ``*_creation`` and ``*_use`` [J] (the
    road's for ``length`` = 1 km of road).
    """
    ai = ai_ledger(values["training_gwh"] * GWH, values["queries_per_day"],
                   values["wh_per_query"] * WH, values["serving_years"])
    road = highway_ledger(values["vehicles_per_day"], lanes, values["road_years"])
    return {
        "ai_orders": ai.orders, "ai_creation": ai.creation, "ai_use": ai.use,
        "ai_ratio": ai.ratio,
        "road_orders": road.orders, "road_creation": road.creation, "road_use": road.use,
        "road_ratio": road.ratio,
    }



def real(values: Mapping[str, Any], n_draws: int = 2_000,
              deployment: str = "gpt4-chatgpt") -> dict[str, float]:
    """The outputs at control ``values``, from :func:`energylib.montecarlo.break_even_monte_carlo`.

    ``p5``, ``p50``, ``p95`` [s], ``fraction_never`` [-] and ``energy_counted``
    [J], the energy-per-query median the draws are built on: the slider's value
    times :func:`energylib.tasks.scope_conversion` from the deployment's stated
    boundary (:data:`STATED_SCOPES`) to ``values["scope"]``, times
    :meth:`energylib.tasks.TokenEnergyFit.relative` at the task's prompt and
    ``values["output_tokens"]``.  ``deployment`` (the choice's start) is
    unused: ``values`` names the deployment.

    Raises
    ------
    ValueError
        If ``values`` names an unknown deployment, scope or task.
    """
    key = check_option("deployment", values["deployment"], tuple(DEPLOYMENTS))
    task = TASKS[check_option("task", values["task"], tuple(TASKS))]
    d, k = DEPLOYMENTS[key], float(values["spread"])
    counted = (float(values["energy_wh"]) * WH
               * scope_conversion(values["scope"], STATED_SCOPES[key],
                                  production_batch=PRODUCTION_FIGURES[key])
               * token_energy_fit().relative(task.input_tokens, float(values["output_tokens"])))
    d = replace(
        d,
        queries_per_second=d.queries_per_second.with_median(
            values["queries_per_day"] / DAY).widened(k),
        energy_per_query=d.energy_per_query.with_median(counted).widened(k),
        training_energy=d.training_energy.with_median(values["training_gwh"] * GWH).widened(k),
    )
    result = break_even_monte_carlo(d, n_draws, seed=_SEED, percentiles=(5.0, 50.0, 95.0))
    p = result.percentiles
    return {"p5": p[5.0], "p50": p[50.0], "p95": p[95.0],
            "fraction_never": result.fraction_never, "energy_counted": counted}



def industry(values: Mapping[str, Any], task: str = "chat") -> dict[str, float]:
    """The outputs at control ``values``, from the estimator and :mod:`energylib.levers` [SI].

    ``task`` (the dashboard's start) is unused: the token sliders carry the task.
    """
    accelerator = str(values["hardware"])
    acc = HARDWARE[accelerator]
    bits = float(values["bits"])
    e_query = estimate_query_energy(
        float(values["params"]), float(values["input_tokens"]),
        float(values["output_tokens"]), accelerator=accelerator,
        batch_size=float(values["batch"]), bytes_per_param=bits / 8,
        kv_bytes_per_value=_KV_FORMAT, scope=str(values["scope"]),
        pue=float(values["pue"])).energy
    rate = float(values["traffic"]) / DAY
    energy_year = float(fleet_energy(e_query, rate))
    efficiency = stored_calibration().fit.decode_compute_efficiency
    return {
        "energy_per_query": e_query,
        "power": e_query * rate,
        "fleet_energy": energy_year,
        "co2": float(carbon_emissions(energy_year, float(values["grid"]) * G_PER_KWH)),
        "critical_batch": efficiency * float(critical_batch_size(
            acc.peak_for("bf16"), acc.memory_bandwidth, bits)),
    }



def verdict(values: Mapping[str, Any]) -> dict[str, float]:
    """The outputs at slider ``values``, from :mod:`energylib.verdict` (rates [1/yr])."""
    args = (float(per_year(values["g"])), float(per_year(values["r"])),
            values["inv_rho"] / YEAR, values["tau"] * YEAR, float(values["epsilon"]),
            float(values["c"]))
    fleet, single = fleet_inference_share(HORIZON_YEARS * YEAR, *args)
    verdict, ratio, lifetime, code = _verdict_numbers(*args)
    return {
        "verdict_code": float(code),
        "effective_exponent": verdict.effective_exponent * YEAR,
        "training_exponent": math.log(args[5]) / args[3] * YEAR,
        "limiting_ratio": ratio,
        "limiting_share": 1.0 if math.isinf(ratio) else ratio / (1.0 + ratio),
        "single_lifetime": lifetime,
        "backfire": float(verdict.backfire),
        "fleet_share": float(fleet),
        "single_share": float(single),
    }


REFERENCES = {name: globals()[name] for name in EXPLORERS}
"""Each explorer's reference function, by the explorer's name (a function per explorer)."""


def reference(name: str, values: Mapping[str, Any], **kwargs: Any) -> dict[str, float]:
    """Explorer ``name``'s outputs at ``values``, from energylib (``kwargs``: its declaration's)."""
    return REFERENCES[name](values, **kwargs)
