"""The catheter route: from the groin (femoral artery) up the aorta to the hepatic artery.

A schematic front view of the body. Wording comes from data/liver_anatomy.yaml; this module
holds shapes and positions only. Artists carry ``gid`` labels for tests: ``artery:<name>``,
``catheter``, ``step:<place>`` (the numbered marker) and ``step_label:<place>``.
"""

from __future__ import annotations

from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Ellipse, Polygon

from ..figures import PALETTE, AccessibleFigure, course_style, new_figure
from . import anatomy
from .drawing import NORMAL, SMALL, Canvas, smooth_closed, xy

FIG_SIZE = (8.0, 6.0)
XMAX, YMAX = 12.0, 9.0  # 0.667 in per unit both ways

# The patient faces us, so the patient's right (where the liver is) is on the viewer's left.
BODY = [(2.2, 8.0), (3.8, 8.0), (5.3, 7.5), (5.4, 5.0), (5.0, 2.6), (4.8, 0.2), (3.35, 0.2), (3.0, 2.2),
        (2.65, 0.2), (1.2, 0.2), (1.0, 2.6), (0.6, 5.0), (0.7, 7.5)]
HEAD = ((3.0, 8.55), 0.5)
LIVER = [(0.95, 6.2), (2.2, 6.55), (3.6, 6.35), (3.4, 5.85), (2.2, 5.3), (1.1, 5.35)]
HEART = ((3.35, 7.05), 0.75, 0.55)
ARTERIES = {  # centre lines
    "aorta": [(3.35, 6.8), (3.3, 5.6), (3.2, 3.3)],
    "right_leg": [(3.2, 3.3), (2.45, 2.55), (2.05, 0.3)],
    "left_leg": [(3.2, 3.3), (3.95, 2.55), (4.1, 0.3)],
    "branch_to_liver": [(3.3, 5.6), (2.8, 5.75), (2.1, 5.95)],
}
CATHETER = [(1.45, 2.05), (2.36, 2.05), (2.45, 2.55), (3.2, 3.3), (3.3, 5.6), (2.8, 5.75), (2.15, 5.95)]
STEP_AT = {"groin": (1.45, 2.05), "aorta": (3.25, 4.4), "branch": (3.3, 5.6), "liver": (2.15, 5.95)}
STEP_LABEL_Y = {"groin": 1.9, "aorta": 4.4, "branch": 5.35, "liver": 6.85}
LABEL_X = 6.1


def alt_text() -> str:
    route = anatomy.catheter_route()
    steps = " ".join(f"Step {number}: {step.text}" for number, step in enumerate(route["steps"], start=1))
    return (f"Front view of the body showing the catheter route. A black line runs from the groin on the "
            f"patient's right, up the aorta and into the artery of the liver. {steps}")


def catheter_route_figure() -> AccessibleFigure:
    """The route a catheter takes from the groin to the hepatic artery, in four numbered steps."""
    route = anatomy.catheter_route()
    outline = {"edgecolor": PALETTE["black"], "linewidth": 1.0}
    with course_style():
        figure = new_figure(*FIG_SIZE)
        canvas = Canvas(figure, XMAX, YMAX)
        canvas.text(0.15, YMAX - 0.15, route["title"], fontsize=14, fontweight="bold", va="top", gid="title")
        canvas.add(Polygon(smooth_closed(BODY, samples=8), closed=True, facecolor=PALETTE["grey"], alpha=0.18,
                           gid="body", **outline))
        canvas.add(Circle(*HEAD, facecolor=PALETTE["grey"], alpha=0.18, **outline))
        canvas.add(Polygon(smooth_closed(LIVER, samples=8), closed=True, facecolor=PALETTE["orange"],
                           alpha=0.55, gid="liver", **outline))
        canvas.add(Ellipse(*HEART, facecolor=PALETTE["reddish_purple"], alpha=0.6, gid="heart", **outline))
        canvas.text(1.05, 6.95, "liver", fontsize=SMALL, ha="left", va="bottom", gid="label:liver")
        canvas.text(4.15, 7.05, "heart", fontsize=SMALL, ha="left", va="center", gid="label:heart")
        for name, points in ARTERIES.items():
            width = 11 if name == "aorta" else 7
            canvas.add(Line2D(*xy(points), color=PALETTE["vermillion"], linewidth=width,
                              solid_capstyle="round", zorder=2, gid=f"artery:{name}"))
        canvas.add(Line2D(*xy(CATHETER), color=PALETTE["black"], linewidth=2.0, zorder=4, gid="catheter"))
        for number, step in enumerate(route["steps"], start=1):
            x, y = STEP_AT[step.place]
            canvas.add(Circle((x, y), 0.26, facecolor=PALETTE["white"], edgecolor=PALETTE["black"],
                              linewidth=1.4, zorder=5, gid=f"step:{step.place}"))
            canvas.text(x, y, str(number), fontsize=NORMAL, fontweight="bold", ha="center", va="center",
                        zorder=6)
            label_y = STEP_LABEL_Y[step.place]
            canvas.add(Line2D([x + 0.3, LABEL_X - 0.1], [y, label_y], color=PALETTE["grey"], linewidth=0.8))
            canvas.text(LABEL_X, label_y, f"{number}  {step.label}", fontsize=NORMAL, va="center", ha="left",
                        gid=f"step_label:{step.place}")
        canvas.text(LABEL_X, 8.2, "Seen from the front: the patient's\nright side is on your left.",
                    fontsize=SMALL, va="top", gid="orientation")
        canvas.text(LABEL_X, 0.5, "Key: thick orange-red lines = arteries;\nthin black line = catheter;\n"
                    "numbered circles = steps", fontsize=SMALL, va="bottom", style="italic", gid="key")
    caption = " ".join([f"{route['title']}.", *(step.text for step in route["steps"]), route["used_for"]])
    return AccessibleFigure(figure, alt=alt_text(), caption=caption)
