"""`evkb new claim TOPIC/ID`, `new finding BIBKEY`, `new media ID`, `new reference [FILE]`: start a record safely."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..options import FAILED, base_options, config_for

ROOT = base_options
OUTLETS = ("news", "magazine", "blog", "health-site", "hospital", "social", "video", "other")


def _done(path: Path, root: Path, steps: list) -> None:
    click.echo(f"created {_shown(path, root)}")
    click.echo("next:")
    for i, step in enumerate(steps, 1):
        click.echo(f"  {i}. {step}")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _fail(exc) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(FAILED)


@click.group("new")
def command():
    """Start a new record from a template (never overwrites a file)."""


@command.command("claim")
@ROOT
@click.argument("spec", metavar="TOPIC/ID")
@click.option("--kind", type=click.Choice(["circulating", "assertion"]), default="circulating", show_default=True)
@click.option("--statement", default=None, help="The claim in one sentence.")
@click.option("--population", default=None, help="A term of `evkb vocab populations`.")
@click.option("--activity", default=None, help="A term of `evkb vocab activities`.")
def new_claim(root, config_path, spec, kind, statement, population, activity):
    """Write claims/TOPIC/ID.yaml from the claim template."""
    from ...contrib import ContribError
    from ...contrib.scaffold import new_claim as make
    config_for(root, config_path)
    try:
        made = make(root, spec, kind, statement, population, activity)
    except ContribError as exc:
        _fail(exc)
    _done(made.path, root, made.next_steps)


@command.command("finding")
@ROOT
@click.argument("key", metavar="BIBKEY")
@click.option("--design", default=None, help="A term of `evkb vocab designs`.")
@click.option("--population", default=None, help="A term of `evkb vocab populations`.")
@click.option("--activity", default=None, help="A term of `evkb vocab activities`.")
def new_finding(root, config_path, key, design, population, activity):
    """Write references/findings/BIBKEY.yaml: what the publication BIBKEY reports."""
    from ...contrib import ContribError
    from ...contrib.scaffold import new_finding as make
    config_for(root, config_path)
    try:
        made = make(root, key, design, population, activity)
    except ContribError as exc:
        _fail(exc)
    _done(made.path, root, made.next_steps)


@command.command("reference")
@ROOT
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-", metavar="[FILE]")
@click.option("--bib", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The .bib file to add to [default: the one under references/ with the most entries].")
@click.option("--keep-key", is_flag=True, help="Keep the entry's own key instead of the stable one.")
def new_reference(root, config_path, source, bib, keep_key):
    """File a BibTeX entry (from FILE or standard input) under a stable key: author + year + title word."""
    from ...contrib import ContribError
    from ...contrib.bibfile import apply_filing, plan_filing
    config_for(root, config_path)
    if source.isatty():
        click.echo("paste the BibTeX entry, then Ctrl-D:", err=True)
    try:
        filing = plan_filing(root, source.read(), bib, keep_key)
        apply_filing(filing)
    except ContribError as exc:
        _fail(exc)
    for given, key in filing.keys:
        renamed = f" (was {given})" if given != key else ""
        click.echo(f"filed {key}{renamed} in {_shown(filing.path, root)}")
    click.echo("next:")
    for key in (k for _, k in filing.keys):
        click.echo(f"  evkb new finding {key}      # what the publication reports")
    click.echo("  cite it from a claim: sources: [{ref: KEY, findings: [ID], stance: supports}]")


@command.command("media")
@ROOT
@click.argument("media_id", metavar="ID")
@click.option("--title", default=None, help="The article's title, as published.")
@click.option("--outlet", type=click.Choice(OUTLETS), default=None, help="The kind of outlet.")
@click.option("--url", default=None, help="Where it was published.")
def new_media(root, config_path, media_id, title, outlet, url):
    """Write references/media/ID.yaml: a popular article that circulates claims."""
    from ...contrib import ContribError
    from ...contrib.scaffold import new_media as make
    config_for(root, config_path)
    try:
        made = make(root, media_id, title, outlet, url)
    except ContribError as exc:
        _fail(exc)
    _done(made.path, root, made.next_steps)
