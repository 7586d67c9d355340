"""Per-record rule results, reused across runs while nothing they depend on changed.

A per-record part of a rule (see evkb/rules/__init__.py) sees one record and, through the
base, only the findings records a claim cites, the vocabulary, the set of reference keys
and the set of media ids; a bibliography part sees the .bib files alone. What a record
gives (its hits, what the whole-base parts need of it, its suppressions) is kept under the
record's path with the sha1 of its bytes and of every findings file it cites, and the
whole cache is tied to the enabled rules, every rule option, the vocabulary, the reference
keys, the media ids, the Python version and the engine's source (rule_store.py). An edit
to any of them computes the record again. Levels, per-file ignores and suppressions are
applied afterwards, on every run. The cache only speeds things up: deleting it changes
no result.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .rule_store import RuleStore
from ..rules import RECORD_SCOPES, scope_records


@dataclass
class RecordResults:
    hits: dict = field(default_factory=dict)          # rule name -> its per-record hits, in the base's order
    failed: dict = field(default_factory=dict)        # rule name -> the first exception it raised
    indexes: dict = field(default_factory=dict)       # rule name -> [(Loaded claim, its index_claim value)]
    suppressions: dict = field(default_factory=dict)  # claim id -> rule names it suppresses (non-empty only)


def record_results(ctx, rules) -> RecordResults:
    store, out = RuleStore(ctx, rules), RecordResults()
    for scope, _ in RECORD_SCOPES:
        unit = _Unit(scope, rules)
        records = list(scope_records(ctx.kb, scope)) if unit.parts or scope == "claim" else []
        entries = [store.get(loaded, unit.index_names) for loaded in records]
        _fill(store, unit, ctx, records, entries, out.failed)
        for loaded, entry in zip(records, entries):
            _gather(out, loaded, entry)
    bib = [(rule, rule.module.check_bibliography) for rule in rules if hasattr(rule.module, "check_bibliography")]
    if bib:
        entries = [store.get(None, ())]
        _fill(store, _Unit("bibliography", rules, bib), ctx, [None], entries, out.failed)
        _gather(out, None, entries[0])
    store.save()
    return out


def _fill(store, unit, ctx, records, entries, failed) -> None:
    """Compute the entries the store lacked, in place, and keep those whose rules all ran to the end."""
    missing = [i for i, entry in enumerate(entries) if entry is None]
    if not missing:
        return
    computed, complete = unit.compute(ctx, [records[i] for i in missing], failed)
    for i, entry, ok in zip(missing, computed, complete):
        entries[i] = entry
        if ok:
            store.put(records[i], entry)


def _gather(out: RecordResults, loaded, entry) -> None:
    _, hits, indexes, suppress = entry
    for name, found in hits:
        out.hits.setdefault(name, []).extend(found)
    for name, value in indexes:
        out.indexes.setdefault(name, []).append((loaded, value))
    if suppress:
        out.suppressions[loaded.parsed.ident] = suppress


class _Unit:
    """What is computed for the records of one scope: the rules' parts, and for claims their indexes."""

    def __init__(self, scope: str, rules, parts=None):
        self.scope = scope
        self.parts = parts if parts is not None else [
            (rule, fn) for rule in rules for s, fn in rule.record_parts() if s == scope]
        self.indexers = [(rule, rule.module.index_claim) for rule in rules
                         if scope == "claim" and hasattr(rule.module, "index_claim")]
        self.index_names = tuple(rule.name for rule, _ in self.indexers)

    def compute(self, ctx, batch: list, failed) -> tuple[list, list]:
        """The (cited, hits, indexes, suppressions) of each record of the batch (None: the bibliography),
        computed rule by rule, and for each whether every rule ran to the end."""
        complete = [True] * len(batch)
        hits = _run(ctx, self.parts, batch, failed, complete, hits=True)
        if self.scope != "claim":
            return [((), tuple(h), (), ()) for h in hits], complete
        indexes = _run(ctx, self.indexers, batch, failed, complete, hits=False)
        return [(_cited(ctx.kb, loaded), tuple(h), tuple(v), _suppressed(loaded.record))
                for loaded, h, v in zip(batch, hits, indexes)], complete


def _run(ctx, parts, batch, failed, complete, hits: bool) -> list[list]:
    """For each record, [(rule name, its hits or its index value)]; hits only when there are some."""
    out = [[] for _ in batch]
    args = [() if loaded is None else (loaded,) for loaded in batch]
    for rule, fn in parts:
        ctx.rule = rule
        for i, arg in enumerate(args):
            try:
                value = tuple(fn(ctx, *arg)) if hits else fn(ctx, *arg)
            except Exception as exc:  # reported once per rule by the check; the other rules still run
                failed.setdefault(rule.name, exc)
                complete[i] = False
                continue
            if value or not hits:
                out[i].append((rule.name, value))
    return out


def _cited(kb, loaded) -> tuple:
    """(ref, sha1 of its findings file or "") of every publication the claim cites."""
    findings, unreadable = kb.findings, kb.unreadable
    return tuple([(ref, findings[ref].digest if ref in findings
                   else unreadable[("findings", ref)][3] if ("findings", ref) in unreadable else "")
                  for ref in sorted({s.ref for s in loaded.record.sources})])


def _suppressed(claim) -> tuple:
    return tuple([s.rule for s in claim.suppress]) if claim.suppress else ()
