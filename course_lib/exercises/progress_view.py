"""The progress summary: per notebook, questions tried and points, with a Reset (and confirm).

It shows only counts and scores, never dates, so it renders the same on every fresh run.
"""

from __future__ import annotations

import html
from functools import cache

import ipywidgets as widgets

from .. import course_outline
from ..case_bank import vignettes
from . import grading, looks, progress
from .case_exercise import answer_key
from .feedback import message_html
from .items import items, notebook_stems
from .view_base import button, html_block

CASES = "cases"
CELL = "padding:0.2em 0.8em;"
PROBLEM = "Sorry, the progress summary could not be updated. Your answers are still being saved."
CLEARED = "Your progress has been cleared."
CONFIRM = (
    "This clears every answer and score saved on this computer for this course. "
    "It cannot be undone. Clear your progress?"
)


def notebook_title(stem: str) -> str:
    for entry in course_outline.notebooks():
        if entry.file == f"{stem}.ipynb":
            return f"{stem[:2]} {entry.title}"
    return f"{stem[:2]} " + stem[3:].replace("_", " ").capitalize()


@cache
def _parts() -> tuple[tuple[str, str, dict[str, int]], ...]:
    """(progress group, title, {progress key: maximum}) for each notebook with questions, then cases."""
    parts = []
    for stem in notebook_stems():
        keys = {
            f"item:{entry.id}": grading.maximum(entry) for entry in items().values() if entry.notebook == stem
        }
        if keys:
            parts.append((stem, notebook_title(stem), keys))
    cases = {f"case:{v}": sum(verdict.applies for verdict in answer_key(v).values()) for v in vignettes()}
    parts.append((CASES, "Patient cases: which options apply?", cases))
    return tuple(parts)


def summary_rows(records: dict[str, progress.Record]) -> list[tuple[str, str, str, str]]:
    """(part, tried, points, answers shown) for every part; pure apart from reading the bank."""
    rows = []
    total_tried = total_count = total_points = total_maximum = total_shown = 0
    for _group, title, keys in _parts():
        tried = [key for key in keys if key in records and records[key].attempts > 0]
        # a best score saved before an item changed can never count for more than its maximum now
        points = sum(min(records[key].best_score or 0, keys[key]) for key in tried)
        maximum = sum(keys.values())
        shown = sum(1 for key in keys if key in records and records[key].answer_shown)
        rows.append((title, f"{len(tried)} of {len(keys)}", f"{points} of {maximum}", str(shown)))
        total_tried, total_count = total_tried + len(tried), total_count + len(keys)
        total_points, total_maximum = total_points + points, total_maximum + maximum
        total_shown += shown
    rows.append(
        (
            "Whole course",
            f"{total_tried} of {total_count}",
            f"{total_points} of {total_maximum}",
            str(total_shown),
        )
    )
    return rows


def summary_html(records: dict[str, progress.Record], notice: str = "", message: str = "") -> str:
    titles = ("Questions tried", "Points (best tries)", "Answers shown")
    head = (
        f"<tr><th scope='col' style='{CELL} text-align:left'>Part of the course</th>"
        + "".join(f"<th scope='col' style='{CELL}'>{title}</th>" for title in titles)
        + "</tr>"
    )
    body = "".join(
        f"<tr><th scope='row' style='{CELL} text-align:left; font-weight:normal'>{html.escape(part)}</th>"
        + "".join(f"<td style='{CELL} text-align:center'>{html.escape(cell)}</td>" for cell in cells)
        + "</tr>"
        for part, *cells in summary_rows(records)
    )
    status = " ".join(html.escape(text) for text in (notice, message) if text)
    return (
        f'<div role="status" aria-live="polite">{f"<p>{status}</p>" if status else ""}</div>'
        "<table><caption style='text-align:left'><strong>Your progress</strong> (kept only on this "
        f"computer)</caption><thead>{head}</thead><tbody>{body}</tbody></table>"
    )


class ProgressSummary(widgets.VBox):
    """The summary table, refreshed whenever an answer is checked, with Reset and a confirm step."""

    def __init__(self):
        self.store = progress.store()
        self.message = ""
        self.table = html_block("")
        self.reset_button = button("Reset my progress")
        self.confirm_text = widgets.HTML(value=f"<p>{html.escape(CONFIRM)}</p>")
        self.confirm_button = button("Yes, clear my progress", button_style="danger")
        self.cancel_button = button("No, keep it")
        self.confirm_box = widgets.VBox(
            [self.confirm_text, widgets.HBox([self.confirm_button, self.cancel_button])]
        )
        self.reset_button.on_click(lambda _button: self._guarded(self.ask_to_reset))
        self.confirm_button.on_click(lambda _button: self._guarded(self.confirm_reset))
        self.cancel_button.on_click(lambda _button: self._guarded(self.cancel_reset))
        self.reset_row = widgets.HBox([self.reset_button])
        super().__init__([self.table, self.reset_row], layout=looks.layout(width="100%"))
        self.refresh()
        self.store.subscribe(self.refresh)

    def __repr__(self) -> str:
        return "<ProgressSummary>"

    def _guarded(self, action) -> None:
        try:
            action()
        except Exception:
            self.table.value = message_html(PROBLEM)

    def refresh(self) -> None:
        try:
            self.table.value = summary_html(self.store.records, self.store.notice, self.message)
        except Exception:
            self.table.value = message_html(PROBLEM)

    def ask_to_reset(self) -> None:
        self.children = [self.table, self.confirm_box]

    def cancel_reset(self) -> None:
        self.children = [self.table, self.reset_row]

    def confirm_reset(self) -> None:
        self.message = CLEARED
        self.children = [self.table, self.reset_row]
        self.store.reset()  # notifies every summary, this one included
