"""The instructor guide: plans that add up, prompts for every part, keys that match the exercises."""

import html
import re

import pytest

from course_lib import assess, course_outline, data_files
from course_lib import instructor_guide as guide_module
from course_lib.case_bank import vignettes
from course_lib.exercises.items import items, items_for
from course_lib.instructor_guide import (
    answer_key_browser,
    answer_key_html,
    case_key_html,
    class_plan_markdown,
    guide,
    misconceptions_markdown,
    prompts_markdown,
    question_key_html,
)


def test_each_class_session_fills_ninety_minutes_and_is_shown():
    text = class_plan_markdown()
    for session in guide()["class_plan"]["sessions"]:
        assert sum(step["minutes"] for step in session["steps"]) == 90
        assert session["name"] in text


def test_every_content_part_has_discussion_prompts():
    covered = {entry["notebook"] for entry in guide()["discussion_prompts"]}
    content = {e.file.removesuffix(".ipynb") for e in course_outline.notebooks()
               if re.match(r"(0[1-9]|1[0-2])_", e.file)}
    assert content <= covered
    assert prompts_markdown().count("\n- ") + 1 >= 2 * len(content)


def test_misconceptions_have_corrections_and_sources():
    assert len(guide()["misconceptions"]) >= 8
    table = misconceptions_markdown()
    for entry in guide()["misconceptions"]:
        assert entry["myth"] in table and entry["correction"] in table


@pytest.mark.parametrize("notebook", sorted({item.notebook for item in items().values()}))
def test_question_keys_carry_every_item_and_its_right_answers(notebook):
    text = html.unescape(question_key_html(notebook))
    for item in items_for(notebook):
        assert item.stem.strip() in text
        for choice in getattr(item, "options", ()):
            if getattr(choice, "correct", False):  # case matrices list option ids; their key comes from the engine
                assert choice.text in text


@pytest.mark.parametrize("vignette_id", list(vignettes()))
def test_case_keys_match_the_engine(vignette_id):
    text = case_key_html(vignette_id)
    result = assess(vignettes()[vignette_id].case)
    applying = sum(verdict.applies for verdict in result.values())
    assert f"{applying} of {len(result)} options apply" in text
    assert text.count("✔") == applying and text.count("✘") == len(result) - applying


def test_the_browser_switches_keys_and_rejects_unknown_choices():
    browser = answer_key_browser()
    picker, shown = browser.children
    first = shown.value
    picker.value = "c:bowel-frail"
    assert shown.value != first and "Mrs Mensah" in shown.value
    with pytest.raises(ValueError, match="choice: 'x:nothing' is not an answer key"):
        answer_key_html("x:nothing")


def test_a_session_that_does_not_add_up_is_rejected(tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(data_files.DATA_DIR, copy)
    path = copy / "instructor_guide.yaml"
    text = path.read_text().replace('{minutes: 10, activity: "Welcome.', '{minutes: 15, activity: "Welcome.', 1)
    path.write_text(text)
    monkeypatch.setattr(data_files, "DATA_DIR", copy)
    data_files.clear_caches()
    try:
        with pytest.raises(data_files.DataFileError, match=r"field 'steps': the steps add up to 95 minutes, not 90"):
            guide_module.guide()
    finally:
        data_files.clear_caches()
