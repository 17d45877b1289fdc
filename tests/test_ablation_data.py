"""data/ablation_model.yaml: every number has a source, matches the physics notes, and errors are clear."""

import shutil

import pytest
import yaml

from course_lib import data_files, references
from course_lib.ablation import cell_death, model_data, probes, tissue
from course_lib.ablation.model_data import (
    FILE,
    cell_death_models,
    cited_sources,
    modalities,
    quantity,
    setting,
)

CACHED = (data_files.load_yaml, references.references, model_data.quantities, model_data.settings,
          model_data.modalities, model_data.cell_death_models, tissue.liver, cell_death.arrhenius,
          cell_death.thermal_dose, probes._microwave_shape)


def forget_loaded_data():
    for function in CACHED:
        function.cache_clear()


def test_every_cited_source_is_a_known_reference():
    known = set(references.references())
    assert cited_sources() and set(cited_sources()) <= known


@pytest.mark.parametrize("quantity_id, value", [
    ("liver_conductivity", 0.52), ("liver_density", 1079), ("liver_specific_heat", 3540),
    ("liver_perfusion", 6.4e-3), ("blood_density", 1000), ("blood_specific_heat", 4180),
    ("arrhenius_frequency_factor", 7.39e39), ("arrhenius_activation_energy", 2.577e5),
    ("cem43_reference_temperature", 43), ("body_temperature", 37), ("perfusion_stops_at_damage", 1.0),
])
def test_numbers_match_the_physics_notes(quantity_id, value):
    assert quantity(quantity_id) == pytest.approx(value, rel=1e-9)


def test_clinical_ranges_match_the_issue_and_the_physics_notes():
    margin, lethal = setting("safety_margin"), setting("cryo_lethal_temperature")
    vessel = setting("vessel_diameter")
    assert (margin.minimum, margin.maximum) == (5, 10)
    assert (lethal.minimum, lethal.maximum) == (-40, -20)
    assert vessel.minimum == 3  # vessels of 3 mm and more act as heat sinks (Dou17)
    assert {model.threshold for model in cell_death_models().values()} == {1.0, 4.6, 240}
    assert set(modalities()) == {"rfa", "mwa", "cryo"}


def broken_copy(tmp_path, change):
    """A copy of data/ with ablation_model.yaml changed by ``change(document)``."""
    for path in data_files.DATA_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    document = yaml.safe_load((tmp_path / FILE).read_text(encoding="utf-8"))
    change(document)
    (tmp_path / FILE).write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return tmp_path


def entry(document, key, entry_id):
    return next(item for item in document[key] if item["id"] == entry_id)


@pytest.mark.parametrize("change, entry_id, field", [
    (lambda d: entry(d, "settings", "safety_margin").update(default=12), "safety_margin", "default"),
    (lambda d: entry(d, "settings", "safety_margin").update(step=0.7), "safety_margin", "step"),
    (lambda d: entry(d, "quantities", "liver_density").update(value="heavy"), "liver_density", "value"),
    (lambda d: entry(d, "quantities", "liver_density").update(sources=["NoSuchPaper"]), "liver_density",
     "sources"),
    (lambda d: d["quantities"].remove(entry(d, "quantities", "liver_density")), "liver_density", "id"),
    (lambda d: entry(d, "cell_death_models", "cem43").update(threshold=-1), "cem43", "threshold"),
])
def test_a_broken_data_file_names_the_file_the_entry_and_the_field(tmp_path, monkeypatch, change, entry_id,
                                                                    field):
    monkeypatch.setattr(data_files, "DATA_DIR", broken_copy(tmp_path, change))
    forget_loaded_data()
    try:
        with pytest.raises(data_files.DataFileError) as refused:
            tissue.liver()
            model_data.settings()
            model_data.cell_death_models()
        error = refused.value
        assert (error.file, error.entry, error.field) == (FILE, entry_id, field)
        assert f"data/{FILE}" in str(error)
    finally:
        monkeypatch.undo()
        forget_loaded_data()
