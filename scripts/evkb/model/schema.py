"""JSON Schemas (draft-07, which editors and fast validators support best) generated from the model.

`schema_for(Claim)` walks the dataclass fields and their type hints; nothing here
names a field, so the model stays the single source of truth.
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import types
import typing

from . import records as model

SCHEMA_BASE = "https://evkb.invalid/schemas/"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _is_optional(tp) -> tuple[bool, object]:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        rest = tuple(a for a in args if a is not type(None))
        return True, rest[0] if len(rest) == 1 else typing.Union[rest]
    return False, tp


def type_schema(tp, defs: dict) -> dict:
    _, tp = _is_optional(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [type_schema(a, defs) for a in args]}
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return {"type": "array", "items": type_schema(args[0], defs)}
    if origin is tuple:
        return {"type": "array", "items": [type_schema(a, defs) for a in args], "additionalItems": False,
                "minItems": len(args), "maxItems": len(args)}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = object_schema(tp, defs)
        return {"$ref": f"#/definitions/{name}"}
    raise TypeError(f"no JSON Schema mapping for {tp!r}")


def object_schema(cls, defs: dict) -> dict:
    hints = typing.get_type_hints(cls, vars(model))
    props, required = {}, []
    for f in dataclasses.fields(cls):
        prop = dict(type_schema(hints[f.name], defs))
        meta = f.metadata
        if "doc" in meta:
            prop["description"] = meta["doc"]
        for key in ("pattern", "minimum"):
            if key in meta:
                _attach(prop, key, meta[key])
        if meta.get("format") == "date":
            prop["pattern"] = DATE_PATTERN
            prop["format"] = "date"   # a real calendar date: validators check it (2026-02-30 fails)
        if "vocab" in meta:
            prop["x-vocabulary"] = meta["vocab"]
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
        props[f.name] = prop
    out = {"type": "object", "description": (cls.__doc__ or "").strip().splitlines()[0],
           "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    if cls is model.Bound:
        out["minProperties"] = out["maxProperties"] = 1
    return out


def _attach(prop: dict, key: str, value) -> None:
    if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
        prop["items"] = {**prop["items"], key: value}
    else:
        prop[key] = value


def schema_for(kind: str) -> dict:
    """A fresh copy each call: callers may change what they get without changing the model's schema."""
    return copy.deepcopy(_schema_for(kind))


@functools.cache
def _schema_for(kind: str) -> dict:
    cls = model.RECORD_KINDS[kind]
    defs: dict = {}
    root = object_schema(cls, defs)
    return {"$schema": "http://json-schema.org/draft-07/schema#",
            "$id": f"{SCHEMA_BASE}{kind}.schema.json", "title": cls.__name__, **root, "definitions": defs}


def field_names(kind_or_cls) -> list[str]:
    cls = model.RECORD_KINDS.get(kind_or_cls, kind_or_cls) if isinstance(kind_or_cls, str) else kind_or_cls
    return [f.name for f in dataclasses.fields(cls)]
