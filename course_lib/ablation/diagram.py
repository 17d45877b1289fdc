"""The picture of one simulated ablation: a cross-section through the probe, and temperature over time.

Nothing depends on colour alone: the tumour is hatched, the safety margin is a dashed ring,
the ablation zone's edge is a thick black line, untreated tissue is cross-hatched,
isotherms are dotted or dash-dotted lines with their temperature written on them, and the
vessel and probe are labelled.

Speed: a slider must redraw the picture within a fraction of a second, and drawing text
(ticks, labels, legend) is most of matplotlib's work. So the frame, which depends only on
the kind of treatment, is drawn once and kept as a bitmap; each new outcome only redraws the
parts that change on top of it ("blitting"). The axes therefore have fixed limits.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.image import imsave
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch

from ..figures import PALETTE, AccessibleFigure, course_style, new_figure
from .model_data import modalities
from .outcome import HEAT_SINK, MARGIN_COMPLETE, MARGIN_INCOMPLETE, Outcome
from .probes import model_note

WINDOW_MM = 40.0  # the cross-section shows ±40 mm around the probe
PNG_COMPRESSION = 1
HEAT_COLOURS = LinearSegmentedColormap.from_list(
    "heat", [PALETTE["white"], PALETTE["yellow"], PALETTE["orange"], PALETTE["vermillion"]])
COLD_COLOURS = LinearSegmentedColormap.from_list(
    "cold", [PALETTE["blue"], PALETTE["sky_blue"], PALETTE["white"]])
HEAT_RANGE_C = (37.0, 100.0)
COLD_RANGE_C = (-120.0, 37.0)
HEAT_ISOTHERMS = ((50.0, ":"), (60.0, "-."))
COLD_ISOTHERMS = ((0.0, ":"), (-20.0, (0, (6, 2, 1, 2, 1, 2))), (-40.0, "-."))
HEAT_TIME_RANGE_C = (30.0, 130.0)
COLD_TIME_RANGE_C = (-100.0, 40.0)
UNTREATED = PALETTE["vermillion"]
LABEL_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}

ACTION = {"rfa": "radiofrequency ablation with the probe tip held at {:g} °C",
          "mwa": "microwave ablation at {:g} W", "cryo": "cryoablation with the probe at {:g} °C"}


@dataclass(eq=False)
class RenderedFigure(AccessibleFigure):
    """An AccessibleFigure whose PNG was already rendered (by blitting) when it was made."""

    rendered: bytes = b""

    def png(self) -> bytes:
        return self.rendered


class AblationPicture:
    """A reusable picture for one kind of treatment: a fixed frame plus the parts that change."""

    def __init__(self, modality: str):
        if modality not in modalities():
            raise ValueError(f"modality: {modality!r} is not one of {sorted(modalities())}")
        self.modality = modality
        self.heating = modality != "cryo"
        self._background = None
        self._dynamic: list = []
        with course_style():
            self.figure = new_figure(11.0, 5.6)
            self.canvas = FigureCanvasAgg(self.figure)
            self.section = self.figure.add_axes((0.07, 0.1, 0.44, 0.8))
            self.timeline = self.figure.add_axes((0.67, 0.53, 0.31, 0.37))
            self._frame()

    # --- the frame: drawn once --------------------------------------------------------------
    def _frame(self) -> None:
        section, timeline, heating = self.section, self.timeline, self.heating
        colours, (low, high) = (HEAT_COLOURS, HEAT_RANGE_C) if heating else (COLD_COLOURS, COLD_RANGE_C)
        self.image = section.imshow(np.zeros((2, 2)), origin="lower", cmap=colours, vmin=low, vmax=high,
                                    extent=(-50, 50, -50, 50), interpolation="bilinear", animated=True)
        bar = self.figure.colorbar(self.image, ax=section, fraction=0.04, pad=0.02)
        bar.set_label("temperature at the end (°C)" if heating else "lowest temperature (°C)")
        section.set_xlim(-WINDOW_MM, WINDOW_MM)
        section.set_ylim(-WINDOW_MM, WINDOW_MM)
        section.set_aspect("equal")
        section.set_xticks(np.arange(-40, 41, 20))
        section.set_yticks(np.arange(-40, 41, 20))
        section.set_xlabel("distance from the probe (mm)")
        section.set_ylabel("distance from the probe (mm)")
        section.set_title("Cross-section through the probe at the end")
        self.probe_label = section.annotate("probe", (0, 0), (-2.5, -4.5), ha="right", fontsize=11,
                                            bbox=LABEL_BOX, animated=True)
        self.tumour = Circle((0, 0), 1, facecolor="none", hatch="///", edgecolor=PALETTE["reddish_purple"],
                             linewidth=1.5, animated=True)
        self.margin = Circle((0, 0), 1, fill=False, linestyle="--", linewidth=2, edgecolor=PALETTE["blue"],
                             animated=True)
        self.vessel = Circle((0, 0), 1, facecolor=PALETTE["sky_blue"], edgecolor=PALETTE["black"],
                             linewidth=1.5, animated=True)
        for patch in (self.tumour, self.margin, self.vessel):
            section.add_patch(patch)
        self.vessel_label = section.annotate(
            "vessel", (0, 0), (0, 0), ha="center", fontsize=11, bbox=LABEL_BOX, animated=True,
            arrowprops={"arrowstyle": "-", "color": PALETTE["black"]})
        (self.edge,) = section.plot([], [], color=PALETTE["black"], linewidth=3, animated=True)
        (self.probe,) = section.plot([0], [0], marker="o", markersize=6, color=PALETTE["black"],
                                     animated=True)
        handles = [
            Patch(facecolor="none", hatch="///", edgecolor=PALETTE["reddish_purple"],
                  label="tumour (hatched)"),
            Line2D([], [], color=PALETTE["blue"], linestyle="--", linewidth=2,
                   label="safety margin (dashed ring)"),
            Line2D([], [], color=PALETTE["black"], linewidth=3,
                   label="edge of the ablation zone (thick line)"),
            Patch(facecolor="none", edgecolor=UNTREATED, hatch="xxx", label="not treated (cross-hatched)"),
            Patch(facecolor=PALETTE["sky_blue"], edgecolor=PALETTE["black"], label="blood vessel (labelled)"),
        ]
        for level, style in HEAT_ISOTHERMS if heating else COLD_ISOTHERMS:
            name = "ice-ball edge, 0 °C (dotted)" if level == 0 else f"{level:.0f} °C line"
            handles.append(Line2D([], [], color=PALETTE["black"], linestyle=style, linewidth=1.2, label=name))
        self.figure.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.63, 0.0), fontsize=10,
                           frameon=False, title="In the cross-section", title_fontsize=10)

        longest = modalities()[self.modality].duration.maximum
        (self.beside,) = timeline.plot([], [], color=PALETTE["vermillion"], linewidth=2, animated=True,
                                       label="tumour edge on the right (vessel side)")
        (self.opposite,) = timeline.plot([], [], color=PALETTE["blue"], linewidth=2, linestyle="--",
                                         animated=True, label="tumour edge on the left")
        timeline.set_xlim(0, longest)
        timeline.set_ylim(*(HEAT_TIME_RANGE_C if heating else COLD_TIME_RANGE_C))
        if heating:
            for level, style in HEAT_ISOTHERMS:
                timeline.axhline(level, color=PALETTE["grey"], linewidth=1, linestyle=style)
                timeline.annotate(f"{level:.0f} °C", (0.0, level), xytext=(3, 3), textcoords="offset points",
                                  fontsize=10)
            self.lethal = None
        else:
            self.lethal = timeline.axhline(0, color=PALETTE["grey"], linewidth=1, linestyle="-.",
                                           animated=True)
            self.lethal_label = timeline.annotate("lethal", (0.0, 0.0), xytext=(3, 3),
                                                  textcoords="offset points", fontsize=10, animated=True)
        timeline.set_xlabel("time (minutes)")
        timeline.set_ylabel("temperature (°C)")
        timeline.set_title("Temperature at the tumour edge")
        timeline.legend(loc="upper right" if heating else "lower right", fontsize=10, frameon=True)

    # --- the parts that change ----------------------------------------------------------------
    def update(self, outcome: Outcome) -> None:
        """Show ``outcome`` (which must be for this picture's kind of treatment)."""
        if not isinstance(outcome, Outcome) or outcome.scenario.modality != self.modality:
            raise ValueError(f"outcome: expected an Outcome of a {self.modality!r} treatment")
        for artist in self._dynamic:
            artist.remove()
        self._dynamic = []
        scenario, run = outcome.scenario, outcome.run
        x = run.problem.grid.coordinates_mm
        field = run.temperature_c if self.heating else run.lowest_c
        self.image.set_data(field)
        self.image.set_extent((x[0], x[-1], x[0], x[-1]))
        with course_style():
            for level, style in HEAT_ISOTHERMS if self.heating else COLD_ISOTHERMS:
                if field.min() < level < field.max():
                    lines = self.section.contour(x, x, field, levels=[level], colors=[PALETTE["black"]],
                                                 linewidths=1.2, linestyles=[style])
                    self.section.clabel(lines, fmt=lambda value: f"{value:.0f} °C", fontsize=10)
                    self._dynamic.append(lines)
            untreated = _untreated(outcome)
            if untreated.any():
                hatch = self.section.contourf(x, x, untreated, levels=[0.5, 1.5], colors="none",
                                              hatches=["xxx"])
                hatch.set_edgecolor(UNTREATED)
                hatch.set_linewidth(0)
                self._dynamic.append(hatch)
        self.tumour.set_radius(scenario.tumour_radius_mm)
        self.margin.set_radius(scenario.target_radius_mm)
        radius = np.append(outcome.zone_radius_mm, outcome.zone_radius_mm[0])
        angles = np.append(outcome.angles, outcome.angles[0])
        self.edge.set_data(radius * np.cos(angles), radius * np.sin(angles))
        self.vessel.set_visible(scenario.has_vessel)
        self.vessel_label.set_visible(scenario.has_vessel)
        if scenario.has_vessel:
            cx, cy = scenario.vessel_centre_mm
            top = cy + scenario.vessel_diameter_mm / 2
            self.vessel.set_center((cx, cy))
            self.vessel.set_radius(scenario.vessel_diameter_mm / 2)
            self.vessel_label.xy = (cx, top)
            self.vessel_label.set_position((min(cx, WINDOW_MM - 6), top + 8))
        minutes = run.times_s / 60
        self.beside.set_data(minutes, run.monitor_c[:, 0])
        self.opposite.set_data(minutes, run.monitor_c[:, 1])
        if self.lethal is not None:
            self.lethal.set_ydata([scenario.lethal_temperature_c] * 2)
            self.lethal_label.xy = (0.0, scenario.lethal_temperature_c)
            self.lethal_label.set_text(f"lethal, {scenario.lethal_temperature_c:.0f} °C")
        for artist in self._changing():
            artist.set_animated(True)

    def _changing(self) -> list:
        labels = [text for contour in self._dynamic for text in getattr(contour, "labelTexts", [])]
        fixed = [self.image, *self._dynamic, *labels, self.tumour, self.margin, self.vessel,
                 self.vessel_label, self.edge, self.probe, self.probe_label, self.beside, self.opposite]
        return fixed + ([self.lethal, self.lethal_label] if self.lethal is not None else [])

    def render(self) -> bytes:
        """PNG bytes of the picture as it stands: the kept frame with the changing parts drawn on top."""
        with course_style():
            if self._background is None:
                self.canvas.draw()
                self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self.canvas.restore_region(self._background)
            for artist in self._changing():
                artist.axes.draw_artist(artist)
            for spine in self.section.spines.values():  # the image covers half of each frame line
                self.section.draw_artist(spine)
        pixels = np.asarray(self.canvas.buffer_rgba())[:, :, :3]
        buffer = io.BytesIO()
        # Light compression: a larger file, but encoding no longer dominates the time to redraw.
        imsave(buffer, pixels, format="png", metadata={"Software": None},
               pil_kwargs={"compress_level": PNG_COMPRESSION})
        return buffer.getvalue()

    def accessible(self, outcome: Outcome) -> RenderedFigure:
        """Update, render, and wrap with alt text and caption."""
        self.update(outcome)
        return RenderedFigure(self.figure, alt=alt_text(outcome), caption=caption(outcome),
                              rendered=self.render())


def _untreated(outcome: Outcome) -> np.ndarray:
    """1 where tissue inside the tumour-plus-margin circle survives, else 0 (vessel lumen excluded)."""
    x, y = outcome.run.problem.grid.mesh_mm()
    target = np.hypot(x, y) <= outcome.scenario.target_radius_mm
    lumen = np.zeros(x.shape, dtype=bool)
    for disc in outcome.run.problem.discs:
        if not disc.tissue:
            lumen |= disc.distance_mm(x, y) <= disc.radius_mm
    return (target & (outcome.kill < 0) & ~lumen).astype(float)


def ablation_figure(outcome: Outcome) -> AccessibleFigure:
    """The cross-section and the temperature curves for one outcome, with alt text and caption."""
    if not isinstance(outcome, Outcome):
        raise ValueError(f"outcome: expected an Outcome, got {type(outcome).__name__}")
    return AblationPicture(outcome.scenario.modality).accessible(outcome)


def alt_text(outcome: Outcome) -> str:
    """What this particular run shows, in words."""
    scenario = outcome.scenario
    action = ACTION[scenario.modality].format(scenario.setting)
    text = (f"Cross-section through the probe after {scenario.duration_min:g} minutes of {action}. "
            f"The ablation zone is about {outcome.zone_diameter_mm:.0f} mm across. "
            f"The tumour is {scenario.tumour_diameter_mm:g} mm across with a {scenario.margin_mm:g} mm "
            f"safety margin around it. ")
    if scenario.has_vessel:
        text += (f"A {scenario.vessel_diameter_mm:g} mm blood vessel lies on the right, "
                 f"{scenario.vessel_gap_mm:g} mm from the tumour edge. ")
    else:
        text += "There is no large blood vessel nearby. "
    category = outcome.category
    if category == MARGIN_COMPLETE:
        text += "The zone covers the tumour and the whole safety margin. "
    elif category == MARGIN_INCOMPLETE:
        text += (f"The zone covers the tumour, but the safety margin is incomplete: at its thinnest the "
                 f"zone reaches {max(outcome.smallest_margin_mm, 0):.0f} mm beyond the tumour. ")
    elif category == HEAT_SINK:
        text += "The tumour edge beside the vessel is not covered: the vessel acted as a heat sink. "
    else:
        text += "The zone is too small to cover the whole tumour. "
    right, left = outcome.run.monitor_c[:, 0], outcome.run.monitor_c[:, 1]
    extreme, word = (np.max, "highest") if scenario.heating else (np.min, "lowest")
    text += (f"A second panel plots temperature against time at the tumour edge: the {word} temperature on "
             f"the right (vessel side) is {extreme(right):.0f} °C, and on the left {extreme(left):.0f} °C.")
    return text


def caption(outcome: Outcome) -> str:
    return model_note(outcome.scenario)
