"""`evkb check-files FILE...`: the check, reporting only the given files (the pre-commit hook)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..options import base_options, emit, report_options


@click.command("check-files")
@base_options
@report_options()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def command(root, config_path, fmt, output, strict, files):
    """Run the whole check, show the diagnostics FILES cause, fail if they include errors.

    Rules see the whole base (a claim is checked against its references), so the check always
    loads everything. The report keeps the diagnostics in FILES and those of the records that
    depend on them (a claim citing a finding id you renamed), each marked with the change it
    follows from; inside git, files deleted in the index count as changed too.
    """
    from ..app import load_checked
    from ..check_output import render_check
    from ...contrib.dependents import caused, changes_in
    from ...report import text_report
    result, config = load_checked(root, None, False, config_path)
    whole = text_report.render(result).splitlines()[-1]
    wanted = {_relative(f, root) for f in files}
    old_text, deleted, before = _before(root)
    wanted |= set(deleted)
    result.diagnostics = caused(result, changes_in(root, sorted(wanted), old_text), before)
    result.suppressed = [d for d in result.suppressed if d.path in wanted]
    text = render_check(result, fmt, root, color=output is None and sys.stdout.isatty())
    if fmt == "text":
        report = text.rstrip("\n").splitlines()
        text = "\n".join(report[:-1] + [f"{len(wanted)} changed files: {result.count('error')} errors, "
                                        f"{result.count('warning')} warnings caused by the change "
                                        f"(whole base: {whole})"]) + "\n"
    emit(text, output)
    failing = result.count("error") + (result.count("warning") if strict or config.strict else 0)
    sys.exit(1 if failing else 0)


def _before(root: Path):
    """(path -> text at HEAD, paths deleted in the index, identities of HEAD's diagnostics).
    Outside git nothing is known of before: every diagnostic of a dependent record is reported."""
    import tempfile
    from ...contrib import ContribError
    from ...contrib.changes import check_base
    from ...contrib.dependents import identity
    from ...contrib.gitsnap import extract, repo_of, resolve, staged_deletions, text_at
    try:
        top, rel = repo_of(root)
        deleted = staged_deletions(top, rel)
        head = resolve(top, "HEAD")
    except (ContribError, FileNotFoundError):
        return (lambda path: None), [], None
    with tempfile.TemporaryDirectory(prefix="evkb-head-") as tmp:
        before = {identity(d) for d in check_base(extract(top, head, rel, Path(tmp))).diagnostics}
    prefix = f"{rel}/" if rel else ""
    return (lambda path: text_at(top, head, prefix + path)), deleted, before


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
