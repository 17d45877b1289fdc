"""The bioheat model against the analytical solutions of the physics notes (§4), within 2 %.

Every expected value is computed here from the formula and the parameters in the data
file, never copied from the model's output:

* a needle held at a fixed temperature in perfused tissue: θ₀·K₀(r/L)/K₀(a/L);
* a line source of q′ W/m: (q′/2πk)·K₀(r/L), and its switch-on transient
  (q′/ρc)∫₀ᵗ e^(−βs)·e^(−r²/4αs)/(4παs) ds (the 2-D form of Nyborg 1988);
* a Gaussian bump decaying: θ₀·σ₀²/(σ₀²+2αt)·e^(−r²/2(σ₀²+2αt))·e^(−βt);
* constant-temperature cell death: t(Ω) = Ω/(A·e^(−Ea/RT)) and t(CEM43) = 240 min·R^(T−43).
"""

import dataclasses
import math

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.special import k0

from course_lib.ablation.cell_death import GAS_CONSTANT, arrhenius, thermal_dose
from course_lib.ablation.explicit import solve_explicit
from course_lib.ablation.geometry import Disc, Grid
from course_lib.ablation.model_data import quantity
from course_lib.ablation.outcome import assess
from course_lib.ablation.probes import ablation_problem, microwave_power_density
from course_lib.ablation.problem import BioheatProblem
from course_lib.ablation.scenario import Scenario
from course_lib.ablation.solver import WINDOW_THRESHOLD_C, _solve_freezing, solve
from course_lib.ablation.tissue import PhaseChange, liver

TOLERANCE = 0.02
RADII_MM = np.array([4.0, 6.0, 10.0, 15.0])


def on_axis_and_diagonal(radii):
    """Monitor points at each radius, along the x axis and along the diagonal."""
    return tuple((r, 0.0) for r in radii) + tuple((r / math.sqrt(2), r / math.sqrt(2)) for r in radii)


def relative_error(measured, expected):
    return np.abs(np.asarray(measured) / np.asarray(expected) - 1)


def test_parameters_give_the_perfusion_length_of_the_physics_notes():
    tissue = liver()
    alpha = quantity("liver_conductivity") / (quantity("liver_density") * quantity("liver_specific_heat"))
    beta = (quantity("liver_perfusion") * quantity("blood_density") * quantity("blood_specific_heat")
            / (quantity("liver_density") * quantity("liver_specific_heat")))
    assert tissue.diffusivity == pytest.approx(alpha, rel=1e-12)
    assert tissue.perfusion_rate == pytest.approx(beta, rel=1e-12)
    # The notes quote L ≈ 4.6 mm with k-Wave's blood; with COMSOL's blood (1000 kg/m³, 4180 J/kg/K)
    # it is 4.4 mm.
    assert 4.0e-3 < tissue.perfusion_length < 4.8e-3


@pytest.mark.parametrize("radius_mm", [2.0, 3.3, 5.0])
def test_needle_held_hot_matches_the_steady_k0_profile(radius_mm):
    tissue, grid = liver(), Grid(half_width_mm=30.0, spacing_mm=0.5)
    excess = 10.0
    radii = radius_mm + np.array([1.0, 3.0, 6.0, 10.0])
    problem = BioheatProblem(grid, tissue, (Disc("needle", 0.0, 0.0, radius_mm, 37.0 + excess, True),),
                             perfusion_shutdown=False, monitors_mm=on_axis_and_diagonal(radii))
    run = solve(problem, 3000.0)  # 20 perfusion time constants: steady
    length_mm = tissue.perfusion_length * 1e3
    expected = excess * k0(radii / length_mm) / k0(radius_mm / length_mm)
    measured = run.monitor_c[-1] - 37.0
    assert np.all(relative_error(measured, np.tile(expected, 2)) < TOLERANCE)


def line_source_problem(grid, tissue, monitors):
    """2 W spread along 100 mm of probe (20 W/m), deposited within a fraction of a millimetre."""
    power = microwave_power_density(grid, 2.0, heating_length_mm=100.0, depth_mm=0.3)
    return BioheatProblem(grid, tissue, power_density=power, perfusion_shutdown=False, monitors_mm=monitors)


@pytest.mark.parametrize("solver", [solve, solve_explicit], ids=["fast", "explicit"])
def test_line_source_reaches_the_steady_k0_profile(solver):
    tissue, grid = liver(), Grid(half_width_mm=40.0, spacing_mm=1.0)
    run = solver(line_source_problem(grid, tissue, on_axis_and_diagonal(RADII_MM)), 3000.0)
    per_metre = 2.0 / 0.1
    length_mm = tissue.perfusion_length * 1e3
    expected = per_metre / (2 * math.pi * tissue.conductivity) * k0(RADII_MM / length_mm)
    assert np.all(relative_error(run.monitor_c[-1] - 37.0, np.tile(expected, 2)) < TOLERANCE)


