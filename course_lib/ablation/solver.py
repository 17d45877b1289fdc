"""The fast Pennes bioheat solver: large implicit time steps made of line-by-line (ADI) solves.

Equation (θ = T − T_body): C ∂θ/∂t = ∇·(k∇θ) − B·θ + Q, with C = ρc, B = ω ρ_b c_b and Q
the probe's power density; discs (probe core, vessel) are held at fixed temperatures.

Space. The standard 5-point finite differences. Where a disc's edge falls between two nodes,
the node next to it uses the true distance to the edge (Shortley–Weller), written as a
symmetric finite-volume row, so every grid line is a symmetric positive-definite tridiagonal
system, solved for all lines at once with LAPACK ``pttrf``/``pttrs``.

Time, heating (RFA, microwave). Each step is an implicit step in delta form (Douglas ADI):
the full right-hand side F(θ) is evaluated, then (C' + τK_x)·C'⁻¹·(C' + τK_y)·Δθ = τ·F(θ)
is solved one direction at a time. A steady state is therefore exact whatever the step.
Blood flow enters C' with the weight that makes the decay of a uniform excess exact
(e^(−βτ)). Two half steps and one full step are combined by Richardson extrapolation
(2·half∘half − full), which makes the step second-order accurate. The first steps are
shorter (dt/8, dt/8, dt/4, dt/2) to follow the sharp switch-on, and every result is clipped
to the bounds the exact solution obeys (maximum principle). The step is 40 s on the 1 mm grid
(τ·α/h² ≈ 5): on the benchmark problems its time error is smaller than the 1 mm grid's
spatial error, the decaying-Gaussian check stays within 1 %, and halving the step changes
the zone by less than 2 % even at the strongest settings (tests/test_ablation_inputs.py).
For constant coefficients this scheme is unconditionally stable; with embedded discs that is
not proven, so the tests check the corners of every control's range.

Blood flow stops where Arrhenius damage reaches the threshold (Chang & Nguyen 2004). The
moment of crossing within a step is estimated from the damage rate, so the shutdown is not
delayed to the end of the step. Damage and thermal dose use the trapezoidal rule.

Time, freezing (cryo). The same delta-form ADI step, without Richardson. Conductivity and
blood flow are taken at the predicted mid-step temperature, heat capacity as the enthalpy
chord over the step, and the heat gained is converted back to temperature through the
enthalpy, so latent heat is never skipped. Blood flow stops in frozen tissue. Heat capacity
and conductivity jump at the ice front, and there steps of about 5 s (at 1 mm) were seen to
overshoot and then oscillate; the step is therefore 3 s on the 1 mm grid (τ·α/h² ≈ 3 for
frozen liver), and steps above 4 s are refused. A more implicit weighting allows longer
steps but makes the lowest temperatures overshoot while the ice front passes. The freezing
steps work only inside a window around the cold (see WINDOW_THRESHOLD_C), and each line
system is factorised and solved in one LAPACK call (``dptsv``), because it changes every step.
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import lapack

from .cell_death import arrhenius, perfusion_stops_at, thermal_dose
from .geometry import Embedding, embed
from .problem import BioheatProblem, BioheatRun, step_plan
from .tissue import PhaseChange

# Time steps on the 1 mm grid; on other grids they scale with the square of the spacing, so the
# stiffness number τ·α/h² stays the same (about 5 for living liver, 3 for frozen liver).
HEATING_STEP_S = 40.0
FREEZING_STEP_S = 3.0
FREEZING_LONGEST_STEP_S = 4.0  # above about 5 s (at 1 mm) the freezing steps were seen to oscillate
_INTERIOR = (slice(1, -1), slice(1, -1))


class _Lines:
    """The grid lines along one axis (interior nodes only), stored so that each line is a row."""

    def __init__(self, problem: BioheatProblem, embedding: Embedding, axis: int):
        grid, body = problem.grid, problem.tissue.body_temperature
        minus, plus = ("x-", "x+") if axis == 1 else ("y-", "y+")

        def orient(array: np.ndarray) -> np.ndarray:
            inner = array[_INTERIOR]
            return np.ascontiguousarray(inner if axis == 1 else inner.T)

        self.axis = axis
        fixed = orient(embedding.inside)
        a, b = orient(embedding.gap[minus]), orient(embedding.gap[plus])
        wall_before, wall_after = orient(embedding.wall[minus]), orient(embedding.wall[plus])
        h2 = grid.spacing_m ** 2
        self.fixed = fixed
        self.fixed_excess = np.where(fixed, orient(embedding.fixed_c) - body, 0.0)
        # Finite-volume weight: half the distance between the neighbours (1 on a regular row).
        self.weight = np.where(fixed, 0.0, 0.5 * (a + b))
        # link[i, j]: 1/h² if node j is coupled to node j+1 along the line, else 0.
        linked = ~fixed[:, :-1] & ~fixed[:, 1:] & ~wall_after[:, :-1] & ~wall_before[:, 1:]
        self.link = np.zeros(fixed.shape)
        self.link[:, :-1] = np.where(linked, 1.0 / h2, 0.0)
        self.half_link = 0.5 * self.link[:, :-1]
        self.inverse_weight = np.divide(1.0, self.weight, out=np.zeros(fixed.shape), where=~fixed)
        # Conductance to a disc edge or to the field's edge (both at a fixed temperature).
        edge = (1.0 / a + 1.0 / b) / h2 - self.link
        edge[:, 1:] -= self.link[:, :-1]
        self.edge = np.where(fixed, 0.0, edge)
        wall_a = np.where(wall_before, (orient(embedding.wall_c[minus]) - body) / (a * h2), 0.0)
        wall_b = np.where(wall_after, (orient(embedding.wall_c[plus]) - body) / (b * h2), 0.0)
        self.wall = np.where(fixed, 0.0, wall_a + wall_b)

    def factor(self, diagonal: np.ndarray, off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """LDLᵀ factors of the stacked tridiagonal system (all lines at once)."""
        d, e, info = lapack.dpttrf(diagonal.ravel(), off.ravel()[:-1])
        if info != 0:
            raise FloatingPointError(f"the line system is not positive definite (LAPACK info {info})")
        return d, e


def _solve(factors: tuple[np.ndarray, np.ndarray], rhs: np.ndarray) -> np.ndarray:
    x, info = lapack.dpttrs(factors[0], factors[1], rhs.ravel(), overwrite_b=1)
    if info != 0:
        raise FloatingPointError(f"line solve failed (LAPACK info {info})")
    return x.reshape(rhs.shape)


def _full(problem: BioheatProblem, interior: np.ndarray) -> np.ndarray:
    """An interior field padded with the field's edge (θ = 0: body temperature)."""
    n = problem.grid.nodes
    out = np.zeros((n, n))
    out[_INTERIOR] = interior
    return out


