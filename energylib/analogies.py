"""The seed argument's analogies, computed: creation energy against use energy.

Claim C9 compares a trained model with three other systems, each of which
costs energy once, to be made, and then for the rest of its life, to be used
or kept going:

* a **highway**: the energy of building it against the fuel of the traffic it
  carries over its life;
* a **human**: the energy of the cell division that began the body (or, more
  fairly, of the whole pregnancy) against a lifetime of metabolism;
* a **star** (the Sun): the gravitational energy released by the collapse
  that formed it against its luminosity over its main-sequence life;
* an **AI model**: its training run against its serving life.

For each the module computes the two energies, their ratio and the ratio in
orders of magnitude, ``log10(use / creation)``.  All inputs are SI (J, W, s,
kg, m); the named inputs of the chapter are collected, each with its source,
in :data:`ANALOGY_INPUTS`.

Examples
--------
The Sun: luminosity times ten billion years against ``G M**2 / R``.

>>> from energylib.units import YEAR
>>> sun = stellar_ledger(3.828e26, 1e10 * YEAR, 1.98841e30, 6.957e8, coefficient=1.0)
>>> round(sun.orders, 2)
2.5
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .dataset import by_id
from .lifecycle import model_ledger
from .units import DAY, WH, YEAR
from .validation import FloatOrArray, check_number, check_scalar, scalar_or_array

__all__ = [
    "G",
    "KCAL",
    "AVOGADRO",
    "LANE_MILE",
    "MAX_ATP_YIELD",
    "ATP_FREE_ENERGY",
    "AnalogyInput",
    "ANALOGY_INPUTS",
    "AnalogyLedger",
    "fixed_analogies",
    "orders_of_magnitude",
    "analogy_ledger",
    "highway_construction_energy",
    "highway_traffic_energy",
    "highway_ledger",
    "lifetime_metabolic_energy",
    "biomass_synthesis_energy",
    "human_ledger",
    "power_law_sphere_coefficient",
    "gravitational_binding_energy",
    "stellar_ledger",
    "ai_ledger",
]

G = 6.67430e-11
"""Newtonian constant of gravitation, CODATA 2018 [m^3 kg^-1 s^-2]."""

KCAL = 4184.0
"""One (thermochemical) kilocalorie, the dietitian's "Calorie" [J]."""

AVOGADRO = 6.02214076e23
"""Avogadro constant (exact in the 2019 SI) [1/mol]."""

LANE_MILE = 1609.344
"""One lane-mile: one lane, one international mile long [m of lane]."""

MAX_ATP_YIELD = by_id("yatp-max-glucose").si
"""Theoretical maximum dry biomass per mole of ATP, growth on glucose and salts [kg/mol].

From the dataset (row ``yatp-max-glucose``, 28.8 g/mol): :cite:`stouthamer1973theoretical`.
"""

ATP_FREE_ENERGY = by_id("atp-hydrolysis-free-energy").si
"""Free energy of ATP hydrolysis under cellular conditions, about 50 kJ/mol [J/mol].

From the dataset (row ``atp-hydrolysis-free-energy``): :cite:`milo2015cell`.
"""


_ROAD = by_id("road-construction-energy")  # 3 to 7 TJ per lane-mile (muench2010roadway)

@dataclass(frozen=True)
class AnalogyInput:
    """One named input of the analogies, with its unit and source.

    Attributes
    ----------
    value : float
        The value, in SI units (see ``unit``).
    unit : str
        SI unit of ``value``.
    source : str
        Where the number comes from (a citation key of the book's
        bibliography), or ``"assumption"`` for a stated assumption.
    note : str
        What the number is, and how it was derived from the source.

    Raises
    ------
    TypeError
        If ``value`` is not a real number, or a text field is not a string.
    ValueError
        If ``value`` is not finite and > 0, or ``unit`` or ``source`` is empty.

    Examples
    --------
    >>> AnalogyInput(80 * YEAR, "s", "assumption", "80 years").value / YEAR
    80.0
    >>> AnalogyInput(-1.0, "s", "assumption", "a negative life")
    Traceback (most recent call last):
    ...
    ValueError: AnalogyInput.value must be in (0, inf); got -1
    """

    value: float
    unit: str
    source: str
    note: str

    def __post_init__(self) -> None:
        value = check_scalar("AnalogyInput.value", self.value, low=0.0, low_open=True)
        object.__setattr__(self, "value", value)
        for name in ("unit", "source", "note"):
            text = getattr(self, name)
            if not isinstance(text, str):
                raise TypeError(f"AnalogyInput.{name} must be a string; got {text!r}")
            if name != "note" and not text.strip():
                raise ValueError(f"AnalogyInput.{name} must not be empty; got {text!r}")


