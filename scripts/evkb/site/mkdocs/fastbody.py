"""Generated page bodies without a Markdown pass.

After `rawhtml.split`, a generated page's Markdown is only headings and placeholder
paragraphs. What Markdown makes of that is predictable: each heading becomes an element
with an id from the toc extension's own slugify and a permalink, each placeholder a
paragraph that `rawhtml.join` swaps for its block. `FastBodies` writes that HTML (and the
table of contents) directly, which costs a few string operations instead of a Markdown
instance and a parse per page.

The heading markup is learnt from the site's real Markdown configuration (one probe
render per build), headings whose text Markdown could format are refused, and the first
pages of a build are rendered both ways and compared; on any difference the fast path
is switched off for the build. `tests/test_fast_pages.py` compares every page of the real
and a synthetic site.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .deferred import pack, unpack

log = logging.getLogger("mkdocs.plugins.evkb")

_HEADING = re.compile(r"(#{1,6})[ \t]+([^\n]*?)[ \t]*\Z")
# Text that every Markdown inline pattern leaves alone (no emphasis, code, links, entities).
_PLAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.,:;()/+-]| (?! ))*\Z")
_PROBE = "Evkbprobeheading"
VERIFIED_PAGES = 3
PARALLEL_MIN = 2000         # pages; fewer are prepared in-process


@dataclass(frozen=True)
class Body:
    html: str
    headings: tuple          # (level, id, text) of each heading, in order: small to pickle
    title: str | None
    anchor_ids: tuple

    @property
    def toc_tokens(self) -> list:
        from markdown.extensions.toc import nest_toc_tokens
        return nest_toc_tokens([{"level": level, "id": hid, "name": text, "html": text, "data-toc-label": ""}
                                for level, hid, text in self.headings])


class FastBodies:
    """One build's fast renderer, bound to the site's Markdown configuration."""

    def __init__(self, config, raw):
        import markdown
        self._raw = raw
        self._md = markdown.Markdown(extensions=config["markdown_extensions"],
                                     extension_configs=config["mdx_configs"] or {})
        self._toc = self._md.treeprocessors["toc"] if "toc" in self._md.treeprocessors else None
        self._heading = self._probe()
        self.enabled = self._heading is not None
        self.unverified = VERIFIED_PAGES
        self.fast = 0

    def _probe(self):
        """`<h1 id="{id}">{text}...</h1>` as this configuration writes it; None if unusable."""
        if self._toc is None or self._toc.base_level != 0 or (self._toc.toc_top, self._toc.toc_bottom) != (1, 6):
            return None
        html = self._md.reset().convert("# " + _PROBE)
        slug = self._slug(_PROBE)
        if html.count(slug) < 1 or not html.startswith("<h1") or not html.endswith("</h1>"):
            return None
        return html.replace("{", "{{").replace("}", "}}").replace(slug, "{id}").replace(_PROBE, "{text}")

    def _slug(self, text: str) -> str:
        return self._toc.slugify(text, self._toc.sep)

    def body(self, skeleton: str, blocks: list[str]) -> Body | None:
        """The page's HTML and table of contents, or None when Markdown must do it."""
        if not self.enabled:
            return None
        from markdown.extensions.toc import unique
        parts, flat, used, title = [], [], set(), None
        placeholder = re.compile(re.escape(self._raw.word) + r"(\d+)\Z")
        for chunk in re.split(r"\n[ \t]*(?:\n[ \t]*)+", skeleton.strip("\n")):
            m = placeholder.match(chunk)
            if m:
                n = int(m.group(1))
                if n >= len(blocks):
                    return None
                parts.append(blocks[n])
                continue
            for line in chunk.split("\n"):
                h = _HEADING.match(line)
                if not h or not _PLAIN.match(h.group(2)):
                    return None
                level, text = len(h.group(1)), h.group(2)
                hid = unique(self._slug(text), used)
                html = self._heading.format(id=hid, text=text)
                parts.append(html if level == 1 else html.replace("<h1", f"<h{level}", 1)[:-5] + f"</h{level}>")
                flat.append((level, hid, text))
                if level == 1 and title is None:
                    title = text
        from ..pages.rawhtml import anchor_ids
        return Body("\n".join(parts), tuple(flat), title, tuple(sorted(used | anchor_ids(blocks))))

    def apply(self, page, body: Body) -> None:
        """Set what `Page.render` would have set."""
        from mkdocs.structure.toc import get_toc
        page.content = body.html
        page.toc = get_toc(body.toc_tokens)
        page._title_from_render = body.title
        page.present_anchor_ids = set(body.anchor_ids)
        self.fast += 1

    def proof_due(self) -> bool:
        """True while the first pages of a build, which are rendered both ways, are still to come."""
        return self.unverified > 0

    def take_proof(self) -> bool:
        self.unverified -= 1
        return self.unverified >= 0

    def prepare(self, pages: dict) -> dict:
        """{path: packed Body} for the generated pages (Markdown with front matter) that need no
        Markdown pass, made before MkDocs reads them (in forked workers when there are many).
        Each is kept compressed until its page is read (`unpack`): they are all made at once."""
        if not self.enabled:
            return {}
        from ...load.speed.forkmap import fork_map
        paths = [p for p in pages if p.endswith(".md")]
        bodies = fork_map(self.packed_body, [pages[p] for p in paths], PARALLEL_MIN)
        return {p: b for p, b in zip(paths, bodies) if b is not None}

    def packed_body(self, text: str) -> bytes | None:
        from mkdocs.utils.meta import get_data
        markdown, _ = get_data(text)
        body = self.body(*self._raw.split(markdown))
        return None if body is None else pack(body)

    @staticmethod
    def unpack(packed: bytes | None) -> Body | None:
        return None if packed is None else unpack(packed)

    def same(self, page, markdown_html: str, body: Body) -> bool:
        """Whether Markdown's rendering of `page` (already done) equals `body`; if not, off for the build."""
        from mkdocs.structure.toc import get_toc
        same = markdown_html == body.html and page._title_from_render == body.title \
            and _toc_shape(page.toc) == _toc_shape(get_toc(body.toc_tokens))
        if not same:
            log.info("evkb: %s renders differently without Markdown; using Markdown for this build",
                     page.file.src_uri)
            self.enabled = False
        return same


def _toc_shape(toc) -> list:
    return [(t.title, t.id, t.level, _toc_shape(t.children)) for t in toc]
