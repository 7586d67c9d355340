"""The downloads: the whole base as JSON, the references as BibTeX and CSL-JSON, and the
explorer's graph. Written as files, never inlined into pages."""
from __future__ import annotations

import dataclasses
import functools
import json
import re

from ...model import records as model
from ...model.trace_data import trace_data
from ...model.graph import build_graph, graph_data
from . import links

CSL_TYPES = {"article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
             "inproceedings": "paper-conference", "conference": "paper-conference", "phdthesis": "thesis",
             "mastersthesis": "thesis", "techreport": "report", "manual": "report", "misc": "document",
             "unpublished": "manuscript", "online": "webpage"}


_SCALARS = (str, int, float, bool, type(None))
_FIELD_NAMES: dict = {}


def _plain(obj):
    """Record dataclasses as JSON-ready data, None and empty values dropped."""
    kind = type(obj)
    if kind in _SCALARS:
        return obj
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(obj):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(obj))
    if names is not None:
        out = {}
        for name in names:
            v = _plain(getattr(obj, name))
            if v is not None and v != [] and v != ():
                out[name] = v
        return out
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


_PLAIN = re.compile(r"[\\{}~$%&#^_`'\-\"<>!?]|\s\s|^\s|\s$|\n")


def _latex_to_text(value: str) -> str:
    if not _PLAIN.search(value):        # nothing LaTeX could change (checked on thousands of real fields)
        return value
    from pybtex.richtext import Text

    from ..speed.fastlatex import decode
    try:
        return Text.from_latex(decode(value)).render(_plain_backend())
    except Exception:
        return re.sub(r"[{}]", "", value)


@functools.lru_cache(maxsize=None)
def _plain_backend():
    # pybtex's render_as() looks its backend up through entry points on every call (slow)
    from pybtex.backends.plaintext import Backend
    return Backend()


def _person(name: str) -> dict:
    from pybtex.database import Person
    p = Person(name)
    family = " ".join(p.prelast_names + p.last_names)
    given = " ".join(p.first_names + p.middle_names)
    out = {"family": _latex_to_text(family)}
    if given:
        out["given"] = _latex_to_text(given)
    if p.lineage_names:
        out["suffix"] = " ".join(p.lineage_names)
    return out


def csl_item(ref) -> dict:
    f = ref.fields
    item = {"id": ref.key, "type": CSL_TYPES.get(ref.type, "document")}
    if ref.authors:
        item["author"] = [_person(a) for a in ref.authors]
    if ref.editors:
        item["editor"] = [_person(a) for a in ref.editors]
    simple = {"title": "title", "volume": "volume", "number": "issue", "pages": "page", "doi": "DOI", "pmid": "PMID",
              "pmcid": "PMCID", "url": "URL", "isbn": "ISBN", "publisher": "publisher", "note": "note",
              "edition": "edition"}
    for field, csl in simple.items():
        if f.get(field):
            item[csl] = _latex_to_text(f[field])
    container = f.get("journal") or f.get("booktitle")
    if container:
        item["container-title"] = _latex_to_text(container)
    if f.get("school") or f.get("institution"):
        item["publisher"] = _latex_to_text(f.get("school") or f.get("institution"))
    year = re.match(r"\d{4}", f.get("year", ""))
    if year:
        item["issued"] = {"date-parts": [[int(year.group())]]}
    return item


def claim_data(site, cid, loaded) -> dict:
    a = site.assessments[cid]
    claim = _plain(loaded.record)
    claim.update({"topic": loaded.topic, "path": loaded.path, "verdict": a.verdict, "verdict_label": a.label,
                  "grade": a.grade, "grade_start": a.start, "reasons": list(a.reasons),
                  "downgrades": [{"domain": d, "why": w} for d, w in a.downgrades],
                  "page": links.page_url(links.claim_path(cid))})
    claim.setdefault("figures", [])
    for figure, trace in zip(claim["figures"], a.traces):
        figure.update(trace_data(trace))
    claim.setdefault("sources", [])
    return claim


