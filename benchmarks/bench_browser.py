"""How quick the course feels in a real browser (Voila in headless Chromium).

1. From a click on Check to the feedback on screen, for a course exercise (a which-options-
   apply case) and, in the same page of the same server, for a bare ipywidgets Button that
   prints into an Output widget (the baseline). Timed inside the page: from the click event
   to the moment the feedback text has changed (a MutationObserver), so Playwright's own
   overhead is not counted. Every click starts from a quiet page (150 ms after the last
   message): clicks fired back to back were measured here to wait about 40 ms more, for
   the network stack rather than for anything the course or ipywidgets does. Each round
   alternates the answer (first box ticked, then not), so each Check gives new feedback.
   Targets: course median at most 100 ms and at most 1.5 times the bare widget's median.
   A second, stricter baseline is printed too: a bare Button that sets an HTML widget's
   text, which is how the course shows its feedback (an Output widget needs extra messages
   to capture what is printed, so it is the slower of the two).
2. For every notebook of the course: the time from opening its Voila page to its first widget
   being visible (Voila runs the whole notebook before it shows it, so this is what a learner
   waits for), next to the same time for a notebook holding one bare button (the baseline).

Needs Debian's chromium (/usr/bin/chromium); without it the benchmark says so and prints nothing.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from frontends import CHROMIUM, CHROMIUM_ARGS, course_notebooks  # noqa: E402 - the browser tests' own settings
from servers import start_server  # noqa: E402

CASE = "net-after-whipple"
ROUNDS = 40
WARMUP = 4
BENCH_NOTEBOOK = "_bench_click_to_feedback.ipynb"
BASELINE_NOTEBOOK = "_bench_one_widget.ipynb"  # one bare button: what Voila itself costs
OPEN_TIMEOUT_MS = 120_000

CELLS = [
    f'from course_lib.exercises import show_case\n\nshow_case("{CASE}")',
    "import ipywidgets as widgets\n\n"
    "bare_button = widgets.Button(description=\"Bare check\")\n"
    "bare_output = widgets.Output()\n"
    "clicks = [0]\n\n\n"
    "def on_click(_button):\n"
    "    clicks[0] += 1\n"
    "    with bare_output:\n"
    "        bare_output.clear_output(wait=True)\n"
    "        print(f\"Clicked {clicks[0]} times\")\n\n\n"
    "bare_button.on_click(on_click)\n"
    "widgets.VBox([bare_button, bare_output])",
    "html_button = widgets.Button(description=\"Bare HTML check\")\n"
    "html_text = widgets.HTML()\n\n\n"
    "def on_html_click(_button):\n"
    "    clicks[0] += 1\n"
    "    html_text.value = f\"<p>Clicked {clicks[0]} times</p>\"\n\n\n"
    "html_button.on_click(on_html_click)\n"
    "widgets.VBox([html_button, html_text])",
]

# Click ``button`` and resolve with the milliseconds until ``target``'s text has changed
# (and is not empty: an Output widget may clear before it prints).
CLICK_TO_TEXT = """
([button, target]) => new Promise((resolve, reject) => {
  const before = target.textContent;
  let start = 0;
  const seen = () => target.textContent !== before && target.textContent.trim() !== '';
  const observer = new MutationObserver(() => {
    if (seen()) { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - start); }
  });
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no feedback within 10 s')); }, 10000);
  observer.observe(target, {subtree: true, childList: true, characterData: true});
  start = performance.now();
  button.click();
})
"""

# Milliseconds since navigation started, once a drawn widget is visible (null until then).
FIRST_WIDGET_VISIBLE = """
() => {
  const visible = el => el.offsetWidth > 0 && el.offsetHeight > 0 && getComputedStyle(el).visibility !== 'hidden'
    && !el.closest('[style*="visibility: hidden"]');
  const widget = [...document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets')].find(visible);
  return widget ? performance.now() : null;
}
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def write_notebook(path: Path, cells: list[str]) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(notebook, path)


def write_bench_notebooks(folder: Path) -> None:
    write_notebook(folder / BENCH_NOTEBOOK, CELLS)
    write_notebook(folder / BASELINE_NOTEBOOK, ['import ipywidgets as widgets\n\nwidgets.Button(description="Hello")'])


def click_latencies(page, server) -> tuple[list[float], list[float], list[float]]:
    page.goto(server.url(f"voila/render/{BENCH_NOTEBOOK}"), timeout=OPEN_TIMEOUT_MS)
    check = page.get_by_role("button", name="Check", exact=True)
    bare = page.get_by_role("button", name="Bare check", exact=True)
    bare_html = page.get_by_role("button", name="Bare HTML check", exact=True)
    for button in (check, bare, bare_html):
        button.wait_for(timeout=OPEN_TIMEOUT_MS)
    exercise = check.locator("xpath=../..")
    first_box = exercise.locator("input[type=checkbox]").first
    # The feedback widget itself: its content (the [role=status] paragraph) is replaced on each Check.
    feedback = exercise.locator('[role="status"]').element_handle().evaluate_handle("el => el.closest('.widget-html')")
    output = bare.locator("xpath=following-sibling::*[contains(@class, 'widget-output')]").element_handle()
    html_text = bare_html.locator("xpath=following-sibling::*[contains(@class, 'widget-html')]").element_handle()
    check_handle, bare_handle, html_handle = check.element_handle(), bare.element_handle(), bare_html.element_handle()
    course, baseline, html_baseline = [], [], []
    for round_number in range(WARMUP + ROUNDS):
        first_box.click()  # a different answer each round, so Check gives new feedback
        page.wait_for_timeout(150)  # let the tick reach the kernel before Check is pressed
        course_ms = page.evaluate(CLICK_TO_TEXT, [check_handle, feedback])
        page.wait_for_timeout(150)  # every click starts from the same quiet page
        bare_ms = page.evaluate(CLICK_TO_TEXT, [bare_handle, output])
        page.wait_for_timeout(150)
        html_ms = page.evaluate(CLICK_TO_TEXT, [html_handle, html_text])
        if round_number >= WARMUP:
            course.append(course_ms)
            baseline.append(bare_ms)
            html_baseline.append(html_ms)
    return course, baseline, html_baseline


def first_widget_times(context, server) -> list[tuple[str, float]]:
    """Seconds to the first visible widget: the one-widget baseline first, then every course notebook."""
    times = []
    for name in [BASELINE_NOTEBOOK, *course_notebooks()]:
        page = context.new_page()
        page.goto(server.url(f"voila/render/{name}"), wait_until="commit", timeout=OPEN_TIMEOUT_MS)
        shown = page.wait_for_function(FIRST_WIDGET_VISIBLE, timeout=OPEN_TIMEOUT_MS, polling=50)
        times.append((Path(name).stem, shown.json_value() / 1000))
        page.goto("about:blank")  # Voila ends the notebook's kernel when its page is left
        page.close()
    return times


def figures():
    if not CHROMIUM.exists():
        print(f"# browser benchmark skipped: no Chromium at {CHROMIUM} (sudo apt install chromium)", file=sys.stderr)
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="course-bench-browser-") as scratch:
        folder = Path(scratch) / "notebooks"
        shutil.copytree(ROOT / "notebooks", folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        write_bench_notebooks(folder)
        server = start_server("voila", folder, Path(scratch))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                course, baseline, html_baseline = click_latencies(context.new_page(), server)
                yield "browser.click_to_feedback.course_exercise.median", statistics.median(course), "ms"
                yield "browser.click_to_feedback.course_exercise.p95", percentile(course, 0.95), "ms"
                yield "browser.click_to_feedback.bare_button_output.median", statistics.median(baseline), "ms"
                yield "browser.click_to_feedback.bare_button_output.p95", percentile(baseline, 0.95), "ms"
                ratio = statistics.median(course) / statistics.median(baseline)
                yield "browser.click_to_feedback.course_exercise.ratio_to_bare_button_output", ratio, "x"
                yield "browser.click_to_feedback.bare_button_html.median", statistics.median(html_baseline), "ms"
                yield "browser.click_to_feedback.bare_button_html.p95", percentile(html_baseline, 0.95), "ms"
                ratio = statistics.median(course) / statistics.median(html_baseline)
                yield "browser.click_to_feedback.course_exercise.ratio_to_bare_button_html", ratio, "x"
                (_, baseline_s), *notebooks = first_widget_times(context, server)
                yield "browser.voila.open_to_first_widget.one_bare_widget", baseline_s, "s"
                for stem, seconds in notebooks:
                    yield f"browser.voila.open_to_first_widget.{stem}", seconds, "s"
                    ratio = seconds / baseline_s
                    yield f"browser.voila.open_to_first_widget.{stem}.ratio_to_one_bare_widget", ratio, "x"
                browser.close()
        finally:
            server.stop()
