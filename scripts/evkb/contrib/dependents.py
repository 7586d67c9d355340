"""Which records a change reaches, so a gate reports what the change caused, not only where it was made.

A changed file defines identifiers (reference keys, finding ids, media ids, vocabulary terms,
claim ids), read from its text before and after the change. A record depends on a changed
file when it uses one of the identifiers that file defined on either side: a claim citing
a renamed finding, a deleted reference or a changed term is reported with the change that
broke it. For vocabulary files only the terms whose definition changed count, since every
record uses some term. The reverse holds too: a changed claim reaches what it cites (a
reference it no longer cites may become unused).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

BIB_KEY = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]+)\s*,")
VOCAB_KINDS = ("measures", "comparisons", "populations", "activities", "designs", "units")


@dataclass
class Reach:
    """Who depends on a change: record path -> the changed file it depends on; subjects likewise."""
    paths: dict = field(default_factory=dict)
    subjects: dict = field(default_factory=dict)

    def cause(self, d, changed: set) -> str | None:
        """The changed file a diagnostic is caused by ("" when it is in a changed file), or None."""
        if d.path in changed or any(r.path in changed for r in d.related):
            return ""
        return self.paths.get(d.path) or self.subjects.get(d.subject)


def _yaml(text: str | None):
    if not text:
        return None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def defined(path: str, text: str | None) -> dict:
    """identifier -> a fingerprint of its definition, for what the file at `path` defines in `text`."""
    if text is None:
        return {}
    if path.endswith(".bib"):
        return {("ref", key): "" for kind, key in BIB_KEY.findall(text) if kind.lower() not in ("string", "preamble", "comment")}
    data = _yaml(text)
    parts = path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if "vocabulary" in parts and stem in VOCAB_KINDS:
        if not isinstance(data, dict):
            return {}
        return {("term", stem, str(tid)): json.dumps(spec, sort_keys=True, default=str) for tid, spec in data.items()}
    if "findings" in parts:
        out = {("ref", stem): ""}
        for f in (data or {}).get("findings") or () if isinstance(data, dict) else ():
            if isinstance(f, dict) and "id" in f:
                out[("finding", stem, str(f["id"]))] = json.dumps(f, sort_keys=True, default=str)
        return out
    if "media" in parts:
        ident = data.get("id") if isinstance(data, dict) else None
        return {("media", str(ident or stem)): ""}
    if parts[0] == "claims":
        ident = data.get("id") if isinstance(data, dict) else None
        return {("claim", str(ident or stem)): ""}
    return {}


def changed_ids(path: str, old: str | None, new: str | None) -> set:
    before, after = defined(path, old), defined(path, new)
    if "/vocabulary/" in f"/{path}":
        return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    return set(before) | set(after)


def claim_uses(claim) -> set:
    uses = {("term", "populations", claim.population), ("term", "activities", claim.activity)}
    for s in claim.sources:
        uses.add(("ref", s.ref))
        uses.update(("finding", s.ref, fid) for fid in s.findings)
    for seen in claim.seen_in:
        uses.add(("media", seen.media))
        uses.update(("ref", a) for a in seen.actual)
    for f in claim.figures:
        uses.update({("term", "measures", f.measure), ("term", "comparisons", f.comparison)})
        if f.unit:
            uses.add(("term", "units", f.unit))
    uses.update(("term", "units", c.unit) for c in claim.conditions)
    uses.update(("claim", r) for r in claim.related)
    return uses


def findings_uses(rec) -> set:
    uses = {("ref", rec.ref), ("term", "designs", rec.design), ("term", "populations", rec.population),
            ("term", "activities", rec.activity)}
    for f in rec.findings:
        uses.update({("term", "measures", f.measure), ("term", "comparisons", f.comparison)})
        uses.update(("term", kind, v) for kind, v in (("units", f.unit), ("populations", f.population),
                                                      ("activities", f.activity)) if v)
        if f.derived is not None:
            uses.add(("term", "units", f.derived.unit))
    return uses


def reach(kb, changes: dict) -> Reach:
    """`changes`: changed path -> the identifiers it changed. Returns who depends on them."""
    cause = {ident: path for path, ids in sorted(changes.items()) for ident in ids}
    out = Reach()
    if not cause:
        return out
    for cid, loaded in kb.claims.items():
        if loaded.path in changes:
            for ident in claim_uses(loaded.record):   # what a changed claim cites is reached too
                if ident[0] in ("ref", "media"):
                    out.subjects.setdefault(ident[1], loaded.path)
            continue
        hit = next((cause[i] for i in claim_uses(loaded.record) if i in cause), None)
        if hit:
            out.paths[loaded.path] = hit
            out.subjects.setdefault(cid, hit)
    for key, loaded in kb.findings.items():
        if loaded.path in changes:
            continue
        hit = next((cause[i] for i in findings_uses(loaded.record) if i in cause), None)
        if hit:
            out.paths[loaded.path] = hit
    return out


def identity(d) -> tuple:
    return (d.path, d.code, d.subject, d.message)


def caused(result, changes: dict, before: set | None = None) -> list:
    """The diagnostics a change caused: those in the changed files, and those of the records that
    depend on them, marked with the change they follow from. With `before` (the identities of the
    diagnostics the base had before the change), a dependent's diagnostic it already had is left out."""
    r = reach(result.kb, changes)
    changed, out = set(changes), []
    for d in result.diagnostics:
        cause = r.cause(d, changed)
        if cause is None or (cause and before is not None and identity(d) in before):
            continue
        out.append(d if cause == "" else replace(d, message=f"{d.message} (caused by your change to {cause})",
                                                 caused_by=cause))
    return out


def changes_in(root: Path, paths, old_text) -> dict:
    """changed path -> changed identifiers; `old_text(path)` gives a file's text before the change."""
    out = {}
    for path in paths:
        file = root / path
        new = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else None
        out[path] = changed_ids(path, old_text(path), new)
    return out
