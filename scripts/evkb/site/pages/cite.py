"""Pandoc citations in hand-written pages: `[@key]`, `[@key, p. 33]`, `[@a; @b]`, `[-@key]`.

Each becomes a link to the reference's page with the full citation on hover, and the
page gets a "References" section. Unknown keys are the `unknown-citation` rule
(`evkb/engine/rules/unknown_citation.py`, which documents the syntax and the diagnostic).
"""
from __future__ import annotations

from ...engine.diagnostics import Diagnostic, Location
from ...engine.rules.unknown_citation import CODE, LEVEL, NAME
from ...model.citations import find_citations
from . import links


_ENTITY = {c: f"&#{ord(c)};" for c in "&<>\"'[]()*_`!\\#|~{}:@"}


def md_text(value: str) -> str:
    """Escaped for HTML and inert to Markdown's inline syntax (for text between inline tags)."""
    return "".join(_ENTITY.get(c, c) for c in " ".join(str(value).split()))


def _attr(value: str) -> str:
    """For attributes of inline tags: Markdown's inline patterns run before raw HTML is set
    aside, so link syntax inside an attribute must be inert too."""
    return md_text(value)


def unknown_citations(markdown: str, known, path: str, subject: str, line_offset: int = 0) -> list:
    diags = []
    for lineno, col, _s, _e, items in find_citations(markdown):
        for _prefix, _sup, key, _loc in items:
            if key not in known:
                from ...load.validate import did_you_mean
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
