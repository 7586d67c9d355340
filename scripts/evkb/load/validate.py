"""Validate plain record data against the generated schemas and build model objects."""
from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import typing

from ..model import records as model
from ..model.schema import _is_optional, schema_for
from .yamlnodes import YamlDoc


@functools.cache
def validator(kind: str):
    """The detailed validator: every error with its path, used only for invalid records."""
    import jsonschema  # imported lazily: only invalid records need it
    return jsonschema.Draft7Validator(schema_for(kind), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@functools.cache
def fast_validator(kind: str):
    """The schema compiled to Python by fastjsonschema: a quick yes/no for the common valid case
    (the committed module in `evkb.compiled`, else compiled now)."""
    import importlib
    try:
        return importlib.import_module(f"{__package__}.compiled.{kind}").validate
    except ImportError:
        import fastjsonschema
        return fastjsonschema.compile(schema_for(kind))


def is_valid(kind: str, data) -> bool:
    import fastjsonschema
    try:
        fast_validator(kind)(data)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else ""


def validate(doc: YamlDoc, kind: str) -> list[tuple[int, int, str, str, str]]:
    """Problems as (line, col, code, message, hint); empty when the record is valid."""
    if not isinstance(doc.data, dict):
        got = type(doc.data).__name__ if doc.data is not None else "nothing"
        return [(1, 1, "invalid-record", f"a {kind} record must be a mapping of fields, got {got}",
                 "see docs/records.md for a complete example")]
    if is_valid(kind, doc.data):
        return sorted(set(_form_problems(doc, kind)))
    out = []
    for err in validator(kind).iter_errors(doc.data):
        out.extend(_describe(err, doc))
    return sorted(set(out))


def finding_problem_indexes(data: dict) -> set | None:
    """Indexes of the findings with schema or value-form problems; None when a problem lies outside them."""
    bad = set()
    if not is_valid("findings", data):
        for err in validator("findings").iter_errors(data):
            path = list(err.absolute_path)
            if len(path) < 2 or path[0] != "findings" or not isinstance(path[1], int):
                return None
            bad.add(path[1])
    for i, finding in enumerate(data.get("findings") or ()):
        if not isinstance(finding, dict):
            bad.add(i)
            continue
        forms = [f for f in model.EXCLUSIVE_VALUE_FORMS if finding.get(f) not in (None, [], False)]
        if len(forms) > 1 or (forms and forms[0] in ("value", "range", "arms", "change") and not finding.get("unit")):
            bad.add(i)
    return bad


def _form_problems(doc: YamlDoc, kind: str):
    """Rules the schema does not express: one value form per finding; a figure's value needs a unit."""
    if kind == "findings":
        for i, finding in enumerate(doc.data.get("findings", ())):
            forms = [f for f in model.EXCLUSIVE_VALUE_FORMS if finding.get(f) not in (None, [], False)]
            if len(forms) > 1:
                line, col = doc.where(("findings", i, forms[1]))
                yield (line, col, "invalid-record", f"findings[{i}] has {len(forms)} value forms: {', '.join(forms)}",
                       "a finding reports one value form; record another form as a second finding")
            if forms and forms[0] in ("value", "range", "arms", "change") and not finding.get("unit"):
                line, col = doc.where(("findings", i, forms[0]))
                yield (line, col, "invalid-record", f"findings[{i}] gives a {forms[0]} without a unit",
                       "add unit: (see `evkb vocab units`)")
    if kind == "claim":
        for key in ("figures", "conditions"):
            for i, figure in enumerate(doc.data.get(key, ())):
                if figure.get("value") is not None and not figure.get("unit"):
                    line, col = doc.where((key, i, "value"))
                    yield (line, col, "invalid-record", f"{key}[{i}] has a value but no unit", "add unit:")


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
    elif err.validator == "format" and err.validator_value == "date":
        yield (line, col, "invalid-record", f"{where} {err.instance!r} is not a real calendar date",
               "write YYYY-MM-DD with a month from 01 to 12 and a day that month has")
    elif err.validator == "pattern":
        yield (line, col, "invalid-record", f"{where} {err.instance!r} does not have the required form",
               f"it must match {err.validator_value}")
    elif err.validator in ("type", "anyOf") and _numeric_text(err.instance):
        yield (line, col, "invalid-record", f"{where} is {_short(err.instance)}, not a finite number",
               "write a plain decimal number (YAML reads 1e5 as text: write 1.0e+5); NaN, infinity and "
               "numbers beyond 1.8e308 cannot be compared")
    elif err.validator in ("type", "anyOf", "minItems", "maxItems", "minProperties", "maxProperties"):
        yield (line, col, "invalid-record", f"{where} has the wrong type or shape: {err.instance!r}",
               f"expected {_expected(err)}")
    else:
        yield (line, col, "invalid-record", f"{where}: {err.message}", "see docs/records.md")


_NUMERIC = re.compile(r"^[-+]?(\.?(nan|inf)|[0-9][0-9_,.]*([eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+)$", re.I)


def _short(text: str) -> str:
    return repr(text) if len(text) <= 40 else f"{text[:20]!r}… ({len(text)} characters)"


def _numeric_text(value) -> bool:
    """Text that was meant as a number: .nan, .inf, 1e400, 1e5 (text in YAML 1.1), thousands of digits."""
    return isinstance(value, str) and bool(_NUMERIC.match(value.strip()))


_TYPE_WORDS = {"integer": "a whole number", "number": "a number", "string": "text", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields"}


def _expected(err) -> str:
    """What the field takes: its JSON type in words, then its description (the form, for unions)."""
    schema = err.schema
    description = schema.get("description", "")
    if "type" in schema:
        kind = _TYPE_WORDS.get(schema["type"], f"a {schema['type']}")
        return f"{kind}: {description}" if description else kind
    return description or "the documented form"


def build(cls, data):
    """Plain (already validated) data -> frozen dataclass instance."""
    return _converter(cls)(data)


@functools.cache
def _converter(tp):
    """A function turning validated plain data into the model type `tp` (built once per type)."""
    _, tp = _is_optional(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp, vars(model))
        fields = {f.name: _converter(hints[f.name]) for f in dataclasses.fields(tp)}
        return lambda data: tp(**{k: fields[k](v) for k, v in data.items()})
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _converter(args[0])
        return lambda value: tuple(item(v) for v in value)
    if origin is tuple:
        return tuple
    if origin is typing.Union:
        bound = _converter(next(a for a in args if dataclasses.is_dataclass(a)))
        return lambda v: bound(v) if isinstance(v, dict) else tuple(v) if isinstance(v, list) else v
    if tp is float:
        return lambda v: float(v) if isinstance(v, int) and not isinstance(v, bool) else v
    return _identity


def _identity(value):
    return value


@functools.cache
def field_types(cls) -> dict:
    """Resolved type hints of a model class, by field name."""
    return typing.get_type_hints(cls, vars(model))