ANALOGY_INPUTS: dict[str, AnalogyInput] = {
    # ----- highway
    "road construction low": AnalogyInput(
        _ROAD.si_low or _ROAD.si, "J/m of lane", "muench2010roadway",
        "low end of 'typically 3 to 7 TJ per lane mile' (abstract), per metre of lane"),
    "road construction high": AnalogyInput(
        _ROAD.si_high or _ROAD.si, "J/m of lane", "muench2010roadway",
        "high end of 'typically 3 to 7 TJ per lane mile' (abstract), per metre of lane"),
    "road construction mid": AnalogyInput(
        _ROAD.si, "J/m of lane", "muench2010roadway",
        "middle of the 3 to 7 TJ per lane-mile range, per metre of lane"),
    "vehicle energy per km": AnalogyInput(
        3e6 / 1e3, "J/m", "assumption",
        "3 MJ per vehicle-km, tank-to-wheel: a petrol car at about 8 L/100 km (34 MJ/L) "
        "is 2.7 MJ/km; a fleet with trucks is higher (about 4-5 MJ/km)"),
    "road life": AnalogyInput(40 * YEAR, "s", "assumption",
                              "40-year service life of the road"),
    "busy road traffic": AnalogyInput(50_000 / DAY, "vehicles/s", "assumption",
                                      "50,000 vehicles a day on a four-lane highway"),
    "quiet road traffic": AnalogyInput(300 / DAY, "vehicles/s", "assumption",
                                       "300 vehicles a day on a two-lane rural road"),
    # ----- human
    "daily food energy": AnalogyInput(2000 * KCAL / DAY, "W", "assumption",
                                      "2,000 kcal a day, about 97 W"),
    "human life": AnalogyInput(80 * YEAR, "s", "assumption", "80 years"),
    "mammalian cell minimum": AnalogyInput(
        by_id("mammalian-cell-min-energy").si, "J", "ortegaarzola2024minimum",
        "modelled minimum (Gibbs) energy to synthesise an average mammalian cell, 298 K"),
    "E. coli minimum": AnalogyInput(
        by_id("ecoli-cell-min-energy").si, "J", "ortegaarzola2024minimum",
        "modelled minimum (Gibbs) energy to synthesise an E. coli cell, 298 K"),
    "ATP yield of biomass": AnalogyInput(
        by_id("yatp-max-glucose").si, "kg/mol", "stouthamer1973theoretical",
        "theoretical maximum Y_ATP: 28.8 g of cells per mole of ATP, growth on glucose "
        "and salts (abstract)"),
    "measured ATP yield": AnalogyInput(
        10e-3, "kg/mol", "assumption",
        "about 10 g of cells per mole of ATP, the usual order of measured Y_ATP values, "
        "well below the theoretical maximum"),
    "ATP free energy": AnalogyInput(
        by_id("atp-hydrolysis-free-energy").si, "J/mol", "milo2015cell",
        "free energy of ATP hydrolysis under cellular conditions, about 50 kJ/mol "
        "(section 'How much energy is released in ATP hydrolysis?')"),
    "E. coli dry mass": AnalogyInput(
        by_id("ecoli-dry-mass").si, "kg", "milo2015cell",
        "dry mass of an E. coli cell, about 0.3 pg (about 1 pg, two-thirds water: "
        "section 'How big is an E. coli cell and what is its mass?')"),
    "pregnancy energy": AnalogyInput(
        by_id("pregnancy-energy-cost").si, "J", "butte2005energy",
        "total energy cost of a pregnancy, 321 or 325 MJ (mean gestational gain 12 kg)"),
    # ----- Sun
    "solar luminosity": AnalogyInput(
        by_id("solar-luminosity-nominal").si, "W", "prsa2016nominal",
        "IAU 2015 nominal solar luminosity"),
    "solar radius": AnalogyInput(
        by_id("solar-radius-nominal").si, "m", "prsa2016nominal",
        "IAU 2015 nominal solar radius"),
    "solar mass": AnalogyInput(
        by_id("solar-gm-nominal").si / G, "kg", "prsa2016nominal",
        "IAU 2015 nominal (GM) of the Sun divided by CODATA 2018 G"),
    "solar life": AnalogyInput(1e10 * YEAR, "s", "assumption",
                               "main-sequence life, about ten billion years (the claim's figure)"),
    # ----- AI
    "popular traffic": AnalogyInput(
        by_id("chatgpt-prompts-2024").si, "queries/s", "axios2025chatgpt",
        "a billion queries a day (ChatGPT, Dec. 2024)"),
    "popular energy per query": AnalogyInput(
        by_id("gpt4o-typical-query").si, "J", "you2025chatgpt",
        "0.3 Wh, Epoch AI's GPT-4o estimate (paired in the chapter with a GPT-4-class "
        "training run)"),
    "quiet traffic": AnalogyInput(1e5 / DAY, "queries/s", "assumption",
                                  "a hundred thousand queries a day"),
    "quiet energy per query": AnalogyInput(2 * WH, "J", "assumption",
                                           "2 Wh a query for a 405B-parameter model"),
    "Llama 3.1 405B training": AnalogyInput(
        by_id("llama31-405b-gpuh").si * by_id("h100-power").si, "J", "meta2024llama31",
        "30.84 million H100-hours at the 700 W rating, about 21.6 GWh: GPU rated "
        "power only (no host, network or cooling overhead)"),
    "GPT-3 training": AnalogyInput(by_id("gpt3-train-energy").si, "J", "patterson2021carbon",
                                   "1,287 MWh (Table 4)"),
    "serving life": AnalogyInput(1 * YEAR, "s", "assumption",
                                 "one year of service before the model is replaced"),
}
"""The analogies' inputs, in SI units, each with its source (a bibliography key)."""


