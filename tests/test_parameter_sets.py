"""User-constructible parameter sets validate their fields on construction.

``AnalogyInput``, ``TokenEnergy``, ``EmpiricalFigure`` and the Monte Carlo ``Deployment``
reject NaN, infinities, wrong types and out-of-range values as the functions do, with a
message naming the class and the field.  Every published instance still constructs.
"""

from __future__ import annotations

import math
import re

import pytest

from energylib.agents import ENERGY_PER_TOKEN, TokenEnergy
from energylib.analogies import ANALOGY_INPUTS, AnalogyInput
from energylib.inference import EMPIRICAL_ENERGY_PER_QUERY, EmpiricalFigure
from energylib.montecarlo import DEPLOYMENTS, Deployment, LogUniform, Uniform

BAD_POSITIVE = [
    (math.nan, ValueError), (math.inf, ValueError), (-math.inf, ValueError),
    (-1.0, ValueError), (0.0, ValueError), ("1.0", TypeError), (None, TypeError),
    (True, TypeError), ([1.0, 2.0], TypeError),
]


@pytest.mark.parametrize("value, error", BAD_POSITIVE)
def test_analogy_input_rejects_bad_value(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=re.escape("AnalogyInput.value")):
        AnalogyInput(value, "J", "assumption", "a note")  # type: ignore[arg-type]


@pytest.mark.parametrize("field, bad, error", [
    ("unit", "", ValueError), ("unit", 3, TypeError), ("source", "  ", ValueError),
    ("source", None, TypeError), ("note", 1.0, TypeError),
])
def test_analogy_input_rejects_bad_text(field: str, bad: object,
                                        error: type[Exception]) -> None:
    fields = {"value": 1.0, "unit": "J", "source": "assumption", "note": "n"}
    fields[field] = bad
    with pytest.raises(error, match=re.escape(f"AnalogyInput.{field}")):
        AnalogyInput(**fields)  # type: ignore[arg-type]


def test_analogy_input_keeps_a_good_value_as_float() -> None:
    entry = AnalogyInput(3, "J", "assumption", "three joules")
    assert entry.value == 3.0 and isinstance(entry.value, float)


def test_published_inputs_construct_and_cite_the_bibliography() -> None:
    from booktools import ROOT

    keys = set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(), re.M))
    assert ANALOGY_INPUTS and ENERGY_PER_TOKEN and EMPIRICAL_ENERGY_PER_QUERY
    for name, entry in ANALOGY_INPUTS.items():
        assert entry.source == "assumption" or entry.source in keys, name
    for entry in [*ENERGY_PER_TOKEN.values(), *EMPIRICAL_ENERGY_PER_QUERY.values()]:
        assert entry.source in keys


@pytest.mark.parametrize("value, error", BAD_POSITIVE)
def test_token_energy_and_empirical_figure_reject_bad_energy(
        value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=re.escape("TokenEnergy.energy")):
        TokenEnergy(value, "samsi2023words", "GPU only", "n")  # type: ignore[arg-type]
    with pytest.raises(error, match=re.escape("EmpiricalFigure.energy")):
        EmpiricalFigure(value, "altman2025gentle", "n")  # type: ignore[arg-type]


def test_token_energy_and_empirical_figure_reject_bad_text() -> None:
    with pytest.raises(TypeError, match=re.escape("TokenEnergy.scope")):
        TokenEnergy(0.1, "samsi2023words", "", "n")
    with pytest.raises(TypeError, match=re.escape("EmpiricalFigure.source")):
        EmpiricalFigure(0.1, 7, "n")  # type: ignore[arg-type]


def test_deployment_rejects_a_number_where_a_distribution_belongs() -> None:
    fixed = Uniform(0.0, 0.0)
    good = dict(name="d", training_energy=LogUniform(1.0, 2.0),
                queries_per_second=LogUniform(1.0, 2.0), energy_per_query=LogUniform(1.0, 2.0),
                growth_rate=fixed, efficiency_rate=fixed, assumptions="none")
    assert Deployment(**good).name == "d"  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=re.escape("Deployment.energy_per_query")):
        Deployment(**{**good, "energy_per_query": 0.3})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=re.escape("Deployment.name")):
        Deployment(**{**good, "name": None})  # type: ignore[arg-type]
    assert DEPLOYMENTS