def evidence(site) -> dict:
    kb, out = site.kb, {"claims": [], "references": [], "findings": [], "media": []}
    for cid, loaded in sorted(kb.claims.items()):
        out["claims"].append(claim_data(site, cid, loaded))
    out["references"] = [reference_data(site, key, ref) for key, ref in sorted(kb.references.items())]
    for key, rec in sorted(kb.findings.items()):
        out["findings"].extend(findings_data(key, rec))
    for mid, loaded in sorted(kb.media.items()):
        out["media"].append({**_plain(loaded.record), "page": links.page_url(links.media_path(mid))})
    return out


def reference_data(site, key, ref) -> dict:
    rec = site.kb.findings.get(key)
    study = _plain(rec.record) if rec else None
    if study:
        study.pop("findings", None)
    return {"key": key, "type": ref.type, "fields": dict(ref.fields), "authors": list(ref.authors),
            "editors": list(ref.editors), "citation": site.citation(key), "study": study,
            "page": links.page_url(links.reference_path(key))}


def findings_data(key, rec) -> list:
    return [{"ref": key, **_plain(f)} for f in rec.record.findings]


def evidence_json(site, dump, memo: dict | None) -> str:
    """`dump(evidence(site))`, built from each claim's and findings file's own JSON, which `memo`
    keeps between rebuilds for records whose file and assessment did not change."""
    if memo is None:
        return dump(evidence(site))
    kb, fresh = site.kb, {}

    def piece(key, stamp, make):
        found = memo.get(key)
        text = found[1] if found is not None and found[0] == stamp else make()
        fresh[key] = (stamp, text)
        return text
    claims = [piece(("claim", cid), (loaded.path, loaded.digest, site.assessments[cid]),
                    lambda: dump(claim_data(site, cid, loaded))) for cid, loaded in sorted(kb.claims.items())]
    findings = [piece(("findings", key), rec.digest, lambda: ",".join(dump(f) for f in findings_data(key, rec)))
                for key, rec in sorted(kb.findings.items())]
    memo.clear()
    memo.update(fresh)
    rest = evidence_rest(site)
    return ('{"claims":[' + ",".join(claims) + '],"references":' + dump(rest["references"])
            + ',"findings":[' + ",".join(f for f in findings if f) + '],"media":' + dump(rest["media"]) + "}")


def evidence_rest(site) -> dict:
    kb = site.kb
    return {"references": [reference_data(site, key, ref) for key, ref in sorted(kb.references.items())],
            "media": [{**_plain(loaded.record), "page": links.page_url(links.media_path(mid))}
                      for mid, loaded in sorted(kb.media.items())]}


def _url_of(kind: str, ident: str):
    path = {"claim": links.claim_path, "reference": links.reference_path, "media": links.media_path,
            "measure": links.measure_path}.get(kind)
    return links.page_url(path(ident)) if path else None


# The explorer draws the whole graph up to this many nodes; above it, it opens on a capped
# overview and loads one topic (data/graph/<topic>.json) or one claim's neighbourhood at a time.
GRAPH_CAP = 2500


def graph_file(topic: str) -> str:
    return f"data/graph/{links.topic_slug(topic)}.json"


def explorer_graph(site) -> dict:
    """The whole graph as the explorer reads it: readable labels (claim headlines, author-year
    and title, article headline and outlet), and what its trace shows beyond the graph."""
    kb = site.kb
    graph = graph_data(build_graph(kb, site.assessments), _url_of)
    for node in graph["nodes"]:
        kind, ident = node["kind"], node["id"].split(":", 1)[1]
        if kind == "claim" and ident in kb.claims:
            node["label"] = site.claim_title(ident)
        elif kind == "reference" and ident in kb.references:
            ref = kb.references[ident]
            node["label"] = f"{site.label(ref.key)}: {ref.title}" if ref.title else site.label(ref.key)
            rec = kb.findings.get(ident)
            if rec is not None:
                node["design"] = site.term_name("designs", rec.record.design)
                if rec.record.n is not None:
                    node["n"] = rec.record.n
        elif kind == "media" and ident in kb.media:
            node["label"] = site.media_title(ident)
    _trace_details(site, graph)
    return graph


