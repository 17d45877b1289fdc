"""Small drawing helpers shared by the diagrams: a canvas in figure units, outlines, wrapped text."""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure
from matplotlib.transforms import Affine2D

SMALL = 10  # the smallest font size used in any diagram (points; legible at 100 % zoom)
NORMAL = 11


def smooth_closed(points: list[tuple[float, float]], samples: int = 12) -> np.ndarray:
    """A smooth closed curve through ``points`` (Catmull-Rom spline), as an (n, 2) array."""
    p = np.asarray(points, dtype=float)
    count = len(p)
    t = np.linspace(0, 1, samples, endpoint=False)[:, None]
    pieces = []
    for i in range(count):
        p0, p1, p2, p3 = p[i - 1], p[i], p[(i + 1) % count], p[(i + 2) % count]
        pieces.append(0.5 * (2 * p1 + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t ** 2
                             + (-p0 + 3 * p1 - 3 * p2 + p3) * t ** 3))
    return np.vstack(pieces)


def xy(points) -> tuple[list[float], list[float]]:
    """[(x, y), ...] -> ([x, ...], [y, ...])."""
    return [float(p[0]) for p in points], [float(p[1]) for p in points]


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(" ".join(text.split()), width=width, break_on_hyphens=False))


class Canvas:
    """Draw on a whole figure in its own units (equal in x and y), without a matplotlib Axes.

    Skipping the Axes (its ticks, spines and layout) saves about 15 ms per figure, which
    matters when every redraw must stay under 150 ms. Artists keep their ``gid`` so that tests
    can find them with ``figure.findobj``.
    """

    def __init__(self, figure: Figure, width: float, height: float, y0: float = 0.0):
        self.figure = figure
        self.transform = Affine2D().translate(0, -y0).scale(1 / width, 1 / height) + figure.transFigure

    def add(self, artist):
        artist.set_transform(self.transform)
        self.figure.add_artist(artist)
        return artist

    def text(self, x: float, y: float, text: str, **kwargs):
        return self.figure.text(x, y, text, transform=self.transform, **kwargs)
