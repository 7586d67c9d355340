"""The one grammar of the command line: the options every command shares, and the exit status.

Every command that reads a base takes `--root` and `--config`; every command that reports
takes `--format` with the same choices, `--output FILE` and `--strict`. docs/cli.md documents
them once ("Common options", "Exit status"); tests/test_cli_grammar.py holds every command to them.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

REPORT_FORMATS = ("text", "json", "github", "sarif", "markdown")   # commands that report diagnostics
LIST_FORMATS = ("text", "json", "markdown")                         # commands that list what a base holds
OK, FAILED, CANNOT_RUN = 0, 1, 2
EXIT_STATUS = {OK: "success: nothing that fails",
               FAILED: "the report has errors (or warnings, with --strict or strict = true), "
                       "or what was asked was refused and no file was changed",
               CANNOT_RUN: "the command could not run: a usage or configuration problem, no base at --root, "
                           "an unknown git revision, a service that could not be reached"}


def base_options(f):
    """--root and --config."""
    f = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="A configuration file instead of ROOT/evkb.toml or [tool.evkb] in ROOT/pyproject.toml.")(f)
    return click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
                        show_default=True, help="The knowledge base: a folder with claims/ and references/.")(f)


def cache_options(f):
    f = click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Where parsed records are cached [default: $XDG_CACHE_HOME/evkb/<hash of ROOT>].")(f)
    return click.option("--no-cache", is_flag=True, help="Parse every file afresh and write no cache.")(f)


def output_option(f):
    return click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Write the report to FILE (replacing it) instead of standard output.")(f)


def report_options(default: str | None = "text"):
    """--format (REPORT_FORMATS), --output, --strict."""
    def wrap(f):
        f = click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")(f)
        f = output_option(f)
        shown = default or "text; github under GitHub Actions"
        return click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default=default,
                            help=f"Report format [default: {shown}].")(f)
    return wrap


def list_options(f):
    f = output_option(f)
    return click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="text", show_default=True,
                        help="text for people, json for tools, markdown for pages.")(f)


def config_for(root: Path, config_path: Path | None):
    """The configuration, or exit 2 with the reason."""
    from ..engine.config import ConfigError, load_config
    try:
        return load_config(root, config_path)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


def require_base(root: Path) -> None:
    if not (root / "claims").is_dir() and not (root / "references").is_dir():
        raise click.UsageError(f"{root} has neither claims/ nor references/: is --root right?")


def emit(text: str, output: Path | None) -> None:
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def finish(errors: int, warnings: int, strict: bool) -> None:
    sys.exit(FAILED if errors or (strict and warnings) else OK)
