"""Scoring and feedback as pure functions, without any widget.

Expected scores are worked out by hand from the NCLEX rules written in
course_lib/exercises/scoring.py, never copied from the code's output.
"""

import pytest

from course_lib.case_bank import vignette
from course_lib.exercises import feedback, grading, scoring
from course_lib.exercises.case_exercise import CaseExercise
from course_lib.exercises.items import item

RIGHT = {"a", "b", "c"}  # three options apply; d, e, f do not


@pytest.mark.parametrize(
    "ticked, points",
    [
        ({"a", "b", "c"}, 3),  # all right
        ({"d", "e", "f"}, 0),  # all wrong
        ({"a", "d", "e"}, 0),  # more wrong than right: floored at zero, never negative
        ({"a", "b", "d"}, 1),  # two right, one wrong
        (set(), 0),  # nothing ticked
        ({"a", "b", "c", "d", "e", "f"}, 0),  # every box ticked: 3 right - 3 wrong
        ({"a", "b", "c", "d"}, 2),  # all right plus one wrong
        ({"b"}, 1),  # one right, nothing wrong
    ],
)
def test_plus_minus_follows_the_nclex_rule(ticked, points):
    assert scoring.plus_minus(ticked, RIGHT) == scoring.Score(points, 3)


def test_plus_minus_every_box_ticked_with_more_right_than_wrong():
    assert scoring.plus_minus(set("abcde"), set("abcd")).points == 3


def test_zero_one_scores_single_answers():
    assert scoring.zero_one("b", "b") == scoring.Score(1, 1)
    assert scoring.zero_one("a", "b") == scoring.Score(0, 1)
    assert scoring.zero_one(None, "b") == scoring.Score(0, 1)


def test_score_text_reads_n_of_m_and_impossible_scores_are_refused():
    assert scoring.Score(2, 5).text() == "Score: 2 of 5"
    with pytest.raises(ValueError):
        scoring.Score(6, 5)
    with pytest.raises(ValueError):
        scoring.Score(-1, 5)


def test_matrix_single_choice_rows_score_one_point_each():
    right = {"r1": "x", "r2": "y", "r3": "x"}
    assert scoring.per_row_zero_one({"r1": "x", "r2": "y", "r3": "x"}, right) == scoring.Score(3, 3)
    assert scoring.per_row_zero_one({"r1": "y", "r2": "y", "r3": None}, right) == scoring.Score(1, 3)


def test_matrix_multiple_rows_floor_each_row_at_zero():
    right = {"r1": {"x", "y"}, "r2": {"z"}}
    # row 1: 2 right - 1 wrong = 1; row 2: 0 right - 2 wrong = -2 -> 0; the rows do not cancel
    assert scoring.per_row_plus_minus({"r1": {"x", "y", "z"}, "r2": {"x", "y"}}, right) == scoring.Score(1, 3)
    assert scoring.per_row_plus_minus({"r1": {"x", "y"}, "r2": {"z"}}, right) == scoring.Score(3, 3)
    assert scoring.per_row_plus_minus({}, right) == scoring.Score(0, 3)


def test_bowtie_scores_one_point_per_right_choice():
    key = ("c", ["a1", "a2"], ["p1", "p2"])
    assert scoring.bowtie("c", ["a1", "a2"], ["p1", "p2"], *key) == scoring.Score(5, 5)
    assert scoring.bowtie("x", ["a1", "a9"], ["p2", "p9"], *key) == scoring.Score(2, 5)
    assert scoring.bowtie("x", ["a8", "a9"], ["p8", "p9"], *key) == scoring.Score(0, 5)
    # the same right action in both slots earns its point once
    assert scoring.bowtie("c", ["a1", "a1"], ["p1", "p2"], *key) == scoring.Score(4, 5)


# ---------------------------------------------------------------- feedback words and symbols


@pytest.mark.parametrize(
    "ticked, applies, symbol, words",
    [
        (True, True, "✔", "Correct — you ticked it: applies, suitable."),
        (False, True, "✘", "Missed — applies, suitable."),
        (True, False, "✘", "Wrong tick — applies, suitable."),
        (False, False, "✔", "Correct — you left it: applies, suitable."),
    ],
)
def test_tick_verdict_gives_symbol_and_words(ticked, applies, symbol, words):
    assert feedback.tick_verdict(ticked, applies, "applies, suitable") == (symbol, words)


