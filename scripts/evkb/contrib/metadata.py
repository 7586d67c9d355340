"""Bibliographic metadata from a Crossref work or a PubMed esummary record, in one shape."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .transport import LookupFailure, NotFound


@dataclass(frozen=True)
class Metadata:
    source: str                    # "crossref" | "pubmed"
    title: str = ""
    authors: tuple = ()            # (family, given) pairs
    year: str = ""
    years: tuple = ()              # every year the record dates the work (issued, print, online)
    journal: str = ""
    journal_abbrevs: tuple = ()
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""

    @property
    def first_family(self) -> str:
        return self.authors[0][0] if self.authors else ""


def _text(value) -> str:
    text = html.unescape(str(value or ""))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


def _first(values) -> str:
    return _text(values[0]) if isinstance(values, list) and values else _text(values if isinstance(values, str) else "")


def _year_of(date) -> str:
    parts = (date or {}).get("date-parts") or [[None]]
    year = parts[0][0] if parts and parts[0] else None
    return str(year) if year else ""


def from_crossref(payload: dict) -> Metadata:
    if not isinstance(payload, dict) or payload.get("status") != "ok" or not isinstance(payload.get("message"), dict):
        raise LookupFailure("Crossref answered in an unexpected format (no status ok / message)")
    m = payload["message"]
    authors = tuple((_text(a.get("family") or a.get("name")), _text(a.get("given"))) for a in m.get("author") or ())
    years = tuple(dict.fromkeys(y for y in (_year_of(m.get(k)) for k in ("issued", "published-print",
                                                                         "published-online", "published")) if y))
    return Metadata("crossref", title=_first(m.get("title")), authors=authors, year=years[0] if years else "",
                    years=years, journal=_first(m.get("container-title")),
                    journal_abbrevs=tuple(_text(t) for t in m.get("short-container-title") or ()),
                    volume=_text(m.get("volume")), issue=_text(m.get("issue")), pages=_text(m.get("page")),
                    doi=_text(m.get("DOI")).lower())


def _split_pubmed_name(name: str) -> tuple[str, str]:
    """"Roos PE" -> ("Roos", "P. E."); a collective name stays whole."""
    family, _, initials = name.rpartition(" ")
    if family and re.fullmatch(r"[A-Z]{1,4}", initials):
        return family, " ".join(f"{c}." for c in initials)
    return name, ""


def expand_pages(pages: str) -> str:
    """PubMed's "1656-60" -> "1656--1660"."""
    m = re.fullmatch(r"\s*(\w*?)(\d+)\s*[-–]\s*(\d+)\s*", pages or "")
    if not m:
        return (pages or "").strip()
    prefix, start, end = m.groups()
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return f"{prefix}{start}--{prefix}{end}"


def from_pubmed(payload: dict, pmid: str) -> Metadata:
    result = payload.get("result") if isinstance(payload, dict) else None
    if not isinstance(result, dict):
        raise LookupFailure("PubMed answered in an unexpected format (no result)")
    rec = result.get(pmid)
    if not isinstance(rec, dict) or "error" in rec or pmid not in result.get("uids", [pmid]):
        raise NotFound(f"PubMed has no record for pmid:{pmid}")
    authors = tuple(_split_pubmed_name(_text(a.get("name"))) for a in rec.get("authors") or ()
                    if a.get("authtype", "Author") in ("Author", "CollectiveName"))
    years = tuple(dict.fromkeys(y for y in (_year_str(rec.get(k)) for k in ("pubdate", "epubdate")) if y))
    doi = next((_text(a.get("value")).lower() for a in rec.get("articleids") or () if a.get("idtype") == "doi"), "")
    return Metadata("pubmed", title=_text(rec.get("title")).rstrip("."), authors=authors,
                    year=years[0] if years else "", years=years,
                    journal=_text(rec.get("fulljournalname")), journal_abbrevs=(_text(rec.get("source")),),
                    volume=_text(rec.get("volume")), issue=_text(rec.get("issue")),
                    pages=expand_pages(_text(rec.get("pages"))), doi=doi, pmid=pmid)


def _year_str(text) -> str:
    m = re.match(r"\s*(\d{4})", str(text or ""))
    return m.group(1) if m else ""
