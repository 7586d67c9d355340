"""Load a knowledge base from disk: claims, findings, media, vocabulary and BibTeX.

Nothing here raises on bad user input: every problem is recorded with its file
and line and the rest is loaded. Parsed YAML records are cached by content hash
so a re-check reads and validates only files that changed.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .bibtex import load_bib_files, resolve_crossrefs
from .speed.cache import RecordCache, bib_digest
from .speed.parallel import start_parse
from .kb import KnowledgeBase, Loaded
from .speed.nogc import paused_gc
from .vocabulary import load_vocabulary

YAML_SUFFIXES = (".yaml", ".yml")


def load(root: Path, cache_dir: Path | None = None) -> KnowledgeBase:
    with paused_gc():
        return assemble(read_base(root, cache_dir))


@dataclass
class Reading:
    """What a load read from disk, before it becomes a KnowledgeBase (`assemble`).

    An editor's workspace (`buffers.py`) keeps one and assembles it again with some files
    replaced by unsaved buffers, whose bytes are in `texts`.
    """
    root: Path
    cache_dir: Path | None
    vocab: object = None
    vocab_problems: list = field(default_factory=list)
    vocab_digest: str = ""
    files: list = field(default_factory=list)          # every file read, relative paths
    scan_problems: list = field(default_factory=list)  # links leading outside, found while listing
    entries: dict = field(default_factory=dict)        # kind -> [(file, shown, Parsed, sha1)]
    bib_files: list = field(default_factory=list)      # [(shown, bytes)] in reading order
    bib_digest: str = ""
    bib: object = None                                 # the BibResult of bib_files
    texts: dict = field(default_factory=dict)          # shown -> bytes of the records read from buffers
    made: dict = field(default_factory=dict)           # shown -> the Loaded last assembled, reused while its row is


def read_base(root: Path, cache_dir: Path | None = None) -> Reading:
    root = root.resolve()
    with paused_gc():
        return _read_base(root, cache_dir)


def _read_base(root: Path, cache_dir: Path | None) -> Reading:
    reading, scan = Reading(root, cache_dir), KnowledgeBase(root, cache_dir=cache_dir)
    cache = RecordCache(cache_dir)
    rel = relative_to(root)
    reading.vocab, vocab_problems = load_vocabulary(root / "references" / "vocabulary", rel, root)
    reading.vocab_problems = [p + ("",) for p in vocab_problems]
    reading.vocab_digest = vocab_digest(root / "references" / "vocabulary")
    scan.problems.extend(reading.vocab_problems)   # so that listing does not report a vocabulary link again
    kinds = [("claim", safe_files(scan, root / "claims", YAML_SUFFIXES, rel)),
             ("findings", safe_files(scan, root / "references" / "findings", YAML_SUFFIXES, rel, recursive=False)),
             ("media", safe_files(scan, root / "references" / "media", YAML_SUFFIXES, rel, recursive=False))]
    parsing = _Parsing(scan, kinds, cache, rel)          # in forked workers when there are many files
    _read_bib(reading, scan, root, rel, cache)          # meanwhile, here
    reading.entries = parsing.finish()
    reading.files, reading.scan_problems = scan.files, scan.problems[len(reading.vocab_problems):]
    cache.save()
    return reading


def assemble(reading: Reading) -> KnowledgeBase:
    """The base of what was read: records indexed, every problem in the order the rules report them."""
    kb = KnowledgeBase(reading.root, cache_dir=reading.cache_dir)
    kb.vocab, kb.vocab_digest = reading.vocab, reading.vocab_digest
    kb.problems.extend(reading.vocab_problems)
    kb.problems.extend(reading.scan_problems)
    kb.files = list(reading.files)
    _load_claims(kb, reading.entries["claim"], reading)
    _load_records(kb, reading.entries["findings"], "ref", kb.findings, reading, "findings")
    _load_records(kb, reading.entries["media"], "id", kb.media, reading, "media")
    kb.bib_digest = reading.bib_digest
    kb.references = reading.bib.references
    for key, (path, line) in getattr(reading.bib, "damaged", {}).items():
        kb.unreadable.setdefault(("ref", key), (path, line, 1, ""))
    kb.duplicate_references = reading.bib.duplicates
    kb.problems.extend(p + ("",) for p in reading.bib.problems)
    return kb


def relative_to(root: Path):
    """The function turning an absolute path under root into the path diagnostics show."""
    prefix = str(root) + os.sep
    return lambda p: str(p)[len(prefix):].replace(os.sep, "/") if str(p).startswith(prefix) else str(p)


def vocab_digest(folder: Path, read=None) -> str:
    """sha1 over the vocabulary files' names and bytes (`read(path)` gives a file's bytes)."""
    from ..model.vocab import DATA
    read = read or Path.read_bytes
    h = hashlib.sha1()
    for path in sorted(DATA.glob("*.yaml")) + (sorted(folder.glob("*.yaml")) if folder.is_dir() else []):
        h.update(path.name.encode() + b"\0" + read(path) + b"\0")
    return h.hexdigest()


def leads_outside(kb: KnowledgeBase, path: Path, rel) -> bool:
    """True when path (or a folder link on the way to it) resolves outside the base; reported once."""
    if path.resolve().is_relative_to(kb.root):
        return False
    link = next((p for p in [path, *path.parents] if p.is_symlink()), path)
    shown = rel(link)
    if not any(p[0] == shown and p[3] == "unsafe-path" for p in kb.problems):
        kb.problems.append((shown, 1, 1, "unsafe-path",
                            f"{shown} is a link to {os.readlink(link) if link.is_symlink() else link.resolve()}, "
                            "outside the repository", "records must be real files inside the repository", ""))
    return True


def safe_files(kb: KnowledgeBase, folder: Path, suffixes, rel, recursive=True) -> list[str]:
    """Files under folder (absolute paths), refusing links that lead outside the base (the folder itself included)."""
    if not folder.is_dir() or leads_outside(kb, folder, rel):
        return []
    found = []
    _scan(kb, str(folder), suffixes, rel, recursive, found)
    return found


def _scan(kb, folder: str, suffixes, rel, recursive, found) -> None:
    # os.scandir knows from the directory listing which entries are links and folders: no stat per
    # plain file, and plain strings rather than Path objects (a re-check walks 15k of them)
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    subdirs = []
    for entry in entries:
        if entry.is_symlink() and leads_outside(kb, Path(entry.path), rel):
            continue
        if entry.is_dir() and not entry.is_symlink():
            subdirs.append(entry.path)
        elif entry.name.endswith(suffixes) and entry.is_file():
            found.append(entry.path)
    for sub in subdirs if recursive else ():
        _scan(kb, sub, suffixes, rel, recursive, found)


class _Parsing:
    """Records being parsed: cached ones are ready, the others are parsed by `start_parse`."""

    def __init__(self, kb, kinds, cache, rel):
        self.cache, self.entries, misses = cache, {}, []
        for kind, paths in kinds:
            rows = self.entries[kind] = []
            for path in paths:
                shown = rel(path)
                kb.files.append(shown)
                digest, parsed, raw = cache.fetch(kind, shown, path)
                if parsed is None:
                    misses.append((rows, len(rows), kind, shown, raw if raw is not None else _read(path)))
                rows.append([path, shown, parsed, digest])
        self.misses = misses
        self.pending = start_parse([(kind, shown, raw) for _, _, kind, shown, raw in misses])

    def finish(self) -> dict:
        """{kind: [(path, shown, Parsed, sha1)]}, every record parsed and kept in the cache."""
        for (rows, index, _, _, _), parsed in zip(self.misses, self.pending.result()):
            rows[index][2] = parsed
        for kind, rows in self.entries.items():
            for path, shown, parsed, digest in rows:
                self.cache.keep(kind, shown, digest, parsed)
                parsed.origin = (kind, shown, path)
        return self.entries


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


def _loaded(reading, path, shown, parsed, digest, topic=""):
    """The Loaded of one row; the one made for the same row last time (a workspace assembles again and again)."""
    text = reading.texts.get(shown) if reading.texts else None
    known = reading.made.get(shown)
    if known is None or known.parsed is not parsed or known.digest != digest or known.text is not text \
            or known.file != path:
        known = reading.made[shown] = Loaded(parsed, shown, path, topic, digest, text)
    return known


def _load_claims(kb, entries, reading):
    for path, shown, parsed, digest in entries:
        topic = shown.rsplit("/", 1)[0][len("claims/"):] if shown.count("/") > 1 else "."
        _keep_problems(kb, shown, parsed)
        if topic == ".":
            kb.problems.append((shown, 1, 1, "invalid-record", "a claim must live in a topic folder",
                                "move it to claims/<topic>/", ""))
        if parsed.ident is None:
            continue
        loaded = _loaded(reading, path, shown, parsed, digest, topic)
        _expect_name(kb, loaded, parsed.ident, path, "id")
        previous = kb.claims.get(parsed.ident)
        if previous is None:
            kb.claims[parsed.ident] = loaded
        else:
            kb.duplicate_claims.append((previous, loaded))


def _load_records(kb, entries, id_field, table, reading, kind):
    for path, shown, parsed, digest in entries:
        _keep_problems(kb, shown, parsed)
        if parsed.problems:   # claims citing it are told to look here, not that it is missing
            line, col = parsed.problems[0][:2]
            stem = os.path.splitext(os.path.basename(path))[0]
            kb.unreadable.setdefault((kind, stem), (shown, line, col, digest))
        if parsed.ident is None:
            continue
        loaded = _loaded(reading, path, shown, parsed, digest)
        _expect_name(kb, loaded, parsed.ident, path, id_field)
        table.setdefault(parsed.ident, loaded)


def _keep_problems(kb, shown, parsed):
    for line, col, code, message, hint in parsed.problems:
        kb.problems.append((shown, line, col, code, message, hint, ""))


def _expect_name(kb, loaded, ident, path: str, id_field):
    if "/" not in ident and path.endswith((f"/{ident}.yaml", f"/{ident}.yml")):   # the usual case, quickly
        return
    name = os.path.basename(path)
    stem, suffix = os.path.splitext(name)
    if stem != ident:
        line, col = loaded.at(id_field, value=True)
        kb.problems.append((loaded.path, line, col, "invalid-record",
                            f"{id_field} {ident!r} does not match the file name {name!r}",
                            f"rename the file to {ident}{suffix} or set {id_field}: {stem}", ident))


def parse_bib(files):
    result = load_bib_files(files)
    resolve_crossrefs(result)
    return result


def _read_bib(reading, scan, root, rel, cache):
    for path in safe_files(scan, root / "references", (".bib",), rel):
        scan.files.append(rel(path))
        reading.bib_files.append((rel(path), _read(path)))
    reading.bib_digest = bib_digest(reading.bib_files)
    reading.bib = cache.bib(reading.bib_files, parse_bib, reading.bib_digest)
