"""Read one YAML file into plain data plus the position of every key and value.

PyYAML's C composer gives nodes with line marks; we walk them once, which is
cheaper than constructing objects and keeps positions with the data. Anything
unsafe or ambiguous (object tags, aliases, duplicate keys, non-UTF-8 bytes,
tabs) becomes a problem with a line, never an exception.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml

if not getattr(yaml, "__with_libyaml__", False):  # pragma: no cover - depends on the wheel
    raise ImportError("PyYAML was built without libyaml; evkb needs yaml.CSafeLoader (10x faster)")

_LOADER = yaml.CSafeLoader
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
MAX_BYTES = 2_000_000
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class YamlDoc:
    path: str
    data: object = None
    keys: dict = field(default_factory=dict)    # path tuple -> (line, col) of the key
    values: dict = field(default_factory=dict)  # path tuple -> (line, col) of the value
    problems: list = field(default_factory=list)  # (line, col, code, message, hint)

    @property
    def ok(self) -> bool:
        return not self.problems

    def where(self, path: tuple, prefer_key: bool = True) -> tuple[int, int]:
        """Closest known position for path (walking up to the parent when unknown)."""
        table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
        while True:
            for t in table:
                if path in t:
                    return t[path]
            if not path:
                return (1, 1)
            path = path[:-1]


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
        node = yaml.compose(text, Loader=_LOADER)
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
    try:
        doc.data = _Walker(doc).value(node, ())
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


class _Walker:
    def __init__(self, doc: YamlDoc):
        self.doc = doc
        self.seen: set[int] = set()

    def value(self, node, path):
        if id(node) in self.seen:
            raise _Reject(*_mark(node), "YAML aliases (*name) are not allowed in records",
                          "write the value out in full")
        self.seen.add(id(node))
        self.doc.values[path] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, "seq")
            return [self.value(child, path + (i,)) for i, child in enumerate(node.value)]
        self.check_tag(node, "map")
        return self.mapping(node, path)

    def check_tag(self, node, kind):
        if node.tag != _CORE + kind:
            raise _Reject(*_mark(node), f"the YAML tag {node.tag!r} is not allowed in records",
                          "remove the tag: records hold plain mappings, lists and scalars")

    def scalar(self, node):
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            raise _Reject(*_mark(node), f"the YAML tag {tag!r} is not allowed in records",
                          "remove the tag, or quote the value to make it a string")
        if tag == _CORE + "str" or tag == _CORE + "timestamp":
            return node.value
        if tag == _CORE + "null":
            return None
        if tag == _CORE + "bool":
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag == _CORE + "int":
            return _CONSTRUCTOR.construct_yaml_int(node)
        return _CONSTRUCTOR.construct_yaml_float(node)

    def mapping(self, node, path):
        out = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Reject(*_mark(key_node), "a mapping key must be a plain scalar")
            key = self.scalar(key_node)
            key = key if isinstance(key, str) else str(key)
            if key in out:
                first = self.doc.keys[path + (key,)]
                raise _Reject(*_mark(key_node), f"duplicate key {key!r} (first at line {first[0]})",
                              "YAML keeps only the last value of a repeated key: remove one")
            self.doc.keys[path + (key,)] = _mark(key_node)
            out[key] = self.value(value_node, path + (key,))
        return out
