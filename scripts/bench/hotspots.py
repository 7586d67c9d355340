"""Where the time goes when a target is missed: one run of a command under cProfile, in a child.

`profile(args, env, out)` runs `python -m cProfile -o out -m <args>` and summarises the top functions
by cumulative time (without the command-line wrappers: runpy, click, the CLI entry) and by own time.
Work done in worker processes is not profiled: the parent shows it as time waiting on a lock.
"""
from __future__ import annotations

import pstats
import re
from pathlib import Path

import child

WRAPPERS = ("runpy", "click/", "<string>", "__main__.py", "evkb/cli.py", "cProfile", "mkdocs/__main__.py",
            "<frozen importlib")
PREFIX = re.compile(r"^.*?(/scripts/|/site-packages/|/lib/python3\.\d+/)")


def _short(filename: str) -> str:
    return PREFIX.sub("", filename)


def _imports(stats: pstats.Stats) -> float:
    """Cumulative seconds spent importing modules (outermost imports only)."""
    return max((ct for (f, _, name), (_, _, _, ct, _) in stats.stats.items()
                if f.startswith("<frozen importlib") and name == "_find_and_load"), default=0.0)


def _rows(stats: pstats.Stats, key: int, count: int) -> list:
    rows = []
    for (filename, line, name), (cc, nc, tt, ct, _) in stats.stats.items():
        if any(w in filename for w in WRAPPERS) or name in ("<built-in method builtins.exec>", "<module>"):
            continue
        where = name if filename == "~" else f"{_short(filename)}:{line}({name})"
        rows.append((ct if key == 0 else tt, ct, tt, nc, where))
    rows.sort(key=lambda r: -r[0])
    return rows[:count]


def summarise(prof: Path, top: int = 10) -> str:
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    lines = [f"profiled run: {total:.2f} s of Python time in the parent process (cProfile slows it), "
             f"{_imports(stats):.2f} s of it importing modules", "",
             f"top {top} by cumulative time:", "", "| cum s | own s | calls | function |", "|---:|---:|---:|---|"]
    lines += [f"| {ct:.2f} | {tt:.2f} | {nc} | `{where}` |" for _, ct, tt, nc, where in _rows(stats, 0, top)]
    lines += ["", "top 5 by own time:", "", "| own s | calls | function |", "|---:|---:|---|"]
    lines += [f"| {tt:.2f} | {nc} | `{where}` |" for _, _, tt, nc, where in _rows(stats, 1, 5)]
    return "\n".join(lines)


def profile(args: list, env: dict, out: Path, cwd=None) -> dict:
    result = child.run(child.python("-m", "cProfile", "-o", out, "-m", *args), env=env, cwd=cwd)
    if result["rc"] not in (0, 1) or not Path(out).exists():
        return {"failed": True, "rc": result["rc"], "why": child.tail(result["stderr"], 6)}
    return {"seconds": result["seconds"], "rc": result["rc"], "summary": summarise(Path(out))}
