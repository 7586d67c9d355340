"""File BibTeX entries into the base under stable keys, refusing duplicates.

`plan_filing` is pure: it parses the new entries together with the base's .bib files
(so `@string` macros defined there work), gives each a stable key and returns the new
text of the target file. `apply_filing` writes it atomically.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import ContribError
from .bibkey import base_key, family_of, unique_key
from .fsutil import write_atomic

INPUT = "<new entries>"
_HEADER = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*([{(])[ \t]*([^,\s{}()]*)[ \t]*,")
_SKIP = {"string", "preamble", "comment"}
DEFAULT_BIB = "references/references.bib"


@dataclass
class Filing:
    path: Path                                 # the .bib file written
    text: str                                  # its full new text
    keys: list = field(default_factory=list)   # (key as given, key filed)
    entries: list = field(default_factory=list)  # evkb.bibtex.Reference of each new entry


def base_bib_files(root: Path) -> list[Path]:
    folder = root / "references"
    return sorted(p for p in folder.rglob("*.bib") if p.is_file()) if folder.is_dir() else []


def choose_bib(root: Path) -> Path:
    """The main bibliography: the .bib file under references/ with the most entries (of empty ones, the first)."""
    files = base_bib_files(root)
    best, count = (files[0] if files else None), 0
    for path in files:
        n = sum(1 for m in _HEADER.finditer(path.read_text(encoding="utf-8")) if m.group(1).lower() not in _SKIP)
        if n > count:
            best, count = path, n
    return best or root / DEFAULT_BIB


def parse_with_base(root: Path, text: str):
    """(new references, every base reference) parsed with the base's macros; raises on syntax errors."""
    from ..load.bibtex import load_bib_files
    files = [(p.relative_to(root).as_posix(), p.read_bytes()) for p in base_bib_files(root)]
    result = load_bib_files(files + [(INPUT, text.encode("utf-8"))])
    problems = [f"line {line}: {msg}" for path, line, _c, _code, msg, _h in result.problems if path == INPUT]
    if problems:
        raise ContribError("the BibTeX entry does not parse: " + "; ".join(problems))
    new = [r for r in result.references.values() if r.path == INPUT]
    new += [dup for _, dup in result.duplicates if dup.path == INPUT and dup.fields]
    base = [r for r in result.references.values() if r.path != INPUT]
    base += [kept for kept, dup in result.duplicates if kept.path != INPUT and dup.path == INPUT]
    if not new:
        raise ContribError("no BibTeX entry found in the input (expected @article{key, ...})")
    return sorted(new, key=lambda r: r.line), base


def stable_key(ref) -> str:
    family = family_of(ref.authors[0]) if ref.authors else ""
    return base_key(family, ref.year, ref.title)


def _refuse_duplicates(new, base) -> None:
    known = {}
    for ref in base:
        for name in ("doi", "pmid", "pmcid"):
            if ref.get(name):
                known[(name, ref.get(name).strip().lower())] = ref
    for ref in new:
        for name in ("doi", "pmid", "pmcid"):
            hit = known.get((name, ref.get(name).strip().lower())) if ref.get(name) else None
            if hit is not None:
                raise ContribError(f"{name} {ref.get(name)} is already in the base as {hit.key!r} "
                                   f"({hit.path}:{hit.line}); cite that key instead")


def _entry_texts(text: str) -> dict:
    """key -> (header match, entry text) for each entry of the input."""
    heads = [m for m in _HEADER.finditer(text) if m.group(1).lower() not in _SKIP]
    out = {}
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        out.setdefault(m.group(3), (m, text[m.start():end].rstrip()))
    return out


def _rekey(entry: str, header, key: str) -> str:
    start = header.start(3) - header.start()
    return entry[:start] + key + entry[header.end(3) - header.start():]


def plan_filing(root: Path, text: str, bib: Path | None = None, keep_keys: bool = False) -> Filing:
    new, base = parse_with_base(root, text)
    _refuse_duplicates(new, base)
    taken = {r.key for r in base}
    spans, keys, blocks = _entry_texts(text), [], []
    for ref in new:
        key = ref.key if keep_keys else unique_key(stable_key(ref), taken)
        if key.lower() in {k.lower() for k in taken}:
            raise ContribError(f"key {key!r} is already used in the base; drop --keep-key for a stable key")
        taken.add(key)
        header, entry = spans[ref.key]
        blocks.append(_rekey(entry, header, key))
        keys.append((ref.key, key))
    target = bib or choose_bib(root)
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    head = old.rstrip("\n") + "\n\n" if old.strip() else ""
    return Filing(target, head + "\n\n".join(blocks) + "\n", keys, new)


def apply_filing(filing: Filing) -> None:
    write_atomic(filing.path, filing.text)
