"""The page generator: a checked knowledge base -> {site path: Markdown}.

It knows nothing of MkDocs; `evkb.mkdocs_plugin` is a thin adapter that turns
these pages into MkDocs files, so moving to another generator stays small.
"""
from __future__ import annotations

from functools import lru_cache

from . import safe
from .citation import format_citation, short_label


@lru_cache(maxsize=None)
def _env():
    import jinja2
    env = jinja2.Environment(loader=jinja2.PackageLoader("evkb.pages", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["t"] = safe.text
    env.filters["url"] = safe.safe_url
    return env


def render(template: str, **context) -> str:
    return _env().get_template(template).render(**context)


def claim_path(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def reference_path(key: str) -> str:
    return f"references/{key}.md"


def media_path(media_id: str) -> str:
    return f"media/{media_id}.md"


def generate(result, repo_url: str = "") -> dict[str, str]:
    from .claim import claim_page
    from .home import home_page
    from .reference import reference_page
    kb = result.kb
    pages = {"index.md": home_page(result)}
    for cid in kb.claims:
        pages[claim_path(cid)] = claim_page(result, cid, repo_url)
    for key in kb.references:
        pages[reference_path(key)] = reference_page(result, key)
    return pages


__all__ = ["generate", "render", "format_citation", "short_label", "claim_path", "reference_path", "media_path"]
