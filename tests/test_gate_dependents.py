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


REPORT_SCHEMA = json.loads((Path(__file__).parent / "data" / "report.schema.json").read_text(encoding="utf-8"))


def test_json_carries_caused_by_and_the_whole_base_and_follows_the_report_schema(repo):
    import jsonschema
    changed = edit(repo, "references/findings/smith2020knee.yaml", "id: knee-peak", "id: knee-peak-2")
    proc = run_cli(["check-files", "--root", str(repo), "--format", "json", str(repo / changed)], cwd=repo)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(data)
    assert [(d["path"], d["code"], d["caused_by"]) for d in data["diagnostics"] if d.get("caused_by")] == [
        (CLAIM, "F009", changed), (CLAIM, "R007", changed)]   # the figure lost its finding, and the citation
    full = json.loads(run_cli(["check", "--root", str(repo), "--no-cache", "--format", "json"], cwd=repo).stdout)
    assert data["whole_base"] == full["summary"] and data["summary"]["errors"] == 1


@pytest.mark.parametrize("damage", ["deep", "aliases"])
def test_a_hostile_vocabulary_change_is_reported_not_a_crash_or_a_hang(repo, damage):
    rel = "references/vocabulary/measures.yaml"
    if damage == "deep":
        extra = "zzz: " + "[" * 40000 + "]" * 40000 + "\n"
    else:
        extra = "".join([f"a0: &a0 [{', '.join(['lol'] * 9)}]\n"] +
                        [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)])
    (repo / rel).write_text((repo / rel).read_text(encoding="utf-8") + extra, encoding="utf-8")
    git(repo, "add", "-A")
    proc = check_files(repo, rel)       # run_cli's timeout turns a hang into a failure
    assert proc.returncode == 1 and proc.returncode >= 0, proc.stderr[-2000:]   # negative: killed by a signal
    assert "Traceback" not in proc.stderr
    assert any(l.startswith(f"{rel}:") and " S001 " in l for l in proc.stdout.splitlines()), proc.stdout
    assert "caused by your change" not in proc.stdout   # a vocabulary that does not parse blames no record


def test_deleting_a_macro_reaches_the_other_bib_file_that_uses_it(repo):
    changed = edit(repo, "references/strings.bib", "@string{JBIOMECH = {Journal of Biomechanics}}", "")
    proc = check_files(repo, changed)
    assert proc.returncode == 1, proc.stdout
    assert any(l.startswith("references/base.bib:") and " S003 " in l and "JBIOMECH" in l
               and f"caused by your change to {changed}" in l for l in proc.stdout.splitlines()), proc.stdout


def test_a_citation_dropped_from_a_claim_reaches_the_reference_it_leaves_unused(repo):
    bib = repo / "references/base.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "@misc{jones2021blog,\n  author = {Jones, B.},\n"
                   "  title = {A blog},\n  year = {2021},\n  url = {https://blog.invalid/a},\n}\n", encoding="utf-8")
    edit(repo, CLAIM, "actual: [smith2020knee]", "actual: [smith2020knee, jones2021blog]")
    git(repo, "commit", "-q", "-m", "cite jones")
    changed = edit(repo, CLAIM, "actual: [smith2020knee, jones2021blog]", "actual: [smith2020knee]")
    proc = check_files(repo, changed)
    unused = [l for l in proc.stdout.splitlines() if l.startswith("references/base.bib:") and " R008 " in l]
    assert len(unused) == 1 and "jones2021blog" in unused[0] and f"caused by your change to {changed}" in unused[0]


def test_a_unit_change_reaches_a_finding_through_the_measure_that_declares_it(repo):
    """units.yaml -> the measure whose canonical unit it is -> the findings (and claims) stating that measure."""
    (repo / "references/vocabulary/units.yaml").write_text(
        "kbw: {symbol: ' kBW', dimension: relative-force, factor: 1000, name: thousand body weights}\n", encoding="utf-8")
    edit(repo, "references/vocabulary/measures.yaml", "  unit: body-weights", "  unit: kbw")
    git(repo, "commit", "-q", "-m", "a topic unit")
    changed = edit(repo, "references/vocabulary/units.yaml", "dimension: relative-force", "dimension: length")
    proc = run_cli(["check", "--root", str(repo), "--no-cache", "--changed-since", "HEAD"], cwd=repo)
    reached = [l for l in proc.stdout.splitlines() if f"caused by your change to {changed}" in l and l[0] != "|"]
    assert proc.returncode == 1 and len(reached) == 1, proc.stdout
    assert reached[0].startswith("references/findings/smith2020knee.yaml:") and " V003 " in reached[0]


def test_a_configuration_change_reaches_every_record(repo):
    bib = repo / "references/base.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("  doi     = {10.1016/j.jbiomech.2020.01.001},\n", ""),
                   encoding="utf-8")
    git(repo, "commit", "-qam", "no doi")
    (repo / "evkb.toml").write_text('[levels]\nmissing-identifier = "error"\n', encoding="utf-8")
    proc = run_cli(["check", "--root", str(repo), "--no-cache", "--changed-since", "main"], cwd=repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert any(l.startswith("references/base.bib:") and " R009 " in l and "error" in l
               and "caused by your change to evkb.toml" in l for l in proc.stdout.splitlines()), proc.stdout


def test_outside_git_the_dependents_are_still_named(tmp_path):
    root = tmp_path / "plain"
    shutil.copytree(BASE, root)
    path = root / "references/findings/smith2020knee.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: knee-peak", "id: knee-peak-2"), encoding="utf-8")
    proc = run_cli(["check-files", "--root", str(root), str(path)], cwd=root)
    assert_names_dependent(proc, "R007", "references/findings/smith2020knee.yaml")


def test_the_whole_base_line_of_changed_since_is_the_whole_base(repo):
    edit(repo, "references/findings/smith2020knee.yaml", "id: knee-peak", "id: knee-peak-2")
    proc = run_cli(["check", "--root", str(repo), "--no-cache", "--changed-since", "main"], cwd=repo)
    last = next(l for l in proc.stdout.splitlines() if "caused by the change (whole base:" in l)
    full = run_cli(["check", "--root", str(repo), "--no-cache"], cwd=repo).stdout.strip().splitlines()[-1]
    assert last.startswith("1 changed file: 1 errors") and last.endswith(f"(whole base: {full})")
