"""The question bank (data/questions.yaml): its coverage, its clinical guard rails, and the
errors a broken entry raises at load time."""

import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from course_lib import course_outline, data_files
from course_lib.case_bank import vignettes
from course_lib.data_files import DataFileError
from course_lib.exercises import grading
from course_lib.exercises.items import (
    CJ_STEPS,
    Bowtie,
    CaseMatrix,
    Cloze,
    Matrix,
    SelectAll,
    SingleBestAnswer,
    items,
    notebook_stems,
)

ROOT = Path(__file__).resolve().parent.parent
CONTENT_NOTEBOOKS = [stem for stem in notebook_stems() if "01" <= stem[:2] <= "12"]


def clear_course_caches():
    for name, module in list(sys.modules.items()):
        if name == "course_lib" or name.startswith("course_lib."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


# ---------------------------------------------------------------- coverage


def test_bank_has_at_least_sixty_items_across_every_content_notebook():
    bank = items()
    assert len(bank) >= 60
    per_notebook = Counter(entry.notebook for entry in bank.values())
    for stem in CONTENT_NOTEBOOKS:
        assert per_notebook[stem] >= 4, f"{stem} has only {per_notebook[stem]} items"
    for big in ("06_ablation", "07_embolisation", "09_neuroendocrine_tumours"):
        assert per_notebook[big] > 4


def test_every_notebook_tag_names_a_notebook_of_the_course_outline():
    listed = {entry.file.removesuffix(".ipynb") for entry in course_outline.notebooks()}
    assert {entry.notebook for entry in items().values()} <= listed


def test_every_clinical_judgement_step_is_trained_by_at_least_five_items():
    steps = Counter(entry.cj_step for entry in items().values())
    assert set(steps) == set(CJ_STEPS)
    assert min(steps.values()) >= 5, steps


def test_every_item_type_is_present_and_a_bowtie_is_built_on_a_case():
    kinds = Counter(type(entry) for entry in items().values())
    for kind in (SingleBestAnswer, SelectAll, Matrix, Cloze, Bowtie, CaseMatrix):
        assert kinds[kind] >= 1, kind.__name__
    assert any(isinstance(e, Matrix) and e.multiple_per_row for e in items().values())
    bowties_on_cases = [e for e in items().values() if isinstance(e, Bowtie) and e.vignette in vignettes()]
    assert bowties_on_cases


def test_every_option_has_a_rationale_and_every_item_sources():
    for entry in items().values():
        assert entry.sources and entry.stem and entry.topic
        choices = []
        if isinstance(entry, (SingleBestAnswer, SelectAll)):
            choices = entry.options
        elif isinstance(entry, Cloze):
            choices = [choice for blank in entry.blanks for choice in blank.choices]
        elif isinstance(entry, Bowtie):
            choices = entry.condition + entry.actions + entry.parameters
        elif isinstance(entry, Matrix):
            assert all(row.rationale for row in entry.rows), entry.id
        assert all(choice.rationale for choice in choices), entry.id


def test_bowties_have_one_condition_and_two_actions_and_parameters():
    for entry in items().values():
        if isinstance(entry, Bowtie):
            assert [
                sum(c.correct for c in part) for part in (entry.condition, entry.actions, entry.parameters)
            ] == [1, 2, 2]
            assert len(entry.condition) >= 3 and len(entry.actions) >= 4 and len(entry.parameters) >= 4


def test_case_matrix_answers_are_never_typed_in_the_data():
    raw = yaml.safe_load((ROOT / "data" / "questions.yaml").read_text(encoding="utf-8"))
    for entry in raw["items"]:
        if entry["type"] == "case_matrix":
            assert set(entry) <= {
                "id",
                "type",
                "notebook",
                "topic",
                "cj_step",
                "stem",
                "sources",
                "vignettes",
                "options",
            }


def test_case_matrix_key_agrees_with_the_reviewers_expected_levels():
    """The engine's key, as graded, matches the levels a clinical reviewer wrote in the case bank."""
    for entry in items().values():
        if not isinstance(entry, CaseMatrix):
            continue
        right = {
            v: {o for o in entry.options if vignettes()[v].expected[o] != "unsuitable"}
            for v in entry.vignettes
        }
        result = grading.check(entry, right)
        total = sum(len(options) for options in right.values())
        assert result.score.points == result.score.maximum == total, entry.id


UNCONFIRMED = [  # fact-sheet claims marked unconfirmed: never in a stem, a right answer or a rationale
    (r"10\s*(?:to|–|-)\s*25\s*%", "share of patients who can have RFA"),
    (r"(?:−|-)?\s*20\s*(?:to|–|-)\s*(?:−|-)?\s*40\s*°", "lethal cryoablation temperature"),
    (r"60 Gy", "a standard SBRT dose"),
    (r"µg|microgram", "an octreotide dose"),
    (r"2\.5 mm", "the tissue range of yttrium-90"),
    (r"\b60\s*%?\s*(?:/|and|to)\s*40\s*%", "a right/left liver split"),
]


def taught_texts(entry):
    """The texts an item presents as true: stem, right answers and every rationale."""
    texts = [entry.stem]
    if isinstance(entry, (SingleBestAnswer, SelectAll)):
        texts += [o.text for o in entry.options if o.correct] + [o.rationale for o in entry.options]
    elif isinstance(entry, Cloze):
        for blank in entry.blanks:
            texts += [c.text for c in blank.choices if c.correct] + [c.rationale for c in blank.choices]
    elif isinstance(entry, Bowtie):
        for part in (entry.condition, entry.actions, entry.parameters):
            texts += [c.text for c in part if c.correct] + [c.rationale for c in part]
    elif isinstance(entry, Matrix):
        texts += [row.text for row in entry.rows] + [row.rationale for row in entry.rows]
    return texts


def test_unconfirmed_facts_are_never_taught_as_firm_facts():
    for entry in items().values():
        for text in taught_texts(entry):
            for pattern, what in UNCONFIRMED:
                assert not re.search(pattern, text), f"{entry.id} teaches {what}: {text!r}"


def test_disputed_numbers_are_taught_as_ranges():
    text = yaml.safe_dump(yaml.safe_load((ROOT / "data" / "questions.yaml").read_text(encoding="utf-8")))
    assert "20 to 26.6%" in text  # remnant of a healthy liver
    assert "67 to 80%" in text  # portal share of inflow
    assert "1 to 2 litres" in text and "4 to 6 litres" in text  # paracentesis volume
    assert "55 in some sources and 60 in others" in text  # Milan age limit


# ---------------------------------------------------------------- load-time validation

GOOD_ITEM = {
    "id": "t-sba",
    "type": "single_best_answer",
    "notebook": "06_ablation",
    "topic": "Test topic",
    "cj_step": "analyse_cues",
    "stem": "Which is right?",
    "sources": ["Dou17"],
    "options": [
        {"id": "a", "text": "First", "rationale": "Because."},
        {"id": "b", "text": "Second", "correct": True, "rationale": "Because."},
        {"id": "c", "text": "Third", "rationale": "Because."},
    ],
}


@pytest.fixture
def bank(tmp_path, monkeypatch):
    """Write a questions.yaml into a copy of data/ and load it; caches cleared before and after."""
    for path in (ROOT / "data").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(data_files, "DATA_DIR", tmp_path)
    clear_course_caches()

    def load(*entries):
        (tmp_path / "questions.yaml").write_text(yaml.safe_dump({"items": list(entries)}), encoding="utf-8")
        clear_course_caches()
        return items()

    yield load
    clear_course_caches()


def variant(**changes):
    entry = {key: (list(value) if isinstance(value, list) else value) for key, value in GOOD_ITEM.items()}
    entry["options"] = [dict(option) for option in GOOD_ITEM["options"]]
    entry.update(changes)
    return {key: value for key, value in entry.items() if value is not None}


def test_a_valid_small_bank_loads(bank):
    loaded = bank(variant())
    assert list(loaded) == ["t-sba"]


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"colour": "red"}, "colour", "unknown field"),
        ({"cj_step": None}, "cj_step", "required field is missing"),
        ({"cj_step": "guess"}, "cj_step", "is not one of"),
        ({"notebook": "99_nowhere"}, "notebook", "is not one of"),
        ({"type": "essay"}, "type", "is not one of"),
        ({"sources": ["NoSuchRef"]}, "sources", "is not a reference id"),
        ({"sources": []}, "sources", "expected a list of non-empty texts"),
    ],
)
def test_broken_item_fields_name_file_entry_and_field(bank, changes, field, words):
    with pytest.raises(DataFileError, match=words) as caught:
        bank(variant(**changes))
    assert (caught.value.file, caught.value.entry, caught.value.field) == ("questions.yaml", "t-sba", field)


