"""The treatment-options engine: which options fit a patient, how well, and why.

    from course_lib import assess
    result = assess({"primary": "colorectal", "lesion_count": 2, "largest_lesion_cm": 2.5})
    result["resection"].level     # "suitable" | "consider" | "unsuitable"
    result["resection"].reasons   # plain-English reasons
    result["resection"].sources   # reference ids

How verdicts combine, for each option: every rule whose condition matches the case is
collected. The most cautious level among them decides (unsuitable, then consider, then
suitable), and the reasons of every rule at that level are given. If no rule sets a level,
the option's default from data/decision_rules.yaml applies. Notes add reasons whatever the
level. All clinical content is in data/; this module only combines it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .decision_rules import LEVELS, case_facts, defaults, evaluation_order, rules_by_option
from .patient_case import PatientCase
from .treatment_options import options

CAUTION = {level: rank for rank, level in enumerate(LEVELS)}  # lower = more cautious


@dataclass(frozen=True)
class Verdict:
    option: str
    level: str
    reasons: tuple[str, ...]
    sources: tuple[str, ...]
    rule_ids: tuple[str, ...]

    @property
    def applies(self) -> bool:
        """In the "which options apply" exercise, suitable and consider both apply."""
        return self.level != "unsuitable"


def assess(case: PatientCase | Mapping[str, Any]) -> dict[str, Verdict]:
    """Map every option id to its verdict for ``case`` (a dict or a PatientCase)."""
    case = PatientCase.from_mapping(case)
    facts = case_facts(case)
    levels: dict[str, str] = {}
    verdicts: dict[str, Verdict] = {}
    grouped = rules_by_option()
    for option_id in evaluation_order():
        matched = [rule for rule in grouped[option_id] if rule.applies(facts, levels)]
        deciding = [rule for rule in matched if rule.effect != "note"]
        notes = [rule for rule in matched if rule.effect == "note"]
        if deciding:
            level = min((rule.effect for rule in deciding), key=CAUTION.__getitem__)
            chosen = [rule for rule in deciding if rule.effect == level] + notes
            reasons = [rule.reason for rule in chosen]
            sources = [ref for rule in chosen for ref in rule.sources]
            rule_ids = [rule.id for rule in chosen]
        else:
            default = defaults()[option_id]
            level = default.level
            reasons = [default.reason] + [rule.reason for rule in notes]
            sources = list(default.sources) + [ref for rule in notes for ref in rule.sources]
            rule_ids = [f"default:{option_id}"] + [rule.id for rule in notes]
        levels[option_id] = level
        verdicts[option_id] = Verdict(
            option_id, level, tuple(reason.format_map(facts) for reason in reasons),
            tuple(dict.fromkeys(sources)), tuple(rule_ids))
    return {option_id: verdicts[option_id] for option_id in options()}
