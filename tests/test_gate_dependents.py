"""The gate reports what a change causes: `check-files`, `check --changed-since` and `evkb changes`
name the records that depend on a changed file, and the "whole base" line is the whole base's.

Each test commits the rule-example base to a real git repository, makes one change that breaks a
record in ANOTHER file, stages it as a contributor would, and runs the real command line.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from evkb_testlib import BASE, run_cli

CLAIM = "claims/knee/knee-load-lower.yaml"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(cwd), "-c", "user.name=Test", "-c", "user.email=test@localhost",
                           *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def edit(root: Path, rel: str, old: str, new: str) -> str:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    git(root, "add", "-A")
    return rel


def check_files(root: Path, *files: str):
    return run_cli(["check-files", "--root", str(root), *[str(root / f) for f in files]], cwd=root)


def assert_names_dependent(proc, code: str, cause: str):
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = [l for l in proc.stdout.splitlines() if l.startswith(CLAIM)]
    assert any(f" {code} " in l and f"caused by your change to {cause}" in l for l in lines), proc.stdout
    assert "Traceback" not in proc.stderr


def whole_base_line(proc) -> str:
    return proc.stdout.strip().splitlines()[-1].split("(whole base: ", 1)[1]


def test_renaming_a_finding_fails_the_gate_and_names_the_citing_claim(repo):
    changed = edit(repo, "references/findings/smith2020knee.yaml", "id: knee-peak", "id: knee-peak-2")
    proc = check_files(repo, changed)
    assert_names_dependent(proc, "R007", changed)
    full = run_cli(["check", "--root", str(repo), "--no-cache"], cwd=repo)
    assert whole_base_line(proc).rstrip(")") == full.stdout.strip().splitlines()[-1]


def test_deleting_a_reference_fails_the_gate(repo):
    bib = (repo / "references/base.bib").read_text(encoding="utf-8")
    start = bib.index("@article{smith2020knee")
    (repo / "references/base.bib").write_text(bib[:start], encoding="utf-8")
    git(repo, "add", "-A")
    proc = check_files(repo, "references/base.bib")
    assert_names_dependent(proc, "R005", "references/base.bib")


def test_changing_a_vocabulary_term_fails_the_gate(repo):
    changed = edit(repo, "references/vocabulary/measures.yaml", "knee-load:", "knee-loading:")
    proc = check_files(repo, changed)
    assert_names_dependent(proc, "V001", changed)


def test_changing_a_media_id_fails_the_gate(repo):
    git(repo, "mv", "references/media/blog-one.yaml", "references/media/blog-two.yaml")
    changed = edit(repo, "references/media/blog-two.yaml", "id: blog-one", "id: blog-two")
    proc = check_files(repo, changed)   # the deleted blog-one.yaml is found in the index
    assert_names_dependent(proc, "R006", "references/media/blog-one.yaml")


def test_an_unrelated_change_reports_no_old_diagnostics_of_other_records(repo):
    changed = edit(repo, "references/vocabulary/measures.yaml", "Self-selected walking speed.",
                   "Self-selected walking speed, in km/h.")
    proc = check_files(repo, changed)
    assert proc.returncode == 0, proc.stdout
    assert "caused by your change" not in proc.stdout


def test_changed_since_and_changes_count_dependents(repo):
    edit(repo, "references/findings/smith2020knee.yaml", "id: knee-peak", "id: knee-peak-2")
    proc = run_cli(["check", "--root", str(repo), "--no-cache", "--changed-since", "main", "--format", "json"], cwd=repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    dependents = [d for d in data["diagnostics"] if d.get("caused_by")]
    assert any(d["path"] == CLAIM and d["code"] == "R007" for d in dependents)
    out = run_cli(["changes", "--root", str(repo), "--since", "main"], cwd=repo)
    assert CLAIM in out.stdout and "caused by your change to references/findings/smith2020knee.yaml" in out.stdout


def test_github_annotations_name_the_change_a_dependent_follows_from(repo):
    edit(repo, "references/findings/smith2020knee.yaml", "id: knee-peak", "id: knee-peak-2")
    proc = run_cli(["check", "--root", str(repo), "--no-cache", "--changed-since", "main", "--format", "github"],
                   cwd=repo)
    assert proc.returncode == 1
    first = proc.stdout.splitlines()[0]
    assert first.startswith("::error file=claims/knee/knee-load-lower.yaml") and "R007" in first
    assert "caused by your change to references/findings/smith2020knee.yaml" in first
