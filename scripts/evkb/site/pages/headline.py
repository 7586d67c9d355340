"""Reader headlines: a claim's `title`, else its statement shortened at a word boundary;
an article's headline with its outlet. Page paths stay the record ids (see `links`)."""
from __future__ import annotations

import html
import re

from markupsafe import Markup

MAX_TITLE = 72
_TRAILING = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "by", "with", "for", "than", "as", "at",
             "from", "compared", "versus", "vs", "its", "their", "that", "which", "up"}
_SPACE = re.compile(r"\s+")


_CLAUSE = re.compile(r",? (?:compared (?:with|to)|versus|vs\.?|relative to) |, (?:which|but|while|whereas) | — | – |; ")
# An opening clause that sets the scene ("In a trial of 52 adults, ...") is dropped from a long
# headline when what follows is a sentence of its own.
_INTRO = re.compile(r"(?:In|Among|Across|After|According to|Pooling|At|On|Over)\b"
                    r"[^,;:]{3,80}, (?=[A-Za-z0-9])")


def shorten(text: str, limit: int = MAX_TITLE) -> str:
    """The text on one line, without its final full stop. When too long: without an opening
    scene-setting clause ("In 20 healthy adults, ..."), then cut before a trailing clause
    ("compared with ...") if what is left still says enough, else at a word boundary (never
    inside a word, never ending on a small word such as "and") with an ellipsis."""
    text = _SPACE.sub(" ", str(text or "")).strip()
    text = text[:-1] if text.endswith(".") and not text.endswith("..") else text
    if len(text) <= limit:
        return text
    intro = _INTRO.match(text)
    if intro and len(text) - intro.end() >= 30:
        rest = text[intro.end():]
        text = rest[:1].upper() + rest[1:]
        if len(text) <= limit:
            return text
    cuts = [m.start() for m in _CLAUSE.finditer(text) if limit // 2 <= m.start() <= limit]
    if cuts:
        return text[:cuts[-1]].rstrip(",;:")
    words = text[: limit + 1].split(" ")[:-1] or [text[:limit]]
    while len(words) > 3 and (words[-1].lower().strip(",;:") in _TRAILING or words[-1].endswith(("(", "-"))):
        words.pop()
    return " ".join(words).rstrip(",;:—–-") + "…"


def claim_title(claim) -> str:
    return shorten(claim.title) if getattr(claim, "title", None) else shorten(claim.statement)


def media_title(media, outlet_word: str = "") -> str:
    """"Backward walking for bad knees — Example News" (the publisher, else the kind of outlet)."""
    where = media.publisher or outlet_word
    head = shorten(media.title, 90)
    return f"{head} — {where}" if where else head


def front_matter_text(value: str) -> str:
    """A YAML double-quoted scalar holding `value` HTML-escaped: Material writes a page's meta
    title and description into the HTML as they are, so they are escaped here, once."""
    escaped = html.escape(_SPACE.sub(" ", str(value or "")).strip(), quote=True)
    if escaped.isprintable() and "\\" not in escaped and "\ufeff" not in escaped:
        return Markup('"' + escaped + '"')
    out = []
    for ch in escaped:
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable() and ch not in "\ufeff":
            out.append(ch)
        else:
            out.append(f"\\U{ord(ch):08x}")
    return Markup('"' + "".join(out) + '"')
