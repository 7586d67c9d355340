"""The contributing page: the repository's CONTRIBUTING.md with its links made to work on the site."""
from __future__ import annotations

import re


def contributing_page(source, repo_url: str) -> str:
    repo = (repo_url or "").rstrip("/")
    if not source.is_file():
        return ("---\ntitle: Contributing\n---\n# Contributing\n\nClaims and references are YAML and BibTeX "
                "files checked by `evkb check`; see [how verdicts are made](method/index.md) and the repository's "
                "`docs/records.md`.\n")
    text = source.read_text(encoding="utf-8")
    def fix(m):
        label, target = m.group(1), m.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.I):
            return m.group(0)
        path, _, anchor = target.partition("#")
        if path.startswith("docs/"):
            new = path[len("docs/"):]
        elif repo:
            new = f"{repo}/blob/main/{path}"
        else:
            return label[1:-1]
        return f"[{label[1:-1]}]({new}{'#' + anchor if anchor else ''})"
    return re.sub(r"(\[[^\]\n]*\])\(([^)\s]+)\)", fix, text)
