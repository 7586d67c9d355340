"""Run one child process and measure its wall time and its own peak RSS (os.wait4, per child)."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent
REPO = SCRIPTS.parent


def engine_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SCRIPTS), env.get("PYTHONPATH", "")) if p)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def run(cmd: list, env: dict | None = None, cwd=None) -> dict:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # ru_maxrss: the largest single process of the tree (the child or a worker it waited for);
        # CPU: user + system time of the child and of every worker it waited for.
        return {"seconds": seconds, "rss_mb": usage.ru_maxrss / 1024, "rc": proc.returncode,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "stdout": out.read().decode("utf-8", "replace"), "stderr": err.read().decode("utf-8", "replace")}


def python(*args) -> list:
    return [sys.executable, *args]


def median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])
