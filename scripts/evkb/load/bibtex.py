"""Read every .bib file of a base together, keeping going past bad input.

pybtex parses (strict mode off, errors captured). `@string` macros are gathered
from all files first, so a macro may be defined in a file read later, as in
real bibliographies. pybtex gives no line for duplicate fields or keys, so a
light scan of the text locates entries and fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from collections.abc import MutableMapping

from .yamlnodes import YamlDoc, decode

MACRO_BUDGET = 1_000_000   # characters macros may hand out per file, beyond ten times the file's size
IDENTIFIER_FIELDS = ("doi", "pmid", "pmcid", "isbn", "url")
_ENTRY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]*)", re.M)
_FIELD = re.compile(r"^[ \t]*([A-Za-z][\w:-]*)[ \t]*=", re.M)


@dataclass(frozen=True)
class Reference:
    key: str
    type: str
    fields: dict = field(compare=False, hash=False)       # lower-case field name -> raw value
    authors: tuple = ()                                   # "Last, First" strings
    editors: tuple = ()
    path: str = ""
    line: int = 1
    field_lines: dict = field(default_factory=dict, compare=False, hash=False)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)

    @property
    def year(self) -> str:
        return self.fields.get("year", "")

    @property
    def title(self) -> str:
        return self.fields.get("title", "")


@dataclass
class BibResult:
    references: dict = field(default_factory=dict)   # key -> Reference (first definition wins)
    duplicates: list = field(default_factory=list)   # (Reference kept, Reference repeated)
    problems: list = field(default_factory=list)     # (path, line, col, code, message, hint)
    macros: dict = field(default_factory=dict)
    damaged: dict = field(default_factory=dict)      # key -> (path, start line) of an entry read only in part


def _entry_spans(text: str):
    """(type, key, start line, start offset, end offset) of each entry; an entry ends where the next begins."""
    starts = [(m.group(1).lower(), m.group(2), m.start()) for m in _ENTRY.finditer(text)]
    line, last = 1, 0
    for i, (kind, key, off) in enumerate(starts):
        line += text.count("\n", last, off)  # counted incrementally: linear in the file's size
        last = off
        end = starts[i + 1][2] if i + 1 < len(starts) else len(text)
        yield kind, key, line, off, end


def string_definitions(text: str) -> str:
    """The text of a file's `@string` entries, as they are written (what other files may use)."""
    return "\n".join(text[off:end].strip() for kind, _, _, off, end in _entry_spans(text) if kind == "string")


def _collect_macros(texts: dict, result) -> dict:
    import pybtex.errors
    from pybtex.database.input import bibtex
    parser = bibtex.Parser()
    for shown, text in texts.items():
        snippets = [text[off:end] for kind, _, _, off, end in _entry_spans(text) if kind == "string"]
        if snippets:
            parser.macros = macros = BoundedMacros(_plain(parser.macros), text)
            with pybtex.errors.capture():
                parser.parse_string("\n".join(snippets))
            _report_refused(shown, text, macros, result)
    return _plain(parser.macros)


def _plain(macros) -> dict:
    return macros.plain() if isinstance(macros, BoundedMacros) else {k: macros[k] for k in macros}


def load_bib_files(files: list[tuple[str, bytes]]) -> BibResult:
    """files: (shown path, raw bytes) in reading order."""
    import pybtex.errors
    from pybtex.database.input import bibtex
    pybtex.errors.set_strict_mode(False)
    result, texts = BibResult(), {}
    for shown, raw in files:
        probe = YamlDoc(shown)
        text = decode(raw, probe)
        for line, col, _code, msg, hint in probe.problems:
            result.problems.append((shown, line, col, "invalid-bibtex", msg, hint))
        # After reporting bad bytes, read the rest of the file anyway (they become U+FFFD).
        texts[shown] = text if text is not None else raw.decode("utf-8", errors="replace")
    result.macros = _collect_macros(texts, result)
    for shown, text in texts.items():
        _closed_early(shown, text, result)
        text = _close_unclosed(shown, text, result)
        parser = bibtex.Parser()
        parser.macros = macros = BoundedMacros(result.macros, text)
        with pybtex.errors.capture() as errors:
            data = parser.parse_string(text)
        _report_refused(shown, text, macros, result)
        spans, starts = {}, []
        for kind, key, line, off, end in _entry_spans(text):
            if kind not in ("string", "preamble", "comment"):
                spans.setdefault(key, []).append((line, text[off:end]))
                starts.append((line, key))
        _report_errors(shown, errors, spans, result, text, starts)
        _collect_entries(shown, data, spans, result)
    return result


