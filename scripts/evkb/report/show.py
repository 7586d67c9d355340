"""Terminal rendering of one claim (`evkb show`)."""
from __future__ import annotations

import textwrap

from ..model.trace_data import trace_data
from ..model.figure_text import figure_text
from ..model.units import symbol

OUTCOME_WORDS = {"matches": "matches", "overstated": "overstated", "understated": "understated",
                 "opposite-direction": "opposite direction", "not-comparable": "not comparable",
                 "unchecked": "unchecked"}


def render_claim(result, claim_id: str) -> str:
    kb = result.kb
    loaded = kb.claims[claim_id]
    claim, a = loaded.record, result.assessments[claim_id]
    out = [f"{claim.id}  ({claim.kind}, topic {loaded.topic}, {loaded.path})",
           textwrap.fill(claim.statement, 100), "",
           f"verdict: {a.label}" + "".join(f"\n  - {r}" for r in a.reasons),
           f"grade:   {a.grade or 'none (no evidence)'}" + (f" (starts {a.start})" if a.start else "")]
    out += [f"  - {domain}: {why}" for domain, why in a.downgrades]
    for figure, trace in zip(claim.figures, a.traces):
        out.append(f"figure {trace.index + 1}: {figure.measure} ({figure.comparison}) {figure.direction or ''} "
                   f"{figure_text(figure.value, ' ' + (figure.unit or ''))} -> {OUTCOME_WORDS[trace.outcome]}"
                   + (f": {trace.reason}" if trace.reason else ""))
        out += ["    " + _check_line(kb, figure, c) for c in trace.checks]
        if trace.pooled is not None:
            p = trace.pooled
            out.append(f"    pooled here (DerSimonian-Laird, {p.k} studies): {p.kind} {p.value:.3f} "
                       f"[{p.low:.3f}, {p.high:.3f}], tau2 {p.tau2:.3f}, I2 {p.i2:.0f}%")
    out.append("sources:")
    for source in claim.sources:
        ref = kb.references.get(source.ref)
        title = ref.title if ref else "(unknown reference)"
        out.append(f"  [{source.stance}] {source.ref}: {textwrap.shorten(title, 80)}")
        for fid in source.findings:
            f = kb.finding(source.ref, fid)
            out.append(f"      {fid}: " + (f"{f.measure} {f.comparison} {f.direction} ({f.where})" if f else "(missing)"))
    for seen in claim.seen_in:
        out.append(f"seen in: {seen.media}, credited to {seen.credited_as or '-'} [{seen.status}]")
    diags = result.for_subject(claim_id)
    if diags:
        out.append("diagnostics:")
        out += [f"  {d.path}:{d.location.line}: {d.code} [{d.rule}] {d.level}: {d.message}" for d in diags]
    return "\n".join(out)


def _check_line(kb, figure, c) -> str:
    head = f"{c.ref}/{c.finding}: "
    if c.low is None:
        return head + OUTCOME_WORDS[c.outcome] + (f" ({c.reason})" if c.reason else "")
    sym = symbol(kb.vocab, figure.unit) if figure.unit else ""
    value = f"{c.low:.3g}{sym}" if c.low == c.high else f"{c.low:.3g}-{c.high:.3g}{sym}"
    ci = f" [95% CI {c.ci[0]:.3g} to {c.ci[1]:.3g}]" if c.ci else ""
    nums = []
    if c.ratio is not None:
        nums.append(f"ratio {c.ratio:.2f}")
    if c.difference is not None:
        nums.append(f"difference {c.difference:+.3g}")
    tail = [c.reason] if c.reason else []
    if c.related_via:
        tail.append(c.related_via)
    if not c.direct:
        tail.append("indirect: another population or activity")
    return (f"{head}{value}{ci} from {c.form} ({c.basis}): {OUTCOME_WORDS[c.outcome]}"
            + (f", {', '.join(nums)}" if nums and c.outcome != "matches" else "")
            + (f"; {'; '.join(tail)}" if tail else ""))


def claim_data(result, claim_id: str) -> dict:
    """One claim with its verdict, grade and the trace of every figure, as plain JSON data."""
    kb = result.kb
    loaded = kb.claims[claim_id]
    claim, a = loaded.record, result.assessments[claim_id]
    figures = []
    for figure, trace in zip(claim.figures, a.traces):
        value = figure.value
        if value is not None and not isinstance(value, (int, float, tuple)):
            value = {k: v for k, v in (("up_to", value.up_to), ("at_least", value.at_least)) if v is not None}
        figures.append({"measure": figure.measure, "comparison": figure.comparison, "value": value,
                        "unit": figure.unit, "direction": figure.direction, **trace_data(trace)})
    return {"id": claim.id, "kind": claim.kind, "statement": claim.statement, "topic": loaded.topic,
            "path": loaded.path, "verdict": a.verdict, "verdict_label": a.label, "reasons": list(a.reasons),
            "grade": a.grade, "grade_start": a.start,
            "downgrades": [{"domain": d, "why": w} for d, w in a.downgrades], "figures": figures,
            "diagnostics": [{"path": d.path, "line": d.location.line, "column": d.location.column, "code": d.code,
                             "rule": d.rule, "level": d.level, "message": d.message}
                            for d in result.for_subject(claim_id)]}
