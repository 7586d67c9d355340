"""Crossref and PubMed: build the URL, fetch with a transport, parse into Metadata."""
from __future__ import annotations

import datetime
import json
import urllib.parse

from .identifiers import Identifier
from .metadata import Metadata, from_crossref, from_pubmed
from .transport import LookupFailure, http_get

CROSSREF = "https://api.crossref.org/works/{doi}"
PUBMED = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi?db=pubmed&retmode=json&id={pmid}"
SERVICE = {"doi": "crossref", "pmid": "pubmed"}


def url_for(ident: Identifier) -> str:
    if ident.scheme == "doi":
        return CROSSREF.format(doi=urllib.parse.quote(ident.value, safe="/:;()"))
    return PUBMED.format(pmid=ident.value)


def parse_response(ident: Identifier, response: dict) -> Metadata:
    if ident.scheme == "doi":
        return from_crossref(response)
    return from_pubmed(response, ident.value)


def fetch(ident: Identifier, transport=http_get, now=None) -> dict:
    """A lock entry {service, url, fetched, response}, parsed once to make sure it is usable."""
    url = url_for(ident)
    raw = transport(url)
    try:
        response = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise LookupFailure(f"{url}: the answer is not JSON; try again later") from None
    parse_response(ident, response)
    fetched = (now or datetime.datetime.now(datetime.timezone.utc)).replace(microsecond=0).isoformat()
    return {"service": SERVICE[ident.scheme], "url": url, "fetched": fetched, "response": response}
