"""A reference lacks a field a citation needs (author, title, year, and journal for articles).

Such an entry still loads and still formats, with a fallback citation that names
what is missing; this diagnostic keeps the gap visible. An entry cut short by a BibTeX
syntax error is left to invalid-bibtex: the field may be among those the parser lost.

Failing example:

    @article{flynn1993power, title = {Mechanical power and muscle action ...}, year = {1993}}

Fixed example:

    @article{flynn1993power, author = {Flynn, T. W. and ...}, title = {...}, journal = {...}, year = {1993}}
"""
from . import Hit

CODE = "R010"
NAME = "incomplete-reference"
LEVEL = "info"
OPTIONS: dict = {}

NEEDED = {"article": ("author", "title", "journal", "year"), "book": ("title", "year"),
          "inproceedings": ("author", "title", "booktitle", "year"), "mastersthesis": ("author", "title", "school", "year"),
          "phdthesis": ("author", "title", "school", "year")}
DEFAULT = ("title", "year")


def missing_fields(ref) -> list[str]:
    needed = NEEDED.get(ref.type, DEFAULT)
    have = set(ref.fields) | ({"author"} if ref.authors else set()) | ({"editor"} if ref.editors else set())
    if "author" in needed and "editor" in have:
        have.add("author")
    return [name for name in needed if name not in have]


def check_bibliography(ctx):
    unreadable = ctx.kb.unreadable
    for key, ref in ctx.kb.references.items():
        if ("ref", key) in unreadable:
            continue   # a syntax error cut the entry short: invalid-bibtex says where, its fields may be there
        missing = missing_fields(ref)
        if missing:
            yield Hit(ref.path, ref.line, 1, f"reference {key!r} ({ref.type}) lacks {', '.join(missing)}",
                      "add the fields if a reliable page shows them; otherwise say in `note` why they are missing",
                      subject=key)
