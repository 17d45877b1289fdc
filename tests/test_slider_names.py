"""The slider-naming script travels with every view that has sliders.

What it does in a page (each slider handle named by its description, its value spoken with
its unit) is proven in a real browser by the axe-core audit of 06_ablation
(tests/browser/test_accessibility.py: rule aria-input-field-name).
"""

import ipywidgets as widgets

from course_lib.ablation.view import AblationExplorer
from course_lib.slider_names import SCRIPT, slider_names_html, slider_names_output


def test_the_script_names_handles_by_their_label_and_reads_the_readout():
    assert "aria-labelledby" in SCRIPT and "aria-valuetext" in SCRIPT and "MutationObserver" in SCRIPT
    assert slider_names_html() == f'<script type="text/javascript">{SCRIPT}</script>'


def test_the_output_widget_holds_the_script_and_shows_nothing():
    output = slider_names_output()
    assert output.layout.height == "0px"
    (shown,) = output.outputs
    assert shown["output_type"] == "display_data"
    assert shown["data"]["text/html"] == slider_names_html()


def _descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)


def test_the_ablation_explorer_carries_the_script_with_its_sliders():
    explorer = AblationExplorer()
    parts = list(_descendants(explorer))
    sliders = [part for part in parts if isinstance(part, (widgets.FloatSlider, widgets.SelectionSlider))]
    outputs = [part for part in parts if isinstance(part, widgets.Output)]
    assert len(sliders) == 7
    assert all(slider.description for slider in sliders)
    assert any(out.outputs and out.outputs[0]["data"]["text/html"] == slider_names_html() for out in outputs)
