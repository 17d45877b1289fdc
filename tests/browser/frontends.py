"""What the browser tests do in a page, for each front end: open a notebook, run it, wait until
it is finished, look at it as a learner would, and complete one exercise by clicking.

- JupyterLab: one JupyterLab page for the whole run (started with ``expose_app_in_browser``,
  so ``window.jupyterapp`` exists). Each notebook is opened in it with the command the file
  browser uses (``docmanager:open``), in a tab of its own, then, once its kernel is idle, the
  application's own commands "Clear Outputs of All Cells" (``notebook:clear-all-cell-outputs``:
  no stored output can pass for a fresh one) and "Run All Cells" (``notebook:run-all-cells``,
  what Run ▸ Run All Cells calls, here told which notebook to run) are executed.
- Notebook 7 (one page per notebook, as Notebook 7 opens them): a script added to the page
  before it loads waits until the notebook is open and its kernel is idle, then runs
  ``notebook:clear-all-cell-outputs`` and Run ▸ Run All Cells (``runmenu:run-all``).
- In both, the run is finished when the command has returned (it returns when the last cell
  has run, or the run stopped at an error), the kernel is idle and no cell is running (no
  ``[*]`` prompt); every code cell must then have an execution count.
- Voila runs the notebook itself while it sends the page. It is finished when the page has
  loaded, Voila's progress indicator (``#loading``) is gone and every cell is on the page;
  it has drawn everything when no "Loading widget..." placeholder is left.

Opening (``open_in_lab``, ``open_page``) only starts the work, so several notebooks can load
and run side by side; ``OpenNotebook.ready()`` then waits for that notebook to finish. All
checks look only inside the notebook's own part of the page (``OpenNotebook.root``).
"""

from __future__ import annotations

import contextlib
import json
import re
import traceback
import urllib.request
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from course_lib import course_outline
from course_lib.exercises.feedback import ERROR_MESSAGE

if TYPE_CHECKING:  # Playwright is imported only when a browser test runs (it may be missing)
    from playwright.sync_api import BrowserContext, Page

FRONTENDS = ("lab", "notebook", "voila")
CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download cannot work here: drive Debian's chromium, headless.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
RUN_TIMEOUT_MS = 90_000  # a notebook must finish running (kernel start included) within this
RENDER_TIMEOUT_MS = 30_000  # then every widget and image must appear within this
FEEDBACK_TIMEOUT_MS = 30_000  # Check must show its feedback within this
LAB_START_TIMEOUT_MS = 90_000  # the one JupyterLab page must have started within this
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SCORE = re.compile(r"Score: (\d+) of (\d+)")
# What grading.py answers, instead of a score, when an item needs a full answer first.
PROMPT = re.compile(
    r"^(Choose one answer|Choose an answer in every row|Choose an answer for every blank|"
    r"Fill in every box of the bow-tie|Choose two different)"
)
PLACEHOLDER_ALT = "Image"  # what @jupyterlab/rendermime's handleDefaults() puts on an img without alt
TICK_WORDS = re.compile(r"you ticked it|Wrong tick")  # feedback.tick_verdict for a ticked box
CHOICE_WORDS = re.compile(r"you chose")  # feedback.single_verdict / choice_verdict
MAX_HEIGHT = 60_000  # px: taller than any notebook of the course
SCREENSHOT_MAX_HEIGHT = 16_000  # px: Chromium cannot capture much taller pictures


def course_notebooks() -> list[str]:
    """Every notebook data/course.yaml lists, in course order (06_ablation included once listed)."""
    return [entry.file for entry in course_outline.notebooks()]


