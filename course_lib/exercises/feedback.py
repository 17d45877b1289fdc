"""Feedback a learner reads after Check or Show answer: pure functions, no widgets.

Every line carries its meaning twice, as a symbol (✔ right decision, ✘ wrong decision; in a
shown answer ● applies or right, ○ does not apply or wrong) and in words, so nothing
depends on colour. Colour is added in the HTML only as a third signal.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..references import references
from .scoring import Score

RIGHT, WRONG = "✔", "✘"
KEY_YES, KEY_NO = "●", "○"
COLOURS = {RIGHT: "#1a7f37", WRONG: "#b42318"}

# Words for the three engine levels in the which-options-apply exercise.
LEVEL_WORDS = {
    "suitable": "applies, suitable",
    "consider": "applies, may be considered",
    "unsuitable": "does not apply",
}
OPTION_WORDS = {True: "this applies", False: "this does not apply"}

ERROR_MESSAGE = (
    "Sorry, something went wrong while preparing your feedback. Press Try again; if it "
    "keeps happening, tell your instructor which question it was."
)


@dataclass(frozen=True)
class Line:
    """One line of feedback: what it is about, the symbol and words, why, and the sources."""

    label: str
    symbol: str = ""
    verdict: str = ""
    why: str = ""
    sources: tuple[str, ...] = ()
    indent: int = 0

    def text(self) -> str:
        parts = [
            f"{self.symbol} {self.label}".strip() + (_colon(self.label) if self.verdict or self.why else "")
        ]
        parts += [part for part in (self.verdict, self.why) if part]
        if self.sources:
            parts.append(f"({citations(self.sources)})")
        return "  " * self.indent + " ".join(parts)


@dataclass(frozen=True)
class Feedback:
    """What Check or Show answer displays; ``score`` is None when nothing was scored."""

    headline: str
    lines: tuple[Line, ...] = ()
    score: Score | None = None
    sources: tuple[str, ...] = ()
    answer_shown: bool = False

    def text(self) -> str:
        rows = [self.headline] + [line.text() for line in self.lines]
        if self.sources:
            rows.append(f"Sources: {citations(self.sources)}")
        return "\n".join(rows)


def _colon(label: str) -> str:
    """A colon after a label, unless it already ends a sentence."""
    return "" if label.rstrip().endswith((".", "?", "!")) else ":"


def prompt(message: str) -> Feedback:
    """A message that asks for more before anything is scored (reveals nothing)."""
    return Feedback(message)


def tick_verdict(ticked: bool, applies: bool, detail: str) -> tuple[str, str]:
    """Symbol and words for one tick box: was leaving or ticking it the right decision?"""
    if ticked and applies:
        return RIGHT, f"Correct — you ticked it: {detail}."
    if applies:
        return WRONG, f"Missed — {detail}."
    if ticked:
        return WRONG, f"Wrong tick — {detail}."
    return RIGHT, f"Correct — you left it: {detail}."


def single_verdict(chosen: bool, right: bool) -> tuple[str, str]:
    """Symbol and words for one option of a single-best-answer item."""
    if chosen and right:
        return RIGHT, "Correct — you chose the best answer."
    if chosen:
        return WRONG, "Not the best answer — you chose this one."
    if right:
        return WRONG, "Missed — this is the best answer."
    return RIGHT, "Correct — you did not choose this one."


def choice_verdict(chosen_text: str | None, right_text: str) -> tuple[str, str]:
    """Symbol and words for one row, blank or slot that takes a single choice."""
    if chosen_text == right_text:
        return RIGHT, f"Correct — you chose “{right_text}”."
    return WRONG, f"Not right — you chose “{chosen_text}”; the answer is “{right_text}”."


def key_mark(right: bool) -> str:
    return KEY_YES if right else KEY_NO


PERSON = re.compile(r"^(.+?) [A-Z]{1,3}$")  # "Fong Y", "Groot Koerkamp B", "van der Lei S"
LONE_PERSON = re.compile(r"^((?:(?:van|der|de|den|von|di|del|la|le) )*[A-Z][\w'’-]+) [A-Z]{1,3}$")


def short_citation(ref_id: str) -> str:
    """'Fong et al., 1999', 'Kwan and Pua, 2021', 'Tidy, 2021' or 'Cancer Research UK, 2023'."""
    ref = references()[ref_id]
    year = ref.year if ref.year is not None else "n.d."
    parts = [part.strip() for part in ref.authors.split(",")]
    if len(parts) == 1:
        lone = LONE_PERSON.match(parts[0])
        return f"{lone.group(1) if lone else ref.authors}, {year}"
    names = [PERSON.match(part) for part in parts if part != "et al."]
    if not all(names):
        return f"{ref.authors}, {year}"
    if "et al." in parts or len(names) > 2:
        return f"{names[0].group(1)} et al., {year}"
    return f"{' and '.join(name.group(1) for name in names)}, {year}"


def citations(ids: Iterable[str]) -> str:
    return "; ".join(short_citation(ref_id) for ref_id in dict.fromkeys(ids))


def _line_html(line: Line) -> str:
    colour = COLOURS.get(line.symbol)
    symbol = html.escape(line.symbol)
    if colour:
        symbol = f'<span style="color:{colour}">{symbol}</span>'
    head = f"{symbol} <strong>{html.escape(line.label)}</strong>".strip()
    body = " ".join(html.escape(part) for part in (line.verdict, line.why) if part)
    cite = f" <em>({html.escape(citations(line.sources))})</em>" if line.sources else ""
    return head + (_colon(line.label) + " " + body if body else "") + cite


def to_html(feedback: Feedback | None) -> str:
    """The feedback as HTML inside a polite live region, so screen readers announce it."""
    if feedback is None:
        return '<div role="status" aria-live="polite"></div>'
    parts = [f"<p><strong>{html.escape(feedback.headline)}</strong></p>"]
    if feedback.lines:
        parts.append('<ul style="list-style:none; padding-left:0.5em">')
        for line in feedback.lines:
            margin = f' style="margin-left:{1.5 * line.indent}em"' if line.indent else ""
            parts.append(f"<li{margin}>{_line_html(line)}</li>")
        parts.append("</ul>")
    if feedback.sources:
        parts.append(f"<p><em>Sources: {html.escape(citations(feedback.sources))}</em></p>")
    return '<div role="status" aria-live="polite">' + "".join(parts) + "</div>"


def message_html(message: str) -> str:
    return f'<div role="status" aria-live="polite"><p>{html.escape(message)}</p></div>'
