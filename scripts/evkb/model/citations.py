"""Pandoc citations in Markdown: `[@key]`, `[@key, p. 33]`, `[@a; @b]`, `[-@key]`, found outside code.

Shared by the rule that reports unknown keys (`engine/rules/unknown_citation.py`) and the
site, which turns each citation into a link (`site/pages/cite.py`).
"""
from __future__ import annotations

import re

_KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:.+/-]*[A-Za-z0-9_])?"
_GROUP = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\](?![(\[:])")
_ITEM = re.compile(r"^\s*(?P<prefix>(?:[^@]*\s)?)(?P<suppress>-)?@(?P<key>" + _KEY + r")(?P<rest>.*?)\s*$", re.S)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.S)


def parse_group(inner: str):
    """[(prefix, suppress, key, locator)] or None when the brackets are not a citation."""
    items = []
    for part in inner.split(";"):
        m = _ITEM.match(part)
        if not m:
            return None
        rest = m.group("rest")
        if rest and not re.match(r"^[,\s]", rest):
            return None
        items.append((m.group("prefix").strip(), bool(m.group("suppress")), m.group("key"), rest.lstrip(", ").strip()))
    return items or None


def find_citations(markdown: str):
    """(line number 1-based, column, start, end, items) for each citation group outside code."""
    out, fence, offset = [], None, 0
    for lineno, line in enumerate(markdown.split("\n"), 1):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
        elif m:
            fence = m.group(1)
        elif "@" in line and "[" in line:
            masked = _CODE_SPAN.sub(lambda s: " " * len(s.group(0)), line)
            for g in _GROUP.finditer(masked):
                items = parse_group(g.group(1))
                if items:
                    out.append((lineno, g.start() + 1, offset + g.start(), offset + g.end(), items))
        offset += len(line) + 1
    return out
