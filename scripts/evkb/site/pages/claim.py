"""One page per claim: statement, verdict, grade, the figure against the evidence (chart and
table), sources, where it circulates, related and conflicting claims, diagnostics, JSON-LD."""
from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup

from ...model.figure_checks import FigureTrace
from ...model.figures import figure_bounds
from ...model.units import symbol
from . import links, safe
from .templating import render
from .chart import Row, forest_svg
from ...model.figure_text import figure_text, finding_value
from .claim_words import check_sentence, figure_sentence, unchecked_why
from .headline import claim_title
from .reasons import GRADE_WORDS, Names, downgrade_reasons, grade_line, verdict_reasons

OUTCOME_WORDS = {"matches": "matches", "overstated": "overstated", "understated": "understated",
                 "opposite-direction": "opposite direction", "unchecked": "not checked", "not-comparable": "not comparable"}
POOL_KIND = {"hedges-g": "Hedges' g", "smd": "standardised mean difference", "md": "mean difference"}
RATING = {"supported": 5, "partly-supported": 3, "contested": 2, "no-evidence": 2, "contradicted": 1}
KIND_LABEL = {"circulating": "Circulating claim", "assertion": "The base's own statement"}
STATUS_LABEL = {"verified": "verified", "misattributed": "misattributed", "not-found": "not found",
                "none-given": "no source given"}


def design_name(site, ref: str) -> str:
    rec = site.kb.findings.get(ref)
    return site.term_name("designs", rec.record.design).lower() if rec and rec.record.design else ""


def figure_block(site, claim, trace, names, link):
    """One figure against the evidence: the outcome, a sentence per check, the forest plot and its table."""
    kb = site.kb
    figure = claim.figures[trace.index]
    unit_sym = symbol(kb.vocab, figure.unit)
    rows, table = [], []
    for c in trace.checks:
        if not c.comparable or c.low is None:
            continue
        rec = kb.findings[c.ref].record
        design = design_name(site, c.ref)
        sub = " · ".join(x for x in (design, f"n={rec.n}" if rec.n is not None else "") if x)
        rows.append(Row(site.label(c.ref), c.low, c.high, c.direct, sub=sub, ci=c.ci))
        value = f"{c.low:.3g}{unit_sym}" if c.low == c.high else f"{c.low:.3g}–{c.high:.3g}{unit_sym}"
        table.append({"name": names(c.ref), "design": design, "n": rec.n, "value": value,
                      "ci": f"{c.ci[0]:.3g} to {c.ci[1]:.3g}" if c.ci else "", "basis": c.basis,
                      "direct": c.direct, "outcome": OUTCOME_WORDS.get(c.outcome, c.outcome)})
    pooled = trace.pooled
    pooled_text = None
    if pooled is not None:
        pooled_text = (f"{POOL_KIND.get(pooled.kind, pooled.kind)} {pooled.value:.3g} "
                       f"({pooled.level:.0%} interval {pooled.low:.3g} to {pooled.high:.3g}; {pooled.k} studies, "
                       f"I² {pooled.i2:.0f}%)")
        if rows and figure.unit == pooled.kind:
            rows.append(Row("Pooled estimate", pooled.value, pooled.value, sub=f"{pooled.k} studies, random effects",
                            ci=(pooled.low, pooled.high), pooled=True))
    claimed = figure_text(figure.value, unit_sym) if figure.value is not None else "a direction only"
    measure_name = site.measure_name(figure.measure)
    svg = None
    if rows and figure.value is not None:
        chart = dict(title=f"{measure_name}: claimed {claimed}", band_label=f"The claim: {claimed}",
                     axis_label=site.term_name("units", figure.unit) or figure.unit)
        band = figure_bounds(figure.value)
        svg = Markup(forest_svg(rows, unit_sym, band, **chart) + forest_svg(rows, unit_sym, band, stacked=True, **chart))
    compared = {(c.ref, c.finding) for c in trace.checks}
    others = []
    for _si, source, finding, _idx in kb.claim_findings(claim.id):
        if finding is None or source.stance == "mentions" or (source.ref, finding.id) in compared:
            continue
        if (finding.measure, finding.comparison) == (figure.measure, figure.comparison):
            others.append({"name": names(source.ref), "value": finding_value(finding, kb.vocab)})
    return {"figure": figure, "claimed": claimed, "svg": svg, "rows": table, "others": others,
            "measure_name": measure_name, "measure_href": link(links.measure_path(figure.measure)),
            "comparison_name": site.term_name("comparisons", figure.comparison), "trace": trace,
            "outcome": OUTCOME_WORDS.get(trace.outcome, trace.outcome), "pooled": pooled_text,
            "checks": [check_sentence(site, figure, c, names) for c in trace.checks],
            "summary": figure_sentence(site, claim, figure, trace, names) if trace.outcome != "unchecked" else
            Markup("It could not be checked: {}.").format(unchecked_why(site, figure, trace, names)),
            "unit": site.term_name("units", figure.unit) or figure.unit}


