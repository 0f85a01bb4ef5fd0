"""The book's verdict on claim C12: is inference the real energy sink?

Six numbers decide it:

* ``g``, exogenous demand growth, and ``r``, the rate at which energy per
  query falls [1/s];
* ``epsilon``, the efficiency elasticity of demand (rebound), which makes
  observed demand grow at ``g + epsilon r`` (:mod:`energylib.rebound`);
* ``1/rho``, the serving power at launch per unit of training energy of the
  first run [1/s] (``rho`` is the training run measured in launch-rate
  serving time);
* ``tau``, the retraining interval [s], and ``c``, the factor by which each
  run costs more than the last.

:func:`fleet_inference_share` is the share of all AI energy (training plus
inference) spent on inference after a horizon, for the fleet that retrains
every ``tau`` and for one model that is never replaced;
:func:`verdict_in_words` states the verdict of
:func:`energylib.rebound.argument_verdict` and
:func:`energylib.lifecycle.fleet_limiting_ratio` in a sentence.
The verdict explorer (:mod:`energylib.explorers.verdict`) and its figure
(:mod:`energylib.figures.verdict`) build on them.

References
----------
:cite:`patterson2022carbon`
:cite:`wu2022sustainable`
"""

from __future__ import annotations

import math

import numpy as np

from .lifecycle import cumulative_inference_energy, fleet_limiting_ratio, limiting_inference_energy
from .rebound import ArgumentVerdict, argument_verdict
from .training import cumulative_training_energy
from .units import YEAR
from .validation import FloatOrArray, check_number, check_scalar

__all__ = ["REAL_WORLD_SHARES", "VERDICTS", "fleet_inference_share", "verdict_in_words"]

REAL_WORLD_SHARES: dict[str, tuple[float, str]] = {
    "Google 2019-21": (3.0 / 5.0, "patterson2022carbon"),
    "Meta (capacity)": (70.0 / 90.0, "wu2022sustainable"),
}
"""Observed inference shares of training plus inference, with their sources.

Google: about three fifths of its machine-learning energy was inference,
2019-2021.  Meta: AI power capacity split about 10 : 20 : 70 between
experimentation, training and inference; 70 / (20 + 70) leaves out
experimentation.  Both are snapshots, not limits.
"""

VERDICTS = (
    "inference is the sink",
    "training is the sink",
    "a finite ratio: inference is the larger sink",
    "a finite ratio: training is the larger sink",
)
"""The four verdicts of :func:`verdict_in_words`; the explorer's ``verdict_code`` indexes them."""

_REBOUND = (
    "no backfire: efficiency gains lower total energy",
    "backfire: efficiency gains raise total energy",
)


def _check_inputs(g: float, r: float, serving_rate: float, interval: float,
                  elasticity: float, cost_growth: float) -> tuple[float, ...]:
    return (
        check_scalar("growth_rate", g),
        check_scalar("efficiency_rate", r),
        check_scalar("serving_rate", serving_rate, low=0.0, low_open=True),
        check_scalar("interval", interval, low=0.0, low_open=True),
        check_scalar("elasticity", elasticity, low=0.0),
        check_scalar("cost_growth_per_generation", cost_growth, low=0.0, low_open=True),
    )


def fleet_inference_share(
    horizon: FloatOrArray,
    growth_rate: float,
    efficiency_rate: float,
    serving_rate: float,
    interval: float = YEAR,
    elasticity: float = 0.0,
    cost_growth_per_generation: float = 1.0,
) -> tuple[FloatOrArray, FloatOrArray]:
    """Inference's share of cumulative AI energy, for a fleet and for one model [-].

    Training runs come at ``0, tau, 2 tau, ...``, run ``n`` costing ``c**n``
    times the first; inference power starts at ``serving_rate`` times the
    first run's energy and grows at ``g + (epsilon - 1) r``.  The single
    model is trained once, at ``t = 0``, and served for ever.

    Parameters
    ----------
    horizon : float or ndarray
        Time since the first run (>= 0) [s].
    growth_rate : float
        Exogenous demand growth ``g`` [1/s].
    efficiency_rate : float
        Rate ``r`` at which energy per query falls [1/s].
    serving_rate : float
        Serving power at launch per unit of first-run training energy,
        ``1/rho`` (> 0) [1/s].
    interval : float
        Retraining interval ``tau`` (> 0) [s].
    elasticity : float
        Efficiency elasticity of demand ``epsilon`` (>= 0) [-].
    cost_growth_per_generation : float
        Factor ``c`` between consecutive runs (> 0) [-].

    Returns
    -------
    (fleet_share, single_model_share) : tuple of float or ndarray
        ``E_inf / (E_inf + E_train)`` for each ledger [-].

    Examples
    --------
    Yearly runs of constant cost, serving at one run's energy a year: after
    ten years (ten runs, just before the eleventh), inference is half.

    >>> fleet, single = fleet_inference_share(9.999 * YEAR, 0.0, 0.0, 1 / YEAR)
    >>> round(float(fleet), 3), round(float(single), 3)
    (0.5, 0.909)
    """
    t = check_number("horizon", horizon, low=0.0)
    g, r, s, tau, eps, c = _check_inputs(growth_rate, efficiency_rate, serving_rate,
                                         interval, elasticity, cost_growth_per_generation)
    e1 = 1.0  # energies relative to the first run
    e_inf = np.asarray(cumulative_inference_energy(t, 1.0, s * e1, g + eps * r, r))
    e_fleet = np.asarray(cumulative_training_energy(t, tau, e1, c))
    fleet = e_inf / (e_inf + e_fleet)
    single = e_inf / (e_inf + e1)
    if np.ndim(fleet) == 0:
        return float(fleet), float(single)
    return fleet, single


