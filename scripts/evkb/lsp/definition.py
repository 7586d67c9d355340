"""Go to definition: where the record the cursor names is defined.

A reference key goes to its BibTeX entry's line, a finding id to the finding's `id` in its
publication's findings file, a media id to its record, a claim id to its file, a term to its
line in the vocabulary file. Positions in a file open in the editor come from its buffer.
"""
from __future__ import annotations

from lsprotocol import types

from .text import Text


def definition(session, target, codec=None) -> types.Location | None:
    if target is None:
        return None
    kb = session.kb
    found = None
    if target.kind == "reference" and target.key in kb.references:
        ref = kb.references[target.key]
        found = (ref.path, ref.line, 1)
    elif target.kind == "finding" and target.ref in kb.findings:
        index = kb.findings_by_id(target.ref).get(target.key, (None, None))[0]
        if index is not None:
            loaded = kb.findings[target.ref]
            found = (loaded.path, *loaded.at("findings", index, "id", value=True))
    elif target.kind in ("media", "claim"):
        loaded = (kb.media if target.kind == "media" else kb.claims).get(target.key)
        if loaded is not None:
            found = (loaded.path, *loaded.at("id", value=True))
    elif target.kind == "term":
        term = kb.vocab.get(target.vocabulary, target.key)
        if term is not None and term.path:
            found = (term.path, term.line, 1)
    if found is None:
        return None
    shown, line, column = found
    text = Text(session.source(shown), codec)
    at = text.client(line - 1, column - 1)
    return types.Location(uri=session.uri(shown), range=types.Range(start=at, end=at))
