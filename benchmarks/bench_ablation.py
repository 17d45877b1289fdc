"""How fast the ablation model is, and how it compares with a plain explicit solver at equal accuracy.

For each treatment, one 10-minute ablation on the 10 cm × 10 cm field at 1 mm:

1. ``full_simulation``: building the problem, solving it with the fast solver and finding the
   ablation zone (``course_lib.ablation.simulate``).
2. Accuracy against a well-resolved reference: the same problem solved on a 0.25 mm grid with
   small time steps. Two errors, measured the same way for every solver:
   ``max_temperature_error`` (largest difference in temperature at the end, over all tissue
   nodes of the coarser grid) and ``zone_edge_error`` (largest difference in the distance from
   the probe to the ablation zone's edge, over 360 directions). ``reference_check`` compares
   the reference with the same solver on a 0.5 mm grid, as a bound on the reference's own error.
3. The plain explicit (FTCS) solver on a ladder of grids, each at its largest stable time step,
   with its errors and time. ``explicit_equal_accuracy`` is the cheapest rung that is at least as
   accurate as the fast solver in both errors; if no rung is, the finest rung is reported as a
   lower bound (``..._reached: 0``). ``explicit_same_grid`` is the 1 mm rung, for comparison;
   it and the fast solver are timed in turn, so that both meet the same load.
4. ``control_change_to_figure``: the time from moving a slider in the explorer (tumour size,
   which moves the vessel and so needs a new simulation; kept runs are dropped first) to the new
   picture and verdict being in place; ``...margin_only``: the margin slider, which reuses the
   kept run. Only Python's side is timed, not the browser's redraw.
"""

from __future__ import annotations

import statistics

import numpy as np
from timing import median_seconds

from course_lib.ablation import Scenario, simulate
from course_lib.ablation.explicit import solve_explicit
from course_lib.ablation.outcome import assess
from course_lib.ablation.probes import ablation_problem
from course_lib.ablation.simulation import forget_runs
from course_lib.ablation.solver import solve
from course_lib.ablation.view import ablation_explorer

DURATION_S = 600.0
REFERENCE = (0.25, {"rfa": 1.0, "mwa": 1.0, "cryo": 0.25})  # grid (mm) and time step (s)
CHECK = (0.5, {"rfa": 2.0, "mwa": 2.0, "cryo": 0.5})
LADDER = {"rfa": (2.0, 1.0, 0.5, 0.25), "mwa": (2.0, 1.0, 0.5, 0.25), "cryo": (2.0, 1.0, 0.5)}
SCENARIOS = {
    "rfa": Scenario(modality="rfa", setting=95, duration_min=10),
    "mwa": Scenario(modality="mwa", setting=45, duration_min=10),
    "cryo": Scenario(modality="cryo", setting=-150, duration_min=10),
}


def errors(scenario: Scenario, run, reference) -> tuple[float, float]:
    """(largest temperature difference in °C, largest zone-edge difference in mm) against the reference."""
    spacing, fine = run.problem.grid.spacing_mm, reference.problem.grid.spacing_mm
    common = max(spacing, 1.0)
    ours = run.temperature_c[::round(common / spacing), ::round(common / spacing)]
    theirs = reference.temperature_c[::round(common / fine), ::round(common / fine)]
    x = np.arange(-50.0, 50.0 + common / 2, common)
    xx, yy = np.meshgrid(x, x)
    tissue = np.ones(xx.shape, dtype=bool)
    for disc in run.problem.discs:
        if not disc.tissue:
            tissue &= disc.distance_mm(xx, yy) > disc.radius_mm
    temperature = float(np.max(np.abs(ours - theirs)[tissue]))
    edges = assess(scenario, run).zone_radius_mm - assess(scenario, reference).zone_radius_mm
    edge = float(np.max(np.abs(edges)))
    return temperature, edge