class _Conduction:
    """∇·(k∇θ) on the interior nodes for a conductivity field k, and the matching line solves.

    ``flux(θ)`` uses the same finite-volume rows as the line solves (divided by their
    weights), so a steady state of the time stepping is an exact steady state of the
    discrete equations.
    """

    def __init__(self, lines: tuple[_Lines, _Lines], conductivity: np.ndarray | float):
        self.lines = lines
        self.axes = []
        for line in lines:
            if np.isscalar(conductivity):
                own, face = conductivity, conductivity * line.link
            else:
                own = conductivity if line.axis == 1 else np.ascontiguousarray(conductivity.T)
                face = np.zeros(own.shape)
                np.add(own[:, :-1], own[:, 1:], out=face[:, :-1])
                face[:, :-1] *= line.half_link
            diagonal = own * line.edge + face
            diagonal[:, 1:] += face[:, :-1]
            self.axes.append((diagonal, face, own * line.wall))
        self._stencil = None

    def flux(self, theta: np.ndarray) -> np.ndarray:
        """Net heat conducted into each node, W/m³ (zero on fixed nodes)."""
        if self._stencil is None:
            return self._flux_by_line(theta)
        centre, constant, right, left, up, below = self._stencil
        out = centre * theta
        out += constant
        out[:, :-1] += right * theta[:, 1:]
        out[:, 1:] += left * theta[:, :-1]
        out[:-1, :] += up * theta[1:, :]
        out[1:, :] += below * theta[:-1, :]
        return out

    def _flux_by_line(self, theta: np.ndarray) -> np.ndarray:
        total = None
        for line, (diagonal, face, wall) in zip(self.lines, self.axes, strict=True):
            along = theta if line.axis == 1 else np.ascontiguousarray(theta.T)
            out = wall - diagonal * along
            out[:, :-1] += face[:, :-1] * along[:, 1:]
            out[:, 1:] += face[:, :-1] * along[:, :-1]
            out *= line.inverse_weight
            total = out if total is None else total + out.T
        return total

    def keep_stencil(self) -> _Conduction:
        """Precompute the flux as a 5-point stencil in the [y, x] orientation (worth it when reused)."""
        (across, (x_diagonal, x_face, x_wall)), (down, (y_diagonal, y_face, y_wall)) = zip(
            self.lines, self.axes, strict=True)
        self._stencil = (
            -(x_diagonal * across.inverse_weight + (y_diagonal * down.inverse_weight).T),
            x_wall * across.inverse_weight + (y_wall * down.inverse_weight).T,
            x_face[:, :-1] * across.inverse_weight[:, :-1],  # node j, from node j+1
            x_face[:, :-1] * across.inverse_weight[:, 1:],   # node j+1, from node j
            np.ascontiguousarray((y_face[:, :-1] * down.inverse_weight[:, :-1]).T),
            np.ascontiguousarray((y_face[:, :-1] * down.inverse_weight[:, 1:]).T))
        return self

    def factors(self, hold: np.ndarray | float, tau: float) -> list[tuple[np.ndarray, np.ndarray]]:
        """Factors of (W·hold + τ·K) along each axis; ``hold`` is C + τB (J/m³/K)."""
        result = []
        for line, (diagonal, face, _) in zip(self.lines, self.axes, strict=True):
            held = hold if np.isscalar(hold) or line.axis == 1 else hold.T
            matrix = line.weight * held + tau * diagonal + line.fixed
            result.append(line.factor(matrix, -tau * face))
        return result

    def change(self, factors: list, hold: np.ndarray | float, tau_rate: np.ndarray) -> np.ndarray:
        """Δθ from (hold + τK_x)·hold⁻¹·(hold + τK_y)·Δθ = τ·rate (factorised)."""
        across, down = self.lines
        x = _solve(factors[0], tau_rate * across.weight)
        held = down.weight * hold if np.isscalar(hold) else down.weight * hold.T
        return _solve(factors[1], x.T * held).T


