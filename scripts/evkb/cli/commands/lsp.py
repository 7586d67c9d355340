"""`evkb lsp`: the language server, for editors (JSON-RPC on standard input and output)."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("lsp")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The knowledge base: a folder with claims/ and references/.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where parsed records are cached [default: $XDG_CACHE_HOME/evkb/<hash of ROOT>].")
@click.option("--no-cache", is_flag=True, help="Parse every file afresh and write no cache.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A configuration file instead of ROOT/evkb.toml or [tool.evkb] in ROOT/pyproject.toml.")
def command(root, cache_dir, no_cache, config_path):
    """Run the language server: the check's diagnostics as you type, hover, definition, completion.

    An editor starts it and talks to it on standard input and output; the base is read once
    here, before the first message, and every change is checked with the whole base.
    """
    from ...engine.config import ConfigError
    from ...load.speed.cache import default_cache_dir
    from ...lsp.server import make_server
    from ...lsp.session import Session
    if not (root / "claims").is_dir() and not (root / "references").is_dir():
        raise click.UsageError(f"{root} has neither claims/ nor references/: is --root right?")
    try:
        session = Session(root, None if no_cache else (cache_dir or default_cache_dir(root)), config_path)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    make_server(session).start_io()
