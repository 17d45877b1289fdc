"""Layouts and styles shared by alike controls, so the page has far fewer widget models.

In ipywidgets every control comes with its own Layout and its own style, each a model the
kernel sends to the browser and the browser builds. An exercise has dozens of alike controls
(a patient case has about twenty tick boxes), and a notebook a few hundred: giving alike
controls one Layout and one style between them cuts the models of a notebook by about half,
so it runs, loads and draws sooner (benchmarks/bench_startup.py, bench_browser.py).

A shared look must never be changed after it is made (it would change every control that uses
it): pass every setting when asking for it. A closed one is replaced by a new one.
"""

from __future__ import annotations

import ipywidgets as widgets

_made: dict[tuple, widgets.Widget] = {}


def _shared(kind: type[widgets.Widget], settings: dict) -> widgets.Widget:
    key = (kind, tuple(sorted(settings.items())))
    look = _made.get(key)
    if look is None or look.comm is None:  # never made, or closed since
        look = _made[key] = kind(**settings)
    return look


def layout(**settings: str) -> widgets.Layout:
    """The one Layout with exactly these settings (e.g. ``layout(width="100%")``)."""
    return _shared(widgets.Layout, settings)


def style(kind: type[widgets.Widget], **settings: str) -> widgets.Widget:
    """The one style model of ``kind`` (e.g. ``widgets.CheckboxStyle``) with these settings."""
    return _shared(kind, settings)
