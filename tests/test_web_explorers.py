"""Kernel-free explorers: the page's JavaScript gives energylib's numbers.

Every explorer is declared once (energylib/explorers/web.py); the website runs
the JavaScript SymPy writes from the declaration.  Here Node runs the page's own
runtime (_ext/site/vendor/explorer/explorer.js) at the defaults, at every
slider's minimum and maximum, at every option of every choice, at all-minimum
and all-maximum, and at random slider positions, and each number is compared
with the explorer's ``reference`` (energylib's model functions) at the same values.
The browser test (test_browser.py) does the same through the page's sliders.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy as sp
from explorer_references import reference

from energylib.explorers import EXPLORERS
from energylib.explorers.render import compile_numpy
from energylib.explorers.web import (
    Choice,
    Curve,
    Output,
    Plot,
    Slider,
    WebExplorer,
    format_output,
    js_code,
)

ROOT = Path(__file__).resolve().parents[1]
NODE_SCRIPT = ROOT / "tests" / "evaluate_explorers.js"


def slider_positions(param: Slider, k: int) -> float:
    """The value of ``param`` at lattice position ``k`` (as the page computes it)."""
    position = param.min + k * param.step
    value = param.base**position if param.log else position
    return float(round(value)) if param.integer else value


def cases_for(spec: WebExplorer, n_random: int = 6, seed: int = 1) -> list[dict]:
    """Control values to check: defaults, each extreme, each option, random points."""
    cases: list[dict] = [{}]
    lows, highs = {}, {}
    for p in spec.params:
        if isinstance(p, Slider):
            lo, hi = p.extremes
            if p.integer:
                lo, hi = float(round(lo)), float(round(hi))
            cases += [{p.name: lo}, {p.name: hi}]
            lows[p.name], highs[p.name] = lo, hi
        else:
            cases += [{p.name: option} for option in p.options if option != p.value]
    cases += [lows, highs]
    rng = random.Random(seed)
    for _ in range(n_random):
        case = {}
        for p in spec.params:
            if isinstance(p, Slider):
                steps = int(round((p.max - p.min) / p.step))
                case[p.name] = slider_positions(p, rng.randint(0, steps))
            else:
                case[p.name] = rng.choice(p.options)
        cases.append(case)
    return cases


def run_node(jobs: list[dict]) -> list[list[dict]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (scripts/setup.sh installs it with npm)")
    done = subprocess.run([node, str(NODE_SCRIPT)], input=json.dumps(jobs), text=True,
                          capture_output=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def as_float(value: float | str) -> float:
    return float(value)


def assert_same(name: str, page: float, python: float, rtol: float, where: str) -> None:
    if math.isinf(python) or math.isinf(page):
        assert page == python, f"{where}: {name} page {page!r} != Python {python!r}"
        return
    assert not math.isnan(page), f"{where}: {name} is NaN on the page"
    assert math.isclose(page, python, rel_tol=rtol, abs_tol=1e-300), (
        f"{where}: {name} page {page!r} != Python {python!r} (rtol {rtol})"
    )


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_page_numbers_match_python(name: str) -> None:
    spec = EXPLORERS[name].declaration()
    cases = cases_for(spec)
    (results,) = run_node([{"spec": json.loads(spec.to_json()), "cases": cases}])
    checked = [o for o in spec.outputs if o.check]
    assert checked, f"{name}: no output is checked against Python"
    for case, result in zip(cases, results, strict=True):
        values = {p.name: result["values"][p.name] for p in spec.params}
        python = reference(name, values, **spec.python["kwargs"])
        for output in checked:
            assert output.name in python, f"{name}: reference has no output {output.name!r}"
            assert_same(output.name, as_float(result["out"][output.name]),
                        float(python[output.name]), output.rtol, f"{name} at {case}")
        for output in spec.outputs:
            shown = result["shown"][output.name]
            assert shown and "NaN" not in shown and "undefined" not in shown, (name, shown)
            # The notebook's headline writes the same number the same way.
            assert format_output(output, as_float(result["out"][output.name])) == shown, (
                name, output.name, case)


def test_js_code_prints_piecewise_and_infinity() -> None:
    x = sp.Symbol("x", real=True)
    code = js_code(sp.Piecewise((sp.oo, x < 0), (x / 2, True)))
    assert code == "((x < 0) ? ( Infinity ) : ( (1/2)*x ))"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Slider("a b", "a", 0, 1, 0.1, 0.5), "JavaScript identifier"),
        (lambda: Slider("a", "a", 1, 0, 0.1, 0.5), "min < max"),
        (lambda: Slider("a", "a", 0, 1, 0.1, 2.0), "outside its range"),
        (lambda: Slider("a", "a", 0, 1, 0.1, float("nan")), "must be finite"),
        (lambda: Slider("a", "a", 0, 1, 0.1, 0.0, log=True), "log slider needs value > 0"),
        (lambda: Choice("c", "c", ("x", "y"), "z", {"x": {"a": 1}, "y": {"a": 2}}), "not in"),
        (lambda: Choice("c", "c", ("x", "y"), "x", {"x": {"a": 1}, "y": {"b": 2}}),
         "different symbols"),
        (lambda: Output("o", "o", 1, fmt="fancy"), "fmt"),
        (lambda: Output("o", "o", 1, fmt="text"), "texts"),
        (lambda: Plot("x", "y", (1, 0), (0, 1)), "increasing"),
        (lambda: Plot("x", "y", (0, 1), (0, 1), y_log=True), "> 0 if log"),
        (lambda: Plot("x", "y", (0, 1), (0, 1), curves=(Curve("c", 1, "red"),)), "x symbol"),
        (lambda: WebExplorer("e", "e", (Slider("a", "a", 0, 1, 0.1, 0.5),), (),
                             constants={"a": 1.0}), "used twice"),
        (lambda: WebExplorer("e", "e", (), (), constants={"c": float("inf")}), "finite"),
    ],
)
def test_bad_declarations_are_refused(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_samples_and_statistics_match_numpy() -> None:
    """Samples/Statistic (Monte Carlo on the page): numpy's quantiles, mean and histogram."""
    import numpy as np

    from energylib.explorers.web import Samples, Statistic

    rng = np.random.default_rng(3)
    n = 1001  # odd, and above numpy's pairwise block of 128
    z, u = rng.standard_normal(n), rng.random(n)
    a, j = sp.Symbol("a", real=True), sp.Symbol("j", integer=True)
    x = Samples("x", a * sp.IndexedBase("z", shape=(n,))[j], n)
    uj = sp.IndexedBase("u", shape=(n,))[j]
    y = Samples("y", sp.Piecewise((sp.oo, uj < 0.1), (a * uj, True)), n)  # 10 % infinite
    qs = (0.0, 0.05, 0.25, 0.5, 0.9, 0.95, 1.0)
    edges = tuple(float(e) for e in np.linspace(-2.0, 2.0, 9))
    stats: list[Samples | Statistic] = [x, y]
    for k, q in enumerate(qs):
        stats += [Statistic(f"lin{k}", "x", "quantile", q=q),
                  Statistic(f"inv{k}", "x", "quantile", q=q, method="inverted_cdf"),
                  Statistic(f"yinv{k}", "y", "quantile", q=q, method="inverted_cdf"),
                  Statistic(f"ylin{k}", "y", "quantile", q=q)]
    hist = Statistic("hist", "x", "histogram", edges=edges, share=True)
    stats += [Statistic("mean_x", "x", "mean"), Statistic("mean_y", "y", "mean"), hist]
    names = [s.name for s in stats if isinstance(s, Statistic) and s.kind != "histogram"]
    outputs = [Output(name, name, sp.Symbol(name), check=False) for name in names]
    outputs += [Output(f"h{k}", f"h{k}", hist[k], check=False) for k in range(len(edges) - 1)]
    spec = WebExplorer("stats", "stats", (Slider("a", "a", 0.5, 2.0, 0.1, 1.0),),
                       tuple(outputs), tables={"z": z.tolist(), "u": u.tolist()},
                       samples=tuple(stats))
    cases = [{"a": 0.5}, {"a": 1.3}, {"a": 2.0}]
    (results,) = run_node([{"spec": json.loads(spec.to_json()), "cases": cases}])
    for case, result in zip(cases, results, strict=True):
        xs = case["a"] * z
        ys = np.where(u < 0.1, np.inf, case["a"] * u)
        with np.errstate(invalid="ignore"):
            expected = {"mean_x": np.mean(xs), "mean_y": np.mean(ys)}
            for k, q in enumerate(qs):
                expected[f"lin{k}"] = np.quantile(xs, q)
                expected[f"inv{k}"] = np.quantile(xs, q, method="inverted_cdf")
                expected[f"yinv{k}"] = np.quantile(ys, q, method="inverted_cdf")
                expected[f"ylin{k}"] = np.quantile(ys, q)
        counts, _ = np.histogram(xs, bins=np.array(edges))
        expected |= {f"h{k}": c / n for k, c in enumerate(counts)}
        rendered = compile_numpy(spec)(case)["out"]  # the Python renderer's numbers
        for name, value in expected.items():
            page, python = float(result["out"][name]), float(value)
            assert page == python or (math.isnan(page) and math.isnan(python)), (
                f"{name} at {case}: page {page!r} != numpy {python!r}")
            assert rendered[name] == python or (math.isnan(rendered[name])
                                                and math.isnan(python)), name


