"""Index pages: home, claims, bibliography, measures, articles, topics, check report,
rules, method, downloads and the explorer. Each is one page whatever the base's size."""
from __future__ import annotations

from collections import Counter, defaultdict

from ...engine.assess import GRADES, IMPRECISION_THRESHOLD, POOLED_STUDIES_PRECISE, VERDICT_LABELS, VERDICTS
from ...engine.rules import all_rules
from . import links
from .templating import render
from .media import OUTLET, media_summary
from .reasons import GRADE_WORDS


def anchor(text: str) -> str:
    from markdown.extensions.toc import slugify
    return slugify(text, "-")


def _claim_rows(site, link, ids):
    kb = site.kb
    return [{"id": cid, "statement": kb.claims[cid].record.statement, "title": site.claim_title(cid),
             "href": link(links.claim_path(cid)),
             "a": site.assessments[cid], "kind": kb.claims[cid].record.kind, "topic": kb.claims[cid].topic,
             "topic_href": link(links.topic_path(kb.claims[cid].topic)), "shared": site.shared[cid]} for cid in ids]


def _ref_sort_key(site, key):
    ref = site.kb.references[key]
    first = ref.authors[0].split(",")[0].strip("{} ").lower() if ref.authors else "~"
    return (first, ref.year, key)


def home_page(site) -> str:
    kb, assessments = site.kb, site.assessments
    link = links.Linker("index.md", site.options.directory_urls)
    verdicts = Counter(a.verdict for a in assessments.values())
    grades = Counter(a.grade or "none" for a in assessments.values())
    claims_href = link("claims/index.md")
    shared = [cid for cid, n in sorted(site.shared.items(), key=lambda kv: (-kv[1], kv[0])) if n][:10]
    topics = [{"topic": t, "href": link(links.topic_path(t)), "count": len(ids),
               "verdicts": Counter(assessments[c].verdict for c in ids)} for t, ids in sorted(site.claims_by_topic.items())]
    media = []
    for mid in sorted(kb.media):
        s = media_summary(site, mid)
        rec = kb.media[mid].record
        media.append({"title": rec.title, "where": rec.publisher or OUTLET.get(rec.outlet, rec.outlet),
                      "href": link(links.media_path(mid)), **s})
    media.sort(key=lambda m: (-m["claims"], -m["bad"], m["title"]))
    questions = _claim_rows(site, link, shared)
    for q in questions:
        q["bottom"] = site.bottom_line(q["id"])
        q["grade_words"] = GRADE_WORDS[q["a"].grade]
    return render("home.md.j2", kb=kb, site=site,
                  verdicts=[(v, VERDICT_LABELS[v], verdicts.get(v, 0), claims_href + "#" + anchor(VERDICT_LABELS[v]))
                            for v in VERDICTS],
                  grades=[(g, grades.get(g, 0)) for g in reversed(GRADES)] + [("none", grades.get("none", 0))],
                  shared=questions, topics=topics, media=media[:12], n_media=len(media),
                  n_measures=len(site.measures), errors=sum(d.level == "error" for d in site.diagnostics),
                  warnings=sum(d.level == "warning" for d in site.diagnostics),
                  infos=sum(d.level == "info" for d in site.diagnostics), verdict_labels=VERDICT_LABELS,
                  href=link)


def claims_index(site) -> str:
    link = links.Linker("claims/index.md", site.options.directory_urls)
    by_verdict = defaultdict(list)
    for cid in sorted(site.kb.claims):
        by_verdict[site.assessments[cid].verdict].append(cid)
    groups = [(VERDICT_LABELS[v], _claim_rows(site, link, by_verdict[v])) for v in VERDICTS if by_verdict[v]]
    return render("claims_index.md.j2", groups=groups, total=len(site.kb.claims), href=link)


def topic_pages(site) -> dict[str, str]:
    pages = {}
    kb = site.kb
    link = links.Linker("topics/index.md", site.options.directory_urls)
    rows = []
    for topic, ids in sorted(site.claims_by_topic.items()):
        path = links.topic_path(topic)
        tlink = links.Linker(path, site.options.directory_urls)
        claims = _claim_rows(site, tlink, sorted(ids))
        refs = sorted({s.ref for c in ids for s in kb.claims[c].record.sources if s.ref in kb.references},
                      key=lambda k: _ref_sort_key(site, k))
        pages[path] = render("topic.md.j2", topic=topic, claims=claims,
                             refs=[(k, site.label(k), tlink(links.reference_path(k))) for k in refs],
                             verdicts=Counter(site.assessments[c].verdict for c in ids), labels=VERDICT_LABELS)
        rows.append({"topic": topic, "href": link(path), "count": len(ids),
                     "verdicts": Counter(site.assessments[c].verdict for c in ids)})
    pages["topics/index.md"] = render("topics_index.md.j2", rows=rows, labels=VERDICT_LABELS)
    return pages