class BoundedMacros(MutableMapping):
    """`@string` macros, looked up without regard to case as BibTeX does, that hand the parser at most
    a budget of characters in all per file: macros built from macros double at each step
    (`@string{b = a # a}`), the BibTeX form of an alias bomb."""

    def __init__(self, macros: dict, text: str):
        self._values = {k.lower(): v for k, v in macros.items()}
        self._names = {k.lower(): k for k in macros}
        self.left = MACRO_BUDGET + 10 * len(text)
        self.refused: dict = {}   # lower-case name -> name as written

    def __getitem__(self, key):
        value = self._values[key.lower()]
        self.left -= len(value)
        if self.left < 0:
            self.refused.setdefault(key.lower(), key)
            return ""
        return value

    def __setitem__(self, key, value):
        self._values[key.lower()], self._names[key.lower()] = value, key

    def __delitem__(self, key):
        del self._values[key.lower()], self._names[key.lower()]

    def __contains__(self, key):
        return isinstance(key, str) and key.lower() in self._values

    def __iter__(self):
        return iter(self._names.values())

    def __len__(self):
        return len(self._values)

    def plain(self) -> dict:
        return {self._names[k]: v for k, v in self._values.items()}


def _report_refused(shown: str, text: str, macros: BoundedMacros, result) -> None:
    """One problem per file, at the first macro that was not expanded."""
    names = list(macros.refused.values())
    if not names or any(p[0] == shown and p[4].startswith("macro ") and "not expanded" in p[4] for p in result.problems):
        return
    name = names[0]
    m = re.search(rf"^[ \t]*@[ \t]*string[ \t]*[{{(][ \t]*{re.escape(name)}[ \t]*=", text, re.M | re.I) \
        or re.search(rf"(?<![\w{{}}\"]){re.escape(name)}(?![\w])", text, re.I)
    line = text.count("\n", 0, m.start()) + 1 if m else 1
    others = f" (nor {len(names) - 1} more)" if len(names) > 1 else ""
    result.problems.append((shown, line, 1, "invalid-bibtex",
                            f"macro {name!r}{others} was not expanded: this file's @string macros would expand to "
                            f"more than {MACRO_BUDGET:,} characters plus ten times the file's size",
                            "a macro holds a journal or month name: define it as plain text, "
                            "not as copies of other macros"))


def _closed_early(shown: str, text: str, result) -> None:
    """An entry whose braces close before its last field (`year = {2020}}},`): BibTeX reads what follows
    as text between entries, so those fields would be lost without a word."""
    for kind, key, line, off, end in _entry_spans(text):
        body = text[off:end]
        opener = body.find("{")
        if kind in ("comment", "preamble", "string") or opener < 0 or "(" in body[:opener]:
            continue
        depth, close = 0, None
        for i in range(opener, len(body)):
            ch = body[i]
            depth += (ch == "{") - (ch == "}")
            if depth == 0:
                close = i
                break
        lost = _FIELD.search(body, close + 1) if close is not None else None
        if lost is None:
            continue
        at = line + body.count("\n", 0, lost.start())
        result.damaged.setdefault(key, (shown, line))
        result.problems.append((shown, at, 1, "invalid-bibtex",
                                f"entry {key!r} (line {line}) is closed at line {line + body.count(chr(10), 0, close)}, "
                                f"before its field {lost.group(1)!r} at line {at}: the fields after the close are not read",
                                "remove the extra closing brace"))


def _close_unclosed(shown: str, text: str, result) -> str:
    """An entry whose braces do not close before the next entry starts is reported at its own start,
    with its key, and closed in the text handed to the parser (the file is not touched), so the entry
    after it is read as written instead of being swallowed."""
    spans = list(_entry_spans(text))
    pieces, last, changed = [], 0, False
    for i, (kind, key, line, off, end) in enumerate(spans):
        body = text[off:end]
        depth = body.count("{") - body.count("}")
        opener = body.find("{") if "{" in body.split(",", 1)[0] else body.find("(")
        if kind == "comment" or depth <= 0 or i + 1 == len(spans) or body[opener] != "{":
            continue
        nxt = spans[i + 1]
        kept = body.split("\n")
        while kept and (not kept[-1].strip() or kept[-1].lstrip().startswith("%")):
            kept.pop()   # blank and comment lines before the next entry belong to it, not to this one
        content = "\n".join(kept)
        lost = line + content.count("\n")
        result.problems.append((shown, line, 1, "invalid-bibtex",
                                f"entry {key!r} (line {line}) is not closed: {depth} closing brace"
                                f"{'s' if depth > 1 else ''} missing before entry {nxt[1]!r} starts at line {nxt[2]}"
                                f" (the parser lost the entry after line {lost})",
                                f"add the missing }} at the end of {key!r}"))
        cut = off + len(content)
        pieces += [text[last:cut], "}" * depth]
        last, changed = cut, True
    return "".join(pieces) + text[last:] if changed else text


