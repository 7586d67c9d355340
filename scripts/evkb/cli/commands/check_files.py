"""`evkb check-files FILE...`: the check, reporting only the given files (the pre-commit hook)."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("check-files")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The knowledge base: a folder with claims/ and references/.")
@click.option("--strict", is_flag=True, help="Warnings in the files fail too.")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def command(root, strict, files):
    """Run the whole check, show the diagnostics that touch FILES, fail if they include errors.

    Rules see the whole base (a claim is checked against its references), so the check always
    loads everything; only the report is narrowed to the files you changed.
    """
    from ..app import load_checked
    from ...contrib.changes import touches
    from ...report import text_report
    result, _ = load_checked(root, None, False)
    wanted = {_relative(f, root) for f in files}
    result.diagnostics = [d for d in result.diagnostics if touches(d, wanted)]
    result.suppressed = [d for d in result.suppressed if d.path in wanted]
    report = text_report.render(result).splitlines()
    click.echo("\n".join(report[:-1] + [f"{len(wanted)} changed files: {result.count('error')} errors, "
                                         f"{result.count('warning')} warnings (whole base: {report[-1]})"]))
    sys.exit(1 if result.count("error") or (strict and result.count("warning")) else 0)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
