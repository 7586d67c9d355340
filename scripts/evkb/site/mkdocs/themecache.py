"""The theme's HTML for generated pages, rendered once per page shape and filled in by substitution.

Rendering Material's `main.html` costs a few milliseconds a page (navigation, header,
footer, table of contents, scripts), almost all of it identical for every claim or
reference page in a folder. For a page outside the navigation, the output depends on
the folder it sits in and on a handful of page values: title, description, body, table of
contents, edit and canonical URLs, its own path segment. `ThemeCache` renders the template once
per shape with a stand-in page whose values are random slot words, splits the output
at those words, and builds every other page of that shape by joining the pieces with
the page's own values (never rescanned, so record text cannot forge a slot).

It only does so when each value is plain text that no template filter would change
(otherwise the page is rendered normally). A generated page's title and description are
HTML-escaped by the generator (Material writes them as they are): they may hold entities
such as `&#x27;` only where a probe render shows the template writes that slot untouched, and the first pages of every shape are also
rendered normally and compared: on any difference that shape is rendered normally for
the rest of the build. `tests/test_fast_pages.py` compares whole sites both ways.
"""
from __future__ import annotations

import logging
import posixpath
import re
import secrets

log = logging.getLogger("mkdocs.plugins.evkb")

TEMPLATE = "evkb-generated.html"
VERIFIED_PER_SHAPE = 2
SLOT_META = ("title", "description", "template")
_WORD = re.compile(r"[A-Za-z0-9._:+-]+\Z")
_CHAR = r"(?:[^\s<>&\"'`\\]|&(?:#x?[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});)"
_ESCAPED = re.compile(rf"{_CHAR}+(?: {_CHAR}+)*\Z")    # words that escaping leaves alone, or already escaped
_PROBE = "&#x27;"
ESCAPABLE = (0, 5)      # slots that may hold escaped text: the title and the description
_TOC_TITLE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.,:;()/+-]| (?! ))*\Z")
_URL = re.compile(r"[^\s<>&\"'`]+\Z")
_FALLBACK = object()


class _Slot(str):
    """A slot word that answers `in` tests as the page's real value would."""

    def __new__(cls, word, real):
        slot = super().__new__(cls, word)
        slot.real = real
        return slot

    def __contains__(self, item):
        return item in self.real


class _TocItem:
    def __init__(self, title, url, level, children):
        self.title, self.url, self.level, self.children = title, url, level, children


class _StandIn:
    """The page as the template sees it, with slot words for its own values."""

    def __init__(self, page, overrides: dict):
        self._page = page
        self.__dict__.update(overrides)

    def __getattr__(self, name):
        return getattr(self._page, name)


