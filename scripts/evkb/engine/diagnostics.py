"""Diagnostics: what the check reports, with the position of the offending text."""
from __future__ import annotations

from dataclasses import dataclass
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
    caused_by: str = ""      # in a gate: the changed file this diagnostic of another record follows from

    @property
    def path(self) -> str:
        return self.location.path

    def sort_key(self):
        return (self.location.path, self.location.line, self.location.column, self.code)

    def as_dict(self) -> dict:
        out = {**self.location.as_dict(), "code": self.code, "rule": self.rule, "level": self.level,
               "message": self.message, "hint": self.hint,
               "related": [r.as_dict() for r in self.related]}
        if self.subject:
            out["subject"] = self.subject
        if self.caused_by:
            out["caused_by"] = self.caused_by
        return out