def bibliography(site) -> str:
    link = links.Linker("references/index.md", site.options.directory_urls)
    kb = site.kb
    keys = sorted(kb.references, key=lambda k: _ref_sort_key(site, k))
    rows = [{"key": k, "citation": site.citation(k), "href": link(links.reference_path(k)),
             "cited": len(site.cited_by.get(k, ())), "design": kb.findings[k].record.design if k in kb.findings else ""}
            for k in keys]
    return render("bibliography.md.j2", rows=rows, downloads=link("downloads.md"))


def measures_index(site) -> str:
    link = links.Linker("measures/index.md", site.options.directory_urls)
    rows = [{"id": m, "name": site.measure_name(m), "href": link(links.measure_path(m)),
             "findings": len(site.findings_by_measure.get(m, ())), "claims": len(site.claims_by_measure.get(m, ()))}
            for m in site.measures]
    return render("measures_index.md.j2", rows=rows)


def media_index(site) -> str:
    kb = site.kb
    link = links.Linker("media/index.md", site.options.directory_urls)
    rows = []
    for mid in sorted(kb.media):
        rec = kb.media[mid].record
        rows.append({"id": mid, "title": rec.title, "outlet": OUTLET.get(rec.outlet, rec.outlet),
                     "href": link(links.media_path(mid)), **media_summary(site, mid)})
    return render("media_index.md.j2", rows=rows)


def rule_rows():
    return list(all_rules())


def level_text(level) -> str:
    if isinstance(level, dict):
        return ", ".join(f"{v} on {k} claims" for k, v in level.items())
    return str(level)


def check_report(site) -> str:
    link = links.Linker("check/index.md", site.options.directory_urls)
    by_code = defaultdict(list)
    for d in site.diagnostics:
        by_code[(d.code, d.rule)].append(d)
    groups = []
    for (code, rule), items in sorted(by_code.items()):
        rows = []
        for d in items:
            page = site.record_page(d)
            rows.append({"d": d, "href": link(page) if page else ""})
        groups.append({"code": code, "rule": rule, "href": link(f"rules/{links.slug(code)}.md"), "rows": rows,
                       "levels": Counter(d.level for d in items)})
    counts = Counter(d.level for d in site.diagnostics)
    return render("check.md.j2", groups=groups, counts=counts, total=len(site.diagnostics),
                  suppressed=len(site.result.suppressed), files=len(site.kb.files))


def rule_pages(site) -> dict[str, str]:
    pages = {}
    link = links.Linker("rules/index.md", site.options.directory_urls)
    counts = Counter(d.code for d in site.diagnostics)
    rows = []
    for rule in rule_rows():
        path = f"rules/{links.slug(rule.code)}.md"
        rows.append({"rule": rule, "href": link(path), "level": level_text(rule.level), "count": counts.get(rule.code, 0)})
        pages[path] = render("rule.md.j2", rule=rule, level=level_text(rule.level), count=counts.get(rule.code, 0),
                             check_href=links.Linker(path, site.options.directory_urls)("check/index.md",
                                                                                       anchor(f"{rule.code} {rule.name}")))
    pages["rules/index.md"] = render("rules_index.md.j2", rows=rows)
    return pages


def method_page(site) -> str:
    designs = sorted(site.kb.vocab.terms["designs"].values(), key=lambda t: -int(t.get("rank", 0) or 0))
    return render("method.md.j2", designs=designs, verdicts=VERDICT_LABELS, grades=GRADES,
                  threshold=IMPRECISION_THRESHOLD, pooled=POOLED_STUDIES_PRECISE)


def downloads_page(site) -> str:
    link = links.Linker("downloads.md", site.options.directory_urls)
    schemas = [(p.rsplit("/", 1)[-1], link(p)) for p in site.options.schemas]
    return render("downloads.md.j2", href=link, schemas=schemas, kb=site.kb)


def explorer_page(site) -> str:
    from .data import GRAPH_CAP, graph_file
    link = links.Linker("explorer/index.md", site.options.directory_urls)
    topics = [(t, link(graph_file(t)), len(ids)) for t, ids in sorted(site.claims_by_topic.items())]
    stances = [("supports", "supports"), ("contradicts", "contradicts"), ("qualifies", "qualifies"),
               ("mentions", "only mentions")]
    return render("explorer.md.j2", href=link, topics=topics, verdicts=[(v, VERDICT_LABELS[v]) for v in VERDICTS],
                  stances=stances,
                  total=len(site.graph["nodes"]), cap=GRAPH_CAP, claims=len(site.kb.claims))
