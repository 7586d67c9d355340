"""One page per reference: citation, identifiers, verification, the study, its findings,
every claim citing it (backlinks, with stance) and a BibTeX box to copy."""
from __future__ import annotations

from . import links, safe
from .templating import render
from .headline import shorten
from .data import _latex_to_text
from .claim import STATUS_LABEL
from ...model.figure_text import finding_value


def bibtex_entry(ref) -> str:
    """One entry as BibTeX (fields as loaded: macros expanded, crossrefs resolved)."""
    from .bibwrite import write_entry
    from .citation import _person
    persons = {role: [_person(p) for p in people] for role, people in (("author", ref.authors),
                                                                      ("editor", ref.editors)) if people}
    try:
        return write_entry(ref.key, ref.type, dict(ref.fields), persons)
    except Exception:  # a key or field pybtex cannot write back
        lines = [f"@{ref.type}{{{ref.key},"] + [f"  {k} = {{{v}}}," for k, v in ref.fields.items()] + ["}"]
        return "\n".join(lines) + "\n"


def verification_text(ref, study) -> str:
    parts = []
    if study is not None:
        basis = {"full-text": "the full text", "abstract": "the abstract", "record": "the bibliographic record",
                 "title": "the title only"}[study.evidence_basis]
        parts.append(f"Findings read from {basis}.")
        parts.append("Metadata verified." if study.verification == "verified"
                     else "Metadata partly verified: some core fields were not displayed.")
        if study.grey:
            parts.append("Grey literature (thesis, poster, conference abstract or preprint).")
    else:
        parts.append("No findings are recorded for this publication.")
    return " ".join(parts)


def _title_text(title: str) -> str:
    """A BibTeX title as plain text; most hold no LaTeX beyond protective braces."""
    if "\\" in title or "$" in title or "~" in title:
        return _latex_to_text(title).strip()
    return title.replace("{", "").replace("}", "").strip()


def reference_page(site, key: str) -> str:
    kb = site.kb
    ref = kb.references[key]
    path = links.reference_path(key)
    link = links.Linker(path, site.options.directory_urls)
    loaded = kb.findings.get(key)
    study = loaded.record if loaded else None
    citing = []
    for cid, source in site.cited_by.get(key, ()):
        claim = kb.claims[cid].record
        citing.append({"id": cid, "statement": claim.statement, "title": site.claim_title(cid), "stance": source.stance, "href": link(links.claim_path(cid)),
                       "a": site.assessments[cid], "findings": ", ".join(source.findings), "locator": source.locator or ""})
    credited = []
    for cid, s in site.credited.get(key, ()):
        credited.append({"statement": kb.claims[cid].record.statement, "title": site.claim_title(cid), "href": link(links.claim_path(cid)),
                         "media": kb.media[s.media].record.title if s.media in kb.media else s.media,
                         "media_href": link(links.media_path(s.media)) if s.media in kb.media else "",
                         "credited_as": s.credited_as or "", "status": s.status, "status_label": STATUS_LABEL[s.status]})
    findings = []
    if study:
        for f in study.findings:
            findings.append({"f": f, "value": finding_value(f, kb.vocab), "measure": site.measure_name(f.measure),
                             "measure_href": link(links.measure_path(f.measure)),
                             "comparison": site.term_name("comparisons", f.comparison)})
    design = kb.vocab.get("designs", study.design) if study else None
    label = site.label(key)
    paper = shorten(_title_text(ref.get("title")), 70) if ref.get("title") else ""
    return render("reference.md.j2", ref=ref, key=key, label=label,
                  title=f"{label}: {paper}" if paper else label, paper=paper, citation=site.citation(key), links=safe.identifier_links(ref),
                  study=study, design_name=design.name if design else (study.design if study else ""),
                  population=site.term_name("populations", study.population) if study else "",
                  activity=site.term_name("activities", study.activity) if study else "",
                  verification=verification_text(ref, study), findings=findings, citing=citing, credited=credited,
                  bibtex=site.bibtex(key), diagnostics=site.by_subject.get(key, ()),
                  rule_href=lambda d: link(f"rules/{links.slug(d.code)}.md"),
                  bib_href=link("references/index.md"), downloads_href=link("downloads.md"))
