"""Showing the course's clinical content in a notebook, straight from data/.

Notebooks stay thin: one call shows a treatment option's card, a topic's facts, a list of
sources, or the previous/next links, all built from the reviewed data files, so a fact is
written once, in data/, with its source.
"""

from __future__ import annotations

from functools import cache

from IPython.display import Markdown

from . import course_outline
from .data_files import DataFileError, Field, checked_entries
from .links import link
from .references import check_sources, reference
from .treatment_options import AIMS, option, scales

FACTS_FILE = "topic_facts.yaml"


def cite(ids) -> str:
    """Inline citation such as "[S-MP; Fong99]"; the notebook's sources section lists them in full."""
    return "[" + "; ".join(ids) + "]"


@cache
def topics() -> dict[str, dict]:
    entries = checked_entries(FACTS_FILE, "topics", {"id": Field("text"), "title": Field("text"),
                                                     "facts": Field("any")})
    for entry in entries:
        if not isinstance(entry["facts"], list) or not entry["facts"]:
            raise DataFileError(FACTS_FILE, "expected a list of facts", entry["id"], "facts")
        for fact in entry["facts"]:
            if not isinstance(fact, dict) or set(fact) != {"fact", "sources"} or not fact["fact"]:
                raise DataFileError(FACTS_FILE, f"each fact needs 'fact' and 'sources', got {fact!r}",
                                    entry["id"], "facts")
            check_sources(FACTS_FILE, entry["id"], "facts.sources", fact["sources"])
    return {entry["id"]: entry for entry in entries}


def facts_markdown(topic_id: str, heading: bool = False) -> str:
    try:
        topic = topics()[topic_id]
    except KeyError:
        raise ValueError(f"topic: {topic_id!r} is not in data/{FACTS_FILE}; allowed: {', '.join(topics())}") from None
    lines = [f"**{topic['title']}**\n"] if heading else []
    lines += [f"- {' '.join(fact['fact'].split())} {cite(fact['sources'])}" for fact in topic["facts"]]
    return "\n".join(lines)


def show_facts(topic_id: str, heading: bool = False) -> Markdown:
    """A topic's facts as a bulleted list, each with its sources."""
    return Markdown(facts_markdown(topic_id, heading))


def option_markdown(option_id: str) -> str:
    o = option(option_id)
    t = o.tradeoffs
    scale = scales()
    bullet = "\n".join
    parts = [
        f"#### {o.name}",
        f"**How it works.** {' '.join(o.how_it_works.split())}",
        f"**How it is given.** {' '.join(o.how_given.split())}",
        "**Who it suits**\n\n" + bullet(f"- {item}" for item in o.suits),
        "**Who it does not suit**\n\n" + bullet(f"- {item}" for item in o.does_not_suit),
        "**Main side effects**\n\n" + bullet(f"- {item}" for item in o.side_effects),
        "**Nursing care**\n\n" + bullet(f"- {item}" for item in o.nursing_care),
        "**Trade-offs**\n\n" + bullet([
            f"- Invasiveness: {scale['invasiveness'].label(t.invasiveness)}",
            f"- Recovery: {t.recovery_note}",
            f"- Aims: {', '.join(AIMS[aim] for aim in t.aims)}",
            f"- Key limits: {t.key_limits}"]),
    ]
    if o.key_facts:
        parts.append("**Key facts**\n\n" + bullet(f"- {fact.fact} {cite(fact.sources)}" for fact in o.key_facts))
    parts.append(f"*Sources: {'; '.join(o.sources)}*")
    return "\n\n".join(parts)


def show_option(option_id: str) -> Markdown:
    """A treatment option's card: how it works, who it suits, side effects, nursing care, trade-offs."""
    return Markdown(option_markdown(option_id))


def sources_markdown(*ids: str) -> str:
    if not ids:
        raise ValueError("ids: no source ids given; list the reference ids the notebook cites")
    unique = list(dict.fromkeys(ids))
    lines = []
    for ref_id in sorted(unique, key=lambda r: (reference(r).kind != "seed", r.casefold())):
        ref = reference(ref_id)
        lines.append(f"- **{ref_id}**: {ref.citation()} {link(ref.link, ref.link)}")
    return "\n".join(lines)


def show_sources(*ids: str) -> Markdown:
    """The notebook's reference list: the five seed pages first, then the rest alphabetically."""
    return Markdown(sources_markdown(*ids))


def navigation_markdown(notebook_file: str) -> str:
    entries = course_outline.notebooks()
    files = [entry.file for entry in entries]
    if notebook_file not in files:
        raise ValueError(f"notebook_file: {notebook_file!r} is not in data/course.yaml; allowed: {', '.join(files)}")
    position = files.index(notebook_file)
    links = []
    if position > 0:
        previous = entries[position - 1]
        links.append(f"← Previous: {link(previous.title, previous.file)}")
    links.append(link("Course map", "00_start_here.ipynb"))
    if position + 1 < len(entries):
        following = entries[position + 1]
        links.append(f"Next: {link(following.title, following.file)} →")
    return " · ".join(links)


def show_navigation(notebook_file: str) -> Markdown:
    """Previous / course map / next links, from the order in data/course.yaml."""
    return Markdown(navigation_markdown(notebook_file))


def key_facts_markdown(option_id: str) -> str:
    o = option(option_id)
    if not o.key_facts:
        raise ValueError(f"option_id: {option_id!r} has no key facts in data/treatment_options.yaml")
    return "\n".join(f"- {fact.fact} {cite(fact.sources)}" for fact in o.key_facts)


def show_key_facts(option_id: str) -> Markdown:
    """Only the numbers and findings about one option, each with its sources."""
    return Markdown(key_facts_markdown(option_id))


def nursing_overview_markdown(family: str | None = None) -> str:
    """A table of every option (or one family): what to watch for and the nursing focus."""
    from .treatment_options import families, options

    if family is not None and family not in families():
        raise ValueError(f"family: {family!r} is not a treatment family; allowed: {', '.join(families())}")
    rows = ["| Treatment | Watch for | Nursing focus |", "|---|---|---|"]
    for o in options().values():
        if family is None or o.family == family:
            watch = "<br>".join(o.side_effects)
            care = "<br>".join(o.nursing_care)
            rows.append(f"| **{o.short_name}** | {watch} | {care} |")
    return "\n".join(rows)


def show_nursing_overview(family: str | None = None) -> Markdown:
    """Side effects and nursing care for every treatment (or one family), side by side."""
    return Markdown(nursing_overview_markdown(family))
