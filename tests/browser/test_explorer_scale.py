"""The explorer stays usable at 2,000 nodes: it lays out, filters and answers a hover in time."""
from __future__ import annotations

import json
import random
import shutil
import time
from urllib.parse import urljoin

from harness import Watch, browser_context, serve

VERDICTS = ["supported", "partly-supported", "contested", "contradicted", "no-evidence"]


def synthetic_graph(n_claims=1200, n_refs=550, n_measures=150, n_media=100, seed=7):
    rnd = random.Random(seed)
    nodes, edges = [], []
    topics = [f"topic-{i}" for i in range(12)]
    for i in range(n_refs):
        nodes.append({"id": f"reference:r{i}", "kind": "reference", "label": f"Author {i} et al. 20{i % 25:02d}",
                      "url": "references/"})
    for i in range(n_measures):
        nodes.append({"id": f"measure:m{i}", "kind": "measure", "label": f"Measure {i}", "url": "measures/"})
    for i in range(n_media):
        nodes.append({"id": f"media:a{i}", "kind": "media", "label": f"Article {i}", "url": "media/"})
    for i in range(n_claims):
        nodes.append({"id": f"claim:c{i}", "kind": "claim", "label": f"Claim number {i} about walking backward",
                      "topic": rnd.choice(topics), "verdict": rnd.choice(VERDICTS), "url": "claims/"})
        for r in rnd.sample(range(n_refs), 2):
            edges.append({"source": f"claim:c{i}", "target": f"reference:r{r}", "kind": "cites"})
        edges.append({"source": f"claim:c{i}", "target": f"measure:m{rnd.randrange(n_measures)}", "kind": "states"})
        edges.append({"source": f"media:a{rnd.randrange(n_media)}", "target": f"claim:c{i}", "kind": "circulates"})
    return {"nodes": nodes, "edges": edges}


def test_explorer_at_2000_nodes(chromium, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    graph = synthetic_graph()
    assert len(graph["nodes"]) == 2000
    (site / "data" / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
    with serve(site) as url, browser_context() as context:
        page = context.new_page()
        watch = Watch(page)
        start = time.monotonic()
        page.goto(urljoin(url, "explorer/"))
        page.wait_for_selector("#evkb-explorer[data-ready='true']", timeout=60000)
        ready = time.monotonic() - start
        assert ready < 30, f"the layout of 2,000 nodes took {ready:.1f}s"
        assert page.evaluate("window.evkbExplorer.nodes('[kind != \"topic\"]').length") == 2000
        start = time.monotonic()
        page.locator("input[name=verdict][value='supported']").uncheck()
        visible = int(page.get_attribute("#evkb-explorer", "data-visible"))
        assert visible < 2000
        assert time.monotonic() - start < 3
        page.select_option("#evkb-x-topic", "topic-3")
        assert int(page.get_attribute("#evkb-explorer", "data-visible")) < visible
        page.fill("#evkb-x-search", "claim number 12")
        page.locator("#evkb-x-results a").first.wait_for(timeout=5000)
        assert watch.foreign == [] and watch.errors == []
