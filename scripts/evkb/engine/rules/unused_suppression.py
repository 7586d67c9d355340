"""A record suppresses a rule that reports nothing for it.

Suppressions must earn their place: one that matches nothing is stale and would
silently hide a future problem. It also catches misspelt rule names.

Failing example:

    suppress:
      - {rule: figure-mismatch, reason: the article rounds}   # no figure-mismatch here

Fixed example:

    suppress: []
"""
from . import find
from ._util import at

CODE = "X001"
NAME = "unused-suppression"
LEVEL = "warning"
OPTIONS: dict = {}


def check(ctx, used=frozenset()):
    for claim_id, rules in ctx.suppressions.items():   # only the claims that suppress something
        for i, rule in enumerate(rules):
            if (claim_id, i) in used:
                continue
            known = find(rule)
            why = "matches nothing" if known else "names no rule"
            yield at(ctx.kb.claims[claim_id], "suppress", i, "rule", value=True,
                     message=f"suppression of {rule!r} {why}",
                     hint="remove it" if known else "use a rule code or name from `evkb rules`")
