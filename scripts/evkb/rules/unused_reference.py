"""A BibTeX entry is cited by no claim, no findings file and no credited work.

An unused entry is often a typo'd key on one side, or a source that was meant to
be cited. It is harmless, hence only information.

Failing example:

    @article{forgotten2019, title = {A study nobody cites}}

Fixed example:

    cite it from a claim's sources, or remove the entry
"""
from . import Hit

CODE = "R008"
NAME = "unused-reference"
LEVEL = "info"
OPTIONS: dict = {}


def check(ctx):
    kb = ctx.kb
    used = set(kb.findings)
    for loaded in kb.claims.values():
        used.update(s.ref for s in loaded.record.sources)
        used.update(k for seen in loaded.record.seen_in for k in seen.actual)
    used.update(ref.get("crossref") for ref in kb.references.values())
    for key, ref in kb.references.items():
        if key not in used:
            yield Hit(ref.path, ref.line, 1, f"reference {key!r} is not cited by any claim or findings file",
                      "cite it, or remove the entry", subject=key)
