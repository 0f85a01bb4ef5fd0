"""One declaration per explorer, two renderings: a kernel and a static page.

An explorer is declared once, as a :class:`WebExplorer`: its controls
(:class:`Slider`, :class:`Choice`), its model as SymPy expressions in SI units
(named intermediate ``definitions``, then :class:`Output` values and
:class:`Plot` curves), and how to show them.  The same declaration renders

* in a running kernel, through the explorer classes of this package: their
  ipywidgets sliders are made by :meth:`Slider.widget` / :meth:`Choice.widget`
  from the declaration, and their numbers come from energylib's functions;
* on the built website, with no kernel, as HTML (:meth:`WebExplorer.to_html`):
  the page's small runtime (``_ext/site/explorer/explorer.js``) builds the
  controls, runs the JavaScript that SymPy's code printer wrote from the same
  expressions, and draws with uPlot (vendored from npm).

The tests evaluate the JavaScript (in Node and in Chromium) at every slider's
extremes and compare it with energylib's Python values.

Examples
--------
>>> import sympy as sp
>>> x = sp.Symbol("x", real=True)
>>> spec = WebExplorer(
...     id="square",
...     title="A square",
...     params=(Slider("a", "side a [m]", 0.0, 2.0, 0.5, 1.0),),
...     outputs=(Output("area", "area", sp.Symbol("a", real=True) ** 2, unit="m²"),),
... )
>>> print(spec.compute_js().strip().splitlines()[-3])
out["area"] = Math.pow(a, 2);
>>> '"id": "square"' in spec.to_html()
True
"""

from __future__ import annotations

import functools
import html
import inspect
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ParamSpec

import ipywidgets as widgets
import sympy as sp
from sympy.printing.jscode import JavascriptCodePrinter

from ..validation import check_scalar

__all__ = [
    "Slider",
    "Choice",
    "Output",
    "Curve",
    "VLine",
    "HLine",
    "Marker",
    "Label",
    "Bar",
    "Band",
    "Plot",
    "WebExplorer",
    "Samples",
    "Statistic",
    "js_code",
    "explorer_mimebundle",
    "py_format",
    "nice_number",
    "format_output",
    "format_duration",
    "rebuilt_as",
]

P = ParamSpec("P")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_RESERVED = {"p", "out", "xs", "ys", "i", "n", "Math", "Number", "NaN", "Infinity",
             "curves", "vlines", "markers", "bars", "wx_stats"}
_FORMATS = {"g2", "g3", "g4", "int", "percent", "duration", "text", "times", "year"}


def _check_name(kind: str, name: str) -> str:
    if not isinstance(name, str) or not _IDENTIFIER.match(name) or name in _RESERVED:
        raise ValueError(
            f"{kind} name {name!r} must be a JavaScript identifier (letters, digits, _), "
            f"not one of {sorted(_RESERVED)}"
        )
    return name


class _Printer(JavascriptCodePrinter):
    """SymPy's JavaScript printer, with ``expm1``, ``log1p`` and exact infinities."""

    def __init__(self) -> None:
        super().__init__({"user_functions": {"expm1": "Math.expm1", "log1p": "Math.log1p",
                                             "log10": "Math.log10"}})

    def _print_Infinity(self, expr: Any) -> str:
        return "Infinity"

    def _print_NegativeInfinity(self, expr: Any) -> str:
        return "-Infinity"

    def _print_NaN(self, expr: Any) -> str:
        return "NaN"

    def _print_BooleanTrue(self, expr: Any) -> str:
        return "true"

    def _print_BooleanFalse(self, expr: Any) -> str:
        return "false"

    def _print_Float(self, expr: Any) -> str:
        # Full double precision: the page must match Python to 1e-9.
        return repr(float(expr))


def js_code(expr: sp.Basic | float) -> str:
    """JavaScript for a SymPy expression (``Piecewise`` becomes ``? :``).

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> from sympy.codegen.cfunctions import expm1
    >>> js_code(sp.Piecewise((expm1(x) / x, sp.Ne(x, 0)), (1, True)))
    '((x != 0) ? ( Math.expm1(x)/x ) : ( 1 ))'
    >>> js_code(sp.oo)
    'Infinity'
    """
    # The printer spreads Piecewise over several indented lines: one line is enough.
    return re.sub(r"\s*\n\s*", " ", str(_Printer().doprint(sp.sympify(expr))))


