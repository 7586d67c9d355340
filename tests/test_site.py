"""The generated site, built from tests/data/site-base with `mkdocs build --strict`:
pages, links, downloads and pandoc citations. (The browser tests are in tests/browser/.)"""
from __future__ import annotations

import json
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml
from urllib.parse import unquote, urljoin, urlparse

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import SITE_BASE, build_site  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site-base")
    proc = build_site(SITE_BASE / "mkdocs.yml", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) is not None and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.links.append((tag, attrs[name]))


def broken_links(root: Path, mount: str = "/") -> list[str]:
    """Links that lead to no file of the built site at root, served under the path `mount` (the
    path of site_url: MkDocs writes the 404 page's links from the site's root)."""
    broken = []
    for page in sorted(root.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        page_url = "http://site" + mount + page.relative_to(root).as_posix()
        for tag, href in parser.links:
            parsed = urlparse(href)
            if parsed.scheme in ("http", "https", "mailto", "data") or href.startswith("#") or not href:
                if parsed.scheme in ("http", "https") and parsed.hostname in ("127.0.0.1", "localhost", "site"):
                    broken.append(f"{page}: absolute local link {href}")
                continue
            if parsed.scheme:
                broken.append(f"{page}: link with scheme {href}")
                continue
            target = urlparse(urljoin(page_url, href)).path
            if not target.startswith(mount):
                broken.append(f"{page.relative_to(root)}: {tag} {href} leads outside the site's path {mount}")
                continue
            path = root / unquote(target[len(mount):])
            if target.endswith("/"):
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(root)}: {tag} {href} -> {path.relative_to(root)} is missing")
    return broken


def test_no_broken_internal_links(site):
    assert broken_links(site) == []


def test_every_kind_of_page_is_generated(site):
    for path in ("index.html", "claims/index.html", "references/index.html", "measures/index.html",
                 "media/index.html", "topics/index.html", "check/index.html", "rules/index.html", "rules/F005/index.html",
                 "rules/P001/index.html", "method/index.html", "downloads/index.html", "explorer/index.html",
                 "contributing/index.html", "claims/backward-walking-reduces-knee-oa-pain/index.html",
                 "references/roos2012pfjcf/index.html", "measures/pain/index.html", "media/article-benefits/index.html",
                 "topics/knee/index.html", "assets/evkb/evkb.css", "assets/evkb/explorer.js",
                 "assets/evkb/vendor/cytoscape/cytoscape.min.js", "assets/evkb/vendor/cytoscape/LICENSE"):
        assert (site / path).is_file(), path


