"""The blood-supply, catheter-route and segment figures, inspected as matplotlib objects.

The tests look at the artists (texts, patch colours and hatches, line styles, marker positions),
found through their ``gid`` labels, not at pixels. Expectations come from the fact sheet
(written out here by hand) or from the data files.
"""

from __future__ import annotations

import math

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from course_lib.diagrams import anatomy
from course_lib.diagrams.blood_supply import VESSEL_STYLE, blood_supply_figure
from course_lib.diagrams.catheter_route import catheter_route_figure
from course_lib.diagrams.liver_segments import REMOVED_STYLE, liver_segments_figure
from course_lib.figures import PALETTE, AccessibleFigure, MissingAltText
from course_lib.liver_remnant import liver_states

# What each treatment does, from the fact sheet (sections 4, 5.1, 5.3, 5.7-5.9):
# (vessel used, is its branch to the tumour blocked, where the material ends up, is the tumour treated)
EXPECTED = {
    "bland_embolization": ("hepatic_artery", True, "tumour", True),
    "chemoembolization": ("hepatic_artery", True, "tumour", True),
    "radioembolization": ("hepatic_artery", False, "tumour", True),  # works mainly by radiation [Joo18]
    "hepatic_arterial_infusion": ("hepatic_artery", False, "tumour", True),
    "portal_vein_embolization": ("portal_vein", True, "portal_branch", False),
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def by_gid(figure, gid):
    found = figure.findobj(lambda artist: artist.get_gid() == gid)
    assert len(found) <= 1, f"more than one artist called {gid!r}"
    return found[0] if found else None


def gids(figure, prefix):
    return {a.get_gid() for a in figure.findobj(lambda a: (a.get_gid() or "").startswith(prefix))}


def texts(figure):
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


def joined(figure):
    return " ".join(" ".join(texts(figure)).split())


def in_data_units(figure, artist, points):
    """Points of ``artist`` (in its own units) -> figure pixels, so shapes in other units compare."""
    return artist.get_transform().transform(np.asarray(points, dtype=float))


@pytest.fixture(scope="module")
def blood():
    return {choice: blood_supply_figure(choice) for choice in [None, *anatomy.treatments()]}


# ---- blood supply -------------------------------------------------------------------------------------

def test_every_treatment_in_the_fact_sheet_is_drawn(blood):
    assert set(EXPECTED) == set(anatomy.treatments())


def test_both_vessels_tissues_and_inflow_ranges_are_labelled(blood):
    text = joined(blood[None].figure)
    for needed in ("Portal vein", "Hepatic artery", "67–80%", "20–33%", "Normal liver", "fed mainly by the",
                   "Metastasis (tumour)", "from the gut", "from the aorta"):
        assert needed in text
    normal_label = by_gid(blood[None].figure, "label:normal_liver").get_text()
    tumour_label = by_gid(blood[None].figure, "label:tumour").get_text()
    assert normal_label.endswith("portal vein") and tumour_label.endswith("hepatic artery")


def test_inflow_bar_shows_the_disputed_band(blood):
    figure = blood[None].figure
    portal = by_gid(figure, "inflow:portal_vein")
    disputed = by_gid(figure, "inflow:sources_differ")
    artery = by_gid(figure, "inflow:hepatic_artery")
    total = portal.get_width() + disputed.get_width() + artery.get_width()
    assert portal.get_width() / total == pytest.approx(0.67)
    assert disputed.get_width() / total == pytest.approx(0.13)
    assert artery.get_width() / total == pytest.approx(0.20)
    assert disputed.get_hatch()  # the disputed band is told apart by hatching, not only colour


def test_no_treatment_draws_no_catheter_block_or_material(blood):
    figure = blood[None].figure
    assert not gids(figure, "catheter:") and not gids(figure, "block:") and not gids(figure, "agent:")


def _tumour_contains(figure, line):
    tumour = by_gid(figure, "tumour")
    centre = np.array(tumour.center)
    points = np.column_stack(line.get_data())
    return [math.dist(point, centre) < tumour.radius for point in points]


@pytest.mark.parametrize("treatment", list(EXPECTED))
def test_each_treatment_uses_blocks_and_delivers_as_described(blood, treatment):
    vessel, blocked, lodges_in, treated = EXPECTED[treatment]
    other = "portal_vein" if vessel == "hepatic_artery" else "hepatic_artery"
    figure = blood[treatment].figure
    # Blocked: a block marker on this vessel only, and its branch beyond the block drawn faded.
    assert (by_gid(figure, f"block:{vessel}") is not None) == blocked
    assert by_gid(figure, f"block:{other}") is None
    assert (by_gid(figure, f"vessel:{vessel}:tumour_side").get_alpha() < 1) == blocked
    assert by_gid(figure, f"vessel:{other}:tumour_side").get_alpha() == 1
    assert by_gid(figure, f"vessel:{vessel}:trunk").get_alpha() == 1  # blood still reaches the liver
    # Arterial treatments arrive through a catheter in the artery (the groin route).
    assert (by_gid(figure, "catheter:hepatic_artery") is not None) == (vessel == "hepatic_artery")
    # Where the particles, drug or beads end up.
    agents = figure.findobj(lambda a: (a.get_gid() or "").startswith("agent:"))
    assert agents
    for line in agents:
        inside = _tumour_contains(figure, line)
        assert all(inside) if lodges_in == "tumour" else not any(inside)
    # The tumour is cross-hatched when treated and plain when not.
    assert bool(by_gid(figure, "tumour").get_hatch()) == treated


def test_radioembolisation_beads_go_up_the_artery_and_lodge_in_the_tumour(blood):
    figure = blood["radioembolization"].figure
    beads = by_gid(figure, "agent:beads")
    assert beads is not None and all(_tumour_contains(figure, beads))
    assert by_gid(figure, "catheter:hepatic_artery") is not None
    assert not gids(figure, "block:")


def test_portal_vein_embolisation_blocks_the_portal_branch_and_shrinks_that_side(blood):
    figure = blood["portal_vein_embolization"].figure
    assert by_gid(figure, "block:portal_vein") is not None
    assert by_gid(figure, "block:hepatic_artery") is None
    plug = by_gid(figure, "agent:plug")
    branch = by_gid(figure, "vessel:portal_vein:tumour_side")
    bx, by = branch.get_data()
    for x, y in zip(*plug.get_data(), strict=True):  # every plug lies on the portal branch's path
        assert min(x for x in bx) <= x <= max(bx)
        assert y == pytest.approx(float(np.interp(x, bx[::-1], by[::-1])), abs=0.25)
    assert by_gid(figure, "liver:blocked_side").get_hatch()
    assert {"label:liver:shrinks", "label:liver:grows"} <= gids(figure, "label:liver:")
    assert "not treated" in joined(figure)


@pytest.mark.parametrize("treatment", list(EXPECTED))
def test_status_column_reads_from_the_data(blood, treatment):
    facts = anatomy.treatments()[treatment]
    text = joined(blood[treatment].figure)
    for part in (facts.name, facts.travels_short, facts.tumour_short, facts.liver_short):
        assert " ".join(part.split()) in text
    assert blood[treatment].caption == facts.caption


def test_alt_text_is_specific_to_each_choice(blood):
    alts = {choice: figure.alt for choice, figure in blood.items()}
    assert len(set(alts.values())) == len(alts)
    for choice, alt in alts.items():
        assert len(alt) > 80
        if choice is not None:
            assert anatomy.treatments()[choice].name in alt
    pve = alts["portal_vein_embolization"]
    assert "blocked" in pve and "portal vein branch" in pve
    assert "left open" in alts["radioembolization"]


def test_unknown_treatment_is_refused_with_the_allowed_choices():
    with pytest.raises(ValueError) as caught:
        blood_supply_figure("ablation")
    message = str(caught.value)
    assert "treatment" in message and "'ablation'" in message and "chemoembolization" in message


def test_vessels_differ_by_more_than_colour():
    portal, artery = VESSEL_STYLE["portal_vein"], VESSEL_STYLE["hepatic_artery"]
    assert portal["linestyle"] != artery["linestyle"] and portal["linewidth"] != artery["linewidth"]


# ---- catheter route ----------------------------------------------------------------------------------

def test_catheter_route_goes_from_the_groin_up_the_aorta_into_the_liver():
    result = catheter_route_figure()
    figure = result.figure
    catheter = by_gid(figure, "catheter")
    path = np.column_stack(catheter.get_data())
    start, end = path[0], path[-1]
    aorta = np.column_stack(by_gid(figure, "artery:aorta").get_data())
    groin_step = by_gid(figure, "step:groin").center
    assert start == pytest.approx(groin_step)
    assert start[1] < aorta[:, 1].min()  # starts below the aorta, at the groin
    assert path[:, 1].max() >= aorta[:, 1].min() + 2  # runs a long way up the aorta
    liver = by_gid(figure, "liver")
    assert liver.get_path().contains_point(end)  # the tip ends inside the liver
    assert not liver.get_path().contains_point(start)


def test_catheter_steps_are_numbered_and_labelled_in_order():
    figure = catheter_route_figure().figure
    steps = anatomy.catheter_route()["steps"]
    labels = [by_gid(figure, f"step_label:{step.place}").get_text() for step in steps]
    assert labels == [f"{number}  {step.label}" for number, step in enumerate(steps, start=1)]
    heights = [by_gid(figure, f"step:{step.place}").center[1] for step in steps[:3]]
    assert heights == sorted(heights)  # groin, then aorta, then the branch, going up the body
    assert "femoral artery" in labels[0] and "aorta" in labels[1]


def test_catheter_caption_and_alt_text_give_every_step_in_full():
    result = catheter_route_figure()
    for step in anatomy.catheter_route()["steps"]:
        assert step.text in result.alt and step.text in result.caption


# ---- segments and remnant -----------------------------------------------------------------------------

def _is_removed(patch):
    return (mcolors.to_hex(patch.get_facecolor()) == mcolors.to_hex(REMOVED_STYLE["facecolor"])
            and patch.get_hatch() == REMOVED_STYLE["hatch"])


@pytest.mark.parametrize("removed", [[], ["V", "VI", "VII", "VIII"], ["II", "III"], ["I"],
                                     ["I", "II", "III", "IV", "V", "VI", "VII"], ROMAN])
def test_shaded_segments_are_exactly_the_removed_ones(removed):
    figure = liver_segments_figure(removed).figure
    shaded = {s for s in ROMAN if _is_removed(by_gid(figure, f"segment:{s}"))}
    assert shaded == set(removed)
    for segment in ROMAN:  # kept and removed differ by hatching as well as colour
        patch = by_gid(figure, f"segment:{segment}")
        assert bool(patch.get_hatch()) == (segment in removed)


def test_every_segment_is_labelled_with_its_typical_share():
    figure = liver_segments_figure([]).figure
    for segment in anatomy.segments().values():
        label = by_gid(figure, f"segment_label:{segment.id}").get_text()
        assert label.split("\n") == [segment.id, f"{segment.typical_percent:g}%"]


def test_the_figure_reports_the_remnant_and_each_state():
    sizes = {s.id: s.typical_percent for s in anatomy.segments().values()}
    figure = liver_segments_figure(["V", "VI", "VII", "VIII"]).figure
    expected = sizes["I"] + sizes["II"] + sizes["III"] + sizes["IV"]
    assert by_gid(figure, "remnant_percent").get_text() == f"{expected:g}%"
    assert by_gid(figure, "gauge:normal:status").get_text() == "enough"
    assert by_gid(figure, "gauge:cirrhosis:status").get_text() == "too small"
    assert "minimum 20 to 26.6%" in by_gid(figure, "gauge:normal:label").get_text()


def _right_hepatectomy_remnant():
    sizes = {s.id: s.typical_percent for s in anatomy.segments().values()}
    return sizes["I"] + sizes["II"] + sizes["III"] + sizes["IV"]


def test_gauge_marker_sits_at_the_remnant_and_the_minimum_zone_at_the_threshold():
    figure = liver_segments_figure(["V", "VI", "VII", "VIII"]).figure
    left = _right_hepatectomy_remnant()
    minimum = liver_states()["cirrhosis"].too_small_below
    marker = by_gid(figure, "gauge:cirrhosis:marker")
    too_small = by_gid(figure, "gauge:cirrhosis:too small")
    start, width = too_small.get_x(), too_small.get_width()  # the zone from 0 % to the minimum
    per_percent = width / minimum
    assert marker.get_xdata()[0] == pytest.approx(start + left * per_percent)
    assert (marker.get_xdata()[0] < start + width) == (left < minimum)


def test_segment_alt_text_names_the_removed_segments_and_differs_by_choice():
    none, right = liver_segments_figure([]), liver_segments_figure(["V", "VI", "VII", "VIII"])
    assert none.alt != right.alt
    assert "V, VI, VII, VIII" in right.alt and f"{_right_hepatectomy_remnant():g} per cent" in right.alt
    assert "No segment" in none.alt


def test_segment_figure_refuses_bad_input():
    with pytest.raises(ValueError, match="removed: 'IX'"):
        liver_segments_figure(["IX"])


# ---- shared rules: alt text, determinism, palette, fonts -----------------------------------------------

def all_figures():
    yield "blood_supply", blood_supply_figure("chemoembolization")
    yield "catheter_route", catheter_route_figure()
    yield "segments", liver_segments_figure(["V", "VI", "VII", "VIII"])


@pytest.mark.parametrize(("name", "build"), [
    ("blood_supply", lambda: blood_supply_figure("radioembolization")),
    ("blood_supply_none", lambda: blood_supply_figure(None)),
    ("catheter_route", catheter_route_figure),
    ("segments", lambda: liver_segments_figure(["IV", "V", "VI", "VII", "VIII"])),
])
def test_two_renders_give_identical_png_bytes(name, build):
    assert build().png() == build().png()


def test_figures_cannot_exist_without_alt_text():
    for _name, result in all_figures():
        assert isinstance(result, AccessibleFigure) and result.alt.strip()
        with pytest.raises(MissingAltText):
            AccessibleFigure(result.figure, alt="")
        assert 'alt="' in result.html() and result.caption


def test_only_palette_colours_are_used():
    allowed = {mcolors.to_hex(colour) for colour in PALETTE.values()}
    for name, result in all_figures():
        for artist in result.figure.findobj(lambda a: isinstance(a, (Patch, Line2D, Text))):
            colours = []
            if isinstance(artist, Patch):
                colours = [artist.get_facecolor(), artist.get_edgecolor()]
            elif isinstance(artist, Line2D):
                colours = [artist.get_color(), artist.get_markerfacecolor(), artist.get_markeredgecolor()]
            else:
                colours = [artist.get_color()]
            for colour in colours:
                rgba = mcolors.to_rgba(colour)
                if rgba[3] == 0 or artist is result.figure.patch:
                    continue
                assert mcolors.to_hex(rgba) in allowed, f"{name}: {artist.get_gid()} uses {colour}"


def test_text_is_at_least_ten_points():
    for name, result in all_figures():
        for text in result.figure.findobj(Text):
            if text.get_text():
                assert text.get_fontsize() >= 10, f"{name}: {text.get_text()!r} is too small"
