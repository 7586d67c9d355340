"""The base as an editor sees it: the files on disk, with unsaved buffers in place of some of them.

`Workspace` reads the base once with the loader (and its cache) and keeps what it read.
`base(buffers)` assembles a KnowledgeBase in which each buffer (shown path -> bytes) replaces
its file: the base `load` would give were the buffers saved, with only the buffers that
changed parsed again. A buffer's record keeps its bytes (`Loaded.text`), so positions are
found in the buffer. Parses of buffers never go into the record cache, whose entries are
trusted by the file's size and mtime.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from . import loader
from .kb import KnowledgeBase
from .parse import parse_record
from .speed.cache import bib_digest
from .vocabulary import load_vocabulary

KINDS = (("claim", "claims/"), ("findings", "references/findings/"), ("media", "references/media/"))
VOCABULARY = "references/vocabulary/"


def kind_of(shown: str) -> str | None:
    """claim, findings, media, vocabulary or bib for a file the base reads; None for any other."""
    if shown.endswith(".bib") and shown.startswith("references/"):
        return "bib"
    if not shown.endswith(loader.YAML_SUFFIXES):
        return None
    if shown.startswith(VOCABULARY) and shown.count("/") == 2:
        return "vocabulary"
    for kind, folder in KINDS:
        if shown.startswith(folder) and (kind == "claim" or shown.count("/") == 2):
            return kind
    return None


class Workspace:
    def __init__(self, root: Path, cache_dir: Path | None = None):
        self.root, self.cache_dir = root.resolve(), cache_dir
        self._parses: dict = {}   # (kind, shown) -> (sha1, Parsed) of the buffers last assembled
        self._bibs: dict = {}     # sha1 of the .bib files -> their BibResult (the last two)
        self.reload()

    def reload(self) -> None:
        """Read the whole base from disk again (files appeared, went away or changed outside the editor)."""
        self.disk = loader.read_base(self.root, self.cache_dir)
        self._bibs = {self.disk.bib_digest: self.disk.bib}

    def saved(self, shown: str) -> None:
        """One file the base already reads was written: read it again (any other change: `reload`)."""
        kind, path = kind_of(shown), self.root / shown
        if kind in ("vocabulary", None) or not path.is_file() or shown not in self.disk.files:
            self.reload()
            return
        raw = path.read_bytes()
        if kind == "bib":
            self.disk.bib_files = [(s, raw if s == shown else b) for s, b in self.disk.bib_files]
            self.disk.bib_digest = self._bib(self.disk.bib_files)[0]
            self.disk.bib = self._bibs[self.disk.bib_digest]
            return
        rows = self.disk.entries[kind]
        for i, row in enumerate(rows):
            if row[1] == shown:
                digest, parsed = self._parse(kind, shown, raw)
                parsed.origin = (kind, shown, row[0])
                rows[i] = [row[0], shown, parsed, digest]

    def base(self, buffers: dict) -> KnowledgeBase:
        """The base with each buffer (shown path -> bytes) in place of its file."""
        disk, texts = self.disk, {}
        reading = replace(disk, entries={}, texts=texts)
        vocab = {s: raw for s, raw in buffers.items() if kind_of(s) == "vocabulary"}
        if vocab:
            read = lambda path: vocab[self._shown(path)] if self._shown(path) in vocab else Path(path).read_bytes()
            folder = self.root / "references" / "vocabulary"
            reading.vocab, problems = load_vocabulary(folder, self._shown, self.root, read)
            reading.vocab_problems = [p + ("",) for p in problems]
            reading.vocab_digest = loader.vocab_digest(folder, read)
        for kind, _ in KINDS:
            rows = reading.entries[kind] = list(disk.entries[kind])
            known = {row[1] for row in rows}
            for i, row in enumerate(rows):
                if row[1] in buffers:
                    digest, parsed = self._parse(kind, row[1], buffers[row[1]])
                    rows[i] = [row[0], row[1], parsed, digest]
                    texts[row[1]] = buffers[row[1]]
            for shown in sorted(s for s in buffers if kind_of(s) == kind and s not in known):   # not on disk yet
                digest, parsed = self._parse(kind, shown, buffers[shown])
                rows.append([str(self.root / shown), shown, parsed, digest])
                reading.files = reading.files + [shown]
                texts[shown] = buffers[shown]
        if any(kind_of(s) == "bib" for s in buffers):
            files = [(s, buffers.get(s, raw)) for s, raw in disk.bib_files]
            reading.bib_digest, reading.bib = self._bib(files)
        return loader.assemble(reading)

    def _shown(self, path) -> str:
        return loader.relative_to(self.root)(Path(path))

    def _parse(self, kind: str, shown: str, raw: bytes):
        """(sha1, Parsed) of a buffer's bytes, parsed again only when they changed."""
        digest = hashlib.sha1(raw).hexdigest()
        known = self._parses.get((kind, shown))
        if known is None or known[0] != digest:
            known = self._parses[kind, shown] = (digest, parse_record(kind, shown, raw))
        return known

    def _bib(self, files: list) -> tuple:
        digest = bib_digest(files)
        if digest not in self._bibs:
            self._bibs = {k: v for k, v in list(self._bibs.items())[-1:]}
            self._bibs[digest] = loader.parse_bib(files)
        return digest, self._bibs[digest]
