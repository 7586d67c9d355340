"""Walk a record's fields with their model metadata (for vocabulary and unit checks)."""
from __future__ import annotations

import dataclasses
from functools import cache


@cache
def _plan(cls) -> tuple:
    """(field name, vocabulary kind or None) for the fields worth visiting in records of cls."""
    return tuple((f.name, f.metadata.get("vocab")) for f in dataclasses.fields(cls)
                 if f.metadata.get("vocab") or f.type not in ("str", "Optional[str]", "bool", "int", "Optional[int]"))


def vocab_terms(record, path=()):
    """Yield (path, value, vocabulary kind) for every field tagged with a vocabulary."""
    for name, kind in _plan(type(record)):
        value = getattr(record, name)
        if value is None:
            continue
        if kind:
            if isinstance(value, str):
                yield path + (name,), value, kind
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    yield from vocab_terms(item, path + (name, i))
        elif dataclasses.is_dataclass(value):
            yield from vocab_terms(value, path + (name,))


def all_records(kb):
    yield from kb.claims.values()
    yield from kb.findings.values()
    yield from kb.media.values()
