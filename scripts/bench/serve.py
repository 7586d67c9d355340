"""`make serve`'s rebuild after one claim changes: `mkdocs serve --dirty` on a base, one edit, timed.

The first build is the full one; the rebuild's time is MkDocs' own "Documentation built in"
figure for the build that follows the edit, and the plugin's log says how many pages it
rebuilt. The edit prefixes the claim's statement, which shows on its own page and on the
pages listing it (indexes, topic, measures, references); the file is restored afterwards.
"""
from __future__ import annotations

import re
import socket
import subprocess
import time
from pathlib import Path

import child

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
REBUILT = re.compile(r"evkb: (\d+) generated pages changed; (\d+) pages rebuilt")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(log: Path, proc, count: int, timeout: float) -> list | None:
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        text = log.read_text(encoding="utf-8", errors="replace")
        if len(REBUILT.findall(text)) >= count and len(BUILT.findall(text)) >= count and "Serving on" in text:
            return [BUILT.findall(text), REBUILT.findall(text)]
        time.sleep(0.5)
    return None


def _edit_until_rebuilt(claim: Path, original: str, log: Path, proc, timeout: float) -> list | None:
    """The watcher takes its first look at the files once serving starts; an edit made before
    that look is never seen, so the edit is made again (with other text) until a rebuild starts."""
    time.sleep(3)
    for attempt in range(4):
        word = ("Edited", "Revised", "Amended", "Changed")[attempt]     # no digit: a number would need a figure
        edited = re.sub(r'(?m)^statement: ("?)', rf"statement: \1{word}: ", original, count=1)
        claim.write_text(edited, encoding="utf-8")
        found = _wait(log, proc, 2, 30 if attempt < 3 else timeout)
        if found is not None:
            return found
    return None


def serve_rebuild(base: Path, work: Path, env: dict, claim: Path, timeout: float = 900) -> dict:
    log = work / f"serve-{base.name}.log"
    cmd = child.python("-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{_port()}", "-f", base / "mkdocs.yml")
    env = {**env, "XDG_CACHE_HOME": str(work / f"xdg-serve-{base.name}")}
    with log.open("w") as err:
        proc = subprocess.Popen([str(c) for c in cmd], cwd=base, env=env, stdout=subprocess.DEVNULL, stderr=err)
    original = claim.read_text(encoding="utf-8")
    try:
        if _wait(log, proc, 1, timeout) is None:
            return {"failed": True, "why": child.tail(log.read_text(encoding="utf-8", errors="replace"))}
        found = _edit_until_rebuilt(claim, original, log, proc, timeout)
        if found is None:
            return {"failed": True, "why": child.tail(log.read_text(encoding="utf-8", errors="replace"))}
        built, rebuilt = found
        return {"first_seconds": float(built[0]), "rebuild_seconds": float(built[1]),
                "pages": int(rebuilt[0][1]), "pages_rebuilt": int(rebuilt[1][1])}
    finally:
        claim.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