def test_single_best_answer_needs_exactly_one_correct_option(bank):
    options = [dict(option, correct=True) for option in GOOD_ITEM["options"]]
    with pytest.raises(DataFileError, match="exactly 1 must be marked correct") as caught:
        bank(variant(options=options))
    assert caught.value.field == "options"
    options = [{k: v for k, v in option.items() if k != "correct"} for option in GOOD_ITEM["options"]]
    with pytest.raises(DataFileError, match="found 0"):
        bank(variant(options=options))


def test_select_all_needs_a_correct_option(bank):
    options = [{k: v for k, v in option.items() if k != "correct"} for option in GOOD_ITEM["options"]]
    with pytest.raises(DataFileError, match="at least one option must be marked correct") as caught:
        bank(variant(type="select_all", options=options))
    assert (caught.value.entry, caught.value.field) == ("t-sba", "options")


def test_nested_problems_name_the_path_inside_the_item(bank):
    options = [dict(option) for option in GOOD_ITEM["options"]]
    del options[1]["rationale"]
    with pytest.raises(DataFileError, match="required field is missing") as caught:
        bank(variant(options=options))
    assert caught.value.field == "options[1].rationale"
    options = [dict(option) for option in GOOD_ITEM["options"]]
    options[2]["id"] = "a"
    with pytest.raises(DataFileError, match="repeated") as caught:
        bank(variant(options=options))
    assert caught.value.field == "options"


