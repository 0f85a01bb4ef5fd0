"""The one Python renderer: an explorer's declaration as ipywidgets and a matplotlib figure.

:class:`Explorer` takes a :class:`~energylib.explorers.web.WebExplorer` and
makes everything from it: one ipywidgets control per :class:`Slider` or
:class:`Choice`, the numbers by evaluating the declaration's SymPy expressions
with numpy (:func:`numpy_code` prints them, as
:meth:`~energylib.explorers.web.WebExplorer.compute_js` prints them for the page), the
headline with the page's formats (:func:`~energylib.explorers.web.format_output`) and a
figure drawn from the :class:`Plot` declarations, legend included.  A slider move redraws only what
moves: the axes, labels and legend are rendered once as a background, the
curves, bands, lines, markers and bars are drawn over it (matplotlib's
blitting) and the pixels are sent as a PNG encoded at zlib level 1
(:func:`canvas_png`), about 10 to 20 ms a move.

Examples
--------
>>> import sympy as sp
>>> from energylib.explorers.web import Output, Slider, WebExplorer
>>> a = sp.Symbol("a", real=True)
>>> ex = Explorer(WebExplorer("square", "A square", (Slider("a", "side [m]", 0, 2, 0.5, 1),),
...                           (Output("area", "area", a**2, unit="m²"),)))
>>> ex.update(a=1.5)["area"]
2.25
>>> ex.headline.value
'area: <b>2.25 m²</b>'
"""

from __future__ import annotations

import html
import inspect
import io
import math
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec

import ipywidgets as widgets
import numpy as np
import PIL.Image
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import LogLocator, NullLocator
from sympy.printing.numpy import NumPyPrinter

from ..style import use_book_style
from .web import Choice, Plot, Samples, Slider, Statistic, WebExplorer, format_output

__all__ = ["Explorer", "explorer_class", "numpy_code", "compile_numpy", "canvas_png"]

P = ParamSpec("P")


class _Printer(NumPyPrinter):
    """numpy code for the declaration's expressions, with full-precision floats."""

    def __init__(self) -> None:
        super().__init__({"fully_qualified_modules": True})

    def _print_Float(self, expr: Any) -> str:
        return repr(float(expr))

    def _print_Min(self, expr: Any) -> str:  # nested, so that scalars and arrays broadcast
        return self._fold("numpy.minimum", expr.args)

    def _print_Max(self, expr: Any) -> str:
        return self._fold("numpy.maximum", expr.args)

    def _print_Indexed(self, expr: Any) -> str:  # a table at an index, maybe computed
        index = ", ".join(self._print(i) for i in expr.indices)
        return f"{self._print(expr.base.label)}[_index({index})]"

    def _fold(self, func: str, args: tuple) -> str:
        code = self._print(args[0])
        for arg in args[1:]:
            code = f"{func}({code}, {self._print(arg)})"
        return code


def numpy_code(expr: sp.Basic | float) -> str:
    """numpy source for a SymPy expression (``Piecewise`` becomes ``numpy.select``).

    Examples
    --------
    >>> x = sp.Symbol("x", real=True)
    >>> numpy_code(sp.Max(x, 0.1))
    'numpy.maximum(0.1, x)'
    """
    return str(_Printer().doprint(sp.sympify(expr)))


def _statistic_code(s: Statistic) -> str:
    if s.kind == "quantile":
        return f"numpy.quantile({s.samples}, {float(s.q)!r}, method={s.method!r})"
    if s.kind == "mean":
        return f"numpy.mean({s.samples})"
    share = f" / {s.samples}.size" if s.share else ""
    edges = [float(e) for e in s.edges]
    return f"numpy.histogram({s.samples}, bins=numpy.array({edges!r}))[0]{share}"


def _grid_code(plot: Plot) -> str:
    lo, hi = plot.x_range
    if plot.x_log:
        return f"10.0 ** numpy.linspace({math.log10(lo)!r}, {math.log10(hi)!r}, {plot.points})"
    return f"numpy.linspace({lo!r}, {hi!r}, {plot.points})"


