"""A searchable glossary for the glossary notebook: type a word, read its plain meaning."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .glossary import find


def glossary_html(text: str = "") -> str:
    found = find(text)
    if not found:
        return (f'<p role="status">No word in the glossary matches “{html.escape(text)}”. '
                "Try a shorter part of the word.</p>")
    rows = []
    for term in found:
        also = f" <em>(also: {html.escape(', '.join(term.also))})</em>" if term.also else ""
        rows.append(f"<dt><strong>{html.escape(term.term)}</strong>{also}</dt>"
                    f"<dd style='margin:0 0 0.6em 1.2em'>{html.escape(term.definition)} "
                    f"<small>[{html.escape('; '.join(term.sources))}]</small></dd>")
    count = "1 word" if len(found) == 1 else f"{len(found)} words"
    return f'<p role="status">{count} shown.</p><dl>{"".join(rows)}</dl>'


def glossary_browser() -> widgets.VBox:
    """A search box and the matching glossary entries (all of them until the learner types)."""
    search = widgets.Text(description="Look up", placeholder="type a word, such as heat sink",
                          continuous_update=True, layout=widgets.Layout(width="28em"))
    results = widgets.HTML(glossary_html())

    def update(change):
        try:
            results.value = glossary_html(change["new"])
        except Exception as error:  # a learner never sees a traceback
            results.value = f'<p role="status">Sorry, the search failed ({html.escape(str(error))}).</p>'

    search.observe(update, names="value")
    return widgets.VBox([search, results])