@dataclass(frozen=True)
class AnalogyLedger:
    """A creation energy against the use energy over a life.

    Attributes
    ----------
    creation : float
        Energy spent once, to make the system [J].
    use : float
        Energy spent over the system's life to use or sustain it [J].
    ratio : float
        ``use / creation`` [-].
    orders : float
        ``log10(use / creation)``: positive when use dwarfs creation [-].
    use_share : float
        ``use / (use + creation)`` [-].
    """

    creation: float
    use: float
    ratio: float
    orders: float
    use_share: float


def orders_of_magnitude(use: FloatOrArray, creation: FloatOrArray) -> FloatOrArray:
    """How many orders of magnitude use exceeds creation, ``log10(use / creation)`` [-].

    Parameters
    ----------
    use : float or ndarray
        Use (or maintenance) energy over a life (> 0, finite) [J].
    creation : float or ndarray
        Creation energy (> 0, finite) [J].

    Returns
    -------
    float or ndarray
        Positive when use exceeds creation, negative when creation dominates.

    Examples
    --------
    >>> orders_of_magnitude(1e6, 1e3)
    3.0
    >>> orders_of_magnitude(1.0, 100.0)
    -2.0
    """
    u = check_number("use", use, low=0.0, low_open=True)
    c = check_number("creation", creation, low=0.0, low_open=True)
    return scalar_or_array(np.log10(u) - np.log10(c))


