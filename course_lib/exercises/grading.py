"""Marking a learner's response to any item of the question bank: pure functions, no widgets.

A response is plain data, the same shape the widgets read from their controls:

- single_best_answer: the chosen option id, or None
- select_all: the set of ticked option ids
- matrix: {row id: column id or None}; with several answers per row, {row id: set of column ids}
- cloze: {blank id: choice id or None}
- bowtie: {"condition": id or None, "actions": [id or None, id or None], "parameters": [..., ...]}
- case_matrix: {vignette id: set of ticked option ids}

``check(item, response)`` returns the Feedback shown after Check (with ``score`` set), or a
prompt (``score`` None) when the response is incomplete, which reveals nothing of the key.
``answer(item)`` returns the Feedback shown by Show answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..case_bank import vignettes
from . import scoring
from .case_exercise import answer_key, option_line
from .feedback import (
    OPTION_WORDS,
    RIGHT,
    WRONG,
    Feedback,
    Line,
    choice_verdict,
    key_mark,
    prompt,
    single_verdict,
    tick_verdict,
)
from .items import BOWTIE_PARTS, Bowtie, CaseMatrix, Choice, Cloze, Item, Matrix, SelectAll, SingleBestAnswer

PART_NAMES = {
    "condition": ("Condition", "the condition"),
    "actions": ("Action", "an action to take"),
    "parameters": ("Parameter", "a parameter to monitor"),
}
SHOWN = "Answer shown. Right answers are marked ● and wrong ones ○, each with the reason."


def empty_response(item: Item) -> Any:
    """The response of a learner who has not answered yet."""
    if isinstance(item, SingleBestAnswer):
        return None
    if isinstance(item, SelectAll):
        return set()
    if isinstance(item, Matrix):
        return {row.id: (set() if item.multiple_per_row else None) for row in item.rows}
    if isinstance(item, Cloze):
        return {blank.id: None for blank in item.blanks}
    if isinstance(item, Bowtie):
        return {"condition": None, "actions": [None, None], "parameters": [None, None]}
    return {vignette_id: set() for vignette_id in item.vignettes}


def maximum(item: Item) -> int:
    if isinstance(item, SingleBestAnswer):
        return 1
    if isinstance(item, SelectAll):
        return sum(option.correct for option in item.options)
    if isinstance(item, Matrix):
        return sum(len(row.answers) for row in item.rows) if item.multiple_per_row else len(item.rows)
    if isinstance(item, Cloze):
        return len(item.blanks)
    if isinstance(item, Bowtie):
        return sum(BOWTIE_PARTS.values())
    return sum(answer_key(v)[option_id].applies for v in item.vignettes for option_id in item.options)


def _right(choices: tuple[Choice, ...]) -> list[Choice]:
    return [choice for choice in choices if choice.correct]


def _key_lines(
    choices: tuple[Choice, ...], indent: int = 1, yes: str = "Right answer.", no: str = "Wrong answer."
) -> list[Line]:
    return [
        Line(
            choice.text, key_mark(choice.correct), yes if choice.correct else no, choice.rationale, (), indent
        )
        for choice in choices
    ]


# ----------------------------------------------------------------------------- Check


def _check_single(item: SingleBestAnswer, chosen: str | None) -> Feedback:
    if chosen is None:
        return prompt("Choose one answer, then press Check.")
    right = _right(item.options)[0]
    score = scoring.zero_one(chosen, right.id)
    lines = [
        Line(option.text, *single_verdict(option.id == chosen, option.correct), option.rationale)
        for option in item.options
    ]
    return Feedback(score.text(), tuple(lines), score, item.sources)


def _check_select_all(item: SelectAll, ticked: set[str]) -> Feedback:
    ticked = set(ticked)
    score = scoring.plus_minus(ticked, [option.id for option in _right(item.options)])
    lines = [
        Line(
            option.text,
            *tick_verdict(option.id in ticked, option.correct, OPTION_WORDS[option.correct]),
            option.rationale,
        )
        for option in item.options
    ]
    return Feedback(score.text(), tuple(lines), score, item.sources)


def _check_matrix(item: Matrix, response: Mapping[str, Any]) -> Feedback:
    columns = {column.id: column.text for column in item.columns}
    if not item.multiple_per_row:
        missing = [position for position, row in enumerate(item.rows, 1) if response.get(row.id) is None]
        if missing:
            return prompt(
                f"Choose an answer in every row (still to do: {_plural('row', missing)}), then press Check."
            )
        score = scoring.per_row_zero_one(response, {row.id: row.answers[0] for row in item.rows})
        lines = [
            Line(row.text, *choice_verdict(columns[response[row.id]], columns[row.answers[0]]), row.rationale)
            for row in item.rows
        ]
        return Feedback(score.text(), tuple(lines), score, item.sources)
    score = scoring.per_row_plus_minus(response, {row.id: row.answers for row in item.rows})
    lines = []
    for row in item.rows:
        ticked = set(response.get(row.id, ()))
        lines.append(Line(row.text, why=row.rationale))
        lines += [
            Line(
                column.text,
                *tick_verdict(
                    column.id in ticked, column.id in row.answers, OPTION_WORDS[column.id in row.answers]
                ),
                indent=1,
            )
            for column in item.columns
        ]
    return Feedback(score.text(), tuple(lines), score, item.sources)


def _check_cloze(item: Cloze, response: Mapping[str, str | None]) -> Feedback:
    missing = [position for position, blank in enumerate(item.blanks, 1) if response.get(blank.id) is None]
    if missing:
        return prompt(
            f"Choose an answer for every blank (still to do: {_plural('blank', missing)}), then press Check."
        )
    score = scoring.per_row_zero_one(
        response, {blank.id: _right(blank.choices)[0].id for blank in item.blanks}
    )
    lines = []
    for position, blank in enumerate(item.blanks, 1):
        texts = {choice.id: choice.text for choice in blank.choices}
        lines.append(
            Line(
                f"Blank {position}", *choice_verdict(texts[response[blank.id]], _right(blank.choices)[0].text)
            )
        )
        lines += _key_lines(blank.choices)
    return Feedback(score.text(), tuple(lines), score, item.sources)


def _check_bowtie(item: Bowtie, response: Mapping[str, Any]) -> Feedback:
    chosen = {
        "condition": [response.get("condition")],
        "actions": list(response.get("actions", [None, None])),
        "parameters": list(response.get("parameters", [None, None])),
    }
    if any(value is None for values in chosen.values() for value in values):
        return prompt(
            "Fill in every box of the bow-tie (the condition, two actions to take and two "
            "parameters to monitor), then press Check."
        )
    for part in ("actions", "parameters"):
        if len(set(chosen[part])) < len(chosen[part]):
            return prompt(f"Choose two different {part}: the same one is in both boxes.")
    parts = {part: getattr(item, part) for part in BOWTIE_PARTS}
    score = scoring.bowtie(
        chosen["condition"][0],
        chosen["actions"],
        chosen["parameters"],
        _right(parts["condition"])[0].id,
        [c.id for c in _right(parts["actions"])],
        [c.id for c in _right(parts["parameters"])],
    )
    lines = []
    for part, choices in parts.items():
        name, role = PART_NAMES[part]
        texts = {choice.id: choice for choice in choices}
        for position, choice_id in enumerate(chosen[part], 1):
            label = name if part == "condition" else f"{name} {position}"
            picked = texts[choice_id]
            if picked.correct:
                lines.append(Line(label, RIGHT, f"Correct — “{picked.text}” is {role}."))
            else:
                lines.append(Line(label, WRONG, f"Not right — “{picked.text}” is not {role}."))
        lines += _key_lines(choices)
    return Feedback(score.text(), tuple(lines), score, item.sources)


def _check_case_matrix(item: CaseMatrix, response: Mapping[str, Any]) -> Feedback:
    right = {v: [o for o in item.options if answer_key(v)[o].applies] for v in item.vignettes}
    score = scoring.per_row_plus_minus(response, right)
    lines = []
    for vignette_id in item.vignettes:
        ticked = set(response.get(vignette_id, ()))
        lines.append(Line(vignettes()[vignette_id].title))
        key = answer_key(vignette_id)
        lines += [
            option_line(option_id, key[option_id], option_id in ticked, indent=1)
            for option_id in item.options
        ]
    return Feedback(score.text(), tuple(lines), score, item.sources)


def check(item: Item, response: Any) -> Feedback:
    """The feedback for one response (a prompt, with no score, if the response is incomplete)."""
    if isinstance(item, SingleBestAnswer):
        return _check_single(item, response)
    if isinstance(item, SelectAll):
        return _check_select_all(item, response)
    if isinstance(item, Matrix):
        return _check_matrix(item, response)
    if isinstance(item, Cloze):
        return _check_cloze(item, response)
    if isinstance(item, Bowtie):
        return _check_bowtie(item, response)
    if isinstance(item, CaseMatrix):
        return _check_case_matrix(item, response)
    raise TypeError(f"item: {item!r} is not a question bank item")


# ----------------------------------------------------------------------------- Show answer


def answer(item: Item) -> Feedback:
    """The full answer key with every rationale, for Show answer."""
    lines: list[Line] = []
    if isinstance(item, SingleBestAnswer):
        lines = _key_lines(item.options, 0, "Best answer.", "Not the best answer.")
    elif isinstance(item, SelectAll):
        lines = _key_lines(item.options, 0, "This applies.", "This does not apply.")
    elif isinstance(item, Matrix):
        columns = {column.id: column.text for column in item.columns}
        for row in item.rows:
            answers = " and ".join(f"“{columns[c]}”" for c in row.answers)
            lines.append(Line(row.text, "", f"Answer: {answers}.", row.rationale))
    elif isinstance(item, Cloze):
        for position, blank in enumerate(item.blanks, 1):
            lines.append(Line(f"Blank {position}", "", f"Answer: “{_right(blank.choices)[0].text}”."))
            lines += _key_lines(blank.choices)
    elif isinstance(item, Bowtie):
        for part in BOWTIE_PARTS:
            choices = getattr(item, part)
            answers = " and ".join(f"“{choice.text}”" for choice in _right(choices))
            lines.append(
                Line(PART_NAMES[part][0] + ("" if part == "condition" else "s"), "", f"Answer: {answers}.")
            )
            lines += _key_lines(choices)
    elif isinstance(item, CaseMatrix):
        for vignette_id in item.vignettes:
            lines.append(Line(vignettes()[vignette_id].title))
            key = answer_key(vignette_id)
            lines += [option_line(option_id, key[option_id], None, indent=1) for option_id in item.options]
    else:
        raise TypeError(f"item: {item!r} is not a question bank item")
    return Feedback(SHOWN, tuple(lines), None, item.sources, answer_shown=True)


def _plural(noun: str, numbers: list[int]) -> str:
    """'row 2' or 'rows 1, 3 and 4'."""
    words = [str(number) for number in numbers]
    if len(words) == 1:
        return f"{noun} {words[0]}"
    return f"{noun}s " + ", ".join(words[:-1]) + " and " + words[-1]
