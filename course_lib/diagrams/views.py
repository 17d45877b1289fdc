"""Thin ipywidgets around the diagrams: one function per diagram for notebook authors.

    blood_supply_explorer()   choose a treatment, see what it does to the liver's blood supply
    catheter_route_figure()   the route from the groin to the liver (a figure, no controls)
    remnant_calculator()      tick segments to remove, read how much liver is left
    tradeoff_chart()          compare the treatment options, all at once or one family at a time

Every control is a standard ipywidget with a visible description, so it works with the
keyboard. The widgets cannot produce bad input; if drawing fails anyway the learner sees a
short apology instead of a traceback, and the error is kept in ``last_error`` for authors.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import lru_cache

import ipywidgets as widgets

from . import anatomy
from .blood_supply import blood_supply_figure, choices, explanation
from .catheter_route import catheter_route_figure
from .liver_segments import liver_segments_figure
from .remnant_calculator import STATUS_WORDS, RemnantResult, remnant_after
from .tradeoff_chart import tradeoff_chart_figure, tradeoff_rows

__all__ = ["blood_supply_explorer", "catheter_route_figure", "remnant_calculator", "tradeoff_chart"]

APOLOGY = ("<p><strong>Sorry, this diagram could not be drawn.</strong> "
           "Please tell your instructor which choice you made.</p>")
WIDE = {"description_width": "initial"}


def _paragraphs(rows: list[tuple[str, str]]) -> str:
    return "".join(f"<p><strong>{html.escape(heading)}:</strong> {html.escape(text)}</p>"
                   for heading, text in rows)


@lru_cache(maxsize=16)
def _blood_supply_html(treatment: str | None) -> str:
    return blood_supply_figure(treatment).html()


@lru_cache(maxsize=64)
def _segments_html(removed: tuple[str, ...]) -> str:
    return liver_segments_figure(removed).html()


@lru_cache(maxsize=16)
def _tradeoff_html(family: str | None) -> str:
    return tradeoff_chart_figure(family).html()


class _Diagram(widgets.VBox):
    """A VBox that redraws safely: a failure shows an apology, never a traceback."""

    last_error: Exception | None = None

    def _safely(self, draw: Callable[[], None], target: widgets.HTML) -> None:
        try:
            draw()
            self.last_error = None
        except Exception as error:  # noqa: BLE001 - a learner must never see a traceback
            self.last_error = error
            target.value = APOLOGY


class BloodSupplyExplorer(_Diagram):
    """Radio buttons to choose a treatment; the picture and its explanation follow the choice."""

    def __init__(self) -> None:
        self.choice = widgets.RadioButtons(options=choices(), value=None, description="Treatment:",
                                           style=WIDE, layout=widgets.Layout(width="max-content"))
        self.picture = widgets.HTML()
        self.explanation = widgets.HTML()
        super().__init__([self.choice, self.picture, self.explanation])
        self.choice.observe(lambda _change: self.show(), names="value")
        self.show()

    def show(self) -> None:
        def draw() -> None:
            self.picture.value = _blood_supply_html(self.choice.value)
            self.explanation.value = _paragraphs(explanation(self.choice.value))
        self._safely(draw, self.picture)


class RemnantCalculator(_Diagram):
    """Tick the segments to remove; the figure shades them and the report says what is left."""

    OWN_CHOICE = "(your own choice)"

    def __init__(self) -> None:
        self._busy = False
        operations = anatomy.example_operations()
        self.example = widgets.Dropdown(
            options=[(self.OWN_CHOICE, None)] + [(op.name, op.id) for op in operations.values()],
            value=None, description="Example operation:", style=WIDE,
            layout=widgets.Layout(width="max-content"))
        self.checkboxes = {
            segment.id: widgets.Checkbox(value=False, description=f"Remove segment {segment.id} "
                                         f"({segment.name}, typically {segment.typical_percent:g}%)",
                                         indent=False, layout=widgets.Layout(width="max-content"))
            for segment in anatomy.segments().values()}
        self.picture = widgets.HTML()
        self.report = widgets.HTML()
        note = widgets.HTML(f"<p><em>{html.escape(anatomy.segment_volumes_note())}</em></p>")
        ticks = widgets.VBox(list(self.checkboxes.values()))
        super().__init__([self.example, ticks, self.picture, self.report, note])
        for checkbox in self.checkboxes.values():
            checkbox.observe(lambda _change: self._ticked(), names="value")
        self.example.observe(lambda _change: self._example_chosen(), names="value")
        self.show()

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(segment_id for segment_id, box in self.checkboxes.items() if box.value)

    @property
    def result(self) -> RemnantResult:
        return remnant_after(self.removed)

    def tick(self, segment_id: str, value: bool = True) -> None:
        """Tick (or untick) one segment, as a learner would; for authors and tests."""
        if segment_id not in self.checkboxes:
            raise ValueError(f"segment: {segment_id!r} is not a liver segment; "
                             f"allowed: {', '.join(self.checkboxes)}")
        self.checkboxes[segment_id].value = value

    def _example_chosen(self) -> None:
        if self._busy or self.example.value is None:
            return
        removes = set(anatomy.example_operations()[self.example.value].removes)
        self._busy = True
        try:
            for segment_id, box in self.checkboxes.items():
                box.value = segment_id in removes
        finally:
            self._busy = False
        self.show()

    def _ticked(self) -> None:
        if self._busy:
            return
        chosen = self.example.value
        if chosen is not None and set(anatomy.example_operations()[chosen].removes) != set(self.removed):
            self._busy = True
            try:
                self.example.value = None
            finally:
                self._busy = False
        self.show()

    def show(self) -> None:
        def draw() -> None:
            result = self.result
            self.picture.value = _segments_html(result.removed)
            self.report.value = report_html(result)
        self._safely(draw, self.picture)


def report_html(result: RemnantResult) -> str:
    """The calculator's written report: the share left, a verdict per liver state, and advice."""
    removed = ", ".join(result.removed) if result.removed else "none"
    items = "".join(
        f"<li>{html.escape(v.state.label[0].upper() + v.state.label[1:])} (minimum "
        f"{html.escape(v.state.minimum_text)}): <strong>{html.escape(STATUS_WORDS[v.status])}</strong></li>"
        for v in result.verdicts)
    return (f"<p>Segments removed: {removed}. <strong>About {result.remnant_percent:g}% of the liver "
            f"would be left</strong> (typical segment sizes).</p><ul>{items}</ul>"
            f"<p>{html.escape(result.advice())}</p>")


