"""Metadata -> a BibTeX entry as text (fields aligned, special characters escaped)."""
from __future__ import annotations

import re

from .metadata import Metadata, expand_pages

_SPECIAL = re.compile(r"([&%$#_])")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text.replace("{", "").replace("}", ""))


def _person(family: str, given: str) -> str:
    if given:
        return escape(f"{family}, {given}")
    return "{" + escape(family) + "}"   # a collective name, kept whole


def entry_text(meta: Metadata, key: str) -> str:
    fields = [("author", " and ".join(_person(f, g) for f, g in meta.authors)),
              ("title", escape(meta.title)), ("journal", escape(meta.journal)), ("year", meta.year),
              ("volume", meta.volume), ("number", meta.issue), ("pages", expand_pages(meta.pages)),
              ("doi", meta.doi), ("pmid", meta.pmid)]
    lines = [f"  {name:<7} = {{{value}}}," for name, value in fields if value]
    return f"@article{{{key},\n" + "\n".join(lines) + "\n}\n"
