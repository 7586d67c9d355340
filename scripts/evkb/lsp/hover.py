"""What a hover shows: a reference's authors, title and year; a finding's measure and value; ...

Record text is untrusted (it comes from pull requests), and clients render hovers as
Markdown: every piece of it is escaped, so no record can add a link, an image or HTML.
"""
from __future__ import annotations

import codecs
import re

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from lsprotocol import types

_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~!&])")      # what can open markup anywhere in a line
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")          # lists, headings' underlines, numbered lists


def escape(text) -> str:
    """Record text as literal Markdown: whitespace runs become one space, every mark is escaped."""
    text = _INLINE.sub(r"\\\1", " ".join(str(text).split()))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)


def plain(text: str) -> str:
    """BibTeX's LaTeX as text: M{\\"u}ller -> Müller (the raw text where latexcodec cannot read it)."""
    try:
        text = codecs.decode(text, "ulatex")
    except Exception:  # latexcodec is lenient; anything odd keeps the raw text
        pass
    return text.replace("{", "").replace("}", "")


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def code(text) -> str:
    """Record text as a code span (literal, never a link)."""
    return "`" + " ".join(str(text).replace("`", "'").split()) + "`"


def hover_text(kb, target) -> str | None:
    describe = {"reference": _reference, "finding": _finding, "media": _media, "claim": _claim,
                "term": _term}[target.kind]
    return describe(kb, target)


def hover(kb, target, text) -> types.Hover | None:
    value = hover_text(kb, target) if target is not None else None
    if value is None:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=value),
                       range=text.client_range(target.start, target.end))


def _reference(kb, target) -> str:
    ref = kb.references.get(target.key)
    if ref is None:
        return f"**{escape(target.key)}**: no .bib entry defines this key"
    authors = "; ".join(plain(a) for a in ref.authors[:3]) + (" et al." if len(ref.authors) > 3 else "")
    venue = ref.get("journal") or ref.get("booktitle") or ref.get("publisher")
    lines = [f"**{escape(ref.key)}** ({escape(ref.type)}, {escape(ref.path)}:{ref.line})", "",
             f"{escape(authors or 'no authors')} ({escape(ref.year or 'n.d.')}). "
             f"*{escape(plain(ref.title) or 'untitled')}*" + (f". {escape(plain(venue))}" if venue else "")]
    ids = [f"{name}: {escape(ref.get(name))}" for name in ("doi", "pmid") if ref.get(name)]
    if ids:
        lines += ["", " · ".join(ids)]
    findings = kb.findings_by_id(ref.key)
    cited = sum(1 for c in kb.claims.values() if any(s.ref == ref.key for s in c.record.sources))
    lines += ["", f"{_count(len(findings), 'finding')}; cited by {_count(cited, 'claim')}"]
    return "\n".join(lines)


def _finding(kb, target) -> str:
    finding = kb.finding(target.ref, target.key) if target.ref else None
    if finding is None:
        where = escape(target.ref) if target.ref else "this source"
        return f"**{escape(target.key)}**: {where} has no such finding"
    lines = [f"**{escape(target.ref)} / {escape(finding.id)}**", "",
             f"measure: {escape(finding.measure)} · comparison: {escape(finding.comparison)}"
             f" · direction: {escape(finding.direction)}",
             "", f"value: {escape(value_text(finding))}", "", f"where: {escape(finding.where)}"]
    if finding.p:
        lines[-1] += f" · p {escape(finding.p)}"
    return "\n".join(lines)


def value_text(finding) -> str:
    unit = f" {finding.unit}" if finding.unit else ""
    arms = lambda arms: "; ".join(f"{a.label} {a.mean:g}" + (f" (sd {a.sd:g})" if a.sd is not None else "")
                                  + (f" n={a.n}" if a.n is not None else "") for a in arms) + unit
    if finding.value is not None:
        text = f"{finding.value:g}{unit}"
    elif finding.range is not None:
        text = f"{finding.range[0]:g} to {finding.range[1]:g}{unit}"
    elif finding.arms:
        text = arms(finding.arms)
    elif finding.change:
        text = "change " + arms(finding.change)
    elif finding.effect is not None:
        e = finding.effect
        text = f"{e.type} {e.estimate:g}" + (f" [{e.ci[0]:g}, {e.ci[1]:g}]" if e.ci else "")
    elif finding.not_reported:
        text = "not reported"
    else:
        text = "direction only"
    if finding.derived is not None:
        d = finding.derived
        text += f"; derived {d.value:g} {d.unit} = {d.formula}"
    return text


def _media(kb, target) -> str:
    loaded = kb.media.get(target.key)
    if loaded is None:
        return f"**{escape(target.key)}**: no media record references/media/{escape(target.key)}.yaml"
    m = loaded.record
    return "\n".join([f"**{escape(m.id)}** ({escape(m.outlet)}, seen {escape(m.seen)})", "", f"*{escape(m.title)}*"]
                     + ([f"", escape(m.publisher)] if m.publisher else []) + ([f"", code(m.url)] if m.url else []))


def _claim(kb, target) -> str:
    loaded = kb.claims.get(target.key)
    if loaded is None:
        return f"**{escape(target.key)}**: no claim has this id"
    c = loaded.record
    return f"**{escape(c.id)}** ({escape(c.kind)}, {escape(loaded.topic)})\n\n{escape(c.statement)}"


def _term(kb, target) -> str | None:
    term = kb.vocab.get(target.vocabulary, target.key)
    if term is None:
        return f"**{escape(target.key)}**: not a term of the {escape(target.vocabulary)} vocabulary"
    text = f"**{escape(term.name)}** ({escape(target.vocabulary)}: {escape(term.id)})"
    return text + (f"\n\n{escape(term.description)}" if term.description else "")
