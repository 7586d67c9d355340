"""The editor's view of one base: the files on disk, the open buffers over them, the last check.

Every change of a buffer is checked with the whole base, as `evkb check` would check it were
the buffer saved: `load.buffers.Workspace` assembles the base with the buffers in place of
their files (parsing only the buffer that changed), and `engine.check.run_check` reuses every
record's cached rule results whose bytes, and cited findings files, did not change. So a
change to a findings file re-checks the claims citing it, open or not.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from ..engine.check import run_check
from ..engine.config import load_config
from ..load.buffers import Workspace, kind_of

CONFIG_FILES = ("pyproject.toml", "evkb.toml")


class Session:
    def __init__(self, root: Path, cache_dir: Path | None, config_path: Path | None = None):
        self.root = root.resolve()
        self.config_path = config_path
        self.config = load_config(self.root, config_path)     # ConfigError: the caller says so
        self.workspace = Workspace(self.root, cache_dir)
        self.buffers: dict[str, bytes] = {}   # shown path -> the open buffer's bytes
        self.result = None

    # paths

    def shown(self, uri: str) -> str | None:
        """The path diagnostics show for a file:// URI inside the base, else None."""
        parsed = urlparse(uri)
        if parsed.scheme != "file":
            return None
        path = Path(unquote(parsed.path)).resolve()
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else None

    def uri(self, shown: str) -> str:
        path = Path(shown) if Path(shown).is_absolute() else self.root / shown
        return "file://" + quote(path.as_posix())

    def is_record(self, shown: str | None) -> bool:
        return shown is not None and kind_of(shown) is not None

    # buffers and files

    def opened(self, shown: str, source: str) -> None:
        if self.is_record(shown):
            self.buffers[shown] = source.encode("utf-8")

    def closed(self, shown: str) -> None:
        self.buffers.pop(shown, None)

    def saved(self, shown: str) -> None:
        """A file was written (by the editor or anything else)."""
        if shown in CONFIG_FILES or (self.config_path and self.root / shown == Path(self.config_path).resolve()):
            self.config = load_config(self.root, self.config_path)
        elif self.is_record(shown):
            self.workspace.saved(shown)

    def files_changed(self) -> None:
        """Files appeared or went away: read the base and the configuration again."""
        self.workspace.reload()
        self.config = load_config(self.root, self.config_path)

    def source(self, shown: str) -> str:
        """The text of a file as the editor has it: the open buffer, else the file on disk."""
        if shown in self.buffers:
            return self.buffers[shown].decode("utf-8", "replace")
        try:
            return (self.root / shown).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    # the check

    def check(self):
        """Check the base with the buffers in place; the result is kept for hover and completion."""
        self.result = run_check(self.workspace.base(self.buffers), self.config)
        return self.result

    @property
    def kb(self):
        return self.result.kb if self.result is not None else self.workspace.base(self.buffers)

    def by_path(self) -> dict[str, list]:
        """shown path -> the diagnostics in that file, of the last check."""
        out: dict[str, list] = {}
        for d in self.result.diagnostics if self.result else ():
            out.setdefault(d.path, []).append(d)
        return out
