"""The ablation explorer: sliders for the treatment, the picture, and a plain-language verdict.

    from course_lib.ablation.view import ablation_explorer; ablation_explorer()

Every control is a standard ipywidget with a visible description (so it works with the
keyboard), and its limits come from data/ablation_model.yaml, so no combination of controls
is outside what the model accepts: the vessel is measured from the tumour's edge, so it can
never overlap the tumour or the probe; each treatment offers only its own setting (tip
temperature, power or probe temperature) and its own time range. If the model still refuses
a choice, the message is shown as plain text, never as a traceback.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..figures import AccessibleFigure
from ..slider_names import slider_names_output
from .cell_death import heat_death_model
from .diagram import AblationPicture
from .model_data import SettingRange, cell_death_models, modalities, setting
from .outcome import Outcome
from .probes import model_note
from .scenario import Scenario
from .simulation import simulate

__all__ = ["AblationExplorer", "ablation_explorer"]

WIDE = {"description_width": "initial"}
NO_VESSEL = "none"


def _slider(allowed: SettingRange, description: str | None = None) -> widgets.FloatSlider:
    return widgets.FloatSlider(
        value=allowed.default, min=allowed.minimum, max=allowed.maximum, step=allowed.step,
        description=f"{description or allowed.label} ({allowed.unit}):", continuous_update=False,
        readout_format=".0f", style=WIDE, layout=widgets.Layout(width="420px"))


class AblationExplorer(widgets.VBox):
    """Controls, picture and verdict for one simulated ablation at a time."""

    def __init__(self) -> None:
        self._busy = False
        self._pictures: dict[str, AblationPicture] = {}
        self.last_error: Exception | None = None
        self.outcome: Outcome | None = None
        self.figure: AccessibleFigure | None = None
        kinds = modalities()
        self.modality = widgets.Dropdown(options=[(kind.label, kind.id) for kind in kinds.values()],
                                         value="rfa", description="Treatment:", style=WIDE,
                                         layout=widgets.Layout(width="420px"))
        self.setting = _slider(kinds["rfa"].setting)
        self.duration = _slider(kinds["rfa"].duration)
        self.tumour = _slider(setting("tumour_diameter"))
        self.margin = _slider(setting("safety_margin"))
        vessel = setting("vessel_diameter")
        sizes = [f"{size:g} mm"
                 for size in range(int(vessel.minimum), int(vessel.maximum) + 1, int(vessel.step))]
        self.vessel = widgets.SelectionSlider(options=[NO_VESSEL, *sizes], value=f"{vessel.default:g} mm",
                                              description=f"{vessel.label}:", continuous_update=False,
                                              style=WIDE, layout=widgets.Layout(width="420px"))
        self.gap = _slider(setting("vessel_gap"), "Vessel distance from tumour edge")
        self.cell_death = widgets.Dropdown(options=[(m.label, m.id) for m in cell_death_models().values()],
                                           value="arrhenius", description="Cells count as dead at:",
                                           style=WIDE, layout=widgets.Layout(width="420px"))
        self.lethal = _slider(setting("cryo_lethal_temperature"))
        self.how = widgets.HTML()
        self.picture = widgets.HTML()
        self.verdict = widgets.HTML()
        self.note = widgets.HTML()
        controls = widgets.VBox([self.modality, self.how, self.setting, self.duration, self.tumour,
                                 self.margin, self.vessel, self.gap, self.cell_death, self.lethal])
        # slider_names_output(): names each slider for screen readers (see slider_names.py).
        super().__init__([controls, self.verdict, self.picture, self.note, slider_names_output()])
        self.modality.observe(lambda _change: self._modality_chosen(), names="value")
        for control in (self.setting, self.duration, self.tumour, self.margin, self.vessel, self.gap,
                        self.cell_death, self.lethal):
            control.observe(lambda _change: self.show(), names="value")
        self._modality_chosen()

    # --- reading the controls -------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        """The scenario the controls describe (ValueError if the model refuses it)."""
        vessel = 0.0 if self.vessel.value == NO_VESSEL else float(self.vessel.value.split()[0])
        return Scenario(modality=self.modality.value, setting=self.setting.value,
                        duration_min=self.duration.value,
                        tumour_diameter_mm=self.tumour.value, margin_mm=self.margin.value,
                        vessel_diameter_mm=vessel, vessel_gap_mm=self.gap.value,
                        cell_death=self.cell_death.value, lethal_temperature_c=self.lethal.value)

    def _modality_chosen(self) -> None:
        kind = modalities()[self.modality.value]
        self._busy = True
        try:
            for control, allowed in ((self.setting, kind.setting), (self.duration, kind.duration)):
                # Widen first, then narrow, so the value never falls outside [min, max] on the way.
                control.min = min(control.min, allowed.minimum)
                control.max = max(control.max, allowed.maximum)
                control.value = allowed.default
                control.min, control.max, control.step = allowed.minimum, allowed.maximum, allowed.step
                control.description = f"{allowed.label} ({allowed.unit}):"
            heating = kind.id != "cryo"
            self.cell_death.disabled = not heating
            self.lethal.disabled = heating
        finally:
            self._busy = False
        self.how.value = f"<p>{html.escape(kind.how)}</p>"
        self.show()

    # --- showing ----------------------------------------------------------------------------
    def show(self) -> None:
        """Simulate the current choice and redraw; a refused choice is explained, not raised."""
        if self._busy:
            return
        self.gap.disabled = self.vessel.value == NO_VESSEL
        try:
            scenario = self.scenario
            outcome = simulate(scenario)
            picture = self._pictures.get(scenario.modality)
            if picture is None:
                picture = self._pictures[scenario.modality] = AblationPicture(scenario.modality)
            figure = picture.accessible(outcome)
        except ValueError as error:
            self._refused(error, "<strong>This choice cannot be simulated.</strong> "
                                 + html.escape(str(error)))
            return
        except Exception as error:  # noqa: BLE001 - a learner must never see a traceback
            self._refused(error, "<strong>Sorry, the simulation could not run.</strong> "
                                 "Please tell your instructor which settings you chose.")
            return
        self.last_error = None
        self.outcome, self.figure = outcome, figure
        self.picture.value = figure.html()
        self.verdict.value = f"<p role='status'><strong>Result:</strong> {html.escape(outcome.verdict)}</p>"
        death = ""
        if scenario.heating:
            death = f" Cells count as dead at: {heat_death_model(scenario.cell_death).label}."
        self.note.value = f"<p><em>{html.escape(model_note(scenario) + death)}</em></p>"

    def _refused(self, error: Exception, message: str) -> None:
        """Explain a failure in words and take down the old picture, which no longer matches."""
        self.last_error, self.outcome, self.figure = error, None, None
        self.picture.value = ""
        self.verdict.value = f"<p role='status'>{message}</p>"

    @property
    def alt_text(self) -> str:
        """The alt text of the picture currently shown."""
        return self.figure.alt if self.figure is not None else ""


def ablation_explorer() -> AblationExplorer:
    """The ablation explorer widget, showing the data file's default radiofrequency ablation."""
    return AblationExplorer()
