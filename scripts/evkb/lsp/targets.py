"""What the cursor is on: a reference key, a finding id, a media id, a claim id or a vocabulary term.

Read from the buffer's YAML tree and the record model: a claim's `sources[i].ref` and
`seen_in[i].actual[j]` are reference keys, `sources[i].findings[j]` a finding of that
source's publication, `seen_in[i].media` a media record, `related[i]` a claim; any field
the model tags with a vocabulary holds one of its terms. Where the buffer does not compose
(the author is mid-edit), the word under the cursor counts when it is a reference key.
"""
from __future__ import annotations

import dataclasses
import re
import typing
from dataclasses import dataclass

from ..load.buffers import kind_of
from ..load.validate import field_types
from ..model import records as model
from .yamltree import compose, scalar_at, scalar_value

WORD = re.compile(r"[A-Za-z0-9_:.+-]+")


@dataclass(frozen=True)
class Target:
    kind: str            # reference | finding | media | claim | term
    key: str             # the reference key, finding id, media id, claim id or term id
    start: tuple         # 0-based (line, code point) of the scalar in the buffer
    end: tuple
    ref: str = ""        # a finding's publication
    vocabulary: str = ""  # a term's vocabulary (measures, units, ...)


def target_at(kb, shown: str, source: str, pos: tuple) -> Target | None:
    kind = kind_of(shown)
    root = compose(source) if kind in ("claim", "findings", "media") else None
    found = scalar_at(root, pos) if root is not None else None
    if found is None:
        return _word_target(kb, source, pos)
    path, node, is_key = found
    if is_key or not isinstance(node.value, str):
        return None
    at = dict(start=(node.start_mark.line, node.start_mark.column), end=(node.end_mark.line, node.end_mark.column))
    value = node.value
    named = tuple(step for step in path if isinstance(step, str))
    if kind == "claim" and named in (("sources", "ref"), ("seen_in", "actual")):
        return Target("reference", value, **at)
    if kind == "claim" and named == ("sources", "findings"):
        return Target("finding", value, ref=scalar_value(root, path[:2] + ("ref",)) or "", **at)
    if kind == "claim" and named == ("seen_in", "media"):
        return Target("media", value, **at)
    if kind == "claim" and named == ("related",):
        return Target("claim", value, **at)
    if kind == "findings" and path == ("ref",):
        return Target("reference", value, **at)
    vocabulary = vocabulary_of(model.RECORD_KINDS[kind], path)
    if vocabulary:
        return Target("term", value, vocabulary=vocabulary, **at)
    return Target("reference", value, **at) if value in kb.references else None


def vocabulary_of(cls, path: tuple) -> str | None:
    """The vocabulary the model ties the field at path to (indexes skipped), or None."""
    steps = [step for step in path if isinstance(step, str)]
    for i, step in enumerate(steps):
        fields = {f.name: f for f in dataclasses.fields(cls)}
        if step not in fields:
            return None
        if i == len(steps) - 1:
            return fields[step].metadata.get("vocab")
        cls = _inner(field_types(cls)[step])
        if cls is None:
            return None
    return None


def _inner(tp):
    """The dataclass a field's type holds (alone, in a tuple, optional or in a union), or None."""
    if dataclasses.is_dataclass(tp):
        return tp
    for arg in typing.get_args(tp):
        found = _inner(arg) if arg not in (type(None), Ellipsis) else None
        if found is not None:
            return found
    return None


def _word_target(kb, source: str, pos: tuple) -> Target | None:
    lines = source.split("\n")
    line = lines[pos[0]] if 0 <= pos[0] < len(lines) else ""
    for m in WORD.finditer(line):
        if m.start() <= pos[1] <= m.end() and m.group() in kb.references:
            return Target("reference", m.group(), (pos[0], m.start()), (pos[0], m.end()))
    return None
