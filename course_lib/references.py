"""The course's references (data/references.yaml) and the citations that point at them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import data_files
from .data_files import DataFileError, Field, checked_entries, load_yaml

FILE = "references.yaml"
KINDS = ("seed", "guideline", "trial", "study", "review", "reference", "physics")


@dataclass(frozen=True)
class Reference:
    id: str
    kind: str
    authors: str
    title: str
    published: str
    year: int | None
    url: str | None = None
    doi: str | None = None
    note: str | None = None

    @property
    def link(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    def citation(self) -> str:
        year = self.year if self.year is not None else "no date"
        return f"{self.authors} ({year}). {self.title.rstrip('.')}. {self.published.rstrip('.')}."


@cache
def references() -> dict[str, Reference]:
    entries = checked_entries(FILE, "references", {
        "id": Field("text"), "kind": Field("choice", choices=KINDS), "authors": Field("text"),
        "title": Field("text"), "published": Field("text"), "year": Field("any"),
        "url": Field("text", required=False), "doi": Field("text", required=False),
        "note": Field("text", required=False)})
    result = {}
    for entry in entries:
        year = entry["year"]
        if year is not None and not (isinstance(year, int) and 1900 <= year <= 2030):
            raise DataFileError(FILE, f"{year!r} is not a year between 1900 and 2030 (or null)",
                                entry["id"], "year")
        if not (entry.get("url") or entry.get("doi")):
            raise DataFileError(FILE, "needs a url or a doi", entry["id"], "url")
        if entry.get("url") and not entry["url"].startswith("https://"):
            raise DataFileError(FILE, f"{entry['url']!r} is not an https address", entry["id"], "url")
        result[entry["id"]] = Reference(**entry)
    return result


def reference(ref_id: str) -> Reference:
    try:
        return references()[ref_id]
    except KeyError:
        raise ValueError(f"source: {ref_id!r} is not a reference id in data/{FILE}") from None


def check_sources(file: str, entry: str, field: str, ids: Iterable[str]) -> tuple[str, ...]:
    """Raise DataFileError unless every id is a known reference; return them as a tuple."""
    known = references()
    ids = tuple(ids)
    if not ids:
        raise DataFileError(file, "at least one source is needed", entry, field)
    for ref_id in ids:
        if ref_id not in known:
            raise DataFileError(file, f"{ref_id!r} is not a reference id in data/{FILE}", entry, field)
    return ids


def _walk_sources(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, list):
                for ref_id in value:
                    yield path, ref_id
            else:
                yield from _walk_sources(value, f"{path}.{key}")
    elif isinstance(node, list):
        for position, value in enumerate(node):
            label = value.get("id", position) if isinstance(value, dict) else position
            yield from _walk_sources(value, f"{path}[{label}]")


def citations_in_data() -> list[tuple[str, str]]:
    """Every (place, reference id) cited by a ``sources`` list in any data file but references.yaml."""
    found = []
    for path in sorted(data_files.DATA_DIR.glob("*.yaml")):
        if path.name != FILE:
            found.extend(_walk_sources(load_yaml(path.name), path.name))
    return found


def format_sources(ids: Iterable[str]) -> str:
    """Short, readable citation list such as 'Cancer Research UK (S-CRUK); Fong99'."""
    return "; ".join(ids)
