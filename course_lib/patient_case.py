"""A patient case as the treatment-options engine sees it, with careful input checking.

``PatientCase.from_mapping`` accepts a plain dict (as exercises, tests and notebooks write
them). Anything wrong — an unknown field, a missing required field, a wrong type, a value
out of range — raises ``CaseError`` (a ``ValueError``) whose message names the field, the
value given and what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from .data_files import Field, checked_entries
from .liver_remnant import LiverState, liver_state, remnant_status
from .references import check_sources


class CaseError(ValueError):
    """A patient case has a field the engine cannot accept."""

    def __init__(self, field: str, value: Any, allowed: str, problem: str = "is not allowed"):
        self.field, self.value, self.allowed = field, value, allowed
        shown = "(missing)" if value is _MISSING else repr(value)
        super().__init__(f"{field}: {shown} {problem}; allowed: {allowed}")


_MISSING = object()


@cache
def primary_sites() -> dict[str, dict]:
    """Primary site id -> its entry in data/primary_sites.yaml (name, about, sources)."""
    entries = checked_entries("primary_sites.yaml", "primary_sites", {
        "id": Field("text"), "name": Field("text"), "about": Field("text"), "sources": Field("texts")})
    for entry in entries:
        check_sources("primary_sites.yaml", entry["id"], "sources", entry["sources"])
    return {entry["id"]: entry for entry in entries}


@dataclass(frozen=True)
class FieldRule:
    """What one case field accepts: kind, range or choices, and its default."""

    kind: str                       # "choice", "int", "number", "bool"
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    nullable: bool = False
    meaning: str = ""

    def allowed(self) -> str:
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "bool":
            return "true or false"
        low = "" if self.low is None else f"{'from' if self.low_inclusive else 'above'} {self.low:g}"
        high = "" if self.high is None else f"up to {self.high:g}"
        what = "a whole number" if self.kind == "int" else "a number"
        text = " ".join(part for part in (what, low, high) if part)
        return text + (", or null (not yet assessed)" if self.nullable else "")


@cache
def field_rules() -> dict[str, FieldRule]:
    """The engine's case fields, in the order the issue and the case bank use."""
    return {
        "primary": FieldRule("choice", required=True, choices=tuple(primary_sites()),
                             meaning="where the cancer started"),
        "lesion_count": FieldRule("int", required=True, low=1, meaning="number of liver tumours"),
        "largest_lesion_cm": FieldRule("number", required=True, low=0, high=30, low_inclusive=False,
                                       meaning="size of the largest liver tumour in cm"),
        "both_lobes": FieldRule("bool", default=False, meaning="tumours in both halves of the liver"),
        "near_major_vessel": FieldRule("bool", default=False,
                                       meaning="a tumour touches a blood vessel of 3 mm or more"),
        "extrahepatic_disease": FieldRule("choice", default="none", choices=("none", "limited", "widespread"),
                                          meaning="cancer outside the liver"),
        "ecog": FieldRule("int", default=0, low=0, high=4, meaning="ECOG performance status"),
        "child_pugh": FieldRule("choice", default="A", choices=("A", "B", "C"),
                                meaning="Child-Pugh class of liver function"),
        "cirrhosis": FieldRule("bool", default=False, meaning="scarred (cirrhotic) liver"),
        "prior_chemotherapy": FieldRule("bool", default=False,
                                        meaning="about three months or more of recent chemotherapy"),
        "remnant_percent": FieldRule("number", default=None, low=0, high=100, nullable=True,
                                     meaning="predicted liver left if every liver tumour were removed (%)"),
        "hormone_symptoms": FieldRule("bool", default=False,
                                      meaning="hormone syndrome from a functioning neuroendocrine tumour"),
        "hormone_receptor_positive": FieldRule("bool", default=False,
                                               meaning="the cancer has hormone receptors"),
        "ascites": FieldRule("bool", default=False, meaning="fluid in the abdomen"),
        "lung_shunt_percent": FieldRule("number", default=None, low=0, high=100, nullable=True,
                                        meaning="lung shunt fraction on the mapping scan (%)"),
        "biliary_anastomosis": FieldRule("bool", default=False,
                                         meaning="bile duct joined to bowel, a biliary stent or "
                                                 "a sphincterotomy"),
        "wants_active_treatment": FieldRule("bool", default=True,
                                            meaning="the patient wants active cancer treatment"),
    }


def check_value(name: str, rule: FieldRule, value: Any) -> Any:
    """Return ``value`` if ``rule`` accepts it, else raise CaseError."""
    if value is None and rule.nullable:
        return None
    if rule.kind == "choice":
        if not isinstance(value, str):
            raise CaseError(name, value, rule.allowed(), f"has the wrong type ({type(value).__name__})")
        if value not in rule.choices:
            raise CaseError(name, value, rule.allowed())
        return value
    if rule.kind == "bool":
        if not isinstance(value, bool):
            raise CaseError(name, value, rule.allowed(), f"has the wrong type ({type(value).__name__})")
        return value
    numeric = (int,) if rule.kind == "int" else (int, float)
    if isinstance(value, bool) or not isinstance(value, numeric):
        raise CaseError(name, value, rule.allowed(), f"has the wrong type ({type(value).__name__})")
    if isinstance(value, float) and not math.isfinite(value):
        raise CaseError(name, value, rule.allowed(), "is not a finite number")
    below = rule.low is not None and (value < rule.low if rule.low_inclusive else value <= rule.low)
    above = rule.high is not None and value > rule.high
    if below or above:
        raise CaseError(name, value, rule.allowed(), "is out of range")
    return value


@dataclass(frozen=True)
class PatientCase:
    primary: str
    lesion_count: int
    largest_lesion_cm: float
    both_lobes: bool = False
    near_major_vessel: bool = False
    extrahepatic_disease: str = "none"
    ecog: int = 0
    child_pugh: str = "A"
    cirrhosis: bool = False
    prior_chemotherapy: bool = False
    remnant_percent: float | None = None
    hormone_symptoms: bool = False
    hormone_receptor_positive: bool = False
    ascites: bool = False
    lung_shunt_percent: float | None = None
    biliary_anastomosis: bool = False
    wants_active_treatment: bool = True

    def __post_init__(self) -> None:
        for name, rule in field_rules().items():
            check_value(name, rule, getattr(self, name))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> PatientCase:
        if isinstance(values, PatientCase):
            return values
        if not isinstance(values, Mapping):
            raise CaseError("case", values, "a mapping of field names to values",
                            f"is a {type(values).__name__}")
        rules = field_rules()
        for name in values:
            if name not in rules:
                raise CaseError(str(name), values[name], "the fields " + ", ".join(rules),
                                "is given for an unknown field")
        for name, rule in rules.items():
            if rule.required and name not in values:
                raise CaseError(name, _MISSING, rule.allowed(), "is a required field and is missing")
        return cls(**values)  # __post_init__ checks every value

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def liver_state(self) -> LiverState:
        return liver_state(self.cirrhosis, self.prior_chemotherapy)

    @property
    def remnant_status(self) -> str:
        return remnant_status(self.remnant_percent, self.liver_state)
