"""Every page type of the built site in Chromium at phone and desktop width: axe-core finds no
serious or critical violation of WCAG 2.1 AA or of its own best practices, nothing scrolls
sideways, and each page has one h1, a meta description and Open Graph tags.

axe-core is the copy pinned in package.json / package-lock.json (`make test` runs `npm ci`);
it is injected into the real built site, which itself loads nothing from elsewhere.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest

from harness import REPO, Watch, browser_context

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": {"width": 390, "height": 844}, "small-phone": {"width": 360, "height": 740},
          "desktop": {"width": 1280, "height": 900}}
BLOCKING = ("serious", "critical")
AXE_RUN = """async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
                                     resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}"""


def page_types(site: Path, evidence) -> dict[str, str]:
    """One page of each kind the site has, by a name for it -> its path under the site root."""
    def first(folder):
        found = sorted(p.parent.relative_to(site).as_posix() for p in (site / folder).glob("*/index.html"))
        assert found, f"the site has no page in {folder}/"
        return found[0] + "/"
    claims = [c for c in evidence["claims"] if c.get("figures") and c.get("seen_in")] or evidence["claims"]
    claim = max(claims, key=lambda c: (len(c.get("seen_in", [])), len(c.get("sources", [])), c["id"]))
    return {"home": "", "claim": f"claims/{claim['id']}/", "claims": "claims/", "article": first("media"),
            "articles": "media/", "reference": first("references"), "bibliography": "references/",
            "measure": first("measures"), "topic": first("topics"), "check": "check/", "rule": first("rules"),
            "method": "method/", "explorer": "explorer/", "downloads": "downloads/"}


@pytest.fixture(scope="module")
def axe_source():
    assert AXE.is_file(), "axe-core is not installed: run `make node_modules/.installed` (npm ci)"
    return AXE.read_text(encoding="utf-8")


def audit(page, url: str, axe_source: str) -> dict:
    page.goto(url)
    if "/explorer/" in url:
        page.wait_for_selector("#evkb-explorer[data-ready='true']", timeout=30000)
    page.add_script_tag(content=axe_source)
    found = page.evaluate(AXE_RUN)
    facts = page.evaluate("""() => ({
      scroll: document.scrollingElement.scrollWidth, inner: window.innerWidth,
      h1: document.querySelectorAll('h1').length,
      description: (document.querySelector('meta[name=description]') || {}).content || '',
      og: Object.fromEntries([...document.querySelectorAll('meta[property^="og:"]')].map(m => [m.getAttribute('property'), m.content])),
    })""")
    return {"violations": found, **facts}


def run_audit(base_url, site, evidence, axe_source, widths=("phone", "small-phone", "desktop")) -> dict:
    """(page type, width) -> audit, for every page type at each width."""
    results = {}
    for width in widths:
        with browser_context(viewport=WIDTHS[width]) as context:
            page = context.new_page()
            watch = Watch(page)
            for name, path in page_types(site, evidence).items():
                results[(name, width)] = audit(page, urljoin(base_url, path), axe_source)
            assert watch.foreign == [], watch.foreign
    return results


@pytest.fixture(scope="module")
def audited(chromium, base_url, built_site, evidence, axe_source):
    return run_audit(base_url, built_site, evidence, axe_source)


def test_no_serious_or_critical_accessibility_violations(audited):
    blocking = {f"{name}@{width}": [v for v in r["violations"] if v["impact"] in BLOCKING]
                for (name, width), r in audited.items() if width != "small-phone"}
    blocking = {k: v for k, v in blocking.items() if v}
    assert blocking == {}, json.dumps(blocking, indent=1)


def test_no_page_scrolls_sideways(audited):
    wide = {f"{name}@{width}": (r["scroll"], r["inner"]) for (name, width), r in audited.items()
            if r["scroll"] > r["inner"]}
    assert wide == {}


def test_every_page_has_one_h1_a_description_and_open_graph_tags(audited):
    for (name, width), r in audited.items():
        if width != "desktop":
            continue
        assert r["h1"] == 1, f"{name}: {r['h1']} h1 elements"
        assert len(r["description"]) > 20, f"{name}: meta description {r['description']!r}"
        for prop in ("og:title", "og:description", "og:type", "og:url"):
            assert r["og"].get(prop), f"{name}: no {prop} ({r['og']})"
