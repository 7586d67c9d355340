"""One page per claim: statement, verdict, grade, the figure against the evidence (chart and
table), sources, where it circulates, related and conflicting claims, diagnostics, JSON-LD."""
from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup

from ...model.figures import comparables, figure_bounds
from ...model.units import symbol
from . import links, safe
from .templating import render
from .chart import Row, forest_svg
from ...model.figure_text import figure_text, finding_value

RATING = {"supported": 5, "partly-supported": 3, "contested": 2, "no-evidence": 2, "contradicted": 1}
KIND_LABEL = {"circulating": "Circulating claim", "assertion": "The base's own statement"}
STATUS_LABEL = {"verified": "verified", "misattributed": "misattributed", "not-found": "not found",
                "none-given": "no source given"}


def figure_block(site, claim, index, figure, link):
    kb = site.kb
    unit_sym = symbol(kb.vocab, figure.unit)
    found = comparables(kb, claim, figure)
    rows, table = [], []
    for c in found:
        rec = kb.findings[c.ref].record
        n = f", n={rec.n}" if rec.n is not None else ""
        rows.append(Row(f"{site.label(c.ref)}{n}", c.low, c.high, c.direct))
        value = f"{c.low:g}{unit_sym}" if c.low == c.high else f"{c.low:g}–{c.high:g}{unit_sym}"
        table.append({"ref": c.ref, "label": site.label(c.ref), "href": link(links.reference_path(c.ref)),
                      "n": rec.n, "finding": c.finding.id, "value": value, "direct": c.direct,
                      "direction": c.finding.direction, "where": c.finding.where,
                      "condition": c.finding.condition or ""})
    compared = {(c.ref, c.finding.id) for c in found}
    others = []
    for _si, source, finding, _idx in kb.claim_findings(claim.id):
        if finding is None or source.stance == "mentions" or (source.ref, finding.id) in compared:
            continue
        if (finding.measure, finding.comparison) == (figure.measure, figure.comparison):
            others.append({"ref": source.ref, "label": site.label(source.ref),
                           "href": link(links.reference_path(source.ref)), "finding": finding.id,
                           "value": finding_value(finding, kb.vocab)})
    claimed = figure_text(figure.value, unit_sym)
    title = f"{site.measure_name(figure.measure)}: claimed {claimed} against the cited findings"
    svg = Markup(forest_svg(rows, unit_sym, figure_bounds(figure.value), title=title, band_label=f"claimed: {claimed}")) \
        if rows and figure.value is not None else None
    mismatch = next((m for i, m in site.assessments[claim.id].mismatches if i == index), None)
    return {"figure": figure, "claimed": claimed, "svg": svg, "rows": table, "others": others,
            "measure_name": site.measure_name(figure.measure), "measure_href": link(links.measure_path(figure.measure)),
            "comparison_name": site.term_name("comparisons", figure.comparison), "mismatch": mismatch,
            "unit": figure.unit}


def claim_review(site, cid, claim, a, media_urls) -> Markup:
    data = {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "claimReviewed": claim.statement,
        "datePublished": claim.reviewed,
        "reviewRating": {"@type": "Rating", "ratingValue": RATING.get(a.verdict, 2), "bestRating": 5,
                         "worstRating": 1, "alternateName": a.label},
        "itemReviewed": {"@type": "Claim", "appearance": [{"@type": "CreativeWork", "url": u} for u in media_urls]},
        "author": {"@type": "Organization", "name": "evidence knowledge base"},
    }
    if site.options.site_url:
        data["url"] = site.options.site_url.rstrip("/") + "/" + links.page_url(links.claim_path(cid))
    if not media_urls:
        del data["itemReviewed"]["appearance"]
    return safe.json_for_script(data)


def claim_page(site, claim_id: str, repo_url: str = "") -> str:
    kb = site.kb
    loaded = kb.claims[claim_id]
    claim = loaded.record
    path = links.claim_path(claim_id)
    link = links.Linker(path, site.options.directory_urls)
    a = site.assessments[claim_id]
    sources = []
    for source in claim.sources:
        ref = kb.references.get(source.ref)
        findings = [kb.finding(source.ref, fid) for fid in source.findings]
        sources.append({"source": source, "known": ref is not None, "citation": site.citation(source.ref),
                        "label": site.label(source.ref), "href": link(links.reference_path(source.ref)),
                        "links": safe.identifier_links(ref) if ref else [],
                        "findings": [(f, finding_value(f, kb.vocab)) for f in findings if f is not None],
                        "missing": [fid for fid, f in zip(source.findings, findings) if f is None]})
    sightings, media_urls = [], []
    for s in claim.seen_in:
        m = kb.media.get(s.media)
        url = safe.safe_url(m.record.url) if m else None
        if url:
            media_urls.append(url)
        sightings.append({"s": s, "title": m.record.title if m else s.media, "known": m is not None,
                          "href": link(links.media_path(s.media)), "url": url, "status": STATUS_LABEL[s.status],
                          "actual": [(k, site.label(k), link(links.reference_path(k)), k in kb.references)
                                     for k in s.actual]})
    def claim_item(other):
        o = kb.claims.get(other)
        if o is None:
            return {"id": other, "known": False}
        return {"id": other, "known": True, "statement": o.record.statement, "href": link(links.claim_path(other)),
                "a": site.assessments[other]}
    related_ids = list(dict.fromkeys(list(claim.related) + sorted(site.related_back.get(claim_id, ()))))
    related = [claim_item(o) for o in related_ids if o != claim_id]
    conflicting = [claim_item(o) for o in sorted(site.conflicts.get(claim_id, ()))]
    diagnostics = [d for d in site.by_subject.get(claim_id, ()) if d.path == loaded.path]
    figures = [figure_block(site, claim, i, f, link) for i, f in enumerate(claim.figures)]
    return render("claim.md.j2", claim=claim, loaded=loaded, a=a, kind_label=KIND_LABEL[claim.kind],
                  topic_href=link(links.topic_path(loaded.topic)), sources=sources, figures=figures,
                  sightings=sightings, related=related, conflicting=conflicting, diagnostics=diagnostics,
                  edit_url=site.edit_url(loaded.path), check_href=link("check/index.md"),
                  rule_href=lambda d: link(f"rules/{links.slug(d.code)}.md"),
                  method_href=link("method/index.md"),
                  explore_href=link("explorer/index.md") + "?" + urlencode({"claim": claim_id, "topic": loaded.topic}),
                  jsonld=claim_review(site, claim_id, claim, a, media_urls),
                  population=site.term_name("populations", claim.population),
                  activity=site.term_name("activities", claim.activity))
