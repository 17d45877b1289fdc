"""Every widget type driven from Python: set the values, press Check, read the score and lines.

Expected scores are worked out by hand from the item definitions in data/questions.yaml and
from the levels a clinical reviewer wrote in data/case_bank.yaml, not from the code's output.
"""

import html
import json
import re

import ipywidgets as widgets
import pytest

from course_lib.case_bank import vignette, vignettes
from course_lib.exercises import (
    feedback,
    grading,
    progress,
    progress_summary,
    show_case,
    show_question,
    show_questions,
)
from course_lib.exercises.case_exercise import answer_key
from course_lib.exercises.items import (
    Bowtie,
    CaseMatrix,
    Cloze,
    Matrix,
    SelectAll,
    SingleBestAnswer,
    items,
)
from course_lib.treatment_options import families, options

MARKERS = [
    "✔",
    "✘",
    "●",
    "○",
    "Correct —",
    "Missed —",
    "Wrong tick",
    "Not the best answer",
    "Not right —",
    "Score:",
    "Answer shown",
    "applies, suitable",
    "applies, may be considered",
    "does not apply",
]
STANDARD = (
    widgets.Checkbox,
    widgets.Button,
    widgets.RadioButtons,
    widgets.Dropdown,
    widgets.HTML,
    widgets.VBox,
    widgets.HBox,
)


@pytest.fixture(autouse=True)
def own_progress_file(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.ENVIRONMENT_VARIABLE, str(tmp_path / "progress.json"))
    progress.forget_stores()
    yield tmp_path / "progress.json"
    progress.forget_stores()


# ---------------------------------------------------------------- helpers


def all_widgets(widget):
    """The widget and everything it holds (children, layout, style), depth first."""
    seen, stack = [], [widget]
    while stack:
        current = stack.pop()
        if any(current is s for s in seen):
            continue
        seen.append(current)
        for name in current.keys:
            value = getattr(current, name)
            if isinstance(value, widgets.Widget):
                stack.append(value)
            elif isinstance(value, (list, tuple)):
                stack.extend(v for v in value if isinstance(v, widgets.Widget))
    return seen


def strings(value):
    if isinstance(value, str):
        yield html.unescape(value)
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings(inner)
    elif isinstance(value, (list, tuple)):
        for inner in value:
            yield from strings(inner)


def synced_text(widget):
    """Everything the browser would receive: every synced trait of every widget."""
    return "\n".join(text for w in all_widgets(widget) for text in strings(w.get_state()))


def lines_of(view):
    return view.last_feedback.text().splitlines()


def line_for(view, label):
    found = [line for line in lines_of(view) if label in line]
    assert found, f"no line mentions {label!r}"
    return found[0]


def applying(vignette_id):
    return {o for o, level in vignette(vignette_id).expected.items() if level != "unsuitable"}


def right_response(entry):
    """The full-marks response, read from the item definition (or the reviewer's case levels)."""
    if isinstance(entry, SingleBestAnswer):
        return next(o.id for o in entry.options if o.correct)
    if isinstance(entry, SelectAll):
        return {o.id for o in entry.options if o.correct}
    if isinstance(entry, Matrix):
        if entry.multiple_per_row:
            return {row.id: set(row.answers) for row in entry.rows}
        return {row.id: row.answers[0] for row in entry.rows}
    if isinstance(entry, Cloze):
        return {blank.id: next(c.id for c in blank.choices if c.correct) for blank in entry.blanks}
    if isinstance(entry, Bowtie):
        return {
            "condition": next(c.id for c in entry.condition if c.correct),
            "actions": [c.id for c in entry.actions if c.correct],
            "parameters": [c.id for c in entry.parameters if c.correct],
        }
    return {v: applying(v) & set(entry.options) for v in entry.vignettes}


