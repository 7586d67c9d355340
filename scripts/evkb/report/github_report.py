"""GitHub Actions workflow commands: annotations on the files and lines of the diagnostics.

GitHub shows at most 10 annotations of each level (error, warning, notice) per step and drops
the rest, so this reporter picks the 10 most relevant of each level: those in `focus` (the
diagnostics a pull request causes, from `--changed-since`) first, then by path and line. What
it leaves out is listed in the step summary (`step_summary`), never silently dropped.
"""
from __future__ import annotations

from ..engine.diagnostics import LEVELS

KIND = {"error": "error", "warning": "warning", "info": "notice"}
PER_LEVEL = 10           # GitHub's limit per level and step
SUMMARY_ROWS = 200


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def identity(d) -> tuple:
    return (d.path, d.location.line, d.location.column, d.code, d.subject)


def ranked(diagnostics, focus=None) -> list:
    """Most relevant first: in focus, then by level (errors first), path, line, column and code."""
    wanted = {identity(d) for d in focus or ()}
    return sorted(diagnostics, key=lambda d: (identity(d) not in wanted, LEVELS.index(d.level), d.sort_key()))


def split(diagnostics, focus=None, per_level: int = PER_LEVEL) -> tuple[list, list]:
    """(annotated, left out): the first `per_level` of each level in ranked order, and the rest."""
    shown, rest, counts = [], [], dict.fromkeys(LEVELS, 0)
    for d in ranked(diagnostics, focus):
        (shown if counts[d.level] < per_level else rest).append(d)
        counts[d.level] += 1
    return shown, rest


def annotation(d, prefix: str = "") -> str:
    loc = d.location
    title = escape_property(f"{d.code} {d.rule}")
    body = escape_data(d.message + (f"\n{d.hint}" if d.hint else ""))
    return (f"::{KIND[d.level]} file={escape_property(prefix + loc.path)},line={loc.line},col={loc.column},"
            f"title={title}::{body}")


def render(result, prefix: str = "", focus=None, **_):
    shown, _rest = split(result.diagnostics, focus)
    lines = [annotation(d, prefix) for d in shown]
    return "\n".join(lines) + ("\n" if lines else "")


def _cell(text) -> str:
    return str(text).replace("`", "'").replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def step_summary(result, prefix: str = "", focus=None) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: how many were annotated, and every one that was not."""
    shown, rest = split(result.diagnostics, focus)
    wanted = {identity(d) for d in focus or ()}
    counts = ", ".join(f"{sum(d.level == level for d in rest)} {KIND[level]}s" for level in LEVELS)
    out = [f"### evkb: {len(shown)} diagnostics annotated, {len(rest)} more not annotated ({counts})", ""]
    if focus is not None:
        out += [f"{len(wanted)} of the {len(result.diagnostics)} diagnostics come from this change; "
                "they are annotated first.", ""]
    if not rest:
        return "\n".join(out + ["GitHub shows every diagnostic of this run as an annotation.", ""])
    out += [f"GitHub shows at most {PER_LEVEL} annotations of each level per step; these are the others:", "",
            "| where | level | rule | message |", "| --- | --- | --- | --- |"]
    for d in rest[:SUMMARY_ROWS]:
        mark = "🆕 " if identity(d) in wanted else ""
        out.append(f"| {_cell(prefix + d.path)}:{d.location.line} | {d.level} | {d.code} {d.rule} | "
                   f"{mark}{_cell(d.message)} |")
    if len(rest) > SUMMARY_ROWS:
        out.append(f"\n… and {len(rest) - SUMMARY_ROWS} more: the check's log (`--format text`) lists them all.")
    return "\n".join(out) + "\n\n"