def analogy_ledger(creation: float, use: float) -> AnalogyLedger:
    """Bundle a creation and a use energy into an :class:`AnalogyLedger`.

    Parameters
    ----------
    creation : float
        Creation energy (> 0, finite) [J].
    use : float
        Use energy over the life (> 0, finite) [J].

    Returns
    -------
    AnalogyLedger

    Examples
    --------
    >>> ledger = analogy_ledger(1.0, 3.0)
    >>> ledger.ratio, ledger.use_share
    (3.0, 0.75)
    """
    c = check_scalar("creation", creation, low=0.0, low_open=True)
    u = check_scalar("use", use, low=0.0, low_open=True)
    return AnalogyLedger(creation=c, use=u, ratio=u / c,
                         orders=math.log10(u) - math.log10(c), use_share=u / (u + c))


# ----------------------------------------------------------------------------- highway


def highway_construction_energy(
    lanes: FloatOrArray, length: FloatOrArray, energy_per_lane_length: FloatOrArray
) -> FloatOrArray:
    """Energy to build a road: lanes x length x energy per metre of lane [J].

    Parameters
    ----------
    lanes : float or ndarray
        Number of lanes (> 0) [-].
    length : float or ndarray
        Length of the road (> 0, finite) [m].
    energy_per_lane_length : float or ndarray
        Construction energy per metre of lane (> 0, finite) [J/m]; Muench's
        review gives 3 to 7 TJ per lane-mile, i.e. 1.9 to 4.3 GJ per metre.

    Returns
    -------
    float or ndarray
        Construction energy [J].

    References
    ----------
    :cite:`muench2010roadway`, abstract

    Examples
    --------
    >>> round(highway_construction_energy(4, 1000.0, 5e12 / LANE_MILE) / 1e12, 2)  # TJ
    12.43
    """
    n = check_number("lanes", lanes, low=0.0, low_open=True)
    ell = check_number("length", length, low=0.0, low_open=True)
    e = check_number("energy_per_lane_length", energy_per_lane_length, low=0.0, low_open=True)
    return scalar_or_array(n * ell * e)


def highway_traffic_energy(
    vehicles_per_second: FloatOrArray,
    length: FloatOrArray,
    energy_per_vehicle_length: FloatOrArray,
    life: FloatOrArray,
) -> FloatOrArray:
    """Fuel energy of the traffic on a road over its life [J].

    Every vehicle drives the whole ``length``; traffic is constant.

    Parameters
    ----------
    vehicles_per_second : float or ndarray
        Traffic, both directions (>= 0, finite) [vehicles/s]; ``n / DAY``
        for ``n`` vehicles a day.
    length : float or ndarray
        Length of the road (> 0, finite) [m].
    energy_per_vehicle_length : float or ndarray
        Fuel energy per vehicle per metre (> 0, finite) [J/m]; 3 MJ per
        vehicle-km is 3,000 J/m.
    life : float or ndarray
        Service life of the road (>= 0, finite) [s].

    Returns
    -------
    float or ndarray
        Traffic energy over the life [J].

    Examples
    --------
    >>> round(highway_traffic_energy(50_000 / DAY, 1000.0, 3000.0, YEAR) / 1e12, 1)  # TJ/yr
    54.8
    """
    v = check_number("vehicles_per_second", vehicles_per_second, low=0.0)
    ell = check_number("length", length, low=0.0, low_open=True)
    e = check_number("energy_per_vehicle_length", energy_per_vehicle_length,
                     low=0.0, low_open=True)
    t = check_number("life", life, low=0.0)
    return scalar_or_array(v * ell * e * t)


