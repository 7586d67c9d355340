"""The page generator as one plain function: a checked base -> {site path: Markdown}.

Nothing here knows MkDocs: `site/mkdocs/plugin.py` adapts the pages to MkDocs files, and
another static-site generator could be fed the same dictionary.
"""
from __future__ import annotations

import functools

from ...load.speed.forkmap import fork_map
from .links import claim_path, media_path, measure_path, reference_path
from .site import Options, Site
from .templating import environment


def generate(result, repo_url: str = "", options: Options | None = None, site: Site | None = None,
             only: set | None = None, finish=None) -> dict:
    """Every generated Markdown page, by docs path. With `only`, the record pages (claims,
    references, media, measures) are limited to those paths; the index pages are always made.
    With `finish`, each page is `finish(path, text)` instead of its text, made where the page is
    (in a forked worker for most): a caller that compresses pages never holds them all as text."""
    from . import indexes
    from .method_figures import method_figures_page
    if options is None:
        options = Options(repo_url=repo_url, edit_base=(repo_url.rstrip("/") + "/edit/main/") if repo_url else "")
    site = site or Site(result, options)
    pages = {"index.md": indexes.home_page(site), "claims/index.md": indexes.claims_index(site),
             "references/index.md": indexes.bibliography(site), "measures/index.md": indexes.measures_index(site),
             "media/index.md": indexes.media_index(site), "check/index.md": indexes.check_report(site),
             "method/index.md": indexes.method_page(site),
             "method/figures.md": method_figures_page(site), "downloads.md": indexes.downloads_page(site),
             "explorer/index.md": indexes.explorer_page(site)}
    pages.update(indexes.topic_pages(site))
    pages.update(indexes.rule_pages(site))
    if finish is not None:
        pages = {path: finish(path, text) for path, text in pages.items()}
    site.prepare()      # what every page shares, computed once before any worker starts
    pages.update(record_pages(site, only, finish))
    return pages


def record_pages(site: Site, only: set | None = None, finish=None) -> dict:
    """The pages of single records (claims, references, media, measures), by docs path;
    with `only`, just those paths; with `finish`, as in `generate`."""
    from .claim import claim_page
    from .measure import measure_page
    from .media import media_page
    from .reference import reference_page
    kb = site.kb
    environment().get_template("claim.md.j2"), environment().get_template("reference.md.j2")   # compiled once, inherited

    def wanted(path):
        return only is None or path in only
    items = [(path, claim_page, cid) for cid in kb.claims if wanted(path := claim_path(cid))] + \
        [(path, reference_page, key) for key in kb.references if wanted(path := reference_path(key))]
    finish = finish or _text
    texts = fork_map(functools.partial(_record_page, site, finish), items, PARALLEL_MIN)
    pages = dict(zip((path for path, _, _ in items), texts))
    for mid in kb.media:
        if wanted(path := media_path(mid)):
            pages[path] = finish(path, media_page(site, mid))
    for measure in site.measures:
        if wanted(path := measure_path(measure)):
            pages[path] = finish(path, measure_page(site, measure))
    return pages


PARALLEL_MIN = 1000     # claim and reference pages; fewer are generated in-process


def _text(path: str, text: str) -> str:
    return text


def _record_page(site, finish, item):
    path, page, record_id = item
    return finish(path, page(site, record_id))


def data_files(result, options: Options | None = None, site: Site | None = None, memo: dict | None = None,
               finish=None) -> dict:
    """The downloads: site path -> text (JSON, BibTeX), or `finish(path, text)` made as each is.
    `memo`, kept by a long-running build between rebuilds, holds each record's JSON so only
    changed records are encoded again."""
    from .data import data_files as build
    return build(site or Site(result, options or Options()), memo, finish or _text)