def test_single_best_answer_verdicts():
    assert feedback.single_verdict(True, True) == ("✔", "Correct — you chose the best answer.")
    assert feedback.single_verdict(True, False) == ("✘", "Not the best answer — you chose this one.")
    assert feedback.single_verdict(False, True) == ("✘", "Missed — this is the best answer.")
    assert feedback.single_verdict(False, False) == ("✔", "Correct — you did not choose this one.")


def test_short_citations_name_authors_and_year():
    assert feedback.short_citation("Fong99") == "Fong et al., 1999"
    assert feedback.short_citation("Kwan21") == "Kwan and Pua, 2021"
    assert feedback.short_citation("PI21") == "Tidy, 2021"
    assert feedback.short_citation("S-CRUK") == "Cancer Research UK, 2023"
    assert feedback.short_citation("S-UK") == "UK cancer charity, n.d."
    assert feedback.short_citation("COLLISION25") == "van der Lei et al., 2025"


def test_feedback_html_is_a_polite_live_region_with_words_and_symbols():
    lines = (
        feedback.Line(
            "Liver resection", "✘", "Wrong tick — does not apply.", "Too little liver.", ("Fong99",)
        ),
    )
    html = feedback.to_html(feedback.Feedback("Score: 0 of 2", lines, scoring.Score(0, 2)))
    assert '<div role="status" aria-live="polite">' in html
    assert "Score: 0 of 2" in html and "✘" in html and "Wrong tick — does not apply." in html
    assert "Fong et al., 1999" in html
    assert "<script" not in html
    assert feedback.to_html(None) == '<div role="status" aria-live="polite"></div>'


def test_feedback_text_escapes_nothing_and_html_escapes_markup():
    line = feedback.Line("A <b> tag", "✔", "Correct — you left it: does not apply.")
    assert "A <b> tag" in line.text()
    assert "A &lt;b&gt; tag" in feedback.to_html(feedback.Feedback("x", (line,)))


# ---------------------------------------------------------------- the case model, without widgets


def applying(vignette_id):
    """Options a clinical reviewer expects to apply (case bank), independent of the engine."""
    return {option for option, level in vignette(vignette_id).expected.items() if level != "unsuitable"}


def test_case_model_scores_plus_minus_against_the_reviewed_levels():
    model = CaseExercise.for_vignette("bowel-frail")
    right = applying("bowel-frail")
    assert len(right) == 7  # chemotherapy, targeted, RFA, MWA, cryo, SBRT, supportive care
    assert model.check(right).score == scoring.Score(7, 7)
    assert model.check(right | {"resection", "paracentesis"}).score == scoring.Score(5, 7)
    assert model.check({"supportive_care", "resection", "prrt"}).score == scoring.Score(0, 7)
    assert model.check(set()).score == scoring.Score(0, 7)
    assert model.check(set(vignette("bowel-frail").expected)).score == scoring.Score(0, 7)  # 7 - 13 -> 0


def test_case_model_lines_say_which_level_applies():
    lines = {
        line.label: line
        for line in CaseExercise.for_vignette("bowel-frail").check({"supportive_care", "resection"}).lines
    }
    assert lines["Supportive care"].symbol == "✔"
    assert lines["Supportive care"].verdict == "Correct — you ticked it: applies, suitable."
    assert lines["Liver resection"].verdict == "Wrong tick — does not apply."
    assert lines["Radiofrequency ablation"].verdict == "Missed — applies, may be considered."
    assert lines["Portal vein embolisation"].verdict == "Correct — you left it: does not apply."
    assert all(line.why and line.sources for line in lines.values())


def test_case_model_rejects_unknown_option_ids():
    with pytest.raises(ValueError, match="not treatment options"):
        CaseExercise.for_vignette("bowel-frail").check({"magic_cure"})


