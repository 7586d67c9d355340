"""The benchmark suite: `evkb check` and the evidence site against their floors, in one run.

    python scripts/bench/run.py [--sizes 1000,10000] [--refs 5000] [--quick] [--skip-site] [--skip-10k-site]
                                [--skip-jsonschema] [--skip-bibparsers] [--skip-profile] [--skip-lsp] [--bibparsers]

For each size: the parse floor (floor.py), `evkb check` cold (cache removed), a re-check after one
claim file changed, check-jsonschema on the same claim files, and the site build against plain
mkdocs-material with as many trivial pages, and `evkb lsp`'s diagnostics after one edit of a
buffer (lsp.py, median of 8 edits). Then the BibTeX parser comparison (bibparsers.py) and,
for every missed target, a cProfile summary of the run that missed it. Medians of 3 runs below 10k
claims, 1 run from 10k. Prints one Markdown table, writes bench-results.json in the current
directory and exits 0 even when a target is missed. `--bibparsers` runs the parser comparison only.
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
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bibparsers  # noqa: E402
import child  # noqa: E402
import extras  # noqa: E402
import hotspots  # noqa: E402
import lsp  # noqa: E402
import summary  # noqa: E402
import serve  # noqa: E402

SERVE_EDITS = 5     # claims edited one after another under `mkdocs serve`; the median is reported
import synth  # noqa: E402

FLOOR = Path(__file__).resolve().parent / "floor.py"


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="claim counts, comma separated")
    ap.add_argument("--refs", type=int, default=5000, help="references per base, at most the claim count")
    ap.add_argument("--repeat", type=int, default=None, help="check rounds per size (default 5 below 10k, else 3); the site builds once")
    ap.add_argument("--quick", action="store_true", help="the smallest size only, one run, no site or profile")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-site", action="store_true", help="no mkdocs builds")
    ap.add_argument("--skip-10k-site", action="store_true", help="no mkdocs builds from 10k claims (minutes each)")
    ap.add_argument("--skip-jsonschema", action="store_true", help="no check-jsonschema runs")
    ap.add_argument("--skip-bibparsers", action="store_true", help="no pybtex / bibtexparser comparison")
    ap.add_argument("--skip-profile", action="store_true", help="no cProfile run for missed targets")
    ap.add_argument("--skip-lsp", action="store_true", help="no language-server latency runs")
    ap.add_argument("--bibparsers", action="store_true", help="only the BibTeX parser comparison")
    ap.add_argument("--site", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for old calls
    ap.add_argument("--jsonschema", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--keep", action="store_true", help="keep the generated bases and print where")
    ap.add_argument("--large", default="", help="claim counts (comma separated) of extra bases that are only built, "
                    "once each, cold (references: half the claims), e.g. --large 100000; not part of make bench")
    ap.add_argument("--output", default="bench-results.json")
    args = ap.parse_args(argv)
    args.sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    args.large = sorted(int(s) for s in args.large.split(",") if s.strip())
    if args.quick:
        args.sizes, args.repeat = args.sizes[:1], 1
        args.skip_site = args.skip_profile = True
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
    cold = child.run(check_cmd(base, cache), env=env)
    touch_claim(base, n)
    warm = child.run(check_cmd(base, cache), env=env)
    return {"floor": {**strip(floor), "inner": _inner(floor)}, "cold": strip(cold),
            "warm": strip(warm), "summary": check_summary(cold), "warm_summary": check_summary(warm)}


def _inner(result: dict) -> dict:
    """floor.py's own account: seconds, imports, yaml, bib."""
    try:
        return json.loads(result["stdout"])
    except ValueError:
        return {}


