"""Links in the course's text carry their own underline (not colour alone: WCAG 1.4.1)."""

import re

import pytest

from course_lib import course_outline, lesson
from course_lib.links import link


def test_a_link_is_underlined_and_escaped():
    assert link("Course map", "00_start_here.ipynb") == (
        '<a href="00_start_here.ipynb" style="text-decoration: underline">Course map</a>')
    assert link("A & B <i>", 'https://example.org/?a=1&b="2"') == (
        '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;" style="text-decoration: underline">'
        "A &amp; B &lt;i&gt;</a>")


@pytest.mark.parametrize(("text", "target", "message"), [
    ("", "00_start_here.ipynb", "text: '' is empty"),
    ("  ", "00_start_here.ipynb", "text: '  ' is empty"),
    ("Course map", "", "target: '' is not a web address or a file name"),
    ("Course map", "two words.ipynb", "target: 'two words.ipynb' is not a web address or a file name"),
])
def test_a_link_without_words_or_target_is_refused(text, target, message):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}"):
        link(text, target)


def test_every_link_the_course_writes_is_underlined():
    files = [entry.file for entry in course_outline.notebooks()]
    texts = [course_outline.contents_markdown(), lesson.sources_markdown("S-MP", "Fong99")]
    texts += [lesson.navigation_markdown(name) for name in files]
    for text in texts:
        assert "](" not in text and "<https" not in text, text  # no plain Markdown link is left
        assert text.count("<a ") == text.count('style="text-decoration: underline"') > 0


def test_the_readme_course_map_keeps_plain_markdown_links():
    plain = course_outline.contents_markdown("notebooks/", underlined=False)
    first = course_outline.notebooks()[0]
    assert f"[{first.title}](notebooks/{first.file})" in plain and "<a " not in plain
