"""`make serve` after one claim edit: `mkdocs serve --dirty` on a base, several edits, timed.

For each edit (a different claim each time, its statement prefixed with a word), three
figures: how long after the file was saved the claim's page, fetched over HTTP from the
server, shows the new statement (what the author waits for); how long until the claims
index shows it too (the whole site is up to date); and MkDocs' own "Documentation built
in" figure for the rebuild. The edited files are restored afterwards.
"""
from __future__ import annotations

import re
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import child

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
# MkDocs drops a build log line equal to one it logged before ("built in 0.75 seconds" twice),
# so a finished rebuild is counted by the live-reload server's line, which it never drops.
RELOADED = re.compile(r"Reloading browsers")
REBUILT = re.compile(r"evkb: (\d+) generated pages changed; (\d+) pages rebuilt")
FIRST = re.compile(r"evkb: (\d+) record pages shown first, in ([0-9.]+) seconds")
WORDS = ("Edited", "Revised", "Amended", "Changed", "Updated", "Reworded", "Altered")   # no digit: no figure


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def _until(test, timeout: float, step: float = 0.05) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if test():
            return time.monotonic() - start
        time.sleep(step)
    return None


def _edited(original: str, word: str) -> str:
    return re.sub(r'(?m)^statement: ("?)', rf"statement: \1{word} ", original, count=1)


def _page_url(server: str, claim: Path) -> str:
    return f"{server}claims/{claim.stem}/"


def serve_rebuild(base: Path, work: Path, env: dict, claims: list[Path], timeout: float = 900) -> dict:
    log = work / f"serve-{base.name}.log"
    port = _port()
    cmd = child.python("-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}", "-f", base / "mkdocs.yml")
    env = {**env, "XDG_CACHE_HOME": str(work / f"xdg-serve-{base.name}")}
    with log.open("w") as err:
        proc = subprocess.Popen([str(c) for c in cmd], cwd=base, env=env, stdout=subprocess.DEVNULL, stderr=err)
    originals = {c: c.read_text(encoding="utf-8") for c in claims}
    text = lambda: log.read_text(encoding="utf-8", errors="replace")     # noqa: E731
    server = f"http://127.0.0.1:{port}/"
    try:
        if _until(lambda: "Serving on" in text() or proc.poll() is not None, timeout, 0.5) is None or proc.poll():
            return {"failed": True, "why": child.tail(text())}
        time.sleep(3)       # the watcher takes its first look at the files once serving starts
        shown, whole, built = [], [], []
        for claim, word in zip(claims, WORDS):
            builds, reloads = len(BUILT.findall(text())), len(RELOADED.findall(text()))
            claim.write_text(_edited(originals[claim], word), encoding="utf-8")
            saved = time.monotonic()
            page, index = _page_url(server, claim), server + "claims/"
            mark = f"{word} "
            if _until(lambda: mark in _fetch(page), 120) is None:
                return {"failed": True, "why": "the edited page never showed the edit\n" + child.tail(text())}
            shown.append(time.monotonic() - saved)
            if _until(lambda: len(RELOADED.findall(text())) > reloads and mark in _fetch(index), timeout, 0.1) is None:
                return {"failed": True, "why": "the rebuild did not finish\n" + child.tail(text())}
            whole.append(time.monotonic() - saved)
            if len(BUILT.findall(text())) > builds:
                built.append(float(BUILT.findall(text())[-1]))
        first = FIRST.findall(text())
        rebuilt = REBUILT.findall(text())
        return {"first_seconds": float(BUILT.findall(text())[0]), "edits": len(shown),
                "shown_seconds": statistics.median(shown), "shown_all": [round(s, 2) for s in shown],
                "whole_seconds": statistics.median(whole), "rebuild_seconds": statistics.median(built),
                "first_pages": int(first[-1][0]) if first else 0,
                "pages": int(rebuilt[0][1]), "pages_rebuilt": int(rebuilt[-1][1])}
    finally:
        for claim, original in originals.items():
            claim.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
