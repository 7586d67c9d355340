"""The one table `make bench` prints: every measurement and target, one column per base size."""
from __future__ import annotations

import os
import platform
import time

import bibparsers

CHECK_TARGET = 2.0      # check cold / floor, from 10k claims
RECHECK_TARGET = 0.25   # re-check / check cold
JSONSCHEMA_TARGET = 1.0  # check cold / check-jsonschema: the check must be the faster
SITE_TARGET = 1.5       # evkb site / plain mkdocs-material site
SITE_SECONDS = 600      # the 10k-claim site, in seconds
LSP_EDITS = 8
LSP_MS = 300            # evkb lsp: diagnostics of the edited buffer after one change, at 10k claims
SERVE_SECONDS = 2       # make serve: an edited claim's page shows the edit, median of 5 edits at 10k claims
SITE_RSS_MB = 700       # peak RSS of the 10k-claim site build
LARGE_RSS_MB = 2000     # peak RSS of the 100k-claim site build (--large 100000)
BIG = 10000


def _ok(value, target, applies=True) -> str:
    if value is None:
        return "n/a"
    if not applies:
        return f"{value:.2f}"
    return f"{value:.2f} {'ok' if value <= target else '**MISSED**'}"


def _site(r):
    s = r.get("site") or {}
    return None if s.get("skipped") or s.get("failed") else s


def _js(r):
    j = r.get("jsonschema") or {}
    return None if j.get("failed") or not j else j


def ratios(r: dict) -> dict:
    out = {"check/floor": r["check_over_floor"], "re-check/cold": r["recheck_over_cold"]}
    if _js(r):
        out["check/check-jsonschema"] = r["cold"] / _js(r)["seconds"]
    if (r.get("lsp") or {}).get("claim_edit_median_ms") is not None:
        out["lsp ms"] = r["lsp"]["claim_edit_median_ms"]
    if _site(r):
        out["site/plain"] = _site(r)["evkb_seconds"] / _site(r)["plain_seconds"]
        out["site seconds"] = _site(r)["evkb_seconds"]
    return out


def misses(rows: list) -> list:
    """(target name, claims, value, target) of every missed target."""
    out = []
    for r in rows:
        for name, value in ratios(r).items():
            target, applies = {"check/floor": (CHECK_TARGET, r["claims"] >= BIG),
                               "re-check/cold": (RECHECK_TARGET, True),
                               "check/check-jsonschema": (JSONSCHEMA_TARGET, True),
                               "site/plain": (SITE_TARGET, True),
                               "site seconds": (SITE_SECONDS, r["claims"] >= BIG),
                               "lsp ms": (LSP_MS, r["claims"] >= BIG)}[name]
            if applies and value > target:
                out.append((name, r["claims"], value, target))
    return out


def _cells(rows, fn) -> list:
    out = []
    for r in rows:
        try:
            out.append(fn(r))
        except (TypeError, KeyError, ZeroDivisionError):
            out.append("n/a")
    return out


def _serve_cell(r) -> str:
    s = r.get("serve")
    if not s:
        return "skipped"
    if s.get("failed"):
        return "FAILED"
    return (f"{s['shown_seconds']:.1f} / {s['whole_seconds']:.1f} ({s['first_pages']} pages first, "
            f"{s['pages_rebuilt']:,} of {s['pages']:,} in the rebuild; first build {s['first_seconds']:.0f} s)")


def _lsp_cell(r) -> str:
    s = r.get("lsp")
    if not s:
        return "skipped"
    if s.get("failed"):
        return f"FAILED: {s['why'][-80:]!r}"
    ms = s["claim_edit_median_ms"]
    verdict = "" if r["claims"] < BIG else (" ok" if ms <= LSP_MS else " **MISSED**")
    return (f"{ms:.0f}{verdict} (findings id edit {s['findings_edit_median_ms']:.0f}, citing claim "
            f"{s['citing_claim_median_ms']:.0f}; server RSS {s['server_rss_mb'] or 0:.0f} MB)")


def _mb(value, target, applies) -> str:
    return f"{value:.0f}" + (f" {'ok' if value <= target else '**MISSED**'}" if applies else "")


def _site_cell(r, fn):
    s = r.get("site") or {}
    if s.get("skipped"):
        return f"skipped ({s['skipped']})"
    if s.get("failed"):
        return f"FAILED: {s['why'][-80:]!r}"
    return fn(s)


