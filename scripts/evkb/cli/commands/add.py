"""`evkb add doi:10.… pmid:…`: look identifiers up (Crossref, PubMed) and file their BibTeX entries.

The only command that uses the network by default. Each answer is kept in
references/lookup.lock.json so later checks (`evkb verify-references`) need none.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..options import CANNOT_RUN, FAILED, base_options, config_for, require_base


@click.command("add")
@base_options
@click.argument("identifiers", nargs=-1, required=True, metavar="doi:10.…|pmid:…")
@click.option("--bib", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The .bib file to add to [default: the one under references/ with the most entries].")
@click.option("--responses", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Answer from saved responses in this folder instead of the network (crossref/, pubmed/).")
def command(root, config_path, identifiers, bib, responses):
    """Fetch metadata for DOIs / PMIDs and file a BibTeX entry for each, under a stable key."""
    from ...contrib import ContribError
    from ...contrib.lockfile import LOCK
    from ...contrib.lookup import apply_add, plan_add
    from ...contrib.transport import file_transport, http_get
    from ...contrib.transport import LookupFailure, NotFound
    require_base(root)
    config_for(root, config_path)
    transport = file_transport(responses) if responses else http_get
    try:
        plan = plan_add(root, list(identifiers), transport, bib)
        apply_add(root, plan)
    except ContribError as exc:
        click.echo(f"error: {exc}\nno file was changed.", err=True)
        unreachable = isinstance(exc, LookupFailure) and not isinstance(exc, NotFound)
        sys.exit(CANNOT_RUN if unreachable else FAILED)
    shown = plan.filing.path.resolve().relative_to(root.resolve()).as_posix()
    for ident, key in plan.added:
        click.echo(f"filed {key} ({ident}) in {shown}")
    click.echo(f"recorded the responses in {LOCK}: commit it with the .bib file")
    click.echo("next:")
    for _, key in plan.added:
        click.echo(f"  evkb new finding {key}")
