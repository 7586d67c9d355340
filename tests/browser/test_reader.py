"""The site as a reader uses it, in headless Chromium against the built site on 127.0.0.1.

Every test records every request and console message: a request to any other host, or a
console error, fails it. A machine without Chromium fails these tests (`make browser`).
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from harness import DESKTOP, PHONE, Watch, browser_context


def _most_shared(evidence):
    claims = [c for c in evidence["claims"] if c.get("sources")]
    assert claims, "the site's base has no claim with sources"
    return max(claims, key=lambda c: (len(c.get("seen_in", [])), len(c["sources"]), c["id"]))


@pytest.fixture()
def page(chromium, base_url):
    with browser_context() as context:
        page = context.new_page()
        watch = Watch(page)
        page.watch = watch
        yield page
        assert watch.foreign == [], f"requests left the site: {watch.foreign}"
        assert watch.errors == [], f"console errors: {watch.errors}"


def test_home_claim_reference_and_back(page, base_url, evidence):
    claim = _most_shared(evidence)
    page.goto(base_url)
    assert page.locator("h1").first.inner_text().strip()
    link = page.locator(f"a[href$='claims/{claim['id']}/']").first
    link.click()
    page.wait_for_url(re.compile(rf"/claims/{re.escape(claim['id'])}/$"))
    assert claim["statement"] in page.locator(".evkb-statement").inner_text()
    assert page.locator(".evkb-verdict").first.is_visible()
    ref = page.locator(".evkb-sources a.evkb-ref-name").first
    ref_href = ref.get_attribute("href")
    ref.click()
    page.wait_for_url(re.compile(r"/references/[^/]+/$"))
    assert page.locator(".evkb-citation").first.inner_text().strip()
    assert not page.locator(".evkb-bibtex").is_visible()        # keys are for contributors: folded away
    page.locator(".evkb-cite-box summary").click()
    assert "@" in page.locator(".evkb-bibtex").inner_text()
    back = page.locator(f"a.evkb-backlink[href$='claims/{claim['id']}/']")
    assert back.count() == 1, f"no backlink from {ref_href} to {claim['id']}"
    back.click()
    page.wait_for_url(re.compile(rf"/claims/{re.escape(claim['id'])}/$"))
    assert claim["statement"] in page.locator(".evkb-statement").inner_text()


def test_search_finds_a_claim_by_a_word_of_its_statement(page, base_url, evidence):
    claim = _most_shared(evidence)
    words = [w for w in re.findall(r"[A-Za-z]{6,}", claim["statement"])]
    word = sorted(words, key=len)[-1]
    page.goto(base_url)
    box = page.locator(".md-search__input").first
    box.click()
    box.press_sequentially(word.lower(), delay=10)   # Material searches on key presses
    result = page.locator(f".md-search-result__item a[href*='claims/{claim['id']}/']").first
    result.wait_for(state="attached", timeout=15000)
    # the home page's own search box hands its query to the same search
    page.goto(urljoin(base_url, "?q=" + word.lower()))
    page.locator(f".md-search-result__item a[href*='claims/{claim['id']}/']").first.wait_for(state="attached",
                                                                                             timeout=15000)


def test_search_finds_references_by_author_and_rules_by_code(page, base_url, evidence):
    ref = next(r for r in evidence["references"] if r["authors"])
    author = ref["authors"][0].split(",")[0].strip("{} ")
    page.goto(base_url)
    box = page.locator(".md-search__input").first
    box.click()
    box.press_sequentially(author.lower(), delay=10)
    page.locator(f".md-search-result__item a[href*='references/{ref['key']}/']").first.wait_for(
        state="attached", timeout=15000)
    box.fill("")
    box.press_sequentially("F005", delay=10)
    page.locator(".md-search-result__item a[href*='rules/F005/']").first.wait_for(state="attached", timeout=15000)


def test_claim_page_has_chart_and_table(page, base_url, evidence):
    with_figure = [c for c in evidence["claims"] if c.get("figures")]
    assert with_figure
    charted = 0
    for claim in with_figure[:10]:
        page.goto(urljoin(base_url, f"claims/{claim['id']}/"))
        charts = page.locator("svg.evkb-chart")
        if charts.count():
            assert charts.first.is_visible()
            table = page.locator("table.evkb-chart-table").first
            assert table.is_visible()
            assert table.locator("tbody tr").count() >= 2       # the claim and at least one finding
            assert charts.first.locator("circle").count() == table.locator("tbody tr").count() - 1
            charted += 1
    assert charted, "no claim page shows a chart"
    ld = page.locator("script[type='application/ld+json']").first.text_content()
    assert '"ClaimReview"' in ld


def test_explorer_renders_filters_and_navigates(page, base_url, evidence):
    page.goto(urljoin(base_url, "explorer/"))
    page.wait_for_selector("#evkb-explorer[data-ready='true']", timeout=30000)
    total = page.evaluate("window.evkbExplorer.nodes('[kind != \"topic\"]').length")   # not the topic boxes
    assert total == len(page.evaluate("fetch('../data/graph.json').then(r => r.json()).then(d => d.nodes)"))
    visible = int(page.get_attribute("#evkb-explorer", "data-visible"))
    assert visible == total
    canvas = page.locator("#evkb-x-canvas canvas").first
    assert canvas.is_visible() and canvas.bounding_box()["width"] > 200
    # the filter hides nodes
    verdict = next(c["verdict"] for c in evidence["claims"])
    page.locator(f"input[name=verdict][value='{verdict}']").uncheck()
    hidden = total - int(page.get_attribute("#evkb-explorer", "data-visible"))
    assert hidden >= sum(1 for c in evidence["claims"] if c["verdict"] == verdict)
    page.locator(f"input[name=verdict][value='{verdict}']").check()
    assert int(page.get_attribute("#evkb-explorer", "data-visible")) == total
    # search lists matches as links
    claim = _most_shared(evidence)
    page.fill("#evkb-x-search", claim["statement"][:25])
    page.locator("#evkb-x-results a").first.wait_for(timeout=5000)
    # hovering a node highlights its neighbours; clicking opens its page
    target = f"claim:{claim['id']}"
    pos = page.evaluate("""id => { const cy = window.evkbExplorer; const n = cy.getElementById(id);
        cy.zoom(1.5); cy.center(n); const p = n.renderedPosition();
        const r = cy.container().getBoundingClientRect(); return {x: r.left + p.x, y: r.top + p.y}; }""", target)
    page.mouse.move(pos["x"], pos["y"])
    page.wait_for_function("id => window.evkbExplorer.getElementById(id).hasClass('hl')", arg=target, timeout=5000)
    assert page.evaluate("window.evkbExplorer.$('.faded').length") > 0
    # clicking opens a side panel with its headline, its verdict and a link to its page
    page.mouse.click(pos["x"], pos["y"])
    panel = page.locator("#evkb-x-panel")
    panel.wait_for(state="visible", timeout=5000)
    assert claim["verdict_label"] in panel.inner_text()
    # the list view holds the same selection, usable from the keyboard
    page.locator("#evkb-x-list summary").click()
    items = page.locator("#evkb-x-list-items button")
    assert items.count() == min(1000, int(page.get_attribute("#evkb-explorer", "data-visible")))
    items.first.focus()
    page.keyboard.press("Enter")
    assert page.get_attribute("#evkb-explorer", "data-selected")
    # the stance filter hides links
    page.locator("input[name=stance][value='supports']").uncheck()
    assert page.evaluate("window.evkbExplorer.edges(\"[stance = 'supports']\").every(e => e.style('display') === 'none')")
    page.locator("input[name=stance][value='supports']").check()
    page.evaluate(f"window.evkbExplorerOpen({target!r})")
    page.locator("#evkb-x-panel-open").click()
    page.wait_for_url(re.compile(rf"/claims/{re.escape(claim['id'])}/$"), timeout=10000)


def test_article_report_card_shows_bad_citations(page, base_url, evidence):
    bad = [(c, s) for c in evidence["claims"] for s in c.get("seen_in", []) if s["status"] in ("not-found", "misattributed")]
    assert bad
    media = bad[0][1]["media"]
    page.goto(base_url)
    page.locator(f"a[href$='media/{media}/']").first.click()
    page.wait_for_url(re.compile(rf"/media/{re.escape(media)}/$"))
    items = page.locator(".evkb-bad-credits li")
    expected = sum(1 for c, s in bad if s["media"] == media)
    assert items.count() == expected
    assert page.locator(".evkb-report-card tbody tr").count() >= expected


def test_phone_width_has_no_horizontal_scroll(chromium, base_url, evidence):
    claim = _most_shared(evidence)
    with browser_context(viewport=PHONE, color_scheme="dark") as context:
        page = context.new_page()
        watch = Watch(page)
        for path in ("", f"claims/{claim['id']}/"):
            page.goto(urljoin(base_url, path))
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, f"{path or 'home'} is {width}px wide on a phone"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert watch.foreign == [] and watch.errors == []


def test_screenshots(chromium, base_url, evidence, tmp_path):
    """Home, a claim, an article, a reference and the explorer at desktop and phone width (`make
    screenshots` writes them to site-screenshots/; otherwise they go to a temporary folder)."""
    out = Path(os.environ.get("EVKB_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    claim = _most_shared(evidence)
    ref = claim["sources"][0]["ref"]
    media = max(evidence["media"], key=lambda m: (sum(s["media"] == m["id"] for c in evidence["claims"]
                                                      for s in c.get("seen_in", [])), m["id"]))
    shots = {"home": "", "claim": f"claims/{claim['id']}/", "article": f"media/{media['id']}/",
             "reference": f"references/{ref}/", "explorer": "explorer/"}
    for size_name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        with browser_context(viewport=viewport) as context:
            page = context.new_page()
            watch = Watch(page)
            for name, path in shots.items():
                page.goto(urljoin(base_url, path))
                if name == "explorer":
                    page.wait_for_selector("#evkb-explorer[data-ready='true']", timeout=30000)
                page.screenshot(path=str(out / f"{name}-{size_name}.png"), full_page=name != "explorer")
            assert watch.foreign == [] and watch.errors == []
    assert len(list(out.glob("*.png"))) >= 10
