"""A figure no cited finding could be compared with, so nothing backs its number.

Each figure is held against the findings its sources cite (see figure-mismatch).
When none of them gives a comparable number (another measure, another
comparison, a value in a unit that does not convert, a standardised effect for
a percentage, a direction only), the figure is unchecked: the claim's verdict
cannot be "supported" on it, and it becomes "partly supported" with the reason.
The message says why each cited finding could not be used and, when no finding
measures the figure's measure, which measures the cited findings do have. A
measure declared related to the figure's in the vocabulary (`related:` with a
reason) may stand in for it; the trace says when it did.

Failing example:

    figures: [{measure: knee-load, comparison: backward-vs-forward, value: 25, unit: percent}]
    sources: [{ref: smith2020knee, findings: [speed], stance: supports}]   # speed measures walking-speed

Fixed example:

    sources: [{ref: smith2020knee, findings: [knee-peak], stance: supports}]   # knee-peak measures knee-load
"""
from ._util import at

CODE = "F009"
NAME = "unchecked-figure"
LEVEL = "warning"
OPTIONS: dict = {}


def check_claim(ctx, loaded):
    claim = loaded.record
    if not any(s.stance != "mentions" for s in claim.sources):
        return  # unsourced-claim says so already
    if ctx.kb.unreadable and any(("findings", s.ref) in ctx.kb.unreadable for s in claim.sources):
        return  # a cited findings file has errors: unreadable-record points there
    for trace in ctx.assessment(claim.id).traces:
        if trace.outcome != "unchecked":
            continue
        figure = claim.figures[trace.index]
        yield at(loaded, "figures", trace.index, "measure", value=True,
                 message=f"figure {trace.index + 1} ({figure.measure}) was not compared with any source: {trace.reason}",
                 hint="cite the finding that reports this measure and comparison, record the number it reports, "
                      "or declare a related measure in the vocabulary with the reason")
