"""Structured data: every page's JSON-LD parses, and each ClaimReview has the fields Google's
fact-check markup requires. Circulating claims seen in an article carry one; the base's own
assertions and every other page carry none."""
from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import REPO, SITE_BASE, build_site  # noqa: E402


class JsonLd(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self._in = [], False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._in:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks[-1] += data


def claim_reviews(site: Path) -> dict[str, list]:
    """page path -> its JSON-LD objects, for every page of the built site."""
    out = {}
    for page in sorted(site.rglob("*.html")):
        parser = JsonLd()
        parser.feed(page.read_text(encoding="utf-8"))
        out[page.relative_to(site).as_posix()] = [json.loads(b) for b in parser.blocks]
    return out


def check_claim_review(data: dict, site_url: str) -> None:
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    assert isinstance(data["claimReviewed"], str) and data["claimReviewed"].strip()
    assert data["url"].startswith(site_url) and data["url"].endswith("/")
    assert data["author"]["@type"] == "Organization" and data["author"]["name"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["datePublished"])
    rating = data["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    item = data["itemReviewed"]
    assert item["@type"] == "Claim" and item["appearance"]
    for work in item["appearance"]:
        assert work["@type"] == "CreativeWork" and (work.get("url") or work.get("headline"))
        assert "url" not in work or work["url"].startswith(("http://", "https://"))


def _records(root: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "claims").rglob("*.yaml")}


@pytest.mark.parametrize("config", [SITE_BASE / "mkdocs.yml", REPO / "mkdocs.yml"], ids=["site-base", "real-base"])
def test_claim_reviews_have_the_required_fields(config, tmp_path):
    proc = build_site(config, tmp_path / "site")
    assert proc.returncode == 0, proc.stderr[-3000:]
    site_url = yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"]
    found = claim_reviews(tmp_path / "site")
    records = _records(config.parent)
    reviewed = 0
    for path, blocks in found.items():
        cid = path.split("/")[1] if path.startswith("claims/") and path.count("/") == 2 else None
        record = records.get(cid) if cid else None
        if record and record["kind"] == "circulating" and record.get("seen_in"):
            assert len(blocks) == 1, path
            check_claim_review(blocks[0], site_url)
            assert " ".join(blocks[0]["claimReviewed"].split()) == " ".join(record["statement"].split())
            reviewed += 1
        else:
            assert [b for b in blocks if b.get("@type") == "ClaimReview"] == [], path
    assert reviewed >= 2
