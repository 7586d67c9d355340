"""The explorer as a reader uses it, mouse or keyboard, in Chromium against the built test base:
a legend that never relies on colour alone, filters that change the graph and the list view alike,
a search that moves to a node, a side panel opened by click or by Enter and closed by Escape, and
the trace from an article to its claims, their sources and the findings they rest on."""
from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

from harness import REPO, Watch, browser_context, build_site, serve

REAL = "[kind != 'topic']"


@pytest.fixture()
def explorer(chromium, base_url):
    with browser_context() as context:
        page = context.new_page()
        watch = Watch(page)
        page.goto(urljoin(base_url, "explorer/"))
        page.wait_for_selector("#evkb-explorer[data-ready='true']", timeout=60000)
        yield page
        assert watch.foreign == [] and watch.errors == [], (watch.foreign, watch.errors)


@pytest.fixture(scope="module")
def graph(built_site):
    return json.loads((built_site / "data" / "graph.json").read_text(encoding="utf-8"))


def _visible_ids(page) -> set:
    return set(page.evaluate(f"""() => window.evkbExplorer.nodes("{REAL}").filter(n => n.visible()).map(n => n.id())"""))


def _listed_ids(page) -> set:
    return set(page.eval_on_selector_all("#evkb-x-list-items li[data-id]", "els => els.map(e => e.dataset.id)"))


def test_legend_explains_every_mark_without_relying_on_colour(explorer, evidence):
    page = explorer
    legend = page.locator("#evkb-x-legend")
    text = legend.inner_text()
    for words in ("Claim", "Study", "Measure", "Popular article", "Topic", "Supported", "Partly supported",
                  "Contested", "Contradicted", "No evidence found", "supports", "contradicts", "qualifies",
                  "only mentions"):
        assert words in text, words
    # each verdict has its own glyph, each kind its own shape, each stance its own line pattern
    glyphs = page.eval_on_selector_all("#evkb-x-legend svg[data-verdict] .evkb-x-glyph", "gs => gs.map(g => g.innerHTML)")
    assert len(glyphs) == 5 and len(set(glyphs)) == 5 and all(glyphs)
    lines = page.eval_on_selector_all("#evkb-x-legend .evkb-x-line", "ss => ss.map(s => s.innerHTML.replace(/#[0-9a-f]{6}/g, ''))")
    assert len(set(lines)) == len(lines) == 5                   # different without their colours
    # the graph draws the same marks: a glyph per verdict, a pattern or arrow per stance
    marks = page.evaluate("""() => { const cy = window.evkbExplorer, out = {};
        cy.nodes("[kind = 'claim']").forEach(n => { out[n.data('verdict')] = n.style('background-image'); });
        return out; }""")
    assert len(set(marks.values())) == len(marks) >= 2 and all("data:image/svg" in m for m in marks.values())
    stances = page.evaluate("""() => { const out = {};
        window.evkbExplorer.edges('[stance]').forEach(e => { out[e.data('stance')] =
          [e.style('line-style'), e.style('source-arrow-shape'), e.style('width')].join(' '); });
        return out; }""")
    assert len(stances) >= 2 and len(set(stances.values())) == len(stances)
    # topics are named boxes, each around its own claims, none over another
    topics = {c["topic"] for c in evidence["claims"]}
    boxes = page.evaluate("""() => window.evkbExplorer.nodes("[kind = 'topic']").map(b =>
        ({id: b.id(), label: b.data('label'), bb: b.boundingBox({includeLabels: false}),
          claims: b.children("[kind = 'claim']").map(c => c.data('topic'))}))""")
    named = {b["id"][len("topic:"):] for b in boxes if b["id"].startswith("topic:")}
    assert named == topics
    for b in boxes:
        assert set(b["claims"]) <= {b["id"][len("topic:"):]}
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            x = min(a["bb"]["x2"], b["bb"]["x2"]) - max(a["bb"]["x1"], b["bb"]["x1"])
            y = min(a["bb"]["y2"], b["bb"]["y2"]) - max(a["bb"]["y1"], b["bb"]["y1"])
            assert x <= 0 or y <= 0, (a["id"], b["id"])


