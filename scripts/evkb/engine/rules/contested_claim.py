"""Sources of opposite stance back and contradict the claim, neither clearly stronger.

The verdict becomes "contested"; the claim page shows both sides. One side wins
only when its best design starts two or more grade levels higher.

Failing example:

    sources:
      - {ref: study-a, findings: [x], stance: supports}
      - {ref: study-b, findings: [y], stance: contradicts}

Fixed example:

    nothing to fix in the record when the disagreement is real; the diagnostic documents it
"""
from ._util import at

CODE = "F007"
NAME = "contested-claim"
LEVEL = "warning"
OPTIONS: dict = {}


def check_claim(ctx, loaded):
    claim_id = loaded.record.id
    assessment = ctx.assessment(claim_id)
    if assessment.verdict == "contested":
        yield at(loaded, "sources", message=f"claim {claim_id!r} is contested: {assessment.reasons[0]}",
                 hint="the claim page shows both sides; add stronger evidence if it exists")
