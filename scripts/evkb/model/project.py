"""What the installed evkb is: its version and its project URLs, read from the package metadata.

pyproject.toml is the only place they are written; the SARIF driver, the network user agent,
the files `evkb init` writes and the pre-commit example all read them from here.
"""
from __future__ import annotations

from functools import cache
from importlib import metadata

DIST = "evkb"


@cache
def version() -> str:
    return metadata.version(DIST)


@cache
def urls() -> dict[str, str]:
    """[project.urls] of pyproject.toml, keyed by lower-case label (homepage, repository, ...)."""
    out = {}
    for entry in metadata.metadata(DIST).get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        out[label.strip().lower()] = url.strip()
    return out


def repository() -> str:
    return urls()["repository"]


def documentation() -> str:
    """The project's site (with a trailing slash): the rule pages of the engine live there."""
    return urls()["documentation"].rstrip("/") + "/"


def release_tag() -> str:
    """The git tag of this version: what `rev:` of a pre-commit hook and `uses: ...@` point at."""
    return f"v{version()}"
