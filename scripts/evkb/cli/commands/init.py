"""`evkb init DIR --topic NAME`: start a new, empty knowledge base."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..options import FAILED


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), metavar="DIR")
@click.option("--topic", required=True, help="The base's first topic, e.g. cold-water-swimming (the claims/ folder).")
def command(directory, topic):
    """Create a new knowledge base in DIR (new or empty; nothing is ever overwritten).

    It holds claims/TOPIC/, references/ (an empty .bib, findings/, media/, generic vocabularies),
    docs/, mkdocs.yml with the evkb plugin, evkb.toml, a CI workflow, a pre-commit config and a
    README; `evkb check` passes and `mkdocs build --strict` builds it at once.
    """
    from ...contrib import ContribError
    from ...contrib.init import init_base
    try:
        written = init_base(directory, topic)
    except ContribError as exc:
        click.echo(f"error: {exc}\nno file was changed.", err=True)
        sys.exit(FAILED)
    click.echo(f"created a knowledge base in {directory} ({len(written)} files)")
    click.echo("next:")
    for step in (f"cd {directory} && git init", f"evkb new claim {topic}/<id>   # and evkb add doi:..., evkb new finding KEY",
                 "evkb check && mkdocs build --strict", "set site_url and repo_url in mkdocs.yml"):
        click.echo(f"  {step}")