@dataclass(frozen=True)
class NotebookFacts:
    """What the stored notebook file says the page should show."""

    name: str
    cells: int
    widget_outputs: int
    figures: int
    code_lines: tuple[str, ...] = field(default=())

    @classmethod
    def read(cls, path: Path) -> NotebookFacts:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        widgets = figures = 0
        lines: list[str] = []
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            lines += [line.strip() for line in source.splitlines() if len(line.strip()) >= 8]
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                widgets += WIDGET_VIEW in data
                figures += "".join(data.get("text/html", "")).count('class="course-figure"')
        return cls(path.name, len(notebook["cells"]), widgets, figures, tuple(dict.fromkeys(lines)))


# ----------------------------------------------------------------------------- in the page (JavaScript)

# The notebook panel showing ``path`` (JupyterLab: one of its tabs; Notebook 7: the page).
FIND_PANEL = """
const findPanel = (path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  const widgets = app.shell.widgets ? [...app.shell.widgets('main')] : [];
  if (app.shell.currentWidget) widgets.push(app.shell.currentWidget);
  return widgets.find(w => w && w.context && w.context.path === path && w.content && w.sessionContext) || null;
};
const kernelOf = (panel) => panel.sessionContext.session && panel.sessionContext.session.kernel;
"""

# Once the notebook's kernel is idle: clear every output, then run all cells. Progress is kept
# in window.__courseRuns[path]. ``open`` (JupyterLab): first open the notebook in a new tab.
START_RUN = FIND_PANEL + """
const startRun = (path, how, deadline) => {
  window.__courseRuns = window.__courseRuns || {};
  const run = window.__courseRuns[path] = {state: 'waiting', error: '', panel: ''};
  const tick = async () => {
    try {
      const app = window.jupyterapp;
      if (how === 'open' && !run.opened && app && app.started) {
        run.opened = true;
        await app.restored;
        // In a background tab: the notebook being checked stays in front until its test ends.
        await app.commands.execute('docmanager:open', {path, factory: 'Notebook', options: {activate: false}});
      }
      const panel = findPanel(path);
      const kernel = panel && kernelOf(panel);
      if (panel && panel.context.isReady && panel.sessionContext.isReady && kernel
          && kernel.connectionStatus === 'connected' && kernel.status === 'idle' && panel.content.widgets.length) {
        run.state = 'running';
        run.panel = panel.id;
        const target = {widget: panel.id, activate: false};
        await app.commands.execute('notebook:clear-all-cell-outputs', target);
        // Notebook 7: the Run menu's own item. JupyterLab: the command that item calls, told
        // which tab to run (the menu item acts on whichever tab is in front).
        if (how === 'open') await app.commands.execute('notebook:run-all-cells', target);
        else await app.commands.execute('runmenu:run-all');
        run.state = 'issued';
        return;
      }
    } catch (error) {
      run.state = 'error';
      run.error = String((error && error.stack) || error);
      return;
    }
    if (Date.now() > deadline) { run.state = 'timeout'; return; }
    setTimeout(tick, 200);
  };
  setTimeout(tick, 0);
};
"""

# Added to a Notebook 7 page before its own scripts run.
NOTEBOOK_INIT_SCRIPT = START_RUN + """
if (window.top === window) startRun(%s, 'page', Date.now() + %d);
"""

# Run in the JupyterLab page: open another notebook there and run it (returns at once). One
# notebook at a time: opened within milliseconds of each other, two notebooks can race in
# JupyterLab's widget manager set-up, and one then shows its widgets as plain text. So each
# waits until the one before it has run.
LAB_OPEN = "([path, timeout]) => {" + START_RUN + """
  const previous = window.__courseLabQueue || Promise.resolve();
  window.__courseLabQueue = previous.then(() => new Promise(resolve => {
    startRun(path, 'open', Date.now() + timeout);
    const done = () => ['issued', 'error', 'timeout'].includes(window.__courseRuns[path].state)
      ? resolve() : setTimeout(done, 200);
    done();
  }));
}
"""

