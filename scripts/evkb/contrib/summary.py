"""The `evkb check --format json` report as a Markdown summary (GitHub's $GITHUB_STEP_SUMMARY)."""
from __future__ import annotations

from .mdtable import table

MAX_ROWS = 100


def render_summary(report: dict) -> str:
    s = report.get("summary", {})
    errors, warnings, infos = s.get("errors", 0), s.get("warnings", 0), s.get("infos", 0)
    status = "❌ errors to fix" if errors else "✅ no errors"
    out = [f"### evkb check: {status}", ""]
    out += table(["files", "claims", "references", "errors", "warnings", "infos", "suppressed"],
                 [(s.get("files", 0), s.get("claims", 0), s.get("references", 0), errors, warnings, infos,
                   s.get("suppressed", 0))])
    by_rule = s.get("by_rule") or {}
    if by_rule:
        out += ["#### By rule", ""] + table(["rule", "diagnostics"], sorted(by_rule.items(), key=lambda kv: -kv[1]))
    out += _rows(report.get("diagnostics", []))
    return "\n".join(out).rstrip("\n") + "\n"


def _rows(diagnostics: list) -> list[str]:
    order = {"error": 0, "warning": 1, "info": 2}
    shown = sorted(diagnostics, key=lambda d: (order.get(d.get("level"), 3), d.get("path", ""), d.get("line", 0)))
    if not shown:
        return []
    rows = [(f"`{d.get('path')}:{d.get('line')}`", d.get("level"), f"{d.get('code')} {d.get('rule')}", d.get("message"))
            for d in shown[:MAX_ROWS]]
    more = len(shown) - MAX_ROWS
    tail = [f"… and {more} more; the check's log lists them all.", ""] if more > 0 else []
    return ["#### Diagnostics", ""] + table(["where", "level", "rule", "message"], rows) + tail
