"""What an ablation achieved: the ablation zone, whether it covers tumour and margin, in plain words.

The zone's edge is found along 360 rays from the probe: along each ray, the first point
where the tissue is no longer counted as dead (interpolated between grid nodes). The
tumour is covered if every ray reaches the tumour's edge, and the safety margin is complete
if every ray reaches the tumour's edge plus the margin. Blood-vessel lumen is not tissue,
so a ray stops at a vessel. Between grid nodes the edge is found by linear interpolation;
next to a vessel this errs on the safe side (the zone looks up to a grid spacing smaller).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .cell_death import cold_kill_fraction, heat_death_model, heat_kill_fraction
from .geometry import Grid, bilinear
from .problem import BioheatRun
from .scenario import Scenario

RAYS = 360
LOG_CUT = 4.0  # about one millimetre of the usual slope of log(damage) at the zone's edge
VESSEL_SIDE_COS = 0.5  # rays within 60° of the direction of the vessel count as "beside the vessel"

MARGIN_COMPLETE = "margin complete"
MARGIN_INCOMPLETE = "margin incomplete"
HEAT_SINK = "heat sink"
NOT_COVERED = "tumour not covered"


@dataclass(frozen=True, eq=False)
class Outcome:
    """The result of one simulated ablation, ready to be shown."""

    scenario: Scenario
    run: BioheatRun
    kill: np.ndarray            # ≥ 0 where the tissue counts as dead (see cell_death)
    angles: np.ndarray          # ray directions, radians, 0 = towards the vessel (to the right)
    zone_radius_mm: np.ndarray  # distance from the probe to the zone's edge along each ray
    category: str
    verdict: str

    @property
    def zone_diameter_mm(self) -> float:
        """Diameter of the circle with the same area as the ablation zone."""
        area = 0.5 * np.sum(self.zone_radius_mm ** 2) * (2 * np.pi / len(self.angles))
        return float(2 * np.sqrt(area / np.pi))

    @property
    def margin_reached_mm(self) -> np.ndarray:
        """How far the zone reaches beyond the tumour's edge along each ray (negative: short of it)."""
        return self.zone_radius_mm - self.scenario.tumour_radius_mm

    @property
    def smallest_margin_mm(self) -> float:
        return float(self.margin_reached_mm.min())

    @property
    def tumour_covered(self) -> bool:
        return bool(np.all(self.margin_reached_mm >= 0))

    @property
    def margin_complete(self) -> bool:
        return bool(np.all(self.margin_reached_mm >= self.scenario.margin_mm))

    @property
    def vessel_side(self) -> np.ndarray:
        """Rays that point towards the vessel (all False when there is none)."""
        return (np.cos(self.angles) > VESSEL_SIDE_COS) & self.scenario.has_vessel


def _kill_field(scenario: Scenario, run: BioheatRun) -> np.ndarray:
    """≥ 0 where the tissue counts as dead, < 0 where it survives (and inside a vessel)."""
    if scenario.heating:
        kill = heat_kill_fraction(heat_death_model(scenario.cell_death), run.damage, run.dose_cem43)
        # Cut the logarithm at ±LOG_CUT: the sign (dead or alive) is unchanged, and tissue that got no
        # damage at all (a flat floor far below zero) no longer drags the interpolated edge towards it.
        kill = np.clip(kill, -LOG_CUT, LOG_CUT)
    else:
        kill = cold_kill_fraction(run.lowest_c, scenario.lethal_temperature_c)
    x, y = run.problem.grid.mesh_mm()
    for disc in run.problem.discs:
        if not disc.tissue:
            # The lumen is not tissue: give it the value of its wall, which is at blood temperature.
            wall = -LOG_CUT if scenario.heating else cold_kill_fraction(disc.temperature_c,
                                                                         scenario.lethal_temperature_c)
            kill = np.where(disc.distance_mm(x, y) <= disc.radius_mm, wall, kill)
    return kill


def _zone_edges(grid: Grid, kill: np.ndarray, angles: np.ndarray, reach_mm: float) -> np.ndarray:
    """Distance from the centre to the first point where ``kill`` drops below 0, along each ray."""
    step = grid.spacing_mm / 4
    radii = np.arange(0.0, reach_mm + step, step)
    x = np.outer(np.cos(angles), radii)
    y = np.outer(np.sin(angles), radii)
    values = bilinear(grid, kill, x, y)
    alive = values < 0
    first = np.where(alive.any(axis=1), alive.argmax(axis=1), len(radii) - 1)
    edges = radii[first].copy()
    inner = first > 0
    before, after = values[inner, first[inner] - 1], values[inner, first[inner]]
    edges[inner] = radii[first[inner] - 1] + step * before / (before - after)
    edges[first == 0] = 0.0
    return edges


