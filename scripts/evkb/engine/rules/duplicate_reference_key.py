"""Two BibTeX entries share one key.

Tools disagree on which copy wins, so a citation could silently point at the
wrong publication. Keys must be unique across every .bib file under references/.

Failing example:

    @article{roos2012, title = {Patellofemoral joint compression forces}}
    @article{roos2012, title = {Another paper}}

Fixed example:

    @article{roos2012, title = {Patellofemoral joint compression forces}}
    @article{roos2012b, title = {Another paper}}
"""
from . import Hit
from ._util import ref_loc

CODE = "R002"
NAME = "duplicate-reference-key"
LEVEL = "error"
OPTIONS: dict = {}


def check_bibliography(ctx):
    for kept, repeated in ctx.kb.duplicate_references:
        yield Hit(repeated.path, repeated.line, 1, f"BibTeX key {repeated.key!r} is already defined at "
                  f"{kept.path}:{kept.line}", "rename one entry and update the claims that cite it",
                  (ref_loc(kept),), repeated.key)
