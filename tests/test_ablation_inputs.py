"""Bad input is refused with a clear ValueError, and every allowed combination stays stable.

A message must name the field, repeat the value given, and say what is allowed.
"""

import dataclasses
import math

import numpy as np
import pytest

from course_lib.ablation import Scenario, simulate
from course_lib.ablation.cell_death import arrhenius, thermal_dose
from course_lib.ablation.diagram import AblationPicture, ablation_figure
from course_lib.ablation.explicit import solve_explicit, stable_time_step
from course_lib.ablation.geometry import Disc, Grid
from course_lib.ablation.model_data import modalities, setting
from course_lib.ablation.outcome import assess
from course_lib.ablation.probes import ablation_problem, microwave_power_density
from course_lib.ablation.problem import BioheatProblem
from course_lib.ablation.solver import solve
from course_lib.ablation.tissue import liver


def test_margin_outside_its_range_is_refused_with_field_value_and_range():
    with pytest.raises(ValueError) as refused:
        Scenario(margin_mm=12)
    assert str(refused.value) == "margin_mm: 12 is outside the allowed range 5 to 10 mm"


@pytest.mark.parametrize("values, field, shown", [
    ({"modality": "rfa", "setting": 120}, "setting", "120"),
    ({"modality": "mwa", "setting": 150}, "setting", "150"),
    ({"modality": "cryo", "setting": -50}, "setting", "-50"),
    ({"modality": "mwa", "duration_min": 15}, "duration_min", "15"),
    ({"tumour_diameter_mm": 50}, "tumour_diameter_mm", "50"),
    ({"tumour_diameter_mm": 5}, "tumour_diameter_mm", "5"),
    ({"vessel_diameter_mm": 2}, "vessel_diameter_mm", "2"),
    ({"vessel_diameter_mm": 12}, "vessel_diameter_mm", "12"),
    ({"vessel_gap_mm": -1}, "vessel_gap_mm", "-1"),
    ({"lethal_temperature_c": -10}, "lethal_temperature_c", "-10"),
    ({"margin_mm": math.nan}, "margin_mm", "nan"),
    ({"margin_mm": "5"}, "margin_mm", "'5'"),
    ({"margin_mm": True}, "margin_mm", "True"),
])
def test_every_scenario_field_is_checked(values, field, shown):
    with pytest.raises(ValueError) as refused:
        Scenario(**values)
    message = str(refused.value)
    assert message.startswith(f"{field}"), message
    assert shown in message
    assert "allowed" in message


@pytest.mark.parametrize("values, field", [({"modality": "laser"}, "modality"),
                                           ({"cell_death": "boiling"}, "cell_death")])
def test_unknown_choices_are_refused_with_the_choices_listed(values, field):
    with pytest.raises(ValueError, match=field) as refused:
        Scenario(**values)
    assert "one of" in str(refused.value)


def test_each_modality_checks_its_setting_against_its_own_range():
    for kind in modalities().values():
        Scenario(modality=kind.id, setting=kind.setting.minimum, duration_min=kind.duration.maximum)
        with pytest.raises(ValueError, match=kind.setting.range_text):
            Scenario(modality=kind.id, setting=kind.setting.maximum + kind.setting.step)


@pytest.mark.parametrize("make, field", [
    (lambda: Grid(spacing_mm=0.3), "spacing_mm"),
    (lambda: Grid(spacing_mm=0.0), "spacing_mm"),
    (lambda: Grid(half_width_mm=-5), "half_width_mm"),
    (lambda: Disc("vessel", 0, 0, 0.1, 37, False), "vessel.radius_mm"),
    (lambda: Disc("probe", 0, 0, 2, -300, True), "probe.temperature_c"),
    (lambda: dataclasses.replace(liver(), conductivity=-1.0), "conductivity"),
    (lambda: dataclasses.replace(liver(), perfusion=math.inf), "perfusion"),
    (lambda: dataclasses.replace(liver(), freezing_complete=5.0), "freezing_complete"),
    (lambda: arrhenius().time_to(1.0, -300.0), "temperature_c"),
    (lambda: arrhenius().time_to(-1.0, 50.0), "damage"),
    (lambda: thermal_dose().time_to(240.0, math.nan), "temperature_c"),
    (lambda: microwave_power_density(Grid(), -5.0), "power_w"),
    (lambda: solve(ablation_problem(Scenario()), -1.0), "duration_s"),
    (lambda: solve(ablation_problem(Scenario()), 60.0, time_step_s=0.0), "time_step_s"),
    (lambda: solve("a scenario", 60.0), "problem"),
    (lambda: simulate("rfa"), "scenario"),
    (lambda: assess(Scenario(), None), "run"),
    (lambda: ablation_figure(None), "outcome"),
    (lambda: AblationPicture("laser"), "modality"),
])
def test_public_functions_refuse_bad_input(make, field):
    with pytest.raises(ValueError, match=field):
        make()


