"""What each build shortcut expects of the installed MkDocs, Material and Python-Markdown.

Every shortcut in this folder reaches past the public plugin API. Before one is used, the
names it relies on are looked up here; when one is missing (a newer or older release
moved it), the shortcut stays off for the build, the plain MkDocs path is taken, and the
log says so once. The pages are the same either way, only built more slowly.
"""
from __future__ import annotations

import importlib
import logging
from functools import cache

log = logging.getLogger("mkdocs.plugins.evkb")

# shortcut -> (module, attribute path) pairs it uses; an attribute of a class may be a
# class-level annotation (MkDocs declares instance attributes that way)
EXPECTS: dict[str, tuple[tuple[str, str], ...]] = {
    "fastbody": (("markdown.extensions.toc", "nest_toc_tokens"), ("markdown.extensions.toc", "unique"),
                 ("mkdocs.structure.toc", "get_toc"), ("mkdocs.utils.meta", "get_data"),
                 ("mkdocs.structure.pages", "Page.render"), ("mkdocs.structure.pages", "Page.content"),
                 ("mkdocs.structure.pages", "Page.toc"), ("mkdocs.structure.pages", "Page.present_anchor_ids")),
    "themecache": (("mkdocs.structure.pages", "Page.edit_url"), ("mkdocs.structure.pages", "Page.canonical_url"),
                   ("mkdocs.structure.pages", "Page.is_homepage"), ("mkdocs.structure.pages", "Page.previous_page"),
                   ("mkdocs.structure.pages", "Page.next_page"), ("mkdocs.structure.pages", "Page.meta")),
    "fastsearch": (("material.plugins.search.plugin", "Parser.handle_data"),
                   ("material.plugins.search.plugin", "Parser.handle_starttag"),
                   ("material.plugins.search.plugin", "Parser.handle_endtag"),
                   ("material.plugins.search.plugin", "SearchIndex.create_entry_for_section")),
    "rawhtml": (("markdown.util", "BLOCK_LEVEL_ELEMENTS"),),
    "release": (("mkdocs.structure.files", "File.content_string"), ("mkdocs.structure.pages", "Page.markdown")),
    "stored": (("mkdocs.structure.files", "File._content"), ("mkdocs.structure.files", "File.generated")),
    "serve": (("mkdocs.structure.files", "File.generated"), ("mkdocs.structure.files", "File.abs_src_path")),
    "first": (("mkdocs.commands.build", "_populate_page"), ("mkdocs.commands.build", "_build_page"),
              ("mkdocs.structure.files", "InclusionLevel.is_in_serve"), ("mkdocs.livereload", "_timestamp")),
}


def missing(shortcut: str) -> str | None:
    """The first name the shortcut needs that the installed packages lack, or None."""
    for module_name, attribute in EXPECTS[shortcut]:
        try:
            owner = importlib.import_module(module_name)
        except ImportError:
            return module_name
        for part in attribute.split("."):
            declared = set()
            if isinstance(owner, type):
                for cls in owner.__mro__:
                    declared |= set(getattr(cls, "__annotations__", {}))
            if hasattr(owner, part):
                owner = getattr(owner, part)
            elif part in declared:
                break
            else:
                return f"{module_name}.{attribute}"
    return None


@cache
def usable(shortcut: str) -> bool:
    """Whether the shortcut may be used in this process; logged once when it may not."""
    lacking = missing(shortcut)
    if lacking:
        log.info("evkb: the %s shortcut is off: the installed packages have no %s; building these pages "
                 "the plain MkDocs way", shortcut, lacking)
    return lacking is None