def solve(problem: BioheatProblem, duration_s: float, time_step_s: float | None = None) -> BioheatRun:
    """Run ``problem`` for ``duration_s`` seconds and return the temperatures, damage and traces."""
    if not isinstance(problem, BioheatProblem):
        raise ValueError(f"problem: expected a BioheatProblem, got {type(problem).__name__}")
    scale = problem.grid.spacing_mm ** 2
    if problem.freezing:
        longest = FREEZING_LONGEST_STEP_S * scale
        if time_step_s is not None and time_step_s > longest:
            raise ValueError(f"time_step_s: {time_step_s:g} s is too long for freezing on a "
                             f"{problem.grid.spacing_mm:g} mm grid; allowed: up to {longest:.3g} s")
        step = FREEZING_STEP_S * scale if time_step_s is None else time_step_s
        return _solve_freezing(problem, duration_s, step)
    return _solve_heating(problem, duration_s, HEATING_STEP_S * scale if time_step_s is None else time_step_s)


class _Recorder:
    """Monitor traces and lowest temperatures, shared by both kinds of stepping."""

    def __init__(self, problem: BioheatProblem, steps: int, theta: np.ndarray):
        self.problem, self.body = problem, problem.tissue.body_temperature
        self.sample = problem.monitor_sampler()
        self.traces = np.zeros((steps + 1, len(problem.monitors_mm)))
        self.lowest = theta.copy()
        self.record(0, theta)

    def record(self, step: int, theta: np.ndarray) -> None:
        if len(self.problem.monitors_mm):
            self.traces[step] = self.sample(theta) + self.body
        np.minimum(self.lowest, theta, out=self.lowest)


