"""The plain explicit (FTCS) Pennes solver: the textbook reference the fast solver is checked against.

Forward Euler in time, the 5-point Laplacian in space, discs rounded to the nodes inside
them (reset to their temperature after every step). Stable only for
dt ≤ 2 / (8α/h² + β) in two dimensions, so a 10-minute run on a 1 mm grid needs hundreds of
steps, and every halving of the spacing needs four times as many steps on four times as many
nodes. Blood flow stops at the end of the step in which the damage reaches the threshold;
damage and dose use the trapezoidal rule, as in the fast solver.

Freezing uses the explicit enthalpy method: the heat flowing into each node is added to its
enthalpy, which is then converted back to temperature.
"""

from __future__ import annotations

import numpy as np

from .cell_death import arrhenius, perfusion_stops_at, thermal_dose
from .geometry import staircase
from .problem import BioheatProblem, BioheatRun, step_plan
from .tissue import PhaseChange

SAFETY = 0.95  # fraction of the stability limit used when no time step is given


def stability_limit(problem: BioheatProblem) -> float:
    """Largest stable FTCS step (s): 2 / (8α/h² + β), with frozen liver's α if the problem freezes."""
    if not isinstance(problem, BioheatProblem):
        raise ValueError(f"problem: expected a BioheatProblem, got {type(problem).__name__}")
    tissue, h = problem.tissue, problem.grid.spacing_m
    if problem.freezing:
        capacity = min(tissue.heat_capacity, tissue.frozen_heat_capacity)
        diffusivity = max(tissue.conductivity, tissue.frozen_conductivity) / capacity
        loss = tissue.perfusion_coefficient / capacity
    else:
        diffusivity, loss = tissue.diffusivity, tissue.perfusion_rate
    return 2.0 / (8.0 * diffusivity / h ** 2 + loss)


def stable_time_step(problem: BioheatProblem) -> float:
    """The step used when none is given: the stability limit times a small safety factor."""
    return SAFETY * stability_limit(problem)


def _laplacian(theta: np.ndarray, out: np.ndarray, h2: float) -> np.ndarray:
    out[1:-1, 1:-1] = (theta[2:, 1:-1] + theta[:-2, 1:-1] + theta[1:-1, 2:] + theta[1:-1, :-2]
                       - 4.0 * theta[1:-1, 1:-1]) / h2
    return out


def _face_flux(theta: np.ndarray, conductivity: np.ndarray, h2: float) -> np.ndarray:
    """∇·(k∇θ) with the mean conductivity of the two nodes on each face."""
    flux = np.zeros(theta.shape)
    across = 0.5 * (conductivity[:, 1:] + conductivity[:, :-1]) * np.diff(theta, axis=1) / h2
    down = 0.5 * (conductivity[1:, :] + conductivity[:-1, :]) * np.diff(theta, axis=0) / h2
    flux[:, :-1] += across
    flux[:, 1:] -= across
    flux[:-1, :] += down
    flux[1:, :] -= down
    return flux


def solve_explicit(problem: BioheatProblem, duration_s: float,
                   time_step_s: float | None = None) -> BioheatRun:
    """Run ``problem`` with forward Euler steps; the step defaults to just under the stability limit."""
    limit = stability_limit(problem)
    time_step_s = stable_time_step(problem) if time_step_s is None else time_step_s
    if time_step_s > limit:
        raise ValueError(f"time_step_s: {time_step_s:g} s is above the explicit stability limit "
                         f"{limit:.3g} s for a {problem.grid.spacing_mm:g} mm grid")
    steps, dt = step_plan(duration_s, time_step_s)
    tissue, grid = problem.tissue, problem.grid
    body, h2 = tissue.body_temperature, grid.spacing_m ** 2
    inside, fixed_c = staircase(grid, problem.discs)
    held = inside.copy()
    held[0, :] = held[-1, :] = held[:, 0] = held[:, -1] = True  # the field's edge stays at body temperature
    held_value = np.where(inside, fixed_c - body, 0.0)
    theta = problem.initial_excess().copy()
    theta[held] = held_value[held]
    heating = 0.0 if problem.power_density is None else problem.power_density
    sample = problem.monitor_sampler()
    traces = np.zeros((steps + 1, len(problem.monitors_mm)))
    traces[0] = sample(theta[1:-1, 1:-1]) + body
    lowest = theta.copy()
    damage = np.zeros(theta.shape)
    dose = np.zeros(theta.shape) if problem.record_dose else None

    if problem.freezing:
        phase = PhaseChange(tissue)
        enthalpy = phase.enthalpy(theta + body)
    else:
        damage_model, dose_model, shutdown = arrhenius(), thermal_dose(), perfusion_stops_at()
        rate = damage_model.rate(theta + body)
        dose_rate = dose_model.rate(theta + body) if dose is not None else None
        flow = np.full(theta.shape, tissue.perfusion_coefficient)
        laplacian = np.zeros(theta.shape)

    for step in range(1, steps + 1):
        if problem.freezing:
            temperature = theta + body
            flowing = temperature > tissue.freezing_starts if problem.perfusion_shutdown else 1.0
            gain = (_face_flux(theta, phase.conductivity(temperature), h2)
                    - tissue.perfusion_coefficient * flowing * theta + heating)
            enthalpy = enthalpy + dt * gain
            theta = np.where(held, held_value, phase.temperature(enthalpy) - body)
            enthalpy = np.where(held, phase.enthalpy(theta + body), enthalpy)
        else:
            change = tissue.conductivity * _laplacian(theta, laplacian, h2) - flow * theta + heating
            theta = theta + dt * change / tissue.heat_capacity
            theta[held] = held_value[held]
            new_rate = damage_model.rate(theta + body)
            damage += 0.5 * dt * (rate + new_rate)
            rate = new_rate
            if dose is not None:
                new_dose_rate = dose_model.rate(theta + body)
                dose += 0.5 * dt * (dose_rate + new_dose_rate)
                dose_rate = new_dose_rate
            if problem.perfusion_shutdown:
                flow[damage >= shutdown] = 0.0
        np.minimum(lowest, theta, out=lowest)
        traces[step] = sample(theta[1:-1, 1:-1]) + body

    return BioheatRun(problem, np.linspace(0.0, steps * dt, steps + 1), theta + body, damage, dose,
                      lowest + body, traces, dt, f"explicit FTCS, {grid.spacing_mm:g} mm grid, dt {dt:.3g} s")
