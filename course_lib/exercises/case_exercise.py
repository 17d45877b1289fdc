"""The which-options-apply case: a vignette, tick boxes by family, and the engine's answer key.

The key is never typed: it is ``assess(vignette.case)``, kept in kernel-side Python objects
until the learner presses Check or Show answer. An option *applies* when the engine rates it
suitable or may be considered (the team would offer or discuss it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .. import assess
from ..case_bank import Vignette, vignettes
from ..decision_rules import defaults, rules
from ..engine import Verdict
from ..treatment_options import families, options
from . import scoring
from .feedback import KEY_NO, KEY_YES, LEVEL_WORDS, Feedback, Line, tick_verdict


def vignette_or_error(vignette_id: str) -> Vignette:
    try:
        return vignettes()[vignette_id]
    except (KeyError, TypeError):
        raise ValueError(
            f"vignette_id: {vignette_id!r} is not a case in data/case_bank.yaml; "
            f"allowed: {', '.join(vignettes())}"
        ) from None


@cache
def answer_key(vignette_id: str) -> dict[str, Verdict]:
    """The engine's verdict for every option of one case (computed once, kept in the kernel)."""
    return assess(vignette_or_error(vignette_id).case)


@cache
def _rule_roles() -> dict[str, tuple[str, tuple[str, ...]]]:
    found = {rule.id: (rule.role, rule.sources) for rule in rules()}
    found.update(
        {f"default:{option_id}": ("default", default.sources) for option_id, default in defaults().items()}
    )
    return found


def main_reason(verdict: Verdict) -> tuple[str, tuple[str, ...]]:
    """The engine's main reason for a verdict and that reason's own sources.

    This is the engine's first reason, except that nursing notes (which never change the
    level) are passed over in favour of the first reason that decided the level.
    """
    if len(verdict.reasons) != len(verdict.rule_ids):  # cannot pair them: fall back to the first reason
        return verdict.reasons[0], verdict.sources
    roles = _rule_roles()
    pairs = list(zip(verdict.reasons, verdict.rule_ids, strict=True))
    for reason, rule_id in pairs:
        role, sources = roles.get(rule_id, ("", verdict.sources))
        if role != "note":
            return reason, sources
    reason, rule_id = pairs[0]
    return reason, roles.get(rule_id, ("", verdict.sources))[1]


def option_line(option_id: str, verdict: Verdict, ticked: bool | None, indent: int = 0) -> Line:
    """One option's feedback line; ``ticked=None`` gives the answer-key line for Show answer."""
    reason, sources = main_reason(verdict)
    words = LEVEL_WORDS[verdict.level]
    if ticked is None:
        symbol, verdict_words = (KEY_YES if verdict.applies else KEY_NO), words[0].upper() + words[1:] + "."
    else:
        symbol, verdict_words = tick_verdict(ticked, verdict.applies, words)
    return Line(options()[option_id].short_name, symbol, verdict_words, reason, sources, indent)


@dataclass(frozen=True)
class CaseExercise:
    """The model behind one which-options-apply case: what to show, and how to mark it."""

    vignette: Vignette

    @classmethod
    def for_vignette(cls, vignette_id: str) -> CaseExercise:
        return cls(vignette_or_error(vignette_id))

    @property
    def key(self) -> str:
        return f"case:{self.vignette.id}"

    def groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(family label, [(option id, short name), ...]) in teaching order."""
        grouped = {family_id: [] for family_id in families()}
        for option_id, option in options().items():
            grouped[option.family].append((option_id, option.short_name))
        return [(families()[family_id], members) for family_id, members in grouped.items() if members]

    @property
    def maximum(self) -> int:
        return sum(verdict.applies for verdict in answer_key(self.vignette.id).values())

    def check(self, ticked: Iterable[str]) -> Feedback:
        ticked = set(ticked)
        unknown = ticked - set(options())
        if unknown:
            raise ValueError(f"ticked: {sorted(unknown)} are not treatment options")
        key = answer_key(self.vignette.id)
        score = scoring.plus_minus(ticked, [option_id for option_id, v in key.items() if v.applies])
        lines = tuple(
            option_line(option_id, verdict, option_id in ticked) for option_id, verdict in key.items()
        )
        return Feedback(score.text(), lines, score, self.vignette.sources)

    def answer(self) -> Feedback:
        key = answer_key(self.vignette.id)
        lines = tuple(option_line(option_id, verdict, None) for option_id, verdict in key.items())
        headline = (
            f"Answer shown: {self.maximum} of {len(key)} options apply for this patient. "
            f"Teaching point: {self.vignette.teaching_point}"
        )
        return Feedback(headline, lines, None, self.vignette.sources, answer_shown=True)
