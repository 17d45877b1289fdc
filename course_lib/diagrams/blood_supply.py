"""The liver's two blood supplies, and what each treatment given through a vessel does to them.

``blood_supply_figure(treatment)`` draws the portal vein and the hepatic artery entering a
schematic liver with a metastasis. With a treatment chosen it shows which vessel is used,
whether its branch to the tumour side is blocked, where the particles, drug or beads end up
and what happens to the tumour and to the normal liver. All wording comes from
data/liver_anatomy.yaml; this module holds only shapes, positions and styles.

Artists carry ``gid`` labels so that tests can inspect the drawing:
``vessel:<vessel id>:<trunk|tumour_side|other_side>``, ``block:<vessel id>``,
``catheter:<vessel id>``, ``agent:<what travels>``, ``tumour``, ``liver``,
``liver:blocked_side``.
"""

from __future__ import annotations

from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, Polygon, Rectangle

from ..figures import HATCHES, PALETTE, AccessibleFigure, course_style, new_figure
from . import anatomy
from .drawing import NORMAL, SMALL, Canvas, smooth_closed, wrap, xy

# ---- geometry (data units; the patient's right is on the viewer's left, as in a front view) ----
LIVER_OUTLINE = [(0.5, 4.8), (1.4, 6.1), (3.4, 6.6), (5.6, 6.5), (7.6, 6.0), (8.6, 5.3), (8.3, 4.6),
                 (6.6, 3.9), (5.0, 3.05), (3.6, 2.6), (2.0, 2.6), (0.9, 3.2)]
TUMOUR_CENTRE, TUMOUR_RADIUS = (2.3, 5.05), 0.62
# Each vessel: trunk from below the liver to the hilum, then a branch to each side.
VESSEL_PATHS = {
    "portal_vein": {
        "trunk": [(3.5, 0.9), (3.75, 2.2), (3.9, 3.0)],
        "tumour_side": [(3.9, 3.0), (2.9, 3.55), (1.4, 3.95)],
        "other_side": [(3.9, 3.0), (5.3, 3.75), (7.2, 4.6)],
    },
    "hepatic_artery": {
        "trunk": [(5.4, 0.9), (5.0, 2.2), (4.5, 3.1)],
        "tumour_side": [(4.5, 3.1), (3.5, 4.0), (2.75, 4.62)],
        "other_side": [(4.5, 3.1), (5.6, 4.25), (7.0, 5.0)],
    },
}
VESSEL_STYLE = {  # width in points; the artery is dashed so it differs by more than colour
    "portal_vein": {"color": PALETTE["blue"], "linewidth": 11, "linestyle": "-"},
    "hepatic_artery": {"color": PALETTE["vermillion"], "linewidth": 5, "linestyle": (0, (3, 1))},
}
BLOCK_AT = {"portal_vein": (2.9, 3.55), "hepatic_artery": (3.5, 4.0)}
CATHETER_TIP = {"hepatic_artery": (3.65, 3.86)}
# Where lodged material is drawn: a fixed pattern, so the figure is the same on every run.
LODGED_OFFSETS = [(-0.3, 0.2), (0.0, 0.3), (0.28, 0.12), (-0.18, -0.15), (0.12, -0.28), (0.3, -0.12),
                  (-0.35, -0.05), (0.02, 0.02)]
PORTAL_PLUG_POINTS = [(2.7, 3.62), (2.45, 3.7), (2.2, 3.77)]
AGENT_STYLE = {
    "particles": [{"marker": "s", "markersize": 6, "color": PALETTE["black"], "label": "particles"}],
    "drug": [{"marker": "^", "markersize": 8, "color": PALETTE["bluish_green"], "label": "drug"}],
    "drug_and_particles": [
        {"marker": "^", "markersize": 8, "color": PALETTE["bluish_green"], "label": "drug"},
        {"marker": "s", "markersize": 6, "color": PALETTE["black"], "label": "particles"}],
    "radioactive_beads": [{"marker": "*", "markersize": 12, "color": PALETTE["yellow"], "label": "beads"}],
    "plug": [{"marker": "s", "markersize": 8, "color": PALETTE["black"], "label": "plug"}],
}
AGENT_WORDS = {"particles": "black squares", "drug": "green triangles",
               "drug_and_particles": "green triangles (drug) and black squares (particles)",
               "radioactive_beads": "yellow stars", "plug": "black squares"}
# The dividing line between the tumour side of the liver and the side that would be kept.
MIDLINE = [(4.7, 7.0), (3.9, 2.0)]
TUMOUR_HATCH = {False: HATCHES[0], True: HATCHES[3]}  # plain when untreated, "xxx" when treated
BLOCKED_SIDE_HATCH = HATCHES[1]
LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": PALETTE["white"], "edgecolor": "none", "alpha": 0.8}

