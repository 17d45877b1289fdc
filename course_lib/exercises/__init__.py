"""Interactive exercises: which-options-apply cases and NCLEX-style questions.

For notebook authors, each call is one line in a hidden cell and returns a widget:

    from course_lib.exercises import show_case, show_question, show_questions, progress_summary
    show_case("bowel-single-small-deposit")     # a case from data/case_bank.yaml
    show_question("n06-heat-sink")              # one item from data/questions.yaml
    show_questions("06_ablation")               # every item of a notebook, in bank order
    progress_summary()                          # the learner's progress, with Reset

The model (items.py, scoring.py, feedback.py, grading.py, case_exercise.py, progress.py) is
plain Python; the views (view_base.py, case_view.py, item_views.py, progress_view.py) are
thin ipywidgets layers on top.
"""

from __future__ import annotations

import ipywidgets as widgets

from . import looks
from .case_view import CaseView
from .item_views import ItemView, view_for
from .items import item, items, items_for
from .progress_view import ProgressSummary
from .view_base import heading

__all__ = ["show_case", "show_question", "show_questions", "progress_summary", "items", "item", "items_for"]


class QuestionList(widgets.VBox):
    """The questions of one notebook, one under the other."""

    def __init__(self, notebook: str, children: list[widgets.Widget]):
        self.notebook = notebook
        super().__init__(children, layout=looks.layout(width="100%"))

    def __repr__(self) -> str:
        return f"<QuestionList {self.notebook}: {len(self.children) - 1} questions>"


def show_case(vignette_id: str) -> CaseView:
    """The which-options-apply exercise for one case-bank vignette."""
    return CaseView(vignette_id)


def show_question(item_id: str) -> ItemView:
    """One question from the bank, with Check, Try again and Show answer."""
    return view_for(item(item_id))


def show_questions(notebook: str) -> QuestionList:
    """Every question of one notebook (for example "04_surgery"), in bank order, numbered."""
    found = items_for(notebook)
    views = [view_for(entry, number, len(found)) for number, entry in enumerate(found, 1)]
    title = heading(f"Practice questions ({len(found)})", 3)
    return QuestionList(found[0].notebook, [title, *views])


def progress_summary() -> ProgressSummary:
    """Per notebook: questions tried, points and answers shown, with a Reset button."""
    return ProgressSummary()