# True once the run has finished (or failed to start; wait_for_run then reports that).
RUN_FINISHED = "(path) => {" + FIND_PANEL + """
  const run = (window.__courseRuns || {})[path];
  if (!run) return false;
  if (run.state === 'error' || run.state === 'timeout') return true;
  if (run.state !== 'issued') return false;
  const panel = findPanel(path);
  const kernel = panel && kernelOf(panel);
  if (!kernel || kernel.status !== 'idle') return false;
  const busyPrompt = [...panel.node.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
  return !busyPrompt && panel.content.widgets.every(cell => cell.model.executionState !== 'running');
}
"""

# What a JupyterLab / Notebook 7 run was doing, for the message when a wait runs out of time.
RUN_STATE = "(path) => {" + FIND_PANEL + """
  const run = (window.__courseRuns || {})[path];
  const state = `Run All: ${run ? run.state : 'not started'}`;
  const panel = findPanel(path);
  if (!panel) return `${state}; the notebook is not open`;
  const kernel = kernelOf(panel);
  const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
  const done = cells.filter(cell => cell.model.executionCount !== null).length;
  return `${state}; kernel ${kernel ? kernel.status : 'none'}; ${done} of ${cells.length} code cells have run`;
}
"""

# JupyterLab / Notebook 7: cells that did not run, error outputs and stderr text, read from the
# notebook model (cells numbered as in the notebook, text cells included, from 1).
KERNEL_PROBLEMS = "(path) => {" + FIND_PANEL + """
  return findPanel(path).content.widgets.flatMap((cell, index) => {
    if (cell.model.type !== 'code') return [];
    const firstLine = cell.model.sharedModel.getSource().split('\\n')[0].slice(0, 60);
    const where = `cell ${index + 1} (${JSON.stringify(firstLine)})`;
    const problems = cell.model.executionCount === null ? [`${where} did not run`] : [];
    return problems.concat(cell.model.outputs.toJSON().flatMap(output => {
      if (output.output_type === 'error') return [`${where}: ${output.ename}: ${output.evalue}`];
      if (output.output_type === 'stream' && output.name === 'stderr')
        return [`${where} wrote to stderr: ${String(output.text).slice(0, 300)}`];
      return [];
    }));
  });
}
"""

# JupyterLab: bring the notebook's tab to the front (a learner clicks on it). Returns its id.
LAB_SHOW = "(path) => {" + FIND_PANEL + """
  const panel = findPanel(path);
  window.jupyterapp.shell.activateById(panel.id);
  return panel.id;
}
"""

# JupyterLab: close the notebook's tab without saving (it is a throw-away copy anyway).
LAB_CLOSE = "(path) => {" + FIND_PANEL + """
  const panel = findPanel(path);
  if (!panel) return;
  panel.context.model.dirty = false;
  panel.close();
}
"""

# Voila has run the notebook once the page has loaded, its progress indicator is gone, every
# cell of the notebook is on the page, and its front end has turned every output it was sent
# (a <script type="application/vnd.voila.cell-output+json"> each) into an output area; a
# widget's output area says "Loading widget..." until the widget is drawn.
VOILA_EXECUTED = """
(cells) => document.readyState === 'complete' && !document.querySelector('#loading')
           && document.querySelectorAll('.jp-Cell').length >= cells
           && !document.querySelector('script[type="application/vnd.voila.cell-output+json"]')
"""

VOILA_STATE = """
(cells) => {
  const loading = document.querySelector('#loading');
  const says = loading ? JSON.stringify(loading.innerText.trim()) : 'done';
  const waiting = document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]').length;
  return `page ${document.readyState}; Voila says: ${says}; ` +
         `${document.querySelectorAll('.jp-Cell').length} of ${cells} cells on the page; ` +
         `${waiting} outputs not yet shown`;
}
"""

# The functions below look only inside ``root`` (a CSS selector): the notebook's own part.
OUTPUTS = """
const outputsIn = (root) => [...document.querySelector(root).querySelectorAll('.jp-OutputArea-output')];
const drawnWidgets = (outputs) => outputs.filter(o => o.querySelector(':scope > .jupyter-widgets')).length;
"""

