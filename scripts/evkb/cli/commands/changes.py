"""`evkb changes --since REF`: what the working tree changes since REF, as Markdown a pull request can show."""
from __future__ import annotations

from pathlib import Path

import click

from ..options import (CANNOT_RUN, base_options, cache_options, emit, finish, report_options)


@click.command("changes")
@base_options
@cache_options
@click.option("--since", "ref", required=True, metavar="REF", help="The git revision to compare with, e.g. origin/main.")
@report_options(default="markdown")
def command(root, config_path, cache_dir, no_cache, ref, fmt, output, strict):
    """Diagnostics the change since REF causes, claims added, verdicts or grades moved, new conflicts.

    Exit 1 when the change's diagnostics include errors (warnings too with --strict).
    """
    from ...contrib import ContribError
    from ...contrib.changes import changes_since
    from ...contrib.changes_report import render_json, render_markdown
    from ..app import load_checked
    from ..check_output import render_check, whole_base
    current, config = load_checked(root, cache_dir, no_cache, config_path)
    whole = whole_base(current)
    try:
        report = changes_since(root, ref, current=current)
    except ContribError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(CANNOT_RUN) from None
    if fmt == "markdown":
        text = render_markdown(report, whole)
    elif fmt == "json":
        text = render_json(report, whole)
    else:
        current.diagnostics = [d for d, _ in report.diagnostics]
        current.suppressed = []
        text = render_check(current, fmt, Path(root))
    emit(text, output)
    finish(report.count("error"), report.count("warning"), strict or config.strict)