def _time_steps(duration_s: float, time_step_s: float) -> list[float]:
    """Steps of ``time_step_s``, preceded by a ramp dt/8, dt/8, dt/4, dt/2 (which sums to dt).

    The ramp resolves the sharp start (a probe switched on at full strength), where one
    large step would overshoot; the last step is shortened to end exactly at ``duration_s``.
    """
    steps, dt = step_plan(duration_s, time_step_s)
    if steps < 2:
        return [dt] * steps
    dt = time_step_s
    plan = [dt / 8, dt / 8, dt / 4, dt / 2]
    whole = int(np.floor((duration_s - dt) / dt + 1e-9))
    plan += [dt] * whole
    rest = duration_s - dt * (whole + 1)
    if rest > 1e-9 * dt:
        plan.append(rest)
    return plan


def _start(problem: BioheatProblem):
    """Embedding, line geometry and the starting θ on the interior nodes."""
    embedding = embed(problem.grid, problem.discs)
    lines = (_Lines(problem, embedding, 1), _Lines(problem, embedding, 0))
    theta = problem.initial_excess()[_INTERIOR].copy()
    fixed = lines[0].fixed
    theta[fixed] = lines[0].fixed_excess[fixed]
    return embedding, lines, theta


def _solve_heating(problem: BioheatProblem, duration_s: float, time_step_s: float) -> BioheatRun:
    plan = _time_steps(duration_s, time_step_s)
    tissue = problem.tissue
    embedding, lines, theta = _start(problem)
    capacity, blood, beta = tissue.heat_capacity, tissue.perfusion_coefficient, tissue.perfusion_rate
    conduction = _Conduction(lines, tissue.conductivity).keep_stencil()
    power = 0.0
    if problem.power_density is not None:
        power = np.where(lines[0].fixed, 0.0, problem.power_density[_INTERIOR])
    factors: dict[float, list] = {}

    def change(tau: float, rate: np.ndarray) -> np.ndarray:
        """One implicit step in delta form (Douglas), as a change of θ.

        Blood flow enters the implicit part with the weight that makes the decay of a uniform
        excess exact, e^(−βτ), instead of backward Euler's 1/(1 + βτ).
        """
        hold = capacity + _fitted_weight(tau * beta) * tau * blood
        if tau not in factors:
            factors[tau] = conduction.factors(hold, tau)
        return conduction.change(factors[tau], hold, tau * rate)

    def heat_gain(theta: np.ndarray, flowing: np.ndarray | float) -> np.ndarray:
        return conduction.flux(theta) - blood * flowing * theta + power

    low, high = problem.excess_bounds(embedding.fixed_c, embedding.inside)
    body = tissue.body_temperature
    damage_model, dose_model = arrhenius(), thermal_dose()
    shutdown = perfusion_stops_at()
    damage = np.zeros(theta.shape)
    rate = damage_model.rate(theta + body)
    previous_rate, previous_dt = None, 1.0
    dose = np.zeros(theta.shape) if problem.record_dose else None
    dose_rate = dose_model.rate(theta + body) if problem.record_dose else None
    recorder = _Recorder(problem, len(plan), theta)

    for step, dt in enumerate(plan, start=1):
        flowing: np.ndarray | float = 1.0
        if problem.perfusion_shutdown and blood > 0:
            flowing = 1.0 - _stopped_fraction(damage, rate, previous_rate, dt / previous_dt, dt, shutdown)
        now = heat_gain(theta, flowing)
        full = theta + change(dt, now)
        half = theta + change(dt / 2, now)
        half += change(dt / 2, heat_gain(half, flowing))
        theta = np.clip(2 * half - full, low, high)
        new_rate = damage_model.rate(theta + body)
        damage += 0.5 * dt * (rate + new_rate)
        previous_rate, rate, previous_dt = rate, new_rate, dt
        if dose is not None:
            new_dose_rate = dose_model.rate(theta + body)
            dose += 0.5 * dt * (dose_rate + new_dose_rate)
            dose_rate = new_dose_rate
        recorder.record(step, theta)

    return BioheatRun(problem, np.concatenate([[0.0], np.cumsum(plan)]), _full(problem, theta) + body,
                      _full(problem, damage), None if dose is None else _full(problem, dose),
                      _full(problem, recorder.lowest) + body, recorder.traces, max(plan),
                      "fast: ADI (Douglas) backward Euler + Richardson, embedded discs")


