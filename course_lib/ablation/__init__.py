"""Ablation of liver tumours as a live bioheat model: RFA, microwave and cryoablation.

The model (pure functions and dataclasses) is in ``scenario``, ``tissue``, ``cell_death``,
``probes``, ``solver``, ``explicit`` and ``outcome``; ``diagram`` draws one outcome and
``view`` wraps it in controls. One line for a notebook::

    from course_lib.ablation.view import ablation_explorer; ablation_explorer()
"""

from .scenario import Scenario, default_scenario
from .simulation import simulate

__all__ = ["Scenario", "default_scenario", "simulate"]
