"""Run every enabled rule over a loaded base and collect diagnostics (never raises mid-run)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from .config import Config
from .diagnostics import Diagnostic, Location
from .nogc import paused_gc
from .rules import Hit, all_rules, find


@dataclass
class Context:
    kb: object
    config: Config
    rule: object = None
    memo: dict = field(default_factory=dict)  # results shared by several rules, computed once

    def shared(self, key, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def option(self, name: str):
        return self.config.option(self.rule, name)

    @cached_property
    def assessments(self) -> dict:
        from .assess_cache import cached_assessments
        rule = find("figure-mismatch")
        tolerance = self.config.option(rule, "tolerance") if rule else 0.10
        return cached_assessments(self.kb, tolerance)


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
    raw = []
    for rule in all_rules():
        if not config.enabled(rule) or rule.name == "unused-suppression":
            continue
        ctx.rule = rule
        for hit in _guarded(rule, ctx):
            if not config.ignored_for(rule, hit.path):
                raw.append(_diagnostic(rule, hit, config))
    kept, suppressed, used = _apply_suppressions(kb, raw)
    unused = find("unused-suppression")
    if unused and config.enabled(unused):
        ctx.rule = unused
        kept.extend(_diagnostic(unused, hit, config) for hit in unused.module.check(ctx, used))
    kept.sort(key=Diagnostic.sort_key)
    return CheckResult(kb, kept, suppressed, ctx)


def _guarded(rule, ctx):
    """A rule that crashes becomes one located error; the other rules still run."""
    try:
        yield from rule.check(ctx)
    except Exception as exc:  # a bug in a rule must not hide every other diagnostic
        yield Hit("pyproject.toml", 1, 1, f"rule {rule.name} failed: {type(exc).__name__}: {exc}",
                  "this is a bug in evkb; please report it with the record that triggers it", claim_kind="assertion")


def _diagnostic(rule, hit, config) -> Diagnostic:
    return Diagnostic(Location(hit.path, hit.line, hit.column), rule.code, rule.name,
                      config.level(rule, hit.claim_kind), hit.message, hit.hint, tuple(hit.related), hit.subject)


def _apply_suppressions(kb, diagnostics):
    """Split off diagnostics a claim suppressed for itself; return which suppressions were used."""
    kept, suppressed, used = [], [], set()
    for d in diagnostics:
        claim = kb.claims.get(d.subject)
        match = None
        if claim is not None and d.path == claim.path:
            match = next(((i, s) for i, s in enumerate(claim.record.suppress) if s.rule in (d.code, d.rule)), None)
        if match is None:
            kept.append(d)
        else:
            used.add((d.subject, match[0]))
            suppressed.append(replace(d, suppressed_by=match[1].reason))
    return kept, suppressed, used
