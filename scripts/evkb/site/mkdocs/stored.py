"""Generated files held compressed until MkDocs reads them.

MkDocs takes every file of a build in `on_files`, before it reads any, so a generated
page handed over as text stays in memory, whole, until the build ends: at 10,000 claims
the pages' Markdown alone is about 400 MB (most pages hold a non-ASCII character, so
Python keeps them at two bytes a character). Each page is instead compressed as it is
made, in the forked worker that made it, together with its body (`fastbody`), and a
`StoredFile` gives MkDocs the text back when it asks: about a tenth of the memory.
Data files (JSON, BibTeX) are kept the same way until they are written.

Every MkDocs path that reads a file's content goes through `File._content` (checked by
the "stored" guard), so this stays a File to MkDocs in every respect.
"""
from __future__ import annotations

import functools
import tempfile
import zlib
from typing import NamedTuple

from mkdocs.structure.files import File

LEVEL = 1       # zlib's fastest level: Markdown and JSON still shrink about tenfold


def compress(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), LEVEL)


def decompress(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


class StoredPage(NamedTuple):
    """A generated page as the worker that made it hands it back."""
    blob: bytes                 # its Markdown, compressed
    body: bytes | None          # its packed `fastbody.Body`, None when Markdown must render it

    @property
    def text(self) -> str:
        return decompress(self.blob)


class StoredFile(File):
    """A generated file whose content is kept compressed until MkDocs reads it."""
    _blob: bytes | None = None
    _plain: str | bytes | None = None

    @classmethod
    def stored(cls, config, src_uri: str, blob: bytes) -> "StoredFile":
        f = cls.generated(config, src_uri, content="")
        f._plain, f._blob = None, blob
        return f

    @property
    def _content(self):
        if self._plain is None and self._blob is not None:
            return decompress(self._blob)
        return self._plain

    @_content.setter
    def _content(self, value):
        self._plain, self._blob = value, None


@functools.cache
def stored_files_work() -> bool:
    """Whether the installed MkDocs reads a `StoredFile` back as it was stored."""
    f = StoredFile("probe.md", src_dir=None, dest_dir=tempfile.gettempdir(), use_directory_urls=True)
    f._plain, f._blob = None, compress("Probe \u2014 text")
    return f.content_string == "Probe \u2014 text" and f.content_bytes == "Probe \u2014 text".encode()


class PageStore:
    """What each generated page becomes in the worker that made it: a `StoredPage`."""

    def __init__(self, fast=None):
        self._fast = fast if fast is not None and fast.enabled else None

    def __call__(self, path: str, text: str) -> StoredPage:
        body = self._fast.packed_body(text) if self._fast is not None and path.endswith(".md") else None
        return StoredPage(compress(text), body)
