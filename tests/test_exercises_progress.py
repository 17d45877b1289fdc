"""The learner's progress file and the progress-summary widget."""

import json
from pathlib import Path

import pytest

from course_lib.case_bank import vignettes
from course_lib.exercises import progress, progress_summary, show_case, show_question
from course_lib.exercises import progress_view as summary_module


@pytest.fixture
def path(tmp_path, monkeypatch):
    target = tmp_path / "learner" / "progress.json"
    monkeypatch.setenv(progress.ENVIRONMENT_VARIABLE, str(target))
    progress.forget_stores()
    yield target
    progress.forget_stores()


ABLATION = summary_module.notebook_title("06_ablation")


def stored(path):
    return json.loads(path.read_text(encoding="utf-8"))["items"]


def test_the_path_comes_from_the_environment_or_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(progress.ENVIRONMENT_VARIABLE, str(tmp_path / "p.json"))
    assert progress.progress_path() == tmp_path / "p.json"
    monkeypatch.delenv(progress.ENVIRONMENT_VARIABLE)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert progress.progress_path() == tmp_path / ".liver_metastases_course" / "progress.json"


def test_a_missing_file_starts_fresh_without_a_notice(path):
    store = progress.store()
    assert store.records == {} and store.notice == ""
    assert not path.exists()


def test_checks_are_saved_with_attempts_last_and_best_scores(path):
    store = progress.store()
    store.record_check("item:x", "06_ablation", 2, 4)
    store.record_check("item:x", "06_ablation", 4, 4)
    store.record_check("item:x", "06_ablation", 1, 4)
    record = stored(path)["item:x"]
    assert (record["attempts"], record["last_score"], record["best_score"], record["maximum"]) == (3, 1, 4, 4)
    assert record["answer_shown"] is False and record["notebook"] == "06_ablation"
    progress.forget_stores()
    again = progress.store().records["item:x"]
    assert (again.attempts, again.best_score) == (3, 4)


def test_show_answer_is_recorded(path):
    progress.store().record_shown("case:bowel-frail", "cases", 8)
    assert stored(path)["case:bowel-frail"]["answer_shown"] is True


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"items": [1, 2]}',
        '["a list"]',
        '{"items": {"item:x": {"notebook": 3, "maximum": 1}}}',
        '{"items": {"item:x": {"notebook": "n", "maximum": true}}}',
        "\udcff",
    ],
)
def test_a_damaged_file_is_moved_aside_and_a_fresh_record_starts(path, content):
    path.parent.mkdir(parents=True)
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    store = progress.store()
    assert store.records == {}
    assert (
        store.notice == "Your saved progress could not be read, so a fresh record was started. "
        "The old file was kept as progress.json.corrupt."
    )
    assert path.with_name("progress.json.corrupt").read_bytes() == content.encode("utf-8", "surrogateescape")
    assert not path.exists()
    store.record_check("item:x", "06_ablation", 1, 1)
    assert stored(path)["item:x"]["attempts"] == 1


def test_the_notice_appears_in_the_summary_as_one_plain_line(path):
    path.parent.mkdir(parents=True)
    path.write_text("garbage", encoding="utf-8")
    summary = progress_summary()
    assert "Your saved progress could not be read" in summary.table.value
    assert "Traceback" not in summary.table.value


def test_a_directory_in_place_of_the_file_does_not_crash(path):
    path.mkdir(parents=True)
    store = progress.store()
    assert store.records == {} and store.notice


def test_writes_are_atomic_and_a_failed_write_keeps_the_old_file(path, monkeypatch):
    store = progress.store()
    store.record_check("item:a", "06_ablation", 1, 1)
    before = path.read_bytes()

    def failing_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(progress.os, "replace", failing_replace)
    store.record_check("item:b", "06_ablation", 1, 1)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["progress.json"]  # no temporary file left behind
    assert store.notice.startswith("Your progress could not be saved")
    assert store.records["item:b"].attempts == 1  # the session still counts it
    monkeypatch.undo()
    store.record_check("item:c", "06_ablation", 0, 1)
    assert set(stored(path)) == {"item:a", "item:b", "item:c"} and store.notice == ""


