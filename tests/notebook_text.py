"""Reading the learner-facing text of the course notebooks (shared by the content tests)."""

import json
import re
from pathlib import Path

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


def load(name):
    return json.loads((NOTEBOOK_DIR / name).read_text(encoding="utf-8"))


def markdown_cells(notebook):
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"]


def code_cells(notebook):
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


def headings(notebook):
    found = []
    for text in markdown_cells(notebook):
        found += [match.group(2).strip() for match in re.finditer(r"^(#{1,6})\s+(.+)$", text, flags=re.M)]
    return found


def prose(notebook, drop=()):
    """Sentences a learner reads in markdown cells: no markup, links, tables, code or headings.

    ``drop``: words and phrases to leave out (for example glossary terms, which are long
    medical words that every reading-level formula counts as hard).
    """
    text = "\n".join(markdown_cells(notebook))
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"^#{1,6}\s+.*$", " ", text, flags=re.M)           # headings are not sentences
    text = re.sub(r"^\s*\|.*\|\s*$", " ", text, flags=re.M)          # tables
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)                  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)               # links keep their words
    text = re.sub(r"\[[A-Za-z0-9;\- ]+\]", " ", text)                  # citation tags [S-MP; Fong99]
    text = re.sub(r"<[^>]+>", " ", text)                               # html and autolinks
    text = re.sub(r"[*_`>]", "", text)
    text = re.sub(r"^\s*(?:[-+]|\d+\.)\s+(.*?)\s*$", lambda m: m.group(1).rstrip(".:;") + ".", text,
                  flags=re.M)                                          # a list item reads as one sentence
    for phrase in sorted(drop, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(phrase)}\b", " ", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip()


def citation_tags(notebook):
    tags = set()
    for text in markdown_cells(notebook):
        for group in re.findall(r"\[([A-Za-z0-9\-]+(?:; ?[A-Za-z0-9\-]+)*)\](?!\()", text):
            tags.update(part.strip() for part in group.split(";"))
    return tags


def shown_sources(notebook):
    """The ids passed to show_sources(...) in the notebook's code cells."""
    ids = set()
    for code in code_cells(notebook):
        for call in re.findall(r"show_sources\((.*?)\)", code, flags=re.S):
            ids.update(re.findall(r"[\"']([^\"']+)[\"']", call))
    return ids


def displayed_citations(notebook):
    """Source ids that appear in outputs through show_facts(...) and show_option(...) calls."""
    from course_lib.lesson import topics
    from course_lib.treatment_options import option

    ids = set()
    for code in code_cells(notebook):
        for topic_id in re.findall(r"show_facts\([\"']([^\"']+)[\"']", code):
            ids.update(ref for fact in topics()[topic_id]["facts"] for ref in fact["sources"])
        for option_id in re.findall(r"show_option\([\"']([^\"']+)[\"']", code):
            shown = option(option_id)
            ids.update(shown.sources)
            ids.update(ref for fact in shown.key_facts for ref in fact.sources)
    return ids
