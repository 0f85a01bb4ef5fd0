"""The analogies: closed forms against integrals, SymPy against NumPy, hand values, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from scipy.integrate import quad

import energylib.analogies as module
from energylib.analogies import (
    ANALOGY_INPUTS,
    AVOGADRO,
    KCAL,
    LANE_MILE,
    AnalogyLedger,
    G,
    ai_ledger,
    analogy_ledger,
    biomass_synthesis_energy,
    fixed_analogies,
    gravitational_binding_energy,
    highway_construction_energy,
    highway_ledger,
    highway_traffic_energy,
    human_ledger,
    lifetime_metabolic_energy,
    orders_of_magnitude,
    power_law_sphere_coefficient,
    stellar_ledger,
)
from energylib.lifecycle import model_ledger
from energylib.symbolic.analogies import (
    SYMBOLS,
    binding_coefficient_expr,
    enclosed_mass_expr,
    lambdified_binding_coefficient,
    self_gravity_energy_expr,
    uniform_sphere_energy,
)
from energylib.units import DAY, GWH, WH, YEAR

# function -> (valid keyword arguments, {parameter: [out-of-range values]})
BAD_INPUT_CASES: dict = {
    fixed_analogies: (dict(), {}),
    orders_of_magnitude: (
        dict(use=1e6, creation=1e3),
        {"use": [0, -1, math.inf], "creation": [0, -1, math.inf]},
    ),
    analogy_ledger: (
        dict(creation=1.0, use=3.0),
        {"creation": [0, -1, math.inf], "use": [0, -1, math.inf]},
    ),
    highway_construction_energy: (
        dict(lanes=4, length=1000.0, energy_per_lane_length=3e9),
        {"lanes": [0, -1, math.inf], "length": [0, -1, math.inf],
         "energy_per_lane_length": [0, -1, math.inf]},
    ),
    highway_traffic_energy: (
        dict(vehicles_per_second=0.5, length=1000.0, energy_per_vehicle_length=3000.0,
             life=YEAR),
        {"vehicles_per_second": [-1, math.inf], "length": [0, -1, math.inf],
         "energy_per_vehicle_length": [0, -1, math.inf], "life": [-1, math.inf]},
    ),
    highway_ledger: (
        dict(vehicles_per_day=50_000, lanes=4, life_years=40.0,
             construction_per_lane_mile=5e12, energy_per_vehicle_km=3e6, length=1000.0),
        {"vehicles_per_day": [0, -1, math.inf], "lanes": [0, -2, math.inf],
         "life_years": [0, -1, math.inf], "construction_per_lane_mile": [0, -1, math.inf],
         "energy_per_vehicle_km": [0, -1, math.inf], "length": [0, -1, math.inf]},
    ),
    lifetime_metabolic_energy: (
        dict(metabolic_power=97.0, life=80 * YEAR),
        {"metabolic_power": [-1, math.inf], "life": [-1, math.inf]},
    ),
    biomass_synthesis_energy: (
        dict(dry_mass=0.3e-15, atp_yield=28.8e-3, atp_free_energy=50e3),
        {"dry_mass": [-1, math.inf], "atp_yield": [0, -1, math.inf],
         "atp_free_energy": [0, -1, math.inf]},
    ),
    human_ledger: (
        dict(creation=3.71e-7, daily_kcal=2000.0, life_years=80.0),
        {"creation": [0, -1, math.inf], "daily_kcal": [0, -1, math.inf],
         "life_years": [0, -1, math.inf]},
    ),
    power_law_sphere_coefficient: (
        dict(density_exponent=1.0),
        {"density_exponent": [-0.1, 2.5, 3.0, math.inf]},
    ),
    gravitational_binding_energy: (
        dict(mass=2e30, radius=7e8, coefficient=0.6),
        {"mass": [0, -1, math.inf], "radius": [0, -1, math.inf],
         "coefficient": [0, -1, math.inf]},
    ),
    stellar_ledger: (
        dict(luminosity=3.828e26, life=1e10 * YEAR, mass=2e30, radius=7e8, coefficient=0.6),
        {"luminosity": [0, -1, math.inf], "life": [0, -1, math.inf], "mass": [0, math.inf],
         "radius": [0, -1], "coefficient": [0, -1, math.inf]},
    ),
    ai_ledger: (
        dict(training_energy=20 * GWH, queries_per_day=1e9, energy_per_query=0.3 * WH,
             serving_life_years=1.0, growth_rate_per_year=0.4, efficiency_rate_per_year=0.3),
        {"training_energy": [0, -1, math.inf], "queries_per_day": [0, -1, math.inf],
         "energy_per_query": [0, -1, math.inf], "serving_life_years": [0, -1, math.inf],
         "growth_rate_per_year": [math.inf], "efficiency_rate_per_year": [-math.inf]},
    ),
}


# ----------------------------------------------------------------------------- bad input


def test_every_public_function_has_bad_input_cases():
    public = [getattr(module, n) for n in module.__all__]
    functions = {f for f in public if callable(f) and not isinstance(f, type)}
    assert functions == set(BAD_INPUT_CASES)


@pytest.mark.parametrize("func", list(BAD_INPUT_CASES), ids=lambda f: f.__name__)
def test_valid_call_is_finite(func):
    kwargs, _ = BAD_INPUT_CASES[func]
    result = func(**kwargs)
    if isinstance(result, AnalogyLedger):
        result = [result.creation, result.use, result.ratio, result.orders]
    if isinstance(result, dict):
        result = list(result.values())
    assert np.all(np.isfinite(np.asarray(result, dtype=float)))


def test_error_message_states_value_and_range():
    with pytest.raises(ValueError) as info:
        power_law_sphere_coefficient(2.7)
    message = str(info.value)
    assert "density_exponent" in message and "2.7" in message and "[0, 2.5)" in message


# ----------------------------------------------------------------------------- the Sun


def numeric_coefficient(a: float) -> float:
    """k(a) by quadrature of G m dm / r with G = M = R = 1, m(r) = r**(3 - a)."""
    value, _ = quad(lambda r: r ** (3 - a) * (3 - a) * r ** (2 - a) / r, 0.0, 1.0,
                    epsabs=0.0, epsrel=1e-13, limit=200)
    return value


@pytest.mark.parametrize("a", [0.0, 0.5, 1.0, 1.5, 2.0, 2.25, 2.4])
def test_power_law_coefficient_matches_numeric_integral(a):
    assert_allclose(power_law_sphere_coefficient(a), numeric_coefficient(a), rtol=1e-9)


def test_uniform_sphere_by_shells_matches_closed_form():
    # integrate G m(r) dm / r in SI for a uniform sun-like sphere
    M, R = 2e30, 7e8
    rho = M / (4 / 3 * math.pi * R**3)
    value, _ = quad(lambda r: G * (4 / 3 * math.pi * r**3 * rho) * 4 * math.pi * r**2 * rho / r,
                    0.0, R, epsabs=0.0, epsrel=1e-13)
    assert_allclose(gravitational_binding_energy(M, R), value, rtol=1e-9)


def test_sympy_matches_numpy():
    G_, M_, R_ = (SYMBOLS[k] for k in ("G", "M", "R"))
    assert sp.simplify(uniform_sphere_energy() + sp.Rational(3, 5) * G_ * M_**2 / R_) == 0
    assert sp.simplify(self_gravity_energy_expr(1) + sp.Rational(2, 3) * G_ * M_**2 / R_) == 0
    k = lambdified_binding_coefficient()
    a = np.linspace(0.0, 2.4, 13)
    assert_allclose(k(a), power_law_sphere_coefficient(a), rtol=1e-12)
    a_sym = SYMBOLS["a"]
    assert sp.simplify(binding_coefficient_expr() - (3 - a_sym) / (5 - 2 * a_sym)) == 0


def test_enclosed_mass_reaches_total_mass():
    r, R, M = SYMBOLS["r"], SYMBOLS["R"], SYMBOLS["M"]
    for a in (0, 1, 2):
        assert sp.simplify(enclosed_mass_expr(a).subs(r, R) - M) == 0


def test_coefficient_grows_towards_the_point_mass_limit():
    a = np.linspace(0.0, 2.49, 50)
    k = power_law_sphere_coefficient(a)
    assert np.all(np.diff(k) > 0) and k[0] == pytest.approx(0.6) and k[-1] > 20


def test_sun_ratio_is_a_few_hundred():
    a = {k: v.value for k, v in ANALOGY_INPUTS.items()}
    assert a["solar mass"] == pytest.approx(1.9884e30, rel=1e-4)
    sun = stellar_ledger(a["solar luminosity"], a["solar life"], a["solar mass"],
                         a["solar radius"], coefficient=1.0)
    assert sun.creation == pytest.approx(3.79e41, rel=2e-3)
    assert sun.use == pytest.approx(3.828e26 * 1e10 * 365.25 * 86400)
    assert 300 < sun.ratio < 330
    for k in (0.6, 1.5):
        s = stellar_ledger(a["solar luminosity"], a["solar life"], a["solar mass"],
                           a["solar radius"], coefficient=k)
        assert 2.3 < s.orders < 2.75
    default = stellar_ledger(a["solar luminosity"], a["solar life"], a["solar mass"],
                             a["solar radius"])
    assert default.creation == pytest.approx(1.5 * sun.creation)


# ----------------------------------------------------------------------------- human, road, AI


def test_lifetime_metabolism_hand_value():
    # 2,000 kcal/day for 80 Julian years
    expected = 2000 * 4184 * 80 * 365.25
    assert_allclose(lifetime_metabolic_energy(2000 * KCAL / DAY, 80 * YEAR), expected,
                    rtol=1e-12)
    assert 96 < 2000 * KCAL / DAY < 97


def test_biomass_energy_hand_value_and_atp_count():
    e = biomass_synthesis_energy(0.3e-15)
    assert_allclose(e, 0.3e-15 / 28.8e-3 * 50e3, rtol=1e-12)
    # ATP route above the thermodynamic minimum, within an order of magnitude
    minimum = ANALOGY_INPUTS["E. coli minimum"].value
    assert 1 < e / minimum < 10
    assert 5e9 < 0.3e-15 / 28.8e-3 * AVOGADRO < 8e9


def test_human_ledgers():
    cell = human_ledger(ANALOGY_INPUTS["mammalian cell minimum"].value)
    pregnancy = human_ledger(ANALOGY_INPUTS["pregnancy energy"].value)
    assert 17 < cell.orders < 19
    assert 2.5 < pregnancy.orders < 3.2


def test_highway_construction_uses_muench_range():
    lo = ANALOGY_INPUTS["road construction low"].value
    hi = ANALOGY_INPUTS["road construction high"].value
    assert_allclose(highway_construction_energy(1, LANE_MILE, lo), 3e12)
    assert_allclose(highway_construction_energy(1, LANE_MILE, hi), 7e12)


def test_highway_ledger_hand_value():
    road = highway_ledger(50_000, 4, 40.0)
    creation = 4 * 1000 * 5e12 / 1609.344
    use = 50_000 * 1.0 * 3e6 * 365.25 * 40
    assert_allclose([road.creation, road.use], [creation, use], rtol=1e-12)
    assert road.ratio == pytest.approx(use / creation)
    assert road.orders == pytest.approx(math.log10(use / creation))
    assert road.use_share == pytest.approx(use / (use + creation))


def test_highway_ratio_independent_of_length():
    a = highway_ledger(1000, 2, 30, length=1.0)
    b = highway_ledger(1000, 2, 30, length=1e5)
    assert a.ratio == pytest.approx(b.ratio, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.floats(1.0, 1e6), st.floats(1.01, 10.0), st.floats(1.0, 100.0))
def test_highway_ratio_is_proportional_to_traffic(vpd, factor, years):
    a = highway_ledger(vpd, 4, years)
    b = highway_ledger(vpd * factor, 4, years)
    assert b.ratio == pytest.approx(a.ratio * factor, rel=1e-9)
    assert b.orders > a.orders


@settings(max_examples=60, deadline=None)
@given(st.floats(1e2, 1e10), st.floats(0.01, 30.0), st.floats(0.1, 10.0))
def test_ai_ledger_matches_model_ledger(qpd, wh, years):
    e_train = 20 * GWH
    ours = ai_ledger(e_train, qpd, wh * WH, years)
    theirs = model_ledger(e_train, years * YEAR, qpd / DAY, wh * WH, 0.0, 0.0)
    assert ours.ratio == pytest.approx(theirs.ratio, rel=1e-12)
    assert ours.use == pytest.approx(qpd * wh * WH * 365.25 * years, rel=1e-12)
    assert 0 < ours.use_share < 1


def test_ai_ledger_with_rates():
    ours = ai_ledger(20 * GWH, 1e8, WH, 2.0, 0.4, 0.3)
    theirs = model_ledger(20 * GWH, 2 * YEAR, 1e8 / DAY, WH, 0.4 / YEAR, 0.3 / YEAR)
    assert ours.use == pytest.approx(theirs.inference_energy, rel=1e-12)


def test_orders_of_magnitude_vectorized():
    assert_allclose(orders_of_magnitude(np.array([10.0, 1.0]), np.array([1.0, 100.0])),
                    [1.0, -2.0])


def test_every_input_has_a_source_and_positive_value():
    for name, entry in ANALOGY_INPUTS.items():
        assert entry.value > 0 and math.isfinite(entry.value), name
        assert entry.source and entry.unit and entry.note, name
