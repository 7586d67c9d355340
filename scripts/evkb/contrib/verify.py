"""`evkb verify-references`: compare each reference with what its DOI or PMID resolves to.

The misattribution detector: an entry whose year, journal, first author or title disagrees
with its identifier's metadata is probably a different work than the one it names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .bibkey import family_of, plain
from .identifiers import of_reference
from .services import fetch, parse_response
from .similarity import same_family, same_journal, title_similarity

TITLE_ERROR, TITLE_WARNING = 0.6, 0.9


@dataclass(frozen=True)
class Mismatch:
    key: str
    path: str
    line: int
    field: str
    level: str          # error | warning
    message: str
    identifier: str


@dataclass
class Verification:
    checked: int = 0
    mismatches: list = field(default_factory=list)
    unverified: list = field(default_factory=list)   # (reference, identifier, why)
    fetched: dict = field(default_factory=dict)      # identifier -> lock entry fetched live

    def count(self, level: str) -> int:
        return sum(1 for m in self.mismatches if m.level == level)


def load_references(root: Path) -> list:
    from ..load.bibtex import load_bib_files, resolve_crossrefs
    from .bibfile import base_bib_files
    result = load_bib_files([(p.relative_to(root).as_posix(), p.read_bytes()) for p in base_bib_files(root)])
    resolve_crossrefs(result)
    return list(result.references.values())


def compare(ref, meta, ident: str) -> list[Mismatch]:
    out = []

    def add(name, level, message):
        out.append(Mismatch(ref.key, ref.path, ref.line_of(name), name, level, message, ident))
    where = f"{ident} ({meta.source})"
    _year(ref, meta, where, add)
    if ref.authors and meta.authors and not same_family(family_of(ref.authors[0]), meta.first_family):
        add("author", "error", f"first author {family_of(ref.authors[0])!r}, but {where} gives {meta.first_family!r}")
    journal = plain(ref.get("journal"))
    if journal and meta.journal and not same_journal(journal, (meta.journal,) + meta.journal_abbrevs):
        add("journal", "error", f"journal {journal!r}, but {where} gives {meta.journal!r}")
    _title(ref, meta, where, add)
    if meta.doi and ref.get("doi") and meta.doi != ref.get("doi").strip().lower():
        add("doi", "error", f"doi {ref.get('doi')!r}, but {where} gives {meta.doi!r}: the identifiers name different works")
    return out


def _year(ref, meta, where, add) -> None:
    if not ref.year.strip().isdigit() or not meta.years:
        return
    if ref.year.strip() in meta.years:
        return
    near = any(abs(int(y) - int(ref.year)) <= 1 for y in meta.years)
    add("year", "warning" if near else "error",
        f"year {ref.year}, but {where} gives {'/'.join(meta.years)}"
        + (" (online and print years can differ by one)" if near else ""))


def _title(ref, meta, where, add) -> None:
    title = plain(ref.title)
    if not title or not meta.title:
        return
    score = title_similarity(title, meta.title)
    if score < TITLE_WARNING:
        add("title", "error" if score < TITLE_ERROR else "warning",
            f"title differs from {where} (similarity {score:.2f}): {meta.title!r}")


def verify(root: Path, lock: dict, transport=None) -> Verification:
    """Offline (transport None) from the lock; online, fetch every identifier and keep the answers."""
    result = Verification()
    for ref in sorted(load_references(root), key=lambda r: (r.path, r.line)):
        for ident in of_reference(ref):
            entry = _entry(ident, lock, transport, result, ref)
            if entry is not None:
                result.checked += 1
                result.mismatches.extend(compare(ref, parse_response(ident, entry["response"]), str(ident)))
    result.mismatches.sort(key=lambda m: (m.path, m.line))
    return result


def _entry(ident, lock, transport, result, ref):
    from .transport import NotFound
    if transport is None:
        entry = lock.get(str(ident))
        if entry is None:
            result.unverified.append((ref, str(ident), "not in the lock file"))
        return entry
    try:
        entry = fetch(ident, transport)
    except NotFound as exc:
        result.mismatches.append(Mismatch(ref.key, ref.path, ref.line_of(ident.scheme), ident.scheme, "error",
                                          f"{ident} does not resolve: {exc}", str(ident)))
        return None
    result.fetched[str(ident)] = entry
    return entry
