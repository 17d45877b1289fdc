"""One heating or freezing problem on the cross-section, and what a solver returns for it.

Both solvers (the fast one in ``solver.py`` and the plain explicit one in ``explicit.py``)
take a ``BioheatProblem`` and return a ``BioheatRun``, so tests and the benchmark can compare
them on exactly the same problem.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geometry import Disc, Grid, bilinear_weights, check_discs
from .model_data import check_number
from .tissue import Tissue


@dataclass(frozen=True, eq=False)
class BioheatProblem:
    """Everything a solver needs.

    power_density: heat put into the tissue by the probe, W/m³ at each node (or None).
    initial_c: starting temperature at each node (°C); body temperature everywhere if None.
    freezing: use frozen-liver properties and latent heat below the freezing range (cryo).
    perfusion_shutdown: blood flow stops where heat has damaged the tissue (Arrhenius damage
        at the data file's threshold) or where the tissue is frozen.
    record_dose: also add up the thermal dose (CEM43).
    monitors_mm: points whose temperature is recorded after every step.
    """

    grid: Grid
    tissue: Tissue
    discs: tuple[Disc, ...] = ()
    power_density: np.ndarray | None = None
    initial_c: np.ndarray | None = None
    freezing: bool = False
    perfusion_shutdown: bool = True
    record_dose: bool = False
    monitors_mm: tuple[tuple[float, float], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.grid, Grid):
            raise ValueError(f"grid: expected a Grid, got {self.grid!r}")
        if not isinstance(self.tissue, Tissue):
            raise ValueError(f"tissue: expected a Tissue, got {type(self.tissue).__name__}")
        if not all(isinstance(disc, Disc) for disc in self.discs):
            raise ValueError("discs: every item must be a Disc")
        check_discs(self.grid, tuple(self.discs))
        shape = (self.grid.nodes, self.grid.nodes)
        for name in ("power_density", "initial_c"):
            value = getattr(self, name)
            if value is None:
                continue
            if not isinstance(value, np.ndarray) or value.shape != shape:
                raise ValueError(f"{name}: expected an array of shape {shape}, got "
                                 f"{getattr(value, 'shape', type(value).__name__)}")
            if not np.all(np.isfinite(value)):
                raise ValueError(f"{name}: contains values that are not finite numbers")
        if self.power_density is not None and self.power_density.min() < 0:
            raise ValueError(f"power_density: {self.power_density.min():g} W/m³ is negative; the probe "
                             "can only add heat")
        if self.initial_c is not None:
            check_number("initial_c (lowest)", float(self.initial_c.min()), -273.0, 1000.0, "°C")
            check_number("initial_c (highest)", float(self.initial_c.max()), -273.0, 1000.0, "°C")
        for point in self.monitors_mm:
            for axis, value in zip("xy", point, strict=True):
                check_number(f"monitors_mm {axis}", value, -self.grid.half_width_mm,
                             self.grid.half_width_mm, "mm")

    def initial_excess(self) -> np.ndarray:
        """Starting temperature above body temperature, θ = T − T_body, at every node."""
        if self.initial_c is None:
            return np.zeros((self.grid.nodes, self.grid.nodes))
        return self.initial_c - self.tissue.body_temperature

    def excess_bounds(self, fixed_c: np.ndarray, inside: np.ndarray) -> tuple[float, float]:
        """Lowest and highest θ the true solution can reach (maximum principle).

        Blood flow and the field's edge pull towards 0; discs hold their own values; a heat
        source can only raise temperatures, so with one there is no upper bound.
        """
        start = self.initial_excess()
        values = [0.0, float(start.min()), float(start.max())]
        if inside.any():
            held = fixed_c[inside] - self.tissue.body_temperature
            values += [float(held.min()), float(held.max())]
        high = np.inf if self.power_density is not None and self.power_density.max() > 0 else max(values)
        return min(values), high

    def monitor_sampler(self):
        """A function taking θ on the interior nodes and returning it at the monitor points.

        The field's edge nodes (not part of the interior) are at θ = 0.
        """
        points = np.asarray(self.monitors_mm, dtype=float).reshape(-1, 2)
        rows, cols, weights = bilinear_weights(self.grid, points[:, 0], points[:, 1])
        inner = self.grid.nodes - 2
        edge = (rows < 1) | (rows > inner) | (cols < 1) | (cols > inner)
        flat = np.where(edge, 0, (rows - 1) * inner + (cols - 1))
        weights = np.where(edge, 0.0, weights)
        return lambda interior: np.sum(interior.ravel()[flat] * weights, axis=-1)


@dataclass(frozen=True, eq=False)
class BioheatRun:
    """The result of solving a BioheatProblem for some time.

    temperature_c: at the end; damage: Arrhenius Ω; dose_cem43: minutes (None unless
    recorded); lowest_c: the lowest temperature each node reached; monitor_c: temperature at
    each monitor point (columns) after each step (rows), starting at time 0.
    """

    problem: BioheatProblem
    times_s: np.ndarray
    temperature_c: np.ndarray
    damage: np.ndarray
    dose_cem43: np.ndarray | None
    lowest_c: np.ndarray
    monitor_c: np.ndarray
    time_step_s: float
    method: str


def step_plan(duration_s: float, time_step_s: float) -> tuple[int, float]:
    """Number of equal steps covering ``duration_s`` with steps no longer than ``time_step_s``."""
    duration_s = check_number("duration_s", duration_s, 1e-3, 24 * 3600.0, "s")
    time_step_s = check_number("time_step_s", time_step_s, 1e-4, 600.0, "s")
    steps = max(1, int(np.ceil(duration_s / time_step_s - 1e-9)))
    return steps, duration_s / steps
