"""Generated pages' HTML bodies kept compressed between rendering and writing.

MkDocs renders every page before it writes any, so a build would hold the HTML of all
pages at once: at 10,000 claims that is most of its memory. A generated page's body is
read again only when its own output is built (search entries are made from the
compressed copy beforehand), so it is set aside here, about a tenth of its size, and put
back just before the page's template is rendered.
"""
from __future__ import annotations

import pickle
import zlib


class DeferredBodies:
    def __init__(self):
        self._blobs: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._blobs)

    def set_aside(self, src_uri: str, html: str) -> str:
        """Keep the body; what the page holds meanwhile (nothing)."""
        self._blobs[src_uri] = zlib.compress(html.encode("utf-8"), 1)
        return ""

    def content(self, page) -> str:
        """The page's body, set aside or not, without taking it back."""
        blob = self._blobs.get(page.file.src_uri)
        return page.content if blob is None else zlib.decompress(blob).decode("utf-8")

    def restore(self, page) -> None:
        page.content = self.content(page)
        self._blobs.pop(page.file.src_uri, None)


def pack(value) -> bytes:
    """Any of this build's own values (bodies, search entries), compressed until used."""
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(packed: bytes):
    return pickle.loads(zlib.decompress(packed))     # made by `pack` in this build, never read from disk