def test_case_answer_lists_every_option_with_its_level():
    shown = CaseExercise.for_vignette("lung-bedbound").answer()
    assert shown.answer_shown and shown.score is None
    marks = {line.label: (line.symbol, line.verdict) for line in shown.lines}
    assert marks["Supportive care"] == ("●", "Applies, suitable.")
    assert marks["Chemotherapy"] == ("○", "Does not apply.")
    assert "1 of 20 options apply" in shown.headline


# ---------------------------------------------------------------- grading of bank items, without widgets


def test_single_best_answer_grading():
    entry = item("n06-heat-sink")
    assert grading.check(entry, "cooling").score == scoring.Score(1, 1)
    wrong = grading.check(entry, "electric")
    assert wrong.score == scoring.Score(0, 1)
    assert "Not the best answer — you chose this one." in wrong.text()
    assert "Missed — this is the best answer." in wrong.text()
    unanswered = grading.check(entry, None)
    assert unanswered.score is None and unanswered.lines == ()


def test_select_all_grading_edge_cases():
    entry = item(
        "n01-symptoms"
    )  # right: silent, vague, ruq, late-failure; wrong: jaundice-first, ascites-good
    right = {"silent", "vague", "ruq", "late-failure"}
    assert grading.check(entry, right).score == scoring.Score(4, 4)
    assert grading.check(entry, right | {"ascites-good"}).score == scoring.Score(3, 4)
    assert grading.check(entry, {"silent", "ascites-good", "jaundice-first"}).score == scoring.Score(0, 4)
    assert grading.check(entry, set()).score == scoring.Score(0, 4)
    assert grading.check(entry, right | {"ascites-good", "jaundice-first"}).score == scoring.Score(2, 4)


def test_matrix_grading_prompts_until_every_row_is_answered():
    entry = item("n02-remnant")
    partial = grading.check(entry, {"normal-35": "enough"})
    assert partial.score is None and "rows 2, 3, 4 and 5" in partial.headline
    full = {
        "normal-35": "enough",
        "normal-23": "borderline",
        "chemo-28": "small",
        "cirrhosis-35": "enough",
        "normal-15": "enough",
    }
    result = grading.check(entry, full)
    assert result.score == scoring.Score(3, 5)
    assert "Not right — you chose “Enough”; the answer is “Too small”." in result.text()


def test_cloze_and_bowtie_grading():
    cloze = item("n06-post-ablation")
    assert grading.check(
        cloze, {"share": "third", "start": "day3", "limit": "ten-days"}
    ).score == scoring.Score(3, 3)
    assert grading.check(cloze, {"share": "all", "start": "day3", "limit": None}).score is None
    bowtie = item("n09-crisis-bowtie")
    right = {"condition": "crisis", "actions": ["alert", "plan"], "parameters": ["bp", "pulse"]}
    assert grading.check(bowtie, right).score == scoring.Score(5, 5)
    same_twice = {"condition": "crisis", "actions": ["alert", "alert"], "parameters": ["bp", "pulse"]}
    assert grading.check(bowtie, same_twice).score is None


def test_prompts_reveal_nothing_of_the_key():
    for entry, response in [
        (item("n06-heat-sink"), None),
        (item("n02-remnant"), {}),
        (item("n09-crisis-bowtie"), {"condition": None}),
    ]:
        prompt = grading.check(entry, response)
        assert prompt.lines == () and prompt.sources == () and "✔" not in prompt.headline


def test_main_reason_passes_over_nursing_notes():
    from course_lib.decision_rules import rules
    from course_lib.engine import Verdict
    from course_lib.exercises.case_exercise import main_reason

    by_id = {rule.id: rule for rule in rules()}
    note, limit = by_id["carcinoid-crisis-cover"], by_id["embolisation-biliary-anastomosis"]
    assert (note.role, limit.role) == ("note", "limit")
    verdict = Verdict(
        "bland_embolization",
        "consider",
        (note.reason, limit.reason),
        note.sources + limit.sources,
        (note.id, limit.id),
    )
    assert main_reason(verdict) == (limit.reason, limit.sources)
    odd = Verdict("resection", "consider", ("First.", "Second."), ("S-UK",), ("only-one-id",))
    assert main_reason(odd) == ("First.", ("S-UK",))
