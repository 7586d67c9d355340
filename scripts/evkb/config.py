"""Configuration: `[tool.evkb]` in the base's pyproject.toml, or an `evkb.toml` beside it.

    [tool.evkb]
    select = ["ALL"]             # rule codes, code prefixes or names to run
    ignore = []                  # ... and to skip
    strict = false               # warnings fail the check too
    [tool.evkb.levels]           # rule code or name -> error | warning | info
    [tool.evkb.options.figure-mismatch]
    tolerance = 0.10
    [tool.evkb.per-file-ignores]
    "claims/drafts/*" = ["F003"]
"""
from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import LEVELS
from .rules import all_rules

KNOWN_KEYS = {"select", "ignore", "strict", "levels", "options", "per-file-ignores"}


class ConfigError(ValueError):
    """A configuration problem: exit status 2."""


@dataclass
class Config:
    select: list = field(default_factory=lambda: ["ALL"])
    ignore: list = field(default_factory=list)
    strict: bool = False
    levels: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    per_file_ignores: dict = field(default_factory=dict)
    source: str = "defaults"

    def enabled(self, rule) -> bool:
        return _matches(rule, self.select) and not _matches(rule, self.ignore)

    def level(self, rule, claim_kind: str) -> str:
        return self.levels.get(rule.code) or self.levels.get(rule.name) or rule.level_for(claim_kind)

    def option(self, rule, name: str):
        return self.options.get(rule.name, {}).get(name, rule.options[name])

    def ignored_for(self, rule, path: str) -> bool:
        return any(fnmatch.fnmatch(path, pattern) and _matches(rule, selectors)
                   for pattern, selectors in self.per_file_ignores.items())


def _matches(rule, selectors) -> bool:
    return any(s == "ALL" or s == rule.name or rule.code.startswith(s) for s in selectors)


def load_config(root: Path, explicit: Path | None = None) -> Config:
    path, table = _find(root, explicit)
    if table is None:
        return Config()
    return parse_config(table, str(path))


def _find(root: Path, explicit: Path | None):
    candidates = [explicit] if explicit else [root / "evkb.toml", root / "pyproject.toml"]
    for path in candidates:
        if path and path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: {exc}") from exc
            table = data if path.name == "evkb.toml" else data.get("tool", {}).get("evkb")
            if table is not None or explicit:
                return path, table or {}
    if explicit:
        raise ConfigError(f"{explicit}: no such configuration file")
    return None, None


def parse_config(table: dict, source: str) -> Config:
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s) {', '.join(sorted(unknown))}; "
                          f"known: {', '.join(sorted(KNOWN_KEYS))}")
    cfg = Config(select=list(table.get("select", ["ALL"])), ignore=list(table.get("ignore", [])),
                 strict=bool(table.get("strict", False)), levels=dict(table.get("levels", {})),
                 options=dict(table.get("options", {})), per_file_ignores=dict(table.get("per-file-ignores", {})),
                 source=source)
    _validate(cfg, source)
    return cfg


def _validate(cfg: Config, source: str) -> None:
    rules = all_rules()
    names = {r.name: r for r in rules}
    def known(selector: str) -> bool:
        return selector == "ALL" or selector in names or any(r.code.startswith(selector) for r in rules)
    selectors = cfg.select + cfg.ignore + list(cfg.levels) + [s for v in cfg.per_file_ignores.values() for s in v]
    for selector in selectors:
        if not known(selector):
            raise ConfigError(f"{source}: unknown rule {selector!r} (see `evkb list-rules`)")
    for key, level in cfg.levels.items():
        if level not in LEVELS:
            raise ConfigError(f"{source}: level of {key!r} must be one of {', '.join(LEVELS)}, not {level!r}")
    for rule_name, opts in cfg.options.items():
        rule = names.get(rule_name) or next((r for r in rules if r.code == rule_name), None)
        if rule is None:
            raise ConfigError(f"{source}: options for unknown rule {rule_name!r}")
        for opt in opts:
            if opt not in rule.options:
                raise ConfigError(f"{source}: rule {rule.name} has no option {opt!r} "
                                  f"(options: {', '.join(rule.options) or 'none'})")
    cfg.options = {(names.get(k) or next(r for r in rules if r.code == k)).name: v for k, v in cfg.options.items()}
