"""The eight Couinaud segments in a schematic front view, with the segments to be removed shaded.

``liver_segments_figure(removed)`` draws the segments, shades and hatches the removed ones,
and reports the share of the liver that would be left (from typical segment sizes) against
the minimum for each state of the liver. Segment sizes come from data/liver_anatomy.yaml and
the minimums from data/liver_remnant.yaml (through remnant_calculator); this module holds
only shapes and positions.

Artists carry ``gid`` labels for tests: ``segment:<id>`` (the segment's patch),
``segment_label:<id>``, ``remnant_percent``, ``gauge:<state id>:marker``, ``gauge:<state id>:status``.
"""

from __future__ import annotations

from collections.abc import Iterable

from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, Polygon, Rectangle

from ..figures import HATCHES, PALETTE, AccessibleFigure, course_style, new_figure
from . import anatomy
from .drawing import NORMAL, SMALL, Canvas, smooth_closed, xy
from .remnant_calculator import STATUS_WORDS, RemnantResult, remnant_after

FIG_SIZE = (9.0, 6.2)
XMAX, YMAX = 13.5, 9.3  # 0.667 in per unit both ways
OFFSET, SCALE = (0.1, 3.2), 0.92  # where, and how big, the liver drawing's own frame sits in the figure

# ---- the liver drawing, in its own frame. Front view: the patient's right is on the viewer's left ----
OUTLINE = [(0.3, 3.6), (0.8, 5.0), (2.0, 5.8), (3.8, 6.0), (5.6, 5.9), (7.4, 5.5), (9.0, 4.8), (9.8, 4.25),
           (9.3, 3.85), (7.6, 3.3), (6.2, 2.5), (4.8, 1.4), (3.4, 0.8), (2.0, 0.75), (0.9, 1.4), (0.35, 2.5)]
# Boundaries: (x at the top y=7, x at the bottom y=-1).
RIGHT_HEPATIC_VEIN = (2.95, 2.05)  # right front (V, VIII) | right back (VI, VII)
MIDDLE_HEPATIC_VEIN = (5.55, 4.15)  # Cantlie line: right half (V-VIII) | left half (II-IV)
FALCIFORM = (7.4, 6.4)  # umbilical fissure: left medial (IV) | left lateral (II, III)
RIGHT_PLANE_Y = 3.3  # upper (VII, VIII) | lower (VI, V)
LEFT_PLANE = ((4.05,), (4.25,))  # II above | III below: y at the falciform line and at x=11
CAUDATE = ((5.05, 4.95), 1.05, 0.72)
CAUDATE_LABEL_BOX = {"boxstyle": "round,pad=0.1", "facecolor": PALETTE["white"], "edgecolor": "none", "alpha": 0.7}
LABEL_AT = {"I": (5.05, 4.95), "II": (8.3, 4.55), "III": (7.35, 3.45), "IV": (6.05, 3.75),
            "V": (3.35, 2.0), "VI": (1.35, 2.25), "VII": (1.45, 4.55), "VIII": (4.05, 4.65)}
KEPT_STYLE = {"facecolor": PALETTE["bluish_green"], "alpha": 0.35, "hatch": HATCHES[0]}
REMOVED_STYLE = {"facecolor": PALETTE["vermillion"], "alpha": 0.75, "hatch": HATCHES[1]}
ZONE_STYLE = {"too small": (PALETTE["vermillion"], HATCHES[6]), "borderline": (PALETTE["yellow"], HATCHES[4]),
              "adequate": (PALETTE["bluish_green"], HATCHES[0])}
GAUGE_X0, GAUGE_WIDTH = 3.2, 7.6  # the 0-100 % scale of the bottom panel


def _x_on(line: tuple[float, float], y: float) -> float:
    top, bottom = line
    return bottom + (top - bottom) * (y + 1) / 8


def segment_polygons() -> dict[str, list[tuple[float, float]]]:
    """Each segment (except I, an ellipse) as a polygon reaching past the outline, which clips it."""
    rhv, mhv, fal, y = RIGHT_HEPATIC_VEIN, MIDDLE_HEPATIC_VEIN, FALCIFORM, RIGHT_PLANE_Y
    y_left_inner, y_left_outer = LEFT_PLANE[0][0], LEFT_PLANE[1][0]
    return {
        "II": [(_x_on(fal, 7), 7), (12, 7), (12, y_left_outer), (_x_on(fal, y_left_inner), y_left_inner)],
        "III": [(_x_on(fal, y_left_inner), y_left_inner), (12, y_left_outer), (12, -1), (_x_on(fal, -1), -1)],
        "IV": [(_x_on(mhv, 7), 7), (_x_on(fal, 7), 7), (_x_on(fal, -1), -1), (_x_on(mhv, -1), -1)],
        "V": [(_x_on(rhv, y), y), (_x_on(mhv, y), y), (_x_on(mhv, -1), -1), (_x_on(rhv, -1), -1)],
        "VI": [(-1, y), (_x_on(rhv, y), y), (_x_on(rhv, -1), -1), (-1, -1)],
        "VII": [(-1, 7), (_x_on(rhv, 7), 7), (_x_on(rhv, y), y), (-1, y)],
        "VIII": [(_x_on(rhv, 7), 7), (_x_on(mhv, 7), 7), (_x_on(mhv, y), y), (_x_on(rhv, y), y)],
    }


