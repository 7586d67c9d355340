"""Controlled vocabularies: the engine's designs and units, plus the topic's own terms."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"
KINDS = ("measures", "comparisons", "populations", "activities", "designs", "units")
ENGINE_KINDS = ("designs", "units")
GRADES = ("very-low", "low", "moderate", "high")   # evidence grades, lowest first (a design's `start`)


@dataclass(frozen=True)
class Term:
    id: str
    kind: str
    name: str
    description: str = ""
    attrs: dict = field(default_factory=dict, compare=False, hash=False)
    path: str = ""
    line: int = 1

    def get(self, key, default=None):
        return self.attrs.get(key, default)


@dataclass
class Vocabulary:
    terms: dict = field(default_factory=lambda: {k: {} for k in KINDS})
    unreadable: dict = field(default_factory=dict)   # kind -> (path, line, col) of its file that did not parse
    _within: dict = field(default_factory=dict, repr=False, compare=False)

    def has(self, kind: str, term: str) -> bool:
        return term in self.terms[kind]

    def get(self, kind: str, term: str) -> Term | None:
        return self.terms[kind].get(term)

    def ancestors(self, kind: str, term: str) -> list[str]:
        """term, then each broader term up the hierarchy (populations, activities)."""
        chain, seen = [], set()
        while term and term not in seen and term in self.terms[kind]:
            chain.append(term)
            seen.add(term)
            term = self.terms[kind][term].get("broader")
        return chain

    def within(self, kind: str, narrow: str, broad: str) -> bool:
        key = (kind, narrow, broad)
        if key not in self._within:
            self._within[key] = broad in self.ancestors(kind, narrow)
        return self._within[key]
