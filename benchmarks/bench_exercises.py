"""How long a learner waits after pressing Check: from the click to the finished feedback.

Each figure is the median time of ``check_button.click()`` inside the kernel, which marks
the answer, builds the feedback HTML, saves progress (to a throw-away file) and refreshes a
progress summary that is on screen. The target is at most 20 ms. The baseline, measured in
the same run, is the time to set one tick box's value; the ratios compare against it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from timing import median_seconds

CASE = "net-after-whipple"
ITEMS = {  # one item of each type, with a complete answer so every line of feedback is built
    "single_best_answer": ("n06-heat-sink", {"choice": "electric"}),
    "select_all": ("n01-symptoms", {"boxes": {"silent", "ascites-good"}}),
    "matrix": (
        "n02-remnant",
        {
            "rows": {
                "normal-35": "enough",
                "normal-23": "small",
                "chemo-28": "small",
                "cirrhosis-35": "borderline",
                "normal-15": "small",
            }
        },
    ),
    "matrix_multiple": ("n06-compare-methods", {"rows": {"heat": {"rfa"}, "ice": {"cryo", "mwa"}}}),
    "cloze": ("n06-post-ablation", {"blanks": {"share": "third", "start": "day30", "limit": "ten-days"}}),
    "bowtie": ("n09-crisis-bowtie", {"bowtie": ("crisis", ["alert", "wait"], ["bp", "cga"])}),
    "case_matrix": ("n12-remnant-cases", {"rows": {"bowel-cirrhosis": {"resection", "microwave_ablation"}}}),
}


def fill(view, answer):
    if "choice" in answer:
        view.choice.value = answer["choice"]
    for option_id in answer.get("boxes", ()):
        view.boxes[option_id].value = True
    for blank_id, value in answer.get("blanks", {}).items():
        view.blanks[blank_id].value = value
    for row_id, value in answer.get("rows", {}).items():
        if isinstance(view.rows[row_id], dict):
            for column_id in value:
                view.rows[row_id][column_id].value = True
        else:
            view.rows[row_id].value = value
    if "bowtie" in answer:
        condition, actions, parameters = answer["bowtie"]
        view.condition.value = condition
        for control, value in zip(view.actions + view.parameters, actions + parameters, strict=True):
            control.value = value


def figures():
    scratch = tempfile.mkdtemp(prefix="bench-exercises-")
    previous = os.environ.get("LIVER_COURSE_PROGRESS")
    os.environ["LIVER_COURSE_PROGRESS"] = str(Path(scratch) / "progress.json")
    try:
        from course_lib.exercises import progress, progress_summary, show_case, show_question

        progress.forget_stores()
        summary = progress_summary()  # on screen, so every Check also refreshes it

        case = show_case(CASE)
        for option_id in ("resection", "somatostatin_analogue", "paracentesis", "chemoembolization"):
            case.boxes[option_id].value = True
        box = case.boxes["prrt"]
        baseline = median_seconds(lambda: setattr(box, "value", not box.value), repeats=51, warmup=5)
        yield "exercises.baseline.set_one_value", baseline * 1000, "ms"

        timings = {"case": median_seconds(case.check_button.click, repeats=21, warmup=2)}
        for name, (item_id, answer) in ITEMS.items():
            view = show_question(item_id)
            fill(view, answer)
            view.check_button.click()
            assert view.last_error is None and view.last_feedback.score is not None, item_id
            timings[name] = median_seconds(view.check_button.click, repeats=21, warmup=2)
        for name, seconds in timings.items():
            yield f"exercises.check_to_feedback.{name}", seconds * 1000, "ms"
            yield f"exercises.check_to_feedback.{name}.ratio_to_baseline", seconds / baseline, "x"
        slowest = max(timings.values())
        yield "exercises.check_to_feedback.slowest", slowest * 1000, "ms"
        yield "exercises.check_to_feedback.slowest.share_of_20ms_target", slowest / 0.020, "x"
        summary.close()
        progress.forget_stores()
    finally:
        if previous is None:
            os.environ.pop("LIVER_COURSE_PROGRESS", None)
        else:
            os.environ["LIVER_COURSE_PROGRESS"] = previous
