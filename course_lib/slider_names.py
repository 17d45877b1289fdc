"""Give every ipywidgets slider on the page an accessible name and a spoken value.

ipywidgets draws a slider's handle (the part that takes keyboard focus, role "slider") with
no name of its own: a screen reader announces "slider, 45" and not which slider it is
(axe-core: aria-input-field-name). The description shown beside it is a separate label.
The small script below, run once in the page, ties each handle to its visible description
(``aria-labelledby``) and reads the value as the learner sees it, unit included
(``aria-valuetext`` from the slider's readout, e.g. "3 mm" rather than the position "2").
It keeps doing so for sliders drawn later and whenever a description or value changes.

It is shown inside an Output widget (``slider_names_output()``), so a view that has sliders
carries the fix with it; the Output widget shows nothing visible.
"""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import HTML

SCRIPT = """
(() => {
  if (window.__courseSliderNames) return;
  window.__courseSliderNames = true;
  let counter = 0;
  const name = (slider) => {
    const label = slider.querySelector(':scope > .widget-label');
    const handle = slider.querySelector('[role="slider"]');
    if (!label || !handle) return;
    if (!label.id) label.id = `course-slider-label-${++counter}`;
    if (handle.getAttribute('aria-labelledby') !== label.id) handle.setAttribute('aria-labelledby', label.id);
    const readout = slider.querySelector('.widget-readout');
    const spoken = readout ? readout.textContent.trim() : '';
    if (spoken && handle.getAttribute('aria-valuetext') !== spoken) handle.setAttribute('aria-valuetext', spoken);
  };
  const nameAll = () => document.querySelectorAll('.widget-slider').forEach(name);
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; nameAll(); });
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
  nameAll();
})();
"""


def slider_names_html() -> str:
    """The script as an HTML output (it draws nothing)."""
    return f'<script type="text/javascript">{SCRIPT}</script>'


def slider_names_output() -> widgets.Output:
    """An Output widget holding the script, to place in a view that has sliders."""
    output = widgets.Output(layout=widgets.Layout(height="0px", overflow="hidden"))
    output.append_display_data(HTML(slider_names_html()))
    return output