def _verdict_numbers(g: float, r: float, s: float, tau: float, eps: float,
                     c: float) -> tuple[ArgumentVerdict, float, float, int]:
    """The numbers behind :func:`verdict_in_words` (checked inputs, SI units).

    Returns :func:`energylib.rebound.argument_verdict`, the fleet's limiting
    inference-to-training ratio (``inf`` when inference grows faster, ``0``
    when training does, else :func:`energylib.lifecycle.fleet_limiting_ratio`),
    one model's lifetime inference energy in training runs (``inf`` if
    unbounded) and the index of the verdict in ``VERDICTS``.
    """
    v = argument_verdict(g, r, eps, 0.0, tau, c)
    if v.fleet_trend == 1:
        ratio, code = math.inf, 0
    elif v.fleet_trend == -1:
        ratio, code = 0.0, 1
    else:
        ratio = float(fleet_limiting_ratio(tau, 1.0, c, 1.0, s, g + eps * r, r))
        if not math.isfinite(ratio) or ratio <= 0:  # the rounding edge of k = a
            ratio = float(s * tau)
        code = 2 if ratio > 1 else 3
    lifetime = float(limiting_inference_energy(1.0, s, g + eps * r, r))
    return v, ratio, lifetime, code


def verdict_in_words(
    growth_rate: float,
    efficiency_rate: float,
    serving_rate: float,
    interval: float = YEAR,
    elasticity: float = 0.0,
    cost_growth_per_generation: float = 1.0,
) -> dict[str, str]:
    """The verdict on "inference is the real energy sink" (C12), in sentences.

    Parameters
    ----------
    growth_rate, efficiency_rate, serving_rate, interval, elasticity, cost_growth_per_generation
        As in :func:`fleet_inference_share`.

    Returns
    -------
    dict[str, str]
        ``verdict`` (one of "inference is the sink", "training is the sink",
        "a finite ratio: inference is the larger sink", "a finite ratio:
        training is the larger sink"), ``fleet`` (the fleet ledger's
        sentence), ``single`` (one model served for ever) and ``rebound``.

    Examples
    --------
    >>> from energylib.units import per_year
    >>> verdict_in_words(per_year(0.4), per_year(0.3), 2 / YEAR)["verdict"]
    'inference is the sink'
    >>> verdict_in_words(per_year(0.2), per_year(0.3), 2 / YEAR)["verdict"]
    'training is the sink'
    >>> verdict_in_words(per_year(0.3), per_year(0.3), 2 / YEAR)["verdict"]
    'a finite ratio: inference is the larger sink'
    """
    g, r, s, tau, eps, c = _check_inputs(growth_rate, efficiency_rate, serving_rate,
                                         interval, elasticity, cost_growth_per_generation)
    v, ratio, lifetime, code = _verdict_numbers(g, r, s, tau, eps, c)
    k_yr = v.effective_exponent * YEAR
    a_yr = math.log(c) / tau * YEAR
    if v.fleet_trend == 1:
        fleet = (f"inference power grows at {k_yr:+.2f}/yr, training spending at "
                 f"{a_yr:+.2f}/yr: inference's share tends to 100 %")
    elif v.fleet_trend == -1:
        fleet = (f"training spending grows at {a_yr:+.2f}/yr, inference power at "
                 f"{k_yr:+.2f}/yr: inference's share tends to 0 %")
    else:
        share = ratio / (1.0 + ratio)
        fleet = (f"both grow at the same rate ({k_yr:+.2f}/yr): inference ÷ training tends "
                 f"to {ratio:,.3g}, a share of {100 * share:.0f} %")
    if math.isinf(lifetime):
        single = "one model served for ever: its inference energy is unbounded"
    else:
        single = (f"one model served for ever: its inference energy converges to "
                  f"{lifetime:,.3g} times its training run")
    return {"verdict": VERDICTS[code], "fleet": fleet, "single": single,
            "rebound": _REBOUND[int(v.backfire)]}
