"""The MkDocs adapter: the only code that knows MkDocs or Material for MkDocs.

`plugin` adds the generated pages with `File.generated`; `serve` makes `mkdocs serve
--dirty` incremental. The build shortcuts (`fastbody`, `themecache`, `fastsearch`) reach
into MkDocs' and Material's internals; each is behind a guard (`guards`) that falls back
to the plain MkDocs path, logged once, when the installed versions lack what it expects.

May import: evkb.model, evkb.load, evkb.engine and evkb.site.
"""
