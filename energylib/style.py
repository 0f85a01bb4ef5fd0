"""One plotting style for the whole book.

Colours come from the Okabe-Ito palette, which stays distinguishable for the
common forms of colour blindness.  *Training* is always vermillion and
*inference* always blue, on every figure of the book.

Examples
--------
>>> from energylib.style import TRAINING_COLOR, INFERENCE_COLOR
>>> TRAINING_COLOR, INFERENCE_COLOR
('#D55E00', '#0072B2')
"""

from __future__ import annotations

import matplotlib as mpl
from cycler import cycler

__all__ = [
    "OKABE_ITO",
    "TRAINING_COLOR",
    "INFERENCE_COLOR",
    "REGIME_COLORS",
    "REGIME_LINESTYLES",
    "use_book_style",
]

OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
"""The Okabe-Ito colour-blind-safe palette :cite:`okabe2008color`."""

TRAINING_COLOR = OKABE_ITO["vermillion"]
"""Colour of everything about training (Okabe-Ito vermillion)."""

INFERENCE_COLOR = OKABE_ITO["blue"]
"""Colour of everything about inference (Okabe-Ito blue)."""

REGIME_COLORS: dict[str, str] = {
    "g<r": INFERENCE_COLOR,
    "g=r": INFERENCE_COLOR,
    "g>r": INFERENCE_COLOR,
}
"""Colours of the three regimes' inference curves: all inference blue (a regime is a case
of inference), told apart by :data:`REGIME_LINESTYLES`."""

REGIME_LINESTYLES: dict[str, str] = {
    "g<r": "-.",
    "g=r": "--",
    "g>r": "-",
}
"""Line styles of the three regimes of demand growth against efficiency gain:
converging dash-dot, linear dashed, exponential solid (dotted lines are limits)."""


def use_book_style() -> None:
    """Set matplotlib's defaults to the book's style (call once per chapter).

    Examples
    --------
    >>> use_book_style()
    >>> mpl.rcParams["axes.spines.top"]
    False
    """
    mpl.rcParams.update(
        {
            "figure.figsize": (7.0, 4.0),
            "figure.dpi": 100,
            "savefig.dpi": 150,
            "savefig.bbox": "tight",
            "font.size": 11,
            "axes.titlesize": 12,
            "axes.labelsize": 11,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "legend.frameon": False,
            "axes.prop_cycle": cycler(color=list(OKABE_ITO.values())),
            "lines.linewidth": 2.0,
        }
    )
