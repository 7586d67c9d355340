"""Pause Python's cyclic garbage collector while building many small acyclic objects.

Loading 10,000 records creates millions of nodes and dataclass instances; the
collector would rescan them over and over (measured: compose 7.3 s with it,
1.6 s without). Records hold no reference cycles, so nothing is leaked.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused_gc():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
