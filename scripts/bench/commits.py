"""What each commit cost: the same base built and checked by the engine as it was at several commits.

    python scripts/bench/commits.py BASE REV [REV ...] [--rounds 3] [--site-rounds 2] [--no-site] [--no-check]

Each REV is checked out with `git worktree add` into a temporary folder and its engine byte-compiled;
then, back to back in one run, each version builds BASE's site cold (`mkdocs build -q`, an empty
cache) in rounds that run the commits forwards, then backwards (a machine that slows down during
the run does not favour the first), and checks it cold and after one claim's review date changed,
in interleaved rounds, beside the parse floor; medians. Only the engine (`scripts/evkb`) comes from the commit: this
harness, MkDocs and the other packages are the installed ones. BASE is a folder made by `synth.py`.
Prints a Markdown table; the worktrees are removed afterwards.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import child
from run import FLOOR, touch_claim


def worktree(rev: str, into: Path) -> Path:
    subprocess.run(["git", "-C", str(child.REPO), "worktree", "add", "-q", "--detach", str(into), rev], check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into / "scripts" / "evkb")], check=True)
    return into


def engine(tree: Path, cache_home: Path) -> dict:
    return {**child.engine_env(), "PYTHONPATH": str(tree / "scripts"), "XDG_CACHE_HOME": str(cache_home)}


def build(tree: Path, base: Path, work: Path) -> dict:
    shutil.rmtree(work / "xdg", ignore_errors=True)
    shutil.rmtree(base / ".evkb-cache", ignore_errors=True)
    out = child.run(child.python("-m", "mkdocs", "build", "-q", "-f", base / "mkdocs.yml", "-d", work / "site"),
                    env=engine(tree, work / "xdg"))
    shutil.rmtree(work / "site", ignore_errors=True)
    return out


def check_round(tree: Path, base: Path, work: Path, n: int) -> tuple:
    cache = work / "check-cache"
    shutil.rmtree(cache, ignore_errors=True)
    cmd = child.python("-m", "evkb", "check", "--root", base, "--format", "json", "--cache-dir", cache)
    env = engine(tree, work / "xdg")
    floor = child.run(child.python(FLOOR, base))["seconds"]
    cold = child.run(cmd, env=env)["seconds"]
    claim = min((base / "claims").rglob("*.yaml"))
    original = claim.read_text(encoding="utf-8")
    try:
        touch_claim(base, n)
        warm = child.run(cmd, env=env)["seconds"]
    finally:
        claim.write_text(original, encoding="utf-8")
    return floor, cold, warm


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("revs", nargs="+")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved check rounds (medians)")
    ap.add_argument("--site-rounds", type=int, default=2, help="site builds per commit, alternating the order")
    ap.add_argument("--no-site", action="store_true")
    ap.add_argument("--no-check", action="store_true")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="evkb-commits-"))
    trees = {}
    try:
        for i, rev in enumerate(args.revs):
            trees[rev] = worktree(rev, work / f"tree-{i}")
        rows = {rev: {} for rev in args.revs}
        if not args.no_site:
            builds = {rev: [] for rev in args.revs}
            for n in range(args.site_rounds):
                for rev in (args.revs if n % 2 == 0 else args.revs[::-1]):
                    builds[rev].append(build(trees[rev], args.base, work))
            for rev, got in builds.items():
                if any(b["rc"] for b in got):
                    rows[rev]["site"] = "failed | --"
                    continue
                seconds, cpu, rss = (statistics.median(b[k] for b in got) for k in ("seconds", "cpu_s", "rss_mb"))
                rows[rev]["site"] = f"{seconds:.1f} ({cpu:.1f}) | {rss:,.0f}"
        if not args.no_check:
            runs = {rev: [] for rev in args.revs}
            for n in range(args.rounds):
                for rev, tree in trees.items():
                    runs[rev].append(check_round(tree, args.base, work, n))
            for rev, got in runs.items():
                floor, cold, warm = (statistics.median(x) for x in zip(*got))
                rows[rev]["check"] = f"{cold:.2f} | {cold / floor:.2f} | {warm / cold:.2f}"
        print("| commit | site build s (CPU s) | site peak RSS MB | check cold s | cold / floor | re-check / cold |")
        print("|---|---:|---:|---:|---:|---:|")
        for rev, row in rows.items():
            print(f"| {rev} | {row.get('site', '-- | --')} | {row.get('check', '-- | -- | --')} |")
    finally:
        for tree in trees.values():
            subprocess.run(["git", "-C", str(child.REPO), "worktree", "remove", "--force", str(tree)])
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
