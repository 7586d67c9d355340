"""Site paths and relative URLs, computed here because generated HTML blocks are not
rewritten by MkDocs. Every name that reaches a path (claim ids, BibTeX keys, media ids,
vocabulary terms, topic folders) is untrusted: `slug` keeps a safe character set and
adds a short hash whenever it had to change something, so two names never collide."""
from __future__ import annotations

import hashlib
import posixpath
import re
from functools import lru_cache

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$")
_BAD = re.compile(r"[^A-Za-z0-9_.+-]+")


def slug(name: str) -> str:
    name = str(name)
    if _SAFE.match(name) and ".." not in name and not name.lower().endswith((".md", ".html")):
        return name
    cleaned = _BAD.sub("-", name).strip(".-")[:60] or "x"
    return f"{cleaned}-{hashlib.sha1(name.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def topic_slug(topic: str) -> str:
    return "/".join(slug(part) for part in str(topic).split("/") if part) or "none"


def claim_path(claim_id: str) -> str:
    return f"claims/{slug(claim_id)}.md"


def reference_path(key: str) -> str:
    return f"references/{slug(key)}.md"


def media_path(media_id: str) -> str:
    return f"media/{slug(media_id)}.md"


def measure_path(measure: str) -> str:
    return f"measures/{slug(measure)}.md"


def topic_path(topic: str) -> str:
    return f"topics/{topic_slug(topic)}.md"


def rule_path(rule) -> str:
    return f"rules/{slug(rule.code)}.md"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The site URL (relative to the site root) of a docs path; other files keep their path."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=4096)
def _parts(path: str) -> tuple:
    return tuple(p for p in posixpath.normpath(path).split("/") if p and p != ".")


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for site-relative paths, without its two `os.getcwd()` calls."""
    if path.startswith("/") or start.startswith("/") or ".." in _parts(start) + _parts(path):
        return posixpath.relpath(path, start)
    to, frm = _parts(path), _parts(start)
    common = 0
    for a, b in zip(to, frm):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(frm) - common) + list(to[common:])) or "."


def relative_url(to_url: str, from_url: str) -> str:
    """A link from the page at from_url to to_url; always starts with '.' so that no part
    of a name can be read as a URL scheme."""
    base = from_url.rsplit("/", 1)[0] if "/" in from_url else ""
    target = to_url.split("#", 1)
    rel = _relpath(target[0] or ".", base or ".")
    if target[0].endswith("/") or not target[0]:
        rel = rel.rstrip("/") + "/"
    if rel == "./" or rel == "/":
        rel = "./"
    elif not rel.startswith("."):
        rel = "./" + rel
    return rel + (("#" + target[1]) if len(target) > 1 else "")


class Linker:
    """Relative links from one page."""

    def __init__(self, from_path: str, directory_urls: bool = True):
        self.directory_urls = directory_urls
        self.from_url = page_url(from_path, directory_urls)

    def __call__(self, to_path: str, anchor: str = "") -> str:
        url = relative_url(page_url(to_path, self.directory_urls), self.from_url)
        return url + (f"#{anchor}" if anchor else "")
