"""A source marked `supports` cites a finding that points the other way.

If the claim's figure says backward walking is `lower` on a measure and the cited
finding on the same measure and comparison is `higher` (or shows no difference),
the source does not support the claim, whatever the stance says.

Failing example:

    figures: [{measure: peak-vertical-grf, comparison: backward-vs-forward, direction: lower, value: 10, unit: percent}]
    sources: [{ref: wku_ijesab14_bwfw, findings: [vgrf-peak], stance: supports}]   # the finding is `higher`

Fixed example:

    sources: [{ref: wku_ijesab14_bwfw, findings: [vgrf-peak], stance: contradicts}]
"""
from ...model.figures import directions_conflict
from ._util import at

CODE = "F002"
NAME = "stance-contradicts-finding"
LEVEL = "error"
OPTIONS: dict = {}


def check_claim(ctx, loaded):
    claim = loaded.record
    claimed = {(f.measure, f.comparison): f.direction for f in claim.figures if f.direction}
    if not claimed:
        return
    for si, source, finding, _ in ctx.kb.claim_findings(claim.id):
        if source.stance != "supports" or finding is None:
            continue
        direction = claimed.get((finding.measure, finding.comparison))
        if directions_conflict(direction, finding.direction):
            yield at(loaded, "sources", si, "stance", value=True,
                     message=f"{source.ref} finding {finding.id!r} is {finding.direction!r} on "
                             f"{finding.measure}, but the claim says {direction!r} and the stance is supports",
                     hint="make the stance contradicts or qualifies, or cite the finding that does support it")
