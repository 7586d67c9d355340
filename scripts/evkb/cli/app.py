"""The command line: `evkb check`, `evkb explain`, `evkb list`, `evkb show`, `evkb schema`, ..."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..report import FORMATS


def _root_option(f):
    f = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
                     show_default=True, help="The knowledge base: a folder with claims/ and references/.")(f)
    f = click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="Where parsed records are cached [default: $XDG_CACHE_HOME/evkb/<hash of ROOT>].")(f)
    return click.option("--no-cache", is_flag=True, help="Parse every file afresh and write no cache.")(f)


def load_checked(root: Path, cache_dir, no_cache, config_path=None):
    from ..engine.check import run_check
    from ..engine.config import ConfigError, load_config
    from ..load.loader import load
    if not (root / "claims").is_dir() and not (root / "references").is_dir():
        raise click.UsageError(f"{root} has neither claims/ nor references/: is --root right?")
    try:
        config = load_config(root, config_path)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    from ..load.speed.cache import default_cache_dir
    cache = None if no_cache else (cache_dir or default_cache_dir(root))
    return run_check(load(root, cache), config), config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="evkb")
def main():
    """evkb: an evidence knowledge base and citation checker."""


@main.command()
@_root_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Report format [default: text; github under GitHub Actions].")
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit 1).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A configuration file instead of ROOT/evkb.toml or [tool.evkb] in ROOT/pyproject.toml.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to a file instead of standard output.")
@click.option("--changed-since", "changed_since", default=None, metavar="REF",
              help="Only diagnostics touching files changed since git REF, plus what the change does to the evidence.")
@click.option("--watch", is_flag=True, help="Check again on every save and print only the new and fixed diagnostics.")
def check(root, cache_dir, no_cache, fmt, strict, config_path, output, changed_since, watch):
    """Load every record, run every rule and report. Exit 0: no errors; 1: errors; 2: usage."""
    from ..report import render
    if watch:
        if output or changed_since or fmt not in (None, "text"):
            raise click.UsageError("--watch prints text to the terminal: without --output, --changed-since or --format")
        from .watch import watch_check
        sys.exit(watch_check(root, lambda: load_checked(root, cache_dir, no_cache, config_path), strict))
    result, config = load_checked(root, cache_dir, no_cache, config_path)
    changes = _changes_since(result, root, changed_since) if changed_since else ""
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    text = render(result, fmt, color=output is None and sys.stdout.isatty())
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if fmt == "github" and not output:
        click.echo(render(result, "text").splitlines()[-1], err=True)
    if changes:
        click.echo(changes, err=fmt in ("json", "sarif"))
    failing = result.count("error") + (result.count("warning") if strict or config.strict else 0)
    sys.exit(1 if failing else 0)


def _changes_since(result, root: Path, ref: str) -> str:
    from ..contrib import ContribError
    from ..contrib.changes import restrict_to_changes
    try:
        return restrict_to_changes(result, root, ref)
    except ContribError as exc:
        raise click.UsageError(str(exc)) from None


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text")
def rules_cmd(fmt):
    """List every rule with its code, name and default level."""
    from ..engine.rules import all_rules
    rows = [(r.code, r.name, _level_text(r.level), r.summary) for r in all_rules()]
    if fmt == "json":
        click.echo(json.dumps([dict(zip(("code", "name", "level", "summary"), row)) for row in rows], indent=2))
    elif fmt == "markdown":
        click.echo("| code | name | default level | what it flags |\n| --- | --- | --- | --- |")
        for row in rows:
            click.echo("| " + " | ".join(row) + " |")
    else:
        for code, name, level, summary in rows:
            click.echo(f"{code}  {name:<28} {level:<36} {summary}")


def _level_text(level) -> str:
    if isinstance(level, dict):
        return ", ".join(f"{v} on {k} claims" for k, v in level.items())
    return level


@main.command()
@click.argument("rule")
def explain(rule):
    """Show a rule's documentation: what it flags, why, a failing and a fixed example."""
    from ..engine.rules import all_rules, find
    found = find(rule)
    if found is None:
        from ..load.validate import did_you_mean
        names = [r.name for r in all_rules()] + [r.code for r in all_rules()]
        raise click.UsageError(f"no rule {rule!r}. {did_you_mean(rule, names)}".strip())
    click.echo(f"{found.code} {found.name} (default level: {_level_text(found.level)})\n")
    click.echo(found.doc)
    if found.options:
        click.echo("\nOptions: " + ", ".join(f"{k} = {v!r}" for k, v in found.options.items()))


@main.command("list")
@_root_option
@click.option("--topic", default=None, help="Only claims of this topic.")
@click.option("--verdict", default=None, help="Only claims with this verdict.")
@click.option("--media", default=None, help="Only claims seen in this media record (an article's report card).")
def list_cmd(root, cache_dir, no_cache, topic, verdict, media):
    """Claims with their kind, topic, verdict, grade and any overstated or understated figure."""
    result, _ = load_checked(root, cache_dir, no_cache)
    for cid in sorted(result.kb.claims):
        loaded, a = result.kb.claims[cid], result.assessments[cid]
        if (topic and loaded.topic != topic) or (verdict and a.verdict != verdict):
            continue
        credits = [s for s in loaded.record.seen_in if s.media == media]
        if media and not credits:
            continue
        figures = "; ".join(m.text() for _, m in a.mismatches)
        credit = f"  credit: {', '.join(s.status for s in credits)}" if credits else ""
        click.echo(f"{cid:<48} {loaded.record.kind:<12} {loaded.topic:<18} {a.verdict:<17} {a.grade or '-':<10}"
                   f"{figures}{credit}".rstrip())


@main.command()
@_root_option
@click.argument("claim_id")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people; json for tools: the claim, its verdict and every figure check.")
def show(root, cache_dir, no_cache, claim_id, output_format):
    """One claim with its verdict, grade, sources, findings, diagnostics and every figure check."""
    from ..report.show import claim_data, render_claim
    result, _ = load_checked(root, cache_dir, no_cache)
    if claim_id not in result.kb.claims:
        from ..load.validate import did_you_mean
        raise click.UsageError(f"no claim {claim_id!r}. {did_you_mean(claim_id, result.kb.claims)}".strip())
    if output_format == "json":
        click.echo(json.dumps(claim_data(result, claim_id), indent=2, ensure_ascii=False))
    else:
        click.echo(render_claim(result, claim_id))


@main.command()
@click.argument("kind", type=click.Choice(["claim", "findings", "media"]))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write <kind>.schema.json into this folder instead of printing.")
def schema(kind, out):
    """Print the JSON Schema generated from the record model for KIND."""
    from ..model.schema import schema_for
    text = json.dumps(schema_for(kind), indent=2) + "\n"
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{kind}.schema.json").write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command()
@_root_option
@click.argument("kind", type=click.Choice(["measures", "comparisons", "populations", "activities", "designs", "units"]))
def vocab(root, cache_dir, no_cache, kind):
    """List the terms of one vocabulary."""
    from ..load.vocabulary import load_vocabulary
    vocabulary, _ = load_vocabulary(root / "references" / "vocabulary", str)
    for term in vocabulary.terms[kind].values():
        click.echo(f"{term.id:<36} {term.name}")


def _register_extra_commands():
    from .commands import register
    register(main)


_register_extra_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
