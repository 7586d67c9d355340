"""Walk a record's fields with their model metadata (for vocabulary and unit checks)."""
from __future__ import annotations

import dataclasses


def vocab_terms(record, path=()):
    """Yield (path, value, vocabulary kind) for every field tagged with a vocabulary."""
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        kind = f.metadata.get("vocab")
        if kind and isinstance(value, str):
            yield path + (f.name,), value, kind
        elif dataclasses.is_dataclass(value):
            yield from vocab_terms(value, path + (f.name,))
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                if dataclasses.is_dataclass(item):
                    yield from vocab_terms(item, path + (f.name, i))


def all_records(kb):
    yield from kb.claims.values()
    yield from kb.findings.values()
    yield from kb.media.values()
