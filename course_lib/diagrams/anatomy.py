"""Read data/liver_anatomy.yaml: vessels, tissues, treatments, catheter route, segments.

Pure data access with checks; the drawing modules read every learner-facing word from here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from ..data_files import DataFileError, Field, check_fields, checked_entries, load_yaml
from ..references import check_sources

FILE = "liver_anatomy.yaml"

VESSEL_IDS = ("portal_vein", "hepatic_artery")
TRAVELS = ("particles", "drug", "drug_and_particles", "radioactive_beads", "plug")
LODGES_IN = ("tumour", "portal_branch")
LIVER_RESPONSES = ("spared", "regrows")
SEGMENT_IDS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


@dataclass(frozen=True)
class Vessel:
    id: str
    name: str
    plain: str
    comes_from: str
    inflow_percent_low: float
    inflow_percent_high: float
    sources: tuple[str, ...]

    @property
    def inflow_text(self) -> str:
        return f"{self.inflow_percent_low:g}\u2013{self.inflow_percent_high:g}%"


@dataclass(frozen=True)
class Tissue:
    id: str
    name: str
    fed_mainly_by: str
    note: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Treatment:
    id: str
    name: str
    also_called: str
    vessel: str
    vessel_blocked: bool
    travels: str
    travels_label: str
    travels_short: str
    lodges_in: str
    tumour_treated: bool
    tumour_short: str
    tumour_effect: str
    liver_response: str
    liver_short: str
    liver_effect: str
    caption: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RouteStep:
    place: str  # groin, aorta, branch or liver
    label: str  # a few words for the drawing
    text: str  # a full sentence for the caption


@dataclass(frozen=True)
class Segment:
    id: str
    name: str
    half: str
    typical_percent: float
    basis: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ExampleOperation:
    id: str
    name: str
    removes: tuple[str, ...]
    sources: tuple[str, ...]


def _text(value: str) -> str:
    """Fold YAML's line breaks into single spaces."""
    return " ".join(value.split())


def _tidy(entry: dict) -> dict:
    return {key: tuple(value) if isinstance(value, list) else _text(value) if isinstance(value, str)
            else value for key, value in entry.items()}


def _sources(entry: str, ids: list[str]) -> None:
    """Every cited id must be in data/references.yaml."""
    check_sources(FILE, entry, "sources", ids)


def _entries(key: str, fields: dict[str, Field]) -> list[dict]:
    """The checked list under ``key``, with every entry's sources checked too."""
    entries = checked_entries(FILE, key, fields)
    for entry in entries:
        _sources(entry["id"], entry["sources"])
    return entries


def _section(key: str) -> dict:
    values = load_yaml(FILE).get(key) if isinstance(load_yaml(FILE), dict) else None
    if not isinstance(values, dict):
        raise DataFileError(FILE, f"expected a section called {key!r}", field=key)
    return values


@cache
def vessels() -> dict[str, Vessel]:
    entries = _entries("vessels", {
        "id": Field("choice", choices=VESSEL_IDS), "name": Field("text"), "plain": Field("text"),
        "comes_from": Field("text"), "inflow_percent_low": Field("number"),
        "inflow_percent_high": Field("number"), "sources": Field("texts")})
    result = {entry["id"]: Vessel(**_tidy(entry)) for entry in entries}
    for vessel in result.values():
        if not 0 < vessel.inflow_percent_low <= vessel.inflow_percent_high < 100:
            raise DataFileError(FILE, "needs 0 < inflow_percent_low <= inflow_percent_high < 100",
                                vessel.id, "inflow_percent_high")
    if set(result) != set(VESSEL_IDS):
        raise DataFileError(FILE, f"expected exactly the vessels {list(VESSEL_IDS)}", field="vessels")
    return result


@cache
def tissues() -> dict[str, Tissue]:
    entries = _entries("tissues", {
        "id": Field("choice", choices=("normal_liver", "tumour")), "name": Field("text"),
        "fed_mainly_by": Field("choice", choices=VESSEL_IDS), "note": Field("text"),
        "sources": Field("texts")})
    result = {entry["id"]: Tissue(**_tidy(entry)) for entry in entries}
    if set(result) != {"normal_liver", "tumour"}:
        raise DataFileError(FILE, "expected the tissues 'normal_liver' and 'tumour'", field="tissues")
    return result


@cache
def baseline() -> dict[str, str | tuple[str, ...]]:
    values = _section("baseline")
    check_fields(FILE, "baseline", values, {"title": Field("text"), "summary": Field("text"),
                                            "caption": Field("text"), "sources": Field("texts")})
    _sources("baseline", values["sources"])
    return _tidy(values)