def compile_numpy(spec: WebExplorer) -> Callable[[Mapping[str, float]], dict[str, Any]]:
    """The declaration's model as one numpy function, twin of ``WebExplorer.compute_js``.

    The function takes the model's inputs (SI values of the sliders and the
    choices' symbols, by name) and returns ``out`` (outputs by name) and, per
    plot, ``curves`` (x grid, then each band's upper and lower edge and each
    curve), ``vlines``, ``markers`` and ``bars``.
    """
    lines = ["def compute(p):"]
    body = [f"{name} = {float(value)!r}" for name, value in spec.constants.items()]
    body += [f"{name} = tables[{name!r}]" for name in spec.tables]
    for param in spec.params:
        for name in [param.name] if isinstance(param, Slider) else list(param.symbols):
            body.append(f"{name} = numpy.float64(p[{name!r}])")
    body += [f"{name} = {numpy_code(expr)}" for name, expr in spec.definitions]
    for s in spec.samples:
        if isinstance(s, Samples):
            body += [f"{s.index} = numpy.arange({s.size})",
                     f"{s.name} = numpy.broadcast_to({numpy_code(s.expr)}, ({s.size},))"
                     ".astype(float)"]
        else:
            body.append(f"{s.name} = {_statistic_code(s)}")
    body.append("out = {}")
    body += [f"out[{o.name!r}] = float({numpy_code(o.expr)})" for o in spec.outputs]
    body.append("curves, vlines, markers, bars = [], [], [], []")
    for plot in spec.plots:
        if plot.curves or plot.bands:
            x = numpy_code(plot.x)
            exprs = [e for b in plot.bands for e in (b.upper, b.lower)]
            exprs += [c.expr for c in plot.curves]
            ys = ", ".join(f"_full({numpy_code(e)}, {x})" for e in exprs)
            body += [f"{x} = {_grid_code(plot)}", f"curves.append([{x}, {ys}])"]
        else:
            body.append("curves.append(None)")
        body.append("vlines.append([" + ", ".join(
            f"float({numpy_code(v.expr)})" for v in plot.vlines) + "])")
        body.append("markers.append([" + ", ".join(
            f"(float({numpy_code(m.x)}), float({numpy_code(m.y)}))" for m in plot.markers)
            + "])")
        body.append("bars.append([" + ", ".join(
            f"float({numpy_code(b.expr)})" for b in plot.bars) + "])")
    body.append("return {'out': out, 'curves': curves, 'vlines': vlines, "
                "'markers': markers, 'bars': bars}")
    source = "\n".join(lines + ["    " + line for line in body])
    namespace: dict[str, Any] = {
        "numpy": np,
        "tables": {k: np.asarray(v, dtype=float) for k, v in spec.tables.items()},
        "_index": lambda i: np.asarray(i).astype(np.intp),
        "_full": lambda y, x: np.broadcast_to(np.asarray(y, dtype=float), np.shape(x)),
    }
    exec(compile(source, f"<explorer {spec.id}>", "exec"), namespace)  # noqa: S102
    compute = namespace["compute"]

    def run(p: Mapping[str, float]) -> dict[str, Any]:
        with np.errstate(all="ignore"):  # numpy.select evaluates every branch
            return dict(compute(p))

    return run