def highway_ledger(
    vehicles_per_day: float,
    lanes: float,
    life_years: float = 40.0,
    construction_per_lane_mile: float = 5e12,
    energy_per_vehicle_km: float = 3e6,
    length: float = 1000.0,
) -> AnalogyLedger:
    """A road's construction energy against its traffic's fuel over its life.

    Parameters
    ----------
    vehicles_per_day : float
        Traffic, both directions (> 0, finite) [vehicles/day].
    lanes : float
        Number of lanes (> 0) [-].
    life_years : float
        Service life (> 0, finite) [yr].
    construction_per_lane_mile : float
        Construction energy per lane-mile (> 0, finite) [J]; 3 to 7 TJ in
        Muench's review.
    energy_per_vehicle_km : float
        Fuel energy per vehicle-kilometre (> 0, finite) [J].
    length : float
        Length of road considered (> 0, finite) [m]; cancels in the ratio.

    Returns
    -------
    AnalogyLedger

    Examples
    --------
    >>> busy = highway_ledger(50_000, 4)
    >>> round(busy.ratio)
    176
    >>> round(highway_ledger(300, 2).ratio, 2)
    2.12
    """
    vpd = check_scalar("vehicles_per_day", vehicles_per_day, low=0.0, low_open=True)
    n = check_scalar("lanes", lanes, low=0.0, low_open=True)
    years = check_scalar("life_years", life_years, low=0.0, low_open=True)
    per_lane_mile = check_scalar("construction_per_lane_mile", construction_per_lane_mile,
                                 low=0.0, low_open=True)
    per_vkm = check_scalar("energy_per_vehicle_km", energy_per_vehicle_km,
                           low=0.0, low_open=True)
    ell = check_scalar("length", length, low=0.0, low_open=True)
    creation = highway_construction_energy(n, ell, per_lane_mile / LANE_MILE)
    use = highway_traffic_energy(vpd / DAY, ell, per_vkm / 1e3, years * YEAR)
    return analogy_ledger(float(creation), float(use))


# ----------------------------------------------------------------------------- human


def lifetime_metabolic_energy(metabolic_power: FloatOrArray, life: FloatOrArray) -> FloatOrArray:
    """Food energy metabolized over a life at a constant mean power [J].

    Parameters
    ----------
    metabolic_power : float or ndarray
        Mean metabolic power (>= 0, finite) [W]; 2,000 kcal a day is
        ``2000 * KCAL / DAY``, about 97 W.
    life : float or ndarray
        Length of the life (>= 0, finite) [s].

    Returns
    -------
    float or ndarray
        Lifetime metabolic energy [J].

    Examples
    --------
    >>> round(lifetime_metabolic_energy(2000 * KCAL / DAY, 80 * YEAR) / 1e11, 3)
    2.445
    """
    p = check_number("metabolic_power", metabolic_power, low=0.0)
    t = check_number("life", life, low=0.0)
    return scalar_or_array(p * t)


def biomass_synthesis_energy(
    dry_mass: FloatOrArray,
    atp_yield: FloatOrArray = MAX_ATP_YIELD,
    atp_free_energy: FloatOrArray = ATP_FREE_ENERGY,
) -> FloatOrArray:
    """ATP free energy spent to synthesise a dry mass of cells [J].

    ``E = (dry_mass / atp_yield) * atp_free_energy``: the moles of ATP that
    the biomass costs (Stouthamer's yield, grams of cells per mole of ATP)
    times the free energy one mole of ATP releases in the cell.

    Parameters
    ----------
    dry_mass : float or ndarray
        Dry mass of the cells built (>= 0, finite) [kg].
    atp_yield : float or ndarray
        Dry biomass made per mole of ATP (> 0, finite) [kg/mol]; 28.8 g/mol
        is the *theoretical* maximum for growth on glucose and salts
        (:cite:`stouthamer1973theoretical`); measured yields are much lower
        (about 10 g/mol is the usual figure), so the default gives a lower
        estimate of the real cost.
    atp_free_energy : float or ndarray
        Free energy of ATP hydrolysis in the cell (> 0, finite) [J/mol];
        about 50 kJ/mol.

    Returns
    -------
    float or ndarray
        Energy [J].

    References
    ----------
    :cite:`stouthamer1973theoretical`, abstract

    Examples
    --------
    An E. coli cell, about 0.3 pg dry:

    >>> e = biomass_synthesis_energy(0.3e-15)
    >>> round(e * 1e10, 2), round(0.3e-15 / 28.8e-3 * AVOGADRO / 1e9, 2)  # 1e-10 J, 1e9 ATP
    (5.21, 6.27)
    """
    m = check_number("dry_mass", dry_mass, low=0.0)
    y = check_number("atp_yield", atp_yield, low=0.0, low_open=True)
    g = check_number("atp_free_energy", atp_free_energy, low=0.0, low_open=True)
    return scalar_or_array(m / y * g)