FIG_SIZE = (9.0, 5.4)
XMAX, YMIN, YMAX = 12.6, -0.5, 7.06  # equal scaling: 0.714 in per unit both ways
COLUMN_X = 9.35
BLOCK_LABEL_AT = {"portal_vein": (2.6, 3.05), "hepatic_artery": (3.9, 4.45)}


def _vessel_lines(canvas, treatment):
    for vessel_id, parts in VESSEL_PATHS.items():
        style = VESSEL_STYLE[vessel_id]
        blocked = treatment is not None and treatment.vessel_blocked and treatment.vessel == vessel_id
        for part, points in parts.items():
            xs, ys = xy(points)
            downstream = blocked and part == "tumour_side"
            line = Line2D(xs, ys, color=style["color"], linewidth=style["linewidth"],
                          linestyle=(0, (0.5, 0.5)) if downstream else style["linestyle"],
                          alpha=0.6 if downstream else 1.0, solid_capstyle="round",
                          dash_capstyle="butt", zorder=3 if vessel_id == "hepatic_artery" else 2,
                          gid=f"vessel:{vessel_id}:{part}")
            canvas.add(line)


def _marker(xs, ys, style, **kwargs) -> Line2D:
    """Markers only (no line), in one of the AGENT_STYLE styles."""
    return Line2D(xs, ys, linestyle="none", color=style["color"], marker=style["marker"],
                  markersize=style["markersize"], markerfacecolor=style["color"],
                  markeredgecolor=PALETTE["black"], markeredgewidth=0.8, **kwargs)


def _tumour_points():
    cx, cy = TUMOUR_CENTRE
    return [(cx + dx * TUMOUR_RADIUS / 0.45, cy + dy * TUMOUR_RADIUS / 0.45) for dx, dy in LODGED_OFFSETS]


def _draw_treatment(canvas, treatment, liver):
    vessel = treatment.vessel
    if vessel == "hepatic_artery":
        # The catheter (a thin black line inside the artery) arrives from below, as in the
        # catheter-route diagram. How the portal vein is reached is not drawn.
        trunk = VESSEL_PATHS[vessel]["trunk"]
        path = [trunk[0], trunk[-1], CATHETER_TIP[vessel]]
        xs, ys = xy(path)
        canvas.add(Line2D(xs, ys, color=PALETTE["black"], linewidth=1.8, zorder=5, gid=f"catheter:{vessel}"))
        canvas.add(Line2D([5.3, 6.0], [1.6, 1.85], color=PALETTE["black"], linewidth=0.8))
        canvas.text(6.05, 1.9, "catheter", fontsize=SMALL, ha="left", va="center", zorder=8,
                    gid="label:catheter")
    if treatment.vessel_blocked:
        bx, by = BLOCK_AT[vessel]
        canvas.add(Line2D([bx], [by], marker="X", markersize=16, color=PALETTE["black"],
                          markeredgecolor=PALETTE["white"], markeredgewidth=1.0, linestyle="none",
                          zorder=7, gid=f"block:{vessel}"))
        lx, ly = BLOCK_LABEL_AT[vessel]
        canvas.text(lx, ly, "blocked", fontsize=SMALL, fontweight="bold", ha="center", va="center", zorder=8,
                    gid=f"label:block:{vessel}")
    points = _tumour_points() if treatment.lodges_in == "tumour" else PORTAL_PLUG_POINTS
    styles = AGENT_STYLE[treatment.travels]
    for index, style in enumerate(styles):
        xs, ys = xy(points[index::len(styles)])
        canvas.add(_marker(xs, ys, style, zorder=6, gid=f"agent:{style['label']}"))
    if treatment.liver_response == "regrows":
        blocked_side = Polygon([(-1, 8), MIDLINE[0], MIDLINE[1], (-1, 0)], closed=True,
                               facecolor=PALETTE["grey"], alpha=0.5, hatch=BLOCKED_SIDE_HATCH,
                               edgecolor=PALETTE["black"], linewidth=0, zorder=1.5, gid="liver:blocked_side")
        canvas.add(blocked_side)
        blocked_side.set_clip_path(liver)
        bold = {"fontsize": SMALL, "fontweight": "bold", "ha": "center", "va": "center", "zorder": 8}
        canvas.text(1.6, 3.05, "this side\nshrinks", bbox=LABEL_BOX, gid="label:liver:shrinks", **bold)
        canvas.text(8.3, 3.75, "this side\ngrows", gid="label:liver:grows", **bold)
        canvas.add(FancyArrowPatch((8.1, 4.05), (7.6, 5.2), arrowstyle="->", mutation_scale=12,
                                   color=PALETTE["black"], linewidth=1.0, zorder=8))


