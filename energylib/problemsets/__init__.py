"""The problem sets, one module per chapter: each defines ``PROBLEMS``, a
:class:`energylib.problems.ProblemSet` whose expected answers energylib computes.

The notebooks that pose them are ``chapters/problems/<chapter>.md``.

temporal    temporal-infinity      break-even, lifetime limits, retraining
semantic    semantic-infinity      Zipf caches and hit rates
machines    machine-infinity       agents' demand and power
argument    the-argument           the phase diagram, rebound, fleets
thermo      thermodynamics         Landauer's floor and efficiency trends
analogies   analogies              use against creation
real        real-numbers           published figures and break-even
industry    industry               levers: batch, precision, PUE, grid
verdict     verdict                the deciding parameters
"""

from . import analogies, argument, industry, machines, real, semantic, temporal, thermo, verdict

PROBLEM_SETS = {
    "temporal": temporal.PROBLEMS,
    "semantic": semantic.PROBLEMS,
    "machines": machines.PROBLEMS,
    "argument": argument.PROBLEMS,
    "thermo": thermo.PROBLEMS,
    "analogies": analogies.PROBLEMS,
    "real": real.PROBLEMS,
    "industry": industry.PROBLEMS,
    "verdict": verdict.PROBLEMS,
}

__all__ = ["PROBLEM_SETS"]
