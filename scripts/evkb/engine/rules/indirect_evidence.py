"""The cited findings are about another population or activity than the claim.

Running data cited for a walking claim, or a knee-osteoarthritis trial cited for
healthy adults, is indirect: it may point the right way but does not show the
claim as stated. A finding is direct when its population and activity equal the
claim's or are narrower (by the vocabulary's `broader` links).

Failing example:

    activity: walking
    sources: [{ref: roos2012pfjcf, findings: [pfjcf-peak], stance: supports}]   # a running study

Fixed example:

    activity: running   # or cite a walking study
"""
from ._util import at

CODE = "F008"
NAME = "indirect-evidence"
LEVEL = "warning"
OPTIONS: dict = {}


def check_claim(ctx, loaded):
    claim = loaded.record
    for ref in ctx.assessment(claim.id).indirect:
        i = next(i for i, s in enumerate(claim.sources) if s.ref == ref)
        yield at(loaded, "sources", i, "ref", value=True,
                 message=f"{ref} studied another population or activity than the claim "
                         f"({claim.population}, {claim.activity})",
                 hint="the verdict and grade count this as indirect evidence")