def _entry_at(starts, line):
    """(start line, key) of the entry that holds `line`, or None before the first entry."""
    found = None
    for start, key in starts:
        if start > line:
            break
        found = (start, key)
    return found


def _report_errors(shown, errors, spans, result, source="", starts=()) -> None:
    for err in errors:
        name, text = type(err).__name__, str(err)
        if name == "BibliographyDataError" and "repeated" in text:
            continue  # reported as duplicate-reference-key with both places
        line = getattr(err, "lineno", None) or _quoted_line(source, text)
        if name == "DuplicateField":
            key, fname = _dup_field_parts(text)
            line = _dup_field_line(spans.get(key, []), fname)
            hint = "a field may appear once per entry; BibTeX tools disagree on which copy wins"
        elif name == "UndefinedMacro":
            hint = "define it with @string{NAME = {...}} in any .bib file under references/, or brace the value"
        else:
            hint = "check the braces, commas and quotes of this entry"
            entry = _entry_at(starts, line) if line else None
            if entry is not None:
                result.damaged.setdefault(entry[1], (shown, entry[0]))   # the rest of the entry was skipped
            if entry is not None and entry[1] not in text:
                text = f"in entry {entry[1]!r} (starting at line {entry[0]}): {text}"
        result.problems.append((shown, line or 1, 1, "invalid-bibtex", text.replace("\n", " "), hint))


def _quoted_line(source: str, message: str) -> int | None:
    """The line of the text a line-less pybtex error quotes ("Too many commas in 'Smith, A. ...'")."""
    m = re.search(r"'(.+)'", message)
    quoted = m.group(1) if m else ""
    for size in range(min(len(quoted), 40), 7, -1):
        at = source.find(quoted[:size])
        if at >= 0:
            return source.count("\n", 0, at) + 1
    return None


def _dup_field_parts(text: str) -> tuple[str, str]:
    m = re.search(r"key (\S+) has a duplicate (\S+) field", text)
    return (m.group(1), m.group(2).lower()) if m else ("", "")


def _dup_field_line(occurrences, fname: str) -> int | None:
    for start, body in occurrences:
        seen = 0
        for m in _FIELD.finditer(body):
            if m.group(1).lower() == fname:
                seen += 1
                if seen == 2:
                    return start + body.count("\n", 0, m.start())
    return None


def _collect_entries(shown, data, spans, result) -> None:
    # pybtex keeps one entry per key (the first); the text scan sees every definition.
    for key, entry in data.entries.items():
        occurrences = spans.get(key) or [(1, "")]
        start, body = occurrences[0]
        ref = _reference(shown, key, entry, start, body)
        previous = result.references.get(key)
        if previous is None:
            result.references[key] = ref
        else:
            result.duplicates.append((previous, ref))
        for line, _body in occurrences[1:]:
            result.duplicates.append((ref, Reference(key, entry.type, {}, path=shown, line=line)))


def _reference(shown, key, entry, start, body) -> Reference:
    fields = {k.lower(): str(v) for k, v in entry.fields.items()}
    field_lines, line, last = {}, start, 0
    for m in _FIELD.finditer(body):
        line += body.count("\n", last, m.start())
        last = m.start()
        field_lines.setdefault(m.group(1).lower(), line)
    return Reference(key=key, type=entry.type.lower(), fields=fields,
                     authors=tuple(str(p) for p in entry.persons.get("author", ())),
                     editors=tuple(str(p) for p in entry.persons.get("editor", ())),
                     path=shown, line=start, field_lines=field_lines)


_CROSSREF_RENAMES = {("inproceedings", "title"): "booktitle", ("incollection", "title"): "booktitle",
                     ("inbook", "title"): "booktitle"}


def resolve_crossrefs(result: BibResult) -> None:
    """Children inherit missing fields from their `crossref` parent (BibTeX semantics)."""
    for key, ref in list(result.references.items()):
        parent = result.references.get(ref.fields.get("crossref", ""))
        if parent is None:
            continue
        fields = dict(ref.fields)
        for name, value in parent.fields.items():
            target = _CROSSREF_RENAMES.get((ref.type, name), name)
            if target not in fields and name not in ("crossref",):
                fields[target] = value
        editors = ref.editors or parent.editors
        result.references[key] = Reference(ref.key, ref.type, fields, ref.authors, editors, ref.path,
                                           ref.line, ref.field_lines)