def transient_line_source(tissue, per_metre, radius_m, time_s):
    alpha, beta = tissue.diffusivity, tissue.perfusion_rate

    def kernel(s):
        return math.exp(-beta * s - radius_m ** 2 / (4 * alpha * s)) / (4 * math.pi * alpha * s)

    return per_metre / tissue.heat_capacity * quad(kernel, 0.0, time_s, limit=200)[0]


@pytest.mark.parametrize("solver, times", [(solve, (120.0, 300.0, 600.0)), (solve_explicit, (300.0, 600.0))],
                         ids=["fast", "explicit"])
def test_line_source_switched_on_follows_the_transient_solution(solver, times):
    tissue, grid = liver(), Grid(half_width_mm=40.0, spacing_mm=1.0)
    radii = np.array([4.0, 6.0])
    run = solver(line_source_problem(grid, tissue, tuple((r, 0.0) for r in radii)), 600.0)
    for time_s in times:
        step = int(np.argmin(np.abs(run.times_s - time_s)))
        expected = [transient_line_source(tissue, 20.0, r * 1e-3, run.times_s[step]) for r in radii]
        assert np.all(relative_error(run.monitor_c[step] - 37.0, expected) < TOLERANCE), time_s


@pytest.mark.parametrize("solver, time_step_s", [(solve, None), (solve_explicit, 0.5)],
                         ids=["fast", "explicit"])
def test_gaussian_bump_decays_as_the_exact_solution(solver, time_step_s):
    """The fast solver at its own step; the explicit one needs a small step (it is first order in time)."""
    tissue, grid = liver(), Grid(half_width_mm=50.0, spacing_mm=1.0)
    x, y = grid.mesh_mm()
    r2 = (x ** 2 + y ** 2) * 1e-6
    sigma2, peak, duration = (6e-3) ** 2, 10.0, 300.0
    start = 37.0 + peak * np.exp(-r2 / (2 * sigma2))
    problem = BioheatProblem(grid, tissue, initial_c=start, perfusion_shutdown=False)
    run = solver(problem, duration, time_step_s)
    spread = sigma2 + 2 * tissue.diffusivity * duration
    exact = peak * sigma2 / spread * np.exp(-r2 / (2 * spread)) * math.exp(-tissue.perfusion_rate * duration)
    assert np.max(np.abs(run.temperature_c - 37.0 - exact)) < TOLERANCE * exact.max()


@pytest.mark.parametrize("temperature_c", [45.0, 50.0, 55.0, 60.0, 70.0])
@pytest.mark.parametrize("damage", [1.0, 4.6])
def test_arrhenius_time_at_constant_temperature(temperature_c, damage):
    rate = quantity("arrhenius_frequency_factor") * math.exp(
        -quantity("arrhenius_activation_energy") / (GAS_CONSTANT * (temperature_c + 273.15)))
    expected = damage / rate
    assert arrhenius().time_to(damage, temperature_c) == pytest.approx(expected, rel=TOLERANCE)


def test_arrhenius_times_agree_with_the_table_of_the_physics_notes():
    # §2 of the notes, t(Ω = 1): 277 s at 45 °C, 61 s at 50 °C, 14 s at 55 °C (rounded there).
    for temperature_c, seconds in ((45.0, 277.0), (50.0, 61.0), (55.0, 14.0)):
        assert arrhenius().time_to(1.0, temperature_c) == pytest.approx(seconds, rel=0.03)


@pytest.mark.parametrize("temperature_c, minutes",
                         [(45.0, 60.0), (50.0, 1.875), (55.0, 0.0586), (41.0, 3840.0)])
def test_cem43_time_at_constant_temperature(temperature_c, minutes):
    factor = 0.5 if temperature_c >= 43 else 0.25
    expected_s = 240.0 * factor ** (temperature_c - 43.0) * 60.0
    assert expected_s == pytest.approx(minutes * 60.0, rel=1e-3)  # the formula, checked by hand
    assert thermal_dose().time_to(240.0, temperature_c) == pytest.approx(expected_s, rel=TOLERANCE)


@pytest.mark.parametrize("temperature_c", [50.0, 55.0])
def test_solver_adds_up_damage_and_dose_at_a_held_temperature(temperature_c):
    """Tissue held at a fixed temperature: the solver's running totals match the exact times."""
    grid = Grid(half_width_mm=20.0, spacing_mm=1.0)
    problem = BioheatProblem(grid, liver(), (Disc("held tissue", 0.0, 0.0, 4.0, temperature_c, True),),
                             record_dose=True)
    omega_time = arrhenius().time_to(1.0, temperature_c)
    dose_time = thermal_dose().time_to(240.0, temperature_c)
    centre = grid.nodes // 2
    for duration in (omega_time, dose_time):
        run = solve(problem, duration, time_step_s=duration / 10)
        if duration == omega_time:
            assert run.damage[centre, centre] == pytest.approx(1.0, rel=TOLERANCE)
        else:
            assert run.dose_cem43[centre, centre] == pytest.approx(240.0, rel=TOLERANCE)


