"""The rule registry. Each rule is one module in this package with:

CODE      -- a short stable code (e.g. "R005"), used in configuration and suppressions
NAME      -- a kebab-case name of what is flagged
LEVEL     -- default level: "error" | "warning" | "info", or a mapping from claim kind
             ("assertion", "circulating") to level for rules that depend on it
OPTIONS   -- option name -> default value (may be empty)
and a module docstring that is the rule's documentation page. What it checks is
split by what the result depends on, so a re-check can reuse what did not change:

check_claim(ctx, loaded)    -- the `Hit`s of one claim; of one findings record; of one media
check_findings(ctx, loaded)    record. They may read that record, the findings records a claim
check_media(ctx, loaded)       cites (its sources' refs), the vocabulary, the rule options, and
                               the sets of reference keys and media ids, nothing else, and their
                               hits point into the record's own file: rule_cache.py keeps them
                               keyed by exactly that
check_bibliography(ctx)     -- the `Hit`s that depend on the .bib files alone
check(ctx)                  -- whatever needs the whole base (groups across claims, ...); what
index_claim(ctx, loaded)       it needs of each claim, a small value of plain data from the
                               claim's record alone, is computed by index_claim, cached like the
                               per-record hits and read with ctx.claim_index(NAME)

A rule defines any of them; `Rule.check` runs them all, in that order, uncached.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType


@dataclass(frozen=True)
class Hit:
    """What a rule yields: where, what, and for which record."""
    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    related: tuple = ()          # Location objects
    subject: str = ""            # claim id, reference key or media id
    claim_kind: str = ""         # selects the level of kind-dependent rules
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    level: object
    options: dict
    module: ModuleType

    @property
    def doc(self) -> str:
        return (self.module.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.name

    def level_for(self, claim_kind: str) -> str:
        if isinstance(self.level, dict):
            return self.level.get(claim_kind, self.level.get("default", "warning"))
        return self.level

    def record_parts(self) -> tuple:
        """(scope, function) of each per-record part: scope is claim, findings or media."""
        return tuple((scope, fn) for scope, _ in RECORD_SCOPES
                     if (fn := getattr(self.module, f"check_{scope}", None)) is not None)

    def check(self, ctx):
        """Every part of the rule, over the whole base, uncached."""
        for scope, fn in self.record_parts():
            for loaded in scope_records(ctx.kb, scope):
                yield from fn(ctx, loaded)
        if hasattr(self.module, "check_bibliography"):
            yield from self.module.check_bibliography(ctx)
        yield from self.base_check(ctx)

    def base_check(self, ctx):
        """The whole-base part alone (empty when the rule has none)."""
        whole = getattr(self.module, "check", None)
        return whole(ctx) if whole is not None else iter(())


RECORD_SCOPES = (("claim", "claims"), ("findings", "findings"), ("media", "media"))  # scope, KnowledgeBase table


def scope_records(kb, scope: str):
    """The loaded records a per-record part runs over, in the base's order."""
    return getattr(kb, dict(RECORD_SCOPES)[scope]).values()


@cache
def all_rules() -> tuple[Rule, ...]:
    rules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        rules.append(Rule(mod.CODE, mod.NAME, mod.LEVEL, dict(getattr(mod, "OPTIONS", {})), mod))
    return tuple(sorted(rules, key=lambda r: r.code))


def by_name() -> dict[str, Rule]:
    return {r.name: r for r in all_rules()}


def find(code_or_name: str) -> Rule | None:
    for rule in all_rules():
        if code_or_name in (rule.code, rule.name):
            return rule
    return None
