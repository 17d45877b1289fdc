"""How fast the treatment-options engine answers, so exercises react at once.

Target: at least 10,000 assessments per second. The patients are every case-bank vignette
and every single-field variation of each (about 1,800 different patients), so no caching
could flatter the figure. The baseline, measured in the same run, is building and checking
the case alone (PatientCase.from_mapping); the ratio shows what the rules add on top.
"""

from __future__ import annotations

from timing import median_seconds

from course_lib import PatientCase, assess
from course_lib.case_bank import vignettes

VARIATIONS = {
    "primary": ["colorectal", "neuroendocrine", "breast", "pancreatic", "melanoma", "kidney", "unknown"],
    "lesion_count": [1, 2, 3, 4, 8, 10, 11, 14], "largest_lesion_cm": [1.5, 2.5, 3, 4, 5, 5.5, 6, 7, 10, 12],
    "extrahepatic_disease": ["none", "limited", "widespread"], "ecog": [0, 1, 2, 3, 4],
    "child_pugh": ["A", "B", "C"], "remnant_percent": [None, 10, 18, 22, 25, 28, 35, 45, 55, 70],
    "lung_shunt_percent": [None, 5, 14, 24], "near_major_vessel": [False, True],
    "hormone_symptoms": [False, True], "wants_active_treatment": [True, False],
}


def figures():
    seeds = [v.case.as_dict() for v in vignettes().values()]
    cases = seeds + [{**seed, field: value} for seed in seeds
                     for field, values in VARIATIONS.items() for value in values]
    assess(cases[0])  # load and compile the data once, as a notebook does on first use
    rounds = 1

    def assess_all():
        for _ in range(rounds):
            for case in cases:
                assess(case)

    def validate_all():
        for _ in range(rounds):
            for case in cases:
                PatientCase.from_mapping(case)

    count = rounds * len(cases)
    per_second = count / median_seconds(assess_all, repeats=5)
    validations = count / median_seconds(validate_all, repeats=5)
    yield "engine.assessments_per_second", per_second, "per s"
    yield "engine.case_checks_per_second", validations, "per s"
    yield "engine.assessment_cost_vs_case_check", validations / per_second, "x"
