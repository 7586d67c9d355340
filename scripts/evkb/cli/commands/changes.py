"""`evkb changes --since REF`: what the working tree changes since REF, as Markdown a pull request can show."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("changes")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The knowledge base: a folder with claims/ and references/ inside a git repository.")
@click.option("--since", "ref", required=True, metavar="REF", help="The git revision to compare with, e.g. origin/main.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also append the report to this file (e.g. \"$GITHUB_STEP_SUMMARY\").")
@click.option("--fail-on-error", is_flag=True, help="Exit 1 when the changed files have errors.")
def command(root, ref, fmt, output, fail_on_error):
    """Diagnostics in files changed since REF, claims added, verdicts or grades moved, new conflicts."""
    from ...contrib import ContribError
    from ...contrib.changes import changes_since
    from ...contrib.changes_report import render_json, render_markdown
    try:
        report = changes_since(root, ref)
    except ContribError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    text = render_markdown(report) if fmt == "markdown" else render_json(report)
    click.echo(text, nl=False)
    if output:
        with output.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    sys.exit(1 if fail_on_error and report.count("error") else 0)
