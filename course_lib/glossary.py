"""The course glossary (data/glossary.yaml): plain-English meanings of the words learners meet."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data_files import DataFileError, Field, checked_entries
from .references import check_sources

FILE = "glossary.yaml"


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    also: tuple[str, ...]
    sources: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        return (self.term, *self.also)


@cache
def terms() -> tuple[Term, ...]:
    entries = checked_entries(FILE, "terms", {
        "term": Field("text"), "definition": Field("text"), "also": Field("texts", required=False),
        "sources": Field("texts")}, id_field="term")
    result = tuple(Term(entry["term"], " ".join(entry["definition"].split()), tuple(entry.get("also", ())),
                        check_sources(FILE, entry["term"], "sources", entry["sources"])) for entry in entries)
    order = [term.term.casefold() for term in result]
    if order != sorted(order):
        first = next(a for a, b in zip(order, sorted(order), strict=True) if a != b)
        raise DataFileError(FILE, "terms must be in alphabetical order", first, "term")
    return result


def find(text: str) -> tuple[Term, ...]:
    """Terms whose name, other names or definition contain ``text`` (case is ignored)."""
    if not isinstance(text, str):
        raise ValueError(f"text: {text!r} is not text; give the word to look up")
    needle = text.strip().casefold()
    if not needle:
        return terms()
    return tuple(term for term in terms()
                 if any(needle in name.casefold() for name in term.names()) or needle in term.definition.casefold())
