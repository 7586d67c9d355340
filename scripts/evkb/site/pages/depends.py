"""Which records each generated record page reads: after an edit, only the pages that read a
changed record are made again (`make serve`).

A page's inputs are keys `(kind, id)` with kind `claim`, `ref`, `findings` or `media`. A
record counts as changed when its file's bytes, its diagnostics or (for a claim) its verdict
and grade changed, so a page that shows another record's verdict or warnings is made again
with it. The vocabulary, the configuration and the build options reach every page: when
one of them changed, everything is made again. Index, topic, rule and check pages list the
whole base and are always made again.
"""
from __future__ import annotations

from .links import claim_path, media_path, measure_path, reference_path


def page_inputs(site) -> dict[str, frozenset]:
    """docs path -> the records that page reads, for every claim, reference, media and measure page."""
    kb, out = site.kb, {}
    for cid, loaded in kb.claims.items():
        claim = loaded.record
        keys = {("claim", cid)}
        for source in claim.sources:
            keys |= {("ref", source.ref), ("findings", source.ref)}
        for sighting in claim.seen_in:
            keys.add(("media", sighting.media))
            keys |= {("ref", key) for key in sighting.actual}
        others = set(claim.related) | site.related_back.get(cid, set()) | site.conflicts.get(cid, set())
        keys |= {("claim", other) for other in others}
        out[claim_path(cid)] = frozenset(keys)
    for key in kb.references:
        readers = [cid for cid, _ in site.cited_by.get(key, ())] + [cid for cid, _ in site.credited.get(key, ())]
        out[reference_path(key)] = frozenset({("ref", key), ("findings", key)} | {("claim", c) for c in readers})
    for mid in kb.media:
        out[media_path(mid)] = frozenset({("media", mid)} | {("claim", c) for c, _ in site.seen_in.get(mid, ())})
    for measure in site.measures:
        keys = {("claim", c) for c in site.claims_by_measure.get(measure, ())}
        keys |= {("findings", key) for key, _, _ in site.findings_by_measure.get(measure, ())}
        out[measure_path(measure)] = frozenset(keys)
    return out


def changed_records(old, new) -> set | None:
    """The keys of records that differ between two builds' sites; None when every page may differ."""
    if old.kb.vocab_digest != new.kb.vocab_digest or old.options != new.options \
            or old.result.context.config != new.result.context.config:
        return None
    changed: set = set()
    _compare(changed, "claim", old.kb.claims, new.kb.claims, lambda c: (c.digest, c.path, c.topic))
    _compare(changed, "findings", old.kb.findings, new.kb.findings, lambda f: (f.digest, f.path))
    _compare(changed, "media", old.kb.media, new.kb.media, lambda m: (m.digest, m.path))
    _compare(changed, "ref", old.kb.references, new.kb.references,
             lambda r: (r, sorted(r.fields.items()), r.field_lines))
    _compare(changed, "claim", old.assessments, new.assessments, lambda a: a)
    said_before, said_now = _said(old), _said(new)
    for subject in said_before.keys() | said_now.keys():
        if said_before.get(subject) != said_now.get(subject):
            changed |= {(kind, subject) for kind in ("claim", "ref", "findings", "media")}
    return changed


def _compare(changed: set, kind: str, before: dict, after: dict, fingerprint) -> None:
    for key in before.keys() | after.keys():
        if key not in before or key not in after or fingerprint(before[key]) != fingerprint(after[key]):
            changed.add((kind, key))


def _said(site) -> dict:
    return {subject: sorted((d.path, d.location.line, d.location.column, d.code, d.level, d.message, d.hint,
                             d.suppressed_by, tuple((r.path, r.line) for r in d.related)) for d in diags)
            for subject, diags in site.by_subject.items()}


def pages_to_make(old_site, old_inputs: dict, new_site, new_inputs: dict) -> set | None:
    """The record pages to make again after an edit (None: all of them)."""
    changed = changed_records(old_site, new_site)
    if changed is None:
        return None
    return {path for path, keys in new_inputs.items()
            if path not in old_inputs or keys & changed or old_inputs[path] & changed}
