"""Run every enabled rule over a loaded base and collect diagnostics (never raises mid-run)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain

from .config import Config
from .diagnostics import Diagnostic, Location
from ..load.speed.nogc import paused_gc
from .speed.rule_cache import record_results
from .rules import Hit, all_rules, find


@dataclass
class Context:
    kb: object
    config: Config
    rule: object = None
    memo: dict = field(default_factory=dict)     # results shared by several rules, computed once
    indexes: dict = field(default_factory=dict)  # rule name -> [(Loaded claim, what its whole-base part needs)]

    def claim_index(self, name: str) -> list:
        """[(Loaded claim, value)] of the rule's index_claim over every claim, in the base's order."""
        if name not in self.indexes:
            index_claim = find(name).module.index_claim
            self.indexes[name] = [(loaded, index_claim(self, loaded)) for loaded in self.kb.claims.values()]
        return self.indexes[name]

    @cached_property
    def suppressions(self) -> dict:
        """claim id -> the rules it suppresses, for the claims that suppress something."""
        return {cid: rules for cid, loaded in self.kb.claims.items()
                if (rules := tuple(s.rule for s in loaded.record.suppress))}

    def shared(self, key, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def option(self, name: str):
        return self.config.option(self.rule, name)

    @cached_property
    def tolerance(self) -> float:
        """figure-mismatch's tolerance: verdicts and grades use it whichever rules run."""
        rule = find("figure-mismatch")
        return self.config.option(rule, "tolerance") if rule else 0.10

    def assessment(self, claim_id: str):
        """One claim's verdict and grade, computed alone unless all of them already were."""
        known = self._assessed
        found = known.get(claim_id)
        if found is None:
            from .assess import assess
            found = known[claim_id] = assess(self.kb, self.kb.claims[claim_id].record, self.tolerance)
        return found

    @cached_property
    def _assessed(self) -> dict:
        return {}

    @cached_property
    def assessments(self) -> dict:
        from .speed.assess_cache import cached_assessments
        self._assessed = cached_assessments(self.kb, self.tolerance, self._assessed)
        return self._assessed


@dataclass
class CheckResult:
    kb: object
    diagnostics: list
    suppressed: list = field(default_factory=list)
    context: Context = None

    def count(self, level: str) -> int:
        return sum(1 for d in self.diagnostics if d.level == level)

    @property
    def assessments(self) -> dict:
        return self.context.assessments

    def for_subject(self, subject: str) -> list:
        if getattr(self, "_indexed", None) is not self.diagnostics:  # rebuilt if the list was replaced
            self._indexed, self._index = self.diagnostics, {}
            for d in self.diagnostics:
                self._index.setdefault(d.subject, []).append(d)
        return self._index.get(subject, [])


def run_check(kb, config: Config) -> CheckResult:
    with paused_gc():
        return _run_check(kb, config)


def _run_check(kb, config: Config) -> CheckResult:
    ctx = Context(kb, config)
    rules = [r for r in all_rules() if config.enabled(r) and r.name != "unused-suppression"]
    per_record = record_results(ctx, rules)
    ctx.indexes, ctx.suppressions = per_record.indexes, per_record.suppressions
    raw = []
    for rule in rules:
        ctx.rule = rule
        hits = chain(per_record.hits.get(rule.name, ()), _guarded(rule, ctx, per_record.failed.get(rule.name)))
        raw.extend(_diagnostic(rule, hit, config) for hit in hits if not config.ignored_for(rule, hit.path))
    kept, suppressed, used = _apply_suppressions(kb, raw, ctx.suppressions)
    unused = find("unused-suppression")
    if unused and config.enabled(unused):
        ctx.rule = unused
        kept.extend(_diagnostic(unused, hit, config) for hit in unused.module.check(ctx, used))
    kept.sort(key=Diagnostic.sort_key)
    return CheckResult(kb, kept, suppressed, ctx)


def _guarded(rule, ctx, failure=None):
    """The rule's whole-base part. A rule that crashes becomes one located error; the other rules still run."""
    if failure is None:
        try:
            yield from rule.base_check(ctx)
        except Exception as exc:  # a bug in a rule must not hide every other diagnostic
            failure = exc
    if failure is not None:
        yield Hit("pyproject.toml", 1, 1, f"rule {rule.name} failed: {type(failure).__name__}: {failure}",
                  "this is a bug in evkb; please report it with the record that triggers it", claim_kind="assertion")


def _diagnostic(rule, hit, config) -> Diagnostic:
    return Diagnostic(Location(hit.path, hit.line, hit.column), rule.code, rule.name,
                      config.level(rule, hit.claim_kind), hit.message, hit.hint, tuple(hit.related), hit.subject)


def _apply_suppressions(kb, diagnostics, suppressions):
    """Split off diagnostics a claim suppressed for itself; return which suppressions were used."""
    kept, suppressed, used = [], [], set()
    for d in diagnostics:
        rules = suppressions.get(d.subject, ())
        match = None
        if rules and d.path == kb.claims[d.subject].path:
            match = next((i for i, rule in enumerate(rules) if rule in (d.code, d.rule)), None)
        if match is None:
            kept.append(d)
        else:
            used.add((d.subject, match))
            reason = kb.claims[d.subject].record.suppress[match].reason
            suppressed.append(replace(d, suppressed_by=reason))
    return kept, suppressed, used
