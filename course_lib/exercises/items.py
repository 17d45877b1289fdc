"""The question bank in data/questions.yaml: item definitions, checked when they are loaded.

Every item has an ``id``, a ``type``, the ``notebook`` it belongs to, a ``topic``, the
clinical-judgement step it trains (``cj_step``), a ``stem`` and its ``sources``, plus the
content its type needs:

- ``single_best_answer``: ``options`` (each ``id``, ``text``, ``rationale`` and, for the one
  right answer, ``correct: true``). Scored 0/1.
- ``select_all``: ``options`` as above, at least one correct and one not. Scored plus/minus.
- ``matrix``: ``columns`` (``id``, ``text``) and ``rows`` (``id``, ``text``, ``answer``: one
  column id, or a list when ``multiple_per_row: true``; ``rationale``). See scoring.py.
- ``cloze``: ``text`` with ``{blank_id}`` places, and ``blanks`` (``id``, ``choices`` as
  options above, exactly one correct). One point per blank.
- ``bowtie``: ``condition`` (choices, one correct), ``actions`` and ``parameters`` (choices,
  exactly two correct in each). One point per right choice, five in all.
- ``case_matrix``: ``vignettes`` (case-bank ids, the rows) and ``options`` (treatment option
  ids, the columns). The answers come from the engine, never from this file.

Items other than case matrices may name a case-bank ``vignette`` to show its case card.
Any broken entry raises ``DataFileError`` naming the file, the item and the field.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import course_outline
from ..case_bank import vignettes
from ..data_files import DataFileError, Field, check_fields, checked_entries
from ..references import check_sources
from ..treatment_options import options as treatment_options
from .case_exercise import answer_key

FILE = "questions.yaml"

def notebook_stems() -> tuple[str, ...]:
    """The course's notebooks, without .ipynb, in the order of data/course.yaml."""
    return tuple(entry.file.removesuffix(".ipynb") for entry in course_outline.notebooks())

CJ_STEPS = {
    "recognise_cues": "Recognise cues",
    "analyse_cues": "Analyse cues",
    "prioritise_hypotheses": "Prioritise hypotheses",
    "generate_solutions": "Generate solutions",
    "take_action": "Take action",
    "evaluate_outcomes": "Evaluate outcomes",
}

TYPES = ("single_best_answer", "select_all", "matrix", "cloze", "bowtie", "case_matrix")

# Labels of tick boxes, radio buttons and drop-downs stay on one line in every frontend, so
# they must be short enough to read without being cut off.
MAX_LABEL = 120


@dataclass(frozen=True)
class Choice:
    """One option, drop-down choice or bow-tie choice, with why it is right or wrong."""

    id: str
    text: str
    correct: bool
    rationale: str


@dataclass(frozen=True, kw_only=True)
class Item:
    id: str
    type: str
    notebook: str
    topic: str
    cj_step: str
    stem: str
    sources: tuple[str, ...]
    vignette: str | None = None

    @property
    def cj_label(self) -> str:
        return CJ_STEPS[self.cj_step]


@dataclass(frozen=True, kw_only=True)
class SingleBestAnswer(Item):
    options: tuple[Choice, ...]


@dataclass(frozen=True, kw_only=True)
class SelectAll(Item):
    options: tuple[Choice, ...]


@dataclass(frozen=True)
class Column:
    id: str
    text: str


@dataclass(frozen=True)
class MatrixRow:
    id: str
    text: str
    answers: tuple[str, ...]
    rationale: str


@dataclass(frozen=True, kw_only=True)
class Matrix(Item):
    columns: tuple[Column, ...]
    rows: tuple[MatrixRow, ...]
    multiple_per_row: bool = False


@dataclass(frozen=True)
class Blank:
    id: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True, kw_only=True)
class Cloze(Item):
    text: str
    blanks: tuple[Blank, ...]


@dataclass(frozen=True, kw_only=True)
class Bowtie(Item):
    condition: tuple[Choice, ...]
    actions: tuple[Choice, ...]
    parameters: tuple[Choice, ...]


@dataclass(frozen=True, kw_only=True)
class CaseMatrix(Item):
    vignettes: tuple[str, ...]
    options: tuple[str, ...]


BOWTIE_PARTS = {"condition": 1, "actions": 2, "parameters": 2}  # how many right choices each holds

