"""A ChangeReport as a Markdown block (for a pull request) or JSON."""
from __future__ import annotations

import json

from .mdtable import cell, plural, table

MAX_ROWS = 200


def _where(d) -> str:
    return f"`{d.path}:{d.location.line}`"


def headline(report, whole: dict | None = None) -> str:
    base = (f" (whole base: {plural(whole['errors'], 'error')}, {plural(whole['warnings'], 'warning')})"
            if whole else "")
    return (f"{plural(len(report.added), 'claim')} added, {len(report.removed)} removed, "
            f"{len(report.moved)} with a verdict or grade that moved, {plural(len(report.conflicts), 'new conflict')}; "
            f"caused by the change to {plural(len(report.changed), 'file')}: {plural(report.count('error'), 'error')}, "
            f"{plural(report.count('warning'), 'warning')}{base}.")


def render_markdown(report, whole: dict | None = None) -> str:
    """`whole`: the whole base's figures (the JSON summary), for the headline."""
    status = "❌" if report.count("error") else "✅"
    out = [f"### {status} evkb: what this change does to the evidence (since `{cell(report.ref)}`)", "",
           headline(report, whole), ""]
    if report.added:
        out += ["#### Claims added", ""] + table(["claim", "file", "verdict", "grade"],
                                                 [(f"`{c}`", p, v, g or "-") for c, p, v, g in report.added])
    if report.removed:
        out += ["#### Claims removed", ""] + table(["claim", "verdict was", "grade was"],
                                                   [(f"`{c}`", v, g or "-") for c, v, g in report.removed])
    if report.moved:
        out += ["#### Verdicts and grades that moved", ""] + table(
            ["claim", "verdict", "grade"],
            [(f"`{c}`", _arrow(ov, nv), _arrow(og or "-", ng or "-")) for c, _p, ov, nv, og, ng in report.moved])
    if report.conflicts:
        out += ["#### New conflicts", ""] + [f"- {_where(d)} {d.code} {d.rule}: {cell(d.message)}"
                                             for d in report.conflicts] + [""]
    out += _diagnostics(report)
    return "\n".join(out).rstrip("\n") + "\n"


def _arrow(old, new) -> str:
    return f"{old} → **{new}**" if old != new else str(new)


def _diagnostics(report) -> list[str]:
    if not report.diagnostics:
        return ["No diagnostics caused by the change.", ""]
    rows = [(_where(d), d.level, f"{d.code} {d.rule}", ("🆕 " if new else "") + d.message + (f" — {d.hint}" if d.hint else ""))
            for d, new in report.diagnostics[:MAX_ROWS]]
    more = len(report.diagnostics) - MAX_ROWS
    tail = [f"… and {more} more (`evkb check` lists them all)", ""] if more > 0 else []
    return ["#### Diagnostics caused by the change", ""] + table(["where", "level", "rule", "message"], rows) + tail


def render_json(report, whole: dict | None = None) -> str:
    payload = {
        "ref": report.ref, "changed": report.changed,
        "diagnostics": [{**d.as_dict(), "new": new} for d, new in report.diagnostics],
        "claims_added": [dict(zip(("id", "path", "verdict", "grade"), row)) for row in report.added],
        "claims_removed": [dict(zip(("id", "verdict", "grade"), row)) for row in report.removed],
        "moved": [dict(zip(("id", "path", "verdict_before", "verdict", "grade_before", "grade"), row))
                  for row in report.moved],
        "new_conflicts": [d.as_dict() for d in report.conflicts],
        "summary": {"errors": report.count("error"), "warnings": report.count("warning")},
    }
    if whole is not None:
        payload["whole_base"] = whole
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
