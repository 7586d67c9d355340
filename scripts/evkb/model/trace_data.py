"""A figure's trace as plain JSON data: the shape of `evkb show --format json` and of the
`figures[].checks` in site/data/evidence.json."""
from __future__ import annotations

from .figure_checks import Check, FigureTrace


def _number(x):
    return None if x is None or x != x or x in (float("inf"), float("-inf")) else round(x, 6)


def check_data(c: Check) -> dict:
    """One check as plain JSON data (the export's and `evkb show --format json`'s shape)."""
    value = None if c.low is None else [_number(c.low), _number(c.high)]
    return {"ref": c.ref, "finding": c.finding, "measure": c.measure, "form": c.form, "value": value,
            "ci": None if c.ci is None else [_number(v) for v in c.ci], "ratio": _number(c.ratio),
            "difference": _number(c.difference), "outcome": c.outcome, "reason": c.reason or None,
            "basis": c.basis or None, "direct": c.direct, "computed": c.computed,
            "related_via": c.related_via or None, "direction": c.direction}


def trace_data(trace: FigureTrace) -> dict:
    """The outcome of one figure and every check made for it, as plain JSON data."""
    p = trace.pooled
    pooled = None if p is None else {
        "kind": p.kind, "value": _number(p.value), "ci": [_number(p.low), _number(p.high)], "tau2": _number(p.tau2),
        "i2": _number(p.i2), "q": _number(p.q), "k": p.k, "studies": list(p.studies), "method": "DerSimonian-Laird",
        "computed_here": True}
    return {"outcome": trace.outcome, "reason": trace.reason or None,
            "mismatch": trace.mismatch.text() if trace.mismatch else None,
            "checks": [check_data(c) for c in trace.checks], "pooled": pooled}