def _trace_details(site, graph) -> None:
    """The trace's last steps: on each `cites` edge the ids of the findings the claim rests on,
    on each reference node those findings in words; on each `circulates` edge how the article
    credited the claim."""
    kb, vocab = site.kb, site.kb.vocab
    nodes = {n["id"]: n for n in graph["nodes"]}
    edges = {(e["source"], e["target"], e["kind"]): e for e in graph["edges"]}
    for cid, loaded in kb.claims.items():
        claim = f"claim:{cid}"
        for source in loaded.record.sources:
            edge = edges.get((claim, f"reference:{source.ref}", "cites"))
            if edge is None or not source.findings:
                continue
            ids = edge.setdefault("findings", [])
            words = nodes[edge["target"]].setdefault("findings", {})
            by_id = kb.findings_by_id(source.ref)
            for fid in source.findings:
                if fid not in ids:
                    ids.append(fid)
                if fid not in words and fid in by_id:
                    words[fid] = _finding_words(site, vocab, by_id[fid][1])
        for seen in loaded.record.seen_in:
            edge = edges.get((f"media:{seen.media}", claim, "circulates"))
            if edge is not None and "status" not in edge:
                edge["status"] = seen.status
                if seen.credited_as:
                    edge["credited"] = seen.credited_as


def _finding_words(site, vocab, f) -> str:
    from ...model.figure_text import finding_value
    value = finding_value(f, vocab)
    value = "" if value.startswith("direction only") else f"; {value}"
    where = f" — {f.where}" if f.where else ""
    return (f"{site.measure_name(f.measure)}, {site.term_name('comparisons', f.comparison)}: "
            f"{f.direction.replace('-', ' ')}{value}{where}")


def graph_views(graph: dict, cap: int = GRAPH_CAP) -> dict:
    """{site path: graph data}: one file per topic (its claims, everything they link to, and
    the links among those) and an overview of at most `cap` nodes taking claims from every
    topic in turn, so that no view the explorer opens by default is the whole of a large base."""
    from collections import defaultdict
    by_id = {n["id"]: n for n in graph["nodes"]}
    touching = defaultdict(list)           # node id -> edges at it
    for e in graph["edges"]:
        touching[e["source"]].append(e)
        touching[e["target"]].append(e)
    topics = defaultdict(list)
    for n in graph["nodes"]:
        if n["kind"] == "claim":
            topics[n.get("topic", "")].append(n["id"])

    def around(claims):
        keep = dict.fromkeys(claims)
        for c in claims:
            for e in touching[c]:
                keep.setdefault(e["target"] if e["source"] == c else e["source"])
        return keep

    def view(keep):
        edges = [e for nid in keep for e in touching[nid] if e["source"] == nid and e["target"] in keep]
        return {"nodes": [by_id[i] for i in keep if i in by_id], "edges": edges}

    out = {}
    for topic, claims in sorted(topics.items()):
        out[graph_file(topic)] = view(around(claims))
    chosen, size, queues = [], 0, [list(ids) for _, ids in sorted(topics.items())]
    seen = set()
    while size < cap and any(queues):
        for q in queues:
            if not q:
                continue
            c = q.pop(0)
            new = [c] + [e["target"] if e["source"] == c else e["source"] for e in touching[c]]
            grow = len({i for i in new if i not in seen})
            if size + grow > cap:
                queues = [[]]
                break
            chosen.append(c)
            seen.update(new)
            size += grow
    out["data/graph-overview.json"] = view(around(chosen))
    return out


def data_files(site, memo: dict | None = None, finish=lambda path, text: text) -> dict:
    """Site path -> `finish(path, text)` of each download, made one after another."""
    kb = site.kb
    dump = lambda data: json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_default)
    graph = site.graph
    files = {"data/evidence.json": finish("data/evidence.json", evidence_json(site, dump, memo))}
    files["data/graph.json"] = finish("data/graph.json", dump(graph))
    files["data/references.csl.json"] = finish("data/references.csl.json", json.dumps(
        [site.csl(k) for k in sorted(kb.references)], ensure_ascii=False, indent=1))
    files["data/references.bib"] = finish("data/references.bib",
                                          "".join(site.bibtex(k) + "\n" for k in sorted(kb.references)))
    for path, view in graph_views(graph).items():
        files[path] = finish(path, dump(view))
    return files


def _default(obj):
    if isinstance(obj, model.Bound):
        return _plain(obj)
    return str(obj)
