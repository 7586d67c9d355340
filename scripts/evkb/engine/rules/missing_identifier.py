"""A reference has no DOI, PMID, PMCID, ISBN or URL.

Without an identifier a reader cannot reach the publication and nobody can
verify that the citation is what it claims to be. An entry cut short by a BibTeX syntax
error is left to invalid-bibtex: the identifier may be among the fields the parser lost.

Failing example:

    @article{hao2011boys, title = {...}, journal = {...}, year = {2011}}

Fixed example:

    @article{hao2011boys, title = {...}, journal = {...}, year = {2011}, url = {https://...}}
"""
from . import Hit
from ...load.bibtex import IDENTIFIER_FIELDS

CODE = "R009"
NAME = "missing-identifier"
LEVEL = "warning"
OPTIONS: dict = {}


def check_bibliography(ctx):
    unreadable = ctx.kb.unreadable
    for key, ref in ctx.kb.references.items():
        if ("ref", key) in unreadable:
            continue   # a syntax error cut the entry short: invalid-bibtex says where, its fields may be there
        if not any(ref.get(name) for name in IDENTIFIER_FIELDS):
            yield Hit(ref.path, ref.line, 1, f"reference {key!r} has no doi, pmid, pmcid, isbn or url",
                      "add an identifier so readers can reach and verify the publication", subject=key)
