"""`evkb check --watch`: a real subprocess watching a copy of the test base while the test edits files."""
from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
import time

from evkb.cli.watch import compare
from evkb.engine.diagnostics import Diagnostic, Location
from evkb_testlib import make_base, write

CLAIM = "claims/knee/knee-load-lower.yaml"
WAIT_S = 120   # a bound for a slow shared machine, not a measurement


class Watching:
    def __init__(self, root, cache):
        self.proc = subprocess.Popen([sys.executable, "-u", "-m", "evkb", "check", "--watch", "--root", str(root),
                                      "--cache-dir", str(cache)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        self.lines, self.seen = queue.Queue(), []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, pattern: str) -> list[str]:
        """The lines printed up to and including the first that matches pattern."""
        got, end = [], time.monotonic() + WAIT_S
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.proc.poll() is None, f"evkb check --watch exited: {self.seen[-10:]}"
                continue
            got.append(line)
            self.seen.append(line)
            if re.search(pattern, line):
                return got
        raise AssertionError(f"no line matching {pattern!r}; printed: {self.seen[-10:]}")

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=60)


def test_watch_prints_only_new_and_fixed_diagnostics(tmp_path):
    root = make_base(tmp_path)
    good = (root / CLAIM).read_text(encoding="utf-8")
    watching = Watching(root, tmp_path / "cache")
    try:
        first = watching.until(r"^watching ")
        assert re.match(r"\d+ files, 1 claims, 1 references: 0 errors", first[-2])
        write(root, CLAIM, good.replace("- ref: smith2020knee", "- ref: smith2021knee"))
        block = watching.until(r"^\+ ")
        assert re.match(rf"\[\d\d:\d\d:\d\d\] {CLAIM}: 1 new, 0 fixed \(1 errors, 0 warnings in all\)$", block[-2])
        assert block[-1] == (f"+ {CLAIM}:14:10: R005 [dangling-reference] error: unknown reference 'smith2021knee'")
        watching.until(r"hint: did you mean 'smith2020knee'\?")
        write(root, CLAIM, "# moved one line down\n" + good.replace("- ref: smith2020knee", "- ref: smith2021knee"))
        assert watching.until(r"\] ")[-1].endswith(f"{CLAIM}: no change in diagnostics (1 errors, 0 warnings in all)")
        write(root, CLAIM, good)
        block = watching.until(r"^- ")
        assert block[-2].endswith(f"{CLAIM}: 0 new, 1 fixed (0 errors, 0 warnings in all)")
        assert block[-1] == (f"- {CLAIM}:15:10: R005 [dangling-reference] error: unknown reference 'smith2021knee'")
        (root / "references" / "extra.bib").write_text("@misc{lonely2021, title = {Alone}, year = {2021}}\n")
        block = watching.until(r"^\+ references/extra.bib:1:1: R008")
        assert any(l.endswith("references/extra.bib: 2 new, 0 fixed (0 errors, 1 warnings in all)") for l in block), block
    finally:
        status = watching.stop()
    assert status == 0
    assert (root / CLAIM).read_text(encoding="utf-8") == good


def test_a_diagnostic_that_only_moved_is_neither_new_nor_fixed():
    def diag(line, message="unknown reference 'x'"):
        return Diagnostic(Location("claims/a/b.yaml", line, 3), "R005", "dangling-reference", "error", message)
    new, fixed = compare([diag(4), diag(9)], [diag(5), diag(10, "unknown reference 'y'")])
    assert new == [diag(10, "unknown reference 'y'")] and fixed == [diag(4)]   # which of the two: the first
    assert compare([diag(4), diag(4)], [diag(4)]) == ([], [diag(4)])      # one of two repeats fixed


def test_watch_refuses_options_it_cannot_honour(tmp_path):
    root = make_base(tmp_path)
    done = subprocess.run([sys.executable, "-m", "evkb", "check", "--watch", "--format", "json", "--root", str(root)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--watch prints text" in done.stderr