def bench_size(claims: int, refs: int, work: Path, args) -> dict:
    base = work / f"kb-{claims}"
    started = time.perf_counter()
    synth.generate(base, claims, refs, args.seed)
    repeats = args.repeat or (5 if claims < 10000 else 3)    # the machine is noisy: medians of several runs
    env = child.engine_env()
    row = {"claims": claims, "refs": refs, "runs": repeats, "generate_s": time.perf_counter() - started}
    rounds = [one_round(base, work / f"cache-{claims}", i, env) for i in range(repeats)]
    row["rounds"] = rounds
    for part in ("floor", "cold", "warm"):
        row[part] = child.median([r[part]["seconds"] for r in rounds])
        row[f"{part}_rss_mb"] = child.median([r[part]["rss_mb"] for r in rounds])
        row[f"{part}_cpu_s"] = child.median([r[part]["cpu_s"] for r in rounds])
    for phase in ("imports", "yaml", "bib"):
        row[f"floor_{phase}"] = child.median([r["floor"]["inner"].get(phase) for r in rounds])
    row["check_over_floor"] = row["cold"] / row["floor"]
    row["recheck_over_cold"] = row["warm"] / row["cold"]
    row["summary"] = rounds[0]["summary"]
    if not args.skip_jsonschema:
        row["jsonschema"] = extras.jsonschema_run(base, work, env)
    if not args.skip_lsp:   # on the cache the check rounds left, as an author's editor would find it
        row["lsp"] = lsp.lsp_latency(base, work / f"cache-{claims}", env)
    if args.skip_site:
        row["site"] = {"skipped": "--skip-site"}
    elif claims >= 10000 and args.skip_10k_site:
        row["site"] = {"skipped": "--skip-10k-site"}
    else:
        row["site"] = extras.site_run(base, work, env)
        files = sorted((base / "claims").rglob("*.yaml"))
        edited = files[::max(1, len(files) // SERVE_EDITS)][:SERVE_EDITS]
        row["serve"] = serve.serve_rebuild(base, work, extras.plugin_env(work, env), edited)
    return row


def large_size(claims: int, work: Path, args) -> dict:
    """A base too large for the whole bench: generated, then built once with the plugin, cold."""
    base, refs = work / f"kb-{claims}", claims // 2
    started = time.perf_counter()
    synth.generate(base, claims, refs, args.seed)
    row = {"claims": claims, "refs": refs, "generate_s": time.perf_counter() - started}
    row["site"] = extras.large_run(base, work, child.engine_env())
    shutil.rmtree(base, ignore_errors=True)
    return row


def bib_comparison(base: Path | None) -> dict:
    """bibparsers.py in its own process, on the real-world files and the largest synthetic base."""
    result = child.run(child.python(Path(__file__).resolve().parent / "bibparsers.py",
                                    *([base] if base else []), "--json"), env=child.engine_env())
    try:
        return json.loads(result["stdout"])
    except ValueError:
        return {"failed": True, "why": child.tail(result["stderr"], 6)}


def profiles(rows: list, work: Path, args) -> list:
    """One cProfile run for each kind of missed target, at the largest size that missed it."""
    env, out = child.engine_env(), []
    misses = summary.misses(rows)
    check_miss = [m for m in misses if m[0] in ("check/floor", "check/check-jsonschema")]
    if check_miss:
        row = max((r for r in rows if r["claims"] in {m[1] for m in check_miss}), key=lambda r: r["claims"])
        base, cache = work / f"kb-{row['claims']}", work / f"cache-prof-{row['claims']}"
        shutil.rmtree(cache, ignore_errors=True)
        prof = hotspots.profile(["evkb", *check_cmd(base, cache)[3:]], env, work / "cold.prof")
        out.append({"what": f"evkb check, cold, {row['claims']} claims", "misses": check_miss, **prof})
    recheck_miss = [m for m in misses if m[0] == "re-check/cold"]
    if recheck_miss:
        n = max(m[1] for m in recheck_miss)
        base, cache = work / f"kb-{n}", work / f"cache-prof-{n}"
        if not cache.exists():
            child.run(check_cmd(base, cache), env=env)
        touch_claim(base, 99)
        prof = hotspots.profile(["evkb", *check_cmd(base, cache)[3:]], env, work / "warm.prof")
        out.append({"what": f"evkb check, re-check after one claim changed, {n} claims", "misses": recheck_miss,
                    **prof})
    site_miss = [m for m in misses if m[0].startswith("site")]
    if site_miss:
        n = min(m[1] for m in site_miss)  # the smallest size that missed: minutes less under cProfile
        base = work / f"kb-{n}"
        shutil.rmtree(base / ".evkb-cache", ignore_errors=True)
        prof = hotspots.profile(["mkdocs", "build", "-q", "-f", base / "mkdocs.yml", "-d", work / "site-prof"],
                                extras.plugin_env(work, env), work / "site.prof")
        out.append({"what": f"mkdocs build of the evkb site, {n} claims", "misses": site_miss, **prof})
    return out


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    if args.bibparsers:
        print(bibparsers.table(bib_comparison(None)))
        return 0
    work = Path(tempfile.mkdtemp(prefix="evkb-bench-"))
    try:
        rows = [bench_size(n, min(n, args.refs), work, args) for n in args.sizes]
        large = [large_size(n, work, args) for n in args.large]
        bib = None if args.skip_bibparsers else bib_comparison(work / f"kb-{args.sizes[-1]}")
        profs = [] if args.skip_profile else profiles(rows, work, args)
    finally:
        if args.keep:
            print(f"bases kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print(summary.report(rows, bib, profs, elapsed, large))
    meta = {"python": sys.version.split()[0], "executable": sys.executable, "machine": platform.machine(),
            "cpus": os.cpu_count(), "seed": args.seed, "date": time.strftime("%Y-%m-%d %H:%M %Z"),
            "platform": platform.platform(), "total_seconds": elapsed}
    Path(args.output).write_text(json.dumps({"meta": meta, "sizes": rows, "large": large, "bibparsers": bib, "profiles": profs},
                                            indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
