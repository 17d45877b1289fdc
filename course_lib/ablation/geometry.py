"""The cross-section through the probe: a square of liver sampled on a grid of nodes.

Discs held at a fixed temperature stand for the heated core around an RFA probe, a
cryoprobe, and a blood vessel. The fast solver places each disc's edge exactly between grid
nodes (an embedded boundary), so that moving a vessel by half a millimetre moves its
effect by half a millimetre. The plain explicit solver rounds each disc to the nodes inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model_data import check_number

DIRECTIONS = {"x-": (-1, 0), "x+": (1, 0), "y-": (0, -1), "y+": (0, 1)}
SMALLEST_GAP = 1e-3  # fraction of a spacing; closer walls are moved out to this distance


@dataclass(frozen=True)
class Grid:
    """Square field from −half_width to +half_width (mm) in both directions, nodes every ``spacing``.

    Arrays on the grid are indexed [row, column] = [y, x]. The outer edge is held at body
    temperature: it stands for liver far from the probe.
    """

    half_width_mm: float = 50.0
    spacing_mm: float = 1.0

    def __post_init__(self) -> None:
        check_number("half_width_mm", self.half_width_mm, 5.0, 500.0, "mm")
        check_number("spacing_mm", self.spacing_mm, 0.05, 5.0, "mm")
        cells = self.half_width_mm / self.spacing_mm
        if abs(cells - round(cells)) > 1e-9:
            raise ValueError(f"spacing_mm: {self.spacing_mm!r} must divide half_width_mm "
                             f"({self.half_width_mm!r}) into whole steps")

    @property
    def nodes(self) -> int:
        return 2 * round(self.half_width_mm / self.spacing_mm) + 1

    @property
    def spacing_m(self) -> float:
        return self.spacing_mm * 1e-3

    @property
    def coordinates_mm(self) -> np.ndarray:
        return np.linspace(-self.half_width_mm, self.half_width_mm, self.nodes)

    def mesh_mm(self) -> tuple[np.ndarray, np.ndarray]:
        """x and y of every node, each of shape (nodes, nodes)."""
        return np.meshgrid(self.coordinates_mm, self.coordinates_mm)


@dataclass(frozen=True)
class Disc:
    """A disc held at ``temperature_c``. ``tissue`` says whether what is inside is liver."""

    name: str
    x_mm: float
    y_mm: float
    radius_mm: float
    temperature_c: float
    tissue: bool

    def __post_init__(self) -> None:
        check_number(f"{self.name}.x_mm", self.x_mm, -500.0, 500.0, "mm")
        check_number(f"{self.name}.y_mm", self.y_mm, -500.0, 500.0, "mm")
        check_number(f"{self.name}.radius_mm", self.radius_mm, 0.5, 100.0, "mm")
        check_number(f"{self.name}.temperature_c", self.temperature_c, -273.0, 1000.0, "°C")

    def distance_mm(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.hypot(x - self.x_mm, y - self.y_mm)


@dataclass(frozen=True)
class Embedding:
    """The discs on a grid.

    ``inside``: nodes inside a disc; ``fixed_c``: their temperatures. For each direction in
    DIRECTIONS, ``wall[d]`` marks nodes with a disc edge before (or at) the next node in that
    direction, ``gap[d]`` is the distance to that edge as a fraction of the spacing (1 where
    there is none), and ``wall_c[d]`` the edge's temperature.
    """

    inside: np.ndarray
    fixed_c: np.ndarray
    wall: dict[str, np.ndarray]
    gap: dict[str, np.ndarray]
    wall_c: dict[str, np.ndarray]


def check_discs(grid: Grid, discs: tuple[Disc, ...]) -> None:
    """ValueError if a disc reaches the edge of the field or two discs touch."""
    limit = grid.half_width_mm - 2 * grid.spacing_mm
    for disc in discs:
        if max(abs(disc.x_mm), abs(disc.y_mm)) + disc.radius_mm > limit:
            raise ValueError(f"{disc.name}: a disc of radius {disc.radius_mm:g} mm at "
                             f"({disc.x_mm:g}, {disc.y_mm:g}) mm reaches the edge of the field "
                             f"(±{grid.half_width_mm:g} mm)")
    for first, disc in enumerate(discs):
        for other in discs[first + 1:]:
            apart = np.hypot(disc.x_mm - other.x_mm, disc.y_mm - other.y_mm)
            if apart < disc.radius_mm + other.radius_mm + grid.spacing_mm:
                raise ValueError(f"{disc.name} and {other.name} overlap or touch: their edges are "
                                 f"{apart - disc.radius_mm - other.radius_mm:.1f} mm apart, less "
                                 f"than one grid spacing")


def embed(grid: Grid, discs: tuple[Disc, ...]) -> Embedding:
    """Where each disc lies on the grid, with its edges placed between nodes."""
    inside, fixed = staircase(grid, discs)
    x, y = grid.mesh_mm()
    walls, gap, wall_c = {}, {}, {}
    h = grid.spacing_mm
    for direction, (dx, dy) in DIRECTIONS.items():
        found = np.zeros(x.shape, dtype=bool)
        fraction = np.ones(x.shape)
        temperature = np.zeros(x.shape)
        for disc in discs:
            # Along the ray node + t·(dx, dy), t in (0, h], find where it first enters the disc.
            px, py = x - disc.x_mm, y - disc.y_mm
            b = px * dx + py * dy
            c = px * px + py * py - disc.radius_mm ** 2
            disc_term = b * b - c
            t = -b - np.sqrt(np.maximum(disc_term, 0.0))
            hit = (c > 0) & (disc_term > 0) & (t > 0) & (t <= h * (1 + 1e-12))
            closer = hit & (~found | (t / h < fraction))
            found |= closer
            fraction = np.where(closer, np.maximum(t / h, SMALLEST_GAP), fraction)
            temperature = np.where(closer, disc.temperature_c, temperature)
        # A ray that only grazes a disc at the next node (tangent) still meets that node's wall.
        neighbour_inside, neighbour_c = _shifted(inside, dx, dy), _shifted(fixed, dx, dy)
        grazing = neighbour_inside & ~found
        temperature = np.where(grazing, neighbour_c, temperature)
        found |= grazing
        found &= ~inside
        fraction[inside | grazing] = 1.0
        walls[direction], gap[direction], wall_c[direction] = found, fraction, temperature
    return Embedding(inside, fixed, walls, gap, wall_c)


def _shifted(array: np.ndarray, dx: int, dy: int) -> np.ndarray:
    """The value at the neighbouring node (x + dx, y + dy) for every node; edge nodes get zeros."""
    out = np.zeros_like(array)
    rows, cols = array.shape
    out[max(0, -dy):rows - max(0, dy), max(0, -dx):cols - max(0, dx)] = \
        array[max(0, dy):rows - max(0, -dy), max(0, dx):cols - max(0, -dx)]
    return out


def staircase(grid: Grid, discs: tuple[Disc, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The discs rounded to the grid: (nodes inside a disc, their temperatures)."""
    check_discs(grid, discs)
    x, y = grid.mesh_mm()
    inside = np.zeros(x.shape, dtype=bool)
    fixed = np.zeros(x.shape)
    for disc in discs:
        here = disc.distance_mm(x, y) <= disc.radius_mm
        inside |= here
        fixed[here] = disc.temperature_c
    return inside, fixed


