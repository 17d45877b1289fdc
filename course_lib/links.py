"""Links in the course's text, underlined so that they stand out without relying on colour.

JupyterLab, Notebook 7 and Voila draw links in rendered Markdown in blue with no underline,
which many readers with a colour-vision deficiency cannot tell from the text around them
(WCAG 1.4.1; axe-core's rule link-in-text-block). A link written with ``link()`` carries its
own underline. The style survives JupyterLab's sanitiser, so it also shows in stored outputs
of a notebook that has not been trusted.
"""

from __future__ import annotations

from html import escape

UNDERLINE = "text-decoration: underline"


def link(text: str, target: str) -> str:
    """An underlined HTML link, for use inside Markdown; ``target`` is a web address or a notebook file."""
    if not text.strip():
        raise ValueError(f"text: {text!r} is empty; a link needs words a reader can see")
    if not target.strip() or any(character.isspace() for character in target):
        raise ValueError(f"target: {target!r} is not a web address or a file name (it is empty or holds spaces)")
    return f'<a href="{escape(target, quote=True)}" style="{UNDERLINE}">{escape(text, quote=False)}</a>'
