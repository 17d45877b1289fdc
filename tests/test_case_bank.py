"""The case bank: enough varied patients, and the engine agrees with every reviewed answer."""

import pytest

from course_lib import assess
from course_lib.case_bank import key_findings, vignette, vignettes
from course_lib.patient_case import primary_sites
from course_lib.treatment_options import options

VIGNETTES = list(vignettes().values())


def test_at_least_24_vignettes_across_at_least_8_primary_sites():
    assert len(VIGNETTES) >= 24
    assert len({v.case.primary for v in VIGNETTES}) >= 8


@pytest.mark.parametrize("v", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_engine_agrees_with_the_reviewed_answer_for_every_option(v):
    result = assess(v.case)
    disagreements = {o: (expected, result[o].level) for o, expected in v.expected.items()
                     if result[o].level != expected}
    assert not disagreements, f"{v.id}: option -> (reviewed, engine): {disagreements}"


def test_every_level_and_every_option_is_exercised_by_the_bank():
    seen = {(o, level) for v in VIGNETTES for o, level in v.expected.items()}
    for option_id in options():
        assert (option_id, "unsuitable") in seen or option_id == "supportive_care"
        assert any((option_id, level) in seen for level in ("suitable", "consider")), option_id


@pytest.mark.parametrize("v", VIGNETTES, ids=[v.id for v in VIGNETTES])
def test_story_and_card_agree_with_the_case_fields(v):
    card = key_findings(v.case)
    assert card[0] == f"Primary cancer: {primary_sites()[v.case.primary]['name']}"
    assert f"{v.case.largest_lesion_cm:g} cm" in v.story, "the story must state the largest tumour's size"
    if v.case.remnant_percent is not None:
        assert f"{v.case.remnant_percent:g}%" in v.story
    if v.case.lung_shunt_percent is not None:
        assert f"{v.case.lung_shunt_percent:g}%" in v.story
    assert len(v.story.split()) <= 110, "keep stories short enough to read in a minute"


def test_unknown_vignette_id_is_a_clear_error():
    with pytest.raises(ValueError, match="case: 'nobody' is not in data/case_bank.yaml; allowed: "):
        vignette("nobody")
