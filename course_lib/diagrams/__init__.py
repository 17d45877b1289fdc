"""Diagrams of the liver for the course: figures (pure functions) and thin widgets around them.

For notebook authors, one call per diagram:

    from course_lib.diagrams import (blood_supply_explorer, catheter_route_figure,
                                     remnant_calculator, tradeoff_chart)

The figure functions (``blood_supply_figure``, ``liver_segments_figure``,
``tradeoff_chart_figure``) and the remnant arithmetic (``remnant_after``) can be used on their
own. Every figure is an ``AccessibleFigure`` with alt text and a caption.
"""

from .blood_supply import blood_supply_figure
from .catheter_route import catheter_route_figure
from .liver_segments import liver_segments_figure
from .remnant_calculator import remnant_after
from .tradeoff_chart import tradeoff_chart_figure
from .views import blood_supply_explorer, remnant_calculator, tradeoff_chart

__all__ = [
    "blood_supply_explorer", "blood_supply_figure", "catheter_route_figure", "liver_segments_figure",
    "remnant_after", "remnant_calculator", "tradeoff_chart", "tradeoff_chart_figure",
]
