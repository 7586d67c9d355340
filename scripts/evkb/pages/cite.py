"""A hand-written page cites a key that no .bib entry defines.

Hand-written pages in `docs/` (topic overviews, the method) cite publications with the
pandoc syntax that readers of Quarto, MyST and Manubot know:

    Backward walking reduced pain in one trial [@alghadir2019retro].
    The effect was small [@alghadir2019retro, p. 5; @rangey2016oa].
    Roos and colleagues [-@roos2012pfjcf] measured running, not walking.
    [see @roos2012pfjcf, Table 2]

Each citation becomes a link to the reference's page, with the full formatted citation
shown on hover, and the page ends with a "References" section listing every work it
cites. `-@key` prints the year only. Citations inside code spans and fenced code blocks
are left alone; an e-mail address is not a citation.

A key that no `.bib` file under `references/` defines is shown as `@key` in the page and
reported here with its file and line, like any other diagnostic: the site build logs it
as a warning, so `mkdocs build --strict` fails on it, and the check report lists it.

Failing example:

    docs/topics/knee.md:12   ... as one trial showed [@alghadir2091retro].

Fixed example:

    docs/topics/knee.md:12   ... as one trial showed [@alghadir2019retro].
"""
from __future__ import annotations

import re
import sys

from ..diagnostics import Diagnostic, Location
from ..rules import Rule
from . import links

CODE = "P001"
NAME = "unknown-citation"
LEVEL = "warning"
OPTIONS: dict = {}
CITATION_RULE = Rule(CODE, NAME, LEVEL, OPTIONS, sys.modules[__name__])

_KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:.+/-]*[A-Za-z0-9_])?"
_GROUP = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\](?![(\[:])")
_ITEM = re.compile(r"^\s*(?P<prefix>(?:[^@]*\s)?)(?P<suppress>-)?@(?P<key>" + _KEY + r")(?P<rest>.*?)\s*$", re.S)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.S)
_ENTITY = {c: f"&#{ord(c)};" for c in "&<>\"'[]()*_`!\\#|~{}:@"}


def md_text(value: str) -> str:
    """Escaped for HTML and inert to Markdown's inline syntax (for text between inline tags)."""
    return "".join(_ENTITY.get(c, c) for c in " ".join(str(value).split()))


def _attr(value: str) -> str:
    """For attributes of inline tags: Markdown's inline patterns run before raw HTML is set
    aside, so link syntax inside an attribute must be inert too."""
    return md_text(value)


def parse_group(inner: str):
    """[(prefix, suppress, key, locator)] or None when the brackets are not a citation."""
    items = []
    for part in inner.split(";"):
        m = _ITEM.match(part)
        if not m:
            return None
        rest = m.group("rest")
        if rest and not re.match(r"^[,\s]", rest):
            return None
        items.append((m.group("prefix").strip(), bool(m.group("suppress")), m.group("key"), rest.lstrip(", ").strip()))
    return items or None


def find_citations(markdown: str):
    """(line number 1-based, column, start, end, items) for each citation group outside code."""
    out, fence, offset = [], None, 0
    for lineno, line in enumerate(markdown.split("\n"), 1):
        m = _FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
        elif m:
            fence = m.group(1)
        elif "@" in line and "[" in line:
            masked = _CODE_SPAN.sub(lambda s: " " * len(s.group(0)), line)
            for g in _GROUP.finditer(masked):
                items = parse_group(g.group(1))
                if items:
                    out.append((lineno, g.start() + 1, offset + g.start(), offset + g.end(), items))
        offset += len(line) + 1
    return out


def unknown_citations(markdown: str, known, path: str, subject: str, line_offset: int = 0) -> list:
    diags = []
    for lineno, col, _s, _e, items in find_citations(markdown):
        for _prefix, _sup, key, _loc in items:
            if key not in known:
                from ..validate import did_you_mean
                diags.append(Diagnostic(Location(path, lineno + line_offset, col), CODE, NAME, LEVEL,
                                        f"unknown citation key {key!r}",
                                        did_you_mean(key, known) or "add the entry to a .bib file under references/",
                                        subject=subject))
    return diags


def render_citations(markdown: str, references, citation_of, label_of, url_of) -> str:
    """Replace citations with links and append a bibliography. url_of(key) -> relative URL."""
    found = find_citations(markdown)
    if not found:
        return markdown
    parts, last, cited = [], 0, []
    for _line, _col, start, end, items in found:
        parts.append(markdown[last:start])
        rendered = []
        for prefix, suppress, key, locator in items:
            text = md_text(prefix) + " " if prefix else ""
            if key in references:
                if key not in cited:
                    cited.append(key)
                label = label_of(key)
                if suppress:
                    label = references[key].year or label
                label += f", {locator}" if locator else ""
                rendered.append(text + f'<a class="evkb-cite" href="{_attr(url_of(key))}" '
                                f'title="{_attr(citation_of(key))}">{md_text(label)}</a>')
            else:
                rendered.append(text + f'<span class="evkb-cite-missing" title="unknown citation key">'
                                f'{md_text("@" + key)}</span>' + (md_text(", " + locator) if locator else ""))
        parts.append("(" + "; ".join(rendered) + ")")
        last = end
    parts.append(markdown[last:])
    body = "".join(parts)
    if cited:
        entries = "".join(f'<li id="bib-{_attr(links.slug(k))}"><a href="{_attr(url_of(k))}">{_attr(label_of(k))}</a>. '
                          f'{_attr(citation_of(k))}</li>' for k in sorted(cited, key=lambda k: label_of(k).lower()))
        body = body.rstrip("\n") + f'\n\n## References\n\n<div class="evkb-bibliography"><ol>{entries}</ol></div>\n'
    return body