@cache
def treatments() -> dict[str, Treatment]:
    """Treatment id -> what it does to the liver's blood supply, in the file's order."""
    entries = _entries("treatments", {
        "id": Field("text"), "name": Field("text"), "also_called": Field("text"),
        "vessel": Field("choice", choices=VESSEL_IDS), "vessel_blocked": Field("bool"),
        "travels": Field("choice", choices=TRAVELS), "travels_label": Field("text"),
        "travels_short": Field("text"), "lodges_in": Field("choice", choices=LODGES_IN),
        "tumour_treated": Field("bool"), "tumour_short": Field("text"), "tumour_effect": Field("text"),
        "liver_response": Field("choice", choices=LIVER_RESPONSES), "liver_short": Field("text"),
        "liver_effect": Field("text"), "caption": Field("text"), "sources": Field("texts")})
    for entry in entries:
        if entry["lodges_in"] == "portal_branch" and entry["vessel"] != "portal_vein":
            raise DataFileError(FILE, "only a treatment in the portal vein can lodge in a portal branch",
                                entry["id"], "lodges_in")
    return {entry["id"]: Treatment(**_tidy(entry)) for entry in entries}


def treatment(treatment_id: str) -> Treatment:
    try:
        return treatments()[treatment_id]
    except (KeyError, TypeError):
        raise ValueError(f"treatment: {treatment_id!r} is not a treatment in the blood-supply diagram; "
                         f"allowed: None (no treatment), {', '.join(treatments())}") from None


@cache
def catheter_route() -> dict:
    values = _section("catheter_route")
    check_fields(FILE, "catheter_route", values, {
        "title": Field("text"), "used_for": Field("text"), "steps": Field("any"), "sources": Field("texts")})
    _sources("catheter_route", values["sources"])
    steps = values["steps"]
    if not isinstance(steps, list) or not steps:
        raise DataFileError(FILE, "expected a list of steps", "catheter_route", "steps")
    places = ("groin", "aorta", "branch", "liver")
    for number, step in enumerate(steps, start=1):
        if not isinstance(step, dict):
            raise DataFileError(FILE, f"step {number} must be a mapping", "catheter_route", "steps")
        check_fields(FILE, f"catheter_route step {number}", step,
                     {"place": Field("choice", choices=places), "label": Field("text"),
                      "text": Field("text")})
    if [step["place"] for step in steps] != list(places):
        raise DataFileError(FILE, f"expected one step per place, in the order {list(places)}",
                            "catheter_route", "steps")
    return {"title": _text(values["title"]), "used_for": _text(values["used_for"]),
            "steps": tuple(RouteStep(step["place"], _text(step["label"]), _text(step["text"]))
                           for step in steps),
            "sources": tuple(values["sources"])}


@cache
def segments() -> dict[str, Segment]:
    """Segment id (I to VIII) -> typical share of the liver's volume; the shares add up to 100."""
    entries = _entries("segments", {
        "id": Field("choice", choices=SEGMENT_IDS), "name": Field("text"),
        "half": Field("choice", choices=("caudate", "left", "right")),
        "typical_percent": Field("number"), "basis": Field("text"), "sources": Field("texts")})
    result = {entry["id"]: Segment(**_tidy(entry)) for entry in entries}
    if tuple(result) != SEGMENT_IDS:
        raise DataFileError(FILE, f"expected the segments {list(SEGMENT_IDS)} in that order",
                            field="segments")
    for segment in result.values():
        if not 0 < segment.typical_percent < 100:
            raise DataFileError(FILE, "must be between 0 and 100", segment.id, "typical_percent")
    total = sum(segment.typical_percent for segment in result.values())
    if not math.isclose(total, 100, abs_tol=1e-9):
        raise DataFileError(FILE, f"the typical shares add up to {total:g}, not 100", field="segments")
    return result


@cache
def segment_volumes_note() -> str:
    """Says that the segment sizes are typical and that real livers vary."""
    values = _section("segment_volumes")
    check_fields(FILE, "segment_volumes", values, {"note": Field("text"), "sources": Field("texts")})
    _sources("segment_volumes", values["sources"])
    return _text(values["note"])


@cache
def example_operations() -> dict[str, ExampleOperation]:
    entries = _entries("example_operations", {
        "id": Field("text"), "name": Field("text"), "removes": Field("choices", choices=SEGMENT_IDS),
        "sources": Field("texts")})
    return {entry["id"]: ExampleOperation(**_tidy(entry)) for entry in entries}


@cache
def liver_state_short_labels() -> dict[str, str]:
    """Liver state id (as in data/liver_remnant.yaml) -> a short name for the diagram."""
    values = _section("liver_state_short_labels")
    check_fields(FILE, "liver_state_short_labels", values, {key: Field("text") for key in values})
    return dict(values)


@cache
def pve_advice() -> dict[str, str]:
    values = _section("portal_vein_embolisation_advice")
    check_fields(FILE, "portal_vein_embolisation_advice", values, {
        "text": Field("text"), "nothing_left": Field("text"), "sources": Field("texts")})
    _sources("portal_vein_embolisation_advice", values["sources"])
    return {"text": _text(values["text"]), "nothing_left": _text(values["nothing_left"])}


def clear_caches() -> None:
    """Forget everything read from data/ (tests that swap the data directory call this)."""
    for loader in (vessels, tissues, baseline, treatments, catheter_route, segments, segment_volumes_note,
                   example_operations, liver_state_short_labels, pve_advice, load_yaml):
        loader.cache_clear()