class ThemeCache:
    def __init__(self, base_template: str = "main.html"):
        self.base_template = base_template
        self._word = "evkb" + secrets.token_hex(6) + "s"
        self._slot = re.compile(self._word + r"(\d+)e")
        self._shapes: dict = {}
        self._unverified: dict = {}
        self.fast = self.slow = 0

    def render(self, context) -> str:
        """The page's HTML (the template global's body); `context` is the Jinja context."""
        page = context["page"]
        values = _values(page)
        key = self._shape(page, values, context.get("base_url"))
        shape = self._shapes.get(key) if key is not None else _FALLBACK
        if shape is None:
            shape = self._shapes[key] = self._learn(context, page, values)
            self._unverified[key] = VERIFIED_PER_SHAPE
        if shape is _FALLBACK:
            self.slow += 1
            return self._full(context)
        pieces, untouched = shape
        if any("&" in values[i] and i not in untouched for i in ESCAPABLE):
            self.slow += 1
            return self._full(context)
        html = _fill(pieces, values)
        if self._unverified[key] > 0:
            self._unverified[key] -= 1
            full = self._full(context)
            if full != html:
                log.info("evkb: %s differs from its shape's cached theme output; rendering such pages in full",
                         page.file.src_uri)
                self._shapes[key] = _FALLBACK
                self.slow += 1
                return full
        self.fast += 1
        return html

    def _full(self, context) -> str:
        return context.environment.get_template(self.base_template).render(context.get_all())

    def _shape(self, page, values, base_url):
        if values is None or page.parent is not None or page.previous_page or page.next_page or page.is_homepage:
            return None
        meta = tuple(sorted((k, repr(v)) for k, v in page.meta.items() if k not in SLOT_META))
        content = page.content or ""
        edit = page.edit_url or ""
        folder = posixpath.dirname(page.url.rstrip("/"))
        return (folder, page.url.endswith("/"), base_url, meta, "title" in page.meta, "description" in page.meta,
                _toc_shape(page.toc),
                "\u003ch1" in content, bool(edit), "/blob/" in edit, bool(page.canonical_url))

    def _learn(self, context, page, values):
        """Render the template with slot words and split it; _FALLBACK if the output is unusable."""
        slots = [self._word + f"{i}e" for i in range(len(values))]
        html = self._render_with(context, page, slots)
        pieces = self._slot.split(html)
        if len(pieces) < 3:
            return _FALLBACK
        # which escapable slots come out untouched: render again with an entity after their words
        probed = self._render_with(context, page, [w + _PROBE if i in ESCAPABLE else w for i, w in enumerate(slots)])
        restored = probed
        for i in ESCAPABLE:
            restored = restored.replace(slots[i] + _PROBE, slots[i])
        untouched = frozenset(i for i in ESCAPABLE if restored == html
                              and html.count(slots[i]) == probed.count(slots[i] + _PROBE))
        return [(piece if n % 2 == 0 else int(piece)) for n, piece in enumerate(pieces)], untouched

    def _render_with(self, context, page, slots) -> str:
        stand_in = _StandIn(page, _overrides(page, slots))
        return context.environment.get_template(self.base_template).render({**context.get_all(), "page": stand_in})


def _values(page) -> list | None:
    """The page's own values in slot order, or None when one is not plain enough to substitute."""
    title = page.meta.get("title", page.title)
    description = page.meta.get("description", "")
    segment = posixpath.basename(page.url.rstrip("/"))
    toc = list(_walk(page.toc))
    if not (isinstance(title, str) and (_WORD.match(title) or ("title" in page.meta and _ESCAPED.match(title)))
            and _WORD.match(segment)):
        return None
    if "description" in page.meta and not (isinstance(description, str) and _ESCAPED.match(description)):
        return None
    if any(getattr(t, "typeset", None) or not _TOC_TITLE.match(t.title) or not _WORD.match(t.url[1:])
           or t.url[0] != "#" for t in toc):
        return None
    urls = [page.edit_url or "", page.canonical_url or ""]
    if any(u and not _URL.match(u) for u in urls):
        return None
    return [title, page.content or "", segment, *urls, description] + [v for t in toc for v in (t.title, t.url[1:])]


def _overrides(page, slots) -> dict:
    title, content, segment, edit, canonical, description, *toc_slots = slots
    folder = posixpath.dirname(page.url.rstrip("/"))
    url = posixpath.join(folder, segment) + ("/" if page.url.endswith("/") else "")
    meta = dict(page.meta)
    if "title" in meta:
        meta["title"] = title
    if "description" in meta:
        meta["description"] = description
    return {"title": title, "content": _Slot(content, page.content or ""), "url": url, "meta": meta,
            "edit_url": _Slot(edit, page.edit_url) if page.edit_url else page.edit_url,
            "canonical_url": canonical if page.canonical_url else page.canonical_url,
            "toc": _slot_toc(page.toc, iter(toc_slots))}


def _slot_toc(toc, slots) -> list:
    out = []
    for t in toc:
        title, url = next(slots), next(slots)
        out.append(_TocItem(title, "#" + url, t.level, None))
        out[-1].children = _slot_toc(t.children, slots)
    return out


def _walk(toc):
    for t in toc:
        yield t
        yield from _walk(t.children)


def _toc_shape(toc) -> tuple:
    return tuple((t.level, _toc_shape(t.children)) for t in toc)


def _fill(shape: list, values: list) -> str:
    return "".join(piece if n % 2 == 0 else values[piece] for n, piece in enumerate(shape))
