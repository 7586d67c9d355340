"""The Jinja environment of the page templates, with the filters that escape record text."""
from __future__ import annotations

import re
from functools import lru_cache

from . import links, safe
from .headline import front_matter_text


def _title_safe(value) -> str:
    value = str(value)
    return value if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _.:+/-]*", value) else links.slug(value)


def _pre(value):
    from markupsafe import Markup, escape
    return Markup(str(escape(str(value).rstrip("\n"))).replace("\r", "").replace("\n", "&#10;"))


@lru_cache(maxsize=None)
def environment():
    import jinja2
    env = jinja2.Environment(loader=jinja2.PackageLoader("evkb.site.pages", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["t"] = safe.text
    env.filters["url"] = safe.safe_url
    env.filters["title_safe"] = _title_safe
    env.filters["pre"] = _pre
    env.filters["fm"] = front_matter_text
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
