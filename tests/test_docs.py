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
