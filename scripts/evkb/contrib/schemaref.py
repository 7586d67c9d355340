"""The `# yaml-language-server: $schema=...` comment that lets editors autocomplete and validate records."""
from __future__ import annotations

import os
from pathlib import Path

SCHEMA_DIR = "docs/schemas"
PREFIX = "# yaml-language-server: $schema="
KIND_FOLDERS = {"claim": "claims", "findings": "references/findings", "media": "references/media"}


def schema_comment(root: Path, record: Path, kind: str) -> str:
    """The comment line for a record file, with the schema path relative to the record's folder."""
    schema = root.resolve() / SCHEMA_DIR / f"{kind}.schema.json"
    rel = os.path.relpath(schema, record.resolve().parent)
    return PREFIX + Path(rel).as_posix()


def kind_of(root: Path, record: Path) -> str | None:
    rel = record.resolve().relative_to(root.resolve()).as_posix()
    for kind, folder in KIND_FOLDERS.items():
        if rel.startswith(folder + "/"):
            return kind
    return None


def records(root: Path):
    """(path, kind) of every YAML record of the base."""
    for kind, folder in KIND_FOLDERS.items():
        base = root / folder
        if base.is_dir():
            pattern = "**/*.y*ml" if kind == "claim" else "*.y*ml"
            for path in sorted(base.glob(pattern)):
                if path.suffix in (".yaml", ".yml") and path.is_file():
                    yield path, kind


def with_comment(text: str, comment: str) -> str:
    """The text with its first line set to the schema comment (replacing an older one)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(PREFIX):
        lines = lines[1:]
    return comment + "\n" + "".join(lines)
