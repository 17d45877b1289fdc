"""Patient vignettes for the "which options apply" exercises (data/case_bank.yaml).

Each vignette is a short story a student reads, the case fields the engine needs, and the
level a clinical reviewer expects for every option. The expected levels were written from
the fact sheet, not copied from the engine; tests/test_case_bank.py checks that the two
agree. The case card's key findings are generated from the fields, so no fact is typed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data_files import DataFileError, Field, checked_entries, load_yaml
from .decision_rules import LEVELS
from .patient_case import PatientCase, primary_sites
from .references import check_sources
from .treatment_options import options

FILE = "case_bank.yaml"


@dataclass(frozen=True)
class Vignette:
    id: str
    title: str
    story: str
    case: PatientCase
    expected: dict[str, str]
    teaching_point: str
    sources: tuple[str, ...]

    @property
    def key_findings(self) -> tuple[str, ...]:
        return key_findings(self.case)


@cache
def scales() -> dict[str, dict]:
    document = load_yaml("clinical_scales.yaml")
    ecog = {entry["grade"]: entry["meaning"] for entry in document["ecog"]}
    child_pugh = {entry["class"]: entry["meaning"] for entry in document["child_pugh"]}
    for grade, entries in (("ecog", document["ecog"]), ("child_pugh", document["child_pugh"])):
        for entry in entries:
            check_sources("clinical_scales.yaml", f"{grade} {entry.get('grade', entry.get('class'))}",
                          "sources", entry["sources"])
    return {"ecog": ecog, "child_pugh": child_pugh}


def key_findings(case: PatientCase) -> tuple[str, ...]:
    """Plain-English lines for the case card, built from the case fields."""
    where = "in both halves of the liver" if case.both_lobes else "in one half of the liver"
    count = "1 tumour" if case.lesion_count == 1 else f"{case.lesion_count} tumours"
    size = "its size" if case.lesion_count == 1 else "the largest"
    lines = [
        f"Primary cancer: {primary_sites()[case.primary]['name']}",
        f"Liver: {count} {where}; {size} {case.largest_lesion_cm:g} cm",
    ]
    if case.near_major_vessel:
        lines.append("A liver tumour touches a large blood vessel (3 mm or wider)")
    outside = {"none": "none found", "limited": "limited (a small amount in one other place)",
               "widespread": "widespread"}[case.extrahepatic_disease]
    lines.append(f"Cancer outside the liver: {outside}")
    lines.append(f"Fitness: ECOG {case.ecog} ({scales()['ecog'][case.ecog]})")
    state = "scarred (cirrhosis)" if case.cirrhosis else "no cirrhosis"
    lines.append(f"Liver function: Child-Pugh {case.child_pugh} ({scales()['child_pugh'][case.child_pugh]}); "
                 f"{state}")
    lines.append("Chemotherapy in recent months (about three or more): "
                 + ("yes" if case.prior_chemotherapy else "no"))
    remnant = "not yet measured" if case.remnant_percent is None else f"{case.remnant_percent:g}%"
    lines.append(f"Liver that would be left if every tumour were removed: {remnant}")
    if case.hormone_symptoms:
        lines.append("Hormone symptoms from the tumour, such as flushing and diarrhoea")
    if case.primary == "breast" or case.hormone_receptor_positive:
        receptors = "yes" if case.hormone_receptor_positive else "no"
        lines.append(f"Hormone receptors on the cancer: {receptors}")
    if case.ascites:
        lines.append("Fluid in the abdomen (ascites) causing discomfort")
    if case.lung_shunt_percent is not None:
        lines.append(f"Mapping scan: {case.lung_shunt_percent:g}% of liver blood flow shunts to the lungs")
    if case.biliary_anastomosis:
        lines.append("Past bile duct surgery, a biliary stent or a sphincterotomy")
    lines.append("Wishes: " + ("wants active treatment if it can help" if case.wants_active_treatment
                               else "has decided against active cancer treatment"))
    return tuple(lines)


@cache
def vignettes() -> dict[str, Vignette]:
    entries = checked_entries(FILE, "cases", {
        "id": Field("text"), "title": Field("text"), "story": Field("text"), "fields": Field("mapping"),
        "expected": Field("mapping"), "teaching_point": Field("text"), "sources": Field("texts")})
    result = {}
    option_ids = set(options())
    for entry in entries:
        try:
            case = PatientCase.from_mapping(entry["fields"])
        except ValueError as error:
            raise DataFileError(FILE, str(error), entry["id"], "fields") from None
        expected = entry["expected"]
        if set(expected) != option_ids:
            missing, extra = sorted(option_ids - set(expected)), sorted(set(expected) - option_ids)
            raise DataFileError(FILE, f"expected needs every option once; missing {missing}, unknown {extra}",
                                entry["id"], "expected")
        for option_id, level in expected.items():
            if level not in LEVELS:
                raise DataFileError(FILE, f"{option_id}: {level!r} is not one of {', '.join(LEVELS)}",
                                    entry["id"], "expected")
        sources = check_sources(FILE, entry["id"], "sources", entry["sources"])
        result[entry["id"]] = Vignette(entry["id"], entry["title"], " ".join(entry["story"].split()), case,
                                       {option_id: expected[option_id] for option_id in options()},
                                       " ".join(entry["teaching_point"].split()), sources)
    return result


def vignette(vignette_id: str) -> Vignette:
    try:
        return vignettes()[vignette_id]
    except KeyError:
        raise ValueError(f"case: {vignette_id!r} is not in data/{FILE}; "
                         f"allowed: {', '.join(vignettes())}") from None