COMMON_FIELDS = {
    "id": Field("text"),
    "type": Field("choice", choices=TYPES),
    "notebook": Field("text"),  # checked against the course outline in _item()
    "topic": Field("text"),
    "cj_step": Field("choice", choices=tuple(CJ_STEPS)),
    "stem": Field("text"),
    "sources": Field("texts"),
}
TYPE_FIELDS = {
    "single_best_answer": {"options": Field("any"), "vignette": Field("text", required=False)},
    "select_all": {"options": Field("any"), "vignette": Field("text", required=False)},
    "matrix": {
        "columns": Field("any"),
        "rows": Field("any"),
        "multiple_per_row": Field("bool", required=False),
        "vignette": Field("text", required=False),
    },
    "cloze": {"text": Field("text"), "blanks": Field("any"), "vignette": Field("text", required=False)},
    "bowtie": {
        "condition": Field("any"),
        "actions": Field("any"),
        "parameters": Field("any"),
        "vignette": Field("text", required=False),
    },
    "case_matrix": {"vignettes": Field("texts"), "options": Field("texts")},
}
CHOICE_FIELDS = {
    "id": Field("text"),
    "text": Field("text"),
    "correct": Field("bool", required=False),
    "rationale": Field("text"),
}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _fail(item_id: str, field: str, problem: str) -> DataFileError:
    return DataFileError(FILE, problem, item_id, field)


def _list(item_id: str, field: str, value: Any, minimum: int) -> list:
    if not isinstance(value, list) or len(value) < minimum:
        raise _fail(item_id, field, f"expected a list of at least {minimum} entries, got {value!r}")
    return value


def _entry(item_id: str, path: str, value: Any, fields: dict[str, Field]) -> dict:
    """Check one nested mapping; errors name the path inside the item, e.g. options[2].rationale."""
    if not isinstance(value, dict):
        raise _fail(item_id, path, f"expected a mapping of fields, got {value!r}")
    try:
        check_fields(FILE, item_id, value, fields)
    except DataFileError as error:
        raise _fail(item_id, f"{path}.{error.field}", error.problem) from None
    return value


def _unique(item_id: str, field: str, ids: list[str]) -> None:
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise _fail(item_id, field, f"ids must differ within the item; repeated: {repeated}")


def _label(item_id: str, path: str, text: str) -> None:
    if len(_flat(text)) > MAX_LABEL:
        raise _fail(
            item_id,
            path,
            f"{len(_flat(text))} characters is too long for a one-line label "
            f"(at most {MAX_LABEL}); shorten it",
        )


def _choices(
    item_id: str, field: str, value: Any, correct: int | None, minimum: int = 2
) -> tuple[Choice, ...]:
    """Choices of one list; ``correct`` is how many must be right (None: at least one)."""
    raw = _list(item_id, field, value, minimum)
    result = []
    for position, entry in enumerate(raw):
        path = f"{field}[{position}]"
        _entry(item_id, path, entry, CHOICE_FIELDS)
        _label(item_id, f"{path}.text", entry["text"])
        result.append(
            Choice(
                str(entry["id"]), _flat(entry["text"]), entry.get("correct", False), _flat(entry["rationale"])
            )
        )
    _unique(item_id, field, [choice.id for choice in result])
    right = sum(choice.correct for choice in result)
    if correct is None and right == 0:
        raise _fail(item_id, field, "at least one option must be marked correct: true")
    if correct is None and right == len(result):
        raise _fail(item_id, field, "at least one option must be wrong, or the item tests nothing")
    if correct is not None and right != correct:
        raise _fail(item_id, field, f"exactly {correct} must be marked correct: true; found {right}")
    return tuple(result)


def _vignette(item_id: str, field: str, vignette_id: str) -> str:
    if vignette_id not in vignettes():
        raise _fail(item_id, field, f"{vignette_id!r} is not a case in data/case_bank.yaml")
    return vignette_id


def _matrix(entry: dict, common: dict) -> Matrix:
    item_id, multiple = entry["id"], entry.get("multiple_per_row", False)
    columns = []
    for position, raw in enumerate(_list(item_id, "columns", entry["columns"], 2)):
        _entry(item_id, f"columns[{position}]", raw, {"id": Field("text"), "text": Field("text")})
        _label(item_id, f"columns[{position}].text", raw["text"])
        columns.append(Column(str(raw["id"]), _flat(raw["text"])))
    column_ids = [column.id for column in columns]
    _unique(item_id, "columns", column_ids)
    rows = []
    answer_kind = (
        Field("choices", choices=tuple(column_ids))
        if multiple
        else Field("choice", choices=tuple(column_ids))
    )
    for position, raw in enumerate(_list(item_id, "rows", entry["rows"], 2)):
        path = f"rows[{position}]"
        _entry(
            item_id,
            path,
            raw,
            {"id": Field("text"), "text": Field("text"), "answer": answer_kind, "rationale": Field("text")},
        )
        answers = tuple(raw["answer"]) if multiple else (raw["answer"],)
        if multiple and len(set(answers)) != len(answers):
            raise _fail(item_id, f"{path}.answer", f"a column is listed twice: {list(answers)}")
        rows.append(MatrixRow(str(raw["id"]), _flat(raw["text"]), answers, _flat(raw["rationale"])))
    _unique(item_id, "rows", [row.id for row in rows])
    return Matrix(**common, columns=tuple(columns), rows=tuple(rows), multiple_per_row=multiple)


