"""The trade-off chart reads every option, level, aim and limit from the catalogue.

Most tests use a small catalogue written to a temporary data folder, so their expectations
are the fixture's own values; one set checks the real catalogue.
"""

from __future__ import annotations

import inspect
import shutil

import pytest
import yaml
from matplotlib.text import Text

from course_lib import data_files, references, treatment_options
from course_lib.diagrams import tradeoff_chart
from course_lib.diagrams.tradeoff_chart import tradeoff_chart_figure, tradeoff_rows

FIXTURE = {
    "families": [{"id": "cut", "label": "Cutting it out"}, {"id": "pills", "label": "Tablets and drips"}],
    "scales": {
        "invasiveness": [{"id": "low", "label": "Nothing through the skin"},
                         {"id": "mid", "label": "A thin needle"},
                         {"id": "high", "label": "A full operation"}],
        "recovery": [{"id": "fast", "label": "Same day"}, {"id": "slow", "label": "Many weeks"}],
    },
    "options": [],
}


def _option(option_id, short, family, invasiveness, recovery, aims, limits):
    return {
        "id": option_id, "name": f"{short} in full", "short_name": short, "family": family,
        "how_it_works": "x", "how_given": "x", "suits": ["x"], "does_not_suit": ["x"],
        "side_effects": ["x"], "nursing_care": ["x"], "sources": ["S-MP"],
        "tradeoffs": {"invasiveness": invasiveness, "recovery": recovery, "recovery_note": "note",
                      "aims": aims, "key_limits": limits},
    }


# Deliberately listed out of family order: the chart must group them.
FIXTURE["options"] = [
    _option("tabs", "Tabby", "pills", "low", "slow", ["control"], "Zebra limit one."),
    _option("op", "Oppo", "cut", "high", "slow", ["cure", "control"], "Zebra limit two."),
    _option("jab", "Jabber", "cut", "mid", "fast", ["symptom_relief"], "Zebra limit three."),
]


def _clear():
    for loader in (data_files.load_yaml, references.references, treatment_options._document,
                   treatment_options.families, treatment_options.scales, treatment_options.options):
        loader.cache_clear()


@pytest.fixture
def small_catalogue(tmp_path, monkeypatch):
    shutil.copy(data_files.DATA_DIR / "references.yaml", tmp_path / "references.yaml")
    (tmp_path / "treatment_options.yaml").write_text(yaml.safe_dump(FIXTURE), encoding="utf-8")
    monkeypatch.setattr(data_files, "DATA_DIR", tmp_path)
    _clear()
    yield FIXTURE
    monkeypatch.undo()
    _clear()


def by_gid(figure, gid):
    found = figure.findobj(lambda artist: artist.get_gid() == gid)
    assert len(found) == 1, f"expected one artist called {gid!r}, found {len(found)}"
    return found[0]


def _row_order(figure, rows):
    return sorted(rows, key=lambda r: -by_gid(figure, f"row:{r.option_id}").get_position()[1])


def test_rows_are_grouped_by_family_in_the_catalogues_order(small_catalogue):
    assert [row.option_id for row in tradeoff_rows()] == ["op", "jab", "tabs"]
    assert [row.option_id for row in tradeoff_rows("pills")] == ["tabs"]


def test_overview_names_every_option_and_places_dots_by_level(small_catalogue):
    result = tradeoff_chart_figure()
    figure = result.figure
    rows = tradeoff_rows()
    assert [r.short_name for r in _row_order(figure, rows)] == ["Oppo", "Jabber", "Tabby"]
    for scale, levels in (("invasiveness", ["low", "mid", "high"]), ("recovery", ["fast", "slow"])):
        xs, ys = by_gid(figure, f"dots:{scale}").get_data()
        step = None
        for option, x in zip(rows, xs, strict=True):
            rank = levels.index(getattr(option, scale))
            if rank == 0:
                first = x
        for option, x in zip(rows, xs, strict=True):
            rank = levels.index(getattr(option, scale))
            if rank:
                step = (x - first) / rank if step is None else step
                assert x - first == pytest.approx(step * rank)
        assert step and step > 0  # further right means more


def test_aim_markers_match_each_options_aims(small_catalogue):
    figure = tradeoff_chart_figure().figure
    rows = tradeoff_rows()
    row_y = {r.option_id: by_gid(figure, f"row:{r.option_id}").get_position()[1] for r in rows}
    for aim in ("cure", "control", "symptom_relief"):
        _xs, ys = by_gid(figure, f"aims:{aim}").get_data()
        marked = {option_id for option_id, y in row_y.items() if any(y == pytest.approx(v) for v in ys)}
        expected = {o["id"] for o in FIXTURE["options"] if aim in o["tradeoffs"]["aims"]}
        assert marked == expected


def test_level_labels_and_aims_come_from_the_data(small_catalogue):
    result = tradeoff_chart_figure()
    texts = " ".join(t.get_text() for t in result.figure.findobj(Text))
    for label in ("Nothing through the skin", "A thin needle", "A full operation", "Same day", "Many weeks"):
        assert label in result.caption and label in result.alt
    assert "cure" in texts and "control" in texts and "symptom\nrelief" in texts
    assert "Zebra" not in texts  # the overview leaves key limits to the family view and the table


def test_family_view_writes_out_key_limits(small_catalogue):
    figure = tradeoff_chart_figure(family="cut").figure
    for option in FIXTURE["options"]:
        present = option["family"] == "cut"
        found = figure.findobj(lambda a, o=option: a.get_gid() == f"limits:{o['id']}")
        assert bool(found) == present
        if present:
            assert found[0].get_text() == f"Key limits: {option['tradeoffs']['key_limits']}"
    assert by_gid(figure, "title").get_text() == "Cutting it out"


def test_alt_text_differs_between_views_and_is_specific(small_catalogue):
    overview, cut = tradeoff_chart_figure(), tradeoff_chart_figure(family="cut")
    assert overview.alt != cut.alt
    assert "Oppo in full" in cut.alt and "Zebra limit two." in cut.alt and "Tabby in full" not in cut.alt


def test_unknown_family_is_refused(small_catalogue):
    with pytest.raises(ValueError) as caught:
        tradeoff_chart_figure(family="magic")
    assert "family" in str(caught.value) and "'magic'" in str(caught.value) and "pills" in str(caught.value)


def test_two_renders_are_identical(small_catalogue):
    assert tradeoff_chart_figure().png() == tradeoff_chart_figure().png()


# ---- the real catalogue ----------------------------------------------------------------------------

def test_real_catalogue_every_option_is_charted():
    figure = tradeoff_chart_figure().figure
    for option in treatment_options.options().values():
        assert by_gid(figure, f"row:{option.id}").get_text() == option.short_name


@pytest.mark.parametrize("family", list(treatment_options.families()))
def test_real_catalogue_family_views_show_their_limits(family):
    figure = tradeoff_chart_figure(family=family).figure
    for option in treatment_options.options().values():
        found = figure.findobj(lambda a, o=option: a.get_gid() == f"limits:{o.id}")
        assert bool(found) == (option.family == family)


def test_no_option_level_or_limit_is_written_into_the_chart_code():
    source = inspect.getsource(tradeoff_chart)
    for option in treatment_options.options().values():
        for text in (option.name, option.short_name, option.tradeoffs.key_limits):
            assert text not in source
    for scale in treatment_options.scales().values():
        for _level_id, label in scale.levels:
            assert label not in source
    for label in treatment_options.families().values():
        assert label not in source
