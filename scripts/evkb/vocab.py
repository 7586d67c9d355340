"""Controlled vocabularies: the engine's designs and units, plus the topic's own terms."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .yamlnodes import parse_yaml

DATA = Path(__file__).parent / "data"
KINDS = ("measures", "comparisons", "populations", "activities", "designs", "units")
ENGINE_KINDS = ("designs", "units")


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


def load_vocabulary(vocab_dir: Path, rel, root: Path | None = None) -> tuple[Vocabulary, list]:
    """Engine terms first, then the topic's files; problems are (path, line, col, code, msg, hint).

    With `root`, a topic file (or the folder) that is a link leading outside root is not read
    but reported as unsafe-path.
    """
    vocab, problems = Vocabulary(), []
    for kind in KINDS:
        sources = [DATA / f"{kind}.yaml"] if kind in ENGINE_KINDS else []
        topic_file = vocab_dir / f"{kind}.yaml"
        if topic_file.is_file() and root is not None and not topic_file.resolve().is_relative_to(root.resolve()):
            problems.append((rel(topic_file), 1, 1, "unsafe-path",
                             f"{rel(topic_file)} is a link that leads outside the repository",
                             "records must be real files inside the repository"))
        elif topic_file.is_file():
            sources.append(topic_file)
        for src in sources:
            _load_file(vocab, kind, src, rel(src), problems)
    if vocab_dir.is_dir():
        for extra in sorted(vocab_dir.glob("*.yaml")):
            if extra.stem not in KINDS:
                problems.append((rel(extra), 1, 1, "invalid-record",
                                 f"unknown vocabulary file {extra.name!r}",
                                 f"vocabulary files are {', '.join(k + '.yaml' for k in KINDS)}"))
    return vocab, problems


def _load_file(vocab: Vocabulary, kind: str, src: Path, shown: str, problems: list) -> None:
    doc = parse_yaml(shown, src.read_bytes())
    for line, col, code, msg, hint in doc.problems:
        problems.append((shown, line, col, code, msg, hint))
    if doc.data is None:
        return
    if not isinstance(doc.data, dict):
        problems.append((shown, 1, 1, "invalid-record", "a vocabulary file maps term ids to their definitions", ""))
        return
    for term_id, spec in doc.data.items():
        line, col = doc.where((term_id,))
        if not isinstance(spec, dict) or not isinstance(spec.get("name", ""), str):
            problems.append((shown, line, col, "invalid-record", f"term {term_id!r} needs a mapping with a name",
                             "write: id: {name: ..., description: ...}"))
            continue
        vocab.terms[kind][term_id] = Term(term_id, kind, spec.get("name", term_id), spec.get("description", ""),
                                          spec, shown, line)
