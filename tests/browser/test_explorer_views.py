"""The explorer's filtered views: a claim's neighbourhood (linked from every claim page), and,
for a graph larger than its cap, an overview and per-topic files instead of the whole graph."""
from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urljoin

from harness import Watch, browser_context, serve
from test_explorer_scale import synthetic_graph


def _ready(page):
    page.wait_for_selector("#evkb-explorer[data-ready='true']", timeout=60000)


def test_claim_page_opens_its_neighbourhood(chromium, built_site, base_url, evidence):
    graph = json.loads((built_site / "data" / "graph.json").read_text(encoding="utf-8"))
    claim = max((c for c in evidence["claims"] if c.get("sources")), key=lambda c: (len(c["sources"]), c["id"]))
    with browser_context() as context:
        page = context.new_page()
        watch = Watch(page)
        page.goto(urljoin(base_url, f"claims/{claim['id']}/"))
        page.locator("a.evkb-explore").click()
        page.wait_for_url(re.compile(r"/explorer/\?claim="))
        _ready(page)
        assert page.get_attribute("#evkb-explorer", "data-scope") == "claim"
        shown = set(page.evaluate("window.evkbExplorer.nodes('[kind != \"topic\"]').map(n => n.id())"))
        target = f"claim:{claim['id']}"
        assert target in shown and len(shown) < len(graph["nodes"])
        cited = {f"reference:{s['ref']}" for s in claim["sources"]}
        assert cited <= shown                                   # everything the claim cites
        assert page.evaluate("id => window.evkbExplorer.getElementById(id).hasClass('focus')", target)
        assert "neighbourhood" in page.locator("#evkb-x-scope").inner_text()
        page.locator("#evkb-x-scope a").click()                 # back to the whole topic
        _ready(page)
        assert page.get_attribute("#evkb-explorer", "data-scope") == "all"
        assert watch.foreign == [] and watch.errors == []


def test_large_graph_opens_on_an_overview_and_loads_one_topic(chromium, built_site, tmp_path):
    from evkb.site.pages.data import graph_views
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    graph = synthetic_graph()
    cap = 600
    (site / "data" / "graph.json").write_text(json.dumps(graph), encoding="utf-8")
    for path, view in graph_views(graph, cap=cap).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(json.dumps(view), encoding="utf-8")
    explorer = site / "explorer" / "index.html"
    html = explorer.read_text(encoding="utf-8")
    html = re.sub(r'data-total="\d+"', f'data-total="{len(graph["nodes"])}"', html)
    html = re.sub(r'data-cap="\d+"', f'data-cap="{cap}"', html)
    options = "".join(f'<option value="topic-{i}" data-file="../data/graph/topic-{i}.json">topic-{i}</option>'
                      for i in range(12))
    html = re.sub(r'(<select id="evkb-x-topic"><option value="">all topics</option>).*?(</select>)',
                  lambda m: m.group(1) + options + m.group(2), html, flags=re.S)
    explorer.write_text(html, encoding="utf-8")
    with serve(site) as url, browser_context() as context:
        page = context.new_page()
        watch = Watch(page)
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(urljoin(url, "explorer/"))
        _ready(page)
        assert page.get_attribute("#evkb-explorer", "data-scope") == "overview"
        overview = page.evaluate("window.evkbExplorer.nodes('[kind != \"topic\"]').length")
        assert 0 < overview <= cap
        topics = set(page.evaluate("window.evkbExplorer.nodes('[kind = \"claim\"]').map(n => n.data('topic'))"))
        assert len(topics) == 12                                # claims from every topic
        assert not any(u.endswith("/data/graph.json") for u in requested)
        page.select_option("#evkb-x-topic", "topic-3")
        page.wait_for_url(re.compile(r"\?topic=topic-3$"))
        _ready(page)
        assert page.get_attribute("#evkb-explorer", "data-scope") == "topic"
        claims = page.evaluate("window.evkbExplorer.nodes('[kind = \"claim\"]').map(n => n.data('topic'))")
        assert claims and set(claims) == {"topic-3"}
        assert len(claims) == sum(1 for n in graph["nodes"] if n.get("topic") == "topic-3")
        assert not any(u.endswith("/data/graph.json") for u in requested)
        # a claim's neighbourhood comes from its topic's file
        cid = next(n["id"] for n in graph["nodes"] if n.get("topic") == "topic-3")
        page.goto(urljoin(url, f"explorer/?claim={cid[len('claim:'):]}&topic=topic-3"))
        _ready(page)
        assert page.evaluate("id => window.evkbExplorer.getElementById(id).hasClass('focus')", cid)
        assert page.evaluate("window.evkbExplorer.nodes('[kind != \"topic\"]').length") < len(claims)
        assert not any(u.endswith("/data/graph.json") for u in requested)
        assert watch.foreign == [] and watch.errors == []