def human_ledger(creation: float, daily_kcal: float = 2000.0,
                 life_years: float = 80.0) -> AnalogyLedger:
    """A lifetime of metabolism against a creation energy (a cell, or a pregnancy).

    Parameters
    ----------
    creation : float
        Creation energy (> 0, finite) [J]: the minimum energy to build one
        mammalian cell (3.71e-7 J), or the energy cost of a pregnancy (about
        3.2e8 J).
    daily_kcal : float
        Mean food energy metabolized a day (> 0, finite) [kcal/day].
    life_years : float
        Length of the life (> 0, finite) [yr].

    Returns
    -------
    AnalogyLedger

    Examples
    --------
    >>> round(human_ledger(3.71e-7).orders, 1)
    17.8
    >>> round(human_ledger(323e6).ratio)
    757
    """
    c = check_scalar("creation", creation, low=0.0, low_open=True)
    kcal = check_scalar("daily_kcal", daily_kcal, low=0.0, low_open=True)
    years = check_scalar("life_years", life_years, low=0.0, low_open=True)
    use = lifetime_metabolic_energy(kcal * KCAL / DAY, years * YEAR)
    return analogy_ledger(c, float(use))


# ----------------------------------------------------------------------------- star


def power_law_sphere_coefficient(density_exponent: FloatOrArray) -> FloatOrArray:
    """Coefficient ``k`` of the binding energy ``k G M**2 / R`` of a power-law sphere [-].

    For a density ``rho(r) proportional to r**(-a)`` inside radius ``R``,
    ``m(r) = M (r/R)**(3 - a)`` and ``-integral G m dm / r = -k G M**2 / R``
    with ``k = (3 - a) / (5 - 2a)``: 3/5 for a uniform sphere (``a = 0``),
    growing without bound as ``a`` approaches 5/2 (a point-like core).
    :mod:`energylib.symbolic.analogies` derives it.

    Parameters
    ----------
    density_exponent : float or ndarray
        The exponent ``a`` (0 <= a < 2.5) [-].

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> power_law_sphere_coefficient(0.0), power_law_sphere_coefficient(2.0)
    (0.6, 1.0)
    """
    a = check_number("density_exponent", density_exponent, low=0.0, high=2.5, high_open=True)
    return scalar_or_array((3.0 - a) / (5.0 - 2.0 * a))


def gravitational_binding_energy(
    mass: FloatOrArray, radius: FloatOrArray, coefficient: FloatOrArray = 0.6
) -> FloatOrArray:
    """Gravitational energy released in assembling a sphere from dispersed gas [J].

    ``E = coefficient * G M**2 / R`` (3/5 for a uniform sphere; larger for
    centrally condensed stars).  By the virial theorem about half of it is
    radiated during the contraction and half heats the gas.

    Parameters
    ----------
    mass : float or ndarray
        Mass (> 0, finite) [kg].
    radius : float or ndarray
        Radius (> 0, finite) [m].
    coefficient : float or ndarray
        Structure coefficient (> 0, finite) [-].

    Returns
    -------
    float or ndarray
        Binding energy [J].

    Examples
    --------
    >>> round(gravitational_binding_energy(1.98841e30, 6.957e8) / 1e41, 3)
    2.275
    """
    m = check_number("mass", mass, low=0.0, low_open=True)
    r = check_number("radius", radius, low=0.0, low_open=True)
    k = check_number("coefficient", coefficient, low=0.0, low_open=True)
    return scalar_or_array(k * G * m * m / r)


