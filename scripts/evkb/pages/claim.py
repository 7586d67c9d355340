"""One page per claim: statement, verdict, grade, figures, sources, sightings, diagnostics."""
from ..figures import figure_bounds
from . import render, safe
from .citation import format_citation, short_label


def figure_text(value, unit_symbol: str) -> str:
    low, high, form = figure_bounds(value)
    if form == "up_to":
        return f"up to {low:g}{unit_symbol}"
    if form == "at_least":
        return f"at least {low:g}{unit_symbol}"
    return f"{low:g}–{high:g}{unit_symbol}" if low != high else f"{low:g}{unit_symbol}"


def claim_page(result, claim_id: str, repo_url: str = "") -> str:
    from ..units import symbol
    kb = result.kb
    loaded = kb.claims[claim_id]
    claim = loaded.record
    sources = []
    for source in claim.sources:
        ref = kb.references.get(source.ref)
        findings = [kb.finding(source.ref, fid) for fid in source.findings]
        sources.append({"source": source, "ref": ref, "citation": format_citation(ref) if ref else "",
                        "label": short_label(ref) if ref else source.ref,
                        "links": safe.identifier_links(ref) if ref else [],
                        "findings": [f for f in findings if f is not None]})
    figures = [(f, figure_text(f.value, symbol(kb.vocab, f.unit))) for f in claim.figures]
    edit = f"{repo_url.rstrip('/')}/edit/main/{loaded.path}" if safe.safe_url(repo_url) else ""
    return render("claim.md.j2", claim=claim, loaded=loaded, a=result.assessments[claim_id], sources=sources,
                  figures=figures, media=kb.media, diagnostics=result.for_subject(claim_id), edit_url=edit)
