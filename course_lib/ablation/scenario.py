"""One ablation as a learner sets it up: probe type, its setting, time, tumour, margin and vessel.

Every value is checked against the ranges in data/ablation_model.yaml, so an out-of-range
choice raises ValueError naming the field, the value and what is allowed. The probe sits
in the middle of the tumour; the vessel (if any) runs parallel to the probe, to the right of
the tumour, ``vessel_gap_mm`` from the tumour's edge.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .cell_death import heat_death_model
from .model_data import Modality, modalities, setting

FIELD_HALF_WIDTH_MM = 50.0  # the cross-section is 10 cm × 10 cm
CLEARANCE_MM = 5.0  # room left between the vessel and the edge of the field


@dataclass(frozen=True)
class Scenario:
    """A validated description of one ablation. ``None`` means "the data file's default".

    setting: tip temperature (°C) for RFA, power (W) for microwave, probe temperature (°C)
        for cryoablation.
    vessel_diameter_mm: 0 for no large vessel nearby.
    cell_death: heat only; an id from the data file's cell_death_models.
    lethal_temperature_c: cryoablation only; cells that get this cold die.
    """

    modality: str = "rfa"
    setting: float | None = None
    duration_min: float | None = None
    tumour_diameter_mm: float | None = None
    margin_mm: float | None = None
    vessel_diameter_mm: float | None = None
    vessel_gap_mm: float | None = None
    cell_death: str = "arrhenius"
    lethal_temperature_c: float | None = None

    def __post_init__(self) -> None:
        if self.modality not in modalities():
            raise ValueError(f"modality: {self.modality!r} is not one of {sorted(modalities())}")
        kind = self.kind
        checks = {
            "setting": kind.setting, "duration_min": kind.duration,
            "tumour_diameter_mm": setting("tumour_diameter"), "margin_mm": setting("safety_margin"),
            "vessel_gap_mm": setting("vessel_gap"),
            "lethal_temperature_c": setting("cryo_lethal_temperature"),
        }
        for name, allowed in checks.items():
            value = getattr(self, name)
            object.__setattr__(self, name, allowed.default if value is None else allowed.check(name, value))
        vessel = setting("vessel_diameter")
        diameter = vessel.default if self.vessel_diameter_mm is None else self.vessel_diameter_mm
        if diameter != 0:
            diameter = vessel.check("vessel_diameter_mm (0 for no vessel)", diameter)
        object.__setattr__(self, "vessel_diameter_mm", float(diameter))
        heat_death_model(self.cell_death)
        reach = self.tumour_radius_mm + self.vessel_gap_mm + self.vessel_diameter_mm
        if reach > FIELD_HALF_WIDTH_MM - CLEARANCE_MM:
            raise ValueError(f"vessel_gap_mm: {self.vessel_gap_mm:g} puts the vessel {reach:g} mm from the "
                             f"probe; it must stay within {FIELD_HALF_WIDTH_MM - CLEARANCE_MM:g} mm")

    @property
    def kind(self) -> Modality:
        return modalities()[self.modality]

    @property
    def heating(self) -> bool:
        return self.modality != "cryo"

    @property
    def tumour_radius_mm(self) -> float:
        return self.tumour_diameter_mm / 2

    @property
    def target_radius_mm(self) -> float:
        """Tumour plus safety margin: what the ablation zone must cover."""
        return self.tumour_radius_mm + self.margin_mm

    @property
    def has_vessel(self) -> bool:
        return self.vessel_diameter_mm > 0

    @property
    def vessel_centre_mm(self) -> tuple[float, float]:
        return (self.tumour_radius_mm + self.vessel_gap_mm + self.vessel_diameter_mm / 2, 0.0)

    def changed(self, **values) -> Scenario:
        """A copy with some fields changed (validated again)."""
        return replace(self, **values)


def default_scenario(modality: str = "rfa") -> Scenario:
    return Scenario(modality=modality)
