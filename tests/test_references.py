"""Every source id in data/ resolves to a reference, and every reference is cited."""

from collections import Counter

from course_lib.references import KINDS, citations_in_data, reference, references

SEEDS = {"S-CCS", "S-UK", "S-CRUK", "S-VW", "S-MP"}


def test_every_cited_id_resolves():
    unknown = [(place, ref_id) for place, ref_id in citations_in_data() if ref_id not in references()]
    assert not unknown


def test_no_reference_is_orphaned():
    cited = {ref_id for _, ref_id in citations_in_data()}
    assert set(references()) - cited == set()


def test_the_five_seed_pages_are_references_and_are_cited_often():
    assert set(references()) >= SEEDS
    counts = Counter(ref_id for _, ref_id in citations_in_data())
    for seed in SEEDS:
        assert reference(seed).kind == "seed"
        assert counts[seed] >= 3, seed


def test_each_reference_has_authors_title_year_and_a_link():
    for ref in references().values():
        assert ref.kind in KINDS and ref.authors and ref.title and ref.published
        assert ref.year is None or 1900 <= ref.year <= 2030
        assert ref.link and ref.link.startswith("https://")
        assert ref.citation().startswith(ref.authors)


def test_citations_are_found_in_nested_data():
    places = {place for place, ref_id in citations_in_data() if ref_id == "Harding12"}
    assert any(place.startswith("treatment_options.yaml") and "key_facts" in place for place in places)
    assert any(place.startswith("decision_rules.yaml") for place in places)