def _shift(points):
    dx, dy = OFFSET
    return [(x * SCALE + dx, y * SCALE + dy) for x, y in points]


def _draw_liver(canvas, result: RemnantResult) -> None:
    sizes = anatomy.segments()
    outline = Polygon(_shift(smooth_closed(OUTLINE, samples=8)), closed=True, facecolor="none",
                      edgecolor=PALETTE["black"], linewidth=1.6, zorder=4, gid="liver_outline")
    canvas.add(outline)
    polygons = segment_polygons()
    dashed = {"edgecolor": PALETTE["black"], "linewidth": 1.0, "linestyle": "--", "zorder": 3}
    for segment_id in anatomy.SEGMENT_IDS:
        style = REMOVED_STYLE if segment_id in result.removed else KEPT_STYLE
        common = {"edgecolor": PALETTE["black"], "linewidth": 0, "gid": f"segment:{segment_id}", **style}
        if segment_id == "I":  # the caudate lobe lies at the back: drawn over the others, dashed
            centre, width, height = CAUDATE
            centre, width, height = _shift([centre])[0], width * SCALE, height * SCALE
            canvas.add(Ellipse(centre, width, height, facecolor=PALETTE["white"], zorder=2.4))
            canvas.add(Ellipse(centre, width, height, zorder=2.5, **common))
            canvas.add(Ellipse(centre, width, height, facecolor="none", **dashed))
        else:
            patch = canvas.add(Polygon(_shift(polygons[segment_id]), closed=True, zorder=2, **common))
            patch.set_clip_path(outline)
        x, y = _shift([LABEL_AT[segment_id]])[0]
        small = segment_id == "I"  # the caudate lobe is small and crossed by a boundary: boxed label
        canvas.text(x, y, f"{segment_id}\n{sizes[segment_id].typical_percent:g}%", fontsize=SMALL if small else NORMAL,
                    fontweight="bold", ha="center", va="center", linespacing=1.0, zorder=5,
                    bbox=CAUDATE_LABEL_BOX if small else None, gid=f"segment_label:{segment_id}")
    boundaries = [[(_x_on(line, 7), 7), (_x_on(line, -1), -1)]
                  for line in (RIGHT_HEPATIC_VEIN, MIDDLE_HEPATIC_VEIN, FALCIFORM)]
    boundaries.append([(-1, RIGHT_PLANE_Y), (_x_on(MIDDLE_HEPATIC_VEIN, RIGHT_PLANE_Y), RIGHT_PLANE_Y)])
    boundaries.append([(_x_on(FALCIFORM, LEFT_PLANE[0][0]), LEFT_PLANE[0][0]), (12, LEFT_PLANE[1][0])])
    for points in boundaries:
        line = canvas.add(Line2D(*xy(_shift(points)), color=PALETTE["black"], linewidth=1.0, linestyle="--",
                                 zorder=3))
        line.set_clip_path(outline)


def _readout(canvas, result: RemnantResult) -> None:
    x = 9.9
    canvas.text(x, 8.45, "Left after surgery", fontsize=NORMAL, fontweight="bold", va="top",
                gid="readout:heading")
    canvas.text(x, 8.0, f"{result.remnant_percent:g}%", fontsize=24, fontweight="bold", va="top",
                gid="remnant_percent")
    canvas.text(x, 7.1, "of the liver, with\ntypical sizes", fontsize=SMALL, va="top", linespacing=1.15,
                gid="readout:note")
    for row, (label, style) in enumerate((("kept", KEPT_STYLE), ("removed", REMOVED_STYLE))):
        y = 6.05 - row * 0.6
        canvas.add(Rectangle((x, y - 0.2), 0.55, 0.4, edgecolor=PALETTE["black"], linewidth=0.8,
                             gid=f"legend:{label}", **style))
        canvas.text(x + 0.75, y, label, fontsize=SMALL, va="center", gid=f"legend_label:{label}")


def _status_word(status: str) -> str:
    return STATUS_WORDS[status].split(" (")[0]


