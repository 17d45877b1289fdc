"""The catalogue of treatment options in data/treatment_options.yaml.

Each option records how it works, how it is given, who it suits and who it does not, its
main side effects, nursing care points and trade-offs (invasiveness, recovery, aims), with
its sources. The engine, the exercises, the trade-off chart and the notebooks all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data_files import DataFileError, Field, check_fields, checked_entries, load_yaml
from .references import check_sources

FILE = "treatment_options.yaml"

AIMS = {"cure": "cure", "control": "control", "symptom_relief": "symptom relief"}


@dataclass(frozen=True)
class Scale:
    """An ordered scale such as invasiveness: ids from least to most, with plain labels."""

    name: str
    levels: tuple[tuple[str, str], ...]

    def ids(self) -> tuple[str, ...]:
        return tuple(level_id for level_id, _ in self.levels)

    def label(self, level_id: str) -> str:
        return dict(self.levels)[level_id]

    def rank(self, level_id: str) -> int:
        return self.ids().index(level_id)


@dataclass(frozen=True)
class Tradeoffs:
    invasiveness: str
    recovery: str
    recovery_note: str
    aims: tuple[str, ...]
    key_limits: str


@dataclass(frozen=True)
class KeyFact:
    """One number or finding about an option, with its own sources."""

    fact: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TreatmentOption:
    id: str
    name: str
    short_name: str
    family: str
    how_it_works: str
    how_given: str
    suits: tuple[str, ...]
    does_not_suit: tuple[str, ...]
    side_effects: tuple[str, ...]
    nursing_care: tuple[str, ...]
    tradeoffs: Tradeoffs
    key_facts: tuple[KeyFact, ...]
    sources: tuple[str, ...]

    @property
    def family_label(self) -> str:
        return families()[self.family]


@cache
def _document() -> dict:
    document = load_yaml(FILE)
    if not isinstance(document, dict):
        raise DataFileError(FILE, "expected sections 'families', 'scales' and 'options'")
    return document


@cache
def families() -> dict[str, str]:
    """Family id -> plain label, in teaching order."""
    entries = checked_entries(FILE, "families", {"id": Field("text"), "label": Field("text")})
    return {entry["id"]: entry["label"] for entry in entries}


@cache
def scales() -> dict[str, Scale]:
    raw = _document().get("scales")
    if not isinstance(raw, dict) or set(raw) != {"invasiveness", "recovery"}:
        raise DataFileError(FILE, "expected 'scales' with exactly 'invasiveness' and 'recovery'")
    result = {}
    for name, levels in raw.items():
        if not isinstance(levels, list) or not all(
                isinstance(level, dict) and set(level) == {"id", "label"} for level in levels):
            raise DataFileError(FILE, "each level needs an 'id' and a 'label'", entry=name, field="scales")
        result[name] = Scale(name, tuple((level["id"], level["label"]) for level in levels))
    return result


@cache
def options() -> dict[str, TreatmentOption]:
    """Option id -> option, in the file's order (grouped by family)."""
    scale = scales()
    fields = {
        "id": Field("text"), "name": Field("text"), "short_name": Field("text"),
        "family": Field("choice", choices=tuple(families())),
        "how_it_works": Field("text"), "how_given": Field("text"),
        "suits": Field("texts"), "does_not_suit": Field("texts"), "side_effects": Field("texts"),
        "nursing_care": Field("texts"), "tradeoffs": Field("mapping"),
        "key_facts": Field("any", required=False), "sources": Field("texts"),
    }
    tradeoff_fields = {
        "invasiveness": Field("choice", choices=scale["invasiveness"].ids()),
        "recovery": Field("choice", choices=scale["recovery"].ids()),
        "recovery_note": Field("text"),
        "aims": Field("choices", choices=tuple(AIMS)),
        "key_limits": Field("text"),
    }
    result = {}
    for entry in checked_entries(FILE, "options", fields):
        check_fields(FILE, entry["id"], entry["tradeoffs"], tradeoff_fields)
        t = entry["tradeoffs"]
        tradeoffs = Tradeoffs(t["invasiveness"], t["recovery"], t["recovery_note"], tuple(t["aims"]),
                              t["key_limits"])
        result[entry["id"]] = TreatmentOption(
            **{key: tuple(value) if isinstance(value, list) else value
               for key, value in entry.items() if key not in ("tradeoffs", "key_facts")},
            tradeoffs=tradeoffs, key_facts=_key_facts(entry))
        check_sources(FILE, entry["id"], "sources", entry["sources"])
    return result


def _key_facts(entry: dict) -> tuple[KeyFact, ...]:
    facts = entry.get("key_facts", [])
    if not isinstance(facts, list):
        raise DataFileError(FILE, "expected a list of facts", entry["id"], "key_facts")
    result = []
    for fact in facts:
        check_fields(FILE, entry["id"], fact, {"fact": Field("text"), "sources": Field("texts")})
        result.append(KeyFact(fact["fact"], check_sources(FILE, entry["id"], "key_facts.sources",
                                                           fact["sources"])))
    return tuple(result)


def option(option_id: str) -> TreatmentOption:
    try:
        return options()[option_id]
    except KeyError:
        raise ValueError(f"option: {option_id!r} is not a treatment option; "
                         f"allowed: {', '.join(options())}") from None
