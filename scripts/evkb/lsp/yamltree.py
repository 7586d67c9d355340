"""Positions in a YAML record: which scalar the cursor is on, and where a diagnostic's token ends.

Works on the node tree PyYAML's C loader composes (`load.kb.composed_text`); positions are
0-based (line, code point) pairs. A buffer the author is half-way through typing may not
compose: callers then fall back to the line's text.
"""
from __future__ import annotations

import yaml

from ..load.kb import composed_text

Pos = tuple[int, int]


def compose(source: str):
    return composed_text(source.encode("utf-8"))


def _start(node) -> Pos:
    return node.start_mark.line, node.start_mark.column


def _end(node) -> Pos:
    return node.end_mark.line, node.end_mark.column


def _holds(node, pos: Pos) -> bool:
    return _start(node) <= pos <= _end(node)


def scalar_at(root, pos: Pos):
    """(path, scalar node, is_key) of the scalar at pos, or None. A key's path ends with its name."""
    node, path = root, ()
    while node is not None:
        if isinstance(node, yaml.ScalarNode):
            return (path, node, False) if _holds(node, pos) else None
        inner = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and _holds(key, pos):
                    return path + (key.value,), key, True
                if _holds(value, pos):
                    inner, path = value, path + (key.value,)
                    break
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                if _holds(item, pos):
                    inner, path = item, path + (i,)
                    break
        node = inner
    return None


def node_at_path(root, path: tuple):
    """The node at a path of keys and indexes, or None."""
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        else:
            return None
    return node


def scalar_value(root, path: tuple) -> str | None:
    node = node_at_path(root, path)
    return node.value if isinstance(node, yaml.ScalarNode) else None


def token_end(root, pos: Pos) -> Pos | None:
    """Where the scalar (key or value) starting at pos ends, or None when none starts there."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if _start(node) > pos or _end(node) < pos:
            continue
        if isinstance(node, yaml.ScalarNode):
            if _start(node) == pos:
                return _end(node)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None
