"""The claim–reference–media–measure graph (networkx), for the rules and the explorer."""
from __future__ import annotations


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
