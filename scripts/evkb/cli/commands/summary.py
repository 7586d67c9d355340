"""`evkb summary REPORT.json`: the check's JSON report as a Markdown table, for $GITHUB_STEP_SUMMARY."""
from __future__ import annotations

import json
import sys

import click

from ..options import CANNOT_RUN, emit, output_option


@click.command("summary")
@click.argument("report", type=click.File("r", encoding="utf-8"), default="-", metavar="[REPORT.json]")
@output_option
def command(report, output):
    """Turn `evkb check --format json` output (a file, or standard input) into a Markdown summary."""
    from ...contrib.summary import render_summary
    try:
        data = json.load(report)
    except ValueError as exc:
        click.echo(f"error: {report.name} is not the JSON of `evkb check --format json` ({exc})", err=True)
        sys.exit(CANNOT_RUN)
    emit(render_summary(data), output)
