"""The check's diagnostics in the protocol's shape, each with the range of the text it is about.

The engine gives where a diagnostic starts (line and column of a key or value); the range
runs to the end of that YAML scalar in the document's text, or, where none starts there
(a BibTeX entry, a whole file), over the rest of the line.
"""
from __future__ import annotations

from lsprotocol import types

from .text import Text
from .yamltree import compose, token_end

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
SOURCE = "evkb"


def diagnostic_range(text: Text, root, line: int, column: int) -> types.Range:
    """The range of the token a diagnostic at (1-based line, column) points to."""
    start = (max(line - 1, 0), max(column - 1, 0))
    end = token_end(root, start) if root is not None else None
    if end is None or end <= start:
        content = text.line(start[0])
        if start[1] >= len(content.rstrip()):   # nothing at the column: the line's text
            start = (start[0], len(content) - len(content.lstrip()))
        end = (start[0], max(len(content.rstrip()), start[1]))
    return text.client_range(start, end)


def to_lsp(diagnostics: list, text: Text, uri_of) -> list[types.Diagnostic]:
    """The protocol's diagnostics of one file; `uri_of(shown path)` names related files."""
    root = compose(text.source) if any(d.path.endswith((".yaml", ".yml")) for d in diagnostics) else None
    out = []
    for d in diagnostics:
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        related = [types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri_of(r.path), range=_point(r.line, r.column)), message="see also")
            for r in d.related]
        out.append(types.Diagnostic(range=diagnostic_range(text, root, d.location.line, d.location.column),
                                    message=message, severity=SEVERITY.get(d.level), code=d.code, source=SOURCE,
                                    related_information=related or None,
                                    data={"rule": d.rule, "subject": d.subject}))
    return out


def _point(line: int, column: int) -> types.Range:
    at = types.Position(line=max(line - 1, 0), character=max(column - 1, 0))
    return types.Range(start=at, end=at)
