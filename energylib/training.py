"""Training energy: one run, and a schedule of retraining runs.

A training run costs compute, about ``6 N D`` floating-point operations for a
dense transformer with ``N`` parameters trained on ``D`` tokens (forward pass
``2 N`` per token, backward pass twice that) :cite:`kaplan2020scaling`.  Compute becomes
time through the accelerators' peak rate and the fraction of it achieved (the
*model FLOP utilization*), time becomes energy through power, and the
facility's overhead enters as the power usage effectiveness (PUE).

References
----------
:cite:`kaplan2020scaling`, section 2.1
:cite:`patterson2021carbon`, Table 4
"""

from __future__ import annotations

import numpy as np

from .validation import FloatOrArray, check_number, check_scalar, scalar_or_array

__all__ = [
    "training_flops",
    "training_energy_from_compute",
    "training_energy_from_accelerator_hours",
    "number_of_training_runs",
    "cumulative_training_energy",
]


def training_flops(n_params: FloatOrArray, n_tokens: FloatOrArray) -> FloatOrArray:
    """Compute of one training run, ``6 N D`` [FLOP].

    Parameters
    ----------
    n_params : float or ndarray
        Parameters of the model, ``N`` (> 0) [-].
    n_tokens : float or ndarray
        Training tokens, ``D`` (> 0) [-].

    Returns
    -------
    float or ndarray
        Training compute [FLOP].

    Examples
    --------
    GPT-3: 175e9 parameters on 300e9 tokens, about 3.14e23 FLOP.

    >>> f"{training_flops(175e9, 300e9):.3g}"
    '3.15e+23'
    """
    n = check_number("n_params", n_params, low=0.0, low_open=True)
    d = check_number("n_tokens", n_tokens, low=0.0, low_open=True)
    return 6.0 * n * d


def training_energy_from_compute(
    flops: FloatOrArray,
    peak_flops_per_s: FloatOrArray,
    utilization: FloatOrArray,
    accelerator_power: FloatOrArray,
    pue: FloatOrArray = 1.0,
) -> FloatOrArray:
    """Energy of a training run from its compute [J].

    ``E = flops / (peak_flops_per_s * utilization) * accelerator_power * pue``

    Parameters
    ----------
    flops : float or ndarray
        Training compute (> 0) [FLOP].
    peak_flops_per_s : float or ndarray
        Peak rate of one accelerator (> 0) [FLOP/s].
    utilization : float or ndarray
        Achieved fraction of the peak, in (0, 1] [-].
    accelerator_power : float or ndarray
        Average power of one accelerator while training (>= 0) [W].
    pue : float or ndarray
        Power usage effectiveness of the facility (>= 1) [-].

    Returns
    -------
    float or ndarray
        Energy [J].

    Examples
    --------
    Llama-3.1-405B-like: 3.8e25 FLOP on H100s (989 TFLOP/s) at 40 % utilization,
    700 W each, PUE 1.1:

    >>> from energylib.units import from_joules
    >>> e = training_energy_from_compute(3.8e25, 989e12, 0.40, 700.0, 1.1)
    >>> round(from_joules(e, "GWh"), 1)
    20.5
    """
    f = check_number("flops", flops, low=0.0, low_open=True)
    peak = check_number("peak_flops_per_s", peak_flops_per_s, low=0.0, low_open=True)
    u = check_number("utilization", utilization, low=0.0, high=1.0, low_open=True)
    p = check_number("accelerator_power", accelerator_power, low=0.0)
    k = check_number("pue", pue, low=1.0)
    return f / (peak * u) * p * k


def training_energy_from_accelerator_hours(
    accelerator_hours: FloatOrArray,
    accelerator_power: FloatOrArray,
    pue: FloatOrArray = 1.0,
) -> FloatOrArray:
    """Energy of a training run from accelerator-hours [J].

    ``E = accelerator_hours * 3600 * accelerator_power * pue``

    Parameters
    ----------
    accelerator_hours : float or ndarray
        Accelerator-hours of the run (>= 0) [h].
    accelerator_power : float or ndarray
        Average power per accelerator (>= 0) [W].
    pue : float or ndarray
        Power usage effectiveness (>= 1) [-].

    Returns
    -------
    float or ndarray
        Energy [J].

    Examples
    --------
    GPT-3 in :cite:`patterson2021carbon`, Table 4: 3.552 million V100-hours at
    330 W average system power per processor, PUE 1.10, reported as 1,287 MWh.

    >>> from energylib.units import from_joules
    >>> round(from_joules(training_energy_from_accelerator_hours(3.552e6, 330, 1.10), "MWh"))
    1289
    """
    h = check_number("accelerator_hours", accelerator_hours, low=0.0)
    p = check_number("accelerator_power", accelerator_power, low=0.0)
    k = check_number("pue", pue, low=1.0)
    return h * 3600.0 * p * k


def number_of_training_runs(horizon: FloatOrArray, interval: float) -> FloatOrArray:
    """Runs held in ``[0, horizon]`` when a model is retrained every ``interval``.

    The first run is at time 0, then one every ``interval``: runs at
    ``0, tau, 2 tau, ...`` up to and including ``horizon``.

    Parameters
    ----------
    horizon : float or ndarray
        Time since the first run (>= 0) [s].
    interval : float
        Time between runs, ``tau`` (> 0) [s].

    Returns
    -------
    float or ndarray
        Number of runs ``floor(horizon / interval) + 1`` [-].

    Examples
    --------
    >>> number_of_training_runs(2.5, 1.0)
    3.0
    """
    t = check_number("horizon", horizon, low=0.0)
    tau = check_scalar("interval", interval, low=0.0, low_open=True)
    return scalar_or_array(np.floor(t / tau) + 1.0)


def cumulative_training_energy(
    horizon: FloatOrArray,
    interval: float,
    first_run_energy: float,
    growth_per_generation: float = 1.0,
) -> FloatOrArray:
    """Total energy of a retraining schedule up to ``horizon`` [J].

    Run ``n`` (``n = 0, 1, 2, ...``, at time ``n * interval``) costs
    ``first_run_energy * c**n`` with ``c = growth_per_generation``, so after
    ``N`` runs the total is the geometric sum ``E1 (c**N - 1) / (c - 1)``
    (``N * E1`` when ``c = 1``).

    Parameters
    ----------
    horizon : float or ndarray
        Time since the first run (>= 0) [s].
    interval : float
        Time between runs (> 0) [s].
    first_run_energy : float
        Energy of the first run (>= 0) [J].
    growth_per_generation : float
        Factor by which each run's energy exceeds the previous one's (> 0) [-].

    Returns
    -------
    float or ndarray
        Cumulative training energy [J].

    Examples
    --------
    Three yearly runs of 10 J, each twice the last: 10 + 20 + 40.

    >>> cumulative_training_energy(2.0, 1.0, 10.0, 2.0)
    70.0
    """
    n = number_of_training_runs(horizon, interval)
    e1 = check_scalar("first_run_energy", first_run_energy, low=0.0)
    c = check_scalar("growth_per_generation", growth_per_generation, low=0.0, low_open=True)
    if c == 1.0:
        return scalar_or_array(e1 * n)
    # (c**n - 1) / (c - 1), written with expm1 so it stays accurate for c near 1.
    log_c = np.log(c)
    with np.errstate(over="ignore"):
        return scalar_or_array(e1 * np.expm1(n * log_c) / np.expm1(log_c))
