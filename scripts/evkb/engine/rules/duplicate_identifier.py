"""Two BibTeX entries carry the same DOI, PMID or PMCID.

One publication entered twice under two keys splits its citations and its
findings; it is also how a misattributed citation often hides.

Failing example:

    @article{roos2012, doi = {10.1016/j.jbiomech.2012.03.019}}
    @article{roosbw,   doi = {10.1016/J.JBIOMECH.2012.03.019}}

Fixed example:

    @article{roos2012, doi = {10.1016/j.jbiomech.2012.03.019}}
"""
from . import Hit
from ._util import ref_loc
from .invalid_identifier import normalise

CODE = "R003"
NAME = "duplicate-identifier"
LEVEL = "error"
OPTIONS: dict = {}


def check_bibliography(ctx):
    seen = {}
    for ref in ctx.kb.references.values():
        for name in ("doi", "pmid", "pmcid"):
            value = normalise(name, ref.get(name))
            if not value:
                continue
            first = seen.setdefault((name, value), ref)
            if first is not ref:
                yield Hit(ref.path, ref.line_of(name), 1,
                          f"{name} {ref.get(name)!r} of {ref.key!r} is already used by {first.key!r}",
                          "keep one entry for the publication and cite it by that key",
                          (ref_loc(first, name),), ref.key)
