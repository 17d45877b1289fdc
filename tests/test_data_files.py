"""A broken data file fails at load, naming the file, the entry and the field."""

import shutil
from pathlib import Path

import pytest
import yaml

from course_lib import assess, data_files
from course_lib.case_bank import vignettes
from course_lib.decision_rules import rules
from course_lib.glossary import terms
from course_lib.references import references
from course_lib.treatment_options import options

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def broken_data(tmp_path, monkeypatch):
    """Copy data/ to a temp dir; the test edits a file there; loaders read the copy."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setattr(data_files, "DATA_DIR", copy)
    data_files.clear_caches()

    def edit(name, change):
        path = copy / name
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")

    yield edit
    data_files.clear_caches()


def entry(document, key, entry_id, id_field="id"):
    return next(item for item in document[key] if item[id_field] == entry_id)


def test_treatment_option_with_an_unknown_field(broken_data):
    broken_data("treatment_options.yaml", lambda d: entry(d, "options", "resection").update(colour="red"))
    with pytest.raises(data_files.DataFileError) as error:
        options()
    assert str(error.value).startswith("data/treatment_options.yaml, entry 'resection', field 'colour'")


def test_treatment_option_with_a_bad_invasiveness_level(broken_data):
    broken_data("treatment_options.yaml",
                lambda d: entry(d, "options", "paracentesis")["tradeoffs"].update(invasiveness="huge"))
    with pytest.raises(data_files.DataFileError, match=r"entry 'paracentesis', field 'invasiveness'.*'huge'"):
        options()


def test_rule_missing_its_reason(broken_data):
    broken_data("decision_rules.yaml", lambda d: entry(d, "rules", "rfa-heat-sink").pop("reason"))
    with pytest.raises(data_files.DataFileError) as error:
        rules()
    assert str(error.value) == ("data/decision_rules.yaml, entry 'rfa-heat-sink', field 'reason': "
                                "required field is missing")


def test_rule_testing_a_field_that_does_not_exist(broken_data):
    broken_data("decision_rules.yaml", lambda d: entry(d, "rules", "rfa-heat-sink")["when"].update(age=70))
    with pytest.raises(data_files.DataFileError, match=r"entry 'rfa-heat-sink', field 'when': 'age' is not"):
        rules()


def test_rule_testing_a_value_the_field_can_never_take(broken_data):
    broken_data("decision_rules.yaml", lambda d: entry(d, "rules", "resection-failing-liver")["when"].update(
        child_pugh="D"))
    with pytest.raises(data_files.DataFileError, match=r"resection-failing-liver', field 'when': child_pugh"):
        rules()


def test_limit_that_raises_a_level(broken_data):
    broken_data("decision_rules.yaml", lambda d: entry(d, "rules", "rfa-heat-sink").update(level="suitable"))
    with pytest.raises(data_files.DataFileError, match=r"'rfa-heat-sink', field 'level': a limit needs level"):
        rules()


def test_rules_that_depend_on_each_other_in_a_circle(broken_data):
    def circle(document):
        document["rules"].append({"id": "circular", "options": ["resection"], "role": "limit", "level": "consider",
                                  "when": {"verdict": {"stereotactic_radiotherapy": "consider"}},
                                  "reason": "A circular rule.", "sources": ["S-UK"]})
    broken_data("decision_rules.yaml", circle)
    with pytest.raises(data_files.DataFileError, match="in a circle"):
        assess({"primary": "breast", "lesion_count": 1, "largest_lesion_cm": 1})


def test_reason_quoting_an_unknown_field(broken_data):
    broken_data("decision_rules.yaml", lambda d: entry(d, "rules", "rfa-heat-sink").update(reason="Age {age}."))
    with pytest.raises(data_files.DataFileError, match=r"'rfa-heat-sink', field 'reason'.*\{age\}"):
        rules()


def test_unknown_source_id(broken_data):
    broken_data("glossary.yaml", lambda d: entry(d, "terms", "Heat sink", "term").update(sources=["Nobody99"]))
    with pytest.raises(data_files.DataFileError) as error:
        terms()
    assert str(error.value).startswith("data/glossary.yaml, entry 'Heat sink', field 'sources': 'Nobody99'")


def test_vignette_with_an_impossible_case_field(broken_data):
    broken_data("case_bank.yaml", lambda d: d["cases"][0]["fields"].update(ecog=9))
    first = yaml.safe_load((DATA / "case_bank.yaml").read_text())["cases"][0]["id"]
    with pytest.raises(data_files.DataFileError) as error:
        vignettes()
    assert str(error.value).startswith(f"data/case_bank.yaml, entry '{first}', field 'fields': ecog: 9")


def test_vignette_missing_an_option(broken_data):
    broken_data("case_bank.yaml", lambda d: d["cases"][0]["expected"].pop("prrt"))
    with pytest.raises(data_files.DataFileError, match=r"field 'expected': .*missing \['prrt'\]"):
        vignettes()


def test_reference_without_a_link(broken_data):
    broken_data("references.yaml", lambda d: [entry(d, "references", "Fong99").pop(k) for k in ("doi",)])
    with pytest.raises(data_files.DataFileError, match=r"entry 'Fong99', field 'url': needs a url or a doi"):
        references()


def test_file_that_is_not_valid_yaml(broken_data, tmp_path):
    (data_files.DATA_DIR / "glossary.yaml").write_text("terms: [unclosed", encoding="utf-8")
    with pytest.raises(data_files.DataFileError, match=r"^data/glossary.yaml: not valid YAML"):
        terms()


def test_missing_file(broken_data):
    (data_files.DATA_DIR / "glossary.yaml").unlink()
    with pytest.raises(data_files.DataFileError, match=r"^data/glossary.yaml: file not found"):
        terms()


@pytest.mark.parametrize("path", sorted(data_files.DATA_DIR.glob("*.yaml")),
                         ids=lambda path: path.name)
def test_the_fast_loader_reads_every_data_file_exactly_as_the_pure_python_one(path):
    """data_files parses with libyaml's safe loader when PyYAML has it; it must change nothing."""
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=data_files.SAFE_LOADER) == yaml.load(text, Loader=yaml.SafeLoader)


def test_the_fast_loader_is_a_safe_one():
    assert data_files.SAFE_LOADER in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader)
    with pytest.raises(yaml.YAMLError):
        yaml.load("!!python/object/apply:os.system ['true']", Loader=data_files.SAFE_LOADER)
