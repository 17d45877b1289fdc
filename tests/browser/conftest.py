"""Fixtures for the browser tests: one Chromium, one JupyterLab, one Notebook 7 and one Voila
server for the whole run, and the notebooks the tests look at.

Without Debian's chromium at /usr/bin/chromium the tests are skipped, with a note on how to
install it, unless COURSE_REQUIRE_BROWSER=1 (set by .ci/run), which makes that a failure.

Speed (the run is CPU-bound on a 2-core machine): every notebook is opened once per front end
and shared by the tests that look at it (the Voila page of a notebook serves both the
front-end test and the axe audit); JupyterLab is one page for the whole run, each notebook in
a tab; the tests are ordered notebook by notebook, and while one notebook is being checked
the next one (PRELOAD) is already loading and running, so a kernel's work overlaps the checks.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_core import VERSION as AXE_VERSION
from axe_core import AxeUnavailable, axe_script
from frontends import CHROMIUM, CHROMIUM_ARGS, FRONTENDS, NotebookFacts, OpenNotebook, course_notebooks, start_lab
from frontends import screenshot_on_failure as screenshot_guard
from servers import start_server

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CACHE = ROOT / ".cache"
HERE = Path(__file__).resolve().parent
# Notebooks opened ahead of the tests. One ahead overlaps a kernel's work with the checks;
# more only adds contention on two cores (measured: 2 or 3 ahead was not faster than 1).
PRELOAD = int(os.environ.get("COURSE_BROWSER_PRELOAD", "1"))
VIEWPORT = {"width": 1280, "height": 900}


# ----------------------------------------------------------------------------- availability


def browser_unavailable() -> str | None:
    if not CHROMIUM.exists():
        return (f"Chromium not found at {CHROMIUM}: the browser tests need Debian's or Ubuntu's chromium. "
                "Install it with: sudo apt install chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("The Python package playwright is missing: set up the test environment again "
                "(python3 course.py test installs it).")
    return None


@pytest.fixture(scope="session")
def browser_available() -> None:
    reason = browser_unavailable()
    if reason is None:
        return
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}\n(COURSE_REQUIRE_BROWSER=1, so the browser tests may not be skipped.)",
                    pytrace=False)
    pytest.skip(reason)


# ----------------------------------------------------------------------------- test order


@dataclass(frozen=True)
class PageKey:
    """One page the tests look at: a notebook in a front end (``fresh``: a page of its own)."""

    frontend: str
    notebook: str
    fresh: bool = False


def page_key(item: pytest.Item) -> PageKey | None:
    params = getattr(getattr(item, "callspec", None), "params", {})
    if "notebook" not in params or not str(item.path).startswith(str(HERE)):
        return None
    return PageKey(params.get("frontend", "voila"), params["notebook"], bool(params.get("fresh", False)))


def pytest_collection_modifyitems(session, config, items):
    """Order the browser tests notebook by notebook (Lab, Notebook 7, Voila, then its audit),
    so that each page is used by consecutive tests and the next ones can be preloaded."""
    slots = [index for index, item in enumerate(items) if page_key(item) is not None]
    if not slots:
        return
    order = {name: number for number, name in enumerate(course_notebooks())}

    def sort_key(item):
        key = page_key(item)
        module = 0 if item.path.name == "test_frontends.py" else 1
        return (key.fresh, order.get(key.notebook, len(order)), key.notebook,
                FRONTENDS.index(key.frontend), module)

    ordered = sorted((items[index] for index in slots), key=sort_key)
    for index, item in zip(slots, ordered, strict=True):
        items[index] = item
        item.user_properties.append(("browser_frontend", page_key(item).frontend))


# ----------------------------------------------------------------------------- servers and browser


@pytest.fixture(scope="session")
def servers(request, browser_available, tmp_path_factory):
    """The front ends the selected tests need, started side by side; stopped (kernels too) at the end."""
    kinds = sorted({key.frontend for key in map(page_key, request.session.items) if key}, key=FRONTENDS.index)
    workspace = tmp_path_factory.mktemp("browser-servers")
    started, failures = {}, []

    def start(kind):
        try:
            started[kind] = start_server(kind, NOTEBOOKS, workspace)
        except Exception as error:  # reported below, after every thread has finished
            failures.append(f"{kind}: {error}")

    threads = [threading.Thread(target=start, args=(kind,)) for kind in kinds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        if failures:
            pytest.fail("could not start the front ends:\n" + "\n".join(failures), pytrace=False)
        yield started
    finally:
        for server in started.values():
            server.stop()


@pytest.fixture(scope="session")
def chromium(browser_available):
    """One headless Chromium for the whole run. Playwright gives it a fresh, temporary profile
    (user-data dir), so nothing of this machine's own browser profile is used."""
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


