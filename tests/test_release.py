"""Releases are real: one version, recorded in the changelog; the project's addresses come from
its metadata, and no placeholder address ships."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from evkb.model import project

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
PLACEHOLDERS = re.compile(r"example\.com|example\.invalid|github\.com/example\b")
# Shipped: what the package, the site and a clone of the repository give a user. The test suite
# is not shipped, and some of its files hold placeholder addresses on purpose (hostile records,
# e-mail addresses of throw-away git commits).
NOT_SHIPPED = ("tests/",)


def shipped_files() -> list[Path]:
    proc = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True, text=True)
    names = proc.stdout.split("\0") if proc.returncode == 0 else \
        [p.relative_to(REPO).as_posix() for p in REPO.rglob("*") if p.is_file() and ".git" not in p.parts]
    return [REPO / n for n in names if n and not n.startswith(NOT_SHIPPED) and (REPO / n).is_file()]


def placeholders_in(paths) -> list[str]:
    found = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [f"{path.relative_to(REPO)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
                  for m in PLACEHOLDERS.finditer(text)]
    return found


def test_no_placeholder_address_ships():
    files = shipped_files()
    assert any(f.name == "mkdocs.yml" for f in files) and any(f.suffix == ".py" for f in files)
    assert placeholders_in(files) == []


def test_the_placeholder_scan_finds_a_planted_address(tmp_path):
    planted = REPO / "docs" / "planted-for-the-test.md"
    try:
        planted.write_text("see https://github.com/example/evkb and user@example.com\n", encoding="utf-8")
        assert len(placeholders_in([planted])) == 2
    finally:
        planted.unlink()


def test_the_version_is_written_once():
    version = PYPROJECT["project"]["version"]
    assert project.version() == version, "reinstall (make .venv/.installed): the installed metadata is stale"
    literal = re.compile(rf"['\"]v?{re.escape(version)}['\"]")
    code = [p for p in (REPO / "scripts").rglob("*.py") if literal.search(p.read_text(encoding="utf-8"))]
    assert code == [], f"a version literal besides pyproject.toml: {code}"
    proc = subprocess.run([sys.executable, "-m", "evkb", "--version"], capture_output=True, text=True)
    assert version in proc.stdout


def test_the_changelog_records_the_version():
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+)", text, re.M)
    assert headings and headings[0] == PYPROJECT["project"]["version"], "add the version's heading to CHANGELOG.md"
    assert "git tag v<version>" in text


def test_the_addresses_come_from_the_project_metadata():
    urls = PYPROJECT["project"]["urls"]
    assert project.repository() == urls["Repository"] and project.documentation() == urls["Documentation"]
    mkdocs = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert mkdocs["repo_url"] == urls["Repository"]
    # no site_url: the site stays relocatable (a path prefix would make the 404 page's links absolute);
    # SARIF's helpUri falls back to the project's documentation URL, which is where it is published
    assert mkdocs.get("site_url", urls["Documentation"]) == urls["Documentation"]
    assert f"git clone {urls['Repository']}.git" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    from evkb.contrib.transport import user_agent
    assert user_agent() == f"evkb/{project.version()} (evidence knowledge base; reference look-up; +{urls['Repository']})"


def test_the_hooks_and_the_action_are_offered_at_the_release_tag():
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    example = yaml.safe_load("\n".join(line[2:] for line in hooks.splitlines() if line.startswith("#   ")))
    assert example["repos"][0]["repo"] == project.repository()
    assert example["repos"][0]["rev"] == project.release_tag() == f"v{PYPROJECT['project']['version']}"
    offered = {h["id"] for h in yaml.safe_load(hooks)}
    assert {h["id"] for h in example["repos"][0]["hooks"]} <= offered
    owner_name = project.repository().split("github.com/", 1)[1]
    for path in ("action.yml", "docs/cli.md"):
        uses = re.findall(r"uses: (\S+/\S+)@(\S+)", (REPO / path).read_text(encoding="utf-8"))
        mine = [(u, rev) for u, rev in uses if u == owner_name]
        assert mine and all(rev == project.release_tag() for _, rev in mine), (path, uses)


@pytest.mark.parametrize("path", ["README.md", "CHANGELOG.md", "docs/cli.md"])
def test_docs_name_the_commands_of_this_release(path):
    text = (REPO / path).read_text(encoding="utf-8")
    assert "evkb init" in text