def test_nav_lists_only_index_pages(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
    assert not [h for h in nav if re.search(r"(claims|references|media|measures)/[^/]+/", h)]
    assert {"explorer/", "claims/", "check/", "references/", "method/"} <= {h.lstrip("./") for h in nav}


def test_claim_page_content(site):
    html = (site / "claims/knee-stress-reduced-up-to-40pct/index.html").read_text(encoding="utf-8")
    assert "Circulating claim" in html and "Partly supported" in html and "Very low certainty" in html
    assert "<svg class=\"evkb-chart\"" in html and "evkb-chart-table" in html
    assert "Roos et al. 2012</title>Roos et al. 2012</text>" in html and "laboratory comparison · n=20" in html
    # the answer first: the reader's headline, the verdict and a bottom line with the real number
    assert "<title>Backward walking can cut knee joint stress by up to 40% - Site test base</title>" in html
    start = html.index('<h1 class="evkb-title">')
    head = html[start:html.index("Why this verdict", start)]
    assert "Partly supported" in head and "about 24% lower, not up to 40%" in head
    # sources in words: no BibTeX key outside the collapsed block for contributors
    visible = re.sub(r"<details class=\"evkb-contributors\">.*?</details>", "", html, flags=re.S)
    visible = re.sub(r"<(script|svg)\b.*?</\1>|href=\"[^\"]*\"", "", visible, flags=re.S)
    assert "roos2012pfjcf" not in visible and "pfjcf-peak" not in visible
    assert "Roos et al. 2012</a> measured 24.4% lower" in html
    assert "https://doi.org/10.1016/j.jbiomech.2012.03.019" in html
    assert "https://pubmed.ncbi.nlm.nih.gov/22503881/" in html and "https://pmc.ncbi.nlm.nih.gov/articles/PMC3391667/" in html
    assert "misattributed" in html and "International Journal of Sports Medicine" in html
    assert "F005" in html and "figure-mismatch" in html            # the check's diagnostics for the claim
    assert "edit/main/claims/knee/knee-stress-reduced-up-to-40pct.yaml" in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(ld)
    assert data["@type"] == "ClaimReview" and data["reviewRating"]["alternateName"] == "Partly supported"
    assert data["claimReviewed"].startswith("Backward walking can cut knee joint stress")


def test_a_claims_own_title_is_its_headline_everywhere(site):
    headline = "Does walking backward burn 40% more calories?"
    html = (site / "claims/burns-more-calories/index.html").read_text(encoding="utf-8")
    assert f"<title>{headline} - Site test base</title>" in html and f'<h1 class="evkb-title">{headline}</h1>' in html
    assert f'<meta property="og:title" content="{headline}">' in html
    for page in ("index.html", "media/article-benefits/index.html", "references/flynn1994cardio/index.html",
                 "topics/energy/index.html", "claims/index.html"):
        assert f">{headline}</a>" in (site / page).read_text(encoding="utf-8"), page
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert any(d["title"] == headline and d["location"].startswith("claims/burns-more-calories/") for d in index["docs"])


def test_reference_page_backlinks_and_bibtex(site):
    html = (site / "references/alghadir2019retro/index.html").read_text(encoding="utf-8")
    assert html.count('class="evkb-backlink"') == 2
    assert "supports" in html and "@article{alghadir2019retro," in html
    assert "Randomised controlled trial" in html and "68" in html
    assert "Findings read from the abstract" in html


def test_media_report_card(site):
    html = (site / "media/article-benefits/index.html").read_text(encoding="utf-8")
    card = html[html.index("evkb-bad-credits"):]
    assert card.count("<li>") == 3                                # two not found, one misattributed
    assert "a Harvard study" in card and "a Stanford study" in card


def test_downloads(site):
    data = json.loads((site / "data/evidence.json").read_text(encoding="utf-8"))
    claim = next(c for c in data["claims"] if c["id"] == "knee-stress-reduced-up-to-40pct")
    assert claim["verdict"] == "partly-supported" and claim["grade"] == "very-low"
    assert claim["figures"][0]["value"] == {"up_to": 40} and claim["sources"][0]["ref"] == "roos2012pfjcf"
    assert {r["key"] for r in data["references"]} >= {"roos2012pfjcf", "alghadir2019retro"}
    assert any(f["ref"] == "roos2012pfjcf" and f["id"] == "pfjcf-peak" for f in data["findings"])
    csl = json.loads((site / "data/references.csl.json").read_text(encoding="utf-8"))
    roos = next(i for i in csl if i["id"] == "roos2012pfjcf")
    assert roos["type"] == "article-journal" and roos["DOI"] == "10.1016/j.jbiomech.2012.03.019"
    assert roos["author"][2] == {"family": "van Deursen", "given": "Robert W. M."}
    assert roos["issued"] == {"date-parts": [[2012]]} and roos["page"] == "1656–1660"
    bib = (site / "data/references.bib").read_text(encoding="utf-8")
    from pybtex.database import parse_string
    assert set(parse_string(bib, "bibtex").entries) == {r["key"] for r in data["references"]}
    graph = json.loads((site / "data/graph.json").read_text(encoding="utf-8"))
    kinds = {n["kind"] for n in graph["nodes"]}
    assert kinds == {"claim", "reference", "measure", "media"}
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert all((site / n["url"] / "index.html").is_file() for n in graph["nodes"] if "url" in n)


def test_handwritten_topic_gets_citations_bibliography_and_claims(site):
    html = (site / "topics/knee/index.html").read_text(encoding="utf-8")
    assert 'class="evkb-cite" href="../../references/alghadir2019retro/"' in html
    assert ">Alghadir et al. 2019, p. 5</a>" in html
    assert "(see <a" in html and ">2012</a>)" in html              # prefix and -@key
    assert 'title="Ahmad H. Alghadir' in html                    # the full citation on hover
    bib = html[html.index('class="evkb-bibliography"'):]
    assert bib.count("<li") == 3
    assert "someone@example.org" in html and "[mail me@example.org]" in html
    assert "<code>[@alghadir2019retro]</code>" in html
    assert "Claims in this topic" in html                         # generated content appended


def test_unknown_citation_is_a_located_diagnostic(tmp_path):
    base = tmp_path / "base"
    shutil.copytree(SITE_BASE, base)
    page = base / "docs" / "topics" / "knee.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA typo [@alghadir2091retro].\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")
    proc = build_site(base / "mkdocs.yml", tmp_path / "strict")
    assert proc.returncode != 0
    assert f"docs/topics/knee.md:{line}:8: P001 [unknown-citation] unknown citation key 'alghadir2091retro'" in proc.stderr
    proc = build_site(base / "mkdocs.yml", tmp_path / "lax", strict=False)
    assert proc.returncode == 0, proc.stderr
    report = (tmp_path / "lax" / "check/index.html").read_text(encoding="utf-8")
    assert "P001 unknown-citation" in report and f"docs/topics/knee.md:{line}:8" in report
    assert 'href="../topics/knee/"' in report
    topic = (tmp_path / "lax" / "topics/knee/index.html").read_text(encoding="utf-8")
    assert 'class="evkb-cite-missing"' in topic