def assess(scenario: Scenario, run: BioheatRun) -> Outcome:
    """The ablation zone of ``run`` and the plain-language verdict for ``scenario``."""
    if not isinstance(scenario, Scenario):
        raise ValueError(f"scenario: expected a Scenario, got {type(scenario).__name__}")
    if not isinstance(run, BioheatRun):
        raise ValueError(f"run: expected a BioheatRun, got {type(run).__name__}")
    grid = run.problem.grid
    kill = _kill_field(scenario, run)
    angles = np.linspace(0.0, 2 * np.pi, RAYS, endpoint=False)
    x, y = grid.mesh_mm()
    dead = kill >= 0
    farthest = float(np.hypot(x[dead], y[dead]).max()) if dead.any() else 0.0
    reach = min(farthest + 2 * grid.spacing_mm, grid.half_width_mm - 2 * grid.spacing_mm)
    radius = _zone_edges(grid, kill, angles, reach)
    draft = Outcome(scenario, run, kill, angles, radius, "", "")
    category = _category(draft)
    return Outcome(scenario, run, kill, angles, radius, category, _verdict_text(draft, category))


def _category(outcome: Outcome) -> str:
    if outcome.margin_complete:
        return MARGIN_COMPLETE
    if outcome.tumour_covered:
        return MARGIN_INCOMPLETE
    short = outcome.margin_reached_mm < 0
    if outcome.scenario.has_vessel and np.all(outcome.vessel_side[short]):
        return HEAT_SINK
    return NOT_COVERED


def _where(outcome: Outcome, failing: np.ndarray) -> str:
    """Plain words for where along the edge something is missing."""
    if outcome.scenario.has_vessel and np.all(outcome.vessel_side[failing]):
        return "on the right, beside the blood vessel"
    if failing.mean() > 0.9:
        return "all the way round"
    direction = np.angle(np.mean(np.exp(1j * outcome.angles[failing])))
    names = ("on the right", "at the top", "on the left", "at the bottom")
    return names[int(np.round(direction / (np.pi / 2))) % 4]


KEY = ("In the picture the tumour is the hatched circle, the safety margin is the dashed ring, "
       "and the edge of the ablation zone is the thick black line.")
COLOUR = {True: "Colour shows the temperature at the end: the darker the orange, the hotter.",
          False: "Colour shows the lowest temperature reached: the darker the blue, the colder."}


def _verdict_text(outcome: Outcome, category: str) -> str:
    """The verdict in short, plain sentences, including what the picture's lines show."""
    scenario = outcome.scenario
    margin = scenario.margin_mm
    size = f"The ablation zone is about {outcome.zone_diameter_mm:.0f} mm across."
    crosshatch = "Cross-hatching marks tissue that should have been treated but was not."
    if scenario.heating:
        sink = ("Blood flowing through the vessel carries the heat away, so the tissue beside it "
                "never gets hot enough. This is the heat sink effect.")
    else:
        sink = ("Warm blood flowing through the vessel keeps the tissue beside it from getting cold "
                "enough. This is the heat sink effect, working against the cold.")
    if category == MARGIN_COMPLETE:
        return (f"Margin complete. {size} It covers the whole tumour and the full {margin:g} mm safety "
                f"margin all the way round. {KEY} {COLOUR[scenario.heating]}")
    if category == MARGIN_INCOMPLETE:
        failing = outcome.margin_reached_mm < margin
        where = _where(outcome, failing)
        reached = outcome.smallest_margin_mm
        reach = (f"only {reached:.0f} mm beyond the tumour" if reached >= 0.5
                 else "hardly beyond the edge of the tumour")
        text = (f"Tumour covered, but the safety margin is incomplete {where}. There the zone reaches "
                f"{reach} instead of {margin:g} mm. {size}")
        if where.endswith("vessel"):
            text += f" {sink}"
        else:
            text += " A longer or stronger treatment would be needed for the full margin."
        return f"{text} {crosshatch} {KEY} {COLOUR[scenario.heating]}"
    if category == HEAT_SINK:
        return (f"Tumour edge beside the vessel survives: heat sink. {sink} Tumour cells left alive "
                f"there can make the tumour grow back. {size} {crosshatch} {KEY} {COLOUR[scenario.heating]}")
    failing = outcome.margin_reached_mm < 0
    return (f"Tumour not covered: the ablation zone is too small. {size} The tumour is "
            f"{scenario.tumour_diameter_mm:g} mm across, so part of it survives {_where(outcome, failing)}. "
            f"{crosshatch} {KEY} {COLOUR[scenario.heating]}")
