"""Every notebook as a learner meets it, in JupyterLab, Notebook 7 and Voila: run it, look at
it, and answer one exercise by clicking.

Per notebook and front end: open it; in JupyterLab and Notebook 7 run all cells and wait
until the kernel is idle and every cell has run (Voila runs it while it sends the page);
then check that no output is an error, no widget is left unrendered, every image has alt
text and has loaded; tick the first box (or choose the first answer) of one exercise, press
Check and read the score from the page. In Voila also check that no code can be seen.
"""

from __future__ import annotations

import pytest
from frontends import FRONTENDS, check_no_source, check_outputs, course_notebooks

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("notebook", course_notebooks())
@pytest.mark.parametrize("frontend", FRONTENDS)
def test_notebook_runs_and_answers_a_click(frontend, notebook, notebook_page, screenshot_on_failure):
    with screenshot_on_failure(notebook_page):
        notebook_page.ready()
        facts = notebook_page.page_facts()
        problems = check_outputs(facts, notebook_page.facts)
        if frontend == "voila":
            problems += check_no_source(facts, notebook_page.facts)
        else:
            problems += notebook_page.kernel_problems()
        assert not problems, "what a learner would see:\n- " + "\n- ".join(problems)
        result = notebook_page.complete_one_exercise()
        assert result.score is not None or result.kind != "checkbox", result.feedback
