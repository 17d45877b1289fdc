"""The glossary browser, driven from Python as a learner would use it."""

from course_lib.glossary import terms
from course_lib.glossary_view import glossary_browser, glossary_html


def test_starts_with_every_term_and_narrows_as_the_learner_types():
    browser = glossary_browser()
    search, results = browser.children
    assert results.value.count("<dt>") == len(terms())
    search.value = "heat sink"
    assert results.value.count("<dt>") == 1 and "flowing in a large vessel" in results.value
    assert "1 word shown." in results.value
    search.value = ""
    assert results.value.count("<dt>") == len(terms())


def test_no_match_says_so_in_words():
    text = glossary_html("zzzz")
    assert "No word in the glossary matches" in text and "<dt>" not in text


def test_terms_are_escaped():
    assert "<script>" not in glossary_html("<script>")
