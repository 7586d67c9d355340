"""`evkb check --watch`: check again whenever a file of the base is saved; print only what changed.

The first run prints the whole report, as `evkb check` does. After that, each save (a burst of
file-system events, joined until QUIET_S passes without one) runs the whole check again in
this process, with the same cache, and prints the diagnostics that are new since the last run
(`+`) and those fixed (`-`). A diagnostic is the same one when its file, rule, level, message,
hint and subject are: one that only moved to another line (text added above it) is neither new
nor fixed. Files are watched with watchdog (inotify on Linux), never polled; nothing is written.
"""
from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from pathlib import Path

import click

WATCHED_SUFFIXES = (".yaml", ".yml", ".bib", ".md", ".toml")
WATCHED_FOLDERS = ("claims", "references", "docs")
QUIET_S = 0.2
WRITES = ("created", "modified", "deleted", "moved", "closed")   # not "opened" or "closed_no_write": reads


def key(d) -> tuple:
    return d.path, d.code, d.rule, d.level, d.message, d.hint, d.subject


def compare(before: list, after: list) -> tuple[list, list]:
    """(new, fixed): the diagnostics of `after` not in `before`, and of `before` not in `after`."""
    old, new = Counter(map(key, before)), Counter(map(key, after))
    added, gone = new - old, old - new
    return _pick(after, added), _pick(before, gone)


def _pick(diagnostics: list, wanted: Counter) -> list:
    out = []
    for d in diagnostics:
        if wanted[key(d)] > 0:
            wanted[key(d)] -= 1
            out.append(d)
    return out


def line(mark: str, d) -> str:
    text = f"{mark} {d.path}:{d.location.line}:{d.location.column}: {d.code} [{d.rule}] {d.level}: {d.message}"
    text += f"\n      hint: {d.hint}" if d.hint else ""
    return text + "".join(f"\n      see: {r.path}:{r.line}:{r.column}" for r in d.related)


class _Saves:
    """The paths of the base's files that changed since the last look (set from watchdog's thread)."""

    def __init__(self, root: Path):
        self.root, self.paths, self.lock, self.event = root.resolve(), set(), threading.Lock(), threading.Event()

    def dispatch(self, event) -> None:   # watchdog's handler protocol
        if event.event_type not in WRITES:   # the check reading the files must not set it off again
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path and (str(path).endswith(WATCHED_SUFFIXES) or event.is_directory and event.event_type != "modified"):
                with self.lock:
                    self.paths.add(_shown(self.root, Path(path)))
                self.event.set()

    def wait(self) -> list[str]:
        """Block until files changed and QUIET_S passed without another change; the changed paths."""
        self.event.wait()
        while True:
            self.event.clear()
            if not self.event.wait(QUIET_S):
                break
        with self.lock:
            paths, self.paths = sorted(self.paths), set()
        return paths


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def watch_check(root: Path, run_check, strict: bool) -> int:
    """Check, print, then check again on every save until interrupted; the last run's exit status."""
    from watchdog.observers import Observer
    from ..report import render
    result, config = run_check()
    click.echo(render(result, "text"), nl=False)
    saves, observer = _Saves(root), Observer()
    for folder in WATCHED_FOLDERS:
        if (root / folder).is_dir():
            observer.schedule(saves, str(root / folder), recursive=True)
    observer.schedule(saves, str(root), recursive=False)   # pyproject.toml, evkb.toml
    observer.start()
    signal.signal(signal.SIGTERM, _interrupt)   # stopped by a supervisor as by Ctrl-C
    click.echo(f"watching {root} for saves (Ctrl-C to stop)")
    try:
        while True:
            changed = saves.wait()
            try:
                fresh, config = run_check()
            except click.UsageError as exc:   # a broken configuration: say so, keep watching
                click.echo(f"[{time.strftime('%H:%M:%S')}] {exc.format_message()}")
                continue
            new, fixed = compare(result.diagnostics, fresh.diagnostics)
            result = fresh
            head = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
            counts = f"{result.count('error')} errors, {result.count('warning')} warnings in all"
            summary = f"{len(new)} new, {len(fixed)} fixed" if new or fixed else "no change in diagnostics"
            click.echo(f"[{time.strftime('%H:%M:%S')}] {head}: {summary} ({counts})")
            for d in new:
                click.echo(line("+", d))
            for d in fixed:
                click.echo(line("-", d))
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        observer.join()
    return 1 if result.count("error") or ((strict or config.strict) and result.count("warning")) else 0