def test_pandoc_citation_parsing():
    from evkb.model.citations import find_citations
    found = find_citations("a [@x, p. 33] b [@x; @y] c [see @z, Table 2] `[@code]` [me@mail.org] [@w](link) [-@v]\n"
                           "```\n[@fenced]\n```\n")
    items = [i for *_, group in found for i in group]
    assert items == [("", False, "x", "p. 33"), ("", False, "x", ""), ("", False, "y", ""),
                     ("see", False, "z", "Table 2"), ("", True, "v", "")]


def test_slugs_keep_paths_inside_the_site():
    from evkb.site.pages import links
    for name in ("../../etc/passwd", "a/b", "x<script>", "CON", "a:b", ".hidden", "index.md", ""):
        s = links.slug(name)
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.+-]*", s) and ".." not in s, (name, s)
    assert links.slug("a/b") != links.slug("a-b")
    assert links.relative_url("references/a:b/", "references/") == "./a:b/"


def test_generated_pages_need_no_mkdocs(tmp_path):
    """The generator is plain Python: path -> Markdown (its speed is measured by `make bench`)."""
    from evkb.engine.check import run_check
    from evkb.engine.config import Config
    from evkb.load.loader import load
    from evkb.site.pages import generate
    result = run_check(load(SITE_BASE), Config())
    pages = generate(result, "https://github.com/example/evkb")
    assert "index.md" in pages and "claims/burns-more-calories.md" in pages
    for path, text in pages.items():
        assert not re.search(r"<div[^>]*>\n\n", text), path    # no blank line opens inside an HTML block


