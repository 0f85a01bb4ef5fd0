"""Explorer of the thermodynamics chapter: an efficiency trend meets the Landauer floor.

Energy per FLOP falls as ``E_now 2^(-t/T2)`` from ``start_year``; the floor
is ``bits_per_flop k_B T ln 2``.  Sliders: doubling time ``T2`` [yr], bits
erased per FLOP, temperature [K] and today's efficiency [FLOP/J].  The
headline gives the crossing time ``t* = T2 log2(E_now / E_floor)``, the
calendar year it points to and today's headroom over the floor.
:func:`declaration` is the explorer (its trend and crossing time are
:mod:`energylib.symbolic.thermo`'s expressions); the tests compare its
outputs with :mod:`energylib.thermo` (``tests/explorer_references.py``).

Examples
--------
>>> out = LandauerExplorer().update(doubling_time=KOOMEY_T2_POST2000, bits_per_flop=1.0,
...                                 temperature=300.0, flop_per_joule=H100_FLOP_PER_JOULE)
>>> round(out["crossing_year"])
2095
"""

from __future__ import annotations

import sympy as sp

from ..style import INFERENCE_COLOR, OKABE_ITO
from ..symbolic.thermo import T2, E_floor, E_now, crossing_time_expr, t, trend_expr
from ..thermo import BOLTZMANN_CONSTANT, H100_FLOP_PER_JOULE, KOOMEY_T2_POST2000
from ..validation import check_scalar
from .render import explorer_class
from .web import Curve, Marker, Output, Plot, Slider, VLine, WebExplorer, rebuilt_as

__all__ = ["declaration", "LandauerExplorer"]

_YEARS = (2000.0, 2300.0)  # the fixed time axis [calendar year]
_ENERGY_AXIS = (1e-25, 1e-8)  # the fixed energy-per-FLOP axis [J]
_FLOOR_COLOR = OKABE_ITO["bluish green"]


@rebuilt_as("LandauerExplorer")
def declaration(start_year: float = 2023.0,
                flop_per_joule: float = H100_FLOP_PER_JOULE) -> WebExplorer:
    """The explorer: sliders, and its model in SymPy.

    The trend and the crossing time are :mod:`energylib.symbolic.thermo`'s
    expressions; the formulas are those of :mod:`energylib.thermo`: floor
    ``E_f = bits k_B T ln 2``, headroom ``E_now / E_f``, crossing time
    ``t* = T2 max(log2(E_now / E_f), 0)`` and the trend
    ``max(E_now 2^(-t/T2), E_f)``.  Time is in years here, as in
    ``outputs`` (``doubling_time`` and ``crossing_time`` [yr]).

    Parameters
    ----------
    start_year : float
        Calendar year of today's efficiency, in [2000, 2100] [yr].
    flop_per_joule : float
        Starting value of the efficiency slider, in [1e10, 1e14] [FLOP/J].
    """
    start_year = check_scalar("start_year", start_year, low=2000.0, high=2100.0)
    flop_per_joule = check_scalar("flop_per_joule", flop_per_joule, low=1e10, high=1e14)
    t2, bits, temperature, fpj = sp.symbols(
        "doubling_time bits_per_flop temperature flop_per_joule", real=True)
    k_b, year0, year = sp.symbols("k_B start_year year", real=True)
    e_now, e_floor, ratio, t_star, crossing = sp.symbols(
        "e_now e_floor ratio t_star crossing_year", real=True)
    symbols = {T2: t2, E_now: e_now, E_floor: e_floor}
    trend = sp.Max(trend_expr().subs(symbols | {t: year - year0}), e_floor)
    return WebExplorer(
        id="thermo",
        title="When would the efficiency trend meet the Landauer floor?",
        params=(
            Slider("doubling_time", "doubling time T₂ [yr]", 0.5, 6.0, 0.1,
                   KOOMEY_T2_POST2000,
                   readout=".1f"),
            Slider("bits_per_flop", "bits erased per FLOP", 0.0, 4.0, 0.001, 16.0,
                   log=True, readout=".3g"),
            Slider("temperature", "temperature T [K]", 4.0, 400.0, 1.0, 300.0,
                   readout=".0f"),
            Slider("flop_per_joule", "today's efficiency [FLOP/J]", 10.0, 14.0, 0.001,
                   flop_per_joule, log=True, readout=".3g"),
        ),
        constants={"k_B": BOLTZMANN_CONSTANT, "start_year": float(start_year)},
        definitions=(
            ("e_now", 1 / fpj),
            ("e_floor", bits * k_b * temperature * sp.log(2)),
            ("ratio", e_now / e_floor),
            ("t_star", sp.Piecewise((crossing_time_expr().subs(symbols), ratio > 1),
                        (0, True))),
            ("crossing_year", year0 + t_star),
        ),
        outputs=(
            Output("crossing_time", "trend meets the floor in", t_star, unit="years",
                   fmt="int"),
            Output("crossing_year", "around", crossing, fmt="year"),
            Output("crossing_where", "crossing",
                   sp.Piecewise((0, sp.Eq(t_star, 0)), (1, crossing <= _YEARS[1]),
                                (2, True)),
                   fmt="text", check=False,
                   texts=("already at or below the floor", "on the chart (green dot)",
                          f"beyond the chart (after {_YEARS[1]:.0f})")),
            Output("headroom", "headroom today", ratio, unit="× the floor", fmt="g2"),
            Output("floor", "floor", e_floor, unit="J per FLOP", fmt="g2"),
        ),
        plots=(Plot(
            x=year, x_label="year [calendar year]", x_range=_YEARS,
            y_label="energy per FLOP [J]", y_range=_ENERGY_AXIS, y_log=True,
            curves=(
                Curve("inference hardware: energy per FLOP on the trend",
                      sp.Piecewise((trend, year >= year0), (sp.nan, True)),
                      INFERENCE_COLOR),
                Curve("inference hardware: the same trend, looking back",
                      sp.Piecewise((trend, year <= year0), (sp.nan, True)),
                      INFERENCE_COLOR, dash=True),
                Curve("Landauer floor per FLOP", e_floor, _FLOOR_COLOR),
            ),
            vlines=(VLine("starting year", year0),),
            markers=(
                Marker("energy per FLOP today", year0, e_now),
                Marker("trend meets the floor",
                       sp.Piecewise((crossing, crossing <= _YEARS[1]), (sp.nan, True)),
                       e_floor, color=_FLOOR_COLOR),
            ),
        ),),
        note=(f"The trend is dashed before {start_year:.0f} and flattens once it "
              "reaches the floor; the black dot is today, the green dot the year the "
              "trend meets the floor."),
        measured={"flop_per_joule": ("h100-flop-per-joule",),
                  "doubling_time": ("koomey-doubling",)},
    )


LandauerExplorer = explorer_class(declaration)
