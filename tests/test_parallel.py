"""Parsing on several cores gives exactly what parsing in-process gives."""
import os
import sys
import threading
from pathlib import Path

import pytest

from evkb.load.speed import parallel
from evkb.engine.check import run_check
from evkb.engine.config import Config
from evkb.load.loader import load

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts" / "bench"))
import synth  # noqa: E402


def _report(root):
    result = run_check(load(root, None), Config())
    return [d.as_dict() for d in result.diagnostics], sorted(result.kb.claims), {
        cid: (a.verdict, a.grade) for cid, a in result.assessments.items()}


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs two cores to fork workers")
def test_parallel_parse_equals_serial(tmp_path, monkeypatch):
    synth.generate(tmp_path / "kb", 60, 40, 7)
    (tmp_path / "kb" / "claims" / "broken").mkdir()
    (tmp_path / "kb" / "claims" / "broken" / "bad.yaml").write_text("id: bad\nkind: [\n")
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10**9)
    serial = _report(tmp_path / "kb")
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 2)
    # other tests (the browser's local server) may leave threads behind; forking beside an idle
    # server thread is safe, and this test is about what the workers return
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert parallel.worker_count(60) >= 2
    assert _report(tmp_path / "kb") == serial
    assert any(d["code"] == "S001" for d in serial[0])
