"""`evkb schema-comments`: make every record start with its `# yaml-language-server: $schema=` line."""
from __future__ import annotations

import sys

import click

from ..options import base_options, config_for, require_base


@click.command("schema-comments")
@base_options
@click.option("--write", is_flag=True, help="Add or correct the comment in place (otherwise only list the files).")
def command(root, config_path, write):
    """List (or, with --write, fix) records without the schema comment editors use to autocomplete.

    Exit 1 when a record lacks the comment and --write was not given.
    """
    from ...contrib.fsutil import write_atomic
    from ...contrib.schemaref import records, schema_comment, with_comment
    require_base(root)
    config_for(root, config_path)
    stale = []
    for path, kind in records(root):
        text = path.read_text(encoding="utf-8")
        wanted = schema_comment(root, path, kind)
        if not text.startswith(wanted + "\n"):
            stale.append(path)
            if write:
                write_atomic(path, with_comment(text, wanted))
    verb = "fixed" if write else "no schema comment"
    for path in stale:
        click.echo(f"{path.relative_to(root).as_posix()}: {verb}")
    click.echo(f"{len(stale)} of the records {'fixed' if write else 'lack the comment'}")
    sys.exit(1 if stale and not write else 0)
