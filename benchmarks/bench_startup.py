"""How long learners wait: importing course_lib, and running each notebook headless.

Each notebook's time is printed next to an empty notebook's, executed in the same run on
the same machine, each notebook right after an empty one; the ratio says how much the
course's own work adds to kernel start-up.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from timing import median_seconds

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"


def run_notebook(notebook: nbformat.NotebookNode) -> None:
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK_DIR)}}).execute()


def empty_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells.append(nbformat.v4.new_code_cell("pass"))
    return notebook


def figures():
    bare = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeats=5)
    with_lib = median_seconds(lambda: subprocess.run(
        [sys.executable, "-c", "import course_lib, course_lib.course_outline"], check=True), repeats=5)
    yield "import.course_lib", (with_lib - bare) * 1000, "ms"

    # Each notebook is run three times, each time right after an empty notebook, so that both meet the
    # same load on a shared machine; the figures are the medians of three such pairs (a kernel
    # start now and then takes seconds longer here, and a median of three ignores one such run).
    paths = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    run_notebook(empty_notebook())  # warm-up: the first kernel start reads more from disk
    empties, total = [], 0.0
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        paired = [(median_seconds(lambda: run_notebook(empty_notebook()), repeats=1, warmup=0),
                   median_seconds(lambda n=notebook: run_notebook(nbformat.from_dict(n)), repeats=1, warmup=0))
                  for _ in range(3)]
        empty = statistics.median(pair[0] for pair in paired)
        seconds = statistics.median(pair[1] for pair in paired)
        empties.append(empty)
        total += seconds
        yield f"notebook.{path.stem}", seconds, "s"
        yield f"notebook.{path.stem}.ratio_to_empty", seconds / empty, "x"
    yield "notebook.empty", statistics.median(empties), "s"
    yield "course.all_notebooks", total, "s"
    yield "course.all_notebooks.ratio_to_as_many_empty", total / sum(empties), "x"