def full_marks(entry):
    if isinstance(entry, SingleBestAnswer):
        return 1
    if isinstance(entry, SelectAll):
        return sum(o.correct for o in entry.options)
    if isinstance(entry, Matrix):
        return sum(len(row.answers) for row in entry.rows)
    if isinstance(entry, Cloze):
        return len(entry.blanks)
    if isinstance(entry, Bowtie):
        return 5
    return sum(len(applying(v) & set(entry.options)) for v in entry.vignettes)


def answer(view, response):
    """Set the view's controls to a response, as a learner would by clicking."""
    entry = view.item
    if isinstance(entry, SingleBestAnswer):
        view.choice.value = response
    elif isinstance(entry, SelectAll):
        for option_id, box in view.boxes.items():
            box.value = option_id in response
    elif isinstance(entry, Matrix) and entry.multiple_per_row:
        for row_id, boxes in view.rows.items():
            for column_id, box in boxes.items():
                box.value = column_id in response.get(row_id, set())
    elif isinstance(entry, Matrix):
        for row_id, control in view.rows.items():
            control.value = response.get(row_id)
    elif isinstance(entry, Cloze):
        for blank_id, control in view.blanks.items():
            control.value = response.get(blank_id)
    elif isinstance(entry, Bowtie):
        view.condition.value = response["condition"]
        for control, value in zip(view.actions, response["actions"], strict=True):
            control.value = value
        for control, value in zip(view.parameters, response["parameters"], strict=True):
            control.value = value
    else:
        for vignette_id, boxes in view.rows.items():
            for option_id, box in boxes.items():
                box.value = option_id in response.get(vignette_id, set())


def key_texts_for_item(entry):
    texts = []
    if isinstance(entry, (SingleBestAnswer, SelectAll)):
        texts = [o.rationale for o in entry.options]
    elif isinstance(entry, Matrix):
        texts = [row.rationale for row in entry.rows]
    elif isinstance(entry, Cloze):
        texts = [c.rationale for blank in entry.blanks for c in blank.choices]
    elif isinstance(entry, Bowtie):
        texts = [c.rationale for part in (entry.condition, entry.actions, entry.parameters) for c in part]
    elif isinstance(entry, CaseMatrix):
        texts = [
            reason for v in entry.vignettes for o in entry.options for reason in answer_key(v)[o].reasons
        ]
    return texts


# ---------------------------------------------------------------- the which-options-apply case


def test_case_card_and_tick_boxes_grouped_by_family():
    view = show_case("bowel-frail")
    text = synced_text(view)
    assert "Mrs Mensah: small deposits, but frail" in text
    assert vignette("bowel-frail").story in text
    for finding in vignette("bowel-frail").key_findings:
        assert finding in text
    headings = [label for label in families().values() if label in text]
    assert headings == list(families().values())
    assert {box.description for box in view.boxes.values()} == {o.short_name for o in options().values()}
    assert set(view.boxes) == set(options())


def test_case_check_scores_plus_minus_and_explains_every_option():
    view = show_case("bowel-frail")
    right = applying("bowel-frail")  # 7 options apply
    for option_id in right | {"resection", "paracentesis"}:
        view.boxes[option_id].value = True
    view.check_button.click()
    assert view.last_error is None
    assert lines_of(view)[0] == "Score: 5 of 7"
    assert len(lines_of(view)) == 1 + len(options()) + 1  # score, one line per option, sources
    assert line_for(view, "Liver resection:").startswith("✘ Liver resection: Wrong tick — does not apply.")
    assert line_for(view, "Supportive care:").startswith(
        "✔ Supportive care: Correct — you ticked it: applies, suitable."
    )
    assert line_for(view, "Portal vein embolisation:").startswith(
        "✔ Portal vein embolisation: Correct — you left it: does not apply."
    )
    reason = answer_key("bowel-frail")["supportive_care"].reasons[0]
    assert reason in line_for(view, "Supportive care:")
    assert re.search(r"\(.+, (\d{4}|n\.d\.)\)$", line_for(view, "Supportive care:"))
    assert 'role="status"' in view.feedback.value and 'aria-live="polite"' in view.feedback.value


