"""The treatment-options engine: which options fit a patient, how well, and why.

    from course_lib import assess
    result = assess({"primary": "colorectal", "lesion_count": 2, "largest_lesion_cm": 2.5})
    result["resection"].level     # "suitable" | "consider" | "unsuitable"
    result["resection"].reasons   # plain-English reasons
    result["resection"].sources   # reference ids

How verdicts combine, for each option (rules and defaults are in data/decision_rules.yaml):

1. The best matching *indication* sets the starting level; with none, the option's default.
2. Every matching *limit* caps that level; the most cautious limit wins.
3. The reasons shown are those of the rules at the final level (the indications if they
   survived, the binding limits if any), then any *notes*.

So limits can only lower a level and indications can only raise it. All clinical content
is in data/; this module only combines it.
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
        indications = [rule for rule in matched if rule.role == "indication"]
        limits = [rule for rule in matched if rule.role == "limit"]
        if indications:
            start = max((rule.level for rule in indications), key=CAUTION.__getitem__)
            starters = [(rule.id, rule.reason, rule.sources) for rule in indications if rule.level == start]
        else:
            default = defaults()[option_id]
            start, starters = default.level, [(f"default:{option_id}", default.reason, default.sources)]
        level = min([start] + [rule.level for rule in limits], key=CAUTION.__getitem__)
        chosen = (starters if start == level else []) + [
            (rule.id, rule.reason, rule.sources) for rule in matched
            if (rule.role == "limit" and rule.level == level) or rule.role == "note"]
        levels[option_id] = level
        verdicts[option_id] = Verdict(
            option_id, level, tuple(reason.format_map(facts) for _, reason, _ in chosen),
            tuple(dict.fromkeys(ref for _, _, refs in chosen for ref in refs)),
            tuple(rule_id for rule_id, _, _ in chosen))
    return {option_id: verdicts[option_id] for option_id in options()}
