"""Is the liver left after surgery (the future liver remnant) big enough? Pure functions.

Thresholds come from data/liver_remnant.yaml; both the treatment-options engine and the
segment diagram use them, so the course states one rule in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data_files import DataFileError, Field, checked_entries

FILE = "liver_remnant.yaml"

TOO_SMALL = "too small"
BORDERLINE = "borderline"
ADEQUATE = "adequate"
NOT_ASSESSED = "not assessed"


@dataclass(frozen=True)
class LiverState:
    id: str
    label: str
    too_small_below: float
    adequate_from: float
    explanation: str
    sources: tuple[str, ...]

    @property
    def minimum_text(self) -> str:
        if self.too_small_below == self.adequate_from:
            return f"{self.too_small_below:g}%"
        return f"{self.too_small_below:g} to {self.adequate_from:g}%"


@cache
def liver_states() -> dict[str, LiverState]:
    entries = checked_entries(FILE, "liver_states", {
        "id": Field("text"), "label": Field("text"), "too_small_below": Field("number"),
        "adequate_from": Field("number"), "explanation": Field("text"), "sources": Field("texts")})
    states = {}
    for entry in entries:
        if not 0 < entry["too_small_below"] <= entry["adequate_from"] < 100:
            raise DataFileError(FILE, "needs 0 < too_small_below <= adequate_from < 100",
                                entry["id"], "adequate_from")
        states[entry["id"]] = LiverState(**{**entry, "sources": tuple(entry["sources"])})
    for required in ("normal", "after_chemotherapy", "cirrhosis"):
        if required not in states:
            raise DataFileError(FILE, f"the liver state {required!r} is missing", required, "id")
    return states


def liver_state(cirrhosis: bool, prior_chemotherapy: bool) -> LiverState:
    """The state that sets the minimum: cirrhosis outranks chemotherapy, which outranks normal."""
    states = liver_states()
    if cirrhosis:
        return states["cirrhosis"]
    if prior_chemotherapy:
        return states["after_chemotherapy"]
    return states["normal"]


def remnant_status(remnant_percent: float | None, state: LiverState) -> str:
    """'too small', 'borderline', 'adequate', or 'not assessed' when no volume is known."""
    if remnant_percent is None:
        return NOT_ASSESSED
    if remnant_percent < state.too_small_below:
        return TOO_SMALL
    if remnant_percent < state.adequate_from:
        return BORDERLINE
    return ADEQUATE
