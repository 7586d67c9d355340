"""The command line: `evkb check`, `evkb explain`, `evkb list`, `evkb show`, `evkb schema`, ..."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .options import base_options, cache_options, config_for, emit, list_options, report_options, require_base


def _root_option(f):
    return base_options(cache_options(f))


def load_checked(root: Path, cache_dir, no_cache, config_path=None):
    from ..engine.check import run_check
    from ..load.loader import load
    from ..load.speed.cache import default_cache_dir
    require_base(root)
    config = config_for(root, config_path)
    cache = None if no_cache else (cache_dir or default_cache_dir(root))
    return run_check(load(root, cache), config), config


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="evkb")
def main():
    """evkb: an evidence knowledge base and citation checker."""


@main.command()
@_root_option
@report_options(default=None)
@click.option("--changed-since", "changed_since", default=None, metavar="REF",
              help="Only diagnostics touching files changed since git REF, plus what the change does to the evidence.")
@click.option("--watch", is_flag=True, help="Check again on every save and print only the new and fixed diagnostics.")
def check(root, cache_dir, no_cache, config_path, fmt, output, strict, changed_since, watch):
    """Load every record, run every rule and report (exit status: docs/cli.md)."""
    from .check_output import render_check, render_gate, whole_base, write_step_summary
    from ..report import render
    if watch:
        if output or changed_since or fmt not in (None, "text"):
            raise click.UsageError("--watch prints text to the terminal: without --output, --changed-since or --format")
        from .watch import watch_check
        sys.exit(watch_check(root, lambda: load_checked(root, cache_dir, no_cache, config_path), strict))
    result, config = load_checked(root, cache_dir, no_cache, config_path)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    whole, figures = list(result.diagnostics), whole_base(result)
    report = _changes_since(result, root, changed_since) if changed_since else None
    focus = list(result.diagnostics) if changed_since else None
    if fmt == "github":   # the change's diagnostics (with their "caused by" note) first; every error still fails
        from ..report.github_report import identity
        caused = {identity(d) for d in focus or ()}
        result.diagnostics = list(focus or ()) + [d for d in whole if identity(d) not in caused]
        write_step_summary(result, root, focus)
    color = output is None and sys.stdout.isatty()
    emit(render_gate(result, figures, len(report.changed), fmt, root, color) if report and fmt in ("text", "json")
         else render_check(result, fmt, root, color=color, focus=focus), output)
    if fmt == "github" and not output:
        click.echo(render(result, "text").splitlines()[-1], err=True)
    if report:
        from ..contrib.changes_report import render_markdown
        click.echo(render_markdown(report, figures), err=fmt in ("json", "sarif", "github"))
    failing = result.count("error") + (result.count("warning") if strict or config.strict else 0)
    sys.exit(1 if failing else 0)


def _changes_since(result, root: Path, ref: str):
    from ..contrib import ContribError
    from ..contrib.changes import restrict_to_changes
    try:
        return restrict_to_changes(result, root, ref)
    except ContribError as exc:
        raise click.UsageError(str(exc)) from None


@main.command("rules")
@list_options
def rules_cmd(fmt, output):
    """List every rule with its code, name and default level."""
    from ..engine.rules import all_rules
    from .listing import render_rows
    rows = [(r.code, r.name, _level_text(r.level), r.summary) for r in all_rules()]
    emit(render_rows(fmt, ("code", "name", "level", "summary"), rows,
                     lambda row: f"{row[0]}  {row[1]:<28} {row[2]:<36} {row[3]}"), output)


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
@list_options
@click.option("--topic", default=None, help="Only claims of this topic.")
@click.option("--verdict", default=None, help="Only claims with this verdict.")
@click.option("--media", default=None, help="Only claims seen in this media record (an article's report card).")
def list_cmd(root, cache_dir, no_cache, config_path, fmt, output, topic, verdict, media):
    """Claims with their kind, topic, verdict, grade and any overstated or understated figure."""
    from .listing import render_rows
    result, _ = load_checked(root, cache_dir, no_cache, config_path)
    rows = []
    for cid in sorted(result.kb.claims):
        loaded, a = result.kb.claims[cid], result.assessments[cid]
        if (topic and loaded.topic != topic) or (verdict and a.verdict != verdict):
            continue
        credits = [s for s in loaded.record.seen_in if s.media == media]
        if media and not credits:
            continue
        rows.append((cid, loaded.record.kind, loaded.topic, a.verdict, a.grade or "-",
                     "; ".join(m.text() for _, m in a.mismatches), ", ".join(s.status for s in credits)))
    emit(render_rows(fmt, ("claim", "kind", "topic", "verdict", "grade", "figures", "credit"), rows,
                     lambda r: f"{r[0]:<48} {r[1]:<12} {r[2]:<18} {r[3]:<17} {r[4]:<10}{r[5]}"
                               + (f"  credit: {r[6]}" if r[6] else "")), output)


@main.command()
@_root_option
@click.argument("claim_id")
@list_options
def show(root, cache_dir, no_cache, config_path, claim_id, fmt, output):
    """One claim with its verdict, grade, sources, findings, diagnostics and every figure check."""
    from ..report.show import claim_data, render_claim
    result, _ = load_checked(root, cache_dir, no_cache, config_path)
    if claim_id not in result.kb.claims:
        from ..load.validate import did_you_mean
        raise click.UsageError(f"no claim {claim_id!r}. {did_you_mean(claim_id, result.kb.claims)}".strip())
    if fmt == "json":
        emit(json.dumps(claim_data(result, claim_id), indent=2, ensure_ascii=False) + "\n", output)
    elif fmt == "markdown":
        text = render_claim(result, claim_id).replace("`", "'")    # no backtick of a record ends the block
        emit(f"### {claim_id}\n\n```text\n{text}\n```\n", output)
    else:
        emit(render_claim(result, claim_id) + "\n", output)


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
@list_options
@click.argument("kind", type=click.Choice(["measures", "comparisons", "populations", "activities", "designs", "units"]))
def vocab(root, cache_dir, no_cache, config_path, fmt, output, kind):
    """List the terms of one vocabulary."""
    from ..load.vocabulary import load_vocabulary
    from .listing import render_rows
    require_base(root)
    config_for(root, config_path)
    vocabulary, _ = load_vocabulary(root / "references" / "vocabulary", str)
    rows = [(term.id, term.name, term.description) for term in vocabulary.terms[kind].values()]
    emit(render_rows(fmt, ("id", "name", "description"), rows, lambda r: f"{r[0]:<36} {r[1]}"), output)


def _register_extra_commands():
    from .commands import register
    register(main)


_register_extra_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