def _labels(canvas):
    vessels, tissues = anatomy.vessels(), anatomy.tissues()
    for vessel_id, (x, ha) in {"portal_vein": (3.3, "right"), "hepatic_artery": (5.6, "left")}.items():
        vessel = vessels[vessel_id]
        canvas.text(x, 0.85, f"{vessel.name.capitalize()}, {vessel.comes_from}:\n"
                    f"{vessel.inflow_text} of the blood\nthat comes in", fontsize=SMALL, ha=ha, va="top",
                    gid=f"label:{vessel_id}")
    for tissue_id, x, ha in (("normal_liver", 6.5, "center"), ("tumour", 3.15, "left")):
        tissue = tissues[tissue_id]
        feeder = vessels[tissue.fed_mainly_by].name
        canvas.text(x, 5.6, f"{tissue.name.capitalize()}:\nfed mainly by the\n{feeder}", fontsize=SMALL,
                    ha=ha, va="center", bbox=LABEL_BOX, zorder=8, gid=f"label:{tissue_id}")


def _status_column(canvas, treatment):
    """Four short facts down the right-hand side, each a heading and a few words."""
    x, y = COLUMN_X, 6.3
    if treatment is None:
        _inflow_bar(canvas, x, y)
        rows = [("Treatment", "none chosen: choose one to see what it does")]
        y -= 2.3
    else:
        vessel = anatomy.vessels()[treatment.vessel]
        state = "branch blocked" if treatment.vessel_blocked else "left open"
        rows = [("Goes into", f"{vessel.name} ({state})"), ("Carries", treatment.travels_short),
                ("Tumour", treatment.tumour_short), ("Normal liver", treatment.liver_short)]
    for heading, body in rows:
        canvas.text(x, y, heading, fontsize=NORMAL, fontweight="bold", va="top",
                    gid=f"status:{heading}:heading")
        y -= 0.33
        wrapped = wrap(body, 24)
        canvas.text(x, y, wrapped, fontsize=SMALL, va="top", linespacing=1.2, gid=f"status:{heading}")
        y -= 0.24 * (wrapped.count("\n") + 1) + 0.3
        if treatment is not None and heading == "Carries":
            for index, style in enumerate(AGENT_STYLE[treatment.travels]):
                canvas.add(_marker([x + 0.15 + 0.4 * index], [y + 0.02], style,
                                   gid=f"status:marker:{style['label']}"))
            y -= 0.5


def _inflow_bar(canvas, x, y):
    """A bar from 0 to 100 % of the blood coming in: portal vein, the disputed band, hepatic artery."""
    pv, ha = anatomy.vessels()["portal_vein"], anatomy.vessels()["hepatic_artery"]
    canvas.text(x, y, "Share of blood coming in", fontsize=NORMAL, fontweight="bold", va="top",
                gid="inflow:heading")
    width, top, height = 3.0, y - 0.45, 0.4
    scale = width / 100
    parts = [("portal_vein", 0, pv.inflow_percent_low, VESSEL_STYLE["portal_vein"]["color"], ""),
             ("sources_differ", pv.inflow_percent_low, pv.inflow_percent_high, PALETTE["white"], HATCHES[1]),
             ("hepatic_artery", pv.inflow_percent_high, 100, VESSEL_STYLE["hepatic_artery"]["color"], "")]
    for name, start, end, colour, hatch in parts:
        canvas.add(Rectangle((x + start * scale, top - height), (end - start) * scale, height,
                             facecolor=colour, hatch=hatch, edgecolor=PALETTE["black"], linewidth=0.8,
                             gid=f"inflow:{name}"))
    canvas.text(x, top - height - 0.12, f"{pv.name}\n{pv.inflow_text}", fontsize=SMALL, va="top",
                gid="inflow:label:portal_vein")
    canvas.text(x + width, top - height - 0.12, f"{ha.name}\n{ha.inflow_text}", fontsize=SMALL,
                va="top", ha="right", gid="inflow:label:hepatic_artery")
    canvas.text(x, top - height - 0.75, "striped: sources differ", fontsize=SMALL, va="top", style="italic",
                gid="inflow:label:sources_differ")


def explanation(treatment: str | None = None) -> list[tuple[str, str]]:
    """(heading, text) pairs that explain the figure in full sentences, for the page beside it."""
    vessels, tissues = anatomy.vessels(), anatomy.tissues()
    chosen = None if treatment is None else anatomy.treatment(treatment)
    if chosen is None:
        rows = [("Two ways in", anatomy.baseline()["summary"])]
        rows += [(v.name.capitalize(), f"{v.plain.capitalize()}. It brings {v.inflow_text} of the blood "
                  "that enters the liver.") for v in vessels.values()]
        rows += [(t.name.capitalize(), t.note) for t in tissues.values()]
    else:
        vessel = vessels[chosen.vessel]
        action = ("Its branch to the tumour side is blocked." if chosen.vessel_blocked
                  else "The vessel is left open.")
        rows = [("Also called", f"{chosen.also_called}."),
                ("Vessel used", f"The {vessel.name}: {vessel.plain}. {action}"),
                ("What travels", f"{chosen.travels_label.capitalize()}, drawn as "
                                 f"{AGENT_WORDS[chosen.travels]}."),
                ("Tumour", chosen.tumour_effect), ("Normal liver", chosen.liver_effect)]
    rows.append(("How to read the picture", _key(chosen)))
    return rows


