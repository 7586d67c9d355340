"""Walk a record's fields with their model metadata (for vocabulary and unit checks)."""
from __future__ import annotations

import dataclasses
import typing
from functools import cache


@cache
def _plan(cls) -> tuple:
    """(field name, how to visit it, vocabulary kind) for the fields that can hold vocabulary terms."""
    from .validate import field_types
    plan = []
    for f in dataclasses.fields(cls):
        kind = f.metadata.get("vocab")
        inner = _dataclass_in(field_types(cls)[f.name])
        if kind:
            plan.append((f.name, "term", kind))
        elif inner and _plan(inner[1]):
            plan.append((f.name, inner[0], None))
    return tuple(plan)


def _dataclass_in(tp):
    """("one" | "many", dataclass) when the type is, or is a tuple of, a dataclass (optional or not)."""
    args = typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return "one", tp
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        found = _dataclass_in(args[0])
        return ("many", found[1]) if found and found[0] == "one" else None
    for arg in args:
        found = _dataclass_in(arg) if arg is not type(None) else None
        if found:
            return found
    return None


def vocab_terms(record, path=()):
    """Yield (path, value, vocabulary kind) for every field tagged with a vocabulary."""
    for name, how, kind in _plan(type(record)):
        value = getattr(record, name)
        if value is None:
            continue
        if how == "term":
            if isinstance(value, str):
                yield path + (name,), value, kind
        elif how == "many":
            for i, item in enumerate(value):
                yield from vocab_terms(item, path + (name, i))
        elif dataclasses.is_dataclass(value):
            yield from vocab_terms(value, path + (name,))


def all_records(kb):
    yield from kb.claims.values()
    yield from kb.findings.values()
    yield from kb.media.values()
