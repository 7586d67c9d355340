"""Verdicts and grades reused across runs while nothing they depend on changed.

A claim's assessment depends only on its own record, the findings records of the
publications it cites, the vocabulary and the tolerance; the key is built from
the bytes of those files, so any edit to one of them recomputes it.
"""
from __future__ import annotations

from ..assess import Assessment, assess


def _key(kb, loaded, tolerance) -> tuple:
    cited = sorted({s.ref for s in loaded.record.sources})
    return (loaded.digest, kb.vocab_digest, tolerance,
            tuple((ref, kb.findings[ref].digest if ref in kb.findings else "") for ref in cited))


def cached_assessments(kb, tolerance: float, known: dict | None = None) -> dict:
    """Every claim's assessment; `known` holds some already computed in this run with this tolerance."""
    path = _path(kb)
    stored = _read(path) if path else {}
    out, fresh, known = {}, {}, known or {}
    for cid, loaded in kb.claims.items():
        key = _key(kb, loaded, tolerance) if loaded.digest else None
        found = known.get(cid) or (stored.get(key) if key else None)
        out[cid] = found if found is not None else assess(kb, loaded.record, tolerance)
        if key:
            fresh[key] = out[cid]
    if path and fresh.keys() != stored.keys():
        from ...load.speed.cache import write_pickle
        write_pickle(path, fresh)
        _remember(path, fresh)
    return out


def _path(kb):
    if not kb.cache_dir:
        return None
    return kb.cache_dir / f"assessments-{_code_fingerprint()}.pickle"


def _code_fingerprint() -> str:
    """The record cache's fingerprint plus the code that computes assessments."""
    import hashlib
    from ...load.speed.cache import _fingerprint, source_bytes
    blob = _fingerprint().encode() + source_bytes("engine.assess", "model.figures", "model.figure_checks", "model.finding_values",
                                                  "model.effects", "model.units", "model.vocab")
    return hashlib.sha1(blob).hexdigest()[:16]


# the file as last read or written by this process, with its size and time: a long-running
# process (`mkdocs serve`, `evkb lsp`) reads it again only when another process rewrote it
_last: dict = {}


def _stamp(path):
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _remember(path, data: dict) -> None:
    _last.clear()
    stamp = _stamp(path)
    if stamp is not None:
        _last[path] = (stamp, data)


def _read(path) -> dict:
    from ...load.speed.cache import read_pickle
    held = _last.get(path)
    if held is not None and held[0] == _stamp(path):
        return held[1]
    data = read_pickle(path)
    data = data if isinstance(data, dict) and all(isinstance(v, Assessment) for v in data.values()) else {}
    _remember(path, data)
    return data
