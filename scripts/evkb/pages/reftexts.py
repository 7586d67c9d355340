"""Every text made from a reference alone (citation, BibTeX, CSL-JSON), made in one pass.

Each reference has a page showing its citation and BibTeX, and the downloads hold its
BibTeX and CSL-JSON; on a cold build these are most of the cost of generating the
site. They are computed together for the references the text cache lacks, in forked
workers when there are many (`citation.map_refs`), and kept in the cache.
"""
from __future__ import annotations

KINDS = ("citation", "bibtex", "csl")


def reference_texts(ref) -> dict:
    from .citation import _format
    from .data import csl_item
    from .fastlatex import fast_from_latex
    from .reference import bibtex_entry
    with fast_from_latex():
        return {"citation": _format(ref), "bibtex": bibtex_entry(ref), "csl": csl_item(ref)}


def fill(text_cache, refs) -> None:
    """Put every kind of text for every reference in `text_cache`."""
    from .citation import map_refs
    text_cache.fill(KINDS, list(refs), lambda missing: map_refs(reference_texts, missing))
