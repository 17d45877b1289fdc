"""Helpers shared by the engine tests: a baseline case and single-field variations of it."""

from dataclasses import replace

from course_lib.case_bank import vignettes

# Values tried for each field when looking for a case in which a rule decides a verdict.
VARIATIONS = {
    "primary": ["colorectal", "neuroendocrine", "breast", "pancreatic", "melanoma", "kidney", "unknown"],
    "lesion_count": [1, 2, 3, 4, 8, 10, 11, 14],
    "largest_lesion_cm": [1.5, 2.5, 3, 4, 5, 5.5, 6, 7, 10, 12],
    "both_lobes": [False, True],
    "near_major_vessel": [False, True],
    "extrahepatic_disease": ["none", "limited", "widespread"],
    "ecog": [0, 1, 2, 3, 4],
    "child_pugh": ["A", "B", "C"],
    "cirrhosis": [False, True],
    "prior_chemotherapy": [False, True],
    "remnant_percent": [None, 10, 18, 22, 25, 28, 35, 45, 55, 70],
    "hormone_symptoms": [False, True],
    "hormone_receptor_positive": [False, True],
    "ascites": [False, True],
    "lung_shunt_percent": [None, 5, 14, 24],
    "biliary_anastomosis": [False, True],
    "wants_active_treatment": [True, False],
}


def case_pool():
    """Every case-bank patient, and every single-field variation of each."""
    seeds = [v.case for v in vignettes().values()]
    pool = list(seeds)
    for seed in seeds:
        for field, values in VARIATIONS.items():
            pool.extend(replace(seed, **{field: value}) for value in values)
    return pool


FIT_BOWEL = {"primary": "colorectal", "lesion_count": 2, "largest_lesion_cm": 2.5, "remnant_percent": 60}
