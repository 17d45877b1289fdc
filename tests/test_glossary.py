"""The glossary: enough plain-English terms, and the words the course relies on are in it."""

import pytest

from course_lib.glossary import find, terms
from course_lib.treatment_options import options


def test_at_least_sixty_terms_in_alphabetical_order():
    names = [term.term for term in terms()]
    assert len(names) >= 60
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize("word", ["Future liver remnant", "Heat sink", "Post-embolisation syndrome",
                                  "Carcinoid crisis", "ECOG performance status", "Child-Pugh class",
                                  "Lung shunt fraction", "Hepatocellular carcinoma", "Paracentesis", "Ascites"])
def test_core_words_are_defined(word):
    assert any(term.term == word for term in terms())


def test_every_treatment_family_has_its_words():
    defined = " ".join(name.casefold() for term in terms() for name in term.names())
    for word in ("resection", "portal vein embolisation", "chemotherapy", "targeted therapy", "hormone therapy",
                 "somatostatin analogue", "prrt", "hepatic arterial infusion", "radiofrequency ablation",
                 "microwave ablation", "cryoablation", "bland embolisation", "chemoembolisation",
                 "radioembolisation", "stereotactic radiotherapy", "palliative care", "clinical trial"):
        assert word in defined, word
    assert len(options()) == 20


def test_definitions_are_short_and_plain():
    for term in terms():
        sentences = [s for s in term.definition.replace("?", ".").split(".") if s.strip()]
        assert 1 <= len(sentences) <= 3, term.term
        assert all(len(s.split()) <= 32 for s in sentences), term.term


def test_find_searches_names_other_names_and_definitions():
    assert [t.term for t in find("sirt")] == ["Radioembolisation"]
    assert "Heat sink" in [t.term for t in find("cooling effect")]
    assert find("") == terms()
    with pytest.raises(ValueError, match="text: 3 is not text"):
        find(3)
