"""references/lookup.lock.json: every look-up response the base relies on, so builds need no network."""
from __future__ import annotations

import json
from pathlib import Path

from . import ContribError
from .fsutil import write_atomic

LOCK = "references/lookup.lock.json"


def lock_path(root: Path) -> Path:
    return root / LOCK


def read_lock(root: Path) -> dict:
    path = lock_path(root)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ContribError(f"{path}: not valid JSON ({exc}); restore it from git") from None
    if not isinstance(data, dict):
        raise ContribError(f"{path}: expected an object of identifier -> entry")
    return data


def lock_text(entries: dict) -> str:
    return json.dumps(dict(sorted(entries.items())), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_lock(root: Path, entries: dict) -> None:
    write_atomic(lock_path(root), lock_text(entries))