def _fitted_weight(z: float) -> float:
    """γ with 1 − z/(1 + γz) = e^(−z): the implicit weight that makes a step of pure decay exact."""
    if z < 1e-6:
        return 0.5
    return 1.0 / -np.expm1(-z) - 1.0 / z


def _stopped_fraction(damage: np.ndarray, rate: np.ndarray, previous_rate: np.ndarray | None,
                      step_ratio: float, dt: float, threshold: float) -> np.ndarray:
    """Fraction of the coming step during which each node's blood flow has stopped.

    The damage rate is assumed to keep growing as it did over the last step (scaled to the
    new step length); the threshold crossing is then placed by linear interpolation.
    """
    if previous_rate is None:
        predicted_rate = rate
    else:
        growth = np.divide(rate, previous_rate, out=np.ones_like(rate), where=previous_rate > 0)
        predicted_rate = rate * np.clip(growth, 1.0, 1e3) ** step_ratio
    ahead = damage + 0.5 * dt * (rate + predicted_rate)
    crossing = np.divide(threshold - damage, ahead - damage, out=np.ones_like(damage), where=ahead > damage)
    stopped = 1.0 - np.clip(crossing, 0.0, 1.0)
    stopped[damage >= threshold] = 1.0
    return stopped


# Freezing is computed only inside a window (a box of nodes) around the cold: beyond it the
# tissue is still at body temperature to within WINDOW_THRESHOLD_C and is left exactly there
# (the window's edge is held at body temperature, which errs by at most that much). The window
# grows by WINDOW_GROWTH nodes on a side as soon as the cold reaches its outer WINDOW_BORDER
# rows or columns, and covers the whole field if it has to. Blood flow makes the cold's tail
# fall off exponentially (by e every few millimetres), so a threshold of 0.05 °C keeps the
# window much smaller than 1e-3 °C would (which reached the whole 10 cm field), while changing
# the result by only about 0.03 °C, far below the solver's own error against a fine reference.
WINDOW_THRESHOLD_C = 0.05
WINDOW_BORDER = 2
WINDOW_GROWTH = 3


