"""`[fn(x) for x in items]` on every core, for CPU-bound batches (Python's own work holds the GIL).

Workers are forked, so they inherit the items, the function and everything imported or
built beforehand; only results are pickled back, through a file in /dev/shm. Small batches, a single core, or a
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
    return start(fn, items, minimum).result()


class Pending:
    """A map started in forked workers; `result()` waits for it (or computes it in-process)."""

    def __init__(self, fn, items: list, n: int):
        self._fn, self._items, self._n = fn, items, n
        self._pool = self._async = None
        if n >= 2:
            import multiprocessing
            global _job
            _job = (items, fn)
            try:
                self._pool = multiprocessing.get_context("fork").Pool(n)   # the workers are forked here
            finally:
                _job = ((), None)
            self._async = self._pool.starmap_async(_share, [(i, n) for i in range(n)])

    def result(self) -> list:
        if self._pool is None:
            return [self._fn(x) for x in self._items]
        try:
            shares = self._async.get()
        finally:
            self._pool.close()
            self._pool.join()
            self._pool = None
        out = [None] * len(self._items)
        for i, path in enumerate(shares):
            out[i::self._n] = _read_share(path)
        return out


def start(fn, items, minimum: int) -> Pending:
    """Start `[fn(x) for x in items]` in forked workers while the caller goes on."""
    items = list(items)
    return Pending(fn, items, workers(len(items), minimum))


def _share(start: int, step: int) -> str:
    """One worker's part, pickled to a file (a pipe moves tens of megabytes far more slowly)."""
    import gc
    import pickle
    import tempfile
    gc.disable()        # a short-lived worker: a collection would only copy the inherited heap
    items, fn = _job
    result = [fn(x) for x in items[start::step]]
    fd, path = tempfile.mkstemp(prefix="evkb-share-", suffix=".pickle", dir=_spool())
    with os.fdopen(fd, "wb") as f:
        pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _read_share(path: str) -> list:
    import pickle
    try:
        with open(path, "rb") as f:
            return pickle.load(f)     # written by our own forked worker a moment ago
    finally:
        os.remove(path)


def _spool() -> str | None:
    """Memory-backed /dev/shm where there is one, else the temporary folder."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
