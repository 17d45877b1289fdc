"""The browser tests' own judgements, tried on made-up page facts (no browser needed): each
check must report the problem it exists to find, and stay quiet on a good page."""

from __future__ import annotations

from frontends import PLACEHOLDER_ALT, NotebookFacts, check_no_source, check_outputs

EXPECTED = NotebookFacts("demo.ipynb", cells=4, widget_outputs=2, figures=1,
                         code_lines=('show_case("net-after-whipple")',))


def good_page(**changes) -> dict:
    facts = {
        "errors": [], "dialogs": [], "loadingWidget": False, "widgetError": False, "widgetOutputs": 2,
        "images": [{"alt": "Diagram of the liver's two blood supplies", "loaded": True, "src": "data:image/png"}],
        "figures": [{"hasImage": True, "visible": True}],
        "sourceNodes": [], "text": "A patient with a neuroendocrine tumour. Tick every option that applies.",
    }
    facts.update(changes)
    return facts


def test_a_good_page_has_no_problems():
    assert check_outputs(good_page(), EXPECTED) == []
    assert check_no_source(good_page(), EXPECTED) == []


def test_every_kind_of_broken_output_is_reported():
    broken = good_page(
        errors=["NameError: name 'x' is not defined"], dialogs=["Kernel Restarting"], loadingWidget=True,
        widgetError=True, widgetOutputs=1, figures=[{"hasImage": False, "visible": True}],
        images=[{"alt": "", "loaded": True, "src": "a"}, {"alt": PLACEHOLDER_ALT, "loaded": True, "src": "b"},
                {"alt": "Chart", "loaded": False, "src": "c"}])
    problems = "\n".join(check_outputs(broken, EXPECTED))
    for expected in ("error output: \"NameError", "a dialog is open", 'still shows "Loading widget..."',
                     "Error displaying widget", "1 widget outputs drawn; the notebook has 2",
                     "alt=''", "alt='Image'", "an image did not load ('Chart')", "a course figure has no image"):
        assert expected in problems, expected


def test_missing_figures_are_counted():
    assert check_outputs(good_page(figures=[]), EXPECTED) == [
        "0 course figures shown; the notebook's outputs have 1"]


def test_visible_code_is_reported_in_voila():
    shown = good_page(sourceNodes=["from course_lib.exercises import show_case"],
                      text='Case 1\nshow_case("net-after-whipple")\nimport ipywidgets')
    problems = check_no_source(shown, EXPECTED)
    assert "code is visible: 'from course_lib.exercises import show_case'" in problems
    assert "the page text contains 'show_case('" in problems
    assert "the page text contains 'import '" in problems
    assert "the page text contains a line of code: 'show_case(\"net-after-whipple\")'" in problems
