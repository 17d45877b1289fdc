"""Accessibility of the course as an app (Voila): an axe-core audit of every notebook, and one
which-options-apply case completed with the keyboard alone.

axe-core is the npm package, fetched at test time (see axe_core.py). A notebook passes when
axe finds no violation of impact "critical" or "serious". The audit runs on the page the
front-end test has just used, so the feedback shown after Check is audited too.
"""

from __future__ import annotations

import pytest
from frontends import SCORE, TICK_WORDS, course_notebooks, show_everything

from course_lib.exercises.case_view import INSTRUCTIONS as CASE_INSTRUCTIONS

pytestmark = pytest.mark.browser

KEYBOARD_NOTEBOOK = "03_choosing_treatment.ipynb"  # its first exercise is a which-options-apply case
MAX_TABS = 400  # more presses than the page has focusable controls before the first case
BLOCKING_IMPACTS = ("critical", "serious")

# What axe leaves out. Only Voila's own page furniture outside the notebook's content, which
# the course cannot change, may be listed here, each with its reason. (Nothing yet: the whole
# page, Voila's chrome included, is audited.)
AXE_EXCLUDE: list[list[str]] = []

# Index, among the page's Check buttons, of the first one whose exercise shows these instructions.
FIRST_CASE = """
(instructions) => [...document.querySelectorAll('button')].filter(b => b.textContent.trim() === 'Check')
  .findIndex(b => b.parentElement.parentElement.innerText.includes(instructions))
"""

# Serious and critical violations, each node described with the notebook cell it is in.
RUN_AXE = """
async ([exclude, impacts]) => {
  const results = await axe.run({include: [['body']], exclude}, {resultTypes: ['violations']});
  const place = node => {
    const element = node.target.length === 1 ? document.querySelector(node.target[0]) : null;
    const cell = element && element.closest('.jp-Cell');
    if (!cell) return '';
    const part = element.closest('.jp-OutputArea') ? 'output of' : 'text of';
    return ` [${part} ${cell.id.replace('cell-id=', '')}: ${JSON.stringify(element.innerText.trim().slice(0, 60))}]`;
  };
  return results.violations.filter(v => impacts.includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
    targets: v.nodes.slice(0, 8).map(n => n.target.join(' ') + place(n) + ' :: '
      + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 400)),
  }));
}
"""


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}, {violation['count']} nodes): {violation['help']}")
        lines += [f"    {target}" for target in violation["targets"]]
    return "\n".join(lines)


@pytest.mark.parametrize("notebook", course_notebooks())
def test_axe_finds_no_serious_violation(notebook, notebook_page, axe_source, screenshot_on_failure):
    with screenshot_on_failure(notebook_page, "-axe"):
        notebook_page.ready()
        page = notebook_page.page
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(content=axe_source)
        # Voila's page scrolls inside a box (#rendered_cells), and axe leaves out of its colour
        # checks whatever is scrolled out of sight. A window tall enough to show the whole
        # notebook at once lets it check every line; the usual size is restored afterwards.
        usual = page.viewport_size
        try:
            show_everything(page)
            violations = page.evaluate(RUN_AXE, [AXE_EXCLUDE, list(BLOCKING_IMPACTS)])
        finally:
            page.set_viewport_size(usual)
        if violations:
            raise AssertionError(f"axe-core found serious or critical violations:\n{describe(violations)}")


@pytest.mark.parametrize(("notebook", "fresh"), [pytest.param(KEYBOARD_NOTEBOOK, True, id=KEYBOARD_NOTEBOOK)])
def test_a_case_can_be_completed_with_the_keyboard(notebook, fresh, notebook_page, screenshot_on_failure):
    from playwright.sync_api import expect

    with screenshot_on_failure(notebook_page, "-keyboard"):
        notebook_page.ready()
        page = notebook_page.page
        # The first which-options-apply case: the first exercise showing the case instructions.
        index = page.evaluate(FIRST_CASE, CASE_INSTRUCTIONS)
        assert index >= 0, f"{notebook} shows no which-options-apply case"
        check = page.get_by_role("button", name="Check", exact=True).nth(index)
        case = check.locator("xpath=../..")
        first_box = case.locator("input[type=checkbox]").first
        feedback = case.locator('[role="status"]')
        expect(feedback).to_have_count(1)
        box_handle, check_handle = first_box.element_handle(), check.element_handle()

        page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.focus(); }")
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if page.evaluate("box => document.activeElement === box", box_handle):
                break
        else:
            raise AssertionError(f"{MAX_TABS} presses of Tab never reached the first tick box of the first case")
        page.keyboard.press("Space")
        expect(first_box).to_be_checked()
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if page.evaluate("button => document.activeElement === button", check_handle):
                break
        else:
            raise AssertionError("Tab never reached the case's Check button after its tick boxes")
        page.keyboard.press("Enter")
        expect(feedback).to_have_text(SCORE, timeout=30_000)
        text = feedback.inner_text()
        points, maximum = map(int, SCORE.search(text).groups())
        assert 0 <= points <= maximum and maximum > 0, text[:200]
        assert TICK_WORDS.search(text), f"the feedback does not mention the ticked box: {text[:300]!r}"