class _WindowAxis:
    """The grid lines along one axis, cut to a window (rows a0:a1 of lines, nodes b0:b1 along them).

    The link from a window edge node to the node just outside becomes a conductance to body
    temperature (θ = 0), like the field's own edge. The lines are kept flat, one after the
    other, as LAPACK sees them: neighbours along a line are then neighbours in memory, and the
    last node of a line has no link to the first node of the next.
    """

    def __init__(self, line: _Lines, a0: int, a1: int, b0: int, b1: int):
        cut = (slice(a0, a1), slice(b0, b1))
        link = line.link[cut].copy()
        edge = line.edge[cut].copy()
        if b0 > 0:
            edge[:, 0] += line.link[a0:a1, b0 - 1]
        if b1 < line.link.shape[1]:
            edge[:, -1] += line.link[a0:a1, b1 - 1]
        link[:, -1] = 0.0
        # Minus half the link, so that the off-diagonal comes out with its own sign.
        self.minus_half_link = -0.5 * link.ravel()[:-1]
        self.edge = edge.ravel()
        self.weight = line.weight[cut].copy()
        self.inverse_weight = line.inverse_weight[cut].copy()
        self.wall = line.wall[cut].ravel()
        self.fixed = line.fixed[cut].astype(float).ravel()

    def operator(self, tk: np.ndarray, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(diagonal, off, flux) of τ·∇·(k∇θ) along this axis, for ``tk`` = τ·k (flat, in line order).

        ``diagonal`` and ``off`` are τK (``off`` is the off-diagonal, already negative) and
        ``flux`` is −τK·θ plus the walls' share, not yet divided by the finite-volume weight.
        """
        off = tk[:-1] + tk[1:]
        off *= self.minus_half_link
        diagonal = tk * self.edge
        diagonal[:-1] -= off
        diagonal[1:] -= off
        flux = tk * self.wall
        flux -= diagonal * theta
        flux[:-1] -= off * theta[1:]
        flux[1:] -= off * theta[:-1]
        return diagonal, off, flux

    def solve(self, diagonal: np.ndarray, off: np.ndarray, held: np.ndarray, rhs: np.ndarray) -> np.ndarray:
        """Solve (W·hold + τ·K)·x = rhs along every line at once (``held`` = W·hold; all flat).

        ``diagonal`` and ``off`` (from ``operator``) are used up.
        """
        diagonal += held
        diagonal += self.fixed
        # Factorise and solve in one LAPACK call (the matrix changes every step).
        _, _, x, info = lapack.dptsv(diagonal, off, rhs, overwrite_d=1, overwrite_e=1, overwrite_b=1)
        if info != 0:
            raise FloatingPointError(f"the line system is not positive definite (LAPACK info {info})")
        return x


class _Window:
    """Both axes' lines cut to the box rows r0:r1, columns c0:c1 of the interior nodes."""

    def __init__(self, lines: tuple[_Lines, _Lines], box: tuple[int, int, int, int]):
        r0, r1, c0, c1 = box
        self.box = box
        self.cut = (slice(r0, r1), slice(c0, c1))
        self.shape = (r1 - r0, c1 - c0)
        across, down = lines
        self.x = _WindowAxis(across, r0, r1, c0, c1)
        self.y = _WindowAxis(down, c0, c1, r0, r1)
        self.fixed = across.fixed[self.cut]
        # The y-lines' flux is divided by its own weight and multiplied by the x-lines' weight
        # (the x flux needs neither: its weight cancels, and both are zero on fixed nodes).
        self.y_flux_scale = (self.y.inverse_weight * self.x.weight.T).ravel()

    def grown(self, theta: np.ndarray, size: int) -> tuple[int, int, int, int]:
        """The box, widened on every side where the cold has reached the border (``theta``: window)."""
        r0, r1, c0, c1 = self.box
        band = WINDOW_BORDER

        def cold(strip: np.ndarray) -> bool:
            return bool(np.abs(strip).max() > WINDOW_THRESHOLD_C)

        if r0 > 0 and cold(theta[:band]):
            r0 = max(0, r0 - WINDOW_GROWTH)
        if r1 < size and cold(theta[-band:]):
            r1 = min(size, r1 + WINDOW_GROWTH)
        if c0 > 0 and cold(theta[:, :band]):
            c0 = max(0, c0 - WINDOW_GROWTH)
        if c1 < size and cold(theta[:, -band:]):
            c1 = min(size, c1 + WINDOW_GROWTH)
        return r0, r1, c0, c1


def _first_window(theta: np.ndarray, lines: tuple[_Lines, _Lines], power) -> tuple[int, int, int, int]:
    """The box around everything that differs from body temperature at the start, plus a margin."""
    size = theta.shape[0]
    active = (np.abs(theta) > WINDOW_THRESHOLD_C) | (np.abs(lines[0].fixed_excess) > WINDOW_THRESHOLD_C)
    if not np.isscalar(power):
        active |= power > 0
    if not active.any():
        return 0, size, 0, size
    rows, cols = np.flatnonzero(active.any(axis=1)), np.flatnonzero(active.any(axis=0))
    margin = WINDOW_GROWTH + WINDOW_BORDER
    return (max(0, rows[0] - margin), min(size, rows[-1] + 1 + margin),
            max(0, cols[0] - margin), min(size, cols[-1] + 1 + margin))


def _solve_freezing(problem: BioheatProblem, duration_s: float, time_step_s: float,
                    whole_field: bool = False) -> BioheatRun:
    """Freezing steps (see the module's notes); ``whole_field`` turns the window off (for tests)."""
    plan = _time_steps(duration_s, time_step_s)
    tissue = problem.tissue
    embedding, lines, theta = _start(problem)
    body, blood = tissue.body_temperature, tissue.perfusion_coefficient
    phase = PhaseChange(tissue)
    power = 0.0
    if problem.power_density is not None:
        power = np.where(lines[0].fixed, 0.0, problem.power_density[_INTERIOR])
    low, high = problem.excess_bounds(embedding.fixed_c, embedding.inside)
    recorder = _Recorder(problem, len(plan), theta)
    trend = np.zeros(theta.shape)  # change of θ per second over the last step
    size = theta.shape[0]
    window = _Window(lines, (0, size, 0, size) if whole_field else _first_window(theta, lines, power))
    shutdown = problem.perfusion_shutdown
    # Heat capacity by phase, as a function of the temperature: c0 + c1·[T > warm] + c2·[T ≤ cold].
    capacities = (phase.band_c, phase.living_c - phase.band_c, phase.frozen_c - phase.band_c)
    cut = window.cut
    enthalpy = phase.enthalpy(theta + body)
    # The window's own copies of θ, the enthalpy and the trend (contiguous, so that the many
    # whole-array operations run fast); they go back to the whole field when the window grows.
    old, here, rate = theta[cut].copy(), enthalpy[cut].copy(), trend[cut].copy()
    for step, dt in enumerate(plan, start=1):
        temperature = old + body
        # Properties for this step, taken where the temperature is heading: conductivity and
        # blood flow at mid-step, heat capacity as the enthalpy chord over the step.
        ahead = rate * dt
        ahead += old
        np.clip(ahead, low, high, out=ahead)
        span = ahead - old
        ahead += body
        middle = 0.5 * span
        middle += temperature
        capacity = (temperature > phase.warm) * capacities[1]
        capacity += (temperature <= phase.cold) * capacities[2]
        capacity += capacities[0]
        chord = np.divide(phase.enthalpy(ahead) - here, span, out=capacity, where=np.abs(span) > 1e-6)
        tk = phase.conductivity(middle)
        tk *= dt
        flowing = (middle > tissue.freezing_starts) * blood if shutdown else blood
        hold = dt * flowing
        hold += chord
        # The line operators work on τ·k, so that they come out already multiplied by τ.
        shape, across = window.shape, window.shape[::-1]
        x_diagonal, x_off, gain = window.x.operator(tk.ravel(), old.ravel())
        y_diagonal, y_off, y_flux = window.y.operator(np.ascontiguousarray(tk.T).ravel(),
                                                      np.ascontiguousarray(old.T).ravel())
        y_flux *= window.y_flux_scale
        gain = gain.reshape(shape)
        gain += y_flux.reshape(across).T
        loss = flowing * old
        if not np.isscalar(power):
            loss -= power[cut]
        loss *= window.x.weight
        loss *= dt
        gain -= loss
        # Douglas ADI: (hold + τK_x)·hold⁻¹·(hold + τK_y)·Δθ = τ·gain, one direction at a time.
        change = window.x.solve(x_diagonal, x_off, (window.x.weight * hold).ravel(), gain.ravel())
        held = window.y.weight * np.ascontiguousarray(hold.T)
        rhs = change.reshape(shape).T * held
        change = window.y.solve(y_diagonal, y_off, held.ravel(), rhs.ravel())
        # Enthalpy bookkeeping: the linear solve gives the heat gained; convert it back to temperature.
        here += change.reshape(across).T * chord
        new = phase.temperature(here)
        new -= body
        np.clip(new, low, high, out=new)
        np.copyto(new, old, where=window.fixed)
        np.subtract(new, old, out=rate)
        rate /= dt
        theta[cut] = new
        lowest = recorder.lowest[cut]
        np.minimum(lowest, new, out=lowest)
        if len(problem.monitors_mm):
            recorder.traces[step] = recorder.sample(theta) + body
        old = new
        if not whole_field:
            box = window.grown(new, size)
            if box != window.box:
                enthalpy[cut], trend[cut] = here, rate
                window = _Window(lines, box)
                cut = window.cut
                old, here, rate = theta[cut].copy(), enthalpy[cut].copy(), trend[cut].copy()

    zeros = np.zeros((problem.grid.nodes, problem.grid.nodes))
    return BioheatRun(problem, np.concatenate([[0.0], np.cumsum(plan)]), _full(problem, theta) + body,
                      zeros, None, _full(problem, recorder.lowest) + body, recorder.traces, max(plan),
                      "fast: ADI (Douglas) backward Euler with enthalpy correction, embedded discs")
