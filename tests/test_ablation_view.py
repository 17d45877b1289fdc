"""The ablation explorer, driven from Python as a learner would drive it."""

import html
import re

import ipywidgets as widgets
import pytest

from course_lib.ablation import Scenario, simulate
from course_lib.ablation import view as view_module
from course_lib.ablation.diagram import ablation_figure
from course_lib.ablation.model_data import cell_death_models, modalities, setting
from course_lib.ablation.view import NO_VESSEL, ablation_explorer
from course_lib.figures import AccessibleFigure


@pytest.fixture(scope="module")
def explorer():
    return ablation_explorer()


def verdict_text(explorer):
    return html.unescape(re.sub("<[^>]+>", "", explorer.verdict.value))


def controls(explorer):
    return [explorer.modality, explorer.setting, explorer.duration, explorer.tumour, explorer.margin,
            explorer.vessel, explorer.gap, explorer.cell_death, explorer.lethal]


def test_one_line_gives_a_widget_with_picture_verdict_and_note(explorer):
    assert isinstance(explorer, widgets.Widget)
    assert "<img" in explorer.picture.value and len(explorer.alt_text) > 100
    assert verdict_text(explorer).startswith("Result: ")
    assert "Simplified model" in explorer.note.value


def test_every_control_is_a_labelled_standard_widget(explorer):
    for control in controls(explorer):
        assert isinstance(control, (widgets.FloatSlider, widgets.SelectionSlider, widgets.Dropdown))
        assert control.description.strip().endswith(":")


def test_first_render_is_identical_every_time():
    first, second = ablation_explorer(), ablation_explorer()
    assert first.picture.value == second.picture.value
    assert first.verdict.value == second.verdict.value


def test_slider_limits_come_from_the_data_file(explorer):
    explorer.modality.value = "rfa"
    pairs = ((explorer.tumour, "tumour_diameter"), (explorer.margin, "safety_margin"),
             (explorer.gap, "vessel_gap"), (explorer.lethal, "cryo_lethal_temperature"))
    for control, setting_id in pairs:
        allowed = setting(setting_id)
        assert (control.min, control.max, control.step) == (allowed.minimum, allowed.maximum, allowed.step)
    vessel = setting("vessel_diameter")
    assert explorer.vessel.options[0] == NO_VESSEL
    assert explorer.vessel.options[1] == f"{vessel.minimum:g} mm"
    assert explorer.vessel.options[-1] == f"{vessel.maximum:g} mm"
    assert [value for _, value in explorer.cell_death.options] == list(cell_death_models())


@pytest.mark.parametrize("modality", ["mwa", "cryo", "rfa"])
def test_each_treatment_offers_only_its_own_setting_and_times(explorer, modality):
    kind = modalities()[modality]
    explorer.modality.value = modality
    assert explorer.setting.description.startswith(kind.setting.label)
    assert (explorer.setting.min, explorer.setting.max) == (kind.setting.minimum, kind.setting.maximum)
    assert (explorer.duration.min, explorer.duration.max) == (kind.duration.minimum, kind.duration.maximum)
    assert explorer.setting.value == kind.setting.default
    assert explorer.cell_death.disabled == (modality == "cryo")
    assert explorer.lethal.disabled == (modality != "cryo")
    assert explorer.outcome.scenario.modality == modality
    assert explorer.last_error is None


def test_changing_a_control_changes_the_verdict_and_the_alt_text(explorer):
    explorer.modality.value = "rfa"
    explorer.vessel.value, explorer.gap.value, explorer.tumour.value, explorer.margin.value = "5 mm", 3, 15, 5
    before_alt, before_verdict = explorer.alt_text, verdict_text(explorer)
    assert "beside the blood vessel" in before_verdict
    explorer.vessel.value = NO_VESSEL
    assert explorer.gap.disabled
    assert "no large blood vessel" in explorer.alt_text and explorer.alt_text != before_alt
    assert verdict_text(explorer) != before_verdict
    explorer.vessel.value = "5 mm"
    assert not explorer.gap.disabled


def test_verdicts_name_the_case_and_say_what_the_lines_show(explorer):
    explorer.modality.value = "rfa"
    explorer.vessel.value, explorer.gap.value, explorer.tumour.value = "5 mm", 0, 15
    assert "Tumour edge beside the vessel survives: heat sink" in verdict_text(explorer)
    explorer.vessel.value, explorer.tumour.value, explorer.margin.value = NO_VESSEL, 10, 5
    assert verdict_text(explorer).startswith("Result: Margin complete")
    explorer.tumour.value = 40
    assert "Tumour not covered" in verdict_text(explorer)
    for words in ("hatched circle", "dashed ring", "thick black line"):
        assert words in verdict_text(explorer)


def test_a_refused_choice_is_explained_in_plain_text(explorer, monkeypatch):
    def refuse(scenario):
        raise ValueError("margin_mm: 12 is outside the allowed range 5 to 10 mm")

    monkeypatch.setattr(view_module, "simulate", refuse)
    explorer.margin.value = 6
    text = verdict_text(explorer)
    assert "cannot be simulated" in text and "margin_mm: 12 is outside the allowed range 5 to 10 mm" in text
    assert "Traceback" not in explorer.verdict.value
    assert isinstance(explorer.last_error, ValueError)
    assert explorer.picture.value == "" and explorer.alt_text == ""


def test_an_unexpected_failure_shows_an_apology_not_a_traceback(explorer, monkeypatch):
    def crash(scenario):
        raise RuntimeError("solver exploded")

    monkeypatch.setattr(view_module, "simulate", crash)
    explorer.margin.value = 7
    assert "Sorry" in explorer.verdict.value and "exploded" not in explorer.verdict.value
    monkeypatch.undo()
    explorer.margin.value = 5
    assert explorer.last_error is None


def test_figure_has_alt_text_describing_this_run_and_is_identical_on_every_run():
    outcome = simulate(Scenario(modality="mwa", vessel_diameter_mm=7, vessel_gap_mm=2))
    first, second = ablation_figure(outcome), ablation_figure(outcome)
    assert isinstance(first, AccessibleFigure)
    assert first.png() == second.png() and first.png().startswith(b"\x89PNG")
    alt = first.alt
    assert "microwave ablation at 45 W" in alt
    assert f"about {outcome.zone_diameter_mm:.0f} mm across" in alt
    assert "7 mm blood vessel lies on the right, 2 mm from the tumour edge" in alt
    assert "safety margin" in alt and "temperature against time" in alt
    assert first.caption.startswith("Simplified model")


def test_cryo_picture_and_text_speak_of_cold():
    outcome = simulate(Scenario(modality="cryo", lethal_temperature_c=-40))
    figure = ablation_figure(outcome)
    assert "cryoablation with the probe at -150 °C" in figure.alt and "lowest temperature" in figure.alt
    assert "one probe and one freeze" in figure.caption
