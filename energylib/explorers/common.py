"""What every explorer does the same way: set sliders quietly, encode the figure.

Examples
--------
>>> import ipywidgets as widgets
>>> redraws = []
>>> def on_change(change):
...     redraws.append(change["new"])
>>> sliders = {"a": widgets.FloatSlider(value=0.0), "b": widgets.FloatSlider(value=0.0)}
>>> for s in sliders.values():
...     s.observe(on_change, names="value")
>>> set_sliders_quietly(sliders, {"a": 1.0, "b": 2.0}, on_change)
>>> sliders["a"].value, sliders["b"].value, redraws  # set, and no callback fired
(1.0, 2.0, [])
>>> sliders["a"].value = 3.0  # observed again afterwards
>>> redraws
[3.0]
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg

__all__ = ["set_sliders_quietly", "canvas_png"]


def set_sliders_quietly(
    sliders: Mapping[str, Any], values: Mapping[str, Any], callback: Callable[[dict], None]
) -> None:
    """Set several sliders at once without ``callback`` firing for each of them.

    The explorer's own ``update`` then recomputes and redraws once.

    Parameters
    ----------
    sliders : mapping of str to ipywidgets widget
        The explorer's sliders by name.
    values : mapping of str to value
        New values by slider name (names must be keys of ``sliders``).
    callback : callable
        The observer to detach while setting, then re-attach.
    """
    for slider in sliders.values():
        slider.unobserve(callback, names="value")
    try:
        for name, value in values.items():
            sliders[name].value = value
    finally:
        for slider in sliders.values():
            slider.observe(callback, names="value")


def canvas_png(canvas: FigureCanvasAgg, rgb: bool = False) -> bytes:
    """The canvas's current pixels as PNG bytes, encoded fast.

    zlib level 1: the PNG is a little larger than at the default level and
    encodes several times faster, which matters at every slider move.

    Parameters
    ----------
    canvas : FigureCanvasAgg
        A drawn Agg canvas.
    rgb : bool
        Drop the alpha channel (smaller and faster for opaque figures).

    Returns
    -------
    bytes

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> canvas = FigureCanvasAgg(Figure(figsize=(1, 1), dpi=10))
    >>> canvas.draw()
    >>> canvas_png(canvas)[:4]
    b'\\x89PNG'
    """
    width, height = canvas.get_width_height()
    image = PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba())
    if rgb:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()
