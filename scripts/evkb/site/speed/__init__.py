"""Speed machinery of the page generator: same pages, less time.

`textcache` keeps formatted citations between builds, `fastlatex` skips LaTeX decoding
where it is provably a no-op, `reftexts` formats every reference's texts on every core.

May import: evkb.model, evkb.load, evkb.engine and evkb.site.pages.
"""