def _finite(name: str, value: float) -> float:
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


@dataclass(frozen=True)
class Slider:
    """A numeric control.

    ``min``, ``max`` and ``step`` are in the slider's own units, or, when
    ``log`` is true, exponents of them in ``base`` (10 unless given; like
    ``FloatLogSlider``); ``value`` is always the value itself.  The model sees the symbol ``name``
    holding ``value * to_si`` (SI units).
    """

    name: str
    label: str
    min: float
    max: float
    step: float
    value: float
    log: bool = False
    readout: str = ".3g"
    to_si: float = 1.0
    integer: bool = False
    base: float = 10.0  # of a log slider's exponents

    def __post_init__(self) -> None:
        _check_name("slider", self.name)
        for attr in ("min", "max", "step", "value", "to_si", "base"):
            _finite(f"slider {self.name!r} {attr}", getattr(self, attr))
        if not self.min < self.max or self.step <= 0:
            raise ValueError(f"slider {self.name!r}: need min < max and step > 0")
        if self.log and self.base <= 1:
            raise ValueError(f"slider {self.name!r}: a log slider needs base > 1")
        exponent = (math.log(self.value, self.base) if self.log and self.value > 0
                    else self.value)
        if self.log and self.value <= 0:
            raise ValueError(f"slider {self.name!r}: a log slider needs value > 0")
        if not self.min - 1e-12 <= exponent <= self.max + 1e-12:
            raise ValueError(f"slider {self.name!r}: value {self.value} outside its range")

    @property
    def extremes(self) -> tuple[float, float]:
        """The smallest and largest value the slider can take [slider units]."""
        if self.log:
            return self.base**self.min, self.base**self.max
        return self.min, self.max

    def widget(self, **common: Any) -> widgets.ValueWidget:
        """The ipywidgets slider for this declaration (``common``: e.g. style, layout)."""
        kwargs: dict[str, Any] = {"description": self.label, "value": self.value, **common}
        if self.integer:
            return widgets.IntSlider(min=int(self.min), max=int(self.max), step=int(self.step),
                                     **kwargs)
        if self.log:
            return widgets.FloatLogSlider(base=self.base, min=self.min, max=self.max,
                                          step=self.step,
                                          readout_format=self.readout, **kwargs)
        return widgets.FloatSlider(min=self.min, max=self.max, step=self.step,
                                   readout_format=self.readout, **kwargs)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "slider", "name": self.name, "label": self.label, "min": self.min,
                "max": self.max, "step": self.step, "value": self.value, "log": self.log,
                "readout": self.readout, "to_si": self.to_si, "integer": self.integer,
                "base": self.base}


