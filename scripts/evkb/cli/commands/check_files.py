"""`evkb check-files FILE...`: the check, reporting only the given files (the pre-commit hook)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..options import base_options, emit, report_options


@click.command("check-files")
@base_options
@report_options()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
def command(root, config_path, fmt, output, strict, files):
    """Run the whole check, show the diagnostics FILES cause, fail if they include errors.

    Rules see the whole base (a claim is checked against its references), so the check always
    loads everything. The report keeps the diagnostics in FILES and those of the records that
    depend on them (a claim citing a finding id you renamed), each marked with the change it
    follows from; inside git, files deleted in the index count as changed too.
    """
    from ..app import load_checked
    from ..check_output import render_gate, whole_base
    from ...contrib.dependents import View, caused, reach, view
    result, config = load_checked(root, None, False, config_path)
    whole = whole_base(result)
    wanted = {_relative(f, root) for f in files}
    old, deleted, before = _before(root)
    wanted |= set(deleted)
    result.diagnostics = caused(result, reach(old or View(), view(result.kb), wanted), before)
    result.suppressed = [d for d in result.suppressed if d.path in wanted]
    emit(render_gate(result, whole, len(wanted), fmt, root, color=output is None and sys.stdout.isatty()), output)
    failing = result.count("error") + (result.count("warning") if strict or config.strict else 0)
    sys.exit(1 if failing else 0)


def _before(root: Path):
    """(the graph of the base at HEAD, paths deleted in the index, identities of HEAD's diagnostics).
    Outside git nothing is known of before: every diagnostic of a dependent record is reported."""
    import tempfile
    from ...contrib import ContribError
    from ...contrib.changes import check_base
    from ...contrib.dependents import identity, view
    from ...contrib.gitsnap import extract, repo_of, resolve, staged_deletions
    try:
        top, rel = repo_of(root)
        deleted = staged_deletions(top, rel)
        head = resolve(top, "HEAD")
    except (ContribError, FileNotFoundError):
        return None, [], None
    with tempfile.TemporaryDirectory(prefix="evkb-head-") as tmp:
        old = check_base(extract(top, head, rel, Path(tmp)))
        return view(old.kb), deleted, {identity(d) for d in old.diagnostics}


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
