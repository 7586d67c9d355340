"""The pull-request gate as a reviewer meets it: annotations GitHub keeps, SARIF code scanning
accepts (validated against the SARIF 2.1.0 schema), paths under `--root`, code frames, the
composite action run as written, and `evkb init` bases that check and build at once."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
import yaml

from evkb.engine.diagnostics import Diagnostic, Location
from evkb.model import project
from evkb.report import github_report
from evkb.report.code_frame import Frames
from evkb_testlib import run_cli

REPO = Path(__file__).resolve().parents[1]
SARIF_DIR = REPO / "tests" / "data" / "sarif"
SARIF_SCHEMA = json.loads((SARIF_DIR / "sarif-schema-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
CONTRIB_BASE = REPO / "tests" / "data" / "contrib-base"
BIN = Path(sys.executable).parent
GIT = ["-c", "user.name=Test", "-c", "user.email=test@evkb.test"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(cwd), *GIT, *args], check=True, capture_output=True)


def repo_with_base_in(tmp_path: Path, sub: str = "kb") -> Path:
    """A git repository whose knowledge base sits in SUB/ (as `--root kb` expects), committed on main."""
    repo = tmp_path / "repo"
    shutil.copytree(CONTRIB_BASE, repo / sub)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    return repo


def diag(path, line, level="warning", code="R009"):
    return Diagnostic(Location(path, line, 1), code, "some-rule", level, f"message at {path}:{line}")


# --- annotations GitHub keeps ----------------------------------------------------------------------

def test_at_most_ten_annotations_per_level_with_the_change_first():
    old = [diag("references/old.bib", i) for i in range(1, 25)] + [diag("claims/a.yaml", 3, "error", "R007")]
    mine = [diag("claims/z.yaml", 9), diag("claims/z.yaml", 12, "info", "R010")]
    result = SimpleNamespace(diagnostics=old + mine, suppressed=[])
    lines = github_report.render(result, prefix="kb/", focus=mine).splitlines()
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(warnings) == 10 and warnings[0].startswith("::warning file=kb/claims/z.yaml,line=9,")
    assert [line.split(",")[0] for line in lines if line.startswith(("::error", "::notice"))] == [
        "::notice file=kb/claims/z.yaml", "::error file=kb/claims/a.yaml"]       # the change's first
    summary = github_report.step_summary(result, "kb/", focus=mine)
    assert "12 diagnostics annotated, 15 more not annotated (0 errors, 15 warnings, 0 notices)" in summary
    assert summary.count("| kb/references/old.bib:") == 15
    assert "2 of the 27 diagnostics come from this change" in summary


def test_without_a_change_the_order_is_by_path_and_line():
    result = SimpleNamespace(diagnostics=[diag("b.yaml", 1), diag("a.yaml", 7), diag("a.yaml", 2)], suppressed=[])
    files = [line.split(",")[0:2] for line in github_report.render(result).splitlines()]
    assert files == [["::warning file=a.yaml", "line=2"], ["::warning file=a.yaml", "line=7"],
                     ["::warning file=b.yaml", "line=1"]]


def test_the_step_summary_escapes_record_text():
    hostile = Diagnostic(Location("claims/x|y.yaml", 1), "R007", "r", "warning", "a | b <script>`x`\nnext")
    result = SimpleNamespace(diagnostics=[diag("a.yaml", i) for i in range(10)] + [hostile], suppressed=[])
    row = next(line for line in github_report.step_summary(result).splitlines() if line.startswith("| claims/x"))
    assert "<script>" not in row and "\n" not in row and "`" not in row and row.count(" | ") == 3


def test_github_paths_carry_the_root_prefix_and_the_summary_is_written(tmp_path):
    repo = repo_with_base_in(tmp_path)
    summary = tmp_path / "summary.md"
    proc = run_cli(["check", "--root", "kb", "--no-cache", "--format", "github"], cwd=repo,
                   env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("::warning file=kb/claims/knee/knee-stress-reduced-up-to-40pct.yaml,line=13,")
    text = summary.read_text(encoding="utf-8")
    assert "GitHub shows every diagnostic of this run as an annotation." in text and "### evkb check:" in text
    # from inside the base (cwd = kb/) the path is still relative to the repository's top
    inside = run_cli(["check", "--no-cache", "--format", "github"], cwd=repo / "kb")
    assert inside.stdout.startswith("::warning file=kb/claims/knee/")


def test_changed_since_with_github_annotates_the_change_and_fails_on_any_error(tmp_path):
    repo = repo_with_base_in(tmp_path)
    broken = repo / "kb" / "claims" / "knee" / "older.yaml"
    broken.write_text("id: older\nkind: circulating\n", encoding="utf-8")   # an error already on main
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "an error on main")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    claim = repo / "kb" / "claims" / "knee" / "knee-stress-reduced-up-to-40pct.yaml"
    claim.write_text(claim.read_text().replace("reviewed: 2026-11-22", "reviewed: 2026-11-23"))
    proc = run_cli(["check", "--root", "kb", "--no-cache", "--format", "github", "--changed-since", "origin/main"],
                   cwd=repo)
    assert proc.returncode == 1                                  # the whole base still fails on its error
    lines = proc.stdout.splitlines()
    assert any(line.startswith("::error file=kb/claims/knee/older.yaml") for line in lines)
    assert lines[0].startswith("::warning file=kb/claims/knee/knee-stress-reduced-up-to-40pct.yaml")


# --- SARIF -----------------------------------------------------------------------------------------

def test_the_vendored_schema_is_the_one_its_readme_names():
    sums = dict(reversed(line.split()) for line in (SARIF_DIR / "SHA256SUMS").read_text().splitlines())
    data = (SARIF_DIR / "sarif-schema-2.1.0-rtm.5.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == sums["sarif-schema-2.1.0-rtm.5.json"]
    assert "2.1.0" in SARIF_SCHEMA["title"] and "@microsoft/jest-sarif" in (SARIF_DIR / "README.md").read_text()
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)


def sarif_of(repo: Path, *extra: str) -> dict:
    proc = run_cli(["check", "--root", "kb", "--no-cache", "--format", "sarif", *extra], cwd=repo)
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout)


def test_sarif_validates_against_the_official_schema_with_paths_under_root(tmp_path):
    repo = repo_with_base_in(tmp_path)
    (repo / "kb" / "references" / "odd name,1.bib").write_text("@misc{odd2019, title = {Odd}, year = {2019}}\n")
    log = sarif_of(repo)
    jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)
    run = log["runs"][0]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == repo.resolve().as_uri() + "/"
    locations = [loc["physicalLocation"]["artifactLocation"] for r in run["results"] for loc in r["locations"]]
    assert {loc["uriBaseId"] for loc in locations} == {"%SRCROOT%"}
    uris = {loc["uri"] for loc in locations}
    assert "kb/claims/knee/knee-stress-reduced-up-to-40pct.yaml" in uris and "kb/references/odd%20name,1.bib" in uris
    for uri in uris:                                      # relative references that resolve inside the repository
        assert not re.match(r"^[a-z][a-z0-9+.-]*:", uri) and " " not in uri and not uri.startswith("/")


def test_sarif_rules_have_help_and_link_to_their_page_on_the_site(tmp_path):
    repo = repo_with_base_in(tmp_path)
    driver = sarif_of(repo)["runs"][0]["tool"]["driver"]
    assert driver["version"] == driver["semanticVersion"] == project.version()
    assert driver["informationUri"] == project.repository() and "example" not in driver["informationUri"]
    from evkb.engine.rules import all_rules
    from evkb.site.pages import links
    for rule, entry in zip(all_rules(), driver["rules"]):
        assert entry["id"] == rule.code and entry["shortDescription"]["text"] == rule.summary
        assert entry["fullDescription"]["text"] and "Failing example" in entry["help"]["text"]
        assert entry["help"]["markdown"].startswith(f"**{rule.code} {rule.name}**")
        # no site_url in the base's mkdocs.yml: the project's own site, which has every rule page
        assert entry["helpUri"] == project.documentation() + links.page_url(links.rule_path(rule))
    mkdocs = repo / "kb" / "mkdocs.yml"
    mkdocs.write_text("site_url: https://kb.evkb.test/base/\nuse_directory_urls: false\n" + mkdocs.read_text()
                      + "extra:\n  emoji: !!python/name:material.extensions.emoji.twemoji\n  env: !ENV [HOME]\n")
    driver = sarif_of(repo)["runs"][0]["tool"]["driver"]
    assert driver["rules"][0]["helpUri"] == f"https://kb.evkb.test/base/rules/{driver['rules'][0]['id']}.html"


def test_the_site_has_the_page_helpUri_names(tmp_path):
    """The rule pages the site generates are where helpUri points (same path function)."""
    from evkb.engine.rules import all_rules
    from evkb.site.pages import links
    from evkb.site.pages.indexes import rule_pages
    pages = rule_pages(SimpleNamespace(diagnostics=[], options=SimpleNamespace(directory_urls=True)))
    assert {links.rule_path(r) for r in all_rules()} <= set(pages)


# --- code frames -----------------------------------------------------------------------------------

def test_text_output_shows_the_offending_line_with_a_caret(tmp_path):
    repo = repo_with_base_in(tmp_path)
    out = run_cli(["check", "--root", "kb", "--no-cache"], cwd=repo).stdout.splitlines()
    at = next(i for i, line in enumerate(out) if ":13:12: F005" in line)
    assert out[at + 1:at + 4] == ["     |", "  13 |     value: {up_to: 40}", "     |            ^"]


def test_code_frames_are_safe_for_terminals_and_stay_inside_the_base(tmp_path):
    root = tmp_path / "kb"
    (root / "claims").mkdir(parents=True)
    (root / "claims" / "x.yaml").write_text("id: x\nstatement: \x1b[2J\x1b]0;owned\x07 hi\tthere\n", encoding="utf-8")
    (tmp_path / "secret.yaml").write_text("password: hunter2\n")
    (root / "claims" / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    frames = Frames(root)
    shown = frames.frame("claims/x.yaml", 2, 12)
    assert not any(c in "\n".join(shown) for c in "\x1b\x07\t")
    assert shown[1] == "  2 | statement: ?[2J?]0;owned? hi there" and shown[2].endswith(" " * 11 + "^")
    assert frames.frame("claims/link.yaml", 1, 1) == [] and frames.frame("../secret.yaml", 1, 1) == []
    assert frames.frame("claims/x.yaml", 99, 1) == []
    long = Frames(root)
    (root / "claims" / "long.yaml").write_text("k: " + "a" * 500 + "BAD" + "b" * 500 + "\n")
    text, caret = long.frame("claims/long.yaml", 1, 504)[1:]
    assert len(text) < 140 and text[text.index("|") + 2:][caret.index("^") - caret.index("|") - 2:].startswith("BAD")


# --- the composite action, run as written ----------------------------------------------------------

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
# What the expressions of action.yml evaluate to in a pull request against main, with root: kb.
EXPRESSIONS = {"${{ inputs.root }}": "kb", "${{ inputs.strict }}": "false",
               "${{ inputs.base-ref || (github.base_ref && format('origin/{0}', github.base_ref)) || '' }}": "origin/main"}
NOT_RUN = {"Install evkb": "installs from PyPI; the test runs in the environment it creates"}


def test_the_action_is_composite_with_documented_inputs():
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"root", "strict", "base-ref", "upload-sarif", "python-version"}
    upload = next(s for s in ACTION["runs"]["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert "github.event.pull_request.head.repo.full_name == github.repository" in upload["if"]
    assert upload["continue-on-error"] is True
    proc = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-actions",
                           str(REPO / "action.yml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_action_run_steps_gate_a_pull_request_on_a_base_in_a_subfolder(tmp_path):
    repo = repo_with_base_in(tmp_path)
    claim = repo / "kb" / "claims" / "knee" / "knee-stress-reduced-up-to-40pct.yaml"
    claim.write_text(claim.read_text().replace("reviewed: 2026-11-22", "reviewed: 2026-11-23"))
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    outputs = {}
    for i, step in enumerate(ACTION["runs"]["steps"]):
        if "run" not in step or step["name"] in NOT_RUN:
            continue
        env = {k: EXPRESSIONS[v] if "${{" in str(v) else str(v) for k, v in (step.get("env") or {}).items()}
        summary = tmp_path / f"summary-{i}.md"
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=repo,
                              capture_output=True, text=True, timeout=600,
                              env={**os.environ, **env, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
                                   "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary),
                                   "RUNNER_TEMP": str(runner_temp), "GITHUB_ACTION_PATH": str(REPO)})
        assert proc.returncode == 0, f"{step['name']}: {proc.stdout}\n{proc.stderr}"
        outputs[step["name"]] = (proc.stdout, summary.read_text(encoding="utf-8") if summary.exists() else "")
    check_out, check_summary = outputs["Check the knowledge base (annotations for the change first)"]
    assert check_out.startswith("::warning file=kb/claims/knee/knee-stress-reduced-up-to-40pct.yaml,line=13,")
    assert "1 of the 1 diagnostics come from this change" in check_summary
    log = json.loads((runner_temp / "evkb.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert "since `origin/main`" in outputs["What the change does to the evidence"][1]