def test_freezing_solver_without_phase_change_matches_the_k0_profile_of_a_cold_needle():
    """With frozen liver given living liver's properties and no latent heat, the problem is linear."""
    living = liver()
    tissue = dataclasses.replace(living, latent_heat=0.0, frozen_conductivity=living.conductivity,
                                 frozen_specific_heat=living.specific_heat)
    radii = np.array([4.0, 6.0, 9.0, 13.0])
    problem = BioheatProblem(Grid(half_width_mm=30.0, spacing_mm=0.5), tissue,
                             (Disc("cryoprobe", 0.0, 0.0, 3.0, 37.0 - 20.0, True),), freezing=True,
                             perfusion_shutdown=False, monitors_mm=tuple((r, 0.0) for r in radii))
    run = solve(problem, 3000.0)
    length_mm = tissue.perfusion_length * 1e3
    expected = -20.0 * k0(radii / length_mm) / k0(3.0 / length_mm)
    assert np.all(relative_error(run.monitor_c[-1] - 37.0, expected) < TOLERANCE)


def test_freezing_converges_as_the_time_step_shrinks():
    """Ice ball, lethal zone and the coldest moments at the default step, against a step 12 times shorter."""
    problem = BioheatProblem(Grid(half_width_mm=25.0, spacing_mm=1.0), liver(),
                             (Disc("cryoprobe", 0.0, 0.0, 1.2, -150.0, True),
                              Disc("vessel", 11.0, 0.0, 3.0, 37.0, False)), freezing=True,
                             monitors_mm=((6.0, 0.0), (-6.0, 0.0), (0.0, 9.0)))
    default, fine = solve(problem, 600.0), solve(problem, 600.0, time_step_s=0.25)
    for run_field, level in (("temperature_c", 0.0), ("lowest_c", -30.0)):
        areas = [np.count_nonzero(getattr(run, run_field) <= level) for run in (default, fine)]
        assert areas[0] == pytest.approx(areas[1], rel=0.03)
    # The ice front passing a point must not make it briefly colder than it really gets.
    assert np.max(np.abs(default.monitor_c.min(axis=0) - fine.monitor_c.min(axis=0))) < 1.0


def test_phase_change_curves_are_the_piecewise_linear_tables():
    """Enthalpy, its inverse and conductivity (written as arithmetic) equal interpolation in their tables."""
    phase = PhaseChange(liver())
    temperatures = np.concatenate([np.linspace(-300.0, 1100.0, 20001), phase._temperatures])
    expected = np.interp(temperatures, phase._temperatures, phase._enthalpies)
    assert np.allclose(phase.enthalpy(temperatures), expected, rtol=1e-12, atol=1e-3)
    enthalpies = np.linspace(1.5 * phase._enthalpies[0], 1.5 * phase._enthalpies[-1], 20001)
    assert np.allclose(phase.temperature(enthalpies), np.interp(enthalpies, phase._enthalpies, phase._temperatures),
                       rtol=0, atol=1e-9)
    assert np.allclose(phase.conductivity(temperatures),
                       np.interp(temperatures, (phase.cold, phase.warm), phase._conductivities), rtol=1e-14)
    assert phase.temperature(phase.enthalpy(-5.0)) == pytest.approx(-5.0)


def test_freezing_inside_a_window_matches_freezing_on_the_whole_field():
    """The window around the cold changes nothing that matters (at most its threshold, WINDOW_THRESHOLD_C)."""
    scenario = Scenario(modality="cryo")
    problem = ablation_problem(scenario)
    window = solve(problem, scenario.duration_min * 60)
    whole = _solve_freezing(problem, scenario.duration_min * 60, window.time_step_s, whole_field=True)
    for name in ("temperature_c", "lowest_c", "monitor_c"):
        assert np.max(np.abs(getattr(window, name) - getattr(whole, name))) < WINDOW_THRESHOLD_C, name
    assert np.array_equal(assess(scenario, window).kill >= 0, assess(scenario, whole).kill >= 0)


def test_freezing_window_keeps_the_zone_at_the_strongest_settings():
    """At the coldest probe, longest time and a large vessel touching the tumour, the step amplifies
    tiny differences near the vessel (even rounding), so only the zone is compared here."""
    scenario = Scenario(modality="cryo", setting=-180, duration_min=15, vessel_diameter_mm=10, vessel_gap_mm=0)
    problem = ablation_problem(scenario)
    window = assess(scenario, solve(problem, 900.0))
    whole = assess(scenario, _solve_freezing(problem, 900.0, window.run.time_step_s, whole_field=True))
    assert window.zone_diameter_mm == pytest.approx(whole.zone_diameter_mm, rel=0.005)
    assert window.category == whole.category
