"""Completion of reference keys, finding ids, media ids and vocabulary terms.

Read from the line being typed, since a half-written record rarely composes as YAML: the
key the value belongs to is the last `key:` before the cursor on the line (also inside a
flow mapping or list: `{ref: roos, findings: [pfj`), or, for a block list item (`- pfj`), the
key above it that opens the list. A finding id is completed from the findings of the
publication its source names in `ref:`.
"""
from __future__ import annotations

import dataclasses
import re

from lsprotocol import types

from ..model import records as model
from .hover import value_text

_KEY = re.compile(r"([A-Za-z_]+)\s*:\s*(?:\[[^\[\]]*?)?(?:[^\s,\[\]{}:]+\s*,\s*)*([^\s,\[\]{}:]*)$")
_ITEM = re.compile(r"^(\s*)-\s+([^\s,\[\]{}:]*)$")
_OPENS = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+)\s*:\s*$")
_REF = re.compile(r"\bref\s*:\s*([^\s,{}\[\]#]+)")
STOP = " \t,[]{}:"


def vocabulary_fields() -> dict:
    """field name -> vocabulary, over every record class (measure -> measures, unit -> units, ...)."""
    return {f.name: f.metadata["vocab"] for cls in vars(model).values()
            if isinstance(cls, type) and dataclasses.is_dataclass(cls)
            for f in dataclasses.fields(cls) if f.metadata.get("vocab")}


def context(lines: list[str], line0: int, char: int) -> tuple[str, str, int] | None:
    """(the key the value belongs to, the partial word typed, where the word starts) or None."""
    prefix = lines[line0][:char] if line0 < len(lines) else ""
    start = char
    while start > 0 and prefix[start - 1] not in STOP:
        start -= 1
    word = prefix[start:]
    item = _ITEM.match(prefix)
    if item:   # a block list item: the key above that opens the list
        indent = len(item.group(1))
        for above in range(line0 - 1, -1, -1):
            text = lines[above].rstrip("\r")
            depth = len(text) - len(text.lstrip())
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            if depth < indent or (depth == indent and not text.lstrip().startswith("-")):
                m = _OPENS.match(text)
                return (m.group(2), word, start) if m else None
        return None
    m = _KEY.search(prefix)
    return (m.group(1), word, start) if m else None


def enclosing_ref(lines: list[str], line0: int) -> str | None:
    """The `ref:` of the list item (a claim's source) around the line."""
    here = lines[line0] if line0 < len(lines) else ""
    m = _REF.search(here)
    if m:
        return m.group(1)
    indent = len(here) - len(here.lstrip())
    start = line0
    while start >= 0 and not re.match(rf"^\s{{0,{max(indent - 1, 0)}}}-\s", lines[start]):
        start -= 1
    if start < 0:
        return None
    item_indent = len(lines[start]) - len(lines[start].lstrip())
    for i in range(start, len(lines)):
        line = lines[i]
        if i > start and line.strip() and len(line) - len(line.lstrip()) <= item_indent:
            break
        m = _REF.search(line)
        if m:
            return m.group(1)
    return None


def completions(kb, lines: list[str], line0: int, char: int, to_client) -> types.CompletionList | None:
    """to_client(line0, char) -> the client's Position."""
    found = context(lines, line0, char)
    if found is None:
        return None
    key, word, start = found
    if key in ("ref", "actual"):
        items = [(ref.key, types.CompletionItemKind.Reference, _reference_detail(ref)) for ref in kb.references.values()]
    elif key == "findings":
        ref = enclosing_ref(lines, line0)
        by_id = kb.findings_by_id(ref) if ref else {}
        items = [(fid, types.CompletionItemKind.Value, f"{f.measure}, {f.comparison}: {value_text(f)}")
                 for fid, (_, f) in by_id.items()]
    elif key == "media":
        items = [(mid, types.CompletionItemKind.File, loaded.record.title) for mid, loaded in kb.media.items()]
    elif key in _VOCABULARY_FIELDS:
        kind = _VOCABULARY_FIELDS[key]
        items = [(t.id, types.CompletionItemKind.EnumMember, t.name) for t in kb.vocab.terms[kind].values()]
    else:
        return None
    edit_range = types.Range(start=to_client(line0, start), end=to_client(line0, char))
    return types.CompletionList(is_incomplete=False, items=[
        types.CompletionItem(label=label, kind=kind, detail=detail, filter_text=label,
                             text_edit=types.TextEdit(range=edit_range, new_text=label))
        for label, kind, detail in items if _matches(word, label)])


def _matches(word: str, label: str) -> bool:
    """The typed characters appear in the label in order (what fuzzy-matching clients show)."""
    rest = iter(label.lower())
    return all(ch in rest for ch in word.lower())


def _reference_detail(ref) -> str:
    first = ref.authors[0].split(",")[0] if ref.authors else "?"
    return f"{first}{' et al.' if len(ref.authors) > 1 else ''} ({ref.year or 'n.d.'}) {ref.title}"


_VOCABULARY_FIELDS = vocabulary_fields()