def test_yaml_booleans_are_not_accepted_as_ids(bank):
    options = [dict(option) for option in GOOD_ITEM["options"]]
    options[0]["id"] = True  # what "id: yes" becomes in YAML
    with pytest.raises(DataFileError, match="expected non-empty text") as caught:
        bank(variant(options=options))
    assert caught.value.field == "options[0].id"


def test_unknown_vignette_and_option_ids_are_rejected(bank):
    case_matrix = {
        "id": "t-cm",
        "type": "case_matrix",
        "notebook": "12_case_studies",
        "topic": "T",
        "cj_step": "take_action",
        "stem": "S",
        "sources": ["S-UK"],
        "vignettes": ["bowel-frail", "no-such-patient"],
        "options": ["resection", "supportive_care"],
    }
    with pytest.raises(DataFileError, match="'no-such-patient' is not a case") as caught:
        bank(case_matrix)
    assert (caught.value.entry, caught.value.field) == ("t-cm", "vignettes")
    with pytest.raises(DataFileError, match="'laser' is not a treatment option") as caught:
        bank(dict(case_matrix, vignettes=["bowel-frail", "lung-bedbound"], options=["resection", "laser"]))
    assert caught.value.field == "options"
    with pytest.raises(DataFileError, match="is not a case") as caught:
        bank(variant(vignette="nobody"))
    assert caught.value.field == "vignette"


def test_a_case_matrix_row_with_nothing_that_applies_is_rejected(bank):
    case_matrix = {
        "id": "t-cm",
        "type": "case_matrix",
        "notebook": "12_case_studies",
        "topic": "T",
        "cj_step": "take_action",
        "stem": "S",
        "sources": ["S-UK"],
        "vignettes": ["bowel-frail", "lung-bedbound"],
        "options": ["resection", "prrt"],
    }
    with pytest.raises(DataFileError, match="none of these options applies"):
        bank(case_matrix)


def test_cloze_places_must_match_the_blanks(bank):
    cloze = {
        "id": "t-cz",
        "type": "cloze",
        "notebook": "06_ablation",
        "topic": "T",
        "cj_step": "recognise_cues",
        "stem": "S",
        "sources": ["Dodd05"],
        "text": "It starts on {start} and ends on {end}.",
        "blanks": [
            {
                "id": "start",
                "choices": [
                    {"id": "x", "text": "day 3", "correct": True, "rationale": "R"},
                    {"id": "y", "text": "day 30", "rationale": "R"},
                ],
            }
        ],
    }
    with pytest.raises(DataFileError, match="must match the blanks") as caught:
        bank(cloze)
    assert (caught.value.entry, caught.value.field) == ("t-cz", "text")


def test_bowtie_needs_two_right_actions(bank):
    def choices(prefix, right, count):
        return [
            {
                "id": f"{prefix}{n}",
                "text": f"{prefix} {n}",
                "rationale": "R",
                **({"correct": True} if n < right else {}),
            }
            for n in range(count)
        ]

    bowtie = {
        "id": "t-bt",
        "type": "bowtie",
        "notebook": "12_case_studies",
        "topic": "T",
        "cj_step": "take_action",
        "stem": "S",
        "sources": ["Kwon19"],
        "condition": choices("c", 1, 4),
        "actions": choices("a", 3, 5),
        "parameters": choices("p", 2, 5),
    }
    with pytest.raises(DataFileError, match="exactly 2 must be marked correct: true; found 3") as caught:
        bank(bowtie)
    assert caught.value.field == "actions"


def test_matrix_answers_must_name_a_column(bank):
    matrix = {
        "id": "t-mx",
        "type": "matrix",
        "notebook": "03_choosing_treatment",
        "topic": "T",
        "cj_step": "analyse_cues",
        "stem": "S",
        "sources": ["Oken82"],
        "columns": [{"id": "yes-col", "text": "Yes"}, {"id": "no-col", "text": "No"}],
        "rows": [
            {"id": "r1", "text": "Row", "answer": "maybe", "rationale": "R"},
            {"id": "r2", "text": "Row", "answer": "no-col", "rationale": "R"},
        ],
    }
    with pytest.raises(DataFileError, match="is not one of") as caught:
        bank(matrix)
    assert caught.value.field == "rows[0].answer"


def test_labels_too_long_for_one_line_are_rejected(bank):
    options = [dict(option) for option in GOOD_ITEM["options"]]
    options[0]["text"] = "word " * 40
    with pytest.raises(DataFileError, match="too long") as caught:
        bank(variant(options=options))
    assert caught.value.field == "options[0].text"


def test_missing_questions_file_is_named(bank, tmp_path):
    bank(variant())
    (tmp_path / "questions.yaml").unlink()
    clear_course_caches()
    with pytest.raises(DataFileError, match="file not found"):
        items()
