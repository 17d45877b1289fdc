"""Reading the course's YAML data files, with errors a clinical educator can act on.

Every problem names the file, the entry and the field, so that a broken data file is
found at load time rather than by a learner.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(os.environ.get("LIVER_COURSE_DATA", Path(__file__).resolve().parent.parent / "data"))

# The safe loader, in its C version (libyaml) where PyYAML has it: it parses the course's data
# files several times faster than the pure-Python one, with the same rules (same resolver and
# constructors); PyYAML's wheels and conda-forge's package both include it.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """A data file is missing, unreadable, or has an entry that breaks the rules."""

    def __init__(self, file: str, problem: str, entry: str | None = None, field: str | None = None):
        self.file, self.entry, self.field, self.problem = file, entry, field, problem
        where = f"data/{file}"
        if entry is not None:
            where += f", entry {entry!r}"
        if field is not None:
            where += f", field {field!r}"
        super().__init__(f"{where}: {problem}")


def data_path(name: str) -> Path:
    return DATA_DIR / name


def clear_caches() -> None:
    """Forget every cached data file and everything built from one (for tests and reloads)."""
    for name, module in list(sys.modules.items()):
        if name == "course_lib" or name.startswith("course_lib."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@cache
def load_yaml(name: str) -> Any:
    """Parse ``data/<name>``; the result is cached and must not be modified."""
    path = data_path(name)
    if not path.is_file():
        raise DataFileError(name, f"file not found at {path}")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        raise DataFileError(name, f"not valid YAML: {error}") from None


@dataclass(frozen=True)
class Field:
    """What one field of a data entry must hold.

    kind: "text" (non-empty string), "texts" (non-empty list of non-empty strings),
    "int", "number", "bool", "choice" (one of ``choices``), "choices" (list of ``choices``),
    "mapping" (a dictionary), or "any".
    """

    kind: str
    required: bool = True
    choices: tuple[Any, ...] = ()
    allow_empty: bool = False


def _problem(value: Any, spec: Field) -> str | None:
    """Return why ``value`` does not fit ``spec``, or None when it fits."""
    kind = spec.kind
    if kind == "any":
        return None
    if kind == "text":
        ok = isinstance(value, str) and (spec.allow_empty or value.strip())
        return None if ok else f"expected non-empty text, got {value!r}"
    if kind == "texts":
        ok = (isinstance(value, list) and (spec.allow_empty or value)
              and all(isinstance(v, str) and v.strip() for v in value))
        return None if ok else f"expected a list of non-empty texts, got {value!r}"
    if kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"expected a whole number, got {value!r}"
    if kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else f"expected a number, got {value!r}"
    if kind == "bool":
        return None if isinstance(value, bool) else f"expected true or false, got {value!r}"
    if kind == "choice":
        return None if value in spec.choices else f"{value!r} is not one of {list(spec.choices)}"
    if kind == "choices":
        if not isinstance(value, list) or (not value and not spec.allow_empty):
            return f"expected a list drawn from {list(spec.choices)}, got {value!r}"
        wrong = [v for v in value if v not in spec.choices]
        return None if not wrong else f"{wrong!r} not among {list(spec.choices)}"
    if kind == "mapping":
        return None if isinstance(value, dict) else f"expected a mapping of names to values, got {value!r}"
    raise ValueError(f"unknown field kind {kind!r}")


def checked_entries(file: str, key: str, fields: Mapping[str, Field], id_field: str = "id") -> list[dict]:
    """The list under ``key`` in ``file``, every entry checked against ``fields``.

    Unknown fields, missing required fields, wrong kinds and repeated ids all raise
    ``DataFileError`` naming the file, the entry and the field.
    """
    document = load_yaml(file)
    if not isinstance(document, dict) or not isinstance(document.get(key), list):
        raise DataFileError(file, f"expected a top-level list called {key!r}")
    seen: set[str] = set()
    for position, entry in enumerate(document[key], start=1):
        label = entry.get(id_field) if isinstance(entry, dict) else None
        name = str(label) if label is not None else f"#{position}"
        if not isinstance(entry, dict):
            raise DataFileError(file, f"expected a mapping of fields, got {entry!r}", entry=name)
        check_fields(file, name, entry, fields)
        if label is not None:
            if label in seen:
                raise DataFileError(file, "this id is used twice", entry=name, field=id_field)
            seen.add(label)
    return document[key]


def check_fields(file: str, entry: str, values: Mapping[str, Any], fields: Mapping[str, Field]) -> None:
    for unknown in sorted(set(values) - set(fields)):
        raise DataFileError(file, f"unknown field; allowed fields are {sorted(fields)}", entry, unknown)
    for name, spec in fields.items():
        if name not in values:
            if spec.required:
                raise DataFileError(file, "required field is missing", entry, name)
            continue
        problem = _problem(values[name], spec)
        if problem:
            raise DataFileError(file, problem, entry, name)


def require_known(file: str, entry: str, field: str, values: Iterable[str], known: Iterable[str],
                  what: str) -> None:
    """Raise unless every value is one of ``known`` (for example, reference ids)."""
    known = set(known)
    for value in values:
        if value not in known:
            raise DataFileError(file, f"{value!r} is not a known {what}", entry, field)