def test_case_missed_option_says_may_be_considered():
    view = show_case("bowel-frail")
    view.boxes["supportive_care"].value = True
    view.check_button.click()
    assert lines_of(view)[0] == "Score: 1 of 7"
    assert line_for(view, "Radiofrequency ablation:").startswith(
        "✘ Radiofrequency ablation: Missed — applies, may be considered."
    )


@pytest.mark.parametrize(
    "ticks, score",
    [
        ("right", "Score: 7 of 7"),
        ("none", "Score: 0 of 7"),
        ("all", "Score: 0 of 7"),  # 7 right - 13 wrong, floored at zero
        ("mostly-wrong", "Score: 0 of 7"),  # 1 right - 3 wrong
    ],
)
def test_case_plus_minus_edge_cases(ticks, score):
    view = show_case("bowel-frail")
    chosen = {
        "right": applying("bowel-frail"),
        "none": set(),
        "all": set(options()),
        "mostly-wrong": {"supportive_care", "resection", "prrt", "paracentesis"},
    }[ticks]
    for option_id in chosen:
        view.boxes[option_id].value = True
    view.check_button.click()
    assert lines_of(view)[0] == score


def test_case_try_again_clears_ticks_and_feedback():
    view = show_case("lung-bedbound")
    view.boxes["supportive_care"].value = True
    view.check_button.click()
    assert view.last_feedback is not None
    view.try_again_button.click()
    assert not any(box.value for box in view.boxes.values())
    assert view.feedback.value == feedback.to_html(None)
    assert "Score" not in synced_text(view)


def test_case_show_answer_reveals_the_key_and_records_it(own_progress_file):
    view = show_case("lung-bedbound")
    view.show_answer_button.click()
    assert lines_of(view)[0].startswith("Answer shown: 1 of 20 options apply")
    assert line_for(view, "Supportive care:").startswith("● Supportive care: Applies, suitable.")
    assert line_for(view, "Chemotherapy:").startswith("○ Chemotherapy: Does not apply.")
    stored = json.loads(own_progress_file.read_text())["items"]["case:lung-bedbound"]
    assert stored["answer_shown"] is True and stored["attempts"] == 0


def test_case_check_is_saved_as_progress(own_progress_file):
    view = show_case("lung-bedbound")
    view.boxes["supportive_care"].value = True
    view.boxes["paracentesis"].value = True
    view.check_button.click()
    stored = json.loads(own_progress_file.read_text())["items"]["case:lung-bedbound"]
    assert (stored["attempts"], stored["last_score"], stored["best_score"], stored["maximum"]) == (1, 0, 0, 1)


# ---------------------------------------------------------------- the answer key stays in the kernel


def case_key_texts(vignette_id):
    return [reason for verdict in answer_key(vignette_id).values() for reason in verdict.reasons] + [
        vignette(vignette_id).teaching_point
    ]


@pytest.mark.parametrize("vignette_id", ["bowel-frail", "net-after-whipple", "pancreas-ascites"])
def test_case_key_is_not_in_any_widget_state_before_check(vignette_id):
    view = show_case(vignette_id)
    before = synced_text(view)
    for text in case_key_texts(vignette_id):
        assert text not in before, text
    for marker in MARKERS:
        assert marker not in before, marker
    view.boxes["supportive_care"].value = True
    after_tick = synced_text(view)
    assert not any(marker in after_tick for marker in MARKERS)
    view.check_button.click()
    after = synced_text(view)
    assert "Score:" in after and "✔" in after
    for option_id in answer_key(vignette_id):
        assert options()[option_id].short_name in after
    shown_reasons = [line.why for line in view.last_feedback.lines]
    assert all(reason in after for reason in shown_reasons)


