"""What every exercise widget shares: the Check / Try again / Show answer buttons, the
feedback area (a polite live region) and saving progress.

Only standard ipywidgets controls are used, so every view works in JupyterLab 4, Notebook 7
and Voila, and every control is reached with Tab and worked with Space or Enter. Nothing
derived from the answer key is put into any widget before Check or Show answer: the key
stays in kernel-side Python objects (the model), and the feedback HTML is built on demand.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle

from . import looks, progress
from .feedback import ERROR_MESSAGE, Feedback, message_html, to_html


def html_block(markup: str) -> widgets.HTML:
    return widgets.HTML(value=markup, layout=looks.layout(width="100%"), style=looks.style(HTMLStyle))


def button(description: str, **settings) -> widgets.Button:
    """A button as wide as its words, sharing its layout and style with the course's other buttons."""
    return widgets.Button(description=description, layout=looks.layout(width="auto"),
                          style=looks.style(widgets.ButtonStyle), **settings)


def heading(text: str, level: int = 4) -> widgets.HTML:
    return html_block(f"<h{level}>{html.escape(text)}</h{level}>")


def paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def bullet_list(lines: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


class ExerciseView(widgets.VBox):
    """A VBox holding one exercise. Subclasses supply the controls and the model calls.

    Subclasses implement ``response()`` (read the controls), ``clear_controls()``,
    ``grade(response)`` and ``reveal()`` (both return Feedback), and set ``progress_key``,
    ``notebook`` and ``maximum``.
    """

    progress_key: str = ""
    notebook: str = ""
    maximum: int = 0

    def __init__(self, intro: Sequence[widgets.Widget], controls: Sequence[widgets.Widget]):
        self.check_button = button("Check", button_style="primary")
        self.try_again_button = button("Try again")
        self.show_answer_button = button("Show answer")
        self.feedback = html_block(to_html(None))
        self.last_feedback: Feedback | None = None
        self.last_error: BaseException | None = None
        self.check_button.on_click(lambda _button: self._guarded(self.on_check))
        self.try_again_button.on_click(lambda _button: self._guarded(self.on_try_again))
        self.show_answer_button.on_click(lambda _button: self._guarded(self.on_show_answer))
        buttons = widgets.HBox([self.check_button, self.try_again_button, self.show_answer_button])
        super().__init__([*intro, *controls, buttons, self.feedback], layout=looks.layout(width="100%"))

    def __repr__(self) -> str:
        """A short, stable text form for the notebook's text/plain output (never the key)."""
        return f"<{type(self).__name__} {self.progress_key}>"

    # -- to be supplied by each view -----------------------------------------------------
    def response(self):
        raise NotImplementedError

    def clear_controls(self) -> None:
        raise NotImplementedError

    def grade(self, response) -> Feedback:
        raise NotImplementedError

    def reveal(self) -> Feedback:
        raise NotImplementedError

    # -- button actions ------------------------------------------------------------------
    def _guarded(self, action: Callable[[], None]) -> None:
        """Run a button's action; any error becomes a short message, never a traceback."""
        try:
            action()
        except Exception as error:
            self.last_error = error
            self.last_feedback = None
            self.feedback.value = message_html(ERROR_MESSAGE)

    def show(self, feedback: Feedback) -> None:
        self.last_feedback = feedback
        self.feedback.value = to_html(feedback)

    def on_check(self) -> None:
        feedback = self.grade(self.response())
        self.show(feedback)
        if feedback.score is not None:
            progress.store().record_check(
                self.progress_key, self.notebook, feedback.score.points, feedback.score.maximum
            )

    def on_try_again(self) -> None:
        self.clear_controls()
        self.last_feedback = None
        self.feedback.value = to_html(None)

    def on_show_answer(self) -> None:
        self.show(self.reveal())
        progress.store().record_shown(self.progress_key, self.notebook, self.maximum)