def canvas_png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's current pixels as PNG bytes, encoded fast (zlib level 1).

    Examples
    --------
    >>> canvas = FigureCanvasAgg(Figure(figsize=(1, 1), dpi=10))
    >>> canvas.draw()
    >>> canvas_png(canvas)[:4]
    b'\\x89PNG'
    """
    width, height = canvas.get_width_height()
    image = PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba()).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _model_inputs(spec: WebExplorer, values: Mapping[str, Any]) -> dict[str, float]:
    """The model's SI inputs from the controls' values (explorer.js's ``modelInputs``)."""
    p: dict[str, float] = {}
    for param in spec.params:
        if isinstance(param, Slider):
            p[param.name] = float(values[param.name]) * param.to_si
        else:
            p.update(param.values[values[param.name]])
    return p


def _color(css: str) -> Any:
    """A CSS colour as matplotlib takes it (``rgba(r,g,b,a)`` becomes a tuple)."""
    if css.startswith("rgba("):
        r, g, b, a = (float(v) for v in css[5:-1].split(","))
        return (r / 255, g / 255, b / 255, a)
    return css


def _clip(values: np.ndarray, lo: float, hi: float, log: bool) -> np.ndarray:
    """Finite values just outside the axis (so that huge numbers draw cleanly)."""
    lo, hi = (lo / 1e3, hi * 1e3) if log else (lo - 10 * (hi - lo), hi + 10 * (hi - lo))
    return np.where(np.isfinite(values), np.clip(values, lo, hi), np.nan)


class Explorer:
    """An explorer in Jupyter, made from its declaration alone.

    Parameters
    ----------
    spec : WebExplorer
        The declaration (controls, model in SymPy, outputs, plots).

    Attributes
    ----------
    spec : WebExplorer
    sliders : dict[str, ipywidgets.ValueWidget]
        One control per declared slider or choice, by name.
    headline : ipywidgets.HTML
        The outputs, formatted as on the page.
    image : ipywidgets.Image
        The figure, as a PNG.
    widget : ipywidgets.VBox
        Everything, ready to display.
    outputs : dict[str, float]
        The outputs of the last update, by name [SI units; text outputs: the index].
    redraw_count : int
        How many times the figure has been drawn.
    """

    def __init__(self, spec: WebExplorer) -> None:
        if not isinstance(spec, WebExplorer):
            raise TypeError(f"spec must be a WebExplorer, got {type(spec).__name__}")
        self.spec = spec
        self._compute = compile_numpy(spec)
        self.sliders: dict[str, widgets.ValueWidget] = {
            p.name: p.widget(style={"description_width": "15em"},
                             layout=widgets.Layout(width="34em")) for p in spec.params}
        self.headline = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%"))
        self.widget = widgets.VBox(
            [widgets.VBox(list(self.sliders.values())), self.headline, self.image])
        self.outputs: dict[str, float] = {}
        self.redraw_count = 0
        self._build_figure()
        for name, slider in self.sliders.items():
            slider.observe(self._on_change, names="value")
            slider._explorer_name = name  # type: ignore[attr-defined]
        self.update()

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        from .web import explorer_mimebundle

        return explorer_mimebundle(self.widget, self.spec)

    # ------------------------------------------------------------------ values
    def values(self) -> dict[str, Any]:
        """The controls' current values, by name (in their own units)."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def _checked(self, values: Mapping[str, Any]) -> dict[str, Any]:
        checked: dict[str, Any] = {}
        for name, value in values.items():
            if name not in self.sliders:
                raise ValueError(f"unknown control {name!r}; known: {sorted(self.sliders)}")
            param = self.spec.param(name)
            if isinstance(param, Choice):
                if value not in param.options:
                    raise ValueError(f"{name} must be one of {param.options}, got {value!r}")
            else:
                if isinstance(value, bool) or not isinstance(value, int | float | np.number):
                    raise ValueError(f"{name} must be a number, got {value!r}")
                lo, hi = param.extremes
                if not math.isfinite(value) or not lo - 1e-9 * abs(lo) <= value <= hi * (
                        1 + 1e-9) + 1e-12:
                    raise ValueError(f"{name} must be finite and in [{lo:g}, {hi:g}], "
                                     f"got {value!r}")
            checked[name] = value
        return checked

    def _set_quietly(self, values: Mapping[str, Any]) -> None:
        for slider in self.sliders.values():
            slider.unobserve(self._on_change, names="value")
        try:
            for name, value in values.items():
                self.sliders[name].value = value
        finally:
            for slider in self.sliders.values():
                slider.observe(self._on_change, names="value")

    def _on_change(self, change: dict) -> None:
        name = change["owner"]._explorer_name
        param = self.spec.param(name)
        preset = param.presets.get(change["new"], {}) if isinstance(param, Choice) else {}
        self._set_quietly(preset)  # a choice's presets move sliders, as on the page
        self.update()

    def update(self, **values: Any) -> dict[str, float]:
        """Set any controls given by name, recompute and redraw.

        A choice given here also applies its presets, unless the same call sets
        those sliders.

        Parameters
        ----------
        **values
            New control values by name (in the controls' own units).

        Returns
        -------
        dict[str, float]
            Every output of the declaration, by name [SI units].

        Raises
        ------
        ValueError
            For an unknown control, a NaN, a number outside the slider's range
            or an option the choice does not have, naming the control.
        """
        values = self._checked(values)
        presets: dict[str, Any] = {}
        for name, value in values.items():
            param = self.spec.param(name)
            if isinstance(param, Choice):
                presets.update(param.presets.get(value, {}))
        self._set_quietly({**presets, **values})
        current = self.values()
        result = self._compute(_model_inputs(self.spec, current))
        self.outputs = result["out"]
        self._redraw(result)
        self.headline.value = " &nbsp;·&nbsp; ".join(
            f"{html.escape(o.label)}: <b>{html.escape(format_output(o, self.outputs[o.name]))}"
            "</b>" for o in self.spec.outputs)
        return dict(self.outputs)

    # ------------------------------------------------------------------ figure
    def _build_figure(self) -> None:
        """Axes, labels and legends, rendered once; two plots of different x side by side."""
        use_book_style()
        plots = self.spec.plots
        side_by_side = len(plots) == 2 and plots[0].x_label != plots[1].x_label
        columns = 2 if side_by_side else 1
        keys = [self._key(plot) for plot in plots]
        ncols = 2 if columns == 1 else 1
        rows = [math.ceil(len(k) / ncols) for k in keys]
        # Heights in inches: the plot's (its pixels on the page x 0.8), its legend, its labels.
        blocks = [(0.008 * p.height, 0.17 * r + 0.05, 0.55)
                  for p, r in zip(plots, rows, strict=True)]
        if side_by_side:
            tallest = max(sum(b[:2]) for b in blocks)
            blocks = [(tallest - b[1], b[1], b[2]) for b in blocks]
        height = max(sum(blocks[0]) if side_by_side else sum(map(sum, blocks)), 0.5)
        self.figure = Figure(figsize=(7.0, height), dpi=100)
        self._canvas = FigureCanvasAgg(self.figure)
        self._axes, self._artists = [], []
        top = height
        for k, (plot, key, (axes, legend, labels)) in enumerate(
                zip(plots, keys, blocks, strict=True)):
            if side_by_side:
                box = (0.1 + 0.5 * k, labels / height, 0.38, axes / height)
            else:
                box = (0.11, (top - legend - axes) / height, 0.86, axes / height)
                top -= axes + legend + labels
            ax = self.figure.add_axes(box)
            self._axes.append(ax)
            self._artists.append(self._draw_static(ax, plot, key, ncols))
        self._canvas.draw()
        self._background = self._canvas.copy_from_bbox(self.figure.bbox)

    @staticmethod
    def _key(plot: Plot) -> list[Any]:
        """The legend's handles, from the declaration's labels and colours (as the page's)."""
        def line(color: str, dash: bool, alpha: float = 1.0) -> Line2D:
            return Line2D([], [], color=color, alpha=alpha, linestyle="--" if dash else "-")

        key: list[Any] = [Patch(color=b.color, label=b.label) for b in plot.bands]
        key += [line(c.color, c.dash, c.alpha) for c in plot.curves if c.legend]
        key += [line(v.color, v.dash) for v in plot.vlines]
        key += [line(h.color, h.dash) for h in plot.hlines]
        key += [Line2D([], [], color=m.color, marker="o", linestyle="none")
                for m in plot.markers]
        labels = [b.label for b in plot.bands] + [c.label for c in plot.curves if c.legend]
        labels += [v.label for v in plot.vlines] + [h.label for h in plot.hlines]
        labels += [m.label for m in plot.markers]
        for handle, label in zip(key, labels, strict=True):
            handle.set_label(label)
        return key

    def _draw_static(self, ax: Any, plot: Plot, key: list[Any], ncols: int) -> dict[str, list]:
        bars = bool(plot.bars)
        if plot.y_log:
            ax.set_yscale("log")
            ax.yaxis.set_major_locator(LogLocator(numticks=9))
            ax.yaxis.set_minor_locator(NullLocator())
        if plot.x_log and not bars:
            ax.set_xscale("log")
            ax.xaxis.set_major_locator(LogLocator(numticks=9))
            ax.xaxis.set_minor_locator(NullLocator())
        ax.set_ylim(*plot.y_range)
        ax.set_ylabel(plot.y_label)
        ax.set_xlabel(plot.x_label)
        if bars:
            ax.set_xlim(-0.5, len(plot.bars) - 0.5)
            ax.set_xticks(range(len(plot.bars)), [b.label for b in plot.bars], fontsize=8)
            ax.grid(False, axis="x")
        else:
            ax.set_xlim(*plot.x_range)
        for h in plot.hlines:
            ax.axhline(h.y, color=h.color, linestyle="--" if h.dash else "-", linewidth=1.2)
        if bars and plot.bar_base is not None:
            ax.axhline(plot.bar_base, color="black", linewidth=1.0)
        for lb in plot.labels:
            ax.text(lb.x, lb.y, lb.text, color=lb.color, fontsize=8)
        if key:
            ax.legend(handles=key, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=ncols,
                      fontsize=8, frameon=False, borderaxespad=0.2, handlelength=1.8)
        artists: dict[str, list] = {
            "curves": [ax.plot([], [], color=c.color, alpha=c.alpha, linewidth=c.width,
                               linestyle="--" if c.dash else "-",
                               drawstyle="steps-post" if c.steps else "default")[0]
                       for c in plot.curves],
            "vlines": [ax.axvline(0.0, color=v.color, linewidth=1.2,
                                  linestyle="--" if v.dash else "-") for v in plot.vlines],
            "markers": [ax.plot([], [], "o", color=m.color, markersize=7)[0]
                        for m in plot.markers],
            "bars": [ax.add_patch(Rectangle((k - 0.3, 0.0), 0.6, 0.0, color=_color(b.color)))
                     for k, b in enumerate(plot.bars)],
            # Bands, then filled curves: areas whose outline set_data moves.
            "fills": [ax.fill_between(plot.x_range, 0.0, 0.0, color=b.color, linewidth=0)
                      for b in plot.bands]
            + [ax.fill_between(plot.x_range, 0.0, 0.0, color=c.color, alpha=c.alpha, linewidth=0,
                               step="post" if c.steps else None)
               for c in plot.curves if c.fill],
        }
        for group in artists.values():
            for artist in group:
                artist.set_animated(True)  # left out of the background, drawn per move
        return artists

    def _redraw(self, result: dict[str, Any]) -> None:
        canvas = self._canvas
        canvas.restore_region(self._background)
        for k, (ax, plot, artists) in enumerate(
                zip(self._axes, self.spec.plots, self._artists, strict=True)):
            curves = result["curves"][k]
            if curves is not None:
                xs, *ys = curves
                lo, hi = plot.y_range
                ys = [_clip(np.asarray(y, dtype=float), lo, hi, plot.y_log) for y in ys]
                fills = iter(artists["fills"])
                for b in range(len(plot.bands)):
                    upper, lower = ys[2 * b], ys[2 * b + 1]
                    next(fills).set_data(xs, np.nan_to_num(lower), np.nan_to_num(upper),
                                         where=np.isfinite(upper) & np.isfinite(lower))
                for curve, line, y in zip(plot.curves, artists["curves"],
                                          ys[2 * len(plot.bands):], strict=True):
                    line.set_data(xs, y)
                    if curve.fill:  # down to the axis floor
                        next(fills).set_data(xs, lo, np.nan_to_num(y, nan=lo))
            for line, x in zip(artists["vlines"], result["vlines"][k], strict=True):
                line.set_visible(math.isfinite(x))
                line.set_xdata([x, x])
            for dot, (x, y) in zip(artists["markers"], result["markers"][k], strict=True):
                dot.set_data([x], [y])
                dot.set_visible(math.isfinite(x) and math.isfinite(y))
            base = plot.y_range[0] if plot.bar_base is None else plot.bar_base
            for bar, spec_bar, v in zip(artists["bars"], plot.bars, result["bars"][k],
                                        strict=True):
                bar.set_visible(math.isfinite(v))
                top = max(v, plot.y_range[0]) if math.isfinite(v) else base
                bar.set_y(min(base, top))
                bar.set_height(abs(top - base))
                negative = spec_bar.negative_color and v < base
                bar.set_color(_color(spec_bar.negative_color if negative else spec_bar.color))
            for group in ("fills", "curves", "vlines", "markers", "bars"):
                for artist in artists[group]:
                    ax.draw_artist(artist)
        self.image.value = canvas_png(canvas)
        self.redraw_count += 1


def explorer_class(declaration: Callable[P, WebExplorer]) -> Callable[P, Explorer]:
    """The chapter's explorer class: ``Class(*args)`` is ``Explorer(declaration(*args))``.

    Parameters
    ----------
    declaration : callable
        A module's ``declaration``, decorated with
        :func:`~energylib.explorers.web.rebuilt_as` (which names the class);
        the class takes its arguments.

    Examples
    --------
    >>> from energylib.explorers import thermo
    >>> cls = explorer_class(thermo.declaration)
    >>> cls.__name__, cls.__module__, list(inspect.signature(cls).parameters)
    ('LandauerExplorer', 'energylib.explorers.thermo', ['start_year', 'flop_per_joule'])
    >>> cls(start_year=2030.0).spec.python["kwargs"]["start_year"]
    2030.0
    """
    name = getattr(declaration, "class_name", None)
    if not isinstance(name, str):
        raise TypeError(f"declaration must be decorated with rebuilt_as(...); got {declaration!r}")

    def __init__(self: Explorer, *args: Any, **kwargs: Any) -> None:
        Explorer.__init__(self, declaration(*args, **kwargs))

    signature = inspect.signature(declaration)
    __init__.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY),
                    *signature.parameters.values()], return_annotation=None)
    module = declaration.__module__
    return type(name, (Explorer,), {
        "__init__": __init__, "__module__": module,
        "__doc__": f"The chapter's explorer in Jupyter: :func:`{module}.declaration`, rendered."})
