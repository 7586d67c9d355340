"""`evkb lsp`'s latency: from a change of a buffer to the diagnostics published for it.

    python scripts/bench/lsp.py BASE [--cache DIR] [--edits 8]

A real `python -m evkb lsp` subprocess on BASE, driven by pygls' client (lspclient.py). One
claim is opened and edited in the buffer, unsaved, several times, alternating a valid edit
(its review date) and a dangling reference; each latency is the time from sending the
change to receiving the publication of that version. Then a finding id of a publication the
claim cites is edited in its findings buffer: the time until its own diagnostics and until
the (closed) claims citing it are published again. Prints JSON; the server's peak RSS too.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
import time
from pathlib import Path

from lspclient import Editor


def _peak_rss_mb(pid: int) -> float | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) / 1024 if found else None


async def _timed_change(ed: Editor, rel: str, text: str, extra=None) -> dict:
    sent = time.perf_counter()
    version = await ed.change(rel, text)
    await ed.wait(rel, lambda v, _: v == version)
    got = ed.published[ed.uri(rel)][-1][2]
    out = {"ms": (got - sent) * 1000}
    if extra is not None:
        rel2, accept = extra
        await ed.wait(rel2, accept)
        out["other_ms"] = (ed.published[ed.uri(rel2)][-1][2] - sent) * 1000
    return out


async def measure(base: Path, cache: Path, edits: int = 8, env: dict | None = None) -> dict:
    base = base.resolve()
    claim = min((base / "claims").rglob("*.yaml"))
    rel = claim.relative_to(base).as_posix()
    text = claim.read_text(encoding="utf-8")
    ref = re.search(r"^\s*- ref: (\S+)", text, re.M).group(1)
    findings_rel = f"references/findings/{ref}.yaml"
    findings = (base / findings_rel).read_text(encoding="utf-8")
    cited = re.search(rf"ref: {re.escape(ref)}\n\s+findings: \[([^,\]]+)", text).group(1)
    started = time.perf_counter()
    async with Editor(base, cache, env=env) as ed:
        await ed.open(rel)
        await ed.diagnostics(rel)
        ready = time.perf_counter() - started
        claim_ms = []
        for i in range(edits):
            edited = re.sub(r"^reviewed: .*$", f"reviewed: 2026-11-{i % 28 + 1:02d}", text, count=1, flags=re.M)
            if i % 2:
                edited = edited.replace(f"- ref: {ref}", f"- ref: {ref}x", 1)
            claim_ms.append((await _timed_change(ed, rel, edited))["ms"])
        await ed.change(rel, text)
        await ed.diagnostics(rel)
        await ed.close(rel)
        await ed.open(findings_rel)
        await ed.diagnostics(findings_rel)
        findings_ms, citing_ms = [], []
        for i in range(max(edits // 2, 1)):
            renamed = findings.replace(f"- id: {cited}\n", f"- id: {cited}-{i}\n", 1)
            marked = lambda v, d: any(x.code == "R007" for x in d)
            timed = await _timed_change(ed, findings_rel, renamed, (rel, marked))
            findings_ms.append(timed["ms"])
            citing_ms.append(timed["other_ms"])
            timed = await _timed_change(ed, findings_rel, findings, (rel, lambda v, d: not marked(v, d)))
            findings_ms.append(timed["ms"])
            citing_ms.append(timed["other_ms"])
        rss = _peak_rss_mb(ed.pid)
    return {"ready_s": ready, "claim_edit_ms": claim_ms, "claim_edit_median_ms": statistics.median(claim_ms),
            "findings_edit_median_ms": statistics.median(findings_ms),
            "citing_claim_median_ms": statistics.median(citing_ms), "edits": len(claim_ms), "server_rss_mb": rss}


def lsp_latency(base: Path, cache: Path, env: dict | None = None, edits: int = 8) -> dict:
    try:
        return asyncio.run(measure(base, cache, edits, env))
    except Exception as exc:  # a failed measurement is reported in the table, the run goes on
        return {"failed": True, "why": f"{type(exc).__name__}: {exc}"[-300:]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("--cache", type=Path, default=None, help="cache folder (default: BASE/../lsp-cache)")
    ap.add_argument("--edits", type=int, default=8)
    args = ap.parse_args(argv)
    cache = args.cache or args.base.resolve().parent / f"{args.base.name}-lsp-cache"
    print(json.dumps(lsp_latency(args.base, cache, edits=args.edits), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
