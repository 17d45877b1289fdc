"""What each kind of probe does to the tissue, and the vessel beside the tumour.

* RFA: the generator holds the tissue within ``rfa_heated_radius`` of the probe at the set tip
  temperature (temperature control); heat conduction does the rest.
* Microwave: the antenna's power is absorbed directly in the tissue, falling off with
  distance r as e^(−r/δ)/r (a cylindrical wave losing energy); the power is fixed
  (power control), so the tissue next to the antenna can pass 100 °C.
* Cryoablation: the probe is held at the set (very cold) temperature.
* Vessel: a disc held at blood temperature (the heat sink).

These are simplifications of a 3-D process drawn as a 2-D slice through the middle of the
probe; the probe calibrations are named as such in the data file.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .geometry import Disc, Grid
from .model_data import check_number, quantity
from .problem import BioheatProblem
from .scenario import FIELD_HALF_WIDTH_MM, Scenario
from .tissue import liver

SUBSAMPLES = 6  # points per grid spacing (each way) used to average the microwave power over a cell


@cache
def _microwave_shape(half_width_mm: float, spacing_mm: float, depth_mm: float) -> np.ndarray:
    """Share of the absorbed power falling into each node's cell (sums to 1 over the field)."""
    grid = Grid(half_width_mm, spacing_mm)
    x, y = grid.mesh_mm()
    offsets = ((np.arange(SUBSAMPLES) + 0.5) / SUBSAMPLES - 0.5) * spacing_mm
    total = np.zeros(x.shape)
    for dx in offsets:
        for dy in offsets:
            r = np.hypot(x + dx, y + dy)
            total += np.exp(-r / depth_mm) / (2 * np.pi * r * depth_mm)
    total[[0, -1], :] = 0.0
    total[:, [0, -1]] = 0.0
    shape = total / total.sum()
    shape.setflags(write=False)
    return shape


def microwave_power_density(grid: Grid, power_w: float, heating_length_mm: float | None = None,
                            depth_mm: float | None = None) -> np.ndarray:
    """Absorbed microwave power (W/m³) at each node, for an antenna at the centre of the grid."""
    power_w = check_number("power_w", power_w, 0.0, 1000.0, "W")
    length = quantity("mwa_heating_length") if heating_length_mm is None else heating_length_mm
    depth = quantity("mwa_penetration_depth") if depth_mm is None else depth_mm
    length = check_number("heating_length_mm", length, 1.0, 1000.0, "mm")
    depth = check_number("depth_mm", depth, 0.1, 100.0, "mm")
    per_metre = power_w / (length * 1e-3)
    return _microwave_shape(grid.half_width_mm, grid.spacing_mm, depth) * per_metre / grid.spacing_m ** 2


def _discs(scenario: Scenario) -> tuple[Disc, ...]:
    """The fixed-temperature discs of a scenario: the probe's core (RFA, cryo) and the vessel."""
    found = []
    if scenario.modality == "rfa":
        found.append(Disc("heated core of the probe", 0.0, 0.0, quantity("rfa_heated_radius"),
                          scenario.setting, True))
    elif scenario.modality == "cryo":
        found.append(Disc("cryoprobe", 0.0, 0.0, quantity("cryo_probe_radius"), scenario.setting, True))
    if scenario.has_vessel:
        x, y = scenario.vessel_centre_mm
        found.append(Disc("vessel", x, y, scenario.vessel_diameter_mm / 2,
                          quantity("vessel_wall_temperature"), False))
    return tuple(found)


def _monitor_points(scenario: Scenario) -> tuple[tuple[float, float], ...]:
    """Where temperature is followed over time: the tumour edge beside the vessel, and opposite."""
    edge = scenario.tumour_radius_mm
    return ((edge, 0.0), (-edge, 0.0))


def ablation_problem(scenario: Scenario, spacing_mm: float = 1.0) -> BioheatProblem:
    """The bioheat problem for ``scenario`` on the 10 cm field with the given grid spacing."""
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario: expected a Scenario, got {type(scenario).__name__}")
    grid = Grid(FIELD_HALF_WIDTH_MM, spacing_mm)
    power = None
    if scenario.modality == "mwa":
        power = microwave_power_density(grid, scenario.setting)
    return BioheatProblem(grid, liver(), _discs(scenario), power_density=power,
                          freezing=scenario.modality == "cryo",
                          record_dose=scenario.heating and scenario.cell_death == "cem43",
                          monitors_mm=_monitor_points(scenario))


MODEL_NOTES = {
    "rfa": ("Simplified model: a flat slice through the middle of the probe. Tissue properties stay the "
            "same when heated, boiling and charring are left out, and the vessel is a wall kept at 37 °C."),
    "mwa": ("Simplified model: a flat slice through the middle of the antenna, with a fixed share of the "
            "power absorbed in the tissue. Tissue properties stay the same when heated, boiling and "
            "charring are left out, and the vessel is a wall kept at 37 °C."),
    "cryo": ("Simplified model: one probe and one freeze (no thaw and no second freeze), in a flat slice "
             "through the middle of the probe. Frozen liver conducts heat better and stores less of it. "
             "Cells count as dead where they got colder than the lethal temperature. Real treatments "
             "often use several probes together."),
}


def model_note(scenario: Scenario) -> str:
    """One short paragraph saying what the model leaves out, for showing under the picture."""
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario: expected a Scenario, got {type(scenario).__name__}")
    return MODEL_NOTES[scenario.modality]
