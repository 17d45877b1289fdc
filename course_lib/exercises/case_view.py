"""The which-options-apply case as a widget: case card, tick boxes by family, buttons, feedback."""

from __future__ import annotations

import html

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle

from ..case_bank import Vignette
from . import looks
from .case_exercise import CaseExercise, answer_key
from .feedback import Feedback
from .view_base import ExerciseView, bullet_list, heading, html_block, paragraph

INSTRUCTIONS = (
    "Tick every option that applies to this patient: one the team would offer, or would "
    "discuss as a possibility. Leave the others unticked, then press Check."
)


def case_card(vignette: Vignette, title_level: int = 4) -> str:
    """The patient's story and key findings (nothing from the answer key)."""
    return (
        f"<h{title_level}>{html.escape(vignette.title)}</h{title_level}>"
        + paragraph(vignette.story)
        + "<p><strong>Key findings</strong></p>"
        + bullet_list(vignette.key_findings)
    )


def tick_box(description: str, full_width: bool = False) -> widgets.Checkbox:
    """A tick box with its words beside it (``full_width``: one per line, for long words)."""
    return widgets.Checkbox(
        value=False,
        description=description,
        indent=False,
        layout=looks.layout(width="100%") if full_width else looks.layout(width="auto", margin="0 1.5em 0 0"),
        style=looks.style(CheckboxStyle),
    )


def wrapping_row(children: list[widgets.Widget]) -> widgets.HBox:
    return widgets.HBox(children, layout=looks.layout(flex_flow="row wrap", width="100%"))


class CaseView(ExerciseView):
    """One which-options-apply case. ``boxes`` maps option id -> its Checkbox."""

    def __init__(self, vignette_id: str):
        self.model = CaseExercise.for_vignette(vignette_id)
        answer_key(vignette_id)  # work the key out now, in the kernel, so Check is quick
        self.progress_key, self.notebook = self.model.key, "cases"
        self.boxes: dict[str, widgets.Checkbox] = {}
        controls: list[widgets.Widget] = [html_block(paragraph(INSTRUCTIONS))]
        for family_label, members in self.model.groups():
            controls.append(heading(family_label, 5))
            row = []
            for option_id, short_name in members:
                self.boxes[option_id] = tick_box(short_name)
                row.append(self.boxes[option_id])
            controls.append(wrapping_row(row))
        super().__init__([html_block(case_card(self.model.vignette))], controls)

    @property
    def maximum(self) -> int:
        return self.model.maximum

    def response(self) -> set[str]:
        return {option_id for option_id, box in self.boxes.items() if box.value}

    def clear_controls(self) -> None:
        for box in self.boxes.values():
            box.value = False

    def grade(self, response: set[str]) -> Feedback:
        return self.model.check(response)

    def reveal(self) -> Feedback:
        return self.model.answer()
