"""A claim has no source that supports, contradicts or qualifies it.

An assertion in the base's own voice must rest on evidence, so this is an error
for assertions. For a circulating claim it is a warning: the claim exists in the
wild and its verdict becomes "no evidence found".

Failing example:

    kind: assertion
    sources: []

Fixed example:

    sources: [{ref: alghadir2019retro, findings: [pain-nrs], stance: supports}]
"""
from ..assess import EVIDENCE_STANCES
from ._util import at

CODE = "F004"
NAME = "unsourced-claim"
LEVEL = {"assertion": "error", "circulating": "warning"}
OPTIONS: dict = {}


def check_claim(ctx, loaded):
    claim = loaded.record
    if not any(s.stance in EVIDENCE_STANCES for s in claim.sources):
        yield at(loaded, "sources" if claim.sources else "statement",
                 message=f"claim {claim.id!r} has no source that supports, contradicts or qualifies it",
                 hint="cite the evidence with a stance; a `mentions` source is not evidence")
