"""Where the base sits in its repository.

Diagnostics name files relative to the base (`claims/x.yaml`). GitHub places an annotation
on a path relative to the repository's top and reads SARIF URIs against it, so a base checked
with `--root kb` must be reported as `kb/claims/x.yaml` there. The top is the nearest folder
above ROOT holding `.git` (a folder, or a file in a worktree); outside git, the working directory.
"""
from __future__ import annotations

from pathlib import Path


def repository_top(root: Path) -> Path:
    start = root.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return Path.cwd().resolve()


def path_prefix(root: Path | None) -> str:
    """`kb/` for a base at TOP/kb, `` for a base at the top (or outside it)."""
    if root is None:
        return ""
    try:
        rel = root.resolve().relative_to(repository_top(root)).as_posix()
    except ValueError:
        return ""
    return "" if rel == "." else rel + "/"
