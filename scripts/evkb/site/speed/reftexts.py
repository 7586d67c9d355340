"""Every text made from a reference alone (citation, BibTeX, CSL-JSON), made in one pass.

Each reference has a page showing its citation and BibTeX, and the downloads hold its
BibTeX and CSL-JSON; on a cold build these are a large part of generating the site. They
are computed together for the references the text cache lacks, in forked workers when
there are many, and kept in the cache. `start` begins that work as soon as the
bibliography is loaded, so it runs while the build checks the base.
"""
from __future__ import annotations

KINDS = ("citation", "bibtex", "csl")
PARALLEL_MIN = 500      # references; fewer are done in-process


def reference_texts(ref) -> dict:
    from ..pages.citation import _format
    from ..pages.data import csl_item
    from .fastlatex import fast_from_latex
    from ..pages.reference import bibtex_entry
    with fast_from_latex():
        return {"citation": _format(ref), "bibtex": bibtex_entry(ref), "csl": csl_item(ref)}


class Started:
    """Texts being made for the references the cache lacks; `finish()` puts them in the cache."""

    def __init__(self, text_cache, refs):
        from ...load.speed.forkmap import start
        from ..pages.citation import _backend, _style
        self.cache = text_cache
        self.missing = text_cache.missing(KINDS, list(refs))
        _style(), _backend()            # built once here, inherited by the workers
        self._pending = start(reference_texts, self.missing, PARALLEL_MIN) if self.missing else None

    def finish(self) -> None:
        if self._pending is not None:
            self.cache.put(KINDS, self.missing, self._pending.result())
            self._pending = None


def start(text_cache, refs) -> Started:
    return Started(text_cache, refs)


def fill(text_cache, refs) -> None:
    """Put every kind of text for every reference in `text_cache`."""
    start(text_cache, refs).finish()