# True once every widget output has been drawn and every image in an output has loaded.
# (textContent, not innerText: Voila keeps its cells hidden until its widget manager starts.)
# In Voila every widget output starts as a "Loading widget..." placeholder, so once none is
# left nothing more will come (``final``); ready() then counts what was drawn.
RENDERED = "([root, expectedWidgets, final]) => {" + OUTPUTS + """
  const outputs = outputsIn(root);
  if (outputs.some(o => o.textContent.includes('Error displaying widget'))) return true;  // the checks report it
  if (outputs.some(o => o.textContent.includes('Loading widget'))) return false;
  const images = outputs.flatMap(o => [...o.querySelectorAll('img')]);
  return (final || drawnWidgets(outputs) >= expectedWidgets) && images.every(img => img.complete);
}
"""

RENDER_STATE = "([root, expectedWidgets]) => {" + OUTPUTS + """
  const outputs = outputsIn(root);
  const loading = outputs.filter(o => o.textContent.includes('Loading widget')).length;
  const images = outputs.flatMap(o => [...o.querySelectorAll('img')]);
  const blank = outputs.filter(o => !o.textContent.trim() && !o.querySelector('img, input, button, select'))
    .map(o => o.outerHTML.slice(0, 160));
  return `${drawnWidgets(outputs)} of ${expectedWidgets} widget outputs drawn, ${loading} still "Loading widget...", ` +
         `${images.filter(img => !img.complete).length} of ${images.length} images still loading` +
         (blank.length ? `; blank outputs: ${blank.join(' | ')}` : '');
}
"""

WIDGET_OUTPUTS = "(root) => {" + OUTPUTS + "return drawnWidgets(outputsIn(root)); }"

# Everything the checks need, read from the page in one go.
PAGE_FACTS = "(root) => {" + OUTPUTS + """
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
                         && getComputedStyle(el).visibility !== 'hidden';
  const area = document.querySelector(root);
  const outputs = outputsIn(root);
  const errors = outputs.filter(o => o.matches('[data-mime-type="application/vnd.jupyter.stderr"], .jp-mod-error'))
    .map(el => el.innerText.slice(0, 500));
  const images = outputs.flatMap(o => [...o.querySelectorAll('img')]).map(img => ({
      alt: (img.getAttribute('alt') || '').trim(), loaded: img.complete && img.naturalWidth > 0,
      src: (img.getAttribute('src') || '').slice(0, 60)}));
  const figures = outputs.flatMap(o => [...o.querySelectorAll('figure.course-figure')]).map(f => ({
      hasImage: !!f.querySelector('img'), visible: visible(f)}));
  const sourceNodes = [...area.querySelectorAll(
      '.jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .CodeMirror, .cm-editor, .jp-CodeCell .highlight')]
    .filter(el => visible(el) && el.innerText.trim())
    .map(el => el.innerText.trim().slice(0, 200));
  // A dialog in front of the page (JupyterLab's "Path Not Found", a kernel chooser...).
  const dialogs = [...document.querySelectorAll('.jp-Dialog, dialog[open]')]
    .map(d => (d.getAttribute('aria-label') || d.innerText).trim().slice(0, 200));
  return {
    errors, images, figures, sourceNodes, dialogs, text: area.innerText,
    widgetOutputs: drawnWidgets(outputs),
    loadingWidget: outputs.some(o => o.textContent.includes('Loading widget')),
    widgetError: outputs.some(o => o.textContent.includes('Error displaying widget')),
  };
}
"""

# For each Check button (in page order), what its exercise asks the learner to operate.
EXERCISE_KINDS = """
(root) => [...document.querySelector(root).querySelectorAll('button')]
  .filter(b => b.textContent.trim() === 'Check').map(button => {
    const exercise = button.parentElement && button.parentElement.parentElement;
    if (!exercise) return 'none';
    if (exercise.querySelector('input[type=checkbox]')) return 'checkbox';
    if (exercise.querySelector('input[type=radio]')) return 'radio';
    if (exercise.querySelector('select')) return 'select';
    return 'none';
  })
"""

