"""Escaping for untrusted record text: everything a record holds arrives by pull request.

Generated pages put record text only inside block-level HTML, which Markdown
passes through untouched, after HTML-escaping it and folding line breaks (a
blank line would end the HTML block and hand the rest to Markdown).
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup

_SPACE = re.compile(r"\s+")


def text(value) -> Markup:
    return _text(str(value if value is not None else ""))


@lru_cache(maxsize=65536)       # labels, measure names and terms repeat on thousands of pages
def _text(value: str) -> Markup:
    return Markup(html.escape(_SPACE.sub(" ", value).strip(), quote=True))


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses become links."""
    url = (url or "").strip()
    if re.match(r"^https?://[^\s<>\"'`\\]+$", url, re.I):
        return url
    return None


def identifier_links(ref) -> list[tuple[str, str]]:
    """(label, url) for each identifier of a bibtex.Reference that forms a valid link."""
    from ...engine.rules.invalid_identifier import valid
    links = []
    doi, pmid, pmcid, url = (ref.get(k).strip() for k in ("doi", "pmid", "pmcid", "url"))
    if doi and valid("doi", doi):
        links.append((f"doi:{doi}", "https://doi.org/" + quote(doi, safe="/:;()._-")))
    if pmid and valid("pmid", pmid):
        links.append((f"PMID {pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"))
    if pmcid and valid("pmcid", pmcid):
        links.append((pmcid, f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/"))
    if safe_url(url) and not any(url == u for _, u in links):
        links.append(("link", safe_url(url)))
    return links


def json_for_script(data) -> Markup:
    """JSON safe inside <script type="application/ld+json"> or a JSON data block."""
    raw = json.dumps(data, ensure_ascii=False)
    return Markup(raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
