"""Parse many records on every core: a cold check of 10,000 files is CPU-bound YAML work.

Worker processes are forked, so they inherit the imported modules and compiled
validators; each returns its share of parsed records, in order. Small batches, a
single core, or a process with other threads running (fork would copy their locks)
are parsed in-process.
"""
from __future__ import annotations

PARALLEL_MIN = 2000


def worker_count(files: int) -> int:
    """How many processes parse `files` records: 1 means in-process."""
    from .forkmap import workers
    return workers(files, PARALLEL_MIN)


def parse_many(kind: str, files: list[tuple[str, bytes]]) -> list:
    from .cache import parse_record
    workers = worker_count(len(files))
    if workers < 2:
        return [parse_record(kind, shown, raw) for shown, raw in files]
    import multiprocessing
    from .validate import fast_validator
    fast_validator(kind)  # compiled once here, inherited by the workers
    chunks = [files[i::workers] for i in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.starmap(_parse_chunk, [(kind, chunk) for chunk in chunks])
    out = [None] * len(files)
    for i, chunk_results in enumerate(results):
        out[i::workers] = chunk_results
    return out


def _parse_chunk(kind: str, chunk: list[tuple[str, bytes]]) -> list:
    """Parsed records; each is sent (and later cached) as its record's pickled bytes, made here in parallel."""
    from .cache import parse_record
    return [parse_record(kind, shown, raw) for shown, raw in chunk]