def bilinear_weights(grid: Grid, x_mm: np.ndarray, y_mm: np.ndarray):
    """Rows, columns and weights of the four nodes around each point (arrays of shape (..., 4))."""
    h = grid.spacing_mm
    fx = (np.asarray(x_mm, dtype=float) + grid.half_width_mm) / h
    fy = (np.asarray(y_mm, dtype=float) + grid.half_width_mm) / h
    last = grid.nodes - 1
    i0 = np.clip(np.floor(fx).astype(int), 0, last - 1)
    j0 = np.clip(np.floor(fy).astype(int), 0, last - 1)
    tx = np.clip(fx - i0, 0.0, 1.0)
    ty = np.clip(fy - j0, 0.0, 1.0)
    rows = np.stack([j0, j0, j0 + 1, j0 + 1], axis=-1)
    cols = np.stack([i0, i0 + 1, i0, i0 + 1], axis=-1)
    weights = np.stack([(1 - ty) * (1 - tx), (1 - ty) * tx, ty * (1 - tx), ty * tx], axis=-1)
    return rows, cols, weights


def bilinear(grid: Grid, field: np.ndarray, x_mm: np.ndarray, y_mm: np.ndarray) -> np.ndarray:
    """``field`` (on the grid's nodes) interpolated linearly at the given points."""
    rows, cols, weights = bilinear_weights(grid, x_mm, y_mm)
    return np.sum(field[rows, cols] * weights, axis=-1)