def test_problem_refuses_arrays_of_the_wrong_shape_or_sign():
    grid = Grid(half_width_mm=10.0)
    with pytest.raises(ValueError, match="power_density"):
        BioheatProblem(grid, liver(), power_density=np.zeros((3, 3)))
    with pytest.raises(ValueError, match="power_density"):
        BioheatProblem(grid, liver(), power_density=-np.ones((grid.nodes, grid.nodes)))
    with pytest.raises(ValueError, match="initial_c"):
        BioheatProblem(grid, liver(), initial_c=np.full((grid.nodes, grid.nodes), np.nan))


def test_discs_may_not_overlap_or_leave_the_field():
    grid = Grid()
    with pytest.raises(ValueError, match="overlap"):
        BioheatProblem(grid, liver(), (Disc("probe", 0, 0, 4, 95, True), Disc("vessel", 5, 0, 2, 37, False)))
    with pytest.raises(ValueError, match="edge of the field"):
        BioheatProblem(grid, liver(), (Disc("vessel", 47, 0, 3, 37, False),))


def test_explicit_solver_refuses_an_unstable_time_step():
    problem = ablation_problem(Scenario())
    limit = stable_time_step(problem)
    with pytest.raises(ValueError, match="stability limit"):
        solve_explicit(problem, 60.0, time_step_s=3 * limit)


def extreme_scenarios():
    """The corners of every control's range, with the vessel as close and as large as allowed."""
    vessel, gap = setting("vessel_diameter"), setting("vessel_gap")
    for kind in modalities().values():
        for value in (kind.setting.minimum, kind.setting.maximum):
            yield Scenario(modality=kind.id, setting=value, duration_min=kind.duration.maximum,
                           tumour_diameter_mm=setting("tumour_diameter").minimum,
                           vessel_diameter_mm=vessel.maximum, vessel_gap_mm=gap.minimum)
        yield Scenario(modality=kind.id, setting=kind.setting.maximum, duration_min=kind.duration.minimum,
                       tumour_diameter_mm=setting("tumour_diameter").maximum,
                       vessel_diameter_mm=vessel.minimum, vessel_gap_mm=gap.maximum)


@pytest.mark.parametrize("scenario", list(extreme_scenarios()),
                         ids=lambda s: f"{s.modality}-{s.setting:g}-{s.duration_min:g}min")
def test_extreme_settings_stay_within_physical_bounds(scenario):
    outcome = simulate(scenario)
    run, body = outcome.run, liver().body_temperature
    assert np.all(np.isfinite(run.temperature_c)) and np.all(np.isfinite(run.damage))
    if scenario.modality == "cryo":
        # Nothing colder than the probe, nothing warmer than the body.
        assert run.lowest_c.min() >= scenario.setting - 1e-9
        assert run.temperature_c.max() <= body + 1e-9
        assert np.count_nonzero(run.lowest_c <= 0) > np.count_nonzero(outcome.kill >= 0)
    else:
        assert run.temperature_c.min() >= body - 1e-9
        if scenario.modality == "rfa":
            assert run.temperature_c.max() <= scenario.setting + 1e-9
    assert 0 < outcome.zone_diameter_mm < 90


@pytest.mark.parametrize("modality", ["rfa", "mwa", "cryo"])
def test_halving_the_time_step_barely_changes_the_zone_at_the_extremes(modality):
    """The chosen time step is not only stable but accurate for the strongest settings allowed."""
    kind = modalities()[modality]
    strongest = kind.setting.minimum if modality == "cryo" else kind.setting.maximum
    scenario = Scenario(modality=modality, setting=strongest, duration_min=kind.duration.maximum,
                        vessel_diameter_mm=10, vessel_gap_mm=0)
    problem = ablation_problem(scenario)
    default = assess(scenario, solve(problem, scenario.duration_min * 60))
    finer = assess(scenario, solve(problem, scenario.duration_min * 60, default.run.time_step_s / 2))
    assert default.zone_diameter_mm == pytest.approx(finer.zone_diameter_mm, rel=0.02)
