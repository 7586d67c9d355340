"""Pandoc citations in hand-written pages: `[@key]`, `[@key, p. 33]`, `[@a; @b]`, `[-@key]`.

Each becomes a link to the reference's page with the full citation on hover, and the
page gets a "References" section. Unknown keys are the `unknown-citation` rule
(`evkb/rules/unknown_citation.py`, which documents the syntax and the diagnostic).
"""
from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Location
from ..rules.unknown_citation import CODE, LEVEL, NAME
from . import links


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
