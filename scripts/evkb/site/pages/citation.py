"""Formatted citations (pybtex's plain style), with a fallback for incomplete entries.

pybtex formats under a thousand entries a second, most of it in its own template code, so
many entries are formatted on every core (`format_citations`), and field values with
no LaTeX skip its decoding (`fastlatex`); the text is the same either way.
"""
from __future__ import annotations

from functools import lru_cache

PARALLEL_MIN = 500      # fewer entries are formatted in-process: forking costs more than it saves


def _entry(ref):
    from pybtex.database import Entry
    persons = {role: [_person(p) for p in people] for role, people in (("author", ref.authors), ("editor", ref.editors))
               if people}
    return Entry(ref.type, fields={k: v for k, v in ref.fields.items()}, persons=persons)


@lru_cache(maxsize=16384)
def _person(name: str):
    """A parsed name, shared by the entries that list it: formatting only reads it."""
    from pybtex.database import Person
    return Person(name)


@lru_cache(maxsize=None)
def _backend():
    # render_as("text") looks the backend up through entry points on every call: slow at scale
    from pybtex.backends.plaintext import Backend
    return Backend()


@lru_cache(maxsize=None)
def _style():
    from pybtex.style.formatting.plain import Style
    return Style()


def format_citation(ref) -> str:
    """Plain text; escape before rendering."""
    from ..speed.fastlatex import fast_from_latex
    with fast_from_latex():
        return _format(ref)


def format_citations(refs) -> list[str]:
    """`format_citation` of each, in order; on several cores when there are many."""
    return map_refs(_format_fast, refs)


def _format_fast(ref) -> str:
    from ..speed.fastlatex import fast_from_latex
    with fast_from_latex():
        return _format(ref)


def map_refs(fn, refs) -> list:
    """`[fn(ref) for ref in refs]`, in forked workers when there are many."""
    from ...load.speed.forkmap import fork_map
    _style(), _backend()  # built once here, inherited by the workers
    return fork_map(fn, refs, PARALLEL_MIN)


def _workers(count: int) -> int:
    from ...load.speed.forkmap import workers
    return workers(count, PARALLEL_MIN)


def _format(ref) -> str:
    try:
        return _style().format_entry(ref.key, _entry(ref)).text.render(_backend())
    except Exception:  # pybtex raises FieldIsMissing and friends on incomplete entries
        return fallback_citation(ref)


def fallback_citation(ref) -> str:
    from ...engine.rules.incomplete_reference import missing_fields
    who = "; ".join(ref.authors[:3]) + (" et al." if len(ref.authors) > 3 else "") if ref.authors else "Anonymous"
    parts = [who, f"({ref.year})" if ref.year else "(n.d.)", ref.title or "[untitled]"]
    venue = ref.get("journal") or ref.get("booktitle") or ref.get("school") or ref.get("publisher")
    if venue:
        parts.append(venue)
    missing = missing_fields(ref)
    text = ". ".join(p.rstrip(".") for p in parts) + "."
    return text + (f" [incomplete: {', '.join(missing)} missing]" if missing else "")


def _surname(author: str) -> str:
    from .data import _latex_to_text
    return _latex_to_text(author.split(",")[0].strip()).strip("{} ")


def short_label(ref) -> str:
    """"Roos et al. 2012", "Roos and Barton 2012", "Roos 2012" (LaTeX accents as letters)."""
    if ref.authors:
        last = _surname(ref.authors[0])
        if len(ref.authors) == 2 and ref.authors[1].strip().lower() != "others":
            return f"{last} and {_surname(ref.authors[1])} {ref.year}".strip()
        return f"{last}{' et al.' if len(ref.authors) > 1 else ''} {ref.year}".strip()
    who = next((ref.get(f) for f in ("school", "institution", "organization", "publisher", "journal", "booktitle")
                if ref.get(f)), "")
    if who:
        from .data import _latex_to_text
        return f"{_latex_to_text(who).strip('{} ')} {ref.year}".strip()
    title = " ".join(ref.get("title").replace("{", "").replace("}", "").split()[:4])
    return f"{title}… {ref.year}".strip() if title else (f"A work of {ref.year}" if ref.year else "An untitled work")
