"""Maintainer tools for the course notebooks: keep them tidy and their stored outputs fresh.

    python -m course_lib.notebook_tools refresh [NOTEBOOK ...]

``refresh`` hides every code cell from learners, gives cells stable ids, runs the notebook
top to bottom on a fresh kernel (with a throw-away progress file, so no one's own answers
end up in the stored outputs) and saves it. The tests then check the stored outputs with
nbval. Run it after editing a notebook or anything in course_lib it calls.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
HIDE_TAG = "hide-input"
PROGRESS_ENV = "LIVER_COURSE_PROGRESS"


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Hide code from learners, and make ids and metadata the same on every run."""
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    notebook.metadata.pop("widgets", None)  # widget state holds random model ids
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for position, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{position:03d}"
        if cell.cell_type == "code":
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            tags = cell.metadata.setdefault("tags", [])
            if HIDE_TAG not in tags:
                tags.append(HIDE_TAG)
            cell.metadata.pop("execution", None)
            cell.metadata.pop("scrolled", None)
    return notebook


def execute(path: Path, timeout: int = 300) -> nbformat.NotebookNode:
    """Run ``path`` top to bottom on a fresh kernel and return the executed notebook."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as scratch:
        previous = os.environ.get(PROGRESS_ENV)
        os.environ[PROGRESS_ENV] = str(Path(scratch) / "progress.json")
        try:
            NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        finally:
            if previous is None:
                os.environ.pop(PROGRESS_ENV, None)
            else:
                os.environ[PROGRESS_ENV] = previous
    return normalise(notebook)


def refresh(paths: list[Path]) -> None:
    for path in paths:
        print(f"refreshing {path.name} ...", flush=True)
        nbformat.write(execute(path), path)


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "refresh":
        print(__doc__)
        return 2
    paths = [Path(p).resolve() for p in argv[1:]] or sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    refresh(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