# The height at which nothing on the page needs scrolling (the tallest scrolling box, plus margin).
CONTENT_HEIGHT = """
() => Math.max(window.innerHeight, ...[...document.querySelectorAll('*')]
  .filter(el => el.scrollHeight > el.clientHeight && ['auto', 'scroll'].includes(getComputedStyle(el).overflowY))
  .map(el => el.scrollHeight + (window.innerHeight - el.clientHeight) + 50))
"""

NOTHING_SCROLLS = """
() => [...document.querySelectorAll('*')].every(el => el.scrollHeight <= el.clientHeight + 1
  || !['auto', 'scroll'].includes(getComputedStyle(el).overflowY))
"""


# ----------------------------------------------------------------------------- opening notebooks


class WidgetsMissing(AssertionError):
    """Voila finished drawing, but fewer widget outputs appeared than the notebook has."""


def notebook_url(kind: str, server_url, name: str) -> str:
    """The address a learner would open; ``server_url(path)`` adds the server's token."""
    if kind == "lab":
        # A workspace of its own, reset: nothing of an earlier session is reopened.
        return server_url("lab/workspaces/course-tests?reset")
    if kind == "notebook":
        return server_url(f"notebooks/{name}")
    if kind == "voila":
        return server_url(f"voila/render/{name}")
    raise ValueError(f"kind: {kind!r} is not one of {FRONTENDS}")


def start_lab(context: BrowserContext, server) -> Page:
    """The one JupyterLab page of the run, once the application has started."""
    page = context.new_page()
    page.goto(notebook_url("lab", server.url, ""), wait_until="commit", timeout=LAB_START_TIMEOUT_MS)
    _wait(page, "() => !!(window.jupyterapp && window.jupyterapp.started)", LAB_START_TIMEOUT_MS,
          "JupyterLab did not start", "() => document.title")
    page.evaluate("async () => { await window.jupyterapp.restored; }")
    return page


