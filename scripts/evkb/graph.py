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
    for cid, loaded in kb.claims.items():
        claim = loaded.record
        verdict = assessments[cid].verdict if assessments else ""
        g.add_node(node_id("claim", cid), kind="claim", id=cid, label=claim.statement, topic=loaded.topic,
                   verdict=verdict, claim_kind=claim.kind)
        for source in claim.sources:
            g.add_edge(node_id("claim", cid), node_id("reference", source.ref), kind="cites", stance=source.stance)
        for seen in claim.seen_in:
            g.add_edge(node_id("media", seen.media), node_id("claim", cid), kind="circulates", status=seen.status)
        for figure in claim.figures:
            mnode = node_id("measure", figure.measure)
            g.add_node(mnode, kind="measure", id=figure.measure, label=figure.measure)
            g.add_edge(node_id("claim", cid), mnode, kind="states")
    return g