@dataclass(frozen=True)
class Choice:
    """A control with named options (toggle buttons, drop-down or check box).

    ``values[option]`` gives, for each option, the numbers the model's symbols
    take when that option is chosen (SI units); every option names the same
    symbols.  ``options`` may be strings or, for a check box, ``(False, True)``.
    ``presets[option]`` (optional) moves sliders, by name and in their own
    units, when a reader picks ``option`` on the page (as the Python explorer
    does when its own control changes).
    """

    name: str
    label: str
    options: tuple[Any, ...]
    value: Any
    values: Mapping[Any, Mapping[str, float]]
    widget_kind: str = "toggle"  # "toggle", "dropdown" or "checkbox"
    option_labels: Mapping[Any, str] = field(default_factory=dict)
    presets: Mapping[Any, Mapping[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_name("choice", self.name)
        for option, preset in self.presets.items():
            if option not in self.options:
                raise ValueError(f"choice {self.name!r}: preset for unknown option {option!r}")
            for key, v in preset.items():
                _finite(f"choice {self.name!r} preset {option!r} {_check_name('slider', key)}", v)
        if self.value not in self.options:
            raise ValueError(f"choice {self.name!r}: value {self.value!r} not in {self.options}")
        if self.widget_kind not in {"toggle", "dropdown", "checkbox"}:
            raise ValueError(f"choice {self.name!r}: unknown widget_kind {self.widget_kind!r}")
        names = None
        for option in self.options:
            if option not in self.values:
                raise ValueError(f"choice {self.name!r}: no values for option {option!r}")
            keys = set(self.values[option])
            for key in keys:
                _check_name("choice symbol", key)
                _finite(f"choice {self.name!r} {option!r} {key}", self.values[option][key])
            if names is not None and keys != names:
                raise ValueError(f"choice {self.name!r}: options name different symbols")
            names = keys

    @property
    def symbols(self) -> tuple[str, ...]:
        return tuple(sorted(self.values[self.options[0]]))

    def widget(self, **common: Any) -> widgets.ValueWidget:
        """The ipywidgets control for this declaration (``common``: e.g. style, layout)."""
        kwargs: dict[str, Any] = {"description": self.label, "value": self.value, **common}
        if self.widget_kind == "checkbox":
            return widgets.Checkbox(**kwargs)
        options = [(self.option_labels.get(o, str(o)), o) for o in self.options]
        if self.widget_kind == "dropdown":
            return widgets.Dropdown(options=options, **kwargs)
        return widgets.ToggleButtons(options=options, **kwargs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "choice", "name": self.name, "label": self.label,
            "widget": self.widget_kind,
            "options": [json.dumps(o) for o in self.options],
            "option_labels": [self.option_labels.get(o, str(o)) for o in self.options],
            "value": json.dumps(self.value),
            "values": [{k: float(v) for k, v in self.values[o].items()} for o in self.options],
            "presets": [{k: float(v) for k, v in self.presets.get(o, {}).items()}
                        for o in self.options],
        }


@dataclass(frozen=True)
class Output:
    """A headline number: ``expr`` in SI units, shown as ``expr / scale`` in ``unit``.

    ``name`` is the key of the same number in the Python explorer's
    ``outputs``; the tests compare the two within ``rtol``.  ``fmt`` is one of
    ``g2``, ``g3``, ``g4`` (significant figures), ``int``, ``percent``,
    ``times`` (``×``), ``year`` (a calendar year: rounded, no thousands
    separator), ``duration`` (seconds in days, months or years) or
    ``text`` (``expr`` is an index into ``texts``).  ``check=False`` shows a
    number that has no counterpart in ``outputs``.
    """

    name: str
    label: str
    expr: sp.Basic | float
    unit: str = ""
    scale: float = 1.0
    fmt: str = "g3"
    texts: tuple[str, ...] = ()
    rtol: float = 1e-9
    check: bool = True

    def __post_init__(self) -> None:
        _check_name("output", self.name)
        if self.fmt not in _FORMATS:
            raise ValueError(f"output {self.name!r}: fmt {self.fmt!r} not in {sorted(_FORMATS)}")
        if (self.fmt == "text") != bool(self.texts):
            raise ValueError(f"output {self.name!r}: texts go with fmt='text' only")


@dataclass(frozen=True)
class Curve:
    """A line ``y = expr`` over the plot's x variable [axis units]; NaN leaves a gap."""

    label: str
    expr: sp.Basic | float
    color: str
    dash: bool = False
    width: float = 2.0
    alpha: float = 1.0
    steps: bool = False  # draw as a histogram outline (step after each point)
    legend: bool = True
    fill: bool = False  # fill down to the axis floor, in ``color`` at ``alpha``


@dataclass(frozen=True)
class VLine:
    """A vertical line at ``x = expr`` [x-axis units]; hidden when not finite."""

    label: str
    expr: sp.Basic | float
    color: str = "grey"
    dash: bool = True


@dataclass(frozen=True)
class HLine:
    """A fixed horizontal reference line at ``y`` [y-axis units], on any plot."""

    label: str
    y: float
    color: str = "grey"
    dash: bool = True


@dataclass(frozen=True)
class Marker:
    """A dot at ``(x, y)`` [axis units]; hidden when either is not finite."""

    label: str
    x: sp.Basic | float
    y: sp.Basic | float
    color: str = "black"


@dataclass(frozen=True)
class Label:
    """Fixed text at ``(x, y)`` [axis units]."""

    text: str
    x: float
    y: float
    color: str = "grey"


@dataclass(frozen=True)
class Bar:
    """A bar of height ``expr`` [y-axis units] above the axis floor, at a category.

    With the plot's ``bar_base`` the bar rises or falls from that value
    instead, in ``negative_color`` (if given) when ``expr`` is below it.
    """

    label: str
    expr: sp.Basic | float
    color: str
    negative_color: str = ""


@dataclass(frozen=True)
class Band:
    """A filled region between ``lower`` and ``upper`` over the x variable [axis units].

    Drawn under the curves; NaN (or ``upper == lower``) leaves no fill there.
    """

    label: str
    upper: sp.Basic | float
    lower: sp.Basic | float
    color: str


@dataclass(frozen=True)
class Plot:
    """One chart: curves over ``x`` (a symbol, in x-axis units), or bars.

    With ``bars`` the chart shows one bar per category and ``x`` is unused.
    """

    x_label: str
    y_label: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    x: sp.Symbol | None = None
    x_log: bool = False
    y_log: bool = False
    curves: tuple[Curve, ...] = ()
    bands: tuple[Band, ...] = ()
    vlines: tuple[VLine, ...] = ()
    hlines: tuple[HLine, ...] = ()
    markers: tuple[Marker, ...] = ()
    labels: tuple[Label, ...] = ()
    bars: tuple[Bar, ...] = ()
    points: int = 301
    height: int = 300
    bar_base: float | None = None  # bars start here (a solid line), not at the floor

    def __post_init__(self) -> None:
        if self.bars and self.curves:
            raise ValueError("a plot has curves or bars, not both")
        if self.bands and self.bars:
            raise ValueError("a plot has bands over curves, not over bars")
        if (self.curves or self.bands) and self.x is None:
            raise ValueError("a plot with curves needs its x symbol")
        for name, (lo, hi), log in (("x_range", self.x_range, self.x_log),
                                    ("y_range", self.y_range, self.y_log)):
            if not lo < hi or (log and lo <= 0):
                raise ValueError(f"plot {name} {lo, hi} must be increasing (and > 0 if log)")


_STATISTICS = ("quantile", "mean", "histogram")
_QUANTILE_METHODS = ("linear", "inverted_cdf")


@dataclass(frozen=True)
class Samples:
    """An array of ``size`` per-sample values, e.g. one per Monte Carlo draw.

    ``expr`` is evaluated at every index ``index`` = 0 .. ``size`` - 1 (the
    symbol ``sp.Symbol(index, integer=True)``).  It may use the model's
    symbols and, at that index, fixed ``tables`` and earlier arrays:
    ``sp.IndexedBase(table, shape=(size,))[j]``, or ``samples[j]`` for a
    :class:`Samples` ``samples``.  So random draws made once in Python (a
    fixed seed) ship as ``tables`` and the page computes each draw's result
    from them; :class:`Statistic` summarizes the array.
    """

    name: str
    expr: sp.Basic | float
    size: int
    index: str = "j"

    def __post_init__(self) -> None:
        _check_name("samples", self.name)
        _check_name("samples index", self.index)
        if isinstance(self.size, bool) or not isinstance(self.size, int) or self.size < 1:
            raise ValueError(f"samples {self.name!r}: size must be an integer >= 1")

    def __getitem__(self, index: Any) -> sp.Indexed:
        return sp.IndexedBase(self.name, shape=(self.size,))[index]

    def js(self) -> str:
        j, n = self.index, self.size
        return (f"const {self.name} = new Float64Array({n}); for (let {j} = 0; {j} < {n}; "
                f"{j}++) {{ {self.name}[{j}] = {js_code(self.expr)}; }}")


@dataclass(frozen=True)
class Statistic:
    """A summary of a :class:`Samples` array, computed on the page as numpy does.

    ``kind`` is ``"quantile"`` (``np.quantile(samples, q, method=method)``,
    ``method`` numpy's default ``"linear"`` or ``"inverted_cdf"``),
    ``"mean"`` (``np.mean``, with numpy's pairwise summation) or
    ``"histogram"`` (``np.histogram(samples, bins=edges)[0]``: bins
    ``[e_k, e_k+1)``, the last one closed, values outside the edges and NaN
    left out; divided by the number of samples when ``share``).  A quantile
    or a mean is the symbol ``name``; a histogram is an array, ``stat[k]``.
    """

    name: str
    samples: str
    kind: str
    q: float = 0.5
    method: str = "linear"
    edges: tuple[float, ...] = ()
    share: bool = False

    def __post_init__(self) -> None:
        _check_name("statistic", self.name)
        _check_name("statistic samples", self.samples)
        if self.kind not in _STATISTICS:
            raise ValueError(f"statistic {self.name!r}: kind {self.kind!r} not in {_STATISTICS}")
        if self.kind == "quantile" and (not 0.0 <= float(self.q) <= 1.0
                                        or self.method not in _QUANTILE_METHODS):
            raise ValueError(f"statistic {self.name!r}: need 0 <= q <= 1 and a method in "
                             f"{_QUANTILE_METHODS}")
        edges = [_finite(f"statistic {self.name!r} edge", e) for e in self.edges]
        if (self.kind == "histogram") != bool(edges) or any(
                b <= a for a, b in zip(edges, edges[1:], strict=False)) or len(edges) == 1:
            raise ValueError(f"statistic {self.name!r}: a histogram (only) needs increasing "
                             "edges")

    def __getitem__(self, index: Any) -> sp.Indexed:
        if self.kind != "histogram":
            raise TypeError(f"statistic {self.name!r} is a number, not an array")
        return sp.IndexedBase(self.name, shape=(len(self.edges) - 1,))[index]

    def js(self) -> str:
        if self.kind == "quantile":
            call = f"quantile({self.samples}, {float(self.q)!r}, {json.dumps(self.method)})"
        elif self.kind == "mean":
            call = f"mean({self.samples})"
        else:
            edges = json.dumps([float(e) for e in self.edges])
            call = f"histogram({self.samples}, {edges}, {json.dumps(bool(self.share))})"
        return f"const {self.name} = wx_stats.{call};"


@dataclass(frozen=True)
class WebExplorer:
    """An explorer's declaration: controls, model (SymPy, SI units), outputs, plots.

    ``constants`` are fixed numbers the model uses (SI units), by symbol name;
    ``definitions`` are named intermediate expressions, evaluated in order.
    ``python`` records how to make the same explorer in Python
    (``{"class": "module:Class", "kwargs": {...}}``), so a test can compare a
    page with energylib at the page's own constants.  ``samples`` are
    :class:`Samples` arrays and their :class:`Statistic` values (Monte
    Carlo), evaluated in order after ``definitions``.  ``measured`` names,
    for a slider, the dataset ids (:func:`energylib.dataset.by_id`) of the
    measured values the chapter quotes for it, which the slider's range must
    reach.
    """

    id: str
    title: str
    params: tuple[Slider | Choice, ...]
    outputs: tuple[Output, ...]
    plots: tuple[Plot, ...] = ()
    constants: Mapping[str, float] = field(default_factory=dict)
    definitions: tuple[tuple[str, sp.Basic | float], ...] = ()
    tables: Mapping[str, Sequence[float]] = field(default_factory=dict)
    note: str = ""
    python: Mapping[str, Any] = field(default_factory=dict)
    samples: tuple[Samples | Statistic, ...] = ()
    measured: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_name("explorer id", self.id.replace("-", "_"))
        seen: set[str] = set()
        names = [p.name for p in self.params]
        names += [s for p in self.params if isinstance(p, Choice) for s in p.symbols]
        names += list(self.constants) + [n for n, _ in self.definitions] + list(self.tables)
        for name in names:
            if name in seen:
                raise ValueError(f"explorer {self.id!r}: the name {name!r} is used twice")
            seen.add(_check_name("symbol", name))
        for name, value in self.constants.items():
            _finite(f"constant {name}", value)
        arrays: set[str] = set()
        for s in self.samples:
            if s.name in seen:
                raise ValueError(f"explorer {self.id!r}: the name {s.name!r} is used twice")
            seen.add(s.name)
            if isinstance(s, Statistic) and s.samples not in arrays:
                raise ValueError(f"explorer {self.id!r}: statistic {s.name!r} needs the "
                                 f"samples {s.samples!r} declared before it")
            if isinstance(s, Samples):
                arrays.add(s.name)
        sliders = {p.name for p in self.params if isinstance(p, Slider)}
        if not set(self.measured) <= sliders:
            raise ValueError(f"explorer {self.id!r}: measured names "
                             f"{sorted(set(self.measured) - sliders)}, not sliders")
        for p in self.params:
            for preset in getattr(p, "presets", {}).values():
                if not set(preset) <= sliders:
                    raise ValueError(f"explorer {self.id!r}: choice {p.name!r} presets "
                                     f"{sorted(set(preset) - sliders)}, not sliders")

    def param(self, name: str) -> Slider | Choice:
        """The control called ``name``."""
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(f"no control {name!r}; controls: {[p.name for p in self.params]}")

    def compute_js(self) -> str:
        """The body of ``function (p) { ... }`` that computes every number and curve.

        ``p`` holds the SI values of the sliders and choice symbols; the
        function returns ``{out, curves, vlines, markers, bars}``.
        """
        lines = [f"const {name} = {js_code(value)};" for name, value in self.constants.items()]
        for name, values in self.tables.items():
            lines.append(f"const {name} = {json.dumps([float(v) for v in values])};")
        for p in self.params:
            for name in ([p.name] if isinstance(p, Slider) else list(p.symbols)):
                lines.append(f"const {name} = p[{json.dumps(name)}];")
        for name, expr in self.definitions:
            lines.append(f"const {name} = {js_code(expr)};")
        lines.extend(s.js() for s in self.samples)
        lines.append("const out = {};")
        for o in self.outputs:
            lines.append(f"out[{json.dumps(o.name)}] = {js_code(o.expr)};")
        lines.append("const curves = [], vlines = [], markers = [], bars = [];")
        for plot in self.plots:
            if plot.curves or plot.bands:
                assert plot.x is not None
                x = js_code(plot.x)
                lo, hi = plot.x_range
                if plot.x_log:
                    grid = (f"Math.pow(10, {math.log10(lo)!r} + "
                            f"({math.log10(hi) - math.log10(lo)!r}) * i / (n - 1))")
                else:
                    grid = f"{lo!r} + ({hi - lo!r}) * i / (n - 1)"
                # Each band's upper and lower edge, then each curve: uPlot's series order.
                exprs = [e for b in plot.bands for e in (b.upper, b.lower)]
                exprs += [c.expr for c in plot.curves]
                ys = ", ".join("new Float64Array(n)" for _ in exprs)
                body = " ".join(f"ys[{k}][i] = {js_code(e)};" for k, e in enumerate(exprs))
                lines.append(
                    f"{{ const n = {plot.points}; const xs = new Float64Array(n); "
                    f"const ys = [{ys}]; for (let i = 0; i < n; i++) {{ "
                    f"const {x} = {grid}; xs[i] = {x}; {body} }} curves.push([xs, ...ys]); }}"
                )
            else:
                lines.append("curves.push(null);")
            lines.append(f"vlines.push([{', '.join(js_code(v.expr) for v in plot.vlines)}]);")
            lines.append("markers.push([" + ", ".join(
                f"[{js_code(m.x)}, {js_code(m.y)}]" for m in plot.markers) + "]);")
            lines.append(f"bars.push([{', '.join(js_code(b.expr) for b in plot.bars)}]);")
        lines.append("return {out, curves, vlines, markers, bars};")
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """The declaration as JSON-ready data, with the model as JavaScript."""
        return {
            "id": self.id,
            "title": self.title,
            "note": self.note,
            "params": [p.to_dict() for p in self.params],
            "outputs": [{"name": o.name, "label": o.label, "unit": o.unit, "scale": o.scale,
                         "fmt": o.fmt, "texts": list(o.texts), "rtol": o.rtol,
                         "check": o.check} for o in self.outputs],
            "plots": [{
                "x_label": p.x_label, "y_label": p.y_label,
                "x_range": list(p.x_range), "y_range": list(p.y_range),
                "x_log": p.x_log, "y_log": p.y_log, "height": p.height,
                "curves": [{"label": c.label, "color": c.color, "dash": c.dash,
                            "width": c.width, "alpha": c.alpha, "steps": c.steps,
                            "legend": c.legend, "fill": c.fill} for c in p.curves],
                "bands": [{"label": b.label, "color": b.color} for b in p.bands],
                "vlines": [{"label": v.label, "color": v.color, "dash": v.dash}
                           for v in p.vlines],
                "hlines": [{"label": h.label, "y": h.y, "color": h.color, "dash": h.dash}
                           for h in p.hlines],
                "markers": [{"label": m.label, "color": m.color} for m in p.markers],
                "labels": [{"text": lb.text, "x": lb.x, "y": lb.y, "color": lb.color}
                           for lb in p.labels],
                "bars": [{"label": b.label, "color": b.color,
                          "negative_color": b.negative_color} for b in p.bars],
                "bar_base": p.bar_base,
            } for p in self.plots],
            "compute": self.compute_js(),
            "python": dict(self.python),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), allow_nan=False)

    def to_html(self) -> str:
        """The kernel-free explorer: a placeholder the page's runtime fills in."""
        spec = self.to_json().replace("</", "<\\/")
        return (
            f'<div class="web-explorer" id="wx-{html.escape(self.id)}" '
            f'data-explorer="{html.escape(self.id)}">'
            f'<script type="application/json" class="web-explorer-spec">{spec}</script>'
            '<noscript>This explorer needs JavaScript.</noscript></div>'
        )


def rebuilt_as(class_name: str) -> Callable[[Callable[P, WebExplorer]], Callable[P, WebExplorer]]:
    """Decorate a module's ``declaration``: the explorer records how it was made.

    Its ``python`` becomes ``{"class": "module:class_name", "kwargs": ...}``,
    the arguments of the call (defaults filled in), so that a test can
    remake the explorer and compare it with energylib from the page alone;
    the decorated function's ``class_name`` is ``class_name``, the name
    :func:`~energylib.explorers.render.explorer_class` gives its class.
    """
    def decorate(declare: Callable[P, WebExplorer]) -> Callable[P, WebExplorer]:
        signature = inspect.signature(declare)

        @functools.wraps(declare)
        def declaration(*args: P.args, **kwargs: P.kwargs) -> WebExplorer:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            record = {"class": f"{declare.__module__}:{class_name}",
                      "kwargs": dict(bound.arguments)}
            return replace(declare(*args, **kwargs), python=record)

        declaration.class_name = class_name  # type: ignore[attr-defined]
        return declaration

    return decorate


def explorer_mimebundle(widget: widgets.Widget, spec: WebExplorer) -> dict[str, Any]:
    """The display data of an explorer: the live widget, and its kernel-free HTML.

    JupyterLab shows the widget; the book (MyST-NB, with ``text/html`` first
    in its mime priority) shows the HTML.
    """
    bundle = dict(widget._repr_mimebundle_())  # type: ignore[attr-defined]
    bundle["text/html"] = spec.to_html()
    bundle.setdefault("text/plain", f"<{spec.title}>")
    return bundle


# ------------------------------------------------------------- the headline's numbers
# Python twins of explorer.js's pyFormat, niceNumber and formatOutput, so that the
# notebook's headline reads as the page's.  JavaScript rounds ties up (toFixed,
# toPrecision, toExponential); Decimal's ROUND_HALF_UP on the exact double does the same.

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
_DAY, _YEAR = 86400.0, 365.25 * 86400.0


def _to_fixed(v: float, digits: int) -> str:
    fixed = Decimal(abs(v)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return ("-" if v < 0 else "") + f"{fixed:f}"


def _to_exponential(v: float, digits: int) -> tuple[str, int]:
    """JavaScript's ``v.toExponential(digits)`` as (mantissa, exponent)."""
    if v == 0:
        return _to_fixed(0.0, digits), 0
    exact = Decimal(abs(v))
    exponent = exact.adjusted()
    step = Decimal(1).scaleb(-digits)
    mantissa = exact.scaleb(-exponent).quantize(step, rounding=ROUND_HALF_UP)
    if mantissa >= 10:
        exponent += 1
        mantissa = exact.scaleb(-exponent).quantize(step, rounding=ROUND_HALF_UP)
    return ("-" if v < 0 else "") + f"{mantissa:f}", exponent


def _to_precision(v: float, digits: int) -> float:
    """``Number(v.toPrecision(digits))``."""
    mantissa, exponent = _to_exponential(v, digits - 1)
    return float(f"{mantissa}e{exponent}")


def _strip(s: str) -> str:
    return s.rstrip("0").rstrip(".") if "." in s else s


def py_format(v: float, fmt: str = ".3g") -> str:
    """A number as explorer.js's ``pyFormat`` shows it (Python's ``.Nf``, ``.Ng``, ``,.Ng``).

    Examples
    --------
    >>> py_format(1234.5, ",.1f"), py_format(-0.000012345, ".3g"), py_format(2.5, ".0f")
    ('1,234.5', '−1.23e-05', '3')
    """
    if not math.isfinite(v):
        return "∞" if v > 0 else ("−∞" if v < 0 else "—")
    match = re.fullmatch(r"(,?)\.(\d+)([fg])", fmt)
    if match is None:
        raise ValueError(f"format {fmt!r} is not one of '.Nf', '.Ng', ',.Nf', ',.Ng'")
    digits = int(match[2])
    if match[3] == "f":
        s = _to_fixed(v, digits)
    else:
        p = max(digits, 1)
        rounded = _to_precision(v, p)
        exp = 0 if v == 0 else math.floor(math.log10(abs(rounded)))
        if exp < -4 or exp >= p:
            mantissa, e = _to_exponential(v, p - 1)
            s = f"{_strip(mantissa)}e{'-' if e < 0 else '+'}{abs(e):02d}"
        else:
            s = _strip(_to_fixed(v, max(p - 1 - exp, 0)))
    if match[1]:
        whole, _, fraction = s.partition(".")
        sign = "-" if whole.startswith("-") else ""
        s = sign + f"{int(whole.lstrip('-')):,}" + ("." + fraction if fraction else "")
    return s.replace("-", "−", 1) if s.startswith("-") else s


def nice_number(v: float, digits: int) -> str:
    """explorer.js's ``niceNumber``: separators in [0.001, 1e7), else ``m × 10ⁿ``.

    Examples
    --------
    >>> nice_number(15.6349, 3), nice_number(1.234e-7, 2), nice_number(float("inf"), 3)
    ('15.6', '1.2 × 10⁻⁷', '∞')
    """
    if not math.isfinite(v):
        return "∞" if v > 0 else ("−∞" if v < 0 else "—")
    if v == 0:
        return "0"
    rounded = _to_precision(v, digits)
    a = abs(rounded)
    if 1e-3 <= a < 1e7:
        decimals = max(0, digits - 1 - math.floor(math.log10(a)))
        return _strip(py_format(rounded, f",.{decimals}f"))
    mantissa, exponent = _to_exponential(v, digits - 1)
    return (_strip(mantissa).replace("-", "−") + " × 10"
            + str(exponent).translate(_SUPERSCRIPT))


def format_duration(seconds: float) -> str:
    """A duration in words a reader takes in at a glance (days, months or years).

    Parameters
    ----------
    seconds : float
        Duration (>= 0) [s]; ``inf`` means "never".

    Examples
    --------
    >>> format_duration(3 * 86400), format_duration(2.5 * 365.25 * 86400)
    ('3.0 days', '2.5 years')
    >>> format_duration(float("inf"))
    'never'
    """
    seconds = check_scalar("seconds", seconds, low=0.0, allow_inf=True)
    return format_output(Output("duration", "duration", 0, fmt="duration"), seconds)


def format_output(output: Output, si: float) -> str:
    """The headline text of ``output`` at the value ``si`` [SI units], as on the page.

    Examples
    --------
    >>> format_output(Output("t", "break-even", 0, fmt="duration"), 3.3e8)
    '10.5 years'
    >>> format_output(Output("h", "hit rate", 0, fmt="percent"), 0.4567)
    '45.7 %'
    """
    if output.fmt == "text":
        index = float(si)
        ok = index.is_integer() and 0 <= index < len(output.texts)
        return output.texts[int(index)] if ok else "—"
    if output.fmt == "duration":
        if si == math.inf:
            return "never"
        if si < 90 * _DAY:
            return py_format(si / _DAY, ".1f") + " days"
        if si < 2 * _YEAR:
            return py_format(si / (_YEAR / 12), ".1f") + " months"
        return py_format(si / _YEAR, ",.1f") + " years"
    v = si / output.scale
    finite = math.isfinite(v)
    if output.fmt in ("g2", "g4"):
        s = nice_number(v, int(output.fmt[1]))
    elif output.fmt == "int" and finite:
        s = py_format(v, ",.0f")
    elif output.fmt == "percent" and finite:
        s = py_format(100 * v, ".1f") + " %"
    elif output.fmt == "times":
        s = nice_number(v, 3) + ("×" if finite else "")
    elif output.fmt == "year" and finite:
        s = py_format(v, ".0f")
    else:
        s = nice_number(v, 3)
    return f"{s} {output.unit}" if output.unit and finite else s
