"""Alike controls share one Layout and one style, so a notebook sends far fewer widget models."""

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from test_exercises_widgets import all_widgets

from course_lib.exercises import looks, show_case, show_question


def test_the_same_settings_give_the_same_layout_and_other_settings_another():
    first = looks.layout(width="100%")
    assert looks.layout(width="100%") is first
    assert looks.layout(width="auto") is not first
    assert looks.layout(width="100%", margin="0") is not first
    assert looks.style(CheckboxStyle) is looks.style(CheckboxStyle)
    assert looks.style(widgets.ButtonStyle) is not looks.style(CheckboxStyle)


def test_a_closed_look_is_replaced_by_a_new_one():
    first = looks.layout(width="12em")
    first.close()
    second = looks.layout(width="12em")
    assert second is not first and second.comm is not None and second.width == "12em"


def test_a_case_shares_one_layout_and_one_style_among_its_tick_boxes():
    case = show_case("net-after-whipple")
    boxes = list(case.boxes.values())
    assert len(boxes) >= 15
    assert len({id(box.layout) for box in boxes}) == 1 and len({id(box.style) for box in boxes}) == 1
    models = all_widgets(case)
    layouts = [model for model in models if isinstance(model, widgets.Layout)]
    # Without sharing, each control would bring its own layout (and most a style as well).
    controls = [model for model in models if not isinstance(model, (widgets.Layout, widgets.Style))]
    assert len(layouts) < len(controls) / 4


def test_wide_tick_boxes_and_drop_downs_get_a_full_width_look_of_their_own():
    select_all = show_question("n01-symptoms")  # long answers: one tick box per line
    bowtie = show_question("n09-crisis-bowtie")
    case = show_case("net-after-whipple")  # short option names: side by side
    assert select_all.boxes and all(box.layout.width == "100%" for box in select_all.boxes.values())
    drop_downs = [bowtie.condition, *bowtie.actions, *bowtie.parameters]
    assert all(control.layout.width == "100%" for control in drop_downs)
    assert all(box.layout.width == "auto" for box in case.boxes.values())
    assert next(iter(case.boxes.values())).layout is not next(iter(select_all.boxes.values())).layout
