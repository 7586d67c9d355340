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
            except RecursionError:   # tomllib reads nested arrays and tables recursively
                raise ConfigError(f"{path}: nested too deeply to read") from None
            # pyproject.toml keeps the settings in [tool.evkb]; evkb.toml, or any other file
            # given with --config, holds them at the top level.
            table = data.get("tool", {}).get("evkb") if path.name == "pyproject.toml" else data
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
    _check_types(table, source)
    cfg = Config(select=list(table.get("select", ["ALL"])), ignore=list(table.get("ignore", [])),
                 strict=bool(table.get("strict", False)), levels=dict(table.get("levels", {})),
                 options=dict(table.get("options", {})), per_file_ignores=dict(table.get("per-file-ignores", {})),
                 source=source)
    _validate(cfg, source)
    return cfg


def _is_list_of_str(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_types(table: dict, source: str) -> None:
    """Wrong shapes are configuration errors with the setting's name, never a crash later."""
    for key in ("select", "ignore"):
        if key in table and not _is_list_of_str(table[key]):
            raise ConfigError(f"{source}: {key} must be a list of rule codes or names, like [\"R008\"], "
                              f"not {table[key]!r}")
    if "strict" in table and not isinstance(table["strict"], bool):
        raise ConfigError(f"{source}: strict must be true or false, not {table['strict']!r}")
    for key in ("levels", "options", "per-file-ignores"):
        if key in table and not isinstance(table[key], dict):
            raise ConfigError(f"{source}: {key} must be a table ([tool.evkb.{key}]), not {table[key]!r}")
    for rule_name, opts in table.get("options", {}).items():
        if not isinstance(opts, dict):
            raise ConfigError(f"{source}: options.{rule_name} must be a table of option = value, like "
                              f"[tool.evkb.options.{rule_name}], not {opts!r}")
    for pattern, selectors in table.get("per-file-ignores", {}).items():
        if not _is_list_of_str(selectors):
            raise ConfigError(f"{source}: per-file-ignores \"{pattern}\" must be a list of rule codes or names, "
                              f"not {selectors!r}")


def _same_kind(default, value) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


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
        for opt, value in opts.items():
            if opt not in rule.options:
                raise ConfigError(f"{source}: rule {rule.name} has no option {opt!r} "
                                  f"(options: {', '.join(rule.options) or 'none'})")
            default = rule.options[opt]
            if not _same_kind(default, value):
                kind = "a number" if isinstance(default, (int, float)) and not isinstance(default, bool) \
                    else type(default).__name__
                raise ConfigError(f"{source}: option {opt} of {rule.name} must be {kind} "
                                  f"(default {default!r}), not {value!r}")
    cfg.options = {(names.get(k) or next(r for r in rules if r.code == k)).name: v for k, v in cfg.options.items()}
