"""Records are untrusted: a base full of markup, script and link tricks (tests/data/xss-base)
must come out as text everywhere: Markdown, HTML, attributes, JSON-LD, SVG and the graph's
data. This test reads the built HTML; tests/browser/test_xss.py loads it in Chromium."""
from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import REPO, build_site  # noqa: E402

XSS_BASE = REPO / "tests" / "data" / "xss-base"
# Scripts the site itself ships; everything else must not be a script.
OWN_SCRIPT_SRC = re.compile(r"(assets/javascripts/|assets/evkb/)")


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("xss-site")
    proc = build_site(XSS_BASE / "mkdocs.yml", out, strict=False)
    assert proc.returncode == 0, proc.stderr
    return out


class Audit(HTMLParser):
    """Every element, attribute and script of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.stack, self.scripts = [], [], []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        a = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    re.match(r"^\s*(javascript|data|vbscript):", value, re.I):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "style", "base", "meta") and tag != "meta":
            self.problems.append(f"<{tag}> in the page")
        if tag == "img" and "onerror" in a:
            self.problems.append("<img onerror>")
        if tag == "script":
            self.scripts.append(a)
            if a.get("src") and not OWN_SCRIPT_SRC.search(a["src"]):
                self.problems.append(f"<script src={a['src']!r}>")

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "script" and "alert(" in data:
            t = self.scripts[-1].get("type", "")
            if t != "application/ld+json":
                self.problems.append(f"script runs record text: {data[:80]!r}")


def pages(root):
    return sorted(p for p in root.rglob("*.html") if "assets" not in p.parts)


def test_no_record_text_becomes_markup(xss_site):
    problems = []
    for page in pages(xss_site):
        audit = Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(xss_site)}: {p}" for p in audit.problems]
    assert problems == []


def test_the_evil_text_is_shown_as_text(xss_site):
    html = (xss_site / "claims/evil-claim/index.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(&#x27;statement&#x27;)&lt;/script&gt;" in html
    assert "[click me](javascript:alert(&#x27;expl3&#x27;))" in html     # Markdown link syntax left as text
    assert "&lt;img src=x onerror=alert(&#x27;st2&#x27;)&gt;" in html
    media = (xss_site / "media/evil-article/index.html").read_text(encoding="utf-8")
    assert "media-url" not in media                                        # javascript: never becomes a link
    ref = (xss_site / "references/evil2020/index.html").read_text(encoding="utf-8")
    assert "alert(&#x27;url&#x27;)" not in ref.split("evkb-ids")[1].split("</p>")[0]


def test_json_ld_is_valid_json_holding_the_statement(xss_site):
    html = (xss_site / "claims/evil-claim/index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    assert "</" not in blocks[0] and "<" not in blocks[0]
    data = json.loads(blocks[0])
    assert "</script><script>alert('statement')</script>" in data["claimReviewed"]


def test_svg_labels_are_escaped(xss_site):
    html = (xss_site / "measures/pain/index.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg class=\"evkb-chart\""):]
    svg = svg[:svg.index("</svg>") + 6]
    assert "<script" not in svg and "onload=" not in svg.replace("onload=alert(&#x27;", "")


def test_graph_data_is_plain_json(xss_site):
    graph = json.loads((xss_site / "data/graph.json").read_text(encoding="utf-8"))
    labels = " ".join(n["label"] for n in graph["nodes"])
    assert "<script>alert('statement')</script>" in labels                  # kept as data, drawn as text
    assert all(not n.get("url", "").lower().startswith(("javascript", "data")) for n in graph["nodes"])


def test_citation_titles_are_inert(xss_site):
    html = (xss_site / "topics/evil/index.html").read_text(encoding="utf-8")
    cites = re.findall(r'<a class="evkb-cite" href="([^"]*)" title="([^"]*)">', html)
    assert len(cites) == 3
    assert all(href.startswith("../../references/") for href, _ in cites)
