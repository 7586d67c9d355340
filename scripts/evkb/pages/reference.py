"""One page per reference: citation, identifiers, study, findings, and the claims citing it."""
from . import render, safe
from .citation import format_citation


def reference_page(result, key: str) -> str:
    kb = result.kb
    ref = kb.references[key]
    findings = kb.findings.get(key)
    citing = [(cid, loaded.record, s.stance, result.assessments[cid])
              for cid, loaded in sorted(kb.claims.items()) for s in loaded.record.sources if s.ref == key]
    return render("reference.md.j2", ref=ref, citation=format_citation(ref), links=safe.identifier_links(ref),
                  study=findings.record if findings else None, citing=citing,
                  diagnostics=result.for_subject(key))
