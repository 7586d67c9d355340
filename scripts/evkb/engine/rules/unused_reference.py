"""A BibTeX entry is cited by no claim, no findings file and no credited work.

An unused entry is often a typo'd key on one side, or a source that was meant to
be cited. It is harmless, hence only information.

Failing example:

    @article{forgotten2019, title = {A study nobody cites}}

Fixed example:

    cite it from a claim's sources, or remove the entry
"""
from sys import intern

from . import Hit

CODE = "R008"
NAME = "unused-reference"
LEVEL = "info"
OPTIONS: dict = {}


def index_claim(ctx, loaded):
    """The keys one claim cites (its sources and the articles' actual references), cached with it."""
    claim = loaded.record   # keys repeat across claims: interned, the cached index holds each once
    return tuple([intern(s.ref) for s in claim.sources] + [intern(k) for seen in claim.seen_in for k in seen.actual])


def check(ctx):
    kb = ctx.kb
    used = set(kb.findings)
    for _, keys in ctx.claim_index(NAME):
        used.update(keys)
    used.update(ref.get("crossref") for ref in kb.references.values())
    for key, ref in kb.references.items():
        if key not in used:
            yield Hit(ref.path, ref.line, 1, f"reference {key!r} is not cited by any claim or findings file",
                      "cite it, or remove the entry", subject=key)
