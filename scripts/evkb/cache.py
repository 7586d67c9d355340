"""A content-keyed cache of parsed and validated YAML records.

Keyed by (record kind, sha1 of the bytes, engine schema fingerprint), so an
edited file, or an engine whose model changed, never reuses a stale entry.
The cache only speeds things up: deleting it changes no result.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .schema import schema_for


@dataclass
class Parsed:
    record: object = None
    problems: list = field(default_factory=list)
    terms: tuple = ()   # (path, value, vocabulary) of every controlled term, found once at parse time


def _fingerprint() -> str:
    blob = json.dumps({k: schema_for(k) for k in model.RECORD_KINDS}, sort_keys=True).encode()
    here = Path(__file__).parent
    for name in ("yamlnodes.py", "validate.py", "model.py"):
        blob += (here / name).read_bytes()
    return hashlib.sha1(blob).hexdigest()[:16]


class _RecordUnpickler(pickle.Unpickler):
    """Loads only what the cache writes: Parsed and the record model's classes.

    The cache folder may sit inside a repository a pull request can write to, so the
    file is not trusted to name arbitrary callables (plain pickle.load would run them).
    """
    ALLOWED = {"evkb.bibtex": ("BibResult", "Reference"), "evkb.assess": ("Assessment",),
               "evkb.figures": ("Mismatch", "Comparable")}

    def find_class(self, module, name):
        if name in self.ALLOWED.get(module, ()):
            import importlib
            return getattr(importlib.import_module(module), name)
        if (module, name) == (__name__, "Parsed") or (
                module == model.__name__ and isinstance(getattr(model, name, None), type)):
            return getattr(model, name) if module == model.__name__ else Parsed
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the record cache")


def default_cache_dir(root: Path) -> Path:
    """Outside the repository, so a pull request cannot plant cache entries: $XDG_CACHE_HOME/evkb/<root hash>."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "evkb" / hashlib.sha1(str(root.resolve()).encode()).hexdigest()[:16]


def read_pickle(path: Path):
    """What the cache wrote at path, or None when it is missing or corrupt (only a slower run)."""
    try:
        with open(path, "rb") as fh:
            return _RecordUnpickler(fh).load()
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


def _shard(key) -> int:
    return int(key[2][:4], 16) % SHARDS


class RecordCache:
    def __init__(self, folder: Path | None):
        self.path = folder / f"records-{_fingerprint()}.pickle" if folder else None
        self.entries: dict = {}
        self.used: dict = {}
        self.sound: set = set()   # shards read back intact
        for shard in range(SHARDS) if self.path else ():
            self.entries.update(self._load_shard(shard))
        self.stats = self._load_stats() if self.path else {}   # shown path -> (size, mtime_ns, sha1)
        self.new_stats: dict = {}

    def _stats_path(self) -> Path:
        return self.path.with_name(f"stats-{self.path.stem.split('-', 1)[1]}.pickle")

    def _load_stats(self) -> dict:
        stats = read_pickle(self._stats_path())
        return stats if isinstance(stats, dict) else {}

    def digest(self, shown: str, path: Path) -> tuple[str, bytes | None]:
        """The file's sha1, taken from the last run when its size and mtime are unchanged (raw is then None)."""
        st = os.stat(path)
        known = self.stats.get(shown)
        if known and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            self.new_stats[shown] = known
            return known[2], None
        raw = path.read_bytes()
        digest = hashlib.sha1(raw).hexdigest()
        self.new_stats[shown] = (st.st_size, st.st_mtime_ns, digest)
        return digest, raw

    def _shard_path(self, shard: int) -> Path:
        return self.path.with_name(f"{self.path.stem}-{shard:02d}.pickle")

    def _load_shard(self, shard: int) -> dict:
        entries = read_pickle(self._shard_path(shard))
        ok = isinstance(entries, dict) and all(isinstance(v, Parsed) and _shard(k) == shard for k, v in entries.items())
        if ok:
            self.sound.add(shard)
        return entries if ok else {}

    def lookup(self, key) -> Parsed | None:
        return self.entries.get(key)

    def keep(self, key, parsed: Parsed) -> None:
        self.used[key] = parsed

    def get_or_parse(self, kind: str, shown: str, raw: bytes, digest: str) -> Parsed:
        key = (kind, shown, digest)
        parsed = self.lookup(key) or parse_record(kind, shown, raw)
        self.keep(key, parsed)
        return parsed

    def bib(self, files: list[tuple[str, bytes]], parse):
        """The parsed bibliography, reused while no .bib file changed (macros span files, so all or nothing)."""
        if not self.path:
            return parse(files)
        digest = hashlib.sha1(b"\0".join(name.encode() + b"\0" + raw for name, raw in files)).hexdigest()
        path = self.path.with_name(f"bib-{self.path.stem.split('-', 1)[1]}.pickle")
        stored = read_pickle(path)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == digest:
            return stored[1]
        result = parse(files)
        write_pickle(path, (digest, result))
        return result

    def save(self) -> None:
        """Rewrite only the shards whose set of records changed."""
        if not self.path:
            return
        if self.new_stats != self.stats:
            write_pickle(self._stats_path(), self.new_stats)
        old, new = _by_shard(self.entries), _by_shard(self.used)
        for shard in range(SHARDS):
            if shard not in self.sound or new.get(shard, {}).keys() != old.get(shard, {}).keys():
                write_pickle(self._shard_path(shard), new.get(shard, {}))


def _by_shard(entries: dict) -> dict:
    out: dict = {}
    for key, value in entries.items():
        out.setdefault(_shard(key), {})[key] = value
    return out


def parse_record(kind: str, shown: str, raw: bytes) -> Parsed:
    from .validate import build, validate
    from .yamlnodes import parse_yaml
    doc = parse_yaml(shown, raw)
    parsed = Parsed(problems=list(doc.problems))
    if doc.problems:
        return parsed
    problems = validate(doc, kind)
    parsed.problems.extend(problems)
    if not problems:
        parsed.record = build(model.RECORD_KINDS[kind], doc.data)
        from .walk import vocab_terms
        parsed.terms = tuple(vocab_terms(parsed.record))
    return parsed
