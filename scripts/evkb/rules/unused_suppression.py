"""A record suppresses a rule that reports nothing for it.

Suppressions must earn their place: one that matches nothing is stale and would
silently hide a future problem. It also catches misspelt rule names.

Failing example:

    suppress:
      - {rule: figure-mismatch, reason: the article rounds}   # no figure-mismatch here

Fixed example:

    suppress: []
"""
from ..rules import find
from ._util import at

CODE = "X001"
NAME = "unused-suppression"
LEVEL = "warning"
OPTIONS: dict = {}


def check(ctx, used=frozenset()):
    for loaded in ctx.kb.claims.values():
        for i, suppression in enumerate(loaded.record.suppress):
            if (loaded.record.id, i) in used:
                continue
            known = find(suppression.rule)
            why = "matches nothing" if known else "names no rule"
            yield at(loaded, "suppress", i, "rule", value=True,
                     message=f"suppression of {suppression.rule!r} {why}",
                     hint="remove it" if known else "use a rule code or name from `evkb rules`")
