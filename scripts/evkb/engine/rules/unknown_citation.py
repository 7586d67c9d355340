"""A hand-written page in docs/ cites a key that no .bib entry defines.

Hand-written pages (topic overviews, the method) cite publications with pandoc's
syntax — `[@key]`, `[@key, p. 33]`, `[@a; @b]`, `[-@key]` — and the site turns each
citation into a link to the reference's page. A key nobody defined would become a
dead citation, so `evkb check` reports it with its file, line and column, like any
other diagnostic, and the site build logs it as a warning (failing `--strict`).
Citations inside code spans and fenced code blocks are ignored.

Failing example:

    docs/topics/knee-oa.md:12   ... as one trial showed [@alghadir2091retro].

Fixed example:

    docs/topics/knee-oa.md:12   ... as one trial showed [@alghadir2019retro].
"""
from ...load.validate import did_you_mean
from . import Hit

CODE = "P001"
NAME = "unknown-citation"
LEVEL = "warning"
OPTIONS: dict = {}


def check(ctx):
    docs = ctx.kb.root / "docs"
    if not docs.is_dir():
        return
    known = ctx.kb.references
    for path in sorted(docs.rglob("*.md")):
        if path.is_symlink() or not path.resolve().is_relative_to(ctx.kb.root):
            continue
        shown = path.relative_to(ctx.kb.root).as_posix()
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        if "@" not in text:   # no citation: the citation finder is not even imported
            continue
        from ...model.citations import find_citations
        for line, col, _start, _end, items in find_citations(text):
            for _prefix, _suppress, key, _locator in items:
                if key not in known:
                    yield Hit(shown, line, col, f"unknown citation key {key!r}",
                              did_you_mean(key, known) or "add the entry to a .bib file under references/",
                              subject="doc:" + path.relative_to(docs).as_posix())