def _statistic(*args, **kwargs):
    from energylib.explorers.web import Statistic

    return Statistic(*args, **kwargs)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: _statistic("s", "x", "median"), "kind"),
        (lambda: _statistic("s", "x", "quantile", q=1.5), "q <= 1"),
        (lambda: _statistic("s", "x", "histogram", edges=(1.0, 0.0)), "increasing edges"),
        (lambda: WebExplorer("e", "e", (), (), samples=(_statistic("s", "x", "mean"),)),
         "declared before"),
        (lambda: WebExplorer("e", "e", (Choice("c", "c", ("x",), "x", {"x": {"b": 1}},
                                               presets={"x": {"a": 1.0}}),), ()),
         "not sliders"),
    ],
)
def test_bad_statistics_are_refused(make, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("elasticity", [0.0, 0.5, 1.0, 1.5, 2.5])
@pytest.mark.parametrize("discount", [0.0, 0.05, 0.3])
def test_phase_diagram_bands_match_phase_code(elasticity: float, discount: float) -> None:
    """The page's shaded regions put every (g, r) where energylib's phase_code does."""
    import numpy as np

    from energylib.rebound import phase_code

    spec = EXPLORERS["argument"].declaration()
    (plot,) = spec.plots
    assert len(plot.bands) == 3
    case = {"elasticity": elasticity, "discount": discount}
    ((result,),) = run_node([{"spec": json.loads(spec.to_json()), "cases": [case],
                              "curves": True}])
    xs, *edges = result["curves"][0]
    per_band = [(edges[2 * b], edges[2 * b + 1]) for b in range(3)]
    checked = 0
    for i, g in enumerate(xs):
        for r in np.linspace(0.0, 1.0, 41):
            inside = [b for b, (upper, lower) in enumerate(per_band)
                      if upper[i] is not None and lower[i] is not None
                      and lower[i] + 1e-9 < r < upper[i] - 1e-9]
            on_an_edge = any(u[i] is not None and min(abs(r - u[i]), abs(r - lo[i])) <= 1e-9
                             for u, lo in per_band)
            if on_an_edge:
                continue
            expected = int(phase_code(g, r, elasticity, discount))
            assert inside == [expected], (g, r, inside, expected)
            checked += 1
    assert checked > 1000
