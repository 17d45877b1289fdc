"""Properties that must hold for every patient, checked on random cases with hypothesis."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from course_lib import PatientCase, assess
from course_lib.decision_rules import LEVELS
from course_lib.patient_case import primary_sites

RANK = {level: rank for rank, level in enumerate(LEVELS)}  # unsuitable 0 < consider 1 < suitable 2
THERMAL = ("radiofrequency_ablation", "microwave_ablation", "cryoablation")


@st.composite
def cases(draw):
    return PatientCase(
        primary=draw(st.sampled_from(sorted(primary_sites()))),
        lesion_count=draw(st.integers(1, 25)),
        largest_lesion_cm=draw(st.floats(0.1, 30, allow_nan=False).map(lambda x: round(x, 1))),
        both_lobes=draw(st.booleans()),
        near_major_vessel=draw(st.booleans()),
        extrahepatic_disease=draw(st.sampled_from(["none", "limited", "widespread"])),
        ecog=draw(st.integers(0, 4)),
        child_pugh=draw(st.sampled_from(["A", "B", "C"])),
        cirrhosis=draw(st.booleans()),
        prior_chemotherapy=draw(st.booleans()),
        remnant_percent=draw(st.none() | st.floats(0, 100).map(lambda x: round(x, 1))),
        hormone_symptoms=draw(st.booleans()),
        hormone_receptor_positive=draw(st.booleans()),
        ascites=draw(st.booleans()),
        lung_shunt_percent=draw(st.none() | st.floats(0, 100).map(lambda x: round(x, 1))),
        biliary_anastomosis=draw(st.booleans()),
        wants_active_treatment=draw(st.booleans()),
    )


def rank(case, option_id):
    return RANK[assess(case)[option_id].level]


@settings(max_examples=300, deadline=None)
@given(cases(), st.floats(0.1, 30).map(lambda x: round(x, 1)))
def test_a_larger_tumour_never_makes_thermal_ablation_more_suitable(case, other_size):
    small, large = sorted([case.largest_lesion_cm, other_size])
    for option_id in THERMAL:
        assert rank(replace(case, largest_lesion_cm=large), option_id) <= rank(
            replace(case, largest_lesion_cm=small), option_id)


@settings(max_examples=300, deadline=None)
@given(cases(), st.integers(1, 25))
def test_more_tumours_never_make_ablation_more_suitable(case, other_count):
    few, many = sorted([case.lesion_count, other_count])
    for option_id in THERMAL + ("stereotactic_radiotherapy",):
        assert rank(replace(case, lesion_count=many), option_id) <= rank(replace(case, lesion_count=few), option_id)


@settings(max_examples=300, deadline=None)
@given(cases(), st.integers(0, 4))
def test_a_worse_ecog_never_makes_an_operation_or_drug_treatment_more_suitable(case, other_ecog):
    better, worse = sorted([case.ecog, other_ecog])
    for option_id in ("resection", "liver_transplant", "portal_vein_embolization", "hepatic_arterial_infusion",
                      "systemic_chemotherapy", "targeted_therapy", "clinical_trial") + THERMAL:
        assert rank(replace(case, ecog=worse), option_id) <= rank(replace(case, ecog=better), option_id), option_id


@settings(max_examples=300, deadline=None)
@given(cases())
def test_widespread_disease_never_leaves_resection_suitable(case):
    assert assess(replace(case, extrahepatic_disease="widespread"))["resection"].level == "unsuitable"


@settings(max_examples=300, deadline=None)
@given(cases())
def test_supportive_care_is_never_unsuitable(case):
    assert assess(case)["supportive_care"].level != "unsuitable"


@settings(max_examples=300, deadline=None)
@given(cases())
def test_paracentesis_is_suitable_exactly_when_there_is_ascites(case):
    assert (assess(case)["paracentesis"].level == "suitable") == case.ascites
    assert assess(case)["paracentesis"].level in ("suitable", "unsuitable")


@settings(max_examples=300, deadline=None)
@given(cases(), st.floats(0, 100).map(lambda x: round(x, 1)))
def test_a_larger_remnant_never_makes_resection_less_suitable(case, other):
    if case.remnant_percent is None:
        return
    small, large = sorted([case.remnant_percent, other])
    assert rank(replace(case, remnant_percent=large), "resection") >= rank(replace(case, remnant_percent=small),
                                                                            "resection")


@settings(max_examples=300, deadline=None)
@given(cases(), st.floats(0, 100).map(lambda x: round(x, 1)))
def test_a_higher_lung_shunt_never_makes_radioembolisation_more_suitable(case, other):
    if case.lung_shunt_percent is None:
        return
    low, high = sorted([case.lung_shunt_percent, other])
    assert rank(replace(case, lung_shunt_percent=high), "radioembolization") <= rank(
        replace(case, lung_shunt_percent=low), "radioembolization")


@settings(max_examples=300, deadline=None)
@given(cases())
def test_worse_liver_function_never_makes_resection_more_suitable(case):
    ranks = [rank(replace(case, child_pugh=grade), "resection") for grade in "ABC"]
    assert ranks == sorted(ranks, reverse=True)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_declining_active_treatment_leaves_only_comfort_measures(case):
    result = assess(replace(case, wants_active_treatment=False))
    comfort = {"supportive_care", "paracentesis", "somatostatin_analogue"}
    for option_id, verdict in result.items():
        if option_id not in comfort:
            assert verdict.level == "unsuitable", option_id
    assert result["supportive_care"].level == "suitable"
    if not case.hormone_symptoms:
        assert result["somatostatin_analogue"].level == "unsuitable"


@settings(max_examples=300, deadline=None)
@given(cases())
def test_hormone_receptors_never_make_hormone_therapy_less_suitable(case):
    assert rank(replace(case, hormone_receptor_positive=True), "hormonal_therapy") >= rank(
        replace(case, hormone_receptor_positive=False), "hormonal_therapy")


@settings(max_examples=300, deadline=None)
@given(cases())
def test_every_verdict_explains_itself_and_is_repeatable(case):
    first, second = assess(case), assess(case)
    assert first == second
    for verdict in first.values():
        assert verdict.reasons and all(reason.strip() and "{" not in reason for reason in verdict.reasons)
        assert verdict.sources
