"""A value the base derived does not equal what its formula gives.

Figures computed by the base (a percentage from two arm means, say) are marked
`derived` with their formula; the engine recomputes them from the reported
values, so a typo or a stale edit cannot survive. Tolerance: the larger of
`tolerance` × |recomputed value| and `absolute` (or the finding's own `tolerance`).

Failing example:

    arms: [{label: forward, mean: 4.5}, {label: backward, mean: 3.4}]
    derived: {formula: (forward - backward) / forward * 100, value: 32, unit: percent}

Fixed example:

    derived: {formula: (forward - backward) / forward * 100, value: 24.4, unit: percent}
"""
from ...model.formula import FormulaError, evaluate, finding_names
from ._util import at

CODE = "F001"
NAME = "derived-value-mismatch"
LEVEL = "error"
OPTIONS = {"tolerance": 0.005, "absolute": 0.05}


def check_findings(ctx, loaded):
    rel_tol, abs_tol = ctx.option("tolerance"), ctx.option("absolute")
    key = loaded.record.ref
    for i, finding in enumerate(loaded.record.findings):
        derived = finding.derived
        if derived is None:
            continue
        try:
            expected = evaluate(derived.formula, finding_names(finding))
        except FormulaError as exc:
            yield at(loaded, "findings", i, "derived", "formula", value=True, subject=key,
                     message=f"cannot evaluate the formula of finding {finding.id!r}: {exc}",
                     hint="use arm labels, value, low, high, numbers and + - * / ( )")
            continue
        tol = derived.tolerance if derived.tolerance is not None else max(abs_tol, rel_tol * abs(expected))
        if abs(expected - derived.value) > tol:
            yield at(loaded, "findings", i, "derived", "value", value=True, subject=key,
                     message=f"derived value {derived.value:g} of finding {finding.id!r} does not match its "
                             f"formula, which gives {expected:.4g}",
                     hint=f"write {expected:.3g}, or correct the formula or the reported values")