class OpenNotebook:
    """One notebook open in one front end: its page, and where in the page it is (``root``)."""

    def __init__(self, kind: str, facts: NotebookFacts, page: Page, server, shared_page: bool = False):
        self.kind, self.facts, self.page, self.server = kind, facts, page, server
        self.name = facts.name
        self.shared_page = shared_page
        self.root = "body"
        self._ready: bool | None = None
        self._failure = ""
        self.console_errors: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

    @classmethod
    def open_in_lab(cls, lab_page: Page, server, facts: NotebookFacts) -> OpenNotebook:
        """Open the notebook in a new tab of the JupyterLab page, and start running it."""
        lab_page.evaluate(LAB_OPEN, [facts.name, RUN_TIMEOUT_MS])
        return cls("lab", facts, lab_page, server, shared_page=True)

    @classmethod
    def open_page(cls, context: BrowserContext, kind: str, server, facts: NotebookFacts) -> OpenNotebook:
        """Open the notebook in a new page (Notebook 7, Voila), which starts running it."""
        page = context.new_page()
        if kind == "notebook":
            page.add_init_script(NOTEBOOK_INIT_SCRIPT % (json.dumps(facts.name), RUN_TIMEOUT_MS))
        page.goto(notebook_url(kind, server.url, facts.name), wait_until="commit", timeout=RUN_TIMEOUT_MS)
        return cls(kind, facts, page, server)

    @property
    def label(self) -> str:
        """``<frontend>-<notebook>``: the name of this notebook's failure screenshot."""
        return f"{self.kind}-{Path(self.name).stem}"

    def console_report(self) -> str:
        # Voila's lab template asks a CDN for its icon font, which cannot load offline: not a finding.
        errors = [text for text in self.console_errors if "ERR_NAME_NOT_RESOLVED" not in text]
        return ("\nbrowser console errors:\n  " + "\n  ".join(e[:300] for e in errors[-8:])) if errors else ""

    # -- waiting ----------------------------------------------------------------------------
    def ready(self) -> None:
        """Wait (once) until the notebook has run and everything is drawn; bring it to the front."""
        if self._ready is None:
            try:
                try:
                    self._wait_until_ready()
                except WidgetsMissing as error:
                    # Flakiness guard (Voila only, once): Voila's widget manager gives up on a
                    # kernel that has not answered within 4 s ("Control comm did not respond in
                    # time") and may then leave a widget out, which could happen on a loaded
                    # 2-core machine. A widget that is really broken stays missing after the
                    # reload, and the test fails; the reload is reported as a warning.
                    if self.kind != "voila":
                        raise
                    warnings.warn(f"{self.label}: {error}{self.console_report()}; reloading the page once",
                                  RuntimeWarning, stacklevel=1)
                    self.console_errors.clear()
                    self.page.reload(wait_until="commit")
                    self._wait_until_ready()
                self._ready = True
            except Exception as error:  # remembered: every test on this notebook reports it
                self._ready, self._failure = False, f"{type(error).__name__}: {error}{self.console_report()}"
        if not self._ready:
            raise AssertionError(f"{self.name} did not finish in {self.kind}: {self._failure}")
        if self.kind == "lab":
            self.root = f'[id="{self.page.evaluate(LAB_SHOW, self.name)}"]'

    def _wait_until_ready(self) -> None:
        if self.kind == "voila":
            _wait(self.page, VOILA_EXECUTED, RUN_TIMEOUT_MS, "Voila did not finish running the notebook",
                  VOILA_STATE, self.facts.cells)
        else:
            _wait(self.page, RUN_FINISHED, RUN_TIMEOUT_MS, "the notebook did not finish running", RUN_STATE,
                  self.name)
            run = self.page.evaluate("(path) => window.__courseRuns[path]", self.name)
            assert run["state"] == "issued", (
                f"Run All did not start ({run['state']}): "
                f"{run['error'] or 'the notebook or its kernel never became ready'}")
            self.root = f'[id="{run["panel"]}"]'
            if self.kind == "lab":
                # Bring its tab to the front, as a learner would: JupyterLab draws the widgets of
                # a tab only once it is shown.
                self.page.evaluate(LAB_SHOW, self.name)
        arg = [self.root, self.facts.widget_outputs, self.kind == "voila"]
        _wait(self.page, RENDERED, RENDER_TIMEOUT_MS, "the outputs were not all drawn", RENDER_STATE, arg)
        if self.page.evaluate(WIDGET_OUTPUTS, self.root) < self.facts.widget_outputs:
            raise WidgetsMissing(f"the page finished drawing, but {self.page.evaluate(RENDER_STATE, arg)}")

    # -- looking -----------------------------------------------------------------------------
    def page_facts(self) -> dict:
        return self.page.evaluate(PAGE_FACTS, self.root)

    def kernel_problems(self) -> list[str]:
        """JupyterLab / Notebook 7: cells that did not run, error outputs, stderr (from the model)."""
        return self.page.evaluate(KERNEL_PROBLEMS, self.name)

    def complete_one_exercise(self) -> ExerciseResult:
        return complete_one_exercise(self.page, self.root)

    # -- closing -----------------------------------------------------------------------------
    def close(self) -> None:
        if self.shared_page:
            with contextlib.suppress(Exception):
                self.page.evaluate(LAB_CLOSE, self.name)
        else:
            if self.kind == "voila":
                # Leaving the page fires Voila's own beforeunload handler, which ends its kernel.
                with contextlib.suppress(Exception):
                    self.page.goto("about:blank", timeout=10_000)
            with contextlib.suppress(Exception):
                self.page.close()
        if self.kind in ("lab", "notebook"):
            shut_down_kernel(self.server, self.name)