def _gauges(canvas, result: RemnantResult) -> None:
    """One bar per liver state: its minimum zones (hatched) and a black marker at the remnant."""
    scale = GAUGE_WIDTH / 100
    short = anatomy.liver_state_short_labels()
    for row, verdict in enumerate(result.verdicts):
        state = verdict.state
        y = 2.75 - row * 0.8
        canvas.text(0.2, y, f"{short.get(state.id, state.label)}\nminimum {state.minimum_text}",
                    fontsize=SMALL, va="center", linespacing=1.1, gid=f"gauge:{state.id}:label")
        zones = (("too small", 0, state.too_small_below),
                 ("borderline", state.too_small_below, state.adequate_from),
                 ("adequate", state.adequate_from, 100))
        for status, start, end in zones:
            if end <= start:
                continue
            colour, hatch = ZONE_STYLE[status]
            canvas.add(Rectangle((GAUGE_X0 + start * scale, y - 0.2), (end - start) * scale, 0.4,
                                 facecolor=colour, alpha=0.45, hatch=hatch, edgecolor=PALETTE["black"],
                                 linewidth=0, gid=f"gauge:{state.id}:{status}"))
        canvas.add(Rectangle((GAUGE_X0, y - 0.2), GAUGE_WIDTH, 0.4, facecolor="none",
                             edgecolor=PALETTE["black"], linewidth=0.8))
        marker_x = GAUGE_X0 + result.remnant_percent * scale
        canvas.add(Line2D([marker_x, marker_x], [y - 0.3, y + 0.3], color=PALETTE["black"], linewidth=3,
                          gid=f"gauge:{state.id}:marker"))
        canvas.text(GAUGE_X0 + GAUGE_WIDTH + 0.25, y, _status_word(verdict.status), fontsize=NORMAL,
                    fontweight="bold", va="center", gid=f"gauge:{state.id}:status")
    y = 2.75 - 2 * 0.8 - 0.3
    for percent, ha in ((0, "left"), (100, "right")):
        canvas.text(GAUGE_X0 + percent * scale, y, f"{percent}%", fontsize=SMALL, ha=ha, va="top")
    x = GAUGE_X0 + 1.2
    for status in ("too small", "borderline", "adequate"):  # the key to the zones' hatching
        colour, hatch = ZONE_STYLE[status]
        canvas.add(Rectangle((x, y - 0.42), 0.45, 0.32, facecolor=colour, alpha=0.45, hatch=hatch,
                             edgecolor=PALETTE["black"], linewidth=0.6, gid=f"gauge_key:{status}"))
        word = _status_word(status)
        canvas.text(x + 0.55, y - 0.26, word, fontsize=SMALL, va="center", gid=f"gauge_key_label:{status}")
        x += 0.95 + 0.13 * len(word)


def alt_text(result: RemnantResult) -> str:
    if result.removed:
        removed = (f"Segment{'s' if len(result.removed) > 1 else ''} {', '.join(result.removed)} "
                   f"{'are' if len(result.removed) > 1 else 'is'} shaded and hatched as removed.")
    else:
        removed = "No segment is marked for removal."
    verdicts = "; ".join(f"for {v.state.label}, {STATUS_WORDS[v.status]}" for v in result.verdicts)
    return (f"Front view of the liver divided into its eight segments, numbered I to VIII, each labelled "
            f"with its typical share of the liver. {removed} About {result.remnant_percent:g} per cent of "
            f"the liver would be left, using typical segment sizes. Compared with the minimum: {verdicts}.")


def liver_segments_figure(removed: Iterable[str] = ()) -> AccessibleFigure:
    """The eight segments with ``removed`` (e.g. ``["V", "VI", "VII", "VIII"]``) shaded as removed."""
    result = remnant_after(removed)
    with course_style():
        figure = new_figure(*FIG_SIZE)
        canvas = Canvas(figure, XMAX, YMAX)
        canvas.text(0.15, YMAX - 0.12, "Liver segments (front view)", fontsize=14, fontweight="bold",
                    va="top", gid="title")
        _draw_liver(canvas, result)
        _readout(canvas, result)
        _gauges(canvas, result)
    return AccessibleFigure(figure, alt=alt_text(result), caption=caption(result))


def caption(result: RemnantResult) -> str:
    if result.removed:
        which = f"segment{'s' if len(result.removed) > 1 else ''} {', '.join(result.removed)}"
        first = (f"Removing {which} would leave about {result.remnant_percent:g} per cent of the liver, "
                 "using typical segment sizes.")
    else:
        first = "Nothing is removed, so all of the liver stays."
    key = ("Segments to be removed are orange with diagonal stripes; kept segments are plain green. In each "
           "bar, the squared part is too small, the striped part borderline and the plain green part enough; "
           "the thick black line marks what would be left.")
    return f"{first} {key} {anatomy.segment_volumes_note()}"
