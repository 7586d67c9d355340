"""`evkb verify-references`: each reference against what its DOI / PMID resolves to (the lock file, or live)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("verify-references")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The knowledge base: a folder with claims/ and references/.")
@click.option("--online", is_flag=True, help="Ask Crossref / PubMed now instead of reading the lock file.")
@click.option("--update-lock", is_flag=True, help="With --online: record the answers in the lock file.")
@click.option("--responses", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="With --online: answer from saved responses in this folder (crossref/, pubmed/).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Warnings (a year off by one, a title that differs a little) fail too.")
def command(root, online, update_lock, responses, fmt, strict):
    """Flag references whose year, journal, first author or title disagree with their identifier.

    Exit 0: no mismatch; 1: mismatches (errors, or warnings with --strict); 2: the look-up failed.
    """
    from ...contrib import ContribError
    from ...contrib.lockfile import read_lock, write_lock
    from ...contrib.transport import file_transport, http_get
    from ...contrib.verify import verify
    if update_lock and not online:
        raise click.UsageError("--update-lock needs --online")
    transport = (file_transport(responses) if responses else http_get) if online else None
    try:
        lock = read_lock(root)
        result = verify(root, lock, transport)
        if update_lock and result.fetched:
            write_lock(root, {**lock, **result.fetched})
    except ContribError as exc:
        click.echo(f"error: {exc}\nno file was changed.", err=True)
        sys.exit(2)
    click.echo(RENDER[fmt](result), nl=False)
    failing = result.count("error") + (result.count("warning") if strict else 0)
    sys.exit(1 if failing else 0)


def _text(result) -> str:
    lines = [f"{m.path}:{m.line}: {m.level}: {m.key}: {m.message}" for m in result.mismatches]
    lines += [f"{ref.path}:{ref.line}: unverified: {ref.key}: {ident} {why} "
              "(run `evkb verify-references --online --update-lock`)" for ref, ident, why in result.unverified]
    lines.append(f"{result.checked} identifiers checked: {result.count('error')} errors, "
                 f"{result.count('warning')} warnings, {len(result.unverified)} unverified")
    return "\n".join(lines) + "\n"


def _github(result) -> str:
    kind = {"error": "error", "warning": "warning"}
    lines = [f"::{kind[m.level]} file={m.path},line={m.line},title=reference {m.field} mismatch::"
             f"{m.key}: {m.message}".replace("\n", " ") for m in result.mismatches]
    return "\n".join(lines) + ("\n" if lines else "")


def _json(result) -> str:
    payload = {"checked": result.checked,
               "mismatches": [m.__dict__ for m in result.mismatches],
               "unverified": [{"key": r.key, "path": r.path, "line": r.line, "identifier": i, "why": w}
                              for r, i, w in result.unverified]}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


RENDER = {"text": _text, "json": _json, "github": _github}