def shut_down_kernel(server, notebook: str) -> None:
    """End the notebook's kernel through the server's REST API (closing a tab leaves it running)."""
    with contextlib.suppress(Exception):
        with urllib.request.urlopen(server.url("api/sessions"), timeout=10) as response:
            sessions = json.load(response)
        for session in sessions:
            if session.get("path") == notebook:
                request = urllib.request.Request(server.url(f"api/sessions/{session['id']}"), method="DELETE")
                urllib.request.urlopen(request, timeout=10).close()


def _wait(page: Page, condition: str, timeout_ms: int, what: str, state: str, arg=None) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(condition, arg=arg, timeout=timeout_ms, polling=200)
    except PlaywrightTimeout:
        try:
            now = page.evaluate(state, arg)
        except Exception as error:  # the page itself is broken: say so
            now = f"(could not read the page: {error})"
        raise AssertionError(f"{what} within {timeout_ms // 1000} s: {now}") from None


# ----------------------------------------------------------------------------- checks


def check_outputs(facts: dict, expected: NotebookFacts) -> list[str]:
    """Problems a learner would see: errors, widget placeholders, missing or unlabelled figures."""
    problems = [f"error output: {text!r}" for text in facts["errors"]]
    problems += [f"a dialog is open: {text!r}" for text in facts["dialogs"]]
    if facts["loadingWidget"]:
        problems.append('a widget still shows "Loading widget..."')
    if facts["widgetError"]:
        problems.append('a widget shows "Error displaying widget"')
    if facts["widgetOutputs"] < expected.widget_outputs:
        problems.append(f"{facts['widgetOutputs']} widget outputs drawn; the notebook has {expected.widget_outputs}")
    for image in facts["images"]:
        # JupyterLab's renderer (Voila's too) gives an image without alt text the alt "Image".
        if not image["alt"] or image["alt"] == PLACEHOLDER_ALT:
            problems.append(f"an image has no alt text of its own (alt={image['alt']!r}; {image['src']}...)")
        if not image["loaded"]:
            problems.append(f"an image did not load ({image['alt'][:60]!r})")
    if any(not figure["hasImage"] for figure in facts["figures"]):
        problems.append("a course figure has no image")
    if len(facts["figures"]) < expected.figures:
        problems.append(f"{len(facts['figures'])} course figures shown; the notebook's outputs have {expected.figures}")
    return problems


def check_no_source(facts: dict, expected: NotebookFacts) -> list[str]:
    """Voila: no code input area is shown, and no line of the notebook's code is in the page."""
    problems = [f"code is visible: {text!r}" for text in facts["sourceNodes"]]
    markers = ("show_questions(", "show_question(", "show_case(", "from course_lib", "import ")
    problems += [f"the page text contains {marker!r}" for marker in markers if marker in facts["text"]]
    problems += [f"the page text contains a line of code: {line!r}" for line in expected.code_lines
                 if line in facts["text"]]
    return problems


@dataclass
class ExerciseResult:
    kind: str  # checkbox, radio or select
    feedback: str
    score: tuple[int, int] | None


