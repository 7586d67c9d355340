"""The page generator: a checked knowledge base -> {site path: Markdown} (and data files).

It knows nothing of MkDocs; `evkb.mkdocs_plugin` is a thin adapter that turns these
pages into MkDocs files, so moving to another generator stays small.

Untrusted record text only ever appears inside block-level HTML, escaped by the Jinja
filters below (Markdown leaves block HTML alone), or inside JSON made safe for a
<script> block. Page titles and paths come from ids, through `links.slug`.
"""
from __future__ import annotations

import functools
import re
from functools import lru_cache

from ..forkmap import fork_map

from . import links, safe
from .citation import format_citation, short_label
from .links import claim_path, media_path, measure_path, reference_path, topic_path
from .site import Options, Site

ASSETS = __import__("pathlib").Path(__file__).parent / "assets"
THEME = __import__("pathlib").Path(__file__).parent / "theme"


def _title_safe(value) -> str:
    value = str(value)
    return value if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _.:+/-]*", value) else links.slug(value)


def _pre(value):
    from markupsafe import Markup, escape
    return Markup(str(escape(str(value).rstrip("\n"))).replace("\r", "").replace("\n", "&#10;"))


@lru_cache(maxsize=None)
def _env():
    import jinja2
    env = jinja2.Environment(loader=jinja2.PackageLoader("evkb.pages", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["t"] = safe.text
    env.filters["url"] = safe.safe_url
    env.filters["title_safe"] = _title_safe
    env.filters["pre"] = _pre
    return env


def render(template: str, **context) -> str:
    return _env().get_template(template).render(**context)


def generate(result, repo_url: str = "", options: Options | None = None, site: Site | None = None) -> dict[str, str]:
    """Every generated Markdown page, by docs path."""
    from . import indexes
    from .claim import claim_page
    from .measure import measure_page
    from .media import media_page
    from .reference import reference_page
    if options is None:
        options = Options(repo_url=repo_url, edit_base=(repo_url.rstrip("/") + "/edit/main/") if repo_url else "")
    site = site or Site(result, options)
    kb = site.kb
    pages = {"index.md": indexes.home_page(site), "claims/index.md": indexes.claims_index(site),
             "references/index.md": indexes.bibliography(site), "measures/index.md": indexes.measures_index(site),
             "media/index.md": indexes.media_index(site), "check/index.md": indexes.check_report(site),
             "method/index.md": indexes.method_page(site), "downloads.md": indexes.downloads_page(site),
             "explorer/index.md": indexes.explorer_page(site)}
    pages.update(indexes.topic_pages(site))
    pages.update(indexes.rule_pages(site))
    site.prepare()      # what every page shares, computed once before any worker starts
    _env().get_template("claim.md.j2"), _env().get_template("reference.md.j2")   # compiled once, inherited
    record_pages = [(claim_path(cid), claim_page, cid) for cid in kb.claims] + \
        [(reference_path(key), reference_page, key) for key in kb.references]
    texts = fork_map(functools.partial(_record_page, site), record_pages, PARALLEL_MIN)
    pages.update(zip((path for path, _, _ in record_pages), texts))
    for mid in kb.media:
        pages[media_path(mid)] = media_page(site, mid)
    for measure in site.measures:
        pages[measure_path(measure)] = measure_page(site, measure)
    return pages


PARALLEL_MIN = 1000     # claim and reference pages; fewer are generated in-process


def _record_page(site, item) -> str:
    _, page, record_id = item
    return page(site, record_id)


def data_files(result, options: Options | None = None, site: Site | None = None) -> dict[str, str]:
    """The downloads: site path -> text (JSON, BibTeX)."""
    from .data import data_files as build
    return build(site or Site(result, options or Options()))


__all__ = ["generate", "data_files", "render", "format_citation", "short_label", "claim_path", "reference_path",
           "media_path", "measure_path", "topic_path", "Options", "Site", "ASSETS", "THEME"]
