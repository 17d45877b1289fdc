"""The treatment-options engine: which options fit a patient, how well, and why.

    from course_lib import assess
    result = assess({"primary": "colorectal", "lesion_count": 2, "largest_lesion_cm": 2.5})
    result["resection"].level     # "suitable" | "consider" | "unsuitable"
    result["resection"].reasons   # plain-English reasons
    result["resection"].sources   # reference ids

How verdicts combine, for each option (rules and defaults are in data/decision_rules.yaml):

1. The best matching *indication* sets the starting level; with none, the option's default.
2. Every matching *limit* caps that level; the most cautious limit wins.
3. The reasons shown are those of the rules at the final level: first the binding limits
   (the most patient-specific), then the indications if they survived, then any *notes*.

So limits can only lower a level and indications can only raise it. All clinical content
is in data/; this module only combines it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, NamedTuple

from .decision_rules import LEVELS, case_facts, defaults, evaluation_order, rules, rules_by_option
from .patient_case import PatientCase
from .treatment_options import options

CAUTION = {level: rank for rank, level in enumerate(LEVELS)}  # lower = more cautious


class Verdict(NamedTuple):
    """One option's verdict for one patient."""

    option: str
    level: str
    reasons: tuple[str, ...]
    sources: tuple[str, ...]
    rule_ids: tuple[str, ...]

    @property
    def applies(self) -> bool:
        """In the "which options apply" exercise, suitable and consider both apply."""
        return self.level != "unsuitable"


@cache
def _plan():
    """Rules and defaults laid out once as indexed tuples, so each assessment is a tight loop.

    Rules that do not look at other options' verdicts are tested together up front; the
    rest are tested when their option's turn comes, after the verdicts they need.
    """
    ordered = sorted(rules(), key=lambda rule: bool(rule.uses_verdicts))
    index = {rule.id: position for position, rule in enumerate(ordered)}
    static_tests = tuple(rule.test for rule in ordered if not rule.uses_verdicts)
    grouped = rules_by_option()
    steps = []
    for option_id in evaluation_order():
        default = defaults()[option_id]
        by_role = {role: tuple(index[rule.id] for rule in grouped[option_id] if rule.role == role)
                   for role in ("indication", "limit", "note")}
        steps.append((option_id, CAUTION[default.level], _text(f"default:{option_id}", default),
                      by_role["indication"], by_role["limit"], by_role["note"]))
    ranks = tuple(CAUTION.get(rule.level, -1) for rule in ordered)
    texts = tuple(_text(rule.id, rule) for rule in ordered)
    return tuple(steps), static_tests, tuple(rule.test for rule in ordered), ranks, texts


def _text(rule_id, rule):
    return rule_id, rule.reason, rule.sources, "{" in rule.reason


def _verdict(option_id: str, level: str, chosen: list, facts: Mapping[str, Any]) -> Verdict:
    reasons = tuple(text.format_map(facts) if placeholders else text for _, text, _, placeholders in chosen)
    if len(chosen) == 1:
        return Verdict(option_id, level, reasons, chosen[0][2], (chosen[0][0],))
    sources = tuple(dict.fromkeys(ref for _, _, refs, _ in chosen for ref in refs))
    return Verdict(option_id, level, reasons, sources, tuple(rule_id for rule_id, _, _, _ in chosen))


def assess(case: PatientCase | Mapping[str, Any]) -> dict[str, Verdict]:
    """Map every option id to its verdict for ``case`` (a dict or a PatientCase)."""
    case = PatientCase.from_mapping(case)
    facts = case_facts(case)
    steps, static_tests, tests, ranks, texts = _plan()
    hits: list[bool | None] = [test(facts, None) for test in static_tests]
    hits += [None] * (len(tests) - len(hits))
    levels: dict[str, str] = {}
    verdicts: dict[str, Verdict] = {}
    for option_id, default_rank, default_text, indications, limits, notes in steps:
        best, cap, chosen_indications, chosen_limits = -1, 2, [], []
        for i in indications:
            hit = hits[i]
            if hit is None:
                hit = hits[i] = tests[i](facts, levels)
            if hit:
                chosen_indications.append(i)
                if ranks[i] > best:
                    best = ranks[i]
        for i in limits:
            hit = hits[i]
            if hit is None:
                hit = hits[i] = tests[i](facts, levels)
            if hit:
                chosen_limits.append(i)
                if ranks[i] < cap:
                    cap = ranks[i]
        start = best if best >= 0 else default_rank
        final = start if start < cap else cap
        chosen = [texts[i] for i in chosen_limits if ranks[i] == final]
        if start == final:
            if best >= 0:
                chosen += [texts[i] for i in chosen_indications if ranks[i] == final]
            else:
                chosen.append(default_text)
        for i in notes:
            hit = hits[i]
            if hit is None:
                hit = hits[i] = tests[i](facts, levels)
            if hit:
                chosen.append(texts[i])
        level = levels[option_id] = LEVELS[final]
        verdicts[option_id] = _verdict(option_id, level, chosen, facts)
    return {option_id: verdicts[option_id] for option_id in options()}


def describe(result: Mapping[str, Verdict]) -> str:
    """A plain-text report: each option's level and reasons, with its sources."""
    from .treatment_options import option

    lines = []
    for option_id, verdict in result.items():
        lines.append(f"{option(option_id).short_name}: {verdict.level}")
        lines.extend(f"    - {reason}" for reason in verdict.reasons)
        lines.append(f"    sources: {', '.join(verdict.sources)}")
    return "\n".join(lines)

