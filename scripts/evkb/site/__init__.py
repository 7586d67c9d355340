"""Stage 4, site: a checked base -> the evidence site.

`pages/` is the page generator, a plain function from a check result to
{site path: Markdown} plus data files, with its templates, assets and theme overrides.
`mkdocs/` is everything that knows MkDocs or Material: the plugin (a thin adapter over
`pages`), incremental `mkdocs serve`, and the guarded build shortcuts. `speed/` holds
the caches and fast formatters the generator uses (same output, less time).

May import: evkb.model, evkb.load, evkb.engine (not evkb.report, evkb.contrib, evkb.cli).
"""
