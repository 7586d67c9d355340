"""The knowledge-base graph: claims, references, findings, media and terms, and who uses whom.

`build_graph` draws it with networkx for the rules and the explorer. `dependencies` gives the same
graph as plain data for the gate: what each file defines and what each record uses, so a change to
one file can be followed to the records it reaches (`evkb check-files`, `--changed-since`).
"""
from __future__ import annotations

import json

TERM_LINKS = {"measures": (("unit", "units"), ("alternative_units", "units"), ("related", "measures")),
              "populations": (("broader", "populations"),), "activities": (("broader", "activities"),)}


def node_id(kind: str, ident: str) -> str:
    return f"{kind}:{ident}"


def build_graph(kb, assessments: dict | None = None):
    import networkx as nx
    g = nx.MultiDiGraph()
    for key, ref in kb.references.items():
        g.add_node(node_id("reference", key), kind="reference", id=key, label=key, year=ref.year)
    for mid, loaded in kb.media.items():
        g.add_node(node_id("media", mid), kind="media", id=mid, label=loaded.record.title)

    def ensure(kind, ident, label=None):
        nid = node_id(kind, ident)
        if nid not in g or "kind" not in g.nodes[nid]:
            g.add_node(nid, kind=kind, id=ident, label=label or ident, missing=kind in ("reference", "media"))
        return nid

    for key, rec in kb.findings.items():
        if key not in kb.references:
            continue
        for measure in dict.fromkeys(f.measure for f in rec.record.findings):
            mnode = ensure("measure", measure, _measure_name(kb, measure))
            g.add_edge(node_id("reference", key), mnode, kind="reports")
    for cid, loaded in kb.claims.items():
        claim = loaded.record
        verdict = assessments[cid].verdict if assessments else ""
        grade = (assessments[cid].grade or "") if assessments else ""
        g.add_node(node_id("claim", cid), kind="claim", id=cid, label=claim.statement, topic=loaded.topic,
                   verdict=verdict, grade=grade, claim_kind=claim.kind)
        for source in claim.sources:
            g.add_edge(node_id("claim", cid), ensure("reference", source.ref), kind="cites", stance=source.stance)
        for seen in claim.seen_in:
            g.add_edge(ensure("media", seen.media), node_id("claim", cid), kind="circulates", status=seen.status)
        for figure in claim.figures:
            mnode = ensure("measure", figure.measure, _measure_name(kb, figure.measure))
            g.add_edge(node_id("claim", cid), mnode, kind="states")
    return g


def _measure_name(kb, measure: str) -> str:
    term = kb.vocab.get("measures", measure)
    return term.name if term else measure


def graph_data(g, url_of) -> dict:
    """The graph as plain data for the explorer: nodes (with the page each opens) and edges.

    url_of(kind, id) gives a node's page (relative to the site root) or None. Labels are
    untrusted text; the explorer draws them as canvas text and DOM text, never as HTML.
    Parallel edges collapse into one per (source, target, kind)."""
    nodes, index = [], {}
    for nid, attrs in g.nodes(data=True):
        kind = attrs.get("kind", "")
        index[nid] = len(nodes)
        node = {"id": nid, "kind": kind, "label": str(attrs.get("label", attrs.get("id", nid)))}
        for key in ("topic", "verdict", "grade"):
            if attrs.get(key):
                node[key] = attrs[key]
        url = None if attrs.get("missing") else url_of(kind, attrs.get("id", ""))
        if url is not None:
            node["url"] = url
        nodes.append(node)
    edges, seen = [], set()
    for u, v, attrs in g.edges(data=True):
        key = (u, v, attrs.get("kind", ""))
        if key in seen:
            continue
        seen.add(key)
        edge = {"source": u, "target": v, "kind": attrs.get("kind", "")}
        if attrs.get("stance"):
            edge["stance"] = attrs["stance"]
        edges.append(edge)
    return {"nodes": nodes, "edges": edges}


def dependencies(kb) -> tuple[dict, dict]:
    """(defines, uses). defines: file -> {node: fingerprint} of what the file defines, where a node is
    ("claim", id), ("ref", key), ("findings", key), ("media", id) or ("term", kind, id) and the
    fingerprint changes whenever the definition does. uses: user -> the nodes it uses, where a user is
    a record's file or a term's node (a measure uses its unit, a population its broader one)."""
    defines: dict = {}
    uses: dict = {}
    for cid, loaded in kb.claims.items():
        defines.setdefault(loaded.path, {})[("claim", cid)] = loaded.digest
        claim = loaded.record
        used = {("term", kind, value) for _path, value, kind in loaded.terms}
        for source in claim.sources:
            used |= {("ref", source.ref), ("findings", source.ref)}
        for seen in claim.seen_in:
            used.add(("media", seen.media))
            used.update(("ref", key) for key in seen.actual)
        used.update(("claim", other) for other in claim.related)
        uses[loaded.path] = used
    for key, loaded in kb.findings.items():
        defines.setdefault(loaded.path, {})[("findings", key)] = loaded.digest
        uses[loaded.path] = {("ref", loaded.record.ref)} | {("term", kind, v) for _p, v, kind in loaded.terms}
    for mid, loaded in kb.media.items():
        defines.setdefault(loaded.path, {})[("media", mid)] = loaded.digest
    for (kind, stem), (path, _line, _col, digest) in kb.unreadable.items():
        defines.setdefault(path, {}).setdefault((kind, stem), digest)
    for key, ref in kb.references.items():
        defines.setdefault(ref.path, {})[("ref", key)] = json.dumps(
            [ref.type, sorted(ref.fields.items()), ref.authors, ref.editors], default=str)
        if ref.fields.get("crossref"):
            uses.setdefault(("ref", key), set()).add(("ref", ref.fields["crossref"]))
    for kind, terms in kb.vocab.terms.items():
        for tid, term in terms.items():
            node = ("term", kind, tid)
            defines.setdefault(term.path, {})[node] = json.dumps(term.attrs, sort_keys=True, default=str)
            linked = {("term", target, v) for attr, target in TERM_LINKS.get(kind, ())
                      for v in _names(term.get(attr))}
            if linked:
                uses[node] = linked
    return defines, uses


def _names(value) -> list:
    """The term ids a term's field names: one id, a list of ids, or a list of {measure: id}."""
    items = value if isinstance(value, list) else [value]
    names = [i.get("measure") if isinstance(i, dict) else i for i in items]
    return [n for n in names if isinstance(n, str)]