def test_saving_writes_a_temporary_file_beside_the_real_one_then_replaces_it(path, monkeypatch):
    calls = []
    real_replace = progress.os.replace

    def spy(source, target):
        calls.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(progress.os, "replace", spy)
    progress.store().record_check("item:a", "06_ablation", 1, 1)
    ((source, target),) = calls
    assert target == path and source.parent == path.parent and source != path


def test_summary_renders_identically_on_any_fresh_file(tmp_path, monkeypatch):
    rendered = []
    for name in ("one", "two"):
        monkeypatch.setenv(progress.ENVIRONMENT_VARIABLE, str(tmp_path / name / "progress.json"))
        progress.forget_stores()
        rendered.append(progress_summary().table.value)
    assert rendered[0] == rendered[1]
    assert "0 of 8" in rendered[0]  # questions tried in notebook 01
    progress.forget_stores()


def test_summary_shows_per_notebook_counts_and_refreshes_after_check(path):
    summary = progress_summary()
    cases = f"0 of {len(vignettes())}"
    assert f"text-align:center'>{cases}</td>" in summary.table.value  # cases tried
    view = show_question("n06-heat-sink")
    view.choice.value = "cooling"
    view.check_button.click()
    rows = dict((row[0], row[1:]) for row in summary_module.summary_rows(progress.store().records))
    assert rows[ABLATION][0] == "1 of 8"
    assert rows[ABLATION][1].startswith("1 of ")
    assert "1 of 8" in summary.table.value
    case = show_case("lung-bedbound")
    case.show_answer_button.click()
    rows = dict((row[0], row[1:]) for row in summary_module.summary_rows(progress.store().records))
    tried, points, shown = rows["Patient cases: which options apply?"]
    assert (tried, points.split(" of ")[0], shown) == (cases, "0", "1")


def test_reset_asks_for_confirmation_then_clears_everything(path):
    store = progress.store()
    store.record_check("item:n06-heat-sink", "06_ablation", 1, 1)
    summary = progress_summary()
    summary.reset_button.click()
    assert summary.confirm_box in summary.children and summary.reset_row not in summary.children
    summary.cancel_button.click()
    assert store.records and summary.reset_row in summary.children
    summary.reset_button.click()
    summary.confirm_button.click()
    assert store.records == {} and stored(path) == {}
    assert "Your progress has been cleared." in summary.table.value
    assert summary.reset_row in summary.children


def test_nothing_in_the_exercises_talks_to_the_network():
    package = Path(progress.__file__).parent
    for source in package.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for word in ("socket", "urllib", "requests", "http.client", "httpx", "aiohttp"):
            assert f"import {word}" not in text and f"from {word}" not in text, (source.name, word)


def test_summary_ignores_stale_records_and_caps_old_scores(path):
    store = progress.store()
    store.record_shown("item:removed-long-ago", "06_ablation", 3)  # no longer in the bank
    store.record_check("item:n06-heat-sink", "06_ablation", 1, 1)
    store.records["item:n06-heat-sink"].best_score = 9  # saved when the item was worth more
    rows = {row[0]: row[1:] for row in summary_module.summary_rows(store.records)}
    assert rows[ABLATION][0] == "1 of 8"
    assert rows[ABLATION][1].startswith("1 of ")
    assert rows["Whole course"][2] == "0"


def test_widgets_have_short_text_forms_for_notebook_outputs(path):
    from course_lib.exercises import show_questions

    assert repr(show_question("n06-heat-sink")) == "<SingleBestAnswerView item:n06-heat-sink>"
    assert repr(show_case("bowel-frail")) == "<CaseView case:bowel-frail>"
    assert repr(show_questions("06_ablation")) == "<QuestionList 06_ablation: 8 questions>"
    assert repr(progress_summary()) == "<ProgressSummary>"
