"""`[fn(x) for x in items]` on every core, for CPU-bound batches (Python's own work holds the GIL).

Workers are forked, so they inherit the items, the function and everything imported or
built beforehand; only results are pickled back. Small batches, a single core, or a
process with other threads running (fork would copy their locks; `mkdocs serve` runs
a server thread) stay in-process.
"""
from __future__ import annotations

import os
import threading

_job: tuple = ((), None)        # (items, fn) for the forked workers: inherited, not pickled


def workers(count: int, minimum: int) -> int:
    """How many processes share `count` items: 1 means in-process."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if count < minimum or threading.active_count() > 1:
        return 1
    return max(1, min(cores, 4))


def fork_map(fn, items, minimum: int) -> list:
    global _job
    items = list(items)
    n = workers(len(items), minimum)
    if n < 2:
        return [fn(x) for x in items]
    import multiprocessing
    _job = (items, fn)
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            shares = pool.starmap(_share, [(i, n) for i in range(n)])
    finally:
        _job = ((), None)
    out = [None] * len(items)
    for i, share in enumerate(shares):
        out[i::n] = share
    return out


def _share(start: int, step: int) -> list:
    import gc
    gc.disable()        # a short-lived worker: a collection would only copy the inherited heap
    items, fn = _job
    return [fn(x) for x in items[start::step]]
