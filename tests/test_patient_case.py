"""Bad input to the engine: every field, every kind of mistake, one clear message."""

import math

import pytest

from course_lib import CaseError, PatientCase, assess
from course_lib.patient_case import field_rules

VALID = {"primary": "colorectal", "lesion_count": 2, "largest_lesion_cm": 2.5}
WRONG_TYPE = {"choice": 3, "int": "2", "number": "2.5", "bool": "yes"}
OUT_OF_RANGE = {
    "lesion_count": [0, -1],
    "largest_lesion_cm": [0, -2, 30.5, math.inf, math.nan],
    "ecog": [-1, 5],
    "remnant_percent": [-0.1, 100.5],
    "lung_shunt_percent": [-1, 101],
}
NOT_A_CHOICE = {"primary": "liver", "extrahepatic_disease": "some", "child_pugh": "D"}


def check_message(error, field, value):
    text = str(error.value)
    assert text.startswith(f"{field}: "), text
    assert repr(value) in text or (value is None and "(missing)" in text), text
    assert "allowed: " in text, text
    assert isinstance(error.value, ValueError)


def bad_cases():
    for field, rule in field_rules().items():
        yield f"{field}-wrong-type", field, WRONG_TYPE[rule.kind]
        if rule.kind == "int":
            yield f"{field}-float-for-whole-number", field, 2.0
        if rule.kind in ("int", "number"):
            yield f"{field}-bool-for-number", field, True
        if rule.kind == "bool":
            yield f"{field}-number-for-bool", field, 1
        if not rule.nullable:
            yield f"{field}-null", field, None
        for value in OUT_OF_RANGE.get(field, []):
            yield f"{field}-out-of-range-{value}", field, value
        if field in NOT_A_CHOICE:
            yield f"{field}-not-a-choice", field, NOT_A_CHOICE[field]


BAD = list(bad_cases())


@pytest.mark.parametrize("field, value", [(f, v) for _, f, v in BAD], ids=[name for name, _, _ in BAD])
def test_bad_value_names_the_field_the_value_and_what_is_allowed(field, value):
    with pytest.raises(CaseError) as error:
        assess({**VALID, field: value})
    check_message(error, field, value)


def test_every_field_has_bad_input_cases():
    assert {field for _, field, _ in BAD} == set(field_rules())


@pytest.mark.parametrize("field", ["primary", "lesion_count", "largest_lesion_cm"])
def test_missing_required_field(field):
    case = {k: v for k, v in VALID.items() if k != field}
    with pytest.raises(CaseError) as error:
        assess(case)
    assert str(error.value).startswith(f"{field}: (missing) is a required field")
    assert "allowed: " in str(error.value)


def test_unknown_field_lists_the_allowed_fields():
    with pytest.raises(CaseError) as error:
        assess({**VALID, "age": 70})
    assert str(error.value).startswith("age: 70 is given for an unknown field")
    assert "lesion_count" in str(error.value)


def test_a_case_must_be_a_mapping():
    with pytest.raises(CaseError, match="case: 'colorectal' is a str"):
        assess("colorectal")


def test_optional_fields_have_the_documented_defaults():
    case = PatientCase.from_mapping(VALID)
    assert (case.both_lobes, case.near_major_vessel, case.extrahepatic_disease, case.ecog, case.child_pugh,
            case.cirrhosis, case.prior_chemotherapy, case.remnant_percent, case.hormone_symptoms,
            case.hormone_receptor_positive, case.ascites, case.lung_shunt_percent, case.biliary_anastomosis,
            case.wants_active_treatment) == (False, False, "none", 0, "A", False, False, None, False, False,
                                             False, None, False, True)


def test_constructing_the_case_type_directly_is_checked_too():
    with pytest.raises(CaseError, match="ecog: 7 is out of range"):
        PatientCase(primary="breast", lesion_count=1, largest_lesion_cm=1, ecog=7)


@pytest.mark.parametrize("value", [30, 0.1, 12])
def test_edge_values_inside_the_ranges_are_accepted(value):
    assess({**VALID, "largest_lesion_cm": value})
