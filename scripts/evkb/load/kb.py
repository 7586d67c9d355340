"""The loaded knowledge base: records with their positions, indexed for the rules."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..model.vocab import Vocabulary


@dataclass(frozen=True)
class Loaded:
    """One record as loaded: the model object, its file, and a way back to positions in that file."""
    parsed: object            # evkb.parsed.Parsed: the record, built on first use
    path: str                 # as shown in diagnostics, relative to the base
    file: str = ""            # absolute path, read again only to locate a diagnostic
    topic: str = ""
    digest: str = field(default="", compare=False, repr=False)   # sha1 of the file's bytes
    text: bytes | None = field(default=None, compare=False, repr=False)  # an unsaved buffer read instead of file

    @functools.cached_property
    def record(self):
        return self.parsed.record

    @property
    def terms(self) -> tuple:
        """(path, value, vocabulary) of the record's controlled terms."""
        return self.parsed.terms

    def at(self, *path, value: bool = False) -> tuple[int, int]:
        from .yamlnodes import locate
        node = _composed(self.file, _stamp(self.file)) if self.text is None else composed_text(self.text)
        return locate(node, path, prefer_key=not value)


def _stamp(file: str):
    try:
        st = os.stat(file)
        return st.st_mtime_ns, st.st_size
    except OSError:
        return None


@functools.lru_cache(maxsize=256)
def _composed(file: str, stamp):
    """The file's node tree, composed again on demand (positions are needed only for diagnostics)."""
    try:
        with open(file, "rb") as fh:
            return composed_text(fh.read())
    except OSError:
        return None


@functools.lru_cache(maxsize=64)
def composed_text(raw: bytes):
    """The node tree of a record's bytes, or None when they are not YAML."""
    import yaml
    try:
        return yaml.compose(raw.decode("utf-8"), Loader=yaml.CSafeLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return None


@dataclass
class KnowledgeBase:
    root: Path
    vocab: Vocabulary = field(default_factory=Vocabulary)
    claims: dict = field(default_factory=dict)      # id -> Loaded(Claim)
    findings: dict = field(default_factory=dict)    # ref key -> Loaded(FindingsRecord)
    media: dict = field(default_factory=dict)       # id -> Loaded(Media)
    references: dict = field(default_factory=dict)  # key -> bibtex.Reference
    duplicate_claims: list = field(default_factory=list)      # (Loaded kept, Loaded repeated)
    duplicate_references: list = field(default_factory=list)  # (Reference kept, Reference repeated)
    problems: list = field(default_factory=list)    # (path, line, col, code, message, hint, subject)
    files: list = field(default_factory=list)       # every file read, relative paths
    vocab_digest: str = ""                           # sha1 over the vocabulary files' bytes
    bib_digest: str = ""                             # sha1 over the .bib files' names and bytes
    cache_dir: object = None                         # where derived results may be cached (None: nowhere)
    unreadable: dict = field(default_factory=dict)   # (findings|media, file stem) -> (path, line, col, sha1) of a
    #   file with errors; (ref, key) -> (path, line, 1, "") of a BibTeX entry read only in part
    _by_ref: dict = field(default_factory=dict, repr=False)

    def claim_findings(self, claim_id: str):
        """(source index, Source, Finding or None, finding index) for each cited finding."""
        loaded, known = self.claims[claim_id], self._by_ref
        for si, source in enumerate(loaded.record.sources):
            by_id = known.get(source.ref)
            if by_id is None:
                by_id = self.findings_by_id(source.ref)
            for fid in source.findings:
                idx, finding = by_id.get(fid, (None, None))
                yield si, source, finding, idx

    def finding(self, ref: str, finding_id: str):
        return self.findings_by_id(ref).get(finding_id, (None, None))[1]

    def findings_by_id(self, ref: str) -> dict:
        """finding id -> (position, Finding) of one publication ({} without a findings file); the first
        of a repeated id wins. Built on first use, so a re-check reads only the findings it needs."""
        by_id = self._by_ref.get(ref)
        if by_id is None:
            by_id = self._by_ref[ref] = {}
            for i, f in enumerate(self.findings[ref].record.findings if ref in self.findings else ()):
                by_id.setdefault(f.id, (i, f))
        return by_id

    @property
    def finding_index(self) -> dict:
        """ref -> finding id -> (position, Finding) for every findings record."""
        return {ref: self.findings_by_id(ref) for ref in self.findings}

    def topics(self) -> list[str]:
        return sorted({c.topic for c in self.claims.values()})
