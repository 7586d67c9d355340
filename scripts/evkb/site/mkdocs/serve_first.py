"""Under `make serve`, the pages of the records an edit changed are shown first.

MkDocs' rebuild after an edit goes over every file of a large base (15,000 at 10,000
claims): the navigation, the index pages and downloads that list every claim, the search
index. That takes seconds, while the author looks at one page. So when only records
changed (files under claims/ and references/; not mkdocs.yml, the hand-written pages or
the engine's configuration) and no page came or went, the pages of the changed records
are checked, made and written first, through MkDocs' own page steps with the last build's
files, navigation and theme; the browsers are told to reload; then the ordinary
incremental build (`serve`) brings the rest of the site up to date and they reload once
more. The second build finds the first one's pages unchanged and leaves them, so the site
ends as a clean build would make it (`tests/test_serve.py`).

It reaches past MkDocs' public API (`_populate_page`, `_build_page` and the live-reload
server's epoch); behind the `first` guard, and without it every rebuild is the ordinary one.
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.evkb")

MOST_PAGES = 200        # an edit that changes more record pages than this waits for the whole rebuild


def other_inputs(config, root: Path) -> tuple:
    """What, besides the records, a build reads: the docs folder, mkdocs.yml, the engine's configuration."""
    stats = []
    for folder, _, names in os.walk(config.docs_dir):
        for name in names:
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            stats.append((path, st.st_size, st.st_mtime_ns))
    for path in (config.config_file_path, root / "pyproject.toml", root / ".evkb.toml", root / "CONTRIBUTING.md"):
        try:
            st = os.stat(path) if path else None
        except OSError:
            st = None
        stats.append((str(path), st and (st.st_size, st.st_mtime_ns)))
    return tuple(sorted(stats, key=str))


def server_usable(server) -> bool:
    return all(hasattr(server, name) for name in ("_epoch_cond", "_visible_epoch", "_wanted_epoch", "builder"))


class RecordPagesFirst:
    """Stands in for the live-reload server's builder."""

    def __init__(self, plugin, builder, server):
        self.plugin, self.builder, self.server = plugin, builder, server
        self.shown = 0                      # record pages shown ahead of a rebuild, over the session

    def __call__(self, config=None):
        if config is not None:
            return self.builder(config)
        first = False
        try:
            first = self._show_first()
        except Exception:                   # the ordinary rebuild below reports the problem properly
            log.debug("evkb: showing the changed record pages first failed", exc_info=True)
        self.builder()
        if first:                           # a second reload, for the pages the rebuild changed
            from mkdocs.livereload import _timestamp
            self.server._wanted_epoch = _timestamp()

    def _show_first(self) -> bool:
        plugin = self.plugin
        built = plugin.last_build
        if built is None:
            return False
        config, files, nav, env, inputs = built
        if other_inputs(config, plugin.root) != inputs:
            return False
        start = time.monotonic()
        pages = plugin.changed_record_pages(files, config, MOST_PAGES)
        if pages is None:
            return False
        changed = [path for path, text in sorted(pages.items()) if plugin.incremental_update(path, text)]
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.files import InclusionLevel
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for path in changed:
            page = files.get_file_from_path(path).page
            _populate_page(page, config, files, dirty=False)
            _build_page(page, config, doc_files, nav, env, dirty=False)
        with self.server._epoch_cond:
            self.server._visible_epoch = self.server._wanted_epoch
            self.server._epoch_cond.notify_all()
        self.shown += len(changed)
        log.info("evkb: %d record pages shown first, in %.2f seconds; the rest of the site follows",
                 len(changed), time.monotonic() - start)
        return True
