"""Formatted citations, CSL items and BibTeX entries, kept between builds.

Formatting a reference with pybtex (and decoding its LaTeX for CSL-JSON) costs a few
milliseconds each, the largest part of generating a site of thousands of references,
and gives the same text for the same entry every time. This cache keeps that text in
one JSON file in the engine's cache folder (outside the repository), keyed by a hash
of everything the formatting reads: the entry's type, key, fields and people. The file
name carries a hash of the formatting code and pybtex's version, so a change to either
starts a new file. It is read with `json` (never pickle): at worst a tampered file
changes text that is escaped on the way into every page like any record text.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

_FORMAT_MODULES = ("site.pages.citation", "site.pages.data", "site.speed.fastlatex", "site.pages.reference",
                  "site.speed.textcache")


def _version() -> str:
    from ...load.speed.cache import source_bytes
    blob = source_bytes(*_FORMAT_MODULES)
    try:
        from importlib.metadata import version
        blob += version("pybtex").encode() + version("latexcodec").encode()
    except Exception:
        pass
    return hashlib.sha1(blob).hexdigest()[:12]


def entry_digest(ref) -> str:
    data = [ref.key, ref.type, sorted(ref.fields.items()), list(ref.authors), list(ref.editors)]
    return hashlib.sha1(json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


class TextCache:
    """kind ("citation", "csl", "bibtex") x entry -> JSON value; `save` writes what was used."""

    def __init__(self, folder: Path | None = None):
        self.path = Path(folder) / f"citations-{_version()}.json" if folder else None
        self.entries: dict = {}
        self.used: dict = {}
        self.changed = False
        self._digests: dict = {}
        if self.path and self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self.entries = {k: v for k, v in data.items() if isinstance(v, dict)}
            except (OSError, ValueError):
                self.entries = {}

    def get(self, kind: str, ref, compute):
        slot = self._slot(ref)
        if kind not in slot:
            slot[kind] = compute(ref)
            self.changed = True
        return slot[kind]

    def missing(self, kinds: tuple, refs) -> list:
        """The references lacking any of `kinds`."""
        return [ref for ref in refs if any(k not in self._slot(ref) for k in kinds)]

    def put(self, kinds: tuple, refs, values) -> None:
        """Store one {kind: value} per reference."""
        for ref, value in zip(refs, values):
            self._slot(ref).update({k: value[k] for k in kinds})
            self.changed = True

    def _slot(self, ref) -> dict:
        digest = self._digests.get(id(ref))
        if digest is None or digest[0] is not ref:
            digest = (ref, entry_digest(ref))
            self._digests[id(ref)] = digest
        key = digest[1]
        slot = self.used.get(key)
        if slot is None:
            slot = self.used[key] = dict(self.entries.get(key, ()))
        return slot

    def save(self) -> None:
        """Keep the entries of this build (a removed reference's text goes with it)."""
        if not self.path or (not self.changed and len(self.used) == len(self.entries)):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.used, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, self.path)
            for old in self.path.parent.glob("citations-*.json"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
        self.entries, self.changed = dict(self.used), False
