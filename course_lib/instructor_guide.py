"""The instructor guide: class and self-study plans, prompts, misconceptions, answer keys.

Plans, prompts and misconceptions come from data/instructor_guide.yaml. Answer keys are
generated from the question bank and, for patient cases, from the engine, so they always
match what students see after Check.
"""

from __future__ import annotations

import html
from collections import Counter
from functools import cache

import ipywidgets as widgets
from IPython.display import Markdown

from . import course_outline
from .case_bank import vignettes
from .data_files import DataFileError, Field, check_fields, load_yaml
from .engine import assess
from .exercises.grading import answer
from .exercises.items import CJ_STEPS, items, items_for
from .references import check_sources
from .treatment_options import options

FILE = "instructor_guide.yaml"
LEVEL_WORDS = {"suitable": "applies: suitable", "consider": "applies: may be considered",
               "unsuitable": "does not apply"}


@cache
def guide() -> dict:
    document = load_yaml(FILE)
    if not isinstance(document, dict):
        raise DataFileError(FILE, "expected the sections class_plan, self_study_plan, discussion_prompts, "
                                  "misconceptions")
    check_fields(FILE, "(top level)", document, {
        "class_plan": Field("mapping"), "self_study_plan": Field("mapping"),
        "discussion_prompts": Field("any"), "misconceptions": Field("any")})
    check_fields(FILE, "class_plan", document["class_plan"], {
        "title": Field("text"), "before": Field("text"), "sessions": Field("any"), "after": Field("text")})
    for session in document["class_plan"]["sessions"]:
        check_fields(FILE, "class_plan", session, {"name": Field("text"), "steps": Field("any")})
        total = 0
        for step in session["steps"]:
            check_fields(FILE, session["name"], step, {"minutes": Field("int"), "activity": Field("text")})
            total += step["minutes"]
        if total != 90:
            raise DataFileError(FILE, f"the steps add up to {total} minutes, not 90", session["name"], "steps")
    stems = {entry.file.removesuffix(".ipynb") for entry in course_outline.notebooks()}
    for entry in document["discussion_prompts"]:
        check_fields(FILE, str(entry.get("notebook")), entry, {"notebook": Field("text"), "prompts": Field("texts")})
        if entry["notebook"] not in stems:
            raise DataFileError(FILE, f"{entry['notebook']!r} is not a notebook", entry["notebook"], "notebook")
    for position, entry in enumerate(document["misconceptions"], 1):
        name = f"misconception {position}"
        check_fields(FILE, name, entry, {"myth": Field("text"), "correction": Field("text"), "sources": Field("texts")})
        check_sources(FILE, name, "sources", entry["sources"])
    return document


def class_plan_markdown() -> str:
    plan = guide()["class_plan"]
    parts = [f"**Before class.** {plan['before']}"]
    for session in plan["sessions"]:
        rows = ["| Minutes | Activity |", "|---|---|"]
        rows += [f"| {step['minutes']} | {step['activity']} |" for step in session["steps"]]
        parts.append(f"#### {session['name']}\n\n" + "\n".join(rows))
    parts.append(f"**After class.** {plan['after']}")
    return "\n\n".join(parts)


def self_study_markdown() -> str:
    plan = guide()["self_study_plan"]
    rows = ["| Week | Parts | Focus |", "|---|---|---|"]
    rows += [f"| {week['week']} | {week['parts']} | {week['focus']} |" for week in plan["weeks"]]
    hours, minutes = divmod(course_outline.total_minutes(), 60)
    return f"{plan['title']}: about {hours} h {minutes:02d} min of study in all.\n\n" + "\n".join(rows)


def prompts_markdown() -> str:
    titles = {entry.file.removesuffix(".ipynb"): entry.title for entry in course_outline.notebooks()}
    parts = []
    for entry in guide()["discussion_prompts"]:
        prompts = "\n".join(f"- {prompt}" for prompt in entry["prompts"])
        parts.append(f"**{titles[entry['notebook']]}**\n\n{prompts}")
    return "\n\n".join(parts)


