"""Read one YAML file into plain data, and locate any key or value in it on demand.

PyYAML's C parser composes nodes with line marks; one walk turns them into plain
data, refusing anything unsafe or ambiguous (object tags, aliases, duplicate
keys, non-UTF-8 bytes, tabs) as a problem with a line, never an exception.
Positions are not tabulated for every node: diagnostics are rare, so `locate`
walks the composed nodes (or composes the file again) only when one is needed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import yaml

if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - depends on the wheel
    raise ImportError("PyYAML was built without libyaml; evkb needs yaml.CSafeLoader (10x faster)")

_LOADER = yaml.CSafeLoader
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
MAX_BYTES = 2_000_000
MAX_DEPTH = 40   # the deepest real record is about 5 levels; deeper input is refused before it can recurse
# libyaml's composer recurses in C and crashes the process (not a RecursionError) some 30,000 levels
# deep, so a file with this many openers is first read as a stream of events, which never recurses
NESTING_SCAN = 4000
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class YamlDoc:
    path: str
    data: object = None
    problems: list = field(default_factory=list)  # (line, col, code, message, hint)
    node: object = field(default=None, repr=False)  # the composed root node, for locating

    @property
    def ok(self) -> bool:
        return not self.problems

    def where(self, path: tuple, prefer_key: bool = True) -> tuple[int, int]:
        return locate(self.node, path, prefer_key)


def locate(node, path: tuple, prefer_key: bool = True) -> tuple[int, int]:
    """(line, col) of the key (or value) at path; the nearest existing ancestor when path is absent."""
    if node is None:
        return (1, 1)
    for depth, step in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(step)), None)
            if pair is None:
                break
            if last and prefer_key:
                return _mark(pair[0])
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            break
    return _mark(node)


class _Reject(Exception):
    def __init__(self, line, col, message, hint=""):
        self.line, self.col, self.message, self.hint = line, col, message, hint


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode(raw: bytes, doc: YamlDoc) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append((line, col, "yaml-syntax",
                             f"the file is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                             "save the file as UTF-8"))
        return None


def parse_yaml(path: str, raw: bytes) -> YamlDoc:
    doc = YamlDoc(path)
    if len(raw) > MAX_BYTES:
        doc.problems.append((1, 1, "yaml-syntax", f"the file is {len(raw)} bytes, over the {MAX_BYTES} limit",
                             "split it: a record is one claim or one publication"))
        return doc
    text = decode(raw, doc)
    if text is None:
        return doc
    if not text.strip():
        doc.problems.append((1, 1, "yaml-syntax", "the file is empty", "write the record, or delete the file"))
        return doc
    try:
        alias = _first_alias(text) if "*" in text and "&" in text else None
        if alias:
            doc.problems.append((*alias, "yaml-syntax", "YAML aliases (*name) are not allowed in records",
                                 "write the value out in full"))
            return doc
        deep = _too_deep(text) if _openers(text) > NESTING_SCAN else None
        if deep:
            doc.problems.append((*deep, "yaml-syntax", f"the record is nested more than {MAX_DEPTH} levels deep",
                                 "records are a few levels deep: a mapping of fields, lists of mappings, values"))
            return doc
        node = yaml.compose(text, Loader=_LOADER)
    except RecursionError:
        doc.problems.append((1, 1, "yaml-syntax", "the file is nested too deeply to read",
                             "records are a few levels deep: a mapping of fields, lists of mappings, values"))
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        doc.problems.append((line, col, "yaml-syntax", _syntax_message(exc, text, line), _syntax_hint(text, line)))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append((1, 1, "yaml-syntax", str(exc).splitlines()[0], "check the file's structure"))
        return doc
    if node is None:
        doc.problems.append((1, 1, "yaml-syntax", "the file holds no YAML document", "write the record"))
        return doc
    doc.node = node
    try:
        doc.data = _value(node)
    except _Reject as exc:
        doc.problems.append((exc.line, exc.col, "yaml-syntax", exc.message, exc.hint))
        doc.data = None
    return doc


def _syntax_message(exc, text: str, line: int) -> str:
    problem = exc.problem or exc.context or "invalid YAML"
    if "\t" in _line(text, line) and "tab" not in problem:
        problem += " (the line contains a tab)"
    return f"YAML syntax error: {problem}"


def _syntax_hint(text: str, line: int) -> str:
    if "\t" in _line(text, line):
        return "YAML indentation must use spaces, not tabs"
    return "check indentation, quoting and colons on this line and the one before"


def _line(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _openers(text: str) -> int:
    return text.count("[") + text.count("{") + text.count("- ") + text.count(":") + text.count("?")


def _too_deep(text: str) -> tuple[int, int] | None:
    """Position where the nesting first exceeds MAX_DEPTH, read from parser events."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer reports the syntax error with its position
    return None


def _first_alias(text: str) -> tuple[int, int] | None:
    """Position of the first `*alias`, read from parser events (never expanded, so alias bombs cost nothing)."""
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1, event.start_mark.column + 1
    except yaml.YAMLError:
        return None  # the composer reports the syntax error with its position
    return None


def _reject_tag(node):
    raise _Reject(*_mark(node), f"the YAML tag {node.tag!r} is not allowed in records",
                  "remove the tag, or quote the value: records hold plain mappings, lists and scalars")


def _number(construct):
    """A number as PyYAML reads it, or its text when no finite float can hold it (.nan, .inf, 1e400,
    an integer of thousands of digits): the schema then reports the field, at its line, as not a number."""
    def read(node):
        try:
            value = construct(node)
            return value if math.isfinite(value) else node.value
        except (ValueError, OverflowError):
            return node.value
    return read


_SCALARS = {
    _CORE + "str": lambda n: n.value,
    _CORE + "timestamp": lambda n: n.value,
    _CORE + "null": lambda n: None,
    _CORE + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _CORE + "int": _number(_CONSTRUCTOR.construct_yaml_int),
    _CORE + "float": _number(_CONSTRUCTOR.construct_yaml_float),
}


def _value(node, depth=0):
    kind = node.__class__
    if kind is yaml.ScalarNode:
        return _SCALARS.get(node.tag, _reject_tag)(node)
    if depth > MAX_DEPTH:
        raise _Reject(*_mark(node), f"the record is nested more than {MAX_DEPTH} levels deep",
                      "records are a few levels deep: a mapping of fields, lists of mappings, values")
    if kind is yaml.SequenceNode:
        if node.tag != _CORE + "seq":
            _reject_tag(node)
        return [_value(child, depth + 1) for child in node.value]
    if node.tag != _CORE + "map":
        _reject_tag(node)
    return _mapping(node, depth)


def _mapping(node, depth=0):
    out = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not yaml.ScalarNode:
            raise _Reject(*_mark(key_node), "a mapping key must be a plain scalar")
        key = _SCALARS.get(key_node.tag, _reject_tag)(key_node)
        key = key if isinstance(key, str) else str(key)
        if key in out:
            first = next(k for k, _ in node.value if k.value == key_node.value)
            raise _Reject(*_mark(key_node), f"duplicate key {key!r} (first at line {_mark(first)[0]})",
                          "YAML keeps only the last value of a repeated key: remove one")
        out[key] = _value(value_node, depth + 1)
    return out
