"""Notebook helpers that show clinical content from data/."""

import re

import pytest

from course_lib import course_outline, lesson
from course_lib.references import references
from course_lib.treatment_options import options


@pytest.mark.parametrize("topic_id", list(lesson.topics()))
def test_every_topic_shows_each_fact_with_its_sources(topic_id):
    text = lesson.facts_markdown(topic_id)
    facts = lesson.topics()[topic_id]["facts"]
    assert text.count("\n- ") + 1 == len(facts)
    for fact in facts:
        assert lesson.cite(fact["sources"]) in text


@pytest.mark.parametrize("option_id", list(options()))
def test_every_option_card_carries_its_data(option_id):
    o = options()[option_id]
    text = lesson.option_markdown(option_id)
    for heading in ("How it works", "How it is given", "Who it suits", "Who it does not suit",
                    "Main side effects", "Nursing care", "Trade-offs"):
        assert f"**{heading}" in text
    for item in o.suits + o.does_not_suit + o.side_effects + o.nursing_care:
        assert item in text
    assert o.tradeoffs.key_limits in text
    for fact in o.key_facts:
        assert fact.fact in text


def test_sources_list_seed_pages_first_with_links():
    text = lesson.sources_markdown("Fong99", "S-MP", "COLLISION25", "Fong99")
    lines = text.splitlines()
    assert len(lines) == 3 and lines[0].startswith("- **S-MP**")
    fong = "https://doi.org/10.1097/00000658-199909000-00004"
    assert f'<a href="{fong}" style="text-decoration: underline">{fong}</a>' in text
    assert all(re.search(r'<a href="https://\S+" style="text-decoration: underline">https://\S+</a>$', line)
               for line in lines)


def test_sources_reject_unknown_ids_and_empty_lists():
    with pytest.raises(ValueError, match="source: 'Nobody' is not a reference id"):
        lesson.sources_markdown("Nobody")
    with pytest.raises(ValueError, match="ids: no source ids given"):
        lesson.sources_markdown()


def test_navigation_follows_the_course_outline():
    files = [entry.file for entry in course_outline.notebooks()]
    first = lesson.navigation_markdown(files[0])
    underlined = 'style="text-decoration: underline"'
    assert "Previous" not in first and f'<a href="00_start_here.ipynb" {underlined}>Course map</a>' in first
    if len(files) > 1:
        assert f'<a href="{files[1]}" {underlined}>' in first
        last = lesson.navigation_markdown(files[-1])
        assert f'<a href="{files[-2]}" {underlined}>' in last and "Next" not in last
    with pytest.raises(ValueError, match="notebook_file: 'nope.ipynb' is not in data/course.yaml"):
        lesson.navigation_markdown("nope.ipynb")


def test_unknown_topic_is_a_clear_error():
    with pytest.raises(ValueError, match="topic: 'weather' is not in data/topic_facts.yaml; allowed: "):
        lesson.facts_markdown("weather")


def test_citations_read_cleanly():
    for ref in references().values():
        citation = ref.citation()
        assert ".." not in citation and citation.endswith(".")


def test_key_facts_and_nursing_overview_come_from_the_options_data():
    facts = lesson.key_facts_markdown("resection")
    assert all(fact.fact in facts for fact in options()["resection"].key_facts)
    with pytest.raises(ValueError, match="option_id: 'supportive_care' has no key facts"):
        lesson.key_facts_markdown("supportive_care")
    table = lesson.nursing_overview_markdown()
    assert table.count("\n| **") == len(options())
    ablation = lesson.nursing_overview_markdown("ablation")
    assert "**Cryoablation**" in ablation and "**Liver resection**" not in ablation
    with pytest.raises(ValueError, match="family: 'magic' is not a treatment family"):
        lesson.nursing_overview_markdown("magic")