def misconceptions_markdown() -> str:
    rows = ["| Students may think | What the evidence says | Sources |", "|---|---|---|"]
    rows += [f"| {entry['myth']} | {entry['correction']} | {'; '.join(entry['sources'])} |"
             for entry in guide()["misconceptions"]]
    return "\n".join(rows)


def bank_overview_markdown() -> str:
    """How many questions each part has, and which clinical-judgement steps they train."""
    per_notebook = Counter(item.notebook for item in items().values())
    per_step = Counter(item.cj_step for item in items().values())
    rows = ["| Part | Questions |", "|---|---|"]
    rows += [f"| {entry.title} | {per_notebook[entry.file.removesuffix('.ipynb')]} |"
             for entry in course_outline.notebooks() if per_notebook[entry.file.removesuffix(".ipynb")]]
    steps = ", ".join(f"{label} {per_step[step]}" for step, label in CJ_STEPS.items())
    return "\n".join(rows) + f"\n\nClinical-judgement steps trained: {steps}."


def question_key_html(notebook: str) -> str:
    """Every question of one notebook with its full answer and rationales."""
    if notebook not in {item.notebook for item in items().values()}:
        return "<p>This part has no knowledge-check questions.</p>"
    found = items_for(notebook)
    parts = []
    for number, item in enumerate(found, 1):
        key = answer(item)
        lines = "".join(f"<li>{html.escape(line.text().strip())}</li>" for line in key.lines)
        kind = item.type.replace("_", " ")
        parts.append(f"<h4>Question {number} ({html.escape(kind)}; {html.escape(item.cj_label)})</h4>"
                     f"<p>{html.escape(item.stem)}</p><ul>{lines}</ul>")
    return "".join(parts)


def case_key_html(vignette_id: str) -> str:
    """A patient case's answer: every option's level and main reason, from the engine."""
    vignette = vignettes()[vignette_id]
    result = assess(vignette.case)
    rows = []
    for option_id, verdict in result.items():
        mark = "✔" if verdict.applies else "✘"
        rows.append(f"<li>{mark} <strong>{html.escape(options()[option_id].short_name)}</strong>: "
                    f"{LEVEL_WORDS[verdict.level]}. {html.escape(verdict.reasons[0])}</li>")
    applying = sum(verdict.applies for verdict in result.values())
    return (f"<h4>{html.escape(vignette.title)}</h4><p>{applying} of {len(result)} options apply. "
            f"<em>Teaching point:</em> {html.escape(vignette.teaching_point)}</p><ul>{''.join(rows)}</ul>")


def answer_key_choices() -> list[tuple[str, str]]:
    with_questions = {item.notebook for item in items().values()}
    choices = [(f"Questions: {entry.title}", f"q:{entry.file.removesuffix('.ipynb')}")
               for entry in course_outline.notebooks() if entry.file.removesuffix(".ipynb") in with_questions]
    choices += [(f"Case: {vignette.title}", f"c:{vignette.id}") for vignette in vignettes().values()]
    return choices


def answer_key_html(choice: str) -> str:
    kind, _, name = choice.partition(":")
    if kind == "q":
        return question_key_html(name)
    if kind == "c" and name in vignettes():
        return case_key_html(name)
    allowed = [value for _, value in answer_key_choices()]
    raise ValueError(f"choice: {choice!r} is not an answer key; allowed: {allowed}")


def answer_key_browser() -> widgets.VBox:
    """Pick a part's questions or a patient case; see its full answer key."""
    choices = answer_key_choices()
    picker = widgets.Dropdown(options=choices, value=choices[0][1], description="Answer key for",
                              style={"description_width": "initial"}, layout=widgets.Layout(width="40em"))
    shown = widgets.HTML(answer_key_html(picker.value))

    def update(change):
        try:
            shown.value = answer_key_html(change["new"])
        except Exception as error:  # never a traceback in the guide
            shown.value = f"<p>Sorry, this answer key could not be shown ({html.escape(str(error))}).</p>"

    picker.observe(update, names="value")
    return widgets.VBox([picker, shown])


def show(markdown: str) -> Markdown:
    return Markdown(markdown)