def _cloze(entry: dict, common: dict) -> Cloze:
    item_id = entry["id"]
    blanks = []
    for position, raw in enumerate(_list(item_id, "blanks", entry["blanks"], 1)):
        path = f"blanks[{position}]"
        _entry(item_id, path, raw, {"id": Field("text"), "choices": Field("any")})
        blanks.append(Blank(str(raw["id"]), _choices(item_id, f"{path}.choices", raw["choices"], 1)))
    blank_ids = [blank.id for blank in blanks]
    _unique(item_id, "blanks", blank_ids)
    text = _flat(entry["text"])
    try:
        places = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise _fail(item_id, "text", f"the {{blank}} places cannot be read: {error}") from None
    if sorted(places) != sorted(blank_ids):
        raise _fail(
            item_id, "text", f"the text's places {places} must match the blanks {blank_ids}, each once"
        )
    order = {blank_id: places.index(blank_id) for blank_id in blank_ids}
    return Cloze(**common, text=text, blanks=tuple(sorted(blanks, key=lambda blank: order[blank.id])))


def _case_matrix(entry: dict, common: dict) -> CaseMatrix:
    item_id = entry["id"]
    rows = tuple(
        _vignette(item_id, "vignettes", v) for v in _list(item_id, "vignettes", entry["vignettes"], 2)
    )
    known = treatment_options()
    for option_id in _list(item_id, "options", entry["options"], 2):
        if option_id not in known:
            raise _fail(
                item_id, "options", f"{option_id!r} is not a treatment option in data/treatment_options.yaml"
            )
    _unique(item_id, "vignettes", list(rows))
    _unique(item_id, "options", list(entry["options"]))
    for vignette_id in rows:
        key = answer_key(vignette_id)
        if not any(key[option_id].applies for option_id in entry["options"]):
            raise _fail(
                item_id,
                "options",
                f"for case {vignette_id!r} none of these options applies; "
                "include at least one that does, so the row can be scored",
            )
    return CaseMatrix(**common, vignettes=rows, options=tuple(entry["options"]))


def _build(entry: dict) -> Item:
    item_id, kind = entry["id"], entry["type"]
    check_fields(FILE, item_id, entry, {**COMMON_FIELDS, **TYPE_FIELDS[kind]})
    if entry["notebook"] not in notebook_stems():
        raise DataFileError(FILE, f"{entry['notebook']!r} is not one of {list(notebook_stems())}", item_id,
                            "notebook")
    common = dict(
        id=item_id,
        type=kind,
        notebook=entry["notebook"],
        topic=_flat(entry["topic"]),
        cj_step=entry["cj_step"],
        stem=_flat(entry["stem"]),
        sources=check_sources(FILE, item_id, "sources", entry["sources"]),
    )
    if "vignette" in entry:
        common["vignette"] = _vignette(item_id, "vignette", entry["vignette"])
    if kind == "single_best_answer":
        return SingleBestAnswer(
            **common, options=_choices(item_id, "options", entry["options"], 1, minimum=3)
        )
    if kind == "select_all":
        return SelectAll(**common, options=_choices(item_id, "options", entry["options"], None, minimum=3))
    if kind == "matrix":
        return _matrix(entry, common)
    if kind == "cloze":
        return _cloze(entry, common)
    if kind == "bowtie":
        parts = {
            part: _choices(item_id, part, entry[part], right, minimum=right + 2)
            for part, right in BOWTIE_PARTS.items()
        }
        return Bowtie(**common, **parts)
    return _case_matrix(entry, common)


@cache
def items() -> dict[str, Item]:
    """Item id -> item, in the order of the file (the order learners meet them)."""
    every_field = {name for fields in (COMMON_FIELDS, *TYPE_FIELDS.values()) for name in fields}
    first_pass = {name: Field("any", required=False) for name in every_field}
    first_pass.update(id=Field("text"), type=Field("choice", choices=TYPES))
    entries = checked_entries(FILE, "items", first_pass)
    return {entry["id"]: _build(entry) for entry in entries}


def item(item_id: str) -> Item:
    try:
        return items()[item_id]
    except (KeyError, TypeError):
        raise ValueError(
            f"item_id: {item_id!r} is not a question in data/{FILE}; allowed: {', '.join(items())}"
        ) from None


def notebook_stem(notebook: str) -> str:
    """Accept "04_surgery" or "04_surgery.ipynb"; raise ValueError for anything else."""
    stem = notebook.removesuffix(".ipynb") if isinstance(notebook, str) else notebook
    if stem not in notebook_stems():
        raise ValueError(
            f"notebook: {notebook!r} is not one of the course's notebooks; allowed: {', '.join(notebook_stems())}"
        )
    return stem


def items_for(notebook: str) -> tuple[Item, ...]:
    """Every item of one notebook, in bank order; ValueError if it has none."""
    stem = notebook_stem(notebook)
    found = tuple(entry for entry in items().values() if entry.notebook == stem)
    if not found:
        with_items = sorted({entry.notebook for entry in items().values()})
        raise ValueError(
            f"notebook: {notebook!r} has no questions in data/{FILE}; "
            f"notebooks with questions: {', '.join(with_items)}"
        )
    return found
