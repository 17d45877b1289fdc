"""A learner's answers and scores, kept in one JSON file on their own machine.

The file is ``$LIVER_COURSE_PROGRESS`` if that is set, otherwise
``~/.liver_metastases_course/progress.json``. Nothing is ever sent anywhere. For every item
or case the file keeps the number of attempts, the last and best score, the maximum, whether
the answer was shown, the notebook, and when it was last checked (kept for the learner's own
records; it is never displayed, so notebook outputs stay the same on every run).

A missing file starts fresh. A damaged file is moved aside (``progress.json.corrupt``) and a
fresh record starts, with a one-line notice for the progress summary; nothing here ever
raises to the learner. Every save writes a temporary file beside the real one and then
replaces it in one step, so a crash mid-save never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

ENVIRONMENT_VARIABLE = "LIVER_COURSE_PROGRESS"
DEFAULT_PATH = Path("~/.liver_metastases_course/progress.json")
VERSION = 1

DAMAGED = (
    "Your saved progress could not be read, so a fresh record was started. The old file was kept as {name}."
)
UNREADABLE = "Your saved progress could not be opened, so this session starts with a fresh record."
UNSAVED = (
    "Your progress could not be saved on this computer. Your answers still count until you close the course."
)


def progress_path() -> Path:
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(configured).expanduser() if configured else DEFAULT_PATH.expanduser()


@dataclass
class Record:
    notebook: str
    maximum: int
    attempts: int = 0
    last_score: int | None = None
    best_score: int | None = None
    answer_shown: bool = False
    last_checked: str | None = None

    @classmethod
    def from_json(cls, value: object) -> Record:
        """Rebuild a record, raising ValueError if the stored value is not a valid one."""
        if not isinstance(value, dict) or set(value) - set(cls.__dataclass_fields__):
            raise ValueError(f"not a progress record: {value!r}")
        record = cls(**value)
        whole = (int,)
        checks = [
            isinstance(record.notebook, str),
            isinstance(record.maximum, whole),
            isinstance(record.attempts, whole),
            isinstance(record.answer_shown, bool),
            record.last_score is None or isinstance(record.last_score, whole),
            record.best_score is None or isinstance(record.best_score, whole),
            record.last_checked is None or isinstance(record.last_checked, str),
        ]
        if not all(checks) or any(isinstance(v, bool) for v in (record.maximum, record.attempts)):
            raise ValueError(f"not a progress record: {value!r}")
        return record


class ProgressStore:
    """The progress file for one path, held in memory and saved after every change."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.notice = ""
        self._listeners: list[weakref.ref] = []
        self.records: dict[str, Record] = self._load()

    # -- reading -------------------------------------------------------------------------
    def _load(self) -> dict[str, Record]:
        if not self.path.exists():
            return {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return self._damaged()
        try:
            document = json.loads(text)
            if not isinstance(document, dict) or not isinstance(document.get("items"), dict):
                raise ValueError("no 'items' mapping")
            return {str(key): Record.from_json(value) for key, value in document["items"].items()}
        except (ValueError, TypeError):
            return self._damaged()

    def _damaged(self) -> dict[str, Record]:
        aside = self.path.with_name(self.path.name + ".corrupt")
        try:
            os.replace(self.path, aside)
            self.notice = DAMAGED.format(name=aside.name)
        except OSError:
            self.notice = UNREADABLE
        return {}

    # -- writing -------------------------------------------------------------------------
    def save(self) -> bool:
        """Write the whole record atomically; on failure keep going and set a notice."""
        document = {
            "version": VERSION,
            "items": {key: asdict(record) for key, record in self.records.items()},
        }
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
            )
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(document, stream, indent=1, sort_keys=True)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
            temporary = None
            if self.notice == UNSAVED:
                self.notice = ""
            return True
        except OSError:
            self.notice = UNSAVED
            return False
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _record(self, key: str, notebook: str, maximum: int) -> Record:
        record = self.records.get(key)
        if record is None:
            record = self.records[key] = Record(notebook, maximum)
        record.notebook, record.maximum = notebook, maximum
        return record

    def record_check(self, key: str, notebook: str, points: int, maximum: int) -> None:
        record = self._record(key, notebook, maximum)
        record.attempts += 1
        record.last_score = points
        record.best_score = points if record.best_score is None else max(record.best_score, points)
        record.last_checked = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self.save()
        self._notify()

    def record_shown(self, key: str, notebook: str, maximum: int) -> None:
        self._record(key, notebook, maximum).answer_shown = True
        self.save()
        self._notify()

    def reset(self) -> None:
        self.records = {}
        self.notice = ""
        self.save()
        self._notify()

    # -- listeners (progress summaries refresh when answers are checked) ------------------
    def subscribe(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after every change; held weakly, so views can be forgotten."""
        reference = weakref.WeakMethod(callback) if hasattr(callback, "__self__") else weakref.ref(callback)
        self._listeners.append(reference)

    def _notify(self) -> None:
        alive = []
        for reference in self._listeners:
            callback = reference()
            if callback is not None:
                alive.append(reference)
                with contextlib.suppress(Exception):  # a broken view must not stop saving
                    callback()
        self._listeners = alive


_stores: dict[Path, ProgressStore] = {}


def store() -> ProgressStore:
    """The store for the current progress path (one per path, shared by every widget)."""
    path = progress_path()
    if path not in _stores:
        _stores[path] = ProgressStore(path)
    return _stores[path]


def forget_stores() -> None:
    """Drop the in-memory stores, so the next ``store()`` reads the file again (for tests)."""
    _stores.clear()
