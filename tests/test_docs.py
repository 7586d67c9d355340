"""Docs as tests: every command, option, configuration key and rule is documented."""
from pathlib import Path

import click
import pytest

from evkb.cli.app import main
from evkb.engine.config import KNOWN_KEYS
from evkb.site.mkdocs.plugin import EvkbConfig
from evkb.engine.rules import all_rules

DOCS = Path(__file__).parent.parent / "docs"
CLI_DOC = (DOCS / "cli.md").read_text(encoding="utf-8")


def _commands():
    for name, cmd in main.commands.items():
        yield name, cmd


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_a_section(name):
    assert f"## `evkb {name}" in CLI_DOC, f"docs/cli.md has no section for `evkb {name}`"


@pytest.mark.parametrize("name,option", [(n, o) for n, c in sorted(main.commands.items()) for p in c.params
                                         if isinstance(p, click.Option) for o in p.opts])
def test_every_option_is_documented(name, option):
    section = CLI_DOC.split(f"## `evkb {name}", 1)[1].split("\n## ", 1)[0]
    assert f"`{option}" in section or f"{option} " in section, f"`evkb {name} {option}` is not documented"


@pytest.mark.parametrize("key", sorted(KNOWN_KEYS))
def test_every_setting_is_documented(key):
    assert f"`{key}`" in (DOCS / "configuration.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("option", sorted(name for name, _ in EvkbConfig._schema))
def test_every_plugin_option_is_documented(option):
    section = (DOCS / "configuration.md").read_text(encoding="utf-8").split("## The MkDocs plugin", 1)[1]
    assert f"| `{option}` |" in section, f"the plugin option {option} is not in docs/configuration.md"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
def test_every_rule_documents_itself(rule):
    assert "Failing example" in rule.doc and "Fixed example" in rule.doc
    for option in rule.options:
        assert f"`{option}`" in rule.doc, f"{rule.name} does not document its option {option}"


# --- subcommands, the common grammar, exit status and rule pages -------------------------------------

def _leaf_commands():
    """(full name, command) of every command, subcommands of groups (`new claim`) included."""
    for name, cmd in sorted(main.commands.items()):
        if isinstance(cmd, click.Group):
            for sub, leaf in sorted(cmd.commands.items()):
                yield f"{name} {sub}", leaf
        else:
            yield name, cmd


def _section(full_name: str) -> str:
    top = full_name.split()[0]
    return CLI_DOC.split(f"## `evkb {top}", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("name,option", [(n, o) for n, c in _leaf_commands() if " " in n for p in c.params
                                         if isinstance(p, click.Option) for o in p.opts])
def test_every_subcommand_option_is_documented(name, option):
    section = _section(name)
    assert f"evkb {name}" in section, f"docs/cli.md does not name `evkb {name}`"
    assert f"`{option}" in section, f"`evkb {name} {option}` is not documented"


@pytest.mark.parametrize("name,param", [(n, p) for n, c in _leaf_commands() for p in c.params
                                        if isinstance(p, click.Option) and isinstance(p.type, click.Choice)])
def test_every_choice_of_an_option_is_documented(name, param):
    section = _section(name) + CLI_DOC.split("## Common options", 1)[1].split("\n## ", 1)[0]
    for choice in param.type.choices:
        assert choice in section, f"`evkb {name} {param.opts[0]}` choice {choice!r} is not documented"


def test_the_common_options_and_exit_status_are_documented_once():
    from evkb.cli.options import EXIT_STATUS, LIST_FORMATS, REPORT_FORMATS
    common = CLI_DOC.split("## Common options", 1)[1].split("\n## ", 1)[0]
    for option in ("--root", "--config", "--format", "--output", "--strict", "--cache-dir", "--no-cache"):
        assert f"`{option}" in common, option
    for fmt in REPORT_FORMATS + LIST_FORMATS:
        assert f"`{fmt}`" in common, fmt
    assert CLI_DOC.count("## Exit status") == 1
    status = CLI_DOC.split("## Exit status", 1)[1].split("\n## ", 1)[0]
    for code in EXIT_STATUS:
        assert f"| `{code}` |" in status
    # no command section defines its own exit status
    rest = CLI_DOC.replace(status, "")
    assert "Exit status:" not in rest and "exit status:" not in rest


def test_every_rule_page_shows_a_failing_record():
    """The rule page the site generates holds the failing example as a code block (and the fixed one)."""
    from types import SimpleNamespace
    from evkb.site.pages import links
    from evkb.site.pages.indexes import rule_pages
    pages = rule_pages(SimpleNamespace(diagnostics=[], options=SimpleNamespace(directory_urls=True)))
    for rule in all_rules():
        page = pages[links.rule_path(rule)]
        failing = page.split("Failing example", 1)[1].split("Fixed example", 1)[0]
        block = [line for line in failing.splitlines() if line.startswith("    ") and line.strip()]
        assert block, f"the page of {rule.code} {rule.name} shows no failing record"
        assert "Fixed example" in page
