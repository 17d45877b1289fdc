"""The model reproduces what clinical and experimental studies report.

* The ablation zone grows with time, power and tip temperature (Brace09, Hong10).
* A large vessel close to the zone shrinks it on the vessel's side, and a distant one does
  not (Lehmann16, Ringe15, Dou17).
* Microwave ablation, used as it usually is (shorter and hotter), loses less of its zone to a
  vessel than radiofrequency ablation (Schramm07, Thermo18).
* The margin verdict changes exactly where the zone's edge crosses the tumour-plus-margin circle.

Expected results are stated as comparisons (bigger, smaller, unchanged), never as numbers
copied from the model's own output.
"""

import dataclasses
from functools import cache

import numpy as np
import pytest

from course_lib.ablation import Scenario, simulate
from course_lib.ablation.explicit import solve_explicit
from course_lib.ablation.outcome import HEAT_SINK, MARGIN_COMPLETE, MARGIN_INCOMPLETE, NOT_COVERED, assess
from course_lib.ablation.probes import ablation_problem
from course_lib.ablation.simulation import vessel_side_loss
from course_lib.ablation.solver import solve

TOWARDS_VESSEL, AWAY = 0, 180  # ray indices (one ray per degree)


@cache
def run(scenario: Scenario):
    return simulate(scenario)


def no_vessel(**values) -> Scenario:
    return Scenario(vessel_diameter_mm=0, **values)


@pytest.mark.parametrize("modality, setting, durations", [
    ("rfa", 95, (4, 8, 12, 20)), ("mwa", 45, (2, 5, 10)), ("cryo", -150, (5, 10, 15))])
def test_zone_grows_with_time(modality, setting, durations):
    sizes = [run(no_vessel(modality=modality, setting=setting, duration_min=d)).zone_diameter_mm
             for d in durations]
    assert all(later > earlier for earlier, later in zip(sizes, sizes[1:], strict=False)), sizes


@pytest.mark.parametrize("modality, settings, duration", [
    ("rfa", (80, 95, 105), 12), ("mwa", (20, 45, 100), 5), ("cryo", (-100, -140, -180), 10)])
def test_zone_grows_with_power_tip_temperature_or_colder_probe(modality, settings, duration):
    sizes = [run(no_vessel(modality=modality, setting=s, duration_min=duration)).zone_diameter_mm
             for s in settings]
    assert all(later > earlier for earlier, later in zip(sizes, sizes[1:], strict=False)), sizes


def test_clinical_settings_give_zones_of_the_published_size():
    # Hong10 / Brace09: zones of about 3 to 5 cm; the model is calibrated to RFA ≈ 3 cm in 12 minutes.
    rfa = run(no_vessel(modality="rfa", setting=95, duration_min=12)).zone_diameter_mm
    mwa = [run(no_vessel(modality="mwa", setting=p, duration_min=10)).zone_diameter_mm for p in (45, 100)]
    assert 25 <= rfa <= 35
    assert all(30 <= size <= 50 for size in mwa)


def test_a_vessel_just_beyond_the_zone_edge_shrinks_the_zone_on_its_side_only():
    alone = run(no_vessel(modality="rfa", tumour_diameter_mm=10))
    edge = alone.zone_radius_mm[TOWARDS_VESSEL]
    gap = round(edge + 1) - 5  # vessel wall about 1 mm beyond where the zone ended without it
    beside = run(Scenario(modality="rfa", tumour_diameter_mm=10, vessel_diameter_mm=5, vessel_gap_mm=gap))
    assert beside.zone_radius_mm[TOWARDS_VESSEL] < edge - 0.5
    assert beside.zone_radius_mm[AWAY] == pytest.approx(alone.zone_radius_mm[AWAY], abs=0.2)
    assert vessel_side_loss(beside, alone) > 0.03


def test_a_distant_vessel_makes_no_difference():
    alone = run(no_vessel(modality="rfa", tumour_diameter_mm=40))
    distant = run(Scenario(modality="rfa", tumour_diameter_mm=40, vessel_diameter_mm=10, vessel_gap_mm=15))
    assert distant.scenario.vessel_centre_mm[0] - 5 > alone.zone_radius_mm.max() + 15
    assert np.max(np.abs(distant.zone_radius_mm - alone.zone_radius_mm)) < 0.1