class AxeScript(str):
    """The source of axe.min.js (a str that does not print itself whole in a failure report)."""

    def __repr__(self) -> str:
        return f"<axe.min.js {AXE_VERSION}, {len(self)} characters>"


@pytest.fixture(scope="session")
def axe_source(browser_available) -> AxeScript:
    """axe-core's script, installed from the npm registry into .cache/ on first use."""
    try:
        return AxeScript(axe_script(CACHE))
    except AxeUnavailable as error:
        pytest.fail(str(error), pytrace=False)


# ----------------------------------------------------------------------------- pages


class Pages:
    """Opens each notebook once, ahead of time (PRELOAD), and closes it after its last test.

    JupyterLab: one page for the whole run, each notebook in a tab of its own. Notebook 7 and
    Voila: a page per notebook. One browser context (cookie jar) per front end, since the
    servers share 127.0.0.1.
    """

    def __init__(self, plan: list[PageKey], servers, browser):
        self.plan = list(dict.fromkeys(plan))
        self.users = Counter(plan)
        self.servers, self.browser = servers, browser
        self.contexts: dict[str, object] = {}
        self.lab_page = None
        self.open: dict[PageKey, OpenNotebook] = {}

    def _context(self, frontend: str):
        if frontend not in self.contexts:
            self.contexts[frontend] = self.browser.new_context(viewport=VIEWPORT)
        return self.contexts[frontend]

    def _open(self, key: PageKey) -> None:
        if key in self.open or not (NOTEBOOKS / key.notebook).is_file():
            return
        server, facts = self.servers[key.frontend], NotebookFacts.read(NOTEBOOKS / key.notebook)
        if key.frontend == "lab":
            if self.lab_page is None:
                self.lab_page = start_lab(self._context("lab"), server)
            self.open[key] = OpenNotebook.open_in_lab(self.lab_page, server, facts)
        else:
            self.open[key] = OpenNotebook.open_page(self._context(key.frontend), key.frontend, server, facts)

    def get(self, key: PageKey) -> OpenNotebook:
        if not (NOTEBOOKS / key.notebook).is_file():
            pytest.fail(f"{key.notebook} is listed in data/course.yaml but notebooks/{key.notebook} does not exist",
                        pytrace=False)
        self._open(key)
        position = self.plan.index(key) if key in self.plan else len(self.plan)
        for upcoming in self.plan[position + 1: position + 1 + PRELOAD]:
            self._open(upcoming)
        return self.open[key]

    def release(self, key: PageKey) -> None:
        self.users[key] -= 1
        if self.users[key] <= 0 and key in self.open:
            self.open.pop(key).close()

    def close_all(self) -> None:
        for key in list(self.open):
            self.open.pop(key).close()
        for context in self.contexts.values():
            with contextlib.suppress(Exception):
                context.close()


@pytest.fixture(scope="session")
def pages(request, servers, chromium):
    plan = [key for key in map(page_key, request.session.items) if key]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    opened = Pages(plan, servers, chromium)
    yield opened
    opened.close_all()


@pytest.fixture
def notebook_page(request, pages) -> OpenNotebook:
    """The page for this test's ``frontend`` and ``notebook`` parameters (shared, preloaded)."""
    key = page_key(request.node)
    handle = pages.get(key)
    yield handle
    pages.release(key)


@pytest.fixture
def screenshot_on_failure():
    """``with screenshot_on_failure(handle):`` saves test-artifacts/browser/<frontend>-<notebook>.png
    if the block fails (``suffix`` tells apart several tests on one page, e.g. "-axe")."""
    return lambda handle, suffix="": screenshot_guard(handle.page, handle.label + suffix, ARTIFACTS, ROOT)


# ----------------------------------------------------------------------------- timing summary

_timing: dict[str, float] = defaultdict(float)
_span: list[float] = []


def pytest_runtest_logreport(report):
    frontend = dict(report.user_properties).get("browser_frontend")
    if frontend:
        now = time.time()
        _span.append(now - report.duration if report.when == "setup" else now)
        _timing[frontend] += report.duration


def pytest_terminal_summary(terminalreporter):
    if _span:
        parts = ", ".join(f"{frontend} {seconds:.0f} s" for frontend, seconds in _timing.items())
        terminalreporter.write_line(
            f"browser tests: {max(_span) - min(_span):.0f} s in all (time spent in tests: {parts})")
