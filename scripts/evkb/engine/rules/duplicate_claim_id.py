"""Two claim files declare the same id.

A claim's id is its address on the site and in every report; two claims with one
id would silently hide each other. Ids must be unique across all topics.

Failing example:

    claims/knee-load/pfj-lower.yaml   id: pfj-lower
    claims/knee-oa/pfj-lower.yaml     id: pfj-lower

Fixed example:

    claims/knee-load/pfj-lower.yaml   id: pfj-lower
    claims/knee-oa/pfj-lower-oa.yaml  id: pfj-lower-oa
"""
from ._util import at, loc

CODE = "R001"
NAME = "duplicate-claim-id"
LEVEL = "error"
OPTIONS: dict = {}


def check(ctx):
    for kept, repeated in ctx.kb.duplicate_claims:
        yield at(repeated, "id", value=True, message=f"claim id {repeated.record.id!r} is already used by {kept.path}",
                 hint="give this claim another id and rename its file to match", related=[loc(kept, "id")])
