"""One grammar for the command line: the same options mean the same thing on every command."""
from __future__ import annotations

import click
import pytest

from evkb.cli.app import main
from evkb.cli.options import LIST_FORMATS, REPORT_FORMATS
from evkb_testlib import run_cli

REPORTING = {"check", "changes", "verify-references"}
LISTING = {"rules", "list", "show", "vocab"}
# check-files is the pre-commit hook, reworked by the dependents change (issue 13, items 1-2);
# it joins the grammar there.
PENDING: dict = {}   # command -> why it does not follow the grammar yet (none now)


def commands():
    for name, cmd in sorted(main.commands.items()):
        if isinstance(cmd, click.Group):
            for sub, leaf in sorted(cmd.commands.items()):
                yield f"{name} {sub}", leaf
        else:
            yield name, cmd


def option(cmd, name):
    return next((p for p in cmd.params if isinstance(p, click.Option) and name in p.opts), None)


@pytest.mark.parametrize("name,cmd", [(n, c) for n, c in commands() if option(c, "--root") and n not in PENDING])
def test_every_command_that_reads_a_base_takes_root_and_config(name, cmd):
    assert option(cmd, "--config") is not None, f"evkb {name} takes --root but not --config"
    assert option(cmd, "--root").default == "."


@pytest.mark.parametrize("name", sorted(REPORTING))
def test_every_reporting_command_takes_the_same_format_output_and_strict(name):
    cmd = main.commands[name]
    assert tuple(option(cmd, "--format").type.choices) == REPORT_FORMATS
    assert option(cmd, "--output").opts == ["--output", "-o"] and option(cmd, "--strict").is_flag


@pytest.mark.parametrize("name", sorted(LISTING))
def test_every_listing_command_takes_the_same_format_and_output(name):
    cmd = main.commands[name]
    assert tuple(option(cmd, "--format").type.choices) == LIST_FORMATS
    assert option(cmd, "--output").opts == ["--output", "-o"]


def test_every_format_option_is_one_of_the_two_families():
    for name, cmd in commands():
        fmt = option(cmd, "--format")
        if fmt is not None and name not in PENDING:
            assert tuple(fmt.type.choices) in (REPORT_FORMATS, LIST_FORMATS), name


def test_one_meaning_per_option():
    helps = {}
    for name, cmd in commands():
        for param in cmd.params:
            if isinstance(param, click.Option) and param.opts[0] in ("--root", "--config", "--output", "--cache-dir",
                                                                     "--no-cache"):
                helps.setdefault(param.opts[0], set()).add(param.help)
        assert option(cmd, "--fail-on-error") is None, f"evkb {name}: use --strict / the exit status"
    assert all(len(texts) == 1 for texts in helps.values()), helps


def test_pending_commands_still_exist():
    assert set(PENDING) <= set(main.commands)


# --- what the commands print --------------------------------------------------------------------

@pytest.fixture
def base(tmp_path):
    import shutil
    from pathlib import Path
    root = tmp_path / "kb"
    shutil.copytree(Path(__file__).parent / "data" / "contrib-base", root)
    return root


def test_output_writes_the_report_instead_of_printing_it(base, tmp_path):
    for args in (["check", "--format", "markdown"], ["rules", "--format", "json"], ["vocab", "units"],
                 ["verify-references", "--format", "sarif"]):
        out = tmp_path / "out.txt"
        root = ["--root", str(base)] if args[0] != "rules" else []
        proc = run_cli([*args, *root, "--output", str(out)])
        assert proc.stdout == "" and out.read_text(encoding="utf-8"), args


def test_verify_references_without_a_lock_file_says_how_to_make_one(base):
    plain = run_cli(["verify-references", "--root", str(base)])
    assert plain.returncode == 0
    assert "no lock file: nothing was verified" in plain.stderr and "--online --update-lock" in plain.stderr
    strict = run_cli(["verify-references", "--root", str(base), "--strict"])
    assert strict.returncode == 1 and "no lock file" in strict.stderr


def test_a_wrong_config_exits_2_on_every_command_that_reads_a_base(base, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("nonsense = 1\n")
    for args in (["check"], ["list"], ["vocab", "units"], ["verify-references"], ["schema-comments"],
                 ["new", "claim", "t/x"], ["show", "x"]):
        proc = run_cli([*args, "--root", str(base), "--config", str(bad)])
        assert proc.returncode == 2 and "nonsense" in proc.stderr, (args, proc.stderr)
    assert not (base / "claims" / "t").exists()


def test_no_base_at_root_exits_2(tmp_path):
    for args in (["check"], ["list"], ["verify-references"], ["changes", "--since", "main"]):
        assert run_cli([*args, "--root", str(tmp_path)]).returncode == 2, args
