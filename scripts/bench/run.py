"""Benchmark `evkb check` against the parse floor on synthetic bases, in one run.

    python scripts/bench/run.py [--sizes 1000,10000] [--refs 5000] [--quick] [--site] [--jsonschema]

For each size: the floor (floor.py), `evkb check` cold (cache removed) and a warm re-check after one
claim file changed. Medians of 3 runs below 10k claims, 1 run from 10k. Prints a Markdown table,
writes bench-results.json in the current directory and exits 0 even when a target is missed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import child  # noqa: E402
import extras  # noqa: E402
import synth  # noqa: E402

FLOOR = Path(__file__).resolve().parent / "floor.py"
CHECK_TARGET = 2.0  # check / floor, at 10k claims
RECHECK_TARGET = 0.25  # re-check / cold


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="claim counts, comma separated")
    ap.add_argument("--refs", type=int, default=5000, help="references per base, at most the claim count")
    ap.add_argument("--repeat", type=int, default=None, help="runs per measurement (default 3 below 10k, else 1)")
    ap.add_argument("--quick", action="store_true", help="the smallest size only, one run")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--site", action="store_true", help="also time mkdocs builds (slow)")
    ap.add_argument("--jsonschema", action="store_true", help="also time check-jsonschema on the claims")
    ap.add_argument("--keep", action="store_true", help="keep the generated bases and print where")
    ap.add_argument("--output", default="bench-results.json")
    args = ap.parse_args(argv)
    args.sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    if args.quick:
        args.sizes, args.repeat = args.sizes[:1], 1
    return args


def check_cmd(base: Path, cache: Path) -> list:
    return child.python("-m", "evkb", "check", "--root", base, "--format", "json", "--cache-dir", cache)


def touch_claim(base: Path, n: int) -> Path:
    """Change one claim's review date: a real content change that keeps the record valid."""
    path = min((base / "claims").rglob("*.yaml"))
    text = re.sub(r"^reviewed: .*$", f"reviewed: 2026-12-{n % 28 + 1:02d}", path.read_text(encoding="utf-8"),
                  count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")
    return path


def check_summary(result: dict) -> dict:
    try:
        summary = json.loads(result["stdout"])["summary"]
    except (ValueError, KeyError, TypeError):
        return {"failed": True, "rc": result["rc"], "stderr": child.tail(result["stderr"])}
    return {"errors": summary.get("errors"), "warnings": summary.get("warnings"), "rc": result["rc"]}


def strip(result: dict) -> dict:
    return {k: v for k, v in result.items() if k not in ("stdout", "stderr")}


def one_round(base: Path, cache: Path, n: int, env: dict) -> dict:
    floor = child.run(child.python(FLOOR, base))
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(base / ".evkb-cache", ignore_errors=True)
    cold = child.run(check_cmd(base, cache), env=env)
    touch_claim(base, n)
    warm = child.run(check_cmd(base, cache), env=env)
    return {"floor": {**strip(floor), "inner": _inner_seconds(floor)}, "cold": strip(cold),
            "warm": strip(warm), "summary": check_summary(cold), "warm_summary": check_summary(warm)}


def _inner_seconds(result: dict):
    try:
        return json.loads(result["stdout"])["seconds"]
    except (ValueError, KeyError):
        return None


def bench_size(claims: int, refs: int, work: Path, args) -> dict:
    base = work / f"kb-{claims}"
    synth.generate(base, claims, refs, args.seed)
    repeats = args.repeat or (3 if claims < 10000 else 1)
    env = child.engine_env()
    rounds = [one_round(base, work / f"cache-{claims}", i, env) for i in range(repeats)]
    row = {"claims": claims, "refs": refs, "runs": repeats, "rounds": rounds}
    for part in ("floor", "cold", "warm"):
        row[part] = child.median([r[part]["seconds"] for r in rounds])
        row[f"{part}_rss_mb"] = child.median([r[part]["rss_mb"] for r in rounds])
    row["check_over_floor"] = row["cold"] / row["floor"]
    row["recheck_over_cold"] = row["warm"] / row["cold"]
    row["summary"] = rounds[0]["summary"]
    if args.jsonschema:
        row["jsonschema"] = extras.jsonschema_run(base, work, env)
    if args.site:
        row["site"] = extras.site_run(base, work, env)
    return row


def verdict(value: float, target: float, applies: bool = True) -> str:
    if not applies:
        return f"{value:.2f}"
    return f"{value:.2f} {'ok' if value <= target else 'MISSED'} (<= {target})"


def table(rows: list) -> str:
    lines = ["| claims | refs | runs | floor s | check cold s | re-check s | check/floor | re-check/cold "
             "| peak RSS floor / check MB | check errors / warnings |",
             "|---:|---:|---:|---:|---:|---:|---|---|---|---|"]
    for r in rows:
        s = r["summary"]
        found = "FAILED" if s.get("failed") else f"{s['errors']} / {s['warnings']}"
        lines.append(f"| {r['claims']} | {r['refs']} | {r['runs']} | {r['floor']:.2f} | {r['cold']:.2f} "
                     f"| {r['warm']:.2f} | {verdict(r['check_over_floor'], CHECK_TARGET, r['claims'] >= 10000)} "
                     f"| {verdict(r['recheck_over_cold'], RECHECK_TARGET)} "
                     f"| {r['floor_rss_mb']:.0f} / {r['cold_rss_mb']:.0f} | {found} |")
    return "\n".join(lines)


def report(rows: list, args) -> str:
    out = [table(rows), "", "Seconds are wall time of the whole process, medians over the runs column. "
           f"The check/floor target applies from 10k claims. Python {platform.python_version()}, "
           f"{os.cpu_count()} CPUs."]
    for r in rows:
        if r["summary"].get("failed"):
            out.append(f"\n`evkb check` failed at {r['claims']} claims (rc {r['summary']['rc']}):\n"
                       f"```\n{r['summary']['stderr']}\n```")
    out += [extras.jsonschema_table(rows), extras.site_table(rows)]
    return "\n".join(part for part in out if part)


def main(argv=None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="evkb-bench-"))
    try:
        rows = [bench_size(n, min(n, args.refs), work, args) for n in args.sizes]
    finally:
        if args.keep:
            print(f"bases kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(report(rows, args))
    meta = {"python": sys.version.split()[0], "executable": sys.executable, "machine": platform.machine(),
            "cpus": os.cpu_count(), "seed": args.seed}
    Path(args.output).write_text(json.dumps({"meta": meta, "sizes": rows}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
