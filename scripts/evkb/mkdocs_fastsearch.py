"""Search entries of generated pages without the HTML parser's tokenizer.

Material's search plugin reads every page with `html.parser.HTMLParser`, whose
tokenizer costs more than the plugin's own work. A generated page's light copy
(`rawhtml.search_html`) holds only a few kinds of tags with simple quoted attributes,
escaped text and nothing else, so a regular expression can cut it into the same
start-tag, end-tag and text events. Those events drive the search plugin's own
`Parser` handlers, and its own `create_entry_for_section` makes the entries: what is
indexed is decided by Material's code, not copied here. Anything outside that simple
shape goes to the plugin unchanged, and the first pages of a build are indexed both
ways and compared.
"""
from __future__ import annotations

import html
import logging
import re

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


class FastSearch:
    """Adds a generated page's entries to Material's index; `index(page, lite)` says whether it did."""

    def __init__(self, plugin):
        self.plugin = plugin
        self.enabled = plugin is not None and hasattr(plugin, "search_index")
        self.unverified = VERIFIED_PAGES
        self.fast = 0

    def index(self, page, lite: str) -> bool:
        if not self.enabled or page.meta.get("search") or page.meta.get("tags") or "<script" in lite \
                or "<style" in lite:
            return False
        events = _events(lite)
        if events is None:
            return False
        entries = self._entries(page, events)
        if self.unverified > 0:
            self.unverified -= 1
            if entries != self._reference(page, lite):
                log.info("evkb: %s indexes differently without the HTML parser; using it for this build",
                         page.file.src_uri)
                self.enabled = False
                return False
        self.plugin.search_index.entries.extend(entries)
        self.fast += 1
        return True

    def _entries(self, page, events) -> list:
        from material.plugins.search.plugin import Parser
        parser = Parser()
        for kind, value, attrs in events:
            if kind == "data":
                parser.handle_data(value)
            elif kind == "start":
                parser.handle_starttag(value, attrs)
            else:
                parser.handle_endtag(value)
        return self._collect(page, parser.data)

    def _reference(self, page, lite: str) -> list:
        from material.plugins.search.plugin import Parser
        parser = Parser()
        parser.feed(lite)
        parser.close()
        return self._collect(page, parser.data)

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


def search_plugin(config):
    """Material's search plugin instance, if it is the one in use."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.search"):
            return plugin
    return None
