"""Decision rules from data/decision_rules.yaml, checked and compiled into fast tests.

A rule says: when a case matches ``when``, it applies to the listed ``options`` in its
``role``: an *indication* (a reason the option could fit, at ``level`` suitable or
consider), a *limit* (a reason to hold it back, capping it at consider or unsuitable) or a
*note* (a point added to the reasons, never changing the level), with a plain-English
``reason`` and its ``sources``. How verdicts are combined is in engine.py.

``when`` is a mapping; every entry must hold (AND):

- ``field: value``               the case field equals the value
- ``field: [a, b]``              the field is one of the values
- ``field: {at_least: n}``       also ``at_most``, ``above``, ``below``, ``not_in``, ``is``;
                                 several operators in one mapping must all hold
- ``verdict: {option: level}``   another option's verdict (a level or list of levels)
- ``any_of: [{...}, {...}]``     at least one of the listed conditions holds

Fields are the case fields of patient_case.py plus two derived facts: ``liver_state``
(normal, after_chemotherapy, cirrhosis) and ``remnant_status`` (too small, borderline,
adequate, not assessed). Reasons may quote the case with ``{field}`` placeholders, and with
``{remnant_minimum}`` and ``{liver_state_label}``.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from graphlib import CycleError, TopologicalSorter
from typing import Any

from . import liver_remnant
from .data_files import DataFileError, Field, checked_entries
from .patient_case import FieldRule, PatientCase, check_value, field_rules
from .references import check_sources
from .treatment_options import options

FILE = "decision_rules.yaml"
LEVELS = ("unsuitable", "consider", "suitable")  # from most to least cautious
ROLES = {"indication": ("suitable", "consider"), "limit": ("consider", "unsuitable"), "note": ()}
OPERATORS = ("at_least", "at_most", "above", "below", "in", "not_in", "is")

Facts = Mapping[str, Any]
Condition = Callable[[Facts, Mapping[str, str]], bool]


@dataclass(frozen=True)
class Rule:
    id: str
    options: tuple[str, ...]
    role: str
    level: str | None
    reason: str
    sources: tuple[str, ...]
    when: Mapping[str, Any]
    test: Condition
    uses_verdicts: frozenset[str]

    def applies(self, facts: Facts, verdict_levels: Mapping[str, str]) -> bool:
        return self.test(facts, verdict_levels)


@dataclass(frozen=True)
class Default:
    option: str
    level: str
    reason: str
    sources: tuple[str, ...]


def derived_field_rules() -> dict[str, FieldRule]:
    return {
        "liver_state": FieldRule("choice", choices=tuple(liver_remnant.liver_states())),
        "remnant_status": FieldRule("choice", choices=(liver_remnant.TOO_SMALL, liver_remnant.BORDERLINE,
                                                       liver_remnant.ADEQUATE, liver_remnant.NOT_ASSESSED)),
    }


def case_facts(case: PatientCase) -> dict[str, Any]:
    """The values rules can test and reasons can quote."""
    facts = {name: getattr(case, name) for name in field_rules()}
    state = case.liver_state
    facts["liver_state"] = state.id
    facts["liver_state_label"] = state.label
    facts["remnant_status"] = case.remnant_status
    facts["remnant_minimum"] = state.minimum_text
    return facts


class _Compiler:
    """Turns one rule's ``when`` mapping into a function, checking every name and value.

    Each condition becomes a Python expression over ``f`` (the case facts) and ``v`` (the
    verdicts decided so far); the rule's expressions are joined and compiled once, so that
    testing a rule costs one function call. Field and option names are checked against the
    known ones before they are used, and every value from the data is passed in by name
    (``c0``, ``c1``, ...), never pasted into the code.
    """

    def __init__(self, rule_id: str):
        self.rule_id = rule_id
        self.fields = {**field_rules(), **derived_field_rules()}
        self.verdicts: set[str] = set()
        self.constants: dict[str, Any] = {}

    def fail(self, problem: str) -> DataFileError:
        return DataFileError(FILE, problem, self.rule_id, "when")

    def constant(self, value: Any) -> str:
        name = f"c{len(self.constants)}"
        self.constants[name] = value
        return name

    def value(self, name: str, value: Any) -> Any:
        rule = self.fields[name]
        try:
            literal = FieldRule(rule.kind, choices=rule.choices, nullable=rule.nullable)
            return check_value(name, literal, value)
        except ValueError as error:
            raise self.fail(f"{name}: {value!r} can never match ({error})") from None

    def function(self, when: Any) -> Condition:
        code = f"lambda f, v: {self.compile(when)}"
        return eval(code, {"__builtins__": {}, **self.constants})  # noqa: S307 - names checked above

    def compile(self, when: Any) -> str:
        if not isinstance(when, dict):
            raise self.fail(f"expected a mapping of conditions, got {when!r}")
        if not when:
            return "True"
        return "(" + " and ".join(self.entry(name, spec) for name, spec in when.items()) + ")"

    def entry(self, name: str, spec: Any) -> str:
        if name == "any_of":
            if not isinstance(spec, list) or len(spec) < 2:
                raise self.fail(f"any_of needs a list of at least two conditions, got {spec!r}")
            return "(" + " or ".join(self.compile(item) for item in spec) + ")"
        if name == "verdict":
            return self.verdict(spec)
        if name not in self.fields:
            raise self.fail(f"{name!r} is not a case field or derived fact; known: {sorted(self.fields)}")
        fact = f"f[{name!r}]"
        if isinstance(spec, list):
            return f"{fact} in {self.constant(frozenset(self.value(name, item) for item in spec))}"
        if isinstance(spec, dict):
            return self.operators(name, fact, spec)
        return f"{fact} == {self.constant(self.value(name, spec))}"

    def operators(self, name: str, fact: str, spec: dict) -> str:
        unknown = set(spec) - set(OPERATORS)
        if unknown or not spec:
            raise self.fail(f"{name}: unknown operator(s) {sorted(unknown)}; allowed: {', '.join(OPERATORS)}")
        tests = []
        for operator, operand in spec.items():
            if operator in ("in", "not_in"):
                values = self.constant(frozenset(self.value(name, item) for item in operand))
                tests.append(f"{fact} {'in' if operator == 'in' else 'not in'} {values}")
            elif operator == "is":
                tests.append(f"{fact} == {self.constant(self.value(name, operand))}")
            else:
                if self.fields[name].kind not in ("int", "number"):
                    raise self.fail(f"{name}: {operator} needs a numeric field")
                if isinstance(operand, bool) or not isinstance(operand, (int, float)):
                    raise self.fail(f"{name}: {operator} needs a number, got {operand!r}")
                symbol = {"at_least": ">=", "at_most": "<=", "above": ">", "below": "<"}[operator]
                # an unassessed value (None) never satisfies a comparison
                tests.append(f"({fact} is not None and {fact} {symbol} {self.constant(operand)})")
        return "(" + " and ".join(tests) + ")"

    def verdict(self, spec: Any) -> str:
        if not isinstance(spec, dict) or not spec:
            raise self.fail(f"verdict needs a mapping of option ids to levels, got {spec!r}")
        tests = []
        for option_id, levels in spec.items():
            if option_id not in options():
                raise self.fail(f"verdict: {option_id!r} is not a treatment option")
            levels = levels if isinstance(levels, list) else [levels]
            for level in levels:
                if level not in LEVELS:
                    raise self.fail(f"verdict: {level!r} is not one of {', '.join(LEVELS)}")
            self.verdicts.add(option_id)
            tests.append(f"v[{option_id!r}] in {self.constant(frozenset(levels))}")
        return "(" + " and ".join(tests) + ")"


def _check_reason(rule_id: str, field: str, reason: str) -> None:
    known = {**field_rules(), **derived_field_rules()}.keys() | {"remnant_minimum", "liver_state_label"}
    for _, name, _, _ in string.Formatter().parse(reason):
        if name is not None and name.split(":")[0] not in known:
            raise DataFileError(FILE, f"the placeholder {{{name}}} names no case field", rule_id, field)


@cache
def defaults() -> dict[str, Default]:
    entries = checked_entries(FILE, "defaults", {
        "option": Field("choice", choices=tuple(options())), "level": Field("choice", choices=LEVELS),
        "reason": Field("text"), "sources": Field("texts")}, id_field="option")
    result = {}
    for entry in entries:
        _check_reason(entry["option"], "reason", entry["reason"])
        sources = check_sources(FILE, entry["option"], "sources", entry["sources"])
        result[entry["option"]] = Default(entry["option"], entry["level"], entry["reason"], sources)
    missing = [option_id for option_id in options() if option_id not in result]
    if missing:
        raise DataFileError(FILE, f"every option needs a default; missing for {missing}", field="defaults")
    return result


@cache
def rules() -> tuple[Rule, ...]:
    entries = checked_entries(FILE, "rules", {
        "id": Field("text"), "options": Field("choices", choices=tuple(options())),
        "when": Field("mapping"), "role": Field("choice", choices=tuple(ROLES)),
        "level": Field("choice", choices=LEVELS, required=False),
        "reason": Field("text"), "sources": Field("texts")})
    result = []
    for entry in entries:
        allowed = ROLES[entry["role"]]
        if entry.get("level") not in (allowed or (None,)):
            raise DataFileError(FILE, f"a {entry['role']} needs level "
                                + (" or ".join(allowed) if allowed else "left out"), entry["id"], "level")
        compiler = _Compiler(entry["id"])
        test = compiler.function(entry["when"])
        _check_reason(entry["id"], "reason", entry["reason"])
        sources = check_sources(FILE, entry["id"], "sources", entry["sources"])
        result.append(Rule(entry["id"], tuple(entry["options"]), entry["role"], entry.get("level"),
                           entry["reason"], sources, entry["when"], test, frozenset(compiler.verdicts)))
    return tuple(result)


@cache
def evaluation_order() -> tuple[str, ...]:
    """Options ordered so that any option whose verdict a rule uses is decided first."""
    graph: dict[str, set[str]] = {option_id: set() for option_id in options()}
    for rule in rules():
        for option_id in rule.options:
            graph[option_id] |= rule.uses_verdicts
    try:
        return tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise DataFileError(FILE, f"rules refer to each other's verdicts in a circle: {error.args[1]}",
                            field="verdict") from None


@cache
def rules_by_option() -> dict[str, tuple[Rule, ...]]:
    grouped: dict[str, list[Rule]] = {option_id: [] for option_id in options()}
    for rule in rules():
        for option_id in rule.options:
            grouped[option_id].append(rule)
    return {option_id: tuple(found) for option_id, found in grouped.items()}
