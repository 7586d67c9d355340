"""The offending line under a diagnostic, with a caret at its column (as ruff and rustc show it).

Record text is untrusted: control characters (an escape sequence could repaint the terminal)
are shown as `?`, long lines are cut around the column, and only regular files inside the
base are read (a link that leads outside it is never opened).
"""
from __future__ import annotations

import re
from pathlib import Path

MAX_BYTES = 4 * 1024 * 1024
WIDTH = 120
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class Frames:
    """Reads each file once per report."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.files: dict[str, list[str] | None] = {}

    def lines_of(self, path: str) -> list[str] | None:
        if path not in self.files:
            self.files[path] = self._read(path)
        return self.files[path]

    def _read(self, path: str) -> list[str] | None:
        target = self.root / path
        try:
            if target.is_symlink() or not target.resolve().is_relative_to(self.root) or not target.is_file():
                return None
            if target.stat().st_size > MAX_BYTES:
                return None
            return target.read_bytes().decode("utf-8", errors="replace").splitlines()
        except OSError:
            return None

    def frame(self, path: str, line: int, column: int) -> list[str]:
        lines = self.lines_of(path)
        if not lines or not 1 <= line <= len(lines):
            return []
        text, caret = _visible(lines[line - 1], max(column, 1))
        gutter = " " * len(str(line))
        return [f"  {gutter} |", f"  {line} | {text}", f"  {gutter} | {' ' * (caret - 1)}^"]


def _visible(text: str, column: int) -> tuple[str, int]:
    """The line as one screen line (tabs as one space, so the caret stays under its column)."""
    text = _UNPRINTABLE.sub("?", text.replace("\t", " ")).rstrip()
    column = min(column, len(text) + 1)
    if len(text) <= WIDTH:
        return text, column
    start = max(0, min(column - WIDTH // 2, len(text) - WIDTH))
    cut = text[start:start + WIDTH]
    return ("…" if start else "") + cut + ("…" if start + WIDTH < len(text) else ""), column - start + (1 if start else 0)
