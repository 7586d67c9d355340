"""Set a generated page's raw HTML blocks aside, so Markdown only sees its skeleton.

Generated pages are mostly block-level HTML (escaped by the templates) between a few
Markdown headings. Markdown passes such blocks through untouched, but finding where
each ends costs it an HTML parse of the whole block, the largest part of a site build.
`split` replaces every such block by a one-word placeholder paragraph; Markdown then
renders the skeleton (headings with their ids and permalinks, the table of contents,
any prose) and `join` puts the blocks back where their placeholders are. The result is
what Markdown would have produced from the whole page.

A block is set aside only when it is one whole chunk between blank lines, starts at the
first column with a block-level tag, ends with `>` and is outside fenced code: exactly
the blocks Markdown would pass through whole.
"""
from __future__ import annotations

import re
import secrets

from markdown.util import BLOCK_LEVEL_ELEMENTS

_START = re.compile(r"<(?:%s)(?=[\s>/])" % "|".join(sorted(set(BLOCK_LEVEL_ELEMENTS) - {"style"}, key=len,
                                                             reverse=True)), re.I)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
_BLANK = re.compile(r"(\n[ \t]*(?:\n[ \t]*)*\n)")
_ID = re.compile(r"""\sid=["']([^"'<>]+)["']""")


class RawBlocks:
    """One build's placeholders: a random word no record text can guess."""

    def __init__(self):
        self.word = "EVKBRAW" + secrets.token_hex(6).upper() + "X"
        self._placeholder = re.compile(r"<p>" + self.word + r"(\d+)</p>")

    def split(self, markdown: str) -> tuple[str, list[str]]:
        """(skeleton Markdown, blocks); the skeleton holds placeholder paragraphs."""
        parts = _BLANK.split(markdown)          # chunk, blank lines, chunk, ...
        blocks: list[str] = []
        fence = None
        out = []
        for n, chunk in enumerate(parts):
            if n % 2:
                out.append(chunk)
                continue
            if fence is None and chunk.startswith("<") and _START.match(chunk) and chunk.rstrip().endswith(">") \
                    and not _FENCE.search(chunk):
                out.append(f"{self.word}{len(blocks)}")
                blocks.append(chunk.rstrip())
                continue
            out.append(chunk)
            for m in _FENCE.finditer(chunk):
                mark = m.group(1)
                if fence is None:
                    fence = mark
                elif mark[0] == fence[0] and len(mark) >= len(fence):
                    fence = None
        return "".join(out), blocks

    def join(self, html: str, blocks: list[str]) -> str | None:
        """The page's HTML with the blocks back in; None when a placeholder went missing."""
        seen = set()

        def put(m):
            i = int(m.group(1))
            if i >= len(blocks) or i in seen:
                return m.group(0)
            seen.add(i)
            return blocks[i]
        out = self._placeholder.sub(put, html)
        return out if len(seen) == len(blocks) else None


def anchor_ids(blocks: list[str]) -> set[str]:
    """The element ids the blocks define (links to them are valid anchors)."""
    return {m.group(1) for b in blocks for m in _ID.finditer(b)}


# A generated element search skips (listings of other pages, charts' data, BibTeX, check
# output): it carries search's own exclusion attribute and its end tag is followed by this
# comment, so it can be cut out whole (record text is escaped and holds no "<!--").
UNSEARCHED_END = "<!--/search-exclude-->"
_UNSEARCHED = re.compile(r"<([a-z]+)\b[^>]*\sdata-search-exclude[\s>].*?</\1>" + re.escape(UNSEARCHED_END), re.S)
_SEARCH_DROP = re.compile(r'<svg\b.*?</svg>|<script\b.*?</script>|<a class="headerlink"[^>]*>.*?</a>', re.S | re.I)
_SEARCH_KEPT = r"(?:p|li|ol|ul|code|pre|sub|sup|h[1-6])(?=[\s>/])"
_SEARCH_TAG = re.compile(r"</?(?!" + _SEARCH_KEPT + r")[a-zA-Z][^>]*>")
_SEARCH_RUN = re.compile(r"(?:(?<=>)[ \t\n]+)?\x00(?:\s*\x00)*(?:[ \t\n]+(?=<))?")
_SEARCH_ATTRS = re.compile(r"<(p|li|ol|ul|code|pre|sub|sup)\s[^>]*>")


def search_html(html: str) -> str | None:
    """A lighter page body with the same searchable text, for the search plugin's parser.

    Search indexes the text of each section (a heading with an id and what follows) and
    keeps only paragraph, list and code tags; everything else (tables, links, spans, the
    charts' SVG, the JSON-LD) costs it a parse and adds nothing. Headings keep their
    attributes; permalinks, which search ignores, are dropped. None when the page uses
    search's own exclusion markers, which need the full markup."""
    html = _UNSEARCHED.sub("", html)
    if "data-search-" in html or "linenodiv" in html:
        return None
    html = _SEARCH_DROP.sub("", html)
    html = _SEARCH_TAG.sub("\x00", html.replace("\x00", ""))
    # text between two dropped tags that is only white space counts once, as one space
    html = _SEARCH_RUN.sub(lambda m: " " if len(m.group(0)) > m.group(0).count("\x00") else "", html)
    return _SEARCH_ATTRS.sub(r"<\1>", html)
