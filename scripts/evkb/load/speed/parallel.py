"""Parse many records on every core: a cold check of 10,000 files is CPU-bound YAML work.

Worker processes are forked (`forkmap`), so they inherit the file contents, the imported
modules and the compiled validators; the loader parses the BibTeX while they work, and
the records come back in order. Small batches, a single core, or a process with other
threads running are parsed in-process.
"""
from __future__ import annotations

PARALLEL_MIN = 1000


def worker_count(files: int) -> int:
    """How many processes parse `files` records: 1 means in-process."""
    from .forkmap import workers
    return workers(files, PARALLEL_MIN)


def start_parse(jobs: list[tuple[str, str, bytes]]):
    """Start parsing (kind, shown path, bytes) jobs in forked workers; `.result()` gives them in order."""
    from .forkmap import start
    if worker_count(len(jobs)) >= 2:
        from ..validate import fast_validator
        for kind in {kind for kind, _, _ in jobs}:
            fast_validator(kind)  # compiled once here, inherited by the workers
    return start(_parse_job, jobs, PARALLEL_MIN)


def _parse_job(job: tuple[str, str, bytes]):
    from ..parse import parse_record
    return parse_record(*job)