class TradeoffExplorer(_Diagram):
    """A drop-down to show all options or one family; a table beside the chart gives the details."""

    def __init__(self) -> None:
        from ..treatment_options import families

        self.family = widgets.Dropdown(
            options=[("All options (overview)", None)] + [(label, fid) for fid, label in families().items()],
            value=None, description="Show:", style=WIDE, layout=widgets.Layout(width="max-content"))
        self.picture = widgets.HTML()
        self.table = widgets.HTML()
        super().__init__([self.family, self.picture, self.table])
        self.family.observe(lambda _change: self.show(), names="value")
        self.show()

    def show(self) -> None:
        def draw() -> None:
            self.picture.value = _tradeoff_html(self.family.value)
            self.table.value = tradeoff_table_html(self.family.value)
        self._safely(draw, self.picture)


def tradeoff_table_html(family: str | None = None) -> str:
    """The chart's content as an HTML table, including every option's key limits."""
    from ..treatment_options import AIMS

    head = "".join(f"<th scope='col'>{name}</th>" for name in
                   ("Option", "Family", "How invasive", "Recovery", "Aim", "Key limits"))
    body = "".join(
        f"<tr><th scope='row'>{html.escape(row.name)}</th><td>{html.escape(row.family_label)}</td>"
        f"<td>{html.escape(row.invasiveness_label)}</td>"
        f"<td>{html.escape(row.recovery_label)}. {html.escape(row.recovery_note)}</td>"
        f"<td>{html.escape(', '.join(AIMS[aim] for aim in row.aims))}</td>"
        f"<td>{html.escape(row.key_limits)}</td></tr>"
        for row in tradeoff_rows(family))
    return f"<table class='course-table'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def blood_supply_explorer() -> BloodSupplyExplorer:
    """Choose a treatment and see which vessel it uses, where it goes and what it does."""
    return BloodSupplyExplorer()


def remnant_calculator() -> RemnantCalculator:
    """Tick the segments to remove and read how much liver would be left, and whether it is enough."""
    return RemnantCalculator()


def tradeoff_chart() -> TradeoffExplorer:
    """Compare all treatment options, or one family's, on invasiveness, recovery, aims and limits."""
    return TradeoffExplorer()