def table(rows: list) -> str:
    big = [r for r in rows if r["claims"] >= BIG]
    head = "| measurement | " + " | ".join(f"{r['claims']:,} claims / {r['refs']:,} refs" for r in rows) + " | target |"
    lines = [head, "|---|" + "---:|" * len(rows) + "---|"]

    def row(label, fn, target=""):
        lines.append(f"| {label} | " + " | ".join(_cells(rows, fn)) + f" | {target} |")

    row("check rounds (median of; the site builds once)", lambda r: str(r["runs"]))
    row("parse floor s (imports + YAML + BibTeX)", lambda r: f"{r['floor']:.2f} ({r['floor_imports']:.2f} + "
        f"{r['floor_yaml']:.2f} + {r['floor_bib']:.2f})")
    row("full check, cold s (CPU s, all processes)", lambda r: f"{r['cold']:.2f} ({r['cold_cpu_s']:.1f})")
    row("**check cold / floor**", lambda r: _ok(r["check_over_floor"], CHECK_TARGET, r["claims"] >= BIG),
        f"<= {CHECK_TARGET} at 10k")
    row("re-check after one claim file changed s", lambda r: f"{r['warm']:.2f}")
    row("**re-check / cold**", lambda r: _ok(r["recheck_over_cold"], RECHECK_TARGET), f"<= {RECHECK_TARGET}")
    row("check-jsonschema on the claim files s (rc)",
        lambda r: f"{_js(r)['seconds']:.2f} ({_js(r)['rc']})" if _js(r) else "n/a")
    row("**check cold / check-jsonschema**",
        lambda r: _ok(r["cold"] / _js(r)["seconds"], JSONSCHEMA_TARGET) if _js(r) else "n/a",
        "< 1 (the check is faster)")
    row("site build s (mkdocs-material + evkb, pages)",
        lambda r: _site_cell(r, lambda s: f"{s['evkb_seconds']:.1f} ({s['pages']:,})"),
        f"< {SITE_SECONDS} s at 10k" if big else "")
    row("plain mkdocs-material build s (same page count)",
        lambda r: _site_cell(r, lambda s: f"{s['plain_seconds']:.1f}" + ("" if s["plain_rc"] == 0 else " FAILED")))
    row("**site / plain**", lambda r: _site_cell(r, lambda s: _ok(s["evkb_seconds"] / s["plain_seconds"],
                                                                   SITE_TARGET)), f"<= {SITE_TARGET}")
    row("`make serve`, one statement edit: the page shows it / the whole site does, s (median of 5 edits)",
        lambda r: _serve_cell(r), f"page <= {SERVE_SECONDS} s at 10k")
    row(f"`evkb lsp` diagnostics after one buffer edit ms (median of {LSP_EDITS})", _lsp_cell,
        f"<= {LSP_MS} ms at 10k")
    row("peak RSS MB: floor / check cold / re-check",
        lambda r: f"{r['floor_rss_mb']:.0f} / {r['cold_rss_mb']:.0f} / {r['warm_rss_mb']:.0f}")
    row("peak RSS MB: site build / plain build / check-jsonschema",
        lambda r: " / ".join([_site_cell(r, lambda s: f"{s['evkb_rss_mb']:.0f} / {s['plain_rss_mb']:.0f}"),
                              f"{_js(r)['rss_mb']:.0f}" if _js(r) else "n/a"]))
    row("**site build peak RSS MB**", lambda r: _site_cell(r, lambda s: _mb(s["evkb_rss_mb"], SITE_RSS_MB,
                                                                            r["claims"] >= BIG)),
        f"<= {SITE_RSS_MB} at 10k")
    row("check errors / warnings (planted conflicts)", lambda r: "FAILED" if r["summary"].get("failed")
        else f"{r['summary']['errors']} / {r['summary']['warnings']}")
    return "\n".join(lines)


def notes(rows: list, elapsed: float) -> str:
    skipped = {r["site"]["skipped"] for r in rows if (r.get("site") or {}).get("skipped")}
    text = ("Seconds are wall time of each whole process (imports included), medians over the runs. Peak RSS is "
            "the largest single process of each run (os.wait4), not a sum over worker processes; CPU s adds up "
            "every process. The plain site has as many trivial pages with a compact nav (one entry per 500 pages). "
            f"{time.strftime('%Y-%m-%d')}, Python {platform.python_version()}, {platform.machine()}, "
            f"{os.cpu_count()} CPUs; the whole run took {elapsed / 60:.1f} min.")
    if "--skip-10k-site" in skipped:
        text += " The 10k-claim site rows were skipped (--skip-10k-site): run `make bench` without it to include them."
    if "--skip-site" in skipped:
        text += " The site rows were skipped (--skip-site)."
    return text


def profile_section(profs: list) -> str:
    if not profs:
        return ""
    out = ["", "### Where the time goes (missed targets)"]
    for p in profs:
        missed = ", ".join(f"{name} {value:.2f} > {target} at {claims:,}" for name, claims, value, target in p["misses"])
        out += ["", f"**{p['what']}** ({missed}):", ""]
        out.append(f"profile failed (rc {p.get('rc')}): {p.get('why')}" if p.get("failed") else p["summary"])
    out += ["", "Plans for each missed target: scripts/bench/README.md, section 'Missed targets'."]
    return "\n".join(out)


def large_table(large: list) -> str:
    """`--large`: one cold site build per size, against the bounded-memory target."""
    if not large:
        return ""
    out = ["", "| site build only, cold | seconds (CPU s) | pages | peak RSS MB | target |", "|---|---:|---:|---:|---|"]
    for r in large:
        s = r["site"]
        label = f"{r['claims']:,} claims / {r['refs']:,} refs"
        if s.get("failed"):
            out.append(f"| {label} | failed: {s['why'].splitlines()[-1] if s['why'] else ''} | | | |")
            continue
        out.append(f"| {label} | {s['evkb_seconds']:.1f} ({s['evkb_cpu_s']:.1f}) | {s['pages']:,} | "
                   f"{_mb(s['evkb_rss_mb'], LARGE_RSS_MB, r['claims'] >= 100000)} | <= {LARGE_RSS_MB:,} at 100k |")
    return "\n".join(out)


def report(rows: list, bib: dict | None, profs: list, elapsed: float, large: list = ()) -> str:
    out = [table(rows), large_table(list(large)), "", notes(rows, elapsed)]
    for r in rows:
        if r["summary"].get("failed"):
            out.append(f"\n`evkb check` failed at {r['claims']} claims (rc {r['summary']['rc']}):\n"
                       f"```\n{r['summary']['stderr']}\n```")
    if bib is not None:
        out.append(f"\nBibTeX parser comparison failed: {bib['why']}" if bib.get("failed") else bibparsers.table(bib))
    out.append(profile_section(profs))
    return "\n".join(part for part in out if part)
