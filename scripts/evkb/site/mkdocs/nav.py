"""The site's navigation: the default when mkdocs.yml has none, and entries left out until their page exists."""
from __future__ import annotations

import logging

log = logging.getLogger("mkdocs.plugins.evkb")

# Used when mkdocs.yml has no `nav`: only index pages, so a base of 10,000 claims does not
# render a 10,000-entry navigation into every page (build time grows with pages x nav size).
DEFAULT_NAV = [
    {"Home": "index.md"},
    {"Explorer": "explorer/index.md"},
    {"Claims": [{"All claims": "claims/index.md"}, {"Topics": "topics/index.md"},
                {"Popular articles": "media/index.md"}]},
    {"Evidence": [{"Bibliography": "references/index.md"}, {"Measures": "measures/index.md"},
                  {"Downloads": "downloads.md"}]},
    {"Check": [{"Check report": "check/index.md"}, {"Rules": "rules/index.md"}]},
    {"Method": [{"Verdicts and grades": "method/index.md"}, {"How a figure is checked": "method/figures.md"}]},
]


def prune_nav(config, files, generated, optional_pages) -> None:
    """Drop nav entries to `optional_pages` that no file provides yet (others write them)."""
    optional = set(optional_pages)
    if not optional or not config.nav:
        return
    def present(target):
        return not isinstance(target, str) or target not in optional or target in generated \
            or files.get_file_from_path(target) is not None
    def walk(items):
        out = []
        for item in items:
            if isinstance(item, dict):
                (title, target), = item.items()
                if isinstance(target, list):
                    target = walk(target)
                    if target:
                        out.append({title: target})
                elif present(target):
                    out.append(item)
                else:
                    log.info("nav: %s is not written yet; its entry is left out", target)
            elif present(item):
                out.append(item)
        return out
    config.nav = walk(config.nav)