def test_the_real_base_builds_strict_without_broken_links(tmp_path):
    """The repository's own site (mkdocs.yml at the root): `mkdocs build --strict`, then every link."""
    from harness import REPO
    out = tmp_path / "site"
    proc = build_site(REPO / "mkdocs.yml", out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    site_url = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or "/"
    assert broken_links(out, urlparse(site_url).path or "/") == []
    assert (out / "data/evidence.json").is_file()


def test_raw_html_blocks_are_set_aside_and_put_back():
    """Markdown renders only the skeleton; the result equals rendering the whole page."""
    import markdown
    from evkb.site.pages.rawhtml import RawBlocks, anchor_ids
    page = ("# Title\n\n<div class=\"a\" id=\"x1\">\n<p>one &amp; *two*</p>\n</div>\n\n## Part\n\nSome *prose*.\n\n"
            "```html\n<div>in code</div>\n\n<div>still code</div>\n```\n\n<table><tr><td>t</td></tr></table>\n")
    raw = RawBlocks()
    skeleton, blocks = raw.split(page)
    assert len(blocks) == 2 and "<div>still code</div>" in skeleton     # fenced code is left to Markdown
    assert raw.word not in page
    md = lambda text: markdown.Markdown(extensions=["toc", "fenced_code"]).convert(text)
    joined = raw.join(md(skeleton), blocks)
    assert re.sub(r"\s+", "", joined) == re.sub(r"\s+", "", md(page))
    assert anchor_ids(blocks) == {"x1"}
    assert raw.join("<p>nothing</p>", blocks) is None                    # a lost placeholder is noticed


def test_search_gets_the_same_text_without_markup():
    from evkb.site.pages.rawhtml import search_html
    html = ('<h2 id="s">Sources<a class="headerlink" href="#s" title="Permanent link">&para;</a></h2>\n'
            '<div class="x"><table><tr><td><a href="../a/">A</a></td><td>B</td></tr></table>\n'
            '<svg class="evkb-chart"><text>tick</text></svg><p class="c">para <code>k</code></p>'
            '<script type="application/ld+json">{"a": 1}</script></div>')
    lite = search_html(html)
    assert lite.startswith('<h2 id="s">Sources</h2>')
    assert "AB" in lite and "tick" not in lite and "ld+json" not in lite and "<p>para <code>k</code></p>" in lite
    assert search_html('<div data-search-exclude>x</div>') is None


def test_citation_text_is_cached_between_builds(tmp_path):
    from evkb.load.bibtex import Reference
    from evkb.site.speed.textcache import TextCache
    ref = Reference("k1", "article", {"title": "A {B}ook", "year": "2020", "journal": "J"}, ("Doe, Jane",))
    calls = []
    def fmt(r):
        calls.append(r.key)
        return "formatted " + r.key
    first = TextCache(tmp_path)
    assert first.get("citation", ref, fmt) == "formatted k1"
    first.save()
    second = TextCache(tmp_path)
    assert second.get("citation", ref, fmt) == "formatted k1" and calls == ["k1"]
    changed = Reference("k1", "article", {"title": "Another", "year": "2020", "journal": "J"}, ("Doe, Jane",))
    assert second.get("citation", changed, fmt) == "formatted k1" and calls == ["k1", "k1"]
    assert len(list(tmp_path.glob("citations-*.json"))) == 1


def test_graph_views_split_by_topic_and_cap_the_overview():
    sys.path.insert(0, str(Path(__file__).parent / "browser"))
    from test_explorer_scale import synthetic_graph
    from evkb.site.pages.data import graph_views
    graph = synthetic_graph()
    views = graph_views(graph, cap=500)
    overview = views.pop("data/graph-overview.json")
    assert 0 < len(overview["nodes"]) <= 500
    assert len({n["topic"] for n in overview["nodes"] if n["kind"] == "claim"}) == 12
    claims = [n for v in views.values() for n in v["nodes"] if n["kind"] == "claim"]
    assert len(claims) == sum(1 for n in graph["nodes"] if n["kind"] == "claim")
    for view in views.values():
        ids = {n["id"] for n in view["nodes"]}
        assert all(e["source"] in ids and e["target"] in ids for e in view["edges"])


def test_relative_paths_match_posixpath():
    import itertools
    import posixpath
    from evkb.site.pages.links import _relpath
    paths = [".", "a", "a/b", "a/b/c", "a/c", "b", "a/b/", "claims/x", "claims/y/z", "references"]
    for path, start in itertools.product(paths, repeat=2):
        assert _relpath(path, start) == posixpath.relpath(path, start), (path, start)


def test_record_pages_are_the_same_when_generated_by_forked_workers(monkeypatch):
    import threading

    import evkb.site.pages.generator as pages
    from evkb.engine.check import run_check
    from evkb.engine.config import Config
    from evkb.load.loader import load
    result = run_check(load(SITE_BASE), Config())
    monkeypatch.setattr(pages, "PARALLEL_MIN", 10**9)
    in_process = pages.generate(result, "https://github.com/example/evkb")
    monkeypatch.setattr(pages, "PARALLEL_MIN", 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    forked = pages.generate(result, "https://github.com/example/evkb")
    assert forked == in_process
