"""Where per-record rule results are kept between runs (see rule_cache.py for what they are).

SHARDS files chosen by path, so a re-check after one edit rewrites one of them. Each holds
{"base": sha1 of what every result depends on, "findings": sha1 of every findings file's
sha1, "entries": {path: (file sha1, cited, hits, indexes, suppressions)}}; the
bibliography's entry is kept under BIBLIOGRAPHY with the .bib files' sha1. File names
carry the engine's source fingerprint, and files are read with the cache's restricted
unpickler.
"""
from __future__ import annotations

import hashlib
import sys
import zlib
from functools import cache
from pathlib import Path

from ..rules import Hit, all_rules

SHARDS = 16
BIBLIOGRAPHY = "\0bibliography"   # no file's path


def _shard(name: str) -> int:
    return zlib.crc32(name.encode()) % SHARDS


class RuleStore:
    def __init__(self, ctx, rules):
        kb = ctx.kb
        self.kb = kb
        self.path = kb.cache_dir / f"rule-hits-{_code_fingerprint()}.pickle" if kb.cache_dir else None
        self.base = hashlib.sha1(_base_material(ctx, rules)).hexdigest()
        self.findings = _findings_state(kb)
        data = [_read(self._shard_path(i), self.base) if self.path else {} for i in range(SHARDS)]
        self.stored = [d.get("entries", {}) for d in data]
        # every entry was checked against the findings files of the run that wrote it
        self.same_findings = [d.get("findings") == self.findings for d in data]
        self.fresh = [{} for _ in range(SHARDS)]

    def _shard_path(self, shard: int) -> Path:
        return self.path.with_name(f"{self.path.stem}-{shard:02d}.pickle")

    def _name(self, loaded) -> tuple[str, str]:
        return (BIBLIOGRAPHY, self.kb.bib_digest) if loaded is None else (loaded.path, loaded.digest)

    def get(self, loaded, indexes: tuple):
        """(cited, hits, indexes, suppressions) kept for the record (None: the bibliography), or None.

        `indexes` names the rules whose index values a usable entry holds, in order."""
        name, digest = self._name(loaded)
        shard = _shard(name)
        entry = self.stored[shard].get(name)
        if type(entry) is not tuple or len(entry) != 5 or entry[0] != digest or not self._usable(entry, shard, indexes):
            return None
        self.fresh[shard][name] = entry
        return entry[1:]

    def _usable(self, entry, shard: int, indexes: tuple) -> bool:
        """The shape the cache writes, and the cited findings files unchanged (else computed again)."""
        findings = self.kb.findings
        _, cited, hits, values, suppress = entry
        try:
            if not (type(cited) is tuple and type(hits) is tuple and type(suppress) is tuple
                    and tuple(name for name, _ in values) == indexes):
                return False
            for ref, digest in () if self.same_findings[shard] else cited:
                if (findings[ref].digest if ref in findings else "") != digest:
                    return False
            return all(isinstance(s, str) for s in suppress) and (
                not hits or all(isinstance(hit, Hit) for _, found in hits for hit in found))
        except (TypeError, ValueError):
            return False

    def put(self, loaded, entry: tuple) -> None:
        name, digest = self._name(loaded)
        self.fresh[_shard(name)][name] = (digest, *entry)

    def save(self) -> None:
        """Rewrite the shards whose entries changed (all of them after a findings file changed)."""
        for shard in range(SHARDS) if self.path else ():
            if self.fresh[shard] != self.stored[shard] or not self.same_findings[shard]:
                _write(self._shard_path(shard), {"base": self.base, "findings": self.findings, "entries": self.fresh[shard]})


def _base_material(ctx, rules) -> bytes:
    """What every record's result depends on: rules, options, vocabulary, reference keys, media ids."""
    kb, config = ctx.kb, ctx.config
    options = [(r.name, sorted((name, repr(config.option(r, name))) for name in r.options)) for r in all_rules()]
    parts = [sys.version, repr([r.name for r in rules]), repr(options), kb.vocab_digest,
             "\0".join(kb.references), "\0".join(kb.media),
             "\0".join(f"{kind}/{stem}/{v[3]}" for (kind, stem), v in sorted(kb.unreadable.items()) if kind == "media")]
    return "\n\0\n".join(parts).encode()


def _findings_state(kb) -> str:
    return hashlib.sha1("\0".join(f"{ref}\0{loaded.digest}" for ref, loaded in kb.findings.items()).encode()).hexdigest()


# A process that checks again and again (the language server) keeps the shards it last read or
# wrote, with the file's identity: one that no other process replaced is not unpickled again.
_KEPT: dict = {}   # path -> ((inode, size, mtime), shard)


def _identity(path: Path):
    try:
        st = path.stat()
        return st.st_ino, st.st_size, st.st_mtime_ns
    except OSError:
        return None


def _read(path: Path, base: str) -> dict:
    from ...load.speed.cache import read_pickle
    identity = _identity(path)
    kept = _KEPT.get(path)
    data = kept[1] if kept is not None and identity is not None and kept[0] == identity else read_pickle(path)
    ok = isinstance(data, dict) and data.get("base") == base and isinstance(data.get("entries"), dict)
    if ok and identity is not None:
        _KEPT[path] = (identity, data)
    return data if ok else {}


def _write(path: Path, data: dict) -> None:
    from ...load.speed.cache import write_pickle
    write_pickle(path, data)
    identity = _identity(path)
    if identity is not None:
        _KEPT[path] = (identity, data)


@cache
def _code_fingerprint() -> str:
    """The engine's source (every module the rules can reach), so a new evkb never reuses old hits."""
    package = Path(__file__).resolve().parents[2]
    h = hashlib.sha1()
    for stage in ("model", "load", "engine"):
        for path in sorted((package / stage).rglob("*.py")):
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]
