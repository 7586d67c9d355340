"""A figure disagrees with the cited findings on the same measure (overstated or understated).

Each figure is compared, after unit conversion, with the values of the cited
findings on its measure and comparison, preferring direct findings (same
population and activity). A number or range must overlap a finding's value
within the relative `tolerance`; "up to X" and "at least X" are compared with the
largest finding. Errors on assertions (the base must state what studies found),
warnings on circulating claims, where the mismatch makes the verdict "partly
supported". The message gives the ratio and the difference.

Failing example:

    figures: [{measure: patellofemoral-compression-force, comparison: backward-vs-forward, value: {up_to: 40}, unit: percent}]
    sources: [{ref: roos2012pfjcf, findings: [pfjcf-peak], stance: supports}]   # derived 24.4 %

Fixed example (an assertion):

    figures: [{measure: patellofemoral-compression-force, comparison: backward-vs-forward, value: 24.4, unit: percent}]
"""
from ._util import at

CODE = "F005"
NAME = "figure-mismatch"
LEVEL = {"assertion": "error", "circulating": "warning"}
OPTIONS = {"tolerance": 0.10}


def check_claim(ctx, loaded):
    for i, m in ctx.assessment(loaded.record.id).mismatches:
        figure = loaded.record.figures[i]
        studies = ", ".join(sorted({c.ref for c in m.against}))
        yield at(loaded, "figures", i, "value" if figure.value is not None else "direction", value=True,
                 message=f"{figure.measure}: {m.text()} ({studies})",
                 hint="state the figure the studies report, or explain the gap in `explanation`")
