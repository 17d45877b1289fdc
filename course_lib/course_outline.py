"""The course outline in data/course.yaml: notebook order, titles, minutes and the disclaimer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .data_files import DataFileError, Field, check_fields, checked_entries, load_yaml
from .links import link

FILE = "course.yaml"


@dataclass(frozen=True)
class NotebookEntry:
    file: str
    title: str
    minutes: int


@cache
def notebooks() -> tuple[NotebookEntry, ...]:
    entries = checked_entries(FILE, "notebooks", {
        "file": Field("text"), "title": Field("text"), "minutes": Field("int")}, id_field="file")
    for entry in entries:
        if entry["minutes"] <= 0:
            raise DataFileError(FILE, f"{entry['minutes']} is not a positive number of minutes",
                                entry["file"], "minutes")
    return tuple(NotebookEntry(**entry) for entry in entries)


@cache
def disclaimer() -> str:
    document = load_yaml(FILE)
    check_fields(FILE, "(top level)", {k: v for k, v in document.items() if k != "notebooks"}, {
        "title": Field("text"), "audience": Field("text"), "disclaimer": Field("text")})
    return " ".join(document["disclaimer"].split())


def total_minutes() -> int:
    return sum(entry.minutes for entry in notebooks())


def contents_markdown(link_prefix: str = "", underlined: bool = True) -> str:
    """The course map as a Markdown table, each notebook linked.

    In the course the links are underlined (see links.py); the README, read on a code host
    that strips styles, uses plain Markdown links (``underlined=False``, prefix "notebooks/").
    """
    rows = ["| Part | Notebook | Minutes |", "|---|---|---|"]
    for number, entry in enumerate(notebooks()):
        target = f"{link_prefix}{entry.file}"
        linked = link(entry.title, target) if underlined else f"[{entry.title}]({target})"
        rows.append(f"| {number} | {linked} | {entry.minutes} |")
    hours, minutes = divmod(total_minutes(), 60)
    rows.append(f"\nTotal: about {hours} h {minutes:02d} min.")
    return "\n".join(rows)


def show_course_map():
    """Display the course map in a notebook."""
    from IPython.display import Markdown

    return Markdown(contents_markdown())
