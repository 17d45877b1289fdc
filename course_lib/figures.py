"""Accessible figures: a colour-blind-safe palette, hatching, and alt text that cannot be skipped.

Diagram code builds a ``matplotlib.figure.Figure`` (never pyplot, so nothing is shown twice
and no global state leaks between figures) and wraps it in ``AccessibleFigure``, which
refuses to exist without alt text. In a notebook the wrapper displays itself as an HTML
``<img>`` carrying that alt text, so screen readers and browser tests can read it.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass, field

import matplotlib
from matplotlib.figure import Figure

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
    "white": "#FFFFFF",
}

# Hatch patterns carry meaning a second way, so that nothing depends on colour alone.
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo", "+++", "---")

DPI = 100  # 1 figure inch = 100 screen pixels at 100 % zoom

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 11,
    "axes.titlesize": 13,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "axes.prop_cycle": matplotlib.cycler(color=[PALETTE[c] for c in (
        "blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "yellow", "black")]),
    "svg.hashsalt": "liver-course",
    "path.simplify": True,
}


class MissingAltText(ValueError):
    """A figure was about to be shown without a text alternative."""


def course_style():
    """Context manager: build every course figure inside it, so fonts and colours match."""
    return matplotlib.rc_context(STYLE)


def new_figure(width_in: float, height_in: float) -> Figure:
    """A blank figure sized in inches (100 px per inch on screen); call inside ``course_style()``."""
    return Figure(figsize=(width_in, height_in), dpi=DPI)


def figure_png(figure: Figure) -> bytes:
    """PNG bytes of ``figure``; identical bytes for identical figures (no timestamp)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None},
                       facecolor="white")
    return buffer.getvalue()


@dataclass
class AccessibleFigure:
    """A figure together with its alt text and an optional visible caption."""

    figure: Figure
    alt: str
    caption: str = ""
    _png: bytes | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.alt, str) or len(self.alt.strip()) < 10:
            raise MissingAltText(
                f"alt: {self.alt!r} is not usable alt text; describe what the figure shows "
                "in at least one full sentence")

    def png(self) -> bytes:
        if self._png is None:
            self._png = figure_png(self.figure)
        return self._png

    def html(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        width, height = (round(v * DPI) for v in self.figure.get_size_inches())
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        return (f'<figure class="course-figure" style="margin:0">'
                f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" '
                f'width="{width}" height="{height}" style="max-width:100%;height:auto">'
                f"{caption}</figure>")

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return f"Figure: {self.alt}"
