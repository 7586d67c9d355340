"""The only network code: an HTTP GET with a timeout, a User-Agent and clear failures.

A transport is any function `(url, timeout) -> bytes` that raises `LookupFailure`;
tests pass one that reads fixture files.
"""
from __future__ import annotations

import socket
import urllib.error
import urllib.request

from ..model import project
from . import ContribError

TIMEOUT = 20.0


def user_agent() -> str:
    return f"evkb/{project.version()} (evidence knowledge base; reference look-up; +{project.repository()})"


class LookupFailure(ContribError):
    """The service could not be reached or refused; nothing was written."""


class NotFound(LookupFailure):
    """The service does not know the identifier."""


def http_get(url: str, timeout: float = TIMEOUT) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent(), "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise http_failure(url, exc.code, exc.headers.get("Retry-After") if exc.headers else None) from None
    except (socket.timeout, TimeoutError):
        raise LookupFailure(f"{url}: no answer within {timeout:g} s; try again later") from None
    except urllib.error.URLError as exc:
        raise LookupFailure(f"{url}: cannot connect ({exc.reason}); check the network and try again") from None


def http_failure(url: str, status: int, retry_after: str | None = None) -> LookupFailure:
    if status == 404:
        return NotFound(f"{url}: not found (HTTP 404); check the identifier")
    if status == 429:
        wait = f" after {retry_after} s" if retry_after else " in a minute"
        return LookupFailure(f"{url}: rate limited (HTTP 429); try again{wait}")
    if 500 <= status < 600:
        return LookupFailure(f"{url}: the service failed (HTTP {status}); try again later")
    return LookupFailure(f"{url}: HTTP {status}")


def file_transport(folder):
    """A transport answering from saved responses: FOLDER/crossref/<doi, / as _>.json, FOLDER/pubmed/<pmid>.json.

    For tests and for replaying captured responses; a missing file is a 404.
    """
    from pathlib import Path
    from urllib.parse import parse_qs, unquote, urlsplit
    folder = Path(folder)

    def get(url: str, timeout: float = TIMEOUT) -> bytes:
        parts = urlsplit(url)
        if "/works/" in parts.path:
            path = folder / "crossref" / (unquote(parts.path.split("/works/", 1)[1]).lower().replace("/", "_") + ".json")
        else:
            path = folder / "pubmed" / (parse_qs(parts.query).get("id", [""])[0] + ".json")
        if not path.is_file():
            raise http_failure(url, 404)
        return path.read_bytes()
    return get
