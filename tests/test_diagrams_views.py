"""The widgets, driven from Python as a learner would drive them with mouse or keyboard."""

from __future__ import annotations

import html

import ipywidgets as widgets
import pytest

from course_lib.diagrams import (
    anatomy,
    blood_supply_explorer,
    catheter_route_figure,
    remnant_calculator,
    tradeoff_chart,
    views,
)
from course_lib.diagrams.blood_supply import blood_supply_figure
from course_lib.figures import AccessibleFigure
from course_lib.treatment_options import families, options


def _controls(widget):
    found, stack = [], [widget]
    while stack:
        item = stack.pop()
        if isinstance(item, widgets.Box):
            stack.extend(item.children)
        elif isinstance(item, widgets.ValueWidget) and not isinstance(item, widgets.HTML):
            found.append(item)
    return found


@pytest.mark.parametrize("make", [blood_supply_explorer, remnant_calculator, tradeoff_chart])
def test_every_control_is_a_standard_widget_with_a_visible_description(make):
    controls = _controls(make())
    assert controls
    for control in controls:
        assert isinstance(control, (widgets.Checkbox, widgets.RadioButtons, widgets.Dropdown,
                                    widgets.ToggleButtons))
        assert control.description.strip()


def test_first_render_is_the_same_every_time():
    assert blood_supply_explorer().picture.value == blood_supply_explorer().picture.value
    assert remnant_calculator().picture.value == remnant_calculator().picture.value


def test_choosing_a_treatment_redraws_the_picture_and_explanation():
    explorer = blood_supply_explorer()
    assert explorer.choice.value is None
    first = explorer.picture.value
    for treatment in anatomy.treatments().values():
        explorer.choice.value = treatment.id
        assert explorer.last_error is None
        expected_alt = html.escape(blood_supply_figure(treatment.id).alt, quote=True)
        assert f'alt="{expected_alt}"' in explorer.picture.value
        assert explorer.picture.value != first
        assert html.escape(treatment.tumour_effect) in explorer.explanation.value


def test_ticking_segments_updates_the_report_and_shading():
    sizes = {s.id: s.typical_percent for s in anatomy.segments().values()}
    calculator = remnant_calculator()
    assert "About 100% of the liver" in calculator.report.value
    calculator.tick("VIII")
    assert f"About {100 - sizes['VIII']:g}% of the liver" in calculator.report.value
    assert "Segments removed: VIII." in calculator.report.value
    calculator.tick("VIII", False)
    assert "About 100% of the liver" in calculator.report.value


def test_example_operation_ticks_its_segments_and_reports_pve_advice():
    sizes = {s.id: s.typical_percent for s in anatomy.segments().values()}
    calculator = remnant_calculator()
    calculator.example.value = "extended_right_hepatectomy"
    assert calculator.removed == ("IV", "V", "VI", "VII", "VIII")
    assert f"About {sizes['I'] + sizes['II'] + sizes['III']:g}% of the liver" in calculator.report.value
    assert "portal vein embolisation" in calculator.report.value
    # Changing a tick by hand turns the example back into "your own choice".
    calculator.tick("IV", False)
    assert calculator.example.value is None
    assert calculator.removed == ("V", "VI", "VII", "VIII")


def test_calculator_refuses_an_unknown_segment():
    with pytest.raises(ValueError, match="segment: 'IX'"):
        remnant_calculator().tick("IX")


def test_tradeoff_chart_switches_between_overview_and_families():
    explorer = tradeoff_chart()
    for option in options().values():  # the table under the overview lists every option's limits
        assert html.escape(option.tradeoffs.key_limits) in explorer.table.value
    family = next(iter(families()))
    explorer.family.value = family
    assert explorer.last_error is None
    in_family = [o for o in options().values() if o.family == family]
    others = [o for o in options().values() if o.family != family]
    assert all(html.escape(o.name) in explorer.table.value for o in in_family)
    assert not any(f">{html.escape(o.name)}<" in explorer.table.value for o in others)


def test_a_drawing_failure_shows_an_apology_not_a_traceback(monkeypatch):
    explorer = blood_supply_explorer()

    def broken(_treatment):
        raise RuntimeError("boom")

    views._blood_supply_html.cache_clear()
    monkeypatch.setattr(views, "blood_supply_figure", broken)
    explorer.choice.value = "chemoembolization"
    assert "Sorry" in explorer.picture.value and "Traceback" not in explorer.picture.value
    assert isinstance(explorer.last_error, RuntimeError)
    monkeypatch.undo()
    views._blood_supply_html.cache_clear()


def test_catheter_route_is_a_figure_with_alt_text():
    figure = catheter_route_figure()
    assert isinstance(figure, AccessibleFigure) and figure.alt and "<img" in figure._repr_html_()