def _key(treatment) -> str:
    key = ("The liver is drawn as seen from the front, with the patient's right on your left. The thick "
           "solid blue line is the portal vein; the thinner dashed orange-red line is the hepatic artery. "
           "The plain purple circle is the tumour")
    key += (", cross-hatched when it is treated." if treatment is not None and treatment.tumour_treated
            else ".")
    if treatment is not None and treatment.vessel == "hepatic_artery":
        key += " The thin black line inside the artery is the catheter."
    if treatment is not None and treatment.vessel_blocked:
        key += " A black cross marks the block; the faded striped vessel beyond it carries no blood."
    if treatment is not None and treatment.liver_response == "regrows":
        key += " Grey stripes mark the side of the liver that shrinks."
    if treatment is None:
        key += (" In the bar on the right, blue is the portal vein's share of the blood coming in, "
                "orange-red the hepatic artery's, and the striped middle the part on which sources disagree.")
    return key


def alt_text(treatment_id: str | None) -> str:
    vessels, tissues = anatomy.vessels(), anatomy.tissues()
    pv, ha = vessels["portal_vein"], vessels["hepatic_artery"]
    text = (f"Diagram of the liver and its two blood supplies. The {pv.name}, {pv.comes_from}, brings "
            f"{pv.inflow_text} of the blood coming in and mainly feeds the {tissues['normal_liver'].name}. "
            f"The {ha.name}, {ha.comes_from}, brings {ha.inflow_text} and mainly feeds the "
            f"{tissues['tumour'].name}.")
    if treatment_id is None:
        return text + " No treatment is shown."
    treatment = anatomy.treatment(treatment_id)
    vessel = vessels[treatment.vessel]
    where = ("the tumour" if treatment.lodges_in == "tumour"
             else f"the {vessel.name} branch on the tumour side")
    blocked = (f"The {vessel.name} branch on the tumour side is shown blocked."
               if treatment.vessel_blocked else f"The {vessel.name} is left open.")
    return (f"{text} Treatment shown: {treatment.name}. It goes into the {vessel.name} and carries "
            f"{treatment.travels_label}, which end up in {where}. {blocked} "
            f"Tumour: {treatment.tumour_short}. Normal liver: {treatment.liver_short}.")


def blood_supply_figure(treatment: str | None = None) -> AccessibleFigure:
    """The liver's two blood supplies, with ``treatment`` (an id in data/liver_anatomy.yaml) or none."""
    chosen = None if treatment is None else anatomy.treatment(treatment)
    with course_style():
        figure = new_figure(*FIG_SIZE)
        canvas = Canvas(figure, XMAX, YMAX - YMIN, y0=YMIN)
        title = anatomy.baseline()["title"] if chosen is None else chosen.name
        canvas.text(0.15, YMAX - 0.15, title, fontsize=14, fontweight="bold", va="top", gid="title")
        outline = smooth_closed(LIVER_OUTLINE)
        liver = Polygon(outline, closed=True, facecolor=PALETTE["orange"], alpha=0.3, edgecolor="none",
                        zorder=1, gid="liver")
        canvas.add(liver)
        canvas.add(Polygon(outline, closed=True, fill=False, edgecolor=PALETTE["black"], linewidth=1.5,
                           zorder=1.6))
        treated = chosen is not None and chosen.tumour_treated
        canvas.add(Circle(TUMOUR_CENTRE, TUMOUR_RADIUS, facecolor=PALETTE["reddish_purple"],
                          edgecolor=PALETTE["black"], linewidth=1.2, hatch=TUMOUR_HATCH[treated],
                          zorder=4, gid="tumour"))
        _vessel_lines(canvas, chosen)
        if chosen is not None:
            _draw_treatment(canvas, chosen, liver)
        _labels(canvas)
        _status_column(canvas, chosen)
    caption = anatomy.baseline()["caption"] if chosen is None else chosen.caption
    return AccessibleFigure(figure, alt=alt_text(treatment), caption=caption)


def choices() -> list[tuple[str, str | None]]:
    """(label, value) pairs for a widget: no treatment first, then each treatment."""
    return [("No treatment", None)] + [(t.name, t.id) for t in anatomy.treatments().values()]
