"""The rule registry. Each rule is one module in this package with:

CODE      -- a short stable code (e.g. "R005"), used in configuration and suppressions
NAME      -- a kebab-case name of what is flagged
LEVEL     -- default level: "error" | "warning" | "info", or a mapping from claim kind
             ("assertion", "circulating") to level for rules that depend on it
OPTIONS   -- option name -> default value (may be empty)
check(ctx) -- a generator of `Hit`s
and a module docstring that is the rule's documentation page.
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

    def check(self, ctx):
        return self.module.check(ctx)


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
