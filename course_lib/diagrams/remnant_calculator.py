"""Future liver remnant arithmetic: segments removed -> share of the liver left -> verdicts.

Pure functions. Segment sizes come from data/liver_anatomy.yaml (typical values) and the
minimum remnant for each state of the liver from course_lib.liver_remnant, so that the
thresholds are stated in one place only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..liver_remnant import BORDERLINE, TOO_SMALL, LiverState, liver_states, remnant_status
from .anatomy import SEGMENT_IDS, pve_advice, segments


@dataclass(frozen=True)
class StateVerdict:
    state: LiverState
    status: str  # "too small", "borderline" or "adequate"


@dataclass(frozen=True)
class RemnantResult:
    removed: tuple[str, ...]  # in anatomical order I..VIII
    kept: tuple[str, ...]
    removed_percent: float
    remnant_percent: float
    verdicts: tuple[StateVerdict, ...]  # normal, after chemotherapy, cirrhosis (data order)

    def verdict(self, state_id: str) -> str:
        for item in self.verdicts:
            if item.state.id == state_id:
                return item.status
        raise ValueError(f"state: {state_id!r} is not a liver state; "
                         f"allowed: {', '.join(v.state.id for v in self.verdicts)}")

    @property
    def too_small_for(self) -> tuple[LiverState, ...]:
        return tuple(item.state for item in self.verdicts if item.status == TOO_SMALL)

    def advice(self) -> str:
        """What the team could do next; explains portal vein embolisation when the remnant is too small."""
        if not self.kept:
            return pve_advice()["nothing_left"]
        if not self.removed:
            return "Nothing is removed, so the whole liver stays."
        too_small = self.too_small_for
        borderline = [item.state for item in self.verdicts if item.status == BORDERLINE]
        sentences = []
        if too_small and len(too_small) == len(self.verdicts):
            sentences.append("Too small, whatever the state of the liver.")
        elif too_small:
            sentences.append(f"Too small for {_join([state.label for state in too_small])}.")
        if borderline:
            sentences.append(f"Borderline for {_join([state.label for state in borderline])}: teams "
                             "differ on the exact minimum, so the liver's size and health are checked with "
                             "extra care.")
        if not too_small and not borderline:
            sentences.append("Enough liver would be left in every case shown.")
        if too_small:
            sentences.append(pve_advice()["text"])
        return " ".join(sentences)


STATUS_WORDS = {
    "adequate": "enough",
    "borderline": "borderline (teams differ)",
    "too small": "too small",
}


def _join(items: list[str]) -> str:
    """'a', 'a and for b', 'a, for b and for c' (each item already reads after 'for')."""
    return items[0] if len(items) == 1 else ", for ".join(items[:-1]) + " and for " + items[-1]


def checked_segments(removed: Iterable[str] | None) -> tuple[str, ...]:
    """``removed`` as a tuple in anatomical order; ValueError for unknown or repeated segments."""
    if removed is None:
        return ()
    if isinstance(removed, str):
        raise ValueError(f"removed: {removed!r} is a single text; give a list of segments such as "
                         f"['V', 'VI'], drawn from {', '.join(SEGMENT_IDS)}")
    try:
        given = list(removed)
    except TypeError:
        raise ValueError(f"removed: {removed!r} is not a list of segments; give a list such as ['V', 'VI'], "
                         f"drawn from {', '.join(SEGMENT_IDS)}") from None
    for segment_id in given:
        if segment_id not in SEGMENT_IDS:
            raise ValueError(f"removed: {segment_id!r} is not a liver segment; "
                             f"allowed: {', '.join(SEGMENT_IDS)}")
        if given.count(segment_id) > 1:
            raise ValueError(f"removed: segment {segment_id!r} is given {given.count(segment_id)} times; "
                             "each segment can be removed only once")
    return tuple(segment_id for segment_id in SEGMENT_IDS if segment_id in given)


def remnant_after(removed: Iterable[str] | None = ()) -> RemnantResult:
    """The share of the liver left after removing ``removed`` segments (typical sizes)."""
    removed = checked_segments(removed)
    sizes = segments()
    kept = tuple(segment_id for segment_id in SEGMENT_IDS if segment_id not in removed)
    remnant = round(sum(sizes[segment_id].typical_percent for segment_id in kept), 1)
    removed_percent = round(sum(sizes[segment_id].typical_percent for segment_id in removed), 1)
    verdicts = tuple(StateVerdict(state, remnant_status(remnant, state)) for state in liver_states().values())
    return RemnantResult(removed, kept, removed_percent, remnant, verdicts)
