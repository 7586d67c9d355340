"""Incremental rebuilds for `mkdocs serve --dirty` (what `make serve` runs).

In a dirty build MkDocs rebuilds a page only when its source is newer than its output.
Generated pages have no source file, so they would be rebuilt every time. Here each one
is written to a folder outside the project and rewritten only when its text changed:
after one claim is edited, MkDocs rebuilds that claim's page and the few pages whose
text mentions it (its references, topic, measures, the indexes) and leaves the rest.

What a dirty build gets wrong is put right here:
- the search index: Material keeps the previous index and swaps one page's entries, so
  the entries of every page are kept here and the whole index is handed back each time;
- pages whose output depends on more than their source: hand-written pages get generated
  text appended and citations formatted, so their output is removed (and rebuilt) when a
  record changed; when the navigation changes, every output is removed;
- pages that no longer exist: their output is deleted.
Only files in the serve's own temporary site folder and in this module's folder are written
or removed; nothing in the project.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.evkb")


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build gets navigation and links wrong; with this module in
    charge that is no longer so, and the warning would stop a `strict: true` site."""

    def filter(self, record):
        if record.levelno == logging.WARNING and "'dirty' build" in str(record.msg):
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg, record.args = "evkb: incremental build; pages are rebuilt when their text changed", ()
        return True


class IncrementalServe:
    def __init__(self):
        self._notice = _DirtyNotice()
        logging.getLogger("mkdocs.commands.build").addFilter(self._notice)
        self.sources = Path(tempfile.mkdtemp(prefix="evkb-serve-"))
        self._written: dict[str, str] = {}
        self._dest: dict[str, str] = {}
        self._entries: dict[str, list] = {}
        self._nav = None
        self._mark = 0
        self.rewritten = 0

    def begin(self) -> None:
        self.rewritten = 0

    def page_file(self, config, path: str, content: str):
        """A generated page backed by a file that only changes when its text does."""
        from mkdocs.structure.files import File
        target = self.sources / path
        if self._written.get(path) != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            self._written[path] = content
            self.rewritten += 1
        return File.generated(config, path, abs_src_path=str(target))

    def update(self, path: str, content: str) -> bool:
        """Rewrite a generated page's file ahead of a build (`serve_first`); whether its text changed."""
        if self._written.get(path) == content:
            return False
        target = self.sources / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        self._written[path] = content
        return True

    def start_build(self, files, records_changed: bool) -> None:
        """Remove outputs that a dirty build would leave wrong: pages gone, and (after a record
        changed) hand-written pages, whose output includes generated text."""
        current = {f.src_uri: f.abs_dest_path for f in files.documentation_pages()}
        for src, dest in self._dest.items():
            if src not in current:
                _remove(dest)
                self._entries.pop(src, None)
                self._written.pop(src, None)
        if records_changed:
            for f in files.documentation_pages():
                if f.generated_by is None:
                    _remove(f.abs_dest_path)
        self._dest = current

    def check_nav(self, nav) -> None:
        """A changed navigation is in every page: remove every output so all are rebuilt."""
        signature = tuple((p.title, p.url) for p in nav.pages), repr(nav.items)
        if self._nav is not None and signature != self._nav:
            log.info("evkb: the navigation changed; rebuilding every page")
            for dest in self._dest.values():
                _remove(dest)
        self._nav = signature

    def before_search(self, index) -> None:
        self._mark = len(index.entries) if index is not None else 0

    def after_search(self, page, index) -> None:
        if index is not None:
            self._entries[page.file.src_uri] = list(index.entries[self._mark:])

    def whole_index(self, files, plugin) -> None:
        """Hand the search plugin every page's entries, rebuilt or not (before it writes the index)."""
        plugin.search_index.entries = [e for f in files.documentation_pages()
                                       for e in self._entries.get(f.src_uri, [])]
        plugin.search_index_prev = None

    def close(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self._notice)
        shutil.rmtree(self.sources, ignore_errors=True)


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def build_inputs(root, config_dir, contributing_name: str, edit_base: str, files, config) -> tuple:
    """What the generated pages are made from: every file under claims/ and references/,
    the engine's configuration, which hand-written pages there are, and the options. (The
    hand-written pages' citation problems are compared separately: editing prose must not
    regenerate the records' pages.)"""
    stats = []
    def walk(folder):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                walk(e.path)
            elif e.is_file():
                st = e.stat()
                stats.append((e.path, st.st_size, st.st_mtime_ns))
    for folder in ("claims", "references"):
        walk(root / folder)
    for name in ("pyproject.toml", ".evkb.toml"):
        if (root / name).is_file():
            st = (root / name).stat()
            stats.append((name, st.st_size, st.st_mtime_ns))
    handwritten = sorted(f.src_uri for f in files.documentation_pages() if f.generated_by is None)
    schemas = sorted(f.src_uri for f in files if f.src_uri.startswith("schemas/"))
    contributing = config_dir / contributing_name
    if contributing.is_file():
        stats.append(("contributing", contributing.stat().st_mtime_ns))
    return (tuple(sorted(stats)), tuple(handwritten), tuple(schemas), config.repo_url, edit_base, config.use_directory_urls,
            config.site_url, config.config_file_path)
