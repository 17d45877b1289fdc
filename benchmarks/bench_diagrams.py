"""How long a learner waits for each diagram: building the figure and encoding it as PNG.

Each figure's median time is printed next to an empty figure of the same size rendered in
the same run, and as a ratio to it, so runs on different machines can be compared.
Target: at most 150 ms per figure on a 2-core machine.
"""

from __future__ import annotations

from timing import median_seconds

from course_lib.diagrams import anatomy
from course_lib.diagrams.blood_supply import FIG_SIZE as BLOOD_SUPPLY_SIZE
from course_lib.diagrams.blood_supply import blood_supply_figure
from course_lib.diagrams.catheter_route import catheter_route_figure
from course_lib.diagrams.liver_segments import liver_segments_figure
from course_lib.figures import AccessibleFigure, course_style, new_figure

REPEATS = 7


def _empty_figure() -> AccessibleFigure:
    with course_style():
        figure = new_figure(*BLOOD_SUPPLY_SIZE)
    return AccessibleFigure(figure, alt="An empty figure, used only to time the baseline.")


def _render(build):
    """Build a fresh figure and encode it, exactly as the widgets do for a learner."""
    return lambda: build().png()


def _cases():
    yield "blood_supply.no_treatment", lambda: blood_supply_figure(None)
    for treatment_id in anatomy.treatments():
        yield f"blood_supply.{treatment_id}", lambda t=treatment_id: blood_supply_figure(t)
    yield "catheter_route", catheter_route_figure
    for operation in anatomy.example_operations().values():
        yield f"liver_segments.{operation.id}", lambda r=operation.removes: liver_segments_figure(r)
    yield "liver_segments.nothing_removed", lambda: liver_segments_figure(())
    try:
        from course_lib.diagrams.tradeoff_chart import tradeoff_chart_figure
        from course_lib.treatment_options import families

        yield "tradeoff_chart.all_options", lambda: tradeoff_chart_figure()
        for family_id in families():
            yield f"tradeoff_chart.{family_id}", lambda f=family_id: tradeoff_chart_figure(family=f)
    except (ImportError, ValueError) as error:  # the options catalogue may not exist yet
        print(f"# tradeoff chart skipped: {error}")


def figures():
    baseline = median_seconds(_render(_empty_figure), repeats=REPEATS)
    yield "diagrams.empty_figure", baseline * 1000, "ms"
    slowest = 0.0
    for name, build in _cases():
        seconds = median_seconds(_render(build), repeats=REPEATS)
        slowest = max(slowest, seconds)
        yield f"diagrams.{name}", seconds * 1000, "ms"
        yield f"diagrams.{name}.ratio_to_empty", seconds / baseline, "x"
    yield "diagrams.slowest", slowest * 1000, "ms"
    yield "diagrams.slowest.ratio_to_empty", slowest / baseline, "x"
