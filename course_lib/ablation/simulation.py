"""One call from a scenario to its outcome: build the problem, solve it, assess the zone."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .outcome import Outcome, assess
from .probes import ablation_problem
from .problem import BioheatRun
from .scenario import Scenario
from .solver import solve


def simulate(scenario: Scenario) -> Outcome:
    """Simulate ``scenario`` with the fast solver on the 10 cm × 10 cm field at 1 mm resolution.

    The safety margin, the lethal cold and the choice between the two Arrhenius thresholds do
    not change the temperatures, only how they are judged; so the last few runs are kept and
    reused when only those change (a slider for the margin then answers at once).
    """
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario: expected a Scenario, got {type(scenario).__name__}")
    return assess(scenario, _run(_physics_only(scenario)))


def _physics_only(scenario: Scenario) -> Scenario:
    """The scenario with every choice that does not affect the temperatures set to its default."""
    dose = scenario.heating and scenario.cell_death == "cem43"
    return scenario.changed(margin_mm=None, lethal_temperature_c=None,
                            cell_death="cem43" if dose else "arrhenius")


@lru_cache(maxsize=8)
def _run(scenario: Scenario) -> BioheatRun:
    return solve(ablation_problem(scenario), scenario.duration_min * 60.0)


def forget_runs() -> None:
    """Drop the kept runs, so that the next ``simulate`` solves from scratch (for benchmarks)."""
    _run.cache_clear()


def vessel_side_loss(with_vessel: Outcome, without_vessel: Outcome) -> float:
    """Share of the ablated tissue on the vessel's side (right half) that the vessel costs, 0 to 1.

    Both outcomes must be for the same scenario apart from the vessel. The vessel's own
    lumen is left out of both counts, so only the heat-sink effect is measured.
    """
    if not isinstance(with_vessel, Outcome) or not isinstance(without_vessel, Outcome):
        raise ValueError("vessel_side_loss: expected two Outcomes (with and without the vessel)")
    scenario, alone = with_vessel.scenario, without_vessel.scenario
    same_without = scenario.changed(vessel_diameter_mm=0, vessel_gap_mm=alone.vessel_gap_mm)
    if not scenario.has_vessel or alone != same_without:
        raise ValueError("vessel_side_loss: needs one outcome with a vessel and the same scenario without it")
    x, y = with_vessel.run.problem.grid.mesh_mm()
    cx, cy = scenario.vessel_centre_mm
    tissue_on_vessel_side = (x > 0) & (np.hypot(x - cx, y - cy) > scenario.vessel_diameter_mm / 2)
    before = np.count_nonzero((without_vessel.kill >= 0) & tissue_on_vessel_side)
    after = np.count_nonzero((with_vessel.kill >= 0) & tissue_on_vessel_side)
    return (before - after) / before if before else 0.0