def test_item_keys_are_not_in_any_widget_state_before_check_or_show_answer():
    for entry in items().values():
        view = show_question(entry.id)
        before = synced_text(view)
        for text in key_texts_for_item(entry):
            assert text not in before, (entry.id, text)
        assert not any(marker in before for marker in MARKERS), entry.id
        view.show_answer_button.click()
        shown = synced_text(view)
        for text in key_texts_for_item(entry):
            if not isinstance(entry, CaseMatrix):  # case matrices show the main reason only
                assert text in shown, (entry.id, text)
        view.try_again_button.click()
        assert not any(marker in synced_text(view) for marker in MARKERS), entry.id


# ---------------------------------------------------------------- every item type


def test_single_best_answer_widget():
    view = show_question("n06-heat-sink")
    assert isinstance(view.choice, widgets.RadioButtons) and view.choice.value is None
    view.check_button.click()
    assert lines_of(view) == ["Choose one answer, then press Check."]
    view.choice.value = "electric"
    view.check_button.click()
    assert lines_of(view)[0] == "Score: 0 of 1"
    assert line_for(view, "conducts").startswith(
        "✘ The vein conducts the electric current away from the probe. "
        "Not the best answer — you chose this one."
    )
    assert line_for(view, "Flowing blood").startswith("✘ Flowing blood carries heat away")
    assert "Missed — this is the best answer." in line_for(view, "Flowing blood")
    view.choice.value = "cooling"
    view.check_button.click()
    assert lines_of(view)[0] == "Score: 1 of 1"
    assert "Correct — you chose the best answer." in line_for(view, "Flowing blood")
    assert lines_of(view)[-1] == "Sources: Dou et al., 2017; Perfused porcine liver study group, 2018"


@pytest.mark.parametrize(
    "ticked, score",
    [
        ({"silent", "vague", "ruq", "late-failure"}, "Score: 4 of 4"),
        ({"silent", "vague", "ruq", "late-failure", "ascites-good"}, "Score: 3 of 4"),
        ({"silent", "ascites-good", "jaundice-first"}, "Score: 0 of 4"),
        (set(), "Score: 0 of 4"),
        ({"silent", "vague", "ruq", "late-failure", "ascites-good", "jaundice-first"}, "Score: 2 of 4"),
    ],
)
def test_select_all_widget_plus_minus(ticked, score):
    view = show_question("n01-symptoms")
    for option_id in ticked:
        view.boxes[option_id].value = True
    view.check_button.click()
    assert lines_of(view)[0] == score
    jaundice = line_for(view, "jaundice) is usually")
    if "jaundice-first" in ticked:
        assert jaundice.startswith("✘ ") and "Wrong tick — this does not apply." in jaundice
    else:
        assert jaundice.startswith("✔ ") and "Correct — you left it: this does not apply." in jaundice


def test_matrix_single_choice_widget():
    view = show_question("n02-remnant")
    assert all(isinstance(control, widgets.RadioButtons) for control in view.rows.values())
    view.rows["normal-35"].value = "enough"
    view.check_button.click()
    assert lines_of(view) == [
        "Choose an answer in every row (still to do: rows 2, 3, 4 and 5), then press Check."
    ]
    answer(
        view,
        {
            "normal-35": "enough",
            "normal-23": "borderline",
            "chemo-28": "enough",
            "cirrhosis-35": "small",
            "normal-15": "borderline",
        },
    )
    view.check_button.click()
    assert lines_of(view)[0] == "Score: 3 of 5"
    assert line_for(view, "four months").startswith(
        "✘ After four months of chemotherapy; 28% would be left. Not right — you chose “Enough”; "
        "the answer is “Too small”."
    )
    assert line_for(view, "23% would").startswith(
        "✔ A healthy liver; 23% would be left. Correct — you chose “Borderline: sources disagree”."
    )


