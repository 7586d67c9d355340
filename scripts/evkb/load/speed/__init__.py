"""Speed machinery of the load stage: results are the same without it, only slower.

`cache` keeps parsed records between runs by content hash; `parallel` parses files in
forked workers; `forkmap` is the one fork-pool helper (the site uses it too); `nogc`
pauses the garbage collector around allocation-heavy loops.

May import: evkb.model and the rest of evkb.load.
"""
