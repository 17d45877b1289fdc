"""data/liver_anatomy.yaml and the future-liver-remnant arithmetic behind the segment diagram.

Expected values are worked out here from the raw YAML or by hand, never copied from the
code's own output.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from course_lib import data_files, liver_remnant, references, treatment_options
from course_lib.data_files import DataFileError
from course_lib.diagrams import anatomy
from course_lib.diagrams.remnant_calculator import checked_segments, remnant_after

RAW = yaml.safe_load((data_files.DATA_DIR / "liver_anatomy.yaml").read_text(encoding="utf-8"))
THRESHOLDS = {s["id"]: s for s in yaml.safe_load(
    (data_files.DATA_DIR / "liver_remnant.yaml").read_text(encoding="utf-8"))["liver_states"]}
SIZE = {entry["id"]: entry["typical_percent"] for entry in RAW["segments"]}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def _clear_all_caches():
    anatomy.clear_caches()
    for loader in (references.references, liver_remnant.liver_states, treatment_options.families,
                   treatment_options.scales, treatment_options.options, treatment_options._document):
        loader.cache_clear()


# ---- the data file ---------------------------------------------------------------------------------

def test_typical_segment_shares_add_up_to_100_per_cent():
    assert list(SIZE) == ROMAN
    assert sum(SIZE.values()) == pytest.approx(100)


def test_segment_shares_follow_the_volumetry_study_where_it_gives_figures():
    # HPB13: segment VIII is the largest (median 26.1 %); II and III are each under 10 %.
    assert max(SIZE, key=SIZE.get) == "VIII"
    assert round(SIZE["VIII"]) == 26
    assert SIZE["II"] < 10 and SIZE["III"] < 10
    for entry in RAW["segments"]:
        if entry["id"] in ("II", "III", "VIII"):
            assert "HPB13" in entry["sources"] and "HPB13" in entry["basis"]
        else:
            assert entry["basis"] == "illustrative"


def test_the_segment_note_says_sizes_are_typical_and_vary():
    note = anatomy.segment_volumes_note().lower()
    assert "typical" in note and "differ" in note


def test_inflow_shares_are_ranges_that_fit_together():
    vessels = {v["id"]: v for v in RAW["vessels"]}
    portal, artery = vessels["portal_vein"], vessels["hepatic_artery"]
    assert (portal["inflow_percent_low"], portal["inflow_percent_high"]) == (67, 80)
    assert (artery["inflow_percent_low"], artery["inflow_percent_high"]) == (20, 33)
    assert portal["inflow_percent_low"] + artery["inflow_percent_high"] == 100
    assert portal["inflow_percent_high"] + artery["inflow_percent_low"] == 100


def test_normal_liver_lives_on_the_portal_vein_and_tumour_on_the_artery():
    tissues = anatomy.tissues()
    assert tissues["normal_liver"].fed_mainly_by == "portal_vein"
    assert tissues["tumour"].fed_mainly_by == "hepatic_artery"


def test_treatment_ids_are_options_in_the_catalogue():
    assert set(anatomy.treatments()) <= set(treatment_options.options())


def _cited(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from value if key == "sources" else _cited(value)
    elif isinstance(node, list):
        for value in node:
            yield from _cited(value)


def test_every_entry_cites_known_references():
    cited = set(_cited(RAW))
    assert cited, "liver_anatomy.yaml should cite its sources"
    assert cited <= set(references.references())
    for section in ("vessels", "tissues", "treatments", "segments", "example_operations"):
        for entry in RAW[section]:
            assert entry["sources"], f"{section} entry {entry['id']} has no sources"
    for section in ("baseline", "catheter_route", "segment_volumes", "portal_vein_embolisation_advice"):
        assert RAW[section]["sources"], f"{section} has no sources"


def test_a_broken_entry_is_reported_with_file_entry_and_field(tmp_path, monkeypatch):
    for name in ("references.yaml", "liver_remnant.yaml"):
        shutil.copy(data_files.DATA_DIR / name, tmp_path / name)
    broken = yaml.safe_load((data_files.DATA_DIR / "liver_anatomy.yaml").read_text(encoding="utf-8"))
    broken["treatments"][0]["vessel"] = "femoral_artery"
    (tmp_path / "liver_anatomy.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    monkeypatch.setattr(data_files, "DATA_DIR", tmp_path)
    _clear_all_caches()
    try:
        with pytest.raises(DataFileError) as caught:
            anatomy.treatments()
        assert (caught.value.file, caught.value.entry, caught.value.field) == (
            "liver_anatomy.yaml", broken["treatments"][0]["id"], "vessel")
    finally:
        monkeypatch.undo()
        _clear_all_caches()


def test_segment_shares_that_do_not_add_up_are_refused(tmp_path, monkeypatch):
    for name in ("references.yaml", "liver_remnant.yaml"):
        shutil.copy(data_files.DATA_DIR / name, tmp_path / name)
    broken = yaml.safe_load((data_files.DATA_DIR / "liver_anatomy.yaml").read_text(encoding="utf-8"))
    broken["segments"][7]["typical_percent"] += 5
    (tmp_path / "liver_anatomy.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    monkeypatch.setattr(data_files, "DATA_DIR", tmp_path)
    _clear_all_caches()
    try:
        with pytest.raises(DataFileError, match="add up to 105"):
            anatomy.segments()
    finally:
        monkeypatch.undo()
        _clear_all_caches()


# ---- remnant arithmetic ------------------------------------------------------------------------------

def test_removing_nothing_leaves_the_whole_liver():
    result = remnant_after([])
    assert result.remnant_percent == pytest.approx(100)
    assert result.removed == () and result.kept == tuple(ROMAN)
    assert {v.status for v in result.verdicts} == {"adequate"}


@pytest.mark.parametrize("kept", ROMAN)
def test_removing_all_but_one_segment_leaves_that_segment(kept):
    result = remnant_after([s for s in ROMAN if s != kept])
    assert result.remnant_percent == pytest.approx(SIZE[kept])
    assert result.kept == (kept,)


def test_right_hepatectomy_leaves_segments_i_to_iv():
    result = remnant_after(["V", "VI", "VII", "VIII"])
    expected = SIZE["I"] + SIZE["II"] + SIZE["III"] + SIZE["IV"]
    assert result.remnant_percent == pytest.approx(expected)
    assert result.removed_percent == pytest.approx(100 - expected)
    assert result.kept == ("I", "II", "III", "IV")


def test_verdicts_use_the_thresholds_of_liver_remnant_yaml():
    result = remnant_after(["V", "VI", "VII", "VIII"])
    left = SIZE["I"] + SIZE["II"] + SIZE["III"] + SIZE["IV"]
    for state_id, state in THRESHOLDS.items():
        if left < state["too_small_below"]:
            expected = "too small"
        elif left < state["adequate_from"]:
            expected = "borderline"
        else:
            expected = "adequate"
        assert result.verdict(state_id) == expected
    # With the typical sizes (34 %) a right hepatectomy is enough for a healthy liver, not a cirrhotic one.
    assert result.verdict("normal") == "adequate"
    assert result.verdict("cirrhosis") == "too small"


def test_order_of_ticking_does_not_matter():
    assert remnant_after(["VIII", "V"]) == remnant_after(["V", "VIII"])


def test_removing_everything_leaves_nothing_and_says_so():
    result = remnant_after(ROMAN)
    assert result.remnant_percent == 0 and result.kept == ()
    assert {v.status for v in result.verdicts} == {"too small"}
    assert "without a liver" in result.advice()


def test_too_small_remnant_explains_portal_vein_embolisation():
    result = remnant_after(["IV", "V", "VI", "VII", "VIII"])
    assert result.remnant_percent == pytest.approx(SIZE["I"] + SIZE["II"] + SIZE["III"])
    assert result.remnant_percent < THRESHOLDS["normal"]["too_small_below"]
    advice = result.advice()
    assert "portal vein embolisation" in advice
    assert "four weeks" in advice


def test_adequate_remnant_does_not_suggest_embolisation():
    result = remnant_after(["II", "III"])
    assert {v.status for v in result.verdicts} == {"adequate"}
    assert "embolisation" not in result.advice()


def test_borderline_is_explained():
    # Find, by hand, a choice whose remnant falls in the healthy liver's disputed band.
    low, high = THRESHOLDS["normal"]["too_small_below"], THRESHOLDS["normal"]["adequate_from"]
    kept = ("I", "II", "IV")  # 3 + 7 + 15 = 25 with the typical sizes
    left = sum(SIZE[s] for s in kept)
    assert low <= left < high
    result = remnant_after([s for s in ROMAN if s not in kept])
    assert result.verdict("normal") == "borderline"
    assert "Borderline for a healthy liver" in result.advice()


@pytest.mark.parametrize(("removed", "words"), [
    (["IX"], ["removed", "'IX'", "allowed", "VIII"]),
    (["V", "V"], ["removed", "'V'", "2 times"]),
    ("V", ["removed", "single text"]),
    ([5], ["removed", "5", "allowed"]),
    (5, ["removed", "not a list"]),
])
def test_bad_segments_are_refused_with_a_clear_message(removed, words):
    with pytest.raises(ValueError) as caught:
        checked_segments(removed)
    for word in words:
        assert word in str(caught.value)