def test_matrix_several_answers_per_row_widget():
    view = show_question("n06-compare-methods")  # seven right cells
    assert all(isinstance(boxes, dict) for boxes in view.rows.values())
    answer(
        view,
        {
            "heat": {"rfa", "mwa", "cryo"},
            "vessels": {"mwa", "cryo"},
            "ice": {"rfa", "mwa"},
            "cryoshock": {"cryo"},
            "pig": {"rfa"},
        },
    )
    view.check_button.click()
    # heat 2-1=1, vessels 2, ice 0-2 -> 0 (not -2), cryoshock 1, pig 1
    assert lines_of(view)[0] == "Score: 5 of 7"
    assert "  ✘ Cryoablation: Wrong tick — this does not apply." in lines_of(view)


def test_cloze_widget():
    view = show_question("n06-post-ablation")
    assert [control.description for control in view.blanks.values()] == ["Blank 1", "Blank 2", "Blank 3"]
    answer(view, {"share": "third", "start": "day30", "limit": "ten-days"})
    view.check_button.click()
    assert lines_of(view)[0] == "Score: 2 of 3"
    assert "✘ Blank 2: Not right — you chose “day 30”; the answer is “day 3”." in lines_of(view)
    assert "✔ Blank 1: Correct — you chose “one third”." in lines_of(view)
    assert any(line.startswith("  ○ day 30: Wrong answer.") for line in lines_of(view))


def test_bowtie_widget():
    view = show_question("n09-crisis-bowtie")
    text = synced_text(view)
    assert "Mrs Dlamini" in text and "Actions to take" in text and "Parameters to monitor" in text
    view.check_button.click()
    assert lines_of(view)[0].startswith("Fill in every box of the bow-tie")
    answer(view, {"condition": "crisis", "actions": ["alert", "alert"], "parameters": ["bp", "pulse"]})
    view.check_button.click()
    assert lines_of(view) == ["Choose two different actions: the same one is in both boxes."]
    answer(view, {"condition": "bleeding", "actions": ["alert", "wait"], "parameters": ["bp", "pulse"]})
    view.check_button.click()
    assert lines_of(view)[0] == "Score: 3 of 5"
    assert "✘ Condition: Not right — “Bleeding from the cut liver” is not the condition." in lines_of(view)
    assert (
        "✔ Action 1: Correct — “Alert the anaesthetist and the surgical team at once” is an action to take."
        in lines_of(view)
    )


def test_case_matrix_widget():
    view = show_question("n03-which-apply")
    # reviewer levels: small deposit - all four apply; widespread - chemotherapy and supportive care;
    # frail - ablation, chemotherapy and supportive care: 4 + 2 + 3 = 9
    answer(
        view,
        {
            "bowel-single-small-deposit": {"resection", "supportive_care"},
            "bowel-widespread": {"resection", "radiofrequency_ablation", "systemic_chemotherapy"},
            "bowel-frail": {"radiofrequency_ablation", "systemic_chemotherapy", "supportive_care"},
        },
    )
    view.check_button.click()
    # rows: 2-0 = 2; 1-2 -> 0; 3-0 = 3
    assert lines_of(view)[0] == "Score: 5 of 9"
    assert "Mr Haddad: spread to lungs and bones" in lines_of(view)
    assert any(
        line.startswith("  ✘ Liver resection: Wrong tick — does not apply.") for line in lines_of(view)
    )


@pytest.mark.parametrize("item_id", list(items()))
def test_every_item_renders_and_full_marks_are_possible(item_id):
    entry = items()[item_id]
    view = show_question(item_id)
    answer(view, right_response(entry))
    view.check_button.click()
    assert view.last_error is None
    expected = full_marks(entry)
    assert lines_of(view)[0] == f"Score: {expected} of {expected}"
    assert all(not line.startswith("✘") for line in lines_of(view) if not line.startswith(" "))


