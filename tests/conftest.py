"""Shared test set-up.

Every test session gets its own throw-away progress file, so running the tests (and the
notebooks under nbval, whose kernels inherit this environment) never reads or changes a
learner's real progress.
"""

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

_scratch = tempfile.mkdtemp(prefix="liver-course-tests-")
os.environ["LIVER_COURSE_PROGRESS"] = str(Path(_scratch) / "progress.json")
os.environ.setdefault("MPLBACKEND", "Agg")