def complete_one_exercise(page: Page, root: str = "body") -> ExerciseResult:
    """Tick the first box (or choose the first option) of one exercise, press Check, read the feedback.

    The first exercise with tick boxes is preferred (a which-options-apply case or a
    select-all item, where one tick always earns a score); otherwise the first exercise.
    """
    from playwright.sync_api import expect

    kinds = page.evaluate(EXERCISE_KINDS, root)
    assert kinds, "the notebook has no exercise (no button labelled Check)"
    index = kinds.index("checkbox") if "checkbox" in kinds else 0
    kind = kinds[index]
    check = page.locator(root).get_by_role("button", name="Check", exact=True).nth(index)
    exercise = check.locator("xpath=../..")
    for label in ("Try again", "Show answer"):
        expect(exercise.get_by_role("button", name=label, exact=True)).to_have_count(1)
    feedback = exercise.locator('[role="status"]')
    expect(feedback).to_have_count(1)
    if kind in ("checkbox", "radio"):
        control = exercise.locator(f"input[type={kind}]").first
        control.check()
        expect(control).to_be_checked()
    elif kind == "select":
        exercise.locator("select").first.select_option(index=0)
    else:
        raise AssertionError("the exercise has no tick box, radio button or drop-down")
    check.click()
    expect(feedback).to_have_text(re.compile(r"\S"), timeout=FEEDBACK_TIMEOUT_MS)
    text = feedback.inner_text().strip()
    assert ERROR_MESSAGE not in text, f"Check showed the error message: {text!r}"
    match = SCORE.search(text)
    if match is None:
        assert kind != "checkbox" and PROMPT.match(text), (
            f"after one {kind} answer, the feedback has neither 'Score: n of m' nor a prompt to finish: {text[:300]!r}"
        )
        return ExerciseResult(kind, text, None)
    points, maximum = int(match.group(1)), int(match.group(2))
    assert 0 <= points <= maximum and maximum > 0, f"impossible score {match.group(0)!r}"
    words = TICK_WORDS if kind == "checkbox" else CHOICE_WORDS
    assert words.search(text), f"the feedback does not mention the learner's {kind} answer: {text[:300]!r}"
    return ExerciseResult(kind, text, (points, maximum))


# ----------------------------------------------------------------------------- whole-page helpers


def show_everything(page: Page, max_height: int = MAX_HEIGHT, strict: bool = True) -> None:
    """Make the window tall enough that no box on the page has to scroll.

    The three front ends scroll inside a box, not the page, so a "full page" is one window
    high. The front ends lay themselves out again a moment after the window changes size,
    so this waits for that, and measures again if the content grew meanwhile.
    """
    width = page.viewport_size["width"]
    for _ in range(3):
        page.set_viewport_size({"width": width, "height": min(page.evaluate(CONTENT_HEIGHT), max_height)})
        try:
            page.wait_for_function(NOTHING_SCROLLS, timeout=5_000, polling=100)
            return
        except Exception:  # still scrolling: measure once more
            if page.viewport_size["height"] >= max_height:
                break
    if strict:
        raise AssertionError("could not make the window tall enough to show the whole notebook at once")


class screenshot_on_failure:  # noqa: N801 - used like a function: ``with screenshot_on_failure(...):``
    """Any failure inside: save a full-page screenshot ``folder/label.png`` and name it in the message."""

    def __init__(self, page: Page, label: str, folder: Path, root: Path):
        self.page, self.label, self.folder, self.root = page, label, folder, root

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        __tracebackhide__ = True  # noqa: F841 - read by pytest: show the test's line, not this one
        if error is None or not isinstance(error, Exception):
            return False
        path = self.folder / f"{self.label}.png"
        usual = self.page.viewport_size
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # A window as tall as the notebook (up to a limit), so the picture shows all of it.
            show_everything(self.page, SCREENSHOT_MAX_HEIGHT, strict=False)
            self.page.evaluate("() => document.querySelectorAll('*').forEach(el => { el.scrollTop = 0; })")
            self.page.screenshot(path=str(path), full_page=True, timeout=30_000)
            where = f"screenshot: {path.relative_to(self.root)}"
        except Exception as shot_error:
            where = f"(no screenshot could be taken: {shot_error})"
        finally:
            with contextlib.suppress(Exception):
                self.page.set_viewport_size(usual)
        # Where in the tests it failed (the full chain would repeat the message).
        here = Path(__file__).parent
        frames = [frame for frame in traceback.extract_tb(trace) if Path(frame.filename).parent == here]
        at = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
        raise AssertionError(f"{self.label}: {type(error).__name__}{at}: {error}\n{where}") from None
