"""Read the vocabularies: the engine's designs and units, then the topic's own files."""
from __future__ import annotations

from pathlib import Path

from ..model.vocab import DATA, ENGINE_KINDS, KINDS, Term, Vocabulary
from .term_shapes import check_term
from .yamlnodes import parse_yaml


def load_vocabulary(vocab_dir: Path, rel, root: Path | None = None, read=None) -> tuple[Vocabulary, list]:
    """Engine terms first, then the topic's files; problems are (path, line, col, code, msg, hint).

    With `root`, a topic file (or the folder) that is a link leading outside root is not read
    but reported as unsafe-path. `read(path)` gives a file's bytes (an editor's unsaved buffer
    in place of the file).
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
            _load_file(vocab, kind, src, rel(src), problems, read or Path.read_bytes)
    if vocab_dir.is_dir():
        for extra in sorted(vocab_dir.glob("*.yaml")):
            if extra.stem not in KINDS:
                problems.append((rel(extra), 1, 1, "invalid-record",
                                 f"unknown vocabulary file {extra.name!r}",
                                 f"vocabulary files are {', '.join(k + '.yaml' for k in KINDS)}"))
    return vocab, problems


def _load_file(vocab: Vocabulary, kind: str, src: Path, shown: str, problems: list, read) -> None:
    doc = parse_yaml(shown, read(src))
    for line, col, code, msg, hint in doc.problems:
        problems.append((shown, line, col, code, msg, hint))
    if doc.data is None or not isinstance(doc.data, dict):
        # records using its terms are not told each term is unknown: the file's own error says why
        vocab.unreadable.setdefault(kind, (shown, *(doc.problems[0][:2] if doc.problems else (1, 1))))
    if doc.data is None:
        return
    if not isinstance(doc.data, dict):
        problems.append((shown, 1, 1, "invalid-record", "a vocabulary file maps term ids to their definitions", ""))
        return
    marks = {k.value: (k.start_mark.line + 1, k.start_mark.column + 1) for k, _ in doc.node.value}
    for term_id, spec in doc.data.items():
        line, col = marks.get(term_id) or doc.where((term_id,))   # one pass: a file may hold thousands of terms
        if not isinstance(spec, dict) or not isinstance(spec.get("name", ""), str):
            problems.append((shown, line, col, "invalid-record", f"term {term_id!r} needs a mapping with a name",
                             "write: id: {name: ..., description: ...}"))
            continue
        for key, message, hint in check_term(kind, spec):
            problems.append((shown, *doc.where((term_id, key)), "invalid-record", f"term {term_id!r}: {message}", hint))
            spec = {k: v for k, v in spec.items() if k != key}
        vocab.terms[kind][term_id] = Term(term_id, kind, spec.get("name", term_id), spec.get("description", ""),
                                          spec, shown, line)
