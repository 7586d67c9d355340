"""`evkb verify-references`: each reference against what its DOI / PMID resolves to (the lock file, or live)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import click

from ..options import CANNOT_RUN, base_options, config_for, emit, finish, report_options, require_base

HOW_TO_LOCK = ("run `evkb verify-references --online --update-lock` to record what each identifier resolves to "
               "in references/lookup.lock.json (commit it); later runs need no network")


@click.command("verify-references")
@base_options
@click.option("--online", is_flag=True, help="Ask Crossref / PubMed now instead of reading the lock file.")
@click.option("--update-lock", is_flag=True, help="With --online: record the answers in the lock file.")
@click.option("--responses", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="With --online: answer from saved responses in this folder (crossref/, pubmed/).")
@report_options()
def command(root, config_path, online, update_lock, responses, fmt, output, strict):
    """Flag references whose year, journal, first author or title disagree with their identifier.

    Without the lock file nothing is verified: the command says how to create it, and --strict
    fails (so does an identifier missing from the lock). Exit status: docs/cli.md.
    """
    from ...contrib import ContribError
    from ...contrib.lockfile import lock_path, read_lock, write_lock
    from ...contrib.transport import file_transport, http_get
    from ...contrib.verify import verify
    if update_lock and not online:
        raise click.UsageError("--update-lock needs --online")
    require_base(root)
    config = config_for(root, config_path)
    transport = (file_transport(responses) if responses else http_get) if online else None
    no_lock = not online and not lock_path(root).exists()
    try:
        lock = read_lock(root)
        result = verify(root, lock, transport)
        if update_lock and result.fetched:
            write_lock(root, {**lock, **result.fetched})
    except ContribError as exc:
        click.echo(f"error: {exc}\nno file was changed.", err=True)
        raise SystemExit(CANNOT_RUN) from None
    strict = strict or config.strict
    emit(RENDER[fmt](result, root, strict), output)
    if no_lock and result.unverified:
        click.echo(f"no lock file: nothing was verified; {HOW_TO_LOCK}", err=True)
    finish(result.count("error"), result.count("warning") + (len(result.unverified) if strict else 0), strict)


def _text(result, root, strict) -> str:
    lines = [f"{m.path}:{m.line}: {m.level}: {m.key}: {m.message}" for m in result.mismatches]
    lines += [f"{ref.path}:{ref.line}: unverified: {ref.key}: {ident} {why} "
              "(run `evkb verify-references --online --update-lock`)" for ref, ident, why in result.unverified]
    lines.append(f"{result.checked} identifiers checked: {result.count('error')} errors, "
                 f"{result.count('warning')} warnings, {len(result.unverified)} unverified")
    return "\n".join(lines) + "\n"


def _json(result, root, strict) -> str:
    payload = {"checked": result.checked,
               "mismatches": [m.__dict__ for m in result.mismatches],
               "unverified": [{"key": r.key, "path": r.path, "line": r.line, "identifier": i, "why": w}
                              for r, i, w in result.unverified]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class _Rule:
    """What SARIF says about the two kinds of result of this command (they are not check rules)."""
    code: str
    name: str
    level: str
    summary: str
    doc: str


RULES = (_Rule("V001", "reference-mismatch", "error", "A reference disagrees with what its DOI or PMID resolves to.",
               "A reference's year, first author, journal, title or DOI disagrees with the metadata its identifier "
               "resolves to (Crossref, PubMed): probably a different work than the one it names. A year off by one "
               "or a somewhat different title is a warning."),
         _Rule("V002", "unverified-reference", "info", "An identifier has no entry in the lock file.",
               "Nothing was compared for this identifier: " + HOW_TO_LOCK + "."))


def _as_check_result(result, strict):
    """The findings as check diagnostics, so the shared reporters render them."""
    from types import SimpleNamespace
    from ...engine.diagnostics import Diagnostic, Location
    diags = [Diagnostic(Location(m.path, m.line), "V001", "reference-mismatch", m.level, f"{m.key}: {m.message}",
                        subject=m.key, hint=f"reference {m.field} mismatch") for m in result.mismatches]
    diags += [Diagnostic(Location(r.path, r.line), "V002", "unverified-reference", "warning" if strict else "info",
                         f"{r.key}: {ident} {why}", hint=HOW_TO_LOCK, subject=r.key) for r, ident, why in result.unverified]
    diags.sort(key=lambda d: d.sort_key())
    return SimpleNamespace(diagnostics=diags, suppressed=[], count=lambda level: sum(d.level == level for d in diags))


def _github(result, root, strict) -> str:
    from ...report import github_report, locations
    prefix = locations.path_prefix(root)
    lines = []
    for d in github_report.split(_as_check_result(result, strict).diagnostics)[0]:
        title = d.hint if d.code == "V001" else f"{d.code} {d.rule}"
        lines.append(f"::{github_report.KIND[d.level]} file={github_report.escape_property(prefix + d.path)},"
                     f"line={d.location.line},title={github_report.escape_property(title)}::"
                     f"{github_report.escape_data(d.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _sarif(result, root, strict) -> str:
    from ...model import project
    from ...report import locations, sarif_report
    page = project.documentation() + "cli/#evkb-verify-references"
    return sarif_report.render(_as_check_result(result, strict), root=root, prefix=locations.path_prefix(root),
                               rules=RULES, help_uri=lambda rule: page)


def _markdown(result, root, strict) -> str:
    status = "❌" if result.count("error") else "✅"
    out = [f"### {status} evkb verify-references: {result.checked} identifiers checked, {result.count('error')} "
           f"errors, {result.count('warning')} warnings, {len(result.unverified)} unverified", ""]
    shown = _as_check_result(result, strict).diagnostics
    if shown:
        out += ["| where | level | reference | message |", "| --- | --- | --- | --- |"]
        out += [f"| {_cell(d.path)}:{d.location.line} | {d.level} | {_cell(d.subject)} | {_cell(d.message)} |"
                for d in shown]
    return "\n".join(out) + "\n"


def _cell(text) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


RENDER = {"text": _text, "json": _json, "github": _github, "sarif": _sarif, "markdown": _markdown}