@pytest.mark.parametrize("diameter", [3, 10])
def test_closer_vessels_cost_more_of_the_zone(diameter):
    base = dict(modality="rfa", tumour_diameter_mm=10, vessel_diameter_mm=diameter)
    alone = run(no_vessel(modality="rfa", tumour_diameter_mm=10))
    losses = [vessel_side_loss(run(Scenario(vessel_gap_mm=gap, **base)), alone) for gap in (0, 4, 8)]
    assert losses[0] > losses[1] > losses[2] > 0


def test_a_vessel_touching_the_tumour_costs_more_the_bigger_it_is():
    alone = run(no_vessel(modality="rfa", tumour_diameter_mm=10))
    losses = [vessel_side_loss(run(Scenario(modality="rfa", tumour_diameter_mm=10, vessel_diameter_mm=size,
                                            vessel_gap_mm=0)), alone) for size in (3, 10)]
    assert losses[1] > losses[0]


def test_microwave_used_short_and_hot_loses_less_to_a_vessel_than_rfa():
    vessel = dict(tumour_diameter_mm=10, vessel_diameter_mm=5, vessel_gap_mm=3)
    rfa = Scenario(modality="rfa", setting=95, duration_min=12, **vessel)
    mwa = Scenario(modality="mwa", setting=100, duration_min=3, **vessel)
    rfa_alone, mwa_alone = run(rfa.changed(vessel_diameter_mm=0)), run(mwa.changed(vessel_diameter_mm=0))
    # A fair comparison: without the vessel both zones are about the same size.
    assert mwa_alone.zone_diameter_mm == pytest.approx(rfa_alone.zone_diameter_mm, rel=0.1)
    rfa_loss, mwa_loss = vessel_side_loss(run(rfa), rfa_alone), vessel_side_loss(run(mwa), mwa_alone)
    assert mwa_loss < 0.8 * rfa_loss


def test_microwave_used_short_and_hot_is_less_affected_by_stronger_perfusion():
    def zone(scenario, factor):
        problem = ablation_problem(scenario)
        tissue = dataclasses.replace(problem.tissue, perfusion=problem.tissue.perfusion * factor)
        result = solve(dataclasses.replace(problem, tissue=tissue), scenario.duration_min * 60)
        return assess(scenario, result).zone_diameter_mm

    rfa = no_vessel(modality="rfa", setting=95, duration_min=12)
    mwa = no_vessel(modality="mwa", setting=100, duration_min=3)
    assert zone(mwa, 2.0) / zone(mwa, 1.0) > zone(rfa, 2.0) / zone(rfa, 1.0)


