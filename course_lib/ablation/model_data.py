"""The numbers behind the ablation model, read from data/ablation_model.yaml with their sources.

Three kinds of entry: fixed ``quantities`` (tissue, blood, cell death, probe calibration),
``settings`` (the ranges a learner may choose from, which are also the slider limits), and
the choices of ``modalities`` and ``cell_death_models``. Any problem in the file raises
``DataFileError`` naming the file, the entry and the field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from ..data_files import DataFileError, Field, checked_entries
from ..references import check_sources

FILE = "ablation_model.yaml"


@dataclass(frozen=True)
class Quantity:
    id: str
    value: float
    unit: str
    what: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SettingRange:
    """A range a learner may choose from, with its default and slider step."""

    id: str
    label: str
    unit: str
    minimum: float
    maximum: float
    default: float
    step: float
    sources: tuple[str, ...]

    def check(self, field: str, value: object) -> float:
        """``value`` as a float, or ValueError naming ``field``, the value and the allowed range."""
        return check_number(field, value, self.minimum, self.maximum, self.unit)

    @property
    def range_text(self) -> str:
        return f"{self.minimum:g} to {self.maximum:g} {self.unit}"


@dataclass(frozen=True)
class Modality:
    id: str
    label: str
    setting: SettingRange
    duration: SettingRange
    how: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class CellDeathModel:
    id: str
    label: str
    kind: str
    threshold: float
    sources: tuple[str, ...]


def check_number(field: str, value: object, minimum: float, maximum: float, unit: str = "") -> float:
    """Return ``value`` as a float if it is a real number within [minimum, maximum]; else ValueError."""
    allowed = f"{minimum:g} to {maximum:g}{' ' + unit if unit else ''}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{field}: {value!r} is not a number; allowed: {allowed}")
    number = float(value)
    if not math.isfinite(number) or not minimum <= number <= maximum:
        raise ValueError(f"{field}: {value!r} is outside the allowed range {allowed}")
    return number


def _sources(entry: dict) -> tuple[str, ...]:
    return check_sources(FILE, entry["id"], "sources", entry["sources"])


@cache
def quantities() -> dict[str, Quantity]:
    entries = checked_entries(FILE, "quantities", {
        "id": Field("text"), "value": Field("number"), "unit": Field("text"), "what": Field("text"),
        "sources": Field("texts")})
    return {entry["id"]: Quantity(entry["id"], float(entry["value"]), entry["unit"],
                                  " ".join(entry["what"].split()), _sources(entry))
            for entry in entries}


def quantity(quantity_id: str) -> float:
    """The value of one named quantity (in the unit the data file gives)."""
    try:
        return quantities()[quantity_id].value
    except KeyError:
        raise DataFileError(FILE, "this quantity is needed by the model but missing", quantity_id,
                            "id") from None


@cache
def settings() -> dict[str, SettingRange]:
    entries = checked_entries(FILE, "settings", {
        "id": Field("text"), "label": Field("text"), "unit": Field("text"), "minimum": Field("number"),
        "maximum": Field("number"), "default": Field("number"), "step": Field("number"),
        "sources": Field("texts")})
    result = {}
    for entry in entries:
        low, high, default, step = (float(entry[key]) for key in ("minimum", "maximum", "default", "step"))
        if not low < high:
            raise DataFileError(FILE, "minimum must be below maximum", entry["id"], "maximum")
        if not low <= default <= high:
            raise DataFileError(FILE, f"default {default:g} is outside {low:g} to {high:g}", entry["id"],
                                "default")
        steps = (high - low) / step if step > 0 else -1.0
        if step <= 0 or abs(steps - round(steps)) > 1e-9:
            raise DataFileError(FILE, "step must be positive and divide the range evenly", entry["id"],
                                "step")
        result[entry["id"]] = SettingRange(entry["id"], entry["label"], entry["unit"], low, high, default,
                                           step, _sources(entry))
    return result


def setting(setting_id: str) -> SettingRange:
    try:
        return settings()[setting_id]
    except KeyError:
        raise DataFileError(FILE, "this setting is needed by the model but missing", setting_id,
                            "id") from None


@cache
def modalities() -> dict[str, Modality]:
    entries = checked_entries(FILE, "modalities", {
        "id": Field("choice", choices=("rfa", "mwa", "cryo")), "label": Field("text"),
        "setting": Field("text"), "duration": Field("text"), "how": Field("text"),
        "sources": Field("texts")})
    result = {entry["id"]: Modality(entry["id"], entry["label"], setting(entry["setting"]),
                                    setting(entry["duration"]), " ".join(entry["how"].split()),
                                    _sources(entry))
              for entry in entries}
    for required in ("rfa", "mwa", "cryo"):
        if required not in result:
            raise DataFileError(FILE, "this modality is missing", required, "id")
    return result


@cache
def cell_death_models() -> dict[str, CellDeathModel]:
    entries = checked_entries(FILE, "cell_death_models", {
        "id": Field("text"), "label": Field("text"), "kind": Field("choice", choices=("arrhenius", "cem43")),
        "threshold": Field("number"), "sources": Field("texts")})
    result = {}
    for entry in entries:
        if entry["threshold"] <= 0:
            raise DataFileError(FILE, "the threshold must be positive", entry["id"], "threshold")
        result[entry["id"]] = CellDeathModel(entry["id"], entry["label"], entry["kind"],
                                              float(entry["threshold"]), _sources(entry))
    if not result:
        raise DataFileError(FILE, "at least one cell-death model is needed", None, "cell_death_models")
    return result


def cited_sources() -> tuple[str, ...]:
    """Every reference id the ablation data file cites, in first-use order."""
    found: dict[str, None] = {}
    groups = (quantities(), settings(), modalities(), cell_death_models())
    for group in groups:
        for item in group.values():
            found.update(dict.fromkeys(item.sources))
    return tuple(found)
