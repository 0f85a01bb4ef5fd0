"""The data behind a figure, as a table, so that readers can download what it plots.

:func:`figure_rows` reads back what a matplotlib Figure draws: the points of every line,
the markers of every scatter and the height of every bar, each with its panel, its
series label and the axis labels (which carry the units, e.g. ``"energy [GWh]"``).
:func:`figure_csv` writes them as CSV. Filled areas, text and arrows are not read.

In IPython (a chapter executed by the book build, or Jupyter) :func:`register_ipython`
makes every displayed Figure carry its CSV next to its picture, under the MIME type
:data:`MIME`; the book's Sphinx extension ``_ext/figure_downloads.py`` turns it into the
"Data (CSV)" link under each figure. Importing :mod:`energylib.figures` registers it.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.plot([1.0, 2.0], [3.0, 4.5], label="demand")
>>> _ = ax.set(xlabel="time [years]", ylabel="power [GW]")
>>> print(figure_csv(fig), end="")
panel,series,x_quantity,x,y_quantity,y
1,demand,time [years],1.0,power [GW],3.0
1,demand,time [years],2.0,power [GW],4.5
>>> plt.close(fig)
"""

from __future__ import annotations

import csv
import io
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.category import StrCategoryFormatter
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedFormatter

#: MIME type of a figure's data in a notebook output: ``{"csv": "<the CSV text>"}``.
MIME = "application/vnd.energylib.figure-data+json"

COLUMNS = ("panel", "series", "x_quantity", "x", "y_quantity", "y")


def _cell(value: Any) -> str | float:
    """A CSV cell: numbers as floats (empty when not finite), anything else as text."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return float(value) if np.isfinite(value) else ""
    return str(value)


def _series_label(artist: Any, kind: str, index: int) -> str:
    label = str(artist.get_label() or "")
    return label if label and not label.startswith("_") else f"{kind} {index}"


def _is_number(text: str) -> bool:
    try:
        float(text.replace("\u2212", "-").replace(",", "").rstrip("%"))
    except ValueError:
        return False
    return True


def _categories(axis: Any) -> dict[float, str]:
    """Tick positions and labels of an axis whose ticks name categories, not numbers."""
    if axis.get_scale() != "linear":
        return {}
    ticks = {float(t): str(text.get_text()) for t, text in
             zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=False) if text.get_text()}
    if isinstance(axis.get_major_formatter(), FixedFormatter | StrCategoryFormatter) or any(
            "$" not in label and not _is_number(label) for label in ticks.values()):
        return ticks
    return {}


def _named(value: Any, categories: dict[float, str]) -> Any:
    """``value``, or the category label at that position on a categorical axis."""
    if categories and isinstance(value, int | float | np.number):
        for position, label in categories.items():
            if np.isclose(position, float(value)):
                return label
    return value


def _axes_rows(ax: Axes, panel: str) -> list[tuple[Any, ...]]:
    rows = _raw_axes_rows(ax, panel)
    xc, yc = _categories(ax.xaxis), _categories(ax.yaxis)
    return [(p, s, xq, _named(x, xc), yq, _named(y, yc)) for p, s, xq, x, yq, y in rows]


def _raw_axes_rows(ax: Axes, panel: str) -> list[tuple[Any, ...]]:
    xq, yq = ax.get_xlabel(), ax.get_ylabel()
    rows: list[tuple[Any, ...]] = []
    for k, line in enumerate(ax.get_lines(), start=1):
        assert isinstance(line, Line2D)
        name = _series_label(line, "line", k)
        xs = np.atleast_1d(line.get_xdata(orig=True))
        ys = np.atleast_1d(line.get_ydata(orig=True))
        transform = line.get_transform()
        if transform == ax.get_yaxis_transform():  # axhline: spans the axes, at y
            rows += [(panel, name, xq, "", yq, y) for y in ys[:1]]
        elif transform == ax.get_xaxis_transform():  # axvline: at x, spans the axes
            rows += [(panel, name, xq, x, yq, "") for x in xs[:1]]
        elif transform.contains_branch(ax.transData):
            rows += [(panel, name, xq, x, yq, y) for x, y in zip(xs, ys, strict=False)]
    for k, coll in enumerate(ax.collections, start=1):
        if isinstance(coll, PathCollection) and coll.get_offset_transform() == ax.transData:
            name = _series_label(coll, "points", k)
            rows += [(panel, name, xq, x, yq, y) for x, y in np.asarray(coll.get_offsets())]
    for k, container in enumerate(ax.containers, start=1):
        if not isinstance(container, BarContainer):
            continue
        name = _series_label(container, "bars", k)
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        for patch in container.patches:
            if horizontal:
                rows.append((panel, name, xq, patch.get_x() + patch.get_width(), yq,
                             patch.get_y() + patch.get_height() / 2))
            else:
                rows.append((panel, name, xq, patch.get_x() + patch.get_width() / 2, yq,
                             patch.get_y() + patch.get_height()))
    return rows


def figure_rows(fig: Figure) -> list[tuple[Any, ...]]:
    """What ``fig`` plots, one row per point: (panel, series, x quantity, x, y quantity, y).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A drawn figure.

    Returns
    -------
    list of tuple
        Rows in the order of ``COLUMNS``. ``panel`` is the axes' title, or its
        position (1, 2, ...) when it has none; a horizontal (vertical) reference line
        has no x (y).

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib Figure.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    rows: list[tuple[Any, ...]] = []
    for k, ax in enumerate(fig.get_axes(), start=1):
        rows += _axes_rows(ax, ax.get_title() or str(k))
    return rows


def figure_csv(fig: Figure) -> str:
    """:func:`figure_rows` of ``fig`` as CSV text, with a header of ``COLUMNS``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A drawn figure.

    Returns
    -------
    str
        The CSV (``\\n`` line ends); numbers as Python writes floats, empty when not finite.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in figure_rows(fig):
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _figure_data(fig: Figure) -> dict[str, str]:
    return {"csv": figure_csv(fig)}


def register_ipython() -> bool:
    """In a running IPython, add :data:`MIME` (the figure's CSV) to every Figure's display.

    Returns
    -------
    bool
        True if registered (or already registered), False outside IPython.
    """
    try:
        from IPython import get_ipython
        from IPython.core.formatters import BaseFormatter
        from traitlets import ObjectName, Unicode
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    if MIME not in formatters:

        class FigureDataFormatter(BaseFormatter):  # type: ignore[misc]
            format_type = Unicode(MIME)
            # BaseFormatter falls back on ``__repr__``, a str, for every other object (a glued
            # float, say), which IPython rejects with a FormatterWarning printed into the page
            print_method = ObjectName("_repr_energylib_figure_data_")
            _return_type = dict

        formatters[MIME] = FigureDataFormatter(parent=shell.display_formatter)
    formatters[MIME].for_type(Figure, _figure_data)
    return True