def claim_review(site, cid, claim, a, appearances, title) -> Markup | None:
    """schema.org ClaimReview (Google's fact-check fields) for a circulating claim seen in an
    article; None otherwise (assertions are the base's own words). `appearances`: a
    CreativeWork per article (its headline, and its address where it is a safe link)."""
    if claim.kind != "circulating" or not appearances:
        return None
    data = {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "claimReviewed": claim.statement,
        "name": title,
        "datePublished": claim.reviewed,
        "reviewRating": {"@type": "Rating", "ratingValue": RATING.get(a.verdict, 2), "bestRating": 5,
                         "worstRating": 1, "alternateName": a.label},
        "itemReviewed": {"@type": "Claim", "appearance": appearances, "firstAppearance": appearances[0]},
        "author": {"@type": "Organization", "name": site.options.site_name or "evidence knowledge base"},
    }
    if site.options.site_url:
        data["url"] = site.options.site_url.rstrip("/") + "/" + links.page_url(links.claim_path(cid))
        data["author"]["url"] = site.options.site_url
    return safe.json_for_script(data)


def _traces(a, claim):
    """A trace for every figure (a claim without evidence has none from the engine)."""
    by_index = {t.index: t for t in a.traces}
    return [by_index.get(i) or FigureTrace(i, "unchecked", (), "no cited source counts as evidence")
            for i in range(len(claim.figures))]


def claim_page(site, claim_id: str, repo_url: str = "") -> str:
    kb = site.kb
    loaded = kb.claims[claim_id]
    claim = loaded.record
    path = links.claim_path(claim_id)
    link = links.Linker(path, site.options.directory_urls)
    names = Names(site, link)
    a = site.assessments[claim_id]
    sources = []
    for source in claim.sources:
        ref = kb.references.get(source.ref)
        findings = [kb.finding(source.ref, fid) for fid in source.findings]
        sources.append({"source": source, "known": ref is not None, "citation": site.citation(source.ref),
                        "name": names(source.ref), "design": design_name(site, source.ref),
                        "links": safe.identifier_links(ref) if ref else [],
                        "findings": [(f, site.measure_name(f.measure), site.term_name("comparisons", f.comparison),
                                      finding_value(f, kb.vocab)) for f in findings if f is not None],
                        "missing": [fid for fid, f in zip(source.findings, findings) if f is None]})
    sightings, appearances = [], []
    for s in claim.seen_in:
        m = kb.media.get(s.media)
        url = safe.safe_url(m.record.url) if m else None
        if m is not None:
            work = {"@type": "CreativeWork", "headline": m.record.title}
            if url:
                work["url"] = url
            if m.record.publisher:
                work["publisher"] = {"@type": "Organization", "name": m.record.publisher}
            appearances.append(work)
        sightings.append({"s": s, "title": m.record.title if m else s.media, "known": m is not None,
                          "outlet": (m.record.publisher or "") if m else "",
                          "href": link(links.media_path(s.media)), "url": url, "status": STATUS_LABEL[s.status],
                          "actual": [names(k) for k in s.actual]})
    def claim_item(other):
        o = kb.claims.get(other)
        if o is None:
            return {"id": other, "known": False}
        return {"id": other, "known": True, "title": site.claim_title(other), "href": link(links.claim_path(other)),
                "a": site.assessments[other]}
    related_ids = list(dict.fromkeys(list(claim.related) + sorted(site.related_back.get(claim_id, ()))))
    related = [claim_item(o) for o in related_ids if o != claim_id]
    conflicting = [claim_item(o) for o in sorted(site.conflicts.get(claim_id, ()))]
    diagnostics = [d for d in site.by_subject.get(claim_id, ()) if d.path == loaded.path]
    figures = [figure_block(site, claim, t, names, link) for t in _traces(a, claim)]
    title = site.claim_title(claim_id)
    bottom = site.bottom_line(claim_id)
    return render("claim.md.j2", claim=claim, loaded=loaded, a=a, kind_label=KIND_LABEL[claim.kind],
                  title=title, bottom=bottom, description=f"{a.label}: {bottom}",
                  reasons=verdict_reasons(site, claim, a, names, link),
                  downgrades=downgrade_reasons(site, claim, a, names), grade_words=GRADE_WORDS[a.grade],
                  grade_line=grade_line(a),
                  topic_href=link(links.topic_path(loaded.topic)), sources=sources, figures=figures,
                  sightings=sightings, related=related, conflicting=conflicting, diagnostics=diagnostics,
                  edit_url=site.edit_url(loaded.path), check_href=link("check/index.md"),
                  rule_href=lambda d: link(f"rules/{links.slug(d.code)}.md"),
                  method_href=link("method/index.md"),
                  explore_href=link("explorer/index.md") + "?" + urlencode({"claim": claim_id, "topic": loaded.topic}),
                  jsonld=claim_review(site, claim_id, claim, a, appearances, title),
                  population=site.term_name("populations", claim.population),
                  activity=site.term_name("activities", claim.activity))