def paired_seconds(first, second, rounds: int = 9) -> tuple[float, float]:
    """Median times of two actions run in turn, so that both meet the same load on a shared machine."""
    times = [(median_seconds(first, repeats=1, warmup=0), median_seconds(second, repeats=1, warmup=0))
             for _ in range(rounds)]
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def compare(name: str, scenario: Scenario):
    coarse = ablation_problem(scenario)
    yield (f"ablation.full_simulation{name}",
           median_seconds(lambda: (forget_runs(), simulate(scenario)), repeats=9) * 1e3, "ms")
    fast_time, same_grid_time = paired_seconds(lambda: solve(coarse, DURATION_S),
                                               lambda: solve_explicit(coarse, DURATION_S))
    reference = solve(ablation_problem(scenario, REFERENCE[0]), DURATION_S, REFERENCE[1][scenario.modality])
    check = solve(ablation_problem(scenario, CHECK[0]), DURATION_S, CHECK[1][scenario.modality])
    fast = errors(scenario, solve(coarse, DURATION_S), reference)
    yield (f"ablation.reference_check{name}.max_temperature_error", errors(scenario, check, reference)[0],
           "°C")
    yield f"ablation.fast_solver{name}", fast_time * 1e3, "ms"
    yield f"ablation.fast_solver{name}.max_temperature_error", fast[0], "°C"
    yield f"ablation.fast_solver{name}.zone_edge_error", fast[1], "mm"
    rungs = []
    for spacing in LADDER[scenario.modality]:
        problem = ablation_problem(scenario, spacing)
        if spacing == 1.0:
            seconds = same_grid_time
        else:
            seconds = median_seconds(lambda p=problem: solve_explicit(p, DURATION_S),
                                     repeats=5 if spacing > 1 else 1, warmup=1 if spacing > 1 else 0)
        result = solve_explicit(problem, DURATION_S)
        error = errors(scenario, result, reference)
        rungs.append((spacing, result.time_step_s, seconds, error))
        label = f"ablation.explicit{name}.grid_{spacing:g}mm"
        yield f"{label}.time_step", result.time_step_s, "s"
        yield f"{label}.time", seconds * 1e3, "ms"
        yield f"{label}.max_temperature_error", error[0], "°C"
        yield f"{label}.zone_edge_error", error[1], "mm"
    same_grid = next(rung for rung in rungs if rung[0] == 1.0)
    yield f"ablation.explicit_same_grid{name}", same_grid[2] * 1e3, "ms"
    yield f"ablation.speedup_same_grid{name}", same_grid[2] / fast_time, "x"
    matching = [rung for rung in rungs if rung[3][0] <= fast[0] and rung[3][1] <= fast[1]]
    chosen = min(matching, key=lambda rung: rung[2]) if matching else rungs[-1]
    yield f"ablation.explicit_equal_accuracy{name}", chosen[2] * 1e3, "ms"
    yield (f"ablation.explicit_equal_accuracy{name}.reached", float(bool(matching)),
           "(1 = yes, 0 = lower bound)")
    yield f"ablation.explicit_equal_accuracy{name}.grid", chosen[0], "mm"
    yield f"ablation.explicit_equal_accuracy{name}.time_step", chosen[1], "s"
    yield f"ablation.speedup_vs_explicit{name}", chosen[2] / fast_time, "x"


def control_change_seconds(modality: str, slider: str) -> float:
    """Median time from setting a slider to the new picture and verdict (runs are never reused)."""
    explorer = ablation_explorer()
    explorer.modality.value = modality
    control = getattr(explorer, slider)
    values = iter(range(10**6))

    def move_slider():
        forget_runs()
        control.value = control.min + (next(values) % 2) * control.step
        assert explorer.last_error is None

    return median_seconds(move_slider, repeats=9, warmup=2)


def margin_change_seconds() -> float:
    """The margin only changes how the same temperatures are judged, so the kept run is reused."""
    explorer = ablation_explorer()
    values = iter(range(10**6))

    def move_slider():
        explorer.margin.value = 5 + next(values) % 2
        assert explorer.last_error is None

    return median_seconds(move_slider, repeats=9, warmup=2)


def figures():
    for modality, scenario in SCENARIOS.items():
        yield from compare("" if modality == "rfa" else f".{modality}", scenario)
    yield "ablation.control_change_to_figure", control_change_seconds("rfa", "tumour") * 1e3, "ms"
    for modality in ("mwa", "cryo"):
        seconds = control_change_seconds(modality, "tumour")
        yield f"ablation.control_change_to_figure.{modality}", seconds * 1e3, "ms"
    yield "ablation.control_change_to_figure.margin_only", margin_change_seconds() * 1e3, "ms"
