"""A trade-off chart of the treatment options: how invasive, how long to recover, what for, key limits.

Everything shown is read from data/treatment_options.yaml through course_lib.treatment_options:
the options, their families, the ordered scales and their labels, the aims and the key limits.
This module holds only layout.

Two views, so that each stays quick to draw (every redraw must stay under 150 ms):
``tradeoff_chart_figure()`` compares all options on the two scales and the aims, and
``tradeoff_chart_figure(family=...)`` shows one family's options with their key limits written
out. ``tradeoff_rows()`` gives the same content as plain data, for the table a widget shows
beside the chart.

Artists carry ``gid`` labels for tests: ``row:<option id>`` (the name), ``dots:<scale>`` (one
marker per option, in row order, at x = the level's position), ``aims:<aim>`` (a diamond for each
option with that aim, at its row's height) and ``limits:<option id>`` (family view only).
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from .. import treatment_options as catalogue
from ..figures import PALETTE, AccessibleFigure, course_style, new_figure
from .drawing import NORMAL, SMALL, Canvas, wrap

WIDTH = 9.6  # inches; the canvas works in inches
ROW_OVERVIEW, ROW_FAMILY = 0.27, 0.5
NAME_X = 0.15
SCALE_X = {"invasiveness": 2.55, "recovery": 5.0}  # where each scale's first level sits
LEVEL_STEP = 0.52
AIM_X, AIM_STEP = 7.55, 0.72
SCALE_TITLES = {"invasiveness": "How invasive (1 = least)", "recovery": "Recovery (1 = quickest)"}
SCALE_MARKERS = {"invasiveness": ("o", PALETTE["blue"]), "recovery": ("s", PALETTE["orange"])}
AIM_MARKER = ("D", PALETTE["bluish_green"])


@dataclass(frozen=True)
class TradeoffRow:
    option_id: str
    name: str
    short_name: str
    family: str
    family_label: str
    invasiveness: str  # level id
    invasiveness_rank: int  # 0 = least invasive
    invasiveness_label: str
    recovery: str
    recovery_rank: int  # 0 = quickest
    recovery_label: str
    recovery_note: str
    aims: tuple[str, ...]
    key_limits: str


def tradeoff_rows(family: str | None = None) -> list[TradeoffRow]:
    """One row per option (all, or one family's), grouped by family in the catalogue's order."""
    families = catalogue.families()
    if family is not None and family not in families:
        raise ValueError(f"family: {family!r} is not a family of treatment options; "
                         f"allowed: None (all options), {', '.join(families)}")
    scales = catalogue.scales()
    rows = []
    order = list(families)
    for option in sorted(catalogue.options().values(), key=lambda o: order.index(o.family)):
        if family is not None and option.family != family:
            continue
        t = option.tradeoffs
        invasiveness, recovery = scales["invasiveness"], scales["recovery"]
        rows.append(TradeoffRow(
            option.id, option.name, option.short_name, option.family, option.family_label,
            t.invasiveness, invasiveness.rank(t.invasiveness), invasiveness.label(t.invasiveness),
            t.recovery, recovery.rank(t.recovery), recovery.label(t.recovery),
            t.recovery_note, t.aims, t.key_limits))
    return rows


def _level_x(scale: str, rank: int) -> float:
    return SCALE_X[scale] + rank * LEVEL_STEP


def _aim_x(position: int) -> float:
    return AIM_X + position * AIM_STEP


def _header(canvas: Canvas, top: float) -> float:
    """Column titles and numbered levels; returns the y where the first row starts."""
    scales = catalogue.scales()
    for scale_id, title in SCALE_TITLES.items():
        count = len(scales[scale_id].levels)
        middle = (_level_x(scale_id, 0) + _level_x(scale_id, count - 1)) / 2
        canvas.text(middle, top, title, fontsize=NORMAL, fontweight="bold", ha="center", va="top",
                    gid=f"column:{scale_id}")
        for rank in range(count):
            canvas.text(_level_x(scale_id, rank), top - 0.27, str(rank + 1), fontsize=SMALL, ha="center",
                        va="top", gid=f"column:{scale_id}:{rank + 1}")
    canvas.text((_aim_x(0) + _aim_x(len(catalogue.AIMS) - 1)) / 2, top, "Aim", fontsize=NORMAL,
                fontweight="bold", ha="center", va="top", gid="column:aims")
    for position, aim in enumerate(catalogue.AIMS):
        canvas.text(_aim_x(position), top - 0.27, wrap(catalogue.AIMS[aim], 8), fontsize=SMALL, ha="center",
                    va="top", linespacing=1.0, gid=f"column:aim:{aim}")
    return top - 0.65


def _rows(canvas: Canvas, rows: list[TradeoffRow], top: float, row_height: float, with_limits: bool) -> None:
    """Names, then one marker artist per column (one point per option, in row order)."""
    scales = catalogue.scales()
    ys = [top - index * row_height for index in range(len(rows))]
    previous, shaded = None, False
    for row, y in zip(rows, ys, strict=True):
        if row.family != previous:
            shaded, previous = not shaded, row.family
            if shaded:  # families alternate between a grey band and none
                count = sum(1 for other in rows if other.family == row.family)
                band_top = y + row_height / 2
                canvas.add(Rectangle((0.05, band_top - count * row_height), WIDTH - 0.1, count * row_height,
                                     facecolor=PALETTE["grey"], alpha=0.15, linewidth=0,
                                     gid=f"band:{row.family}"))
        canvas.text(NAME_X, y + (0.1 if with_limits else 0), row.short_name, fontsize=SMALL,
                    fontweight="bold" if with_limits else "normal", va="center", gid=f"row:{row.option_id}")
        if with_limits:
            canvas.text(NAME_X + 0.15, y - 0.14, f"Key limits: {row.key_limits}", fontsize=SMALL,
                        style="italic", va="center", gid=f"limits:{row.option_id}")
    dot_y = [y + (0.1 if with_limits else 0) for y in ys]
    guides = []
    for scale_id in SCALE_X:
        last = len(scales[scale_id].levels) - 1
        guides += [[(_level_x(scale_id, 0), y), (_level_x(scale_id, last), y)] for y in dot_y]
    canvas.add(LineCollection(guides, colors=PALETTE["grey"], linewidths=1.0, gid="guides"))
    for scale_id, attribute in (("invasiveness", "invasiveness_rank"), ("recovery", "recovery_rank")):
        marker, colour = SCALE_MARKERS[scale_id]
        xs = [_level_x(scale_id, getattr(row, attribute)) for row in rows]
        canvas.add(Line2D(xs, dot_y, color=colour, marker=marker, markersize=9, linestyle="none",
                          markerfacecolor=colour, markeredgecolor=PALETTE["black"], markeredgewidth=0.8,
                          gid=f"dots:{scale_id}"))
    marker, colour = AIM_MARKER
    absent = []
    for position, aim in enumerate(catalogue.AIMS):
        x = _aim_x(position)
        have = [y for row, y in zip(rows, dot_y, strict=True) if aim in row.aims]
        absent += [[(x - 0.08, y), (x + 0.08, y)]
                   for row, y in zip(rows, dot_y, strict=True) if aim not in row.aims]
        canvas.add(Line2D([x] * len(have), have, color=colour, marker=marker, markersize=8, linestyle="none",
                          markerfacecolor=colour, markeredgecolor=PALETTE["black"], markeredgewidth=0.8,
                          gid=f"aims:{aim}"))
    canvas.add(LineCollection(absent, colors=PALETTE["grey"], linewidths=1.0, gid="aims:absent"))


def scale_key() -> str:
    """What the numbers on each scale mean, in the data's own words (shown in the caption)."""
    scales = catalogue.scales()
    parts = []
    for scale_id, title in SCALE_TITLES.items():
        levels = "; ".join(f"{rank + 1} = {label}" for rank, (_, label) in enumerate(scales[scale_id].levels))
        parts.append(f"{title}: {levels}.")
    return " ".join(parts)


def _height(rows: list[TradeoffRow], row_height: float) -> float:
    return 0.45 + 0.7 + len(rows) * row_height + 0.1


def alt_text(rows: list[TradeoffRow], family: str | None) -> str:
    scales = catalogue.scales()
    what = ("all treatment options" if family is None
            else f"the options in the group '{catalogue.families()[family]}'")
    parts = []
    for row in rows:
        aims = ", ".join(catalogue.AIMS[aim] for aim in row.aims)
        text = (f"{row.name}: invasiveness {row.invasiveness_rank + 1} of "
                f"{len(scales['invasiveness'].levels)} ({row.invasiveness_label}); "
                f"recovery {row.recovery_rank + 1} of {len(scales['recovery'].levels)} ({row.recovery_label}); "
                f"aim: {aims}")
        if family is not None:
            text += f"; key limits: {row.key_limits}"
        parts.append(text)
    return (f"Chart comparing {what}. For each option a dot shows how invasive it is and another how long "
            f"recovery takes, each on a numbered scale where 1 is the least, and diamonds mark its aims. "
            + ". ".join(parts) + ".")


def tradeoff_chart_figure(family: str | None = None) -> AccessibleFigure:
    """All options (``family=None``) or one family's options with their key limits written out."""
    rows = tradeoff_rows(family)
    with_limits = family is not None
    row_height = ROW_FAMILY if with_limits else ROW_OVERVIEW
    height = _height(rows, row_height)
    with course_style():
        figure = new_figure(WIDTH, height)
        canvas = Canvas(figure, WIDTH, height)
        title = "Treatment options compared" if family is None else catalogue.families()[family]
        canvas.text(NAME_X, height - 0.1, title, fontsize=14, fontweight="bold", va="top", gid="title")
        top = _header(canvas, height - 0.5) - row_height / 2
        _rows(canvas, rows, top, row_height, with_limits)
    note = "Grey bands group the options by family. " if family is None else ""
    caption = (f"{note}Blue circles show how invasive each option is and orange squares how long "
               "recovery takes: further right means more. Green diamonds mark each option's aims; a dash "
               f"means not an aim. {scale_key()}")
    return AccessibleFigure(figure, alt=alt_text(rows, family), caption=caption)
