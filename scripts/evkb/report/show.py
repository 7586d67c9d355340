"""Terminal rendering of one claim (`evkb show`)."""
from __future__ import annotations

import textwrap

from ..model.figure_text import figure_text


def render_claim(result, claim_id: str) -> str:
    kb = result.kb
    loaded = kb.claims[claim_id]
    claim, a = loaded.record, result.assessments[claim_id]
    out = [f"{claim.id}  ({claim.kind}, topic {loaded.topic}, {loaded.path})",
           textwrap.fill(claim.statement, 100), "",
           f"verdict: {a.label}" + "".join(f"\n  - {r}" for r in a.reasons),
           f"grade:   {a.grade or 'none (no evidence)'}" + (f" (starts {a.start})" if a.start else "")]
    out += [f"  - {domain}: {why}" for domain, why in a.downgrades]
    for figure in claim.figures:
        out.append(f"figure:  {figure.measure} ({figure.comparison}) {figure.direction or ''} "
                   f"{figure_text(figure.value, ' ' + (figure.unit or ''))}")
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