def test_filters_change_the_graph_and_the_list_alike(explorer, evidence):
    page = explorer
    page.locator("#evkb-x-list summary").click()
    everything = _visible_ids(page)
    assert _listed_ids(page) == everything
    assert page.locator("#evkb-x-list-items").evaluate("ul => ul.tagName") == "UL"
    verdict = max({c["verdict"] for c in evidence["claims"]}, key=lambda v: sum(c["verdict"] == v for c in evidence["claims"]))
    page.locator(f"input[name=verdict][value='{verdict}']").uncheck()
    fewer = _visible_ids(page)
    gone = {f"claim:{c['id']}" for c in evidence["claims"] if c["verdict"] == verdict}
    assert fewer < everything and not (fewer & gone)
    assert _listed_ids(page) == fewer
    assert str(len(fewer)) in page.locator("#evkb-x-list summary").inner_text()
    page.locator(f"input[name=verdict][value='{verdict}']").check()
    # a topic: its claims only, and what they link to
    topic = sorted({c["topic"] for c in evidence["claims"]})[0]
    page.select_option("#evkb-x-topic", topic)
    claims = {i for i in _visible_ids(page) if i.startswith("claim:")}
    assert claims == {f"claim:{c['id']}" for c in evidence["claims"] if c["topic"] == topic}
    assert _listed_ids(page) == _visible_ids(page)
    page.select_option("#evkb-x-topic", "")
    # a kind
    page.locator("input[name=kind][value='reference']").uncheck()
    assert not any(i.startswith("reference:") for i in _listed_ids(page))
    page.locator("input[name=kind][value='reference']").check()
    # a stance: its links go, and so do studies linked by nothing else
    page.locator("input[name=stance][value='supports']").uncheck()
    left = _visible_ids(page)
    only_support = page.evaluate("""() => window.evkbExplorer.nodes("[kind = 'reference']").filter(r => {
        const c = r.connectedEdges("[kind = 'cites']"); return c.length && c.every(e => e.data('stance') === 'supports'); })
        .map(r => r.id())""")
    assert only_support and not (set(only_support) & left)
    assert _listed_ids(page) == left
    page.locator("input[name=stance][value='supports']").check()
    assert _visible_ids(page) == everything == _listed_ids(page)


def test_search_moves_the_graph_to_a_node(explorer, graph):
    page = explorer
    claim = next(n for n in graph["nodes"] if n["kind"] == "claim")
    page.fill("#evkb-x-search", claim["label"][:20])
    page.locator("#evkb-x-results button").first.wait_for(timeout=5000)
    page.press("#evkb-x-search", "Enter")
    focused = page.get_attribute("#evkb-explorer", "data-focused")
    assert focused
    name = page.evaluate("id => window.evkbExplorer.getElementById(id).data('full')", focused)
    assert claim["label"][:20].lower() in name.lower()
    assert page.evaluate("document.activeElement.id") == "evkb-x-canvas"
    assert page.evaluate("id => window.evkbExplorer.getElementById(id).hasClass('cursor')", focused)
    inside = page.evaluate("""id => { const cy = window.evkbExplorer, p = cy.getElementById(id).renderedPosition();
        return p.x > 0 && p.y > 0 && p.x < cy.width() && p.y < cy.height(); }""", focused)
    assert inside
    assert page.locator("#evkb-x-status").inner_text().startswith("Claim: ")
    # a result's button does the same
    other = page.locator("#evkb-x-results button").last
    other.click()
    assert page.get_attribute("#evkb-explorer", "data-focused")


def test_panel_opens_by_click_and_by_keyboard_and_escape_closes_it(explorer, graph):
    page = explorer
    claim = next(n for n in graph["nodes"] if n["kind"] == "claim" and n.get("url"))
    pos = page.evaluate("""id => { const cy = window.evkbExplorer, n = cy.getElementById(id);
        cy.zoom(1.5); cy.center(n); const p = n.renderedPosition(), r = cy.container().getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y}; }""", claim["id"])
    page.mouse.click(pos["x"], pos["y"])
    panel = page.locator("#evkb-x-panel")
    panel.wait_for(state="visible", timeout=5000)
    assert page.locator("#evkb-x-panel-title").inner_text() == claim["label"]
    verdict = page.locator("#evkb-x-panel-verdict").inner_text()
    assert any(w in verdict for w in ("Supported", "Partly supported", "Contested", "Contradicted", "No evidence found"))
    assert page.get_attribute("#evkb-x-panel-open", "href").endswith(claim["url"])
    assert page.get_attribute("#evkb-x-panel", "role") == "dialog"
    page.keyboard.press("Escape")
    assert panel.is_hidden() and page.get_attribute("#evkb-explorer", "data-selected") is None
    # keyboard only: Tab from the last filter into the graph, arrows move, Enter opens, Escape closes
    page.locator("input[name=stance]").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "evkb-x-canvas"
    first = page.get_attribute("#evkb-explorer", "data-focused")
    assert first
    seen = {first}
    for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "ArrowRight", "ArrowDown"):
        page.keyboard.press(key)
        seen.add(page.get_attribute("#evkb-explorer", "data-focused"))
    assert len(seen) >= 3, seen                                 # the arrows reach other nodes
    now = page.get_attribute("#evkb-explorer", "data-focused")
    label = page.evaluate("id => window.evkbExplorer.getElementById(id).data('full')", now)
    assert label in page.locator("#evkb-x-status").inner_text()  # the focused node is named, as on hover
    page.keyboard.press("Enter")
    panel.wait_for(state="visible", timeout=5000)
    assert page.get_attribute("#evkb-explorer", "data-selected") == now
    assert page.evaluate("document.activeElement.id") == "evkb-x-panel-title"
    assert page.locator("#evkb-x-panel-title").inner_text() == label
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.evaluate("document.activeElement.id") == "evkb-x-canvas"   # back where it was


