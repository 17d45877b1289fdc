"""What the notebooks teach: the template, every source topic, sources, reading level, own words."""

import re
import subprocess
import sys

import pytest
import textstat
import yaml
from notebook_text import (
    NOTEBOOK_DIR,
    citation_tags,
    code_cells,
    displayed_citations,
    headings,
    load,
    prose,
    shown_sources,
)

from course_lib import course_outline
from course_lib.exercises import items_for
from course_lib.glossary import terms
from course_lib.references import references

ROOT = NOTEBOOK_DIR.parent
SHARED = ROOT.parent / "shared"
ENTRIES = course_outline.notebooks()
CONTENT = [e for e in ENTRIES if re.match(r"(0[1-9]|1[0-2])_", e.file)]
TEMPLATE_HEADINGS = ("What you will learn", "Nursing focus", "Check your understanding", "Key points", "Sources")
NURSING_FOCUS = ("Assessment", "Monitoring", "Patient education", "When to escalate")


def ids(entries):
    return [e.file.removesuffix(".ipynb") for e in entries]


@pytest.mark.parametrize("entry", CONTENT, ids=ids(CONTENT))
def test_content_notebooks_follow_the_template(entry):
    notebook = load(entry.file)
    found = headings(notebook)
    for heading in TEMPLATE_HEADINGS + NURSING_FOCUS:
        assert heading in found, f"{entry.file} has no heading '{heading}'"
    first = "".join(notebook["cells"][0]["source"])
    assert first.startswith("# ") and f"*About {entry.minutes} minutes.*" in first
    code = "\n".join(code_cells(notebook))
    assert code.count(f'show_navigation("{entry.file}")') == 2, "previous/next links at the top and the bottom"
    assert f'show_questions("{entry.file.removesuffix(".ipynb")}")' in code


@pytest.mark.parametrize("entry", CONTENT, ids=ids(CONTENT))
def test_each_content_notebook_has_at_least_four_knowledge_checks(entry):
    assert len(items_for(entry.file.removesuffix(".ipynb"))) >= 4


@pytest.mark.parametrize("entry", ENTRIES, ids=ids(ENTRIES))
def test_every_citation_resolves_and_is_listed_in_the_sources(entry):
    notebook = load(entry.file)
    tags, listed = citation_tags(notebook) | displayed_citations(notebook), shown_sources(notebook)
    assert tags <= set(references()), f"unknown tags {tags - set(references())}"
    assert listed <= set(references())
    if tags:
        assert tags <= listed, f"{entry.file} cites {sorted(tags - listed)} without listing them in show_sources"


def readme_bullets():
    readme = (SHARED / "sources" / "README.md").read_text(encoding="utf-8")
    bullets = []
    for line in readme.split("What the five pages cover")[1].splitlines():
        if line.startswith("- "):
            bullets.append(line[2:])
        elif line.startswith("  ") and bullets:
            bullets[-1] += " " + line.strip()
    return bullets


TOPICS = yaml.safe_load((ROOT / "data" / "source_topics.yaml").read_text(encoding="utf-8"))["topics"]


@pytest.mark.parametrize("topic", TOPICS, ids=[t["topic"] for t in TOPICS])
def test_each_source_topic_is_taught_where_the_map_says(topic):
    for place in topic["taught_in"]:
        assert place["section"] in headings(load(place["notebook"])), place


@pytest.mark.skipif(not (SHARED / "sources" / "README.md").exists(), reason="../shared is not beside the project")
def test_every_topic_the_source_pages_cover_is_mapped():
    bullets = readme_bullets()
    assert len(bullets) >= 10
    covered = {topic["bullet"] for topic in TOPICS}
    assert covered == set(range(1, len(bullets) + 1))
    for topic in TOPICS:
        assert topic["topic"].casefold() in bullets[topic["bullet"] - 1].casefold(), topic


GLOSSARY_WORDS = [name for term in terms() for name in term.names()]


@pytest.mark.parametrize("entry", ENTRIES, ids=ids(ENTRIES))
def test_reading_level_is_at_most_grade_12(entry):
    text = prose(load(entry.file), drop=GLOSSARY_WORDS)
    if len(text.split()) < 100:
        pytest.skip("too little prose to measure")
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= 12, f"{entry.file}: Flesch-Kincaid grade {grade:.1f}"


@pytest.mark.skipif(not (SHARED / "tools" / "copycheck.py").exists(), reason="../shared is not beside the project")
def test_no_passage_repeats_a_source_page():
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "copycheck.py"), str(ROOT)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
