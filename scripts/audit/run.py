"""`make audit`: Lighthouse's accessibility, SEO and best-practices scores for the home page,
a claim, an article and the explorer of the built site (site/), served on 127.0.0.1.

Lighthouse is the copy pinned in scripts/audit/package-lock.json (`npm ci --prefix scripts/audit`);
it drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium), headless. Writes every
score and every failing audit to a JSON file and prints a table. Not part of `make test`:
the scores are figures to record, not a pass/fail check.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "seo", "best-practices")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


def pages(site: Path) -> dict[str, str]:
    """Name -> path under the site root: the home page, the most circulated claim with figures,
    the article that circulates most claims, and the explorer."""
    evidence = json.loads((site / "data" / "evidence.json").read_text(encoding="utf-8"))
    claims = [c for c in evidence["claims"] if c.get("figures") and c.get("seen_in")] or evidence["claims"]
    claim = max(claims, key=lambda c: (len(c.get("seen_in", [])), len(c.get("sources", [])), c["id"]))
    seen: dict[str, int] = {}
    for c in evidence["claims"]:
        for s in c.get("seen_in", []):
            seen[s["media"]] = seen.get(s["media"], 0) + 1
    media = max(evidence["media"], key=lambda m: (seen.get(m["id"], 0), m["id"]))
    return {"home": "", "claim": claim["page"], "article": media["page"], "explorer": "explorer/"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse(url: str, preset: str, out: Path) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr.strip()[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    out = {"scores": {}, "failing": []}
    for cid in CATEGORIES:
        cat = report["categories"][cid]
        out["scores"][cid] = None if cat["score"] is None else round(cat["score"] * 100)
        for ref in cat["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                out["failing"].append({"category": cid, "id": ref["id"], "title": audit["title"]})
    out["warnings"] = report.get("runWarnings", [])
    return out


def table(results: dict) -> str:
    head = f"{'page':<10} {'form':<8} " + " ".join(f"{c:>15}" for c in CATEGORIES)
    rows = [head, "-" * len(head)]
    for (name, preset), r in results.items():
        rows.append(f"{name:<10} {preset:<8} " + " ".join(f"{str(r['scores'][c]):>15}" for c in CATEGORIES))
        for f in r["failing"]:
            rows.append(f"{'':<19} failing ({f['category']}): {f['id']}")
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--output", type=Path, default=Path("audit-results.json"))
    parser.add_argument("--preset", choices=["mobile", "desktop", "both"], default="both")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `npm ci --prefix scripts/audit`", file=sys.stderr)
        return 2
    if not (args.site / "index.html").is_file():
        print(f"no built site in {args.site}: run `make site`", file=sys.stderr)
        return 2
    presets = ["mobile", "desktop"] if args.preset == "both" else [args.preset]
    server, base = serve(args.site)
    results = {}
    try:
        with tempfile.TemporaryDirectory(prefix="evkb-lighthouse-") as tmp:
            for name, path in pages(args.site).items():
                for preset in presets:
                    report = lighthouse(base + path, preset, Path(tmp) / "report.json")
                    results[(name, preset)] = {"page": name, "path": path, "form": preset, **summary(report)}
                    version = report.get("lighthouseVersion")
                    agent = report.get("environment", {}).get("hostUserAgent", "")
    finally:
        server.shutdown()
        server.server_close()
    args.output.write_text(json.dumps({"lighthouse": version, "browser": agent,
                                       "results": list(results.values())}, indent=1) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nLighthouse {version}; written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