def stellar_ledger(
    luminosity: float, life: float, mass: float, radius: float, coefficient: float = 1.5
) -> AnalogyLedger:
    """A star's output over its life against the gravitational energy of its formation.

    The creation energy is the whole gravitational energy released,
    ``coefficient * G M**2 / R``, whether radiated or kept as heat (by the
    virial theorem about half of each); halve it to count only what was radiated.

    Parameters
    ----------
    luminosity : float
        Mean luminosity over the life (> 0, finite) [W].
    life : float
        Length of the life (> 0, finite) [s].
    mass, radius : float
        As in :func:`gravitational_binding_energy`.
    coefficient : float
        Structure coefficient (> 0, finite) [-]; default 3/2, the index-3
        polytrope.  The Sun is more centrally condensed than that polytrope,
        so its own coefficient is at or somewhat above 3/2; 3/5 (a uniform
        sphere) is a floor no star reaches.

    Returns
    -------
    AnalogyLedger

    Examples
    --------
    >>> sun = stellar_ledger(3.828e26, 1e10 * YEAR, 1.98841e30, 6.957e8)
    >>> round(sun.ratio)
    212
    """
    lum = check_scalar("luminosity", luminosity, low=0.0, low_open=True)
    t = check_scalar("life", life, low=0.0, low_open=True)
    creation = gravitational_binding_energy(
        check_scalar("mass", mass, low=0.0, low_open=True),
        check_scalar("radius", radius, low=0.0, low_open=True),
        check_scalar("coefficient", coefficient, low=0.0, low_open=True))
    return analogy_ledger(float(creation), lum * t)


# ----------------------------------------------------------------------------- AI


def ai_ledger(
    training_energy: float,
    queries_per_day: float,
    energy_per_query: float,
    serving_life_years: float = 1.0,
    growth_rate_per_year: float = 0.0,
    efficiency_rate_per_year: float = 0.0,
) -> AnalogyLedger:
    """A model's training run against its serving life (via :func:`.model_ledger`).

    Parameters
    ----------
    training_energy : float
        Energy of the training run (> 0, finite) [J].
    queries_per_day : float
        Traffic at launch (> 0, finite) [queries/day].
    energy_per_query : float
        Energy of one query at launch (> 0, finite) [J].
    serving_life_years : float
        Serving life (> 0, finite) [yr].
    growth_rate_per_year, efficiency_rate_per_year : float
        Continuous rates of demand growth and efficiency gain (finite) [1/yr].

    Returns
    -------
    AnalogyLedger

    Examples
    --------
    A billion 0.3 Wh queries a day for a year against a 56 GWh run:

    >>> round(ai_ledger(56e9 * 3600, 1e9, 0.3 * 3600).ratio, 2)
    1.96
    """
    e_train = check_scalar("training_energy", training_energy, low=0.0, low_open=True)
    qpd = check_scalar("queries_per_day", queries_per_day, low=0.0, low_open=True)
    e0 = check_scalar("energy_per_query", energy_per_query, low=0.0, low_open=True)
    years = check_scalar("serving_life_years", serving_life_years, low=0.0, low_open=True)
    g = check_scalar("growth_rate_per_year", growth_rate_per_year)
    r = check_scalar("efficiency_rate_per_year", efficiency_rate_per_year)
    ledger = model_ledger(e_train, years * YEAR, qpd / DAY, e0, g / YEAR, r / YEAR)
    return analogy_ledger(e_train, ledger.inference_energy)


def fixed_analogies() -> dict[str, float]:
    """``log10(use / creation)`` of the analogies no slider moves (the Sun, a human).

    Returns
    -------
    dict[str, float]
        Label -> orders of magnitude [-].

    Examples
    --------
    >>> {k: round(v, 1) for k, v in fixed_analogies().items()}  # doctest: +NORMALIZE_WHITESPACE
    {'Sun vs its collapse': 2.3, 'human vs first cell': 17.8,
     'human vs pregnancy': 2.9}
    """
    a = ANALOGY_INPUTS
    sun = stellar_ledger(a["solar luminosity"].value, a["solar life"].value,
                         a["solar mass"].value, a["solar radius"].value)
    cell = human_ledger(a["mammalian cell minimum"].value)
    pregnancy = human_ledger(a["pregnancy energy"].value)
    return {
        "Sun vs its collapse": sun.orders,
        "human vs first cell": cell.orders,
        "human vs pregnancy": pregnancy.orders,
    }