def test_try_again_clears_every_control_type():
    for item_id in (
        "n06-heat-sink",
        "n01-symptoms",
        "n02-remnant",
        "n06-compare-methods",
        "n06-post-ablation",
        "n09-crisis-bowtie",
        "n03-which-apply",
    ):
        entry = items()[item_id]
        view = show_question(item_id)
        answer(view, right_response(entry))
        view.check_button.click()
        view.try_again_button.click()
        assert view.response() == grading.empty_response(entry), item_id
        assert view.last_feedback is None


# ---------------------------------------------------------------- robustness, API, frontends


def test_a_failing_callback_shows_a_plain_message_not_a_traceback():
    view = show_question("n06-heat-sink")
    view.choice.value = "cooling"

    def broken(response):
        raise RuntimeError("boom")

    view.grade = broken
    view.check_button.click()
    assert isinstance(view.last_error, RuntimeError)
    assert "Sorry, something went wrong" in view.feedback.value
    assert "Traceback" not in view.feedback.value and "boom" not in view.feedback.value


def test_bad_arguments_raise_value_errors_that_name_them():
    with pytest.raises(ValueError, match=r"item_id: 'no-such-item' is not a question .* allowed: n00-"):
        show_question("no-such-item")
    with pytest.raises(ValueError, match=r"vignette_id: 'nobody' is not a case .* allowed: .*bowel-frail"):
        show_case("nobody")
    with pytest.raises(
        ValueError, match=r"notebook: '99_extra' is not one of the course's notebooks; allowed: "
    ):
        show_questions("99_extra")
    with pytest.raises(ValueError, match=r"notebook: '14_instructor_guide' has no questions"):
        show_questions("14_instructor_guide")


def test_show_questions_lists_a_notebooks_items_in_bank_order():
    box = show_questions("04_surgery.ipynb")
    views = box.children[1:]
    expected = [entry.id for entry in items().values() if entry.notebook == "04_surgery"]
    assert [view.item.id for view in views] == expected
    assert "Question 1 of 6" in synced_text(views[0])


def test_every_control_is_standard_labelled_and_reachable_by_keyboard():
    samples = [show_case("bowel-frail"), progress_summary()] + [
        show_question(i)
        for i in (
            "n06-heat-sink",
            "n01-symptoms",
            "n02-remnant",
            "n06-compare-methods",
            "n06-post-ablation",
            "n09-crisis-bowtie",
            "n03-which-apply",
        )
    ]
    for sample in samples:
        for widget in all_widgets(sample):
            if isinstance(widget, (widgets.Layout, widgets.Style)) or type(widget).__name__.endswith("Style"):
                continue
            assert isinstance(widget, STANDARD), type(widget)
            assert widget.get_state()["_view_module"] == "@jupyter-widgets/controls"
            if isinstance(widget, (widgets.Checkbox, widgets.Button, widgets.RadioButtons, widgets.Dropdown)):
                assert widget.description.strip(), widget
                assert widget.tabbable is not False and not widget.disabled


def normalised_state(widget):
    ids = {}

    def rename(match):
        return f"WIDGET-{ids.setdefault(match.group(0), len(ids))}"

    text = json.dumps([w.get_state() for w in all_widgets(widget)], sort_keys=True, default=str)
    return re.sub(r"IPY_MODEL_[0-9a-f]+", rename, text)


def test_first_render_is_identical_every_time():
    assert normalised_state(show_case("net-after-whipple")) == normalised_state(
        show_case("net-after-whipple")
    )
    assert normalised_state(show_questions("07_embolisation")) == normalised_state(
        show_questions("07_embolisation")
    )
    assert repr(show_question("n09-crisis-bowtie")) == repr(show_question("n09-crisis-bowtie"))


def test_every_case_in_the_bank_renders():
    for vignette_id in vignettes():
        view = show_case(vignette_id)
        view.check_button.click()
        assert view.last_error is None and lines_of(view)[0].startswith("Score: 0 of ")
