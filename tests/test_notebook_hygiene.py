"""Every notebook is safe to hand to a learner: code hidden, disclaimer shown, clean outputs.

nbval (run by the same pytest command) re-executes each notebook on a fresh kernel and
compares the outputs with the stored ones; these tests check everything else.
"""

import json
import re
from pathlib import Path

import pytest

from course_lib import course_outline
from course_lib.notebook_tools import HIDE_TAG

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
ABSOLUTE_PATH = re.compile(r"(?<![\w.])(/(home|root|tmp|work|Users|usr|opt|var)/|[A-Za-z]:\\\\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def markdown_text(notebook):
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def test_outline_lists_exactly_the_notebooks_on_disk():
    listed = [entry.file for entry in course_outline.notebooks()]
    assert listed == sorted(listed), "data/course.yaml must list notebooks in file-name order"
    assert set(listed) == {path.name for path in NOTEBOOKS}


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    return request.param, load(request.param)


def test_code_cells_are_hidden_from_learners(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, cell["source"]
        assert HIDE_TAG in cell["metadata"].get("tags", []), cell["source"]


def test_disclaimer_is_shown_word_for_word(notebook):
    path, nb = notebook
    flat = " ".join(markdown_text(nb).split())
    assert course_outline.disclaimer() in flat


def test_execution_counts_run_in_order_from_one(notebook):
    path, nb = notebook
    counts = [cell.get("execution_count") for cell in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name} needs a fresh top-to-bottom run"


def test_no_errors_warnings_or_tracebacks_in_outputs(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", f"{path.name}: {output.get('ename')}"
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), \
                f"{path.name}: a learner would see this warning: {''.join(output['text'])[:200]}"


def test_no_absolute_paths(notebook):
    path, nb = notebook
    text = json.dumps(nb)
    match = ABSOLUTE_PATH.search(text)
    assert match is None, f"{path.name} contains a machine-specific path near {text[match.start():][:60]!r}"


def test_kernelspec_is_python3(notebook):
    path, nb = notebook
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert nb["nbformat"] == 4


def test_start_page_links_every_notebook():
    start = load(NOTEBOOK_DIR / "00_start_here.ipynb")
    rendered = "".join("".join(o.get("data", {}).get("text/markdown", ""))
                       for cell in code_cells(start) for o in cell.get("outputs", []))
    for entry in course_outline.notebooks():
        assert f'<a href="{entry.file}"' in rendered, f"start page's stored course map lacks {entry.file}"