def test_margin_verdict_flips_where_the_zone_edge_crosses_the_margin_circle():
    zone = run(no_vessel(modality="rfa", tumour_diameter_mm=10))
    reach_min, reach_max = zone.zone_radius_mm.min(), zone.zone_radius_mm.max()
    # Tumour sizes chosen from the zone: the first fits with a 5 mm margin, the second fits only
    # without a 10 mm margin, the third is wider than the zone itself.
    fits = 2 * int((reach_min - 5 - 0.5) // 1)
    tight = 2 * int((reach_min - 0.5) // 1) - 10
    too_big = 2 * int(reach_max + 1)
    assert fits + 10 < 2 * reach_min and tight + 20 > 2 * reach_max
    complete = run(no_vessel(modality="rfa", tumour_diameter_mm=fits, margin_mm=5))
    assert complete.category == MARGIN_COMPLETE and complete.margin_complete
    short = run(no_vessel(modality="rfa", tumour_diameter_mm=tight, margin_mm=10))
    assert short.category == MARGIN_INCOMPLETE and short.tumour_covered and not short.margin_complete
    assert "all the way round" in short.verdict
    missed = run(no_vessel(modality="rfa", tumour_diameter_mm=min(too_big, 40), margin_mm=5))
    assert missed.category == NOT_COVERED and not missed.tumour_covered
    assert "too small" in missed.verdict


def test_longer_treatment_turns_an_incomplete_margin_into_a_complete_one():
    short = run(no_vessel(modality="mwa", setting=45, duration_min=4, tumour_diameter_mm=15))
    long = run(no_vessel(modality="mwa", setting=45, duration_min=10, tumour_diameter_mm=15))
    assert short.category in (MARGIN_INCOMPLETE, NOT_COVERED)
    assert long.category == MARGIN_COMPLETE


def test_tumour_touching_a_vessel_keeps_a_living_edge_beside_it():
    outcome = run(Scenario(modality="rfa", tumour_diameter_mm=15, vessel_diameter_mm=5, vessel_gap_mm=0))
    assert outcome.category == HEAT_SINK
    assert outcome.zone_radius_mm[TOWARDS_VESSEL] < outcome.scenario.tumour_radius_mm
    assert outcome.zone_radius_mm[AWAY] > outcome.scenario.target_radius_mm
    assert "heat sink" in outcome.verdict and "beside the vessel" in outcome.verdict


def test_vessel_inside_the_margin_leaves_the_margin_incomplete_beside_it():
    outcome = run(Scenario(modality="rfa", tumour_diameter_mm=15, vessel_diameter_mm=5, vessel_gap_mm=3))
    assert outcome.category == MARGIN_INCOMPLETE
    assert "beside the blood vessel" in outcome.verdict and "heat sink" in outcome.verdict


def test_stricter_cell_death_models_give_smaller_zones():
    base = dict(modality="rfa", setting=95, duration_min=12)
    loose = run(no_vessel(cell_death="arrhenius", **base)).zone_diameter_mm
    strict = run(no_vessel(cell_death="arrhenius_99", **base)).zone_diameter_mm
    dose = run(no_vessel(cell_death="cem43", **base)).zone_diameter_mm
    assert strict < loose and dose < loose


def test_cryo_lethal_zone_is_smaller_than_the_ice_ball_and_shrinks_with_a_colder_threshold():
    sizes = {}
    for lethal in (-20, -30, -40):
        outcome = run(no_vessel(modality="cryo", lethal_temperature_c=lethal))
        sizes[lethal] = outcome.zone_diameter_mm
        ice = np.count_nonzero(outcome.run.lowest_c <= 0)
        dead = np.count_nonzero(outcome.kill >= 0)
        assert ice > dead
    assert sizes[-20] > sizes[-30] > sizes[-40]


@pytest.mark.parametrize("modality", ["rfa", "mwa"])
def test_fast_and_explicit_solvers_agree_on_a_clinical_ablation(modality):
    scenario = Scenario(modality=modality, duration_min=8)
    fast = run(scenario)
    explicit = assess(scenario, solve_explicit(ablation_problem(scenario), scenario.duration_min * 60))
    # The explicit solver rounds the probe's core and the vessel to whole grid nodes, so a few
    # per cent difference in size is expected at 1 mm.
    assert fast.zone_diameter_mm == pytest.approx(explicit.zone_diameter_mm, rel=0.04)
    assert fast.category == explicit.category


def test_changing_only_the_margin_or_the_lethal_cold_reuses_the_same_temperatures():
    first = simulate(Scenario(modality="rfa", margin_mm=5))
    second = simulate(Scenario(modality="rfa", margin_mm=10))
    assert second.run is first.run and second.scenario.margin_mm == 10
    scenario = second.scenario
    fresh = assess(scenario, solve(ablation_problem(scenario), scenario.duration_min * 60))
    assert np.array_equal(fresh.zone_radius_mm, second.zone_radius_mm) and fresh.category == second.category
    cold = [simulate(Scenario(modality="cryo", lethal_temperature_c=t)) for t in (-20, -40)]
    assert cold[0].run is cold[1].run and cold[0].zone_diameter_mm > cold[1].zone_diameter_mm
    dose = simulate(Scenario(modality="rfa", cell_death="cem43"))
    assert dose.run is not first.run and dose.run.dose_cem43 is not None
