"""`evkb add doi:…|pmid:…`: fetch metadata, file a BibTeX entry, record the response in the lock file.

Everything is fetched and checked first; files are written (atomically) only when all succeeded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .bibfile import Filing, apply_filing, plan_filing
from .bibwrite import entry_text
from .identifiers import parse
from .lockfile import read_lock, write_lock
from .services import fetch, parse_response
from .transport import http_get


@dataclass
class AddPlan:
    filing: Filing
    lock: dict
    added: list = field(default_factory=list)   # (identifier, key)


def plan_add(root: Path, texts: list[str], transport=http_get, bib: Path | None = None, now=None) -> AddPlan:
    idents = [parse(t) for t in texts]
    _refuse_known(root, idents)
    lock = dict(read_lock(root))
    entries = []
    for i, ident in enumerate(idents):
        entry = fetch(ident, transport, now)
        lock[str(ident)] = entry
        entries.append(entry_text(parse_response(ident, entry["response"]), f"new{i}"))
    filing = plan_filing(root, "\n".join(entries), bib)
    added = [(str(ident), key) for ident, (_, key) in zip(idents, filing.keys)]
    return AddPlan(filing, lock, added)


def apply_add(root: Path, plan: AddPlan) -> None:
    apply_filing(plan.filing)
    write_lock(root, plan.lock)


def _refuse_known(root: Path, idents) -> None:
    """Before any request: an identifier the base already has is cited by its key, not added again."""
    from . import ContribError
    from .identifiers import of_reference
    from .verify import load_references
    for ref in load_references(root):
        for ident in set(of_reference(ref)) & set(idents):
            raise ContribError(f"{ident} is already in the base as {ref.key!r} ({ref.path}:{ref.line}); cite that key")
