"""Diagnostics: what the check reports, with the position of the offending text."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 1
    column: int = 1

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column}


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    code: str
    rule: str
    level: Level
    message: str
    hint: str = ""
    related: tuple[Location, ...] = ()
    subject: str = ""  # the claim id, reference key or media id the diagnostic is about
    suppressed_by: str = ""  # the suppression's reason, when a record silenced it

    @property
    def path(self) -> str:
        return self.location.path

    def with_level(self, level: Level) -> "Diagnostic":
        return replace(self, level=level)

    def sort_key(self):
        return (self.location.path, self.location.line, self.location.column, self.code)

    def as_dict(self) -> dict:
        out = {**self.location.as_dict(), "code": self.code, "rule": self.rule, "level": self.level,
               "message": self.message, "hint": self.hint,
               "related": [r.as_dict() for r in self.related]}
        if self.subject:
            out["subject"] = self.subject
        return out


@dataclass
class Problems:
    """Collects problems found while loading; loaders never raise on bad user input."""
    items: list = field(default_factory=list)

    def add(self, path: str, line: int, column: int, code: str, message: str, hint: str = "",
            related: tuple[Location, ...] = (), subject: str = "") -> None:
        self.items.append((path, line, column, code, message, hint, related, subject))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)
