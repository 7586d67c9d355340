"""A report card per popular article: its claims and verdicts, and how its credits held up."""
from __future__ import annotations

from collections import Counter

from . import links, safe
from .templating import render
from .claim import STATUS_LABEL

OUTLET = {"news": "news", "magazine": "magazine", "blog": "blog", "health-site": "health site", "hospital": "hospital",
          "social": "social media", "video": "video", "other": "other"}


def media_summary(site, media_id: str) -> dict:
    sightings = site.seen_in.get(media_id, ())
    statuses = Counter(s.status for _, s in sightings)
    verdicts = Counter(site.assessments[cid].verdict for cid, _ in sightings)
    return {"claims": len(sightings), "statuses": statuses, "verdicts": verdicts,
            "bad": statuses.get("misattributed", 0) + statuses.get("not-found", 0)}


def mismatch_text(m) -> str:
    """"overstated: 40 claimed, 24.4 found (1.64 times, +15.6)" — plain text, escaped by the template."""
    return m.text()


def _description(media, summary) -> str:
    bad = summary["bad"]
    return (f"Report card of “{media.title}”: {summary['claims']} claim{'s' if summary['claims'] != 1 else ''} "
            f"checked against the studies; {bad} credited source{'s' if bad != 1 else ''} not found or misattributed.")


def media_page(site, media_id: str) -> str:
    kb = site.kb
    media = kb.media[media_id].record
    path = links.media_path(media_id)
    link = links.Linker(path, site.options.directory_urls)
    rows = []
    for cid, s in site.seen_in.get(media_id, ()):
        rows.append({"statement": kb.claims[cid].record.statement, "title": site.claim_title(cid),
                     "bottom": site.bottom_line(cid), "href": link(links.claim_path(cid)),
                     "a": site.assessments[cid], "s": s, "status": STATUS_LABEL[s.status],
                     "figures": [mismatch_text(m) for _, m in site.assessments[cid].mismatches],
                     "actual": [(k, site.label(k), link(links.reference_path(k)), k in kb.references) for k in s.actual]})
    bad = [r for r in rows if r["s"].status in ("misattributed", "not-found")]
    summary = media_summary(site, media_id)
    outlet = OUTLET.get(media.outlet, media.outlet)
    return render("media.md.j2", media_id=media_id, title=site.media_title(media_id),
                  description=_description(media, summary), media=media, outlet=OUTLET.get(media.outlet, media.outlet),
                  url=safe.safe_url(media.url), rows=rows, bad=bad, summary=summary,
                  status_labels=STATUS_LABEL, diagnostics=site.by_subject.get(media_id, ()),
                  rule_href=lambda d: link(f"rules/{links.slug(d.code)}.md"))
