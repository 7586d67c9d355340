"""Search entries of generated pages, made before the pages are built and without the HTML parser.

Material's search plugin reads every page with `html.parser.HTMLParser`, whose
tokenizer costs more than the plugin's own work. A generated page's light copy
(`rawhtml.search_html`) holds only a few kinds of tags with simple quoted attributes,
escaped text and nothing else, so a regular expression can cut it into the same
start-tag, end-tag and text events. Those events drive the search plugin's own
`Parser` handlers, and its own `create_entry_for_section` makes the entries: what is
indexed is decided by Material's code, not copied here. Anything outside that simple
shape goes to the plugin unchanged, and the first pages of a build are indexed both
ways and compared. All pages are read once MkDocs has rendered their bodies, so the
entries are made in forked workers on every core, then added to the index in page order.
"""
from __future__ import annotations

import html
import logging
import re

from .deferred import pack, unpack

log = logging.getLogger("mkdocs.plugins.evkb")

_TOKEN = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*>|([^<]+)')
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
VERIFIED_PAGES = 3


def _events(text: str) -> list | None:
    """(kind, tag or data, attrs) for each token, or None when the text is not that simple."""
    events, pos = [], 0
    for m in _TOKEN.finditer(text):
        if m.start() != pos:
            return None
        pos = m.end()
        if m.group(4) is not None:
            events.append(("data", html.unescape(m.group(4)), None))
        elif m.group(1):
            if m.group(3):
                return None
            events.append(("end", m.group(2).lower(), None))
        else:
            attrs = [(k.lower(), html.unescape(v)) for k, v in _ATTR.findall(m.group(3))]
            events.append(("start", m.group(2).lower(), attrs))
    return events if pos == len(text) else None


PARALLEL_MIN = 1000      # pages; fewer are indexed in-process


class FastSearch:
    """Search entries of generated pages, computed for all of them before the pages are
    built (on every core when there are many) and handed to Material's index page by page."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.enabled = plugin is not None and hasattr(plugin, "search_index")
        self._ready: dict = {}
        self.fast = 0

    def prepare(self, pages, content_of=lambda page: page.content) -> None:
        """Compute the entries of every page that allows it; check the first few against Material's parser.
        `content_of(page)` is the page's HTML body (which may be set aside until the page is built)."""
        if not self.enabled:
            return
        from ...load.speed.forkmap import fork_map
        self._content_of = content_of
        pages = [p for p in pages if not p.meta.get("search") and not p.meta.get("tags")]
        results = fork_map(self._packed_entries_of, pages, PARALLEL_MIN)
        proven = 0
        for page, packed in zip(pages, results):
            if packed is None:
                continue
            if proven < VERIFIED_PAGES:
                entries = unpack(packed)
                from ..pages.rawhtml import search_html
                proven += 1
                if entries != self._collect(page, _parsed(search_html(content_of(page)))):
                    log.info("evkb: %s indexes differently without the HTML parser; using it for this build",
                             page.file.src_uri)
                    self._ready.clear()
                    return
            self._ready[page.file.src_uri] = packed      # compressed until the page is built

    def index(self, page) -> bool:
        """Add the page's prepared entries to the index; False when the search plugin must read it."""
        packed = self._ready.pop(page.file.src_uri, None)
        if packed is None:
            return False
        self.plugin.search_index.entries.extend(unpack(packed))
        self.fast += 1
        return True

    def _packed_entries_of(self, page) -> bytes | None:
        entries = self._entries_of(page)
        return None if entries is None else pack(entries)

    def _entries_of(self, page):
        from ..pages.rawhtml import search_html
        content = self._content_of(page)
        lite = search_html(content) if content else None
        if lite is None or "<script" in lite or "<style" in lite:
            return None
        events = _events(lite)
        if events is None:
            return None
        return self._collect(page, _replayed(events))

    def _collect(self, page, sections) -> list:
        index = self.plugin.search_index
        kept, index.entries = index.entries, []
        try:
            for section in sections:
                if not section.is_excluded():
                    index.create_entry_for_section(section, page.toc, page.url, page)
            return index.entries
        finally:
            index.entries = kept


def _replayed(events) -> list:
    from material.plugins.search.plugin import Parser
    parser = Parser()
    for kind, value, attrs in events:
        if kind == "data":
            parser.handle_data(value)
        elif kind == "start":
            parser.handle_starttag(value, attrs)
        else:
            parser.handle_endtag(value)
    return parser.data


def _parsed(lite: str) -> list:
    from material.plugins.search.plugin import Parser
    parser = Parser()
    parser.feed(lite)
    parser.close()
    return parser.data


def search_plugin(config):
    """Material's search plugin instance, if it is the one in use."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.search"):
            return plugin
    return None