def test_trace_shows_article_claims_sources_and_findings(explorer, evidence, graph):
    page = explorer
    counts = {}
    for c in evidence["claims"]:
        for s in c.get("seen_in", []):
            counts[s["media"]] = counts.get(s["media"], 0) + 1
    media = max(counts, key=lambda m: (counts[m], m))
    page.evaluate("id => window.evkbExplorerOpen(id)", f"media:{media}")
    page.locator("#evkb-x-panel-trace").click()
    trace = page.locator("#evkb-x-trace")
    trace.wait_for(state="visible", timeout=5000)
    assert page.get_attribute("#evkb-explorer", "data-trace") == f"media:{media}"
    nodes = {n["id"]: n for n in graph["nodes"]}
    article = page.locator("#evkb-x-trace-tree li.evkb-x-trace-media")
    assert article.count() == 1
    claims = [c for c in evidence["claims"] if any(s["media"] == media for s in c.get("seen_in", []))]
    assert article.locator(":scope > ul > li.evkb-x-trace-claim").count() == len(claims)
    found_finding = False
    for c in claims:
        item = article.locator(":scope > ul > li.evkb-x-trace-claim").filter(
            has=page.locator(f":scope > button:text-is({json.dumps(nodes['claim:' + c['id']]['label'])})"))
        assert item.count() == 1, c["id"]
        assert c["verdict_label"] in item.inner_text()
        for s in c["sources"]:
            ref = nodes[f"reference:{s['ref']}"]
            source = item.locator(":scope > ul > li.evkb-x-trace-reference").filter(
                has=page.locator(f":scope > button:text-is({json.dumps(ref['label'])})"))
            assert source.count() == 1, s["ref"]
            for fid in s.get("findings", []):
                words = ref.get("findings", {}).get(fid)
                assert words and words in " ".join(source.locator("li.evkb-x-trace-finding").all_inner_texts())
                found_finding = True
    assert found_finding
    # the chain is what the graph highlights
    lit = set(page.evaluate("() => window.evkbExplorer.nodes('.trace').map(n => n.id())"))
    assert {f"media:{media}"} | {f"claim:{c['id']}" for c in claims} <= lit
    page.keyboard.press("Escape")                               # the panel first, then the trace
    assert page.locator("#evkb-x-panel").is_hidden() and trace.is_visible()
    page.keyboard.press("Escape")
    assert trace.is_hidden() and page.get_attribute("#evkb-explorer", "data-trace") is None
    # from the keyboard: T on the focused node traces it
    page.locator("#evkb-x-canvas").focus()
    focused = page.get_attribute("#evkb-explorer", "data-focused")
    page.keyboard.press("t")
    trace.wait_for(state="visible", timeout=5000)
    assert page.get_attribute("#evkb-explorer", "data-trace") == focused
    assert page.evaluate("document.activeElement.id") == "evkb-x-trace-title"


def test_hostile_records_stay_text_in_the_panel_trace_and_list(chromium, tmp_path):
    base = REPO / "tests" / "data" / "xss-base"
    out = tmp_path / "site"
    proc = build_site(base / "mkdocs.yml", out, strict=False)
    assert proc.returncode == 0, proc.stderr
    with serve(out) as url, browser_context() as context:
        context.add_init_script("window.__pwned = []; window.alert = (...a) => window.__pwned.push(a.join(','));")
        page = context.new_page()
        watch = Watch(page)
        page.goto(urljoin(url, "explorer/"))
        page.wait_for_selector("#evkb-explorer[data-ready='true']", timeout=60000)
        page.locator("#evkb-x-list summary").click()
        ids = page.evaluate(f"""() => window.evkbExplorer.nodes("{REAL}").map(n => n.id())""")
        for nid in ids:
            page.evaluate("id => { window.evkbExplorerOpen(id); window.evkbExplorerTrace(id); }", nid)
        assert "<script>" in page.locator("#evkb-x-list-items").inner_text()
        assert page.evaluate("window.__pwned") == []
        assert page.evaluate("""() => document.querySelectorAll(
            '#evkb-explorer script, #evkb-explorer img, #evkb-explorer iframe, #evkb-explorer [onerror], #evkb-explorer [onload]').length""") == 0
        assert watch.foreign == [] and watch.errors == [], (watch.foreign, watch.errors)
