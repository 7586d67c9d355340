"""A cache of parsed and validated YAML records.

Each file's entry holds its kind, size, mtime and sha1 besides the parse; a parse
is reused only for the same kind and bytes, and the files are named after the
engine's schema fingerprint, so an edited file, or an engine whose model changed,
never reuses a stale entry.
The cache only speeds things up: deleting it changes no result.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import time
import zlib
from pathlib import Path

from ...model import records as model
from ..parse import Parsed, RecordUnpickler, parse_record
from ...model.schema import schema_for


def _fingerprint() -> str:
    blob = json.dumps({k: schema_for(k) for k in model.RECORD_KINDS}, sort_keys=True).encode()
    blob += source_bytes("load.yamlnodes", "load.validate", "model.records", "load.walk", "load.speed.cache",
                         "load.parse", "load.bibtex")   # the parsed bibliography is cached too
    return hashlib.sha1(blob).hexdigest()[:16]


def source_bytes(*modules: str) -> bytes:
    """The source of evkb modules (names under `evkb.`), without importing them: what a cache's
    fingerprint is made of, so a changed engine never reuses results of the old one."""
    package = Path(__file__).resolve().parents[2]
    blob = b""
    for name in modules:
        path = package.joinpath(*name.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        blob += name.encode() + b"\0" + path.read_bytes() + b"\0"
    return blob


def default_cache_dir(root: Path) -> Path:
    """Outside the repository, so a pull request cannot plant cache entries: $XDG_CACHE_HOME/evkb/<root hash>."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "evkb" / hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]


def read_pickle(path: Path):
    """What the cache wrote at path, or None when it is missing or corrupt (only a slower run)."""
    try:
        with open(path, "rb") as fh:
            return RecordUnpickler(fh).load()
    except Exception:
        return None


def write_pickle(path: Path, data) -> None:
    """Written beside, then renamed: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


SHARDS = 16  # a changed record rewrites one sixteenth of the cache, not all of it
# A file modified this shortly before the run may change again without its mtime changing (the
# filesystem's clock ticks in milliseconds, or in seconds where mtimes are whole seconds).
RACY_NS, RACY_COARSE_NS = 50 * 10**6, 2 * 10**9


def _shard(shown: str) -> int:
    return zlib.crc32(shown.encode()) % SHARDS


class RecordCache:
    """shown path -> (kind, size, mtime_ns, sha1, Parsed), in SHARDS files chosen by path.

    A file whose size and mtime match its entry is not read again (unless it had been modified
    just before that entry was written); one that changed is read and hashed, and its stored
    parse is still reused when the bytes are the same.
    """

    def __init__(self, folder: Path | None):
        self.path = folder / f"records-{_fingerprint()}.pickle" if folder else None
        self.sound: set = set()   # shards read back intact
        self.shards = [self._load_shard(i) if self.path else {} for i in range(SHARDS)]
        self.used = [{} for _ in range(SHARDS)]
        self.dirty: set = set()
        self.started = time.time_ns()
        self.seen: dict = {}      # shown path -> (size, mtime_ns, its valid stored entry or None) in this run

    def _stored(self, shown: str):
        entry = self.shards[_shard(shown)].get(shown)
        return entry if type(entry) is tuple and len(entry) == 5 and isinstance(entry[4], Parsed) else None

    def fetch(self, kind: str, shown: str, path) -> tuple[str, Parsed | None, bytes | None]:
        """(sha1, the stored parse of these bytes or None, the bytes when they had to be read).

        The sha1 is taken from the last run when the file's size and mtime are unchanged.
        """
        st = os.stat(path)
        size, mtime, known = self.seen[shown] = (st.st_size, st.st_mtime_ns, self._stored(shown))
        raw = None
        if known is not None and known[1] == size and known[2] == mtime:
            digest = known[3]
        else:
            with open(path, "rb") as fh:
                raw = fh.read()
            digest = hashlib.sha1(raw).hexdigest()
        parsed = known[4] if known is not None and known[0] == kind and known[3] == digest else None
        return digest, parsed, raw

    def _load_shard(self, shard: int) -> dict:
        entries = read_pickle(self._shard_path(shard))
        ok = isinstance(entries, dict)
        if ok:
            self.sound.add(shard)
        return entries if ok else {}

    def _shard_path(self, shard: int) -> Path:
        return self.path.with_name(f"{self.path.stem}-{shard:02d}.pickle")

    def lookup(self, kind: str, shown: str, digest: str) -> Parsed | None:
        known = self._stored(shown)
        return known[4] if known and known[0] == kind and known[3] == digest else None

    def keep(self, kind: str, shown: str, digest: str, parsed: Parsed) -> None:
        shard = _shard(shown)
        size, mtime, known = self.seen.get(shown) or (-1, -1, self._stored(shown))
        if mtime > self.started - (RACY_COARSE_NS if mtime % 10**9 == 0 else RACY_NS):
            mtime = -1   # as git does for racily clean files: read and hashed again next time
        if known is None or known[4] is not parsed or known[:4] != (kind, size, mtime, digest):
            known = (kind, size, mtime, digest, parsed)
            self.dirty.add(shard)
        self.used[shard][shown] = known

    def get_or_parse(self, kind: str, shown: str, raw: bytes, digest: str) -> Parsed:
        parsed = self.lookup(kind, shown, digest) or parse_record(kind, shown, raw)
        self.keep(kind, shown, digest, parsed)
        return parsed

    def bib(self, files: list[tuple[str, bytes]], parse, digest: str):
        """The parsed bibliography, reused while no .bib file changed (macros span files, so all or nothing)."""
        if not self.path:
            return parse(files)
        path = self.path.with_name(f"bib-{self.path.stem.split('-', 1)[1]}.pickle")
        stored = read_pickle(path)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == digest:
            return stored[1]
        result = parse(files)
        write_pickle(path, (digest, result))
        return result

    def save(self) -> None:
        """Rewrite only the shards whose records changed, appeared or went away."""
        for shard in range(SHARDS) if self.path else ():
            if shard in self.dirty or shard not in self.sound or len(self.used[shard]) != len(self.shards[shard]):
                write_pickle(self._shard_path(shard), self.used[shard])


def bib_digest(files: list[tuple[str, bytes]]) -> str:
    """sha1 over the .bib files' names and bytes, in order."""
    return hashlib.sha1(b"\0".join(name.encode() + b"\0" + raw for name, raw in files)).hexdigest()
