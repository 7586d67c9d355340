"""Validate plain record data against the generated schemas and build model objects."""
from __future__ import annotations

import dataclasses
import difflib
import functools
import typing

from . import model
from .schema import _is_optional, schema_for
from .yamlnodes import YamlDoc


@functools.cache
def validator(kind: str):
    import jsonschema  # imported lazily: a warm check with cached records never needs it
    return jsonschema.Draft202012Validator(schema_for(kind))


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def validate(doc: YamlDoc, kind: str) -> list[tuple[int, int, str, str, str]]:
    """Problems as (line, col, code, message, hint); empty when the record is valid."""
    if not isinstance(doc.data, dict):
        got = type(doc.data).__name__ if doc.data is not None else "nothing"
        return [(1, 1, "invalid-record", f"a {kind} record must be a mapping of fields, got {got}",
                 "see docs/records.md for a complete example")]
    out = []
    for err in validator(kind).iter_errors(doc.data):
        out.extend(_describe(err, doc))
    return sorted(set(out))


def _describe(err, doc: YamlDoc):
    path = tuple(err.absolute_path)
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "the record"
    if err.validator == "additionalProperties":
        allowed = err.schema.get("properties", {})
        for key in sorted(set(err.instance) - set(allowed)):
            line, col = doc.where(path + (key,))
            hint = did_you_mean(key, allowed) or f"allowed fields: {', '.join(allowed)}"
            yield (line, col, "invalid-record", f"unknown field {key!r} in {where}", hint)
        return
    if err.validator == "required":
        line, col = doc.where(path)
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        yield (line, col, "invalid-record", f"missing required field {missing!r} in {where}",
               f"add {missing}: (see docs/records.md)")
        return
    line, col = doc.where(path, prefer_key=False)
    if err.validator == "enum":
        hint = did_you_mean(err.instance, err.validator_value) or \
            f"one of: {', '.join(map(str, err.validator_value))}"
        yield (line, col, "invalid-record", f"{where} is {err.instance!r}, not an allowed value", hint)
    elif err.validator == "pattern":
        yield (line, col, "invalid-record", f"{where} {err.instance!r} does not have the required form",
               f"it must match {err.validator_value}")
    elif err.validator in ("type", "anyOf", "minItems", "maxItems", "minProperties", "maxProperties"):
        expected = err.schema.get("description") or _expected(err)
        yield (line, col, "invalid-record", f"{where} has the wrong type or shape: {err.instance!r}",
               f"expected {expected}")
    else:
        yield (line, col, "invalid-record", f"{where}: {err.message}", "see docs/records.md")


def _expected(err) -> str:
    schema = err.schema
    if "type" in schema:
        return f"a {schema['type']}"
    return "the documented form"


def build(cls, data):
    """Plain (already validated) data -> frozen dataclass instance."""
    hints = typing.get_type_hints(cls, vars(model))
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**kwargs)


def _convert(tp, value):
    _, tp = _is_optional(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return build(tp, value)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return tuple(_convert(args[0], v) for v in value)
    if origin is tuple:
        return tuple(value)
    if origin is typing.Union:
        if isinstance(value, dict):
            return build(next(a for a in args if dataclasses.is_dataclass(a)), value)
        return tuple(value) if isinstance(value, list) else value
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
