"""Widgets for the question-bank item types: one small view class per type.

Each view reads its controls into the plain response that grading.py marks. Radio buttons
and drop-downs start with nothing chosen; their option values (choice ids) stay in the
kernel, and only their visible labels are sent to the browser.
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..case_bank import vignettes
from ..treatment_options import options as treatment_options
from . import grading, looks
from .case_view import case_card, tick_box, wrapping_row
from .feedback import Feedback
from .items import Bowtie, CaseMatrix, Cloze, Item, Matrix, SelectAll, SingleBestAnswer
from .view_base import ExerciseView, heading, html_block, paragraph

INSTRUCTIONS = {
    "single_best_answer": "Choose the one best answer, then press Check.",
    "select_all": "Select all that apply, then press Check. Each right tick earns a point and each wrong "
    "tick loses one (never below zero).",
    "matrix": "Choose one answer in each row, then press Check.",
    "matrix_multiple": "In each row, tick every column that applies (a row may have more than one), then "
    "press Check.",
    "cloze": "Choose the right word or phrase for each numbered blank, then press Check.",
    "bowtie": "Complete the bow-tie. In the middle, choose the condition the patient most likely has. On the "
    "left, choose two actions to take; on the right, two parameters to monitor. Then press Check.",
    "case_matrix": "For each patient, tick every option that applies (one the team would offer or discuss), "
    "then press Check.",
}


def radio(labels: list[tuple[str, str]], description: str, horizontal: bool = False) -> widgets.RadioButtons:
    return widgets.RadioButtons(
        options=labels,
        value=None,
        description=description,
        style=looks.style(DescriptionStyle, description_width="initial"),
        orientation="horizontal" if horizontal else "vertical",
        layout=looks.layout(width="100%"),
    )


def dropdown(labels: list[tuple[str, str]], description: str, full_width: bool = False) -> widgets.Dropdown:
    return widgets.Dropdown(
        options=labels,
        value=None,
        description=description,
        style=looks.style(DescriptionStyle, description_width="initial"),
        layout=looks.layout(width="100%") if full_width else looks.layout(width="auto", max_width="100%"),
    )


class ItemView(ExerciseView):
    """Shared layout for bank items: a header, optional case card, stem and instructions."""

    def __init__(
        self,
        item: Item,
        controls: list[widgets.Widget],
        number: int | None = None,
        total: int | None = None,
        instructions: str | None = None,
    ):
        self.item = item
        self.progress_key, self.notebook = f"item:{item.id}", item.notebook
        title = "Question" if number is None else f"Question {number} of {total}"
        intro: list[widgets.Widget] = [
            heading(title),
            html_block(
                f"<p><em>Clinical judgement step: {html.escape(item.cj_label)}. "
                f"Topic: {html.escape(item.topic)}.</em></p>"
            ),
        ]
        if item.vignette is not None:
            intro.append(html_block(case_card(vignettes()[item.vignette], title_level=5)))
        intro.append(html_block(paragraph(item.stem)))
        intro.append(html_block(f"<p><em>{html.escape(instructions or INSTRUCTIONS[item.type])}</em></p>"))
        super().__init__(intro, controls)

    @property
    def maximum(self) -> int:
        return grading.maximum(self.item)

    def grade(self, response) -> Feedback:
        return grading.check(self.item, response)

    def reveal(self) -> Feedback:
        return grading.answer(self.item)


class SingleBestAnswerView(ItemView):
    def __init__(self, item: SingleBestAnswer, **header):
        self.choice = radio([(option.text, option.id) for option in item.options], "Your answer")
        super().__init__(item, [self.choice], **header)

    def response(self):
        return self.choice.value

    def clear_controls(self) -> None:
        self.choice.value = None


class SelectAllView(ItemView):
    def __init__(self, item: SelectAll, **header):
        self.boxes = {option.id: tick_box(option.text, full_width=True) for option in item.options}
        super().__init__(item, list(self.boxes.values()), **header)

    def response(self):
        return {option_id for option_id, box in self.boxes.items() if box.value}

    def clear_controls(self) -> None:
        for box in self.boxes.values():
            box.value = False


class MatrixView(ItemView):
    """Rows against columns: radio buttons per row, or tick boxes when rows take several answers."""

    def __init__(self, item: Matrix, **header):
        self.rows: dict[str, widgets.RadioButtons | dict[str, widgets.Checkbox]] = {}
        controls: list[widgets.Widget] = []
        labels = [(column.text, column.id) for column in item.columns]
        horizontal = sum(len(column.text) for column in item.columns) <= 70
        for number, row in enumerate(item.rows, 1):
            controls.append(html_block(f"<p><strong>{number}. {html.escape(row.text)}</strong></p>"))
            if item.multiple_per_row:
                self.rows[row.id] = {column.id: tick_box(column.text) for column in item.columns}
                controls.append(wrapping_row(list(self.rows[row.id].values())))
            else:
                self.rows[row.id] = radio(labels, f"Row {number}", horizontal)
                controls.append(self.rows[row.id])
        kind = "matrix_multiple" if item.multiple_per_row else "matrix"
        super().__init__(item, controls, instructions=INSTRUCTIONS[kind], **header)

    def response(self):
        if self.item.multiple_per_row:
            return {
                row_id: {c for c, box in boxes.items() if box.value} for row_id, boxes in self.rows.items()
            }
        return {row_id: control.value for row_id, control in self.rows.items()}

    def clear_controls(self) -> None:
        for control in self.rows.values():
            if isinstance(control, dict):
                for box in control.values():
                    box.value = False
            else:
                control.value = None


class ClozeView(ItemView):
    """The passage with numbered blanks, then one labelled drop-down per blank."""

    def __init__(self, item: Cloze, **header):
        numbers = {blank.id: number for number, blank in enumerate(item.blanks, 1)}
        pieces = re.split(r"(\{[^{}]+\})", item.text)
        passage = "".join(
            f"<strong>[blank {numbers[piece[1:-1]]}]</strong>"
            if piece[1:-1] in numbers
            else html.escape(piece)
            for piece in pieces
        )
        self.blanks = {
            blank.id: dropdown(
                [(choice.text, choice.id) for choice in blank.choices], f"Blank {numbers[blank.id]}"
            )
            for blank in item.blanks
        }
        passage_box = html_block(f'<blockquote style="margin-left:1em">{passage}</blockquote>')
        super().__init__(item, [passage_box, *self.blanks.values()], **header)

    def response(self):
        return {blank_id: control.value for blank_id, control in self.blanks.items()}

    def clear_controls(self) -> None:
        for control in self.blanks.values():
            control.value = None


class BowtieView(ItemView):
    """Actions to take (left), the condition (middle), parameters to monitor (right)."""

    def __init__(self, item: Bowtie, **header):
        def labels(choices):
            return [(choice.text, choice.id) for choice in choices]

        self.condition = dropdown(labels(item.condition), "Condition", full_width=True)
        self.actions = [dropdown(labels(item.actions), f"Action {n}", full_width=True) for n in (1, 2)]
        self.parameters = [dropdown(labels(item.parameters), f"Parameter {n}", full_width=True) for n in (1, 2)]

        def column(title, controls):
            return widgets.VBox(
                [heading(title, 5), *controls],
                layout=widgets.Layout(flex="1 1 260px", min_width="260px", margin="0 1em 0 0"),
            )

        bowtie = widgets.HBox(
            [
                column("Actions to take", self.actions),
                column("Condition most likely", [self.condition]),
                column("Parameters to monitor", self.parameters),
            ],
            layout=widgets.Layout(flex_flow="row wrap", width="100%"),
        )
        super().__init__(item, [bowtie], **header)

    def response(self):
        return {
            "condition": self.condition.value,
            "actions": [c.value for c in self.actions],
            "parameters": [c.value for c in self.parameters],
        }

    def clear_controls(self) -> None:
        for control in (self.condition, *self.actions, *self.parameters):
            control.value = None


class CaseMatrixView(ItemView):
    """Patients (rows) against treatment options (columns); answers from the engine."""

    def __init__(self, item: CaseMatrix, **header):
        self.rows: dict[str, dict[str, widgets.Checkbox]] = {}
        controls: list[widgets.Widget] = []
        for vignette_id in item.vignettes:
            patient = vignettes()[vignette_id]
            controls.append(html_block(case_card(patient, title_level=5)))
            name = patient.title.split(":")[0]
            controls.append(
                html_block(f"<p><strong>Which options apply for {html.escape(name)}?</strong></p>")
            )
            self.rows[vignette_id] = {
                option_id: tick_box(treatment_options()[option_id].short_name) for option_id in item.options
            }
            controls.append(wrapping_row(list(self.rows[vignette_id].values())))
        super().__init__(item, controls, **header)

    def response(self):
        return {v: {o for o, box in boxes.items() if box.value} for v, boxes in self.rows.items()}

    def clear_controls(self) -> None:
        for boxes in self.rows.values():
            for box in boxes.values():
                box.value = False


VIEWS = {
    SingleBestAnswer: SingleBestAnswerView,
    SelectAll: SelectAllView,
    Matrix: MatrixView,
    Cloze: ClozeView,
    Bowtie: BowtieView,
    CaseMatrix: CaseMatrixView,
}


def view_for(item: Item, number: int | None = None, total: int | None = None) -> ItemView:
    return VIEWS[type(item)](item, number=number, total=total)
