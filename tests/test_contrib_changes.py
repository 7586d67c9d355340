"""`evkb changes --since REF`, `evkb summary` and `evkb check-files`: what a change does to the evidence."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from evkb.cli.app import main
from evkb.contrib.changes import changes_since

BASE = Path(__file__).parent / "data" / "contrib-base"
KNEE = "claims/knee/knee-stress-reduced-up-to-40pct.yaml"
OPPOSITE = """id: knee-stress-higher
kind: circulating
statement: Backward running raises knee stress.
reviewed: 2026-11-22
population: healthy-adults
activity: running
figures:
  - {measure: patellofemoral-compression-force, comparison: backward-vs-forward, direction: higher, value: 10, unit: percent}
sources:
  - {ref: roos2012pfjcf, findings: [pfjcf-peak], stance: mentions}
"""


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(cwd), "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                           *args], check=True, capture_output=True, text=True).stdout


def make_repo(tmp_path: Path, sub: str = "") -> tuple[Path, Path]:
    repo = tmp_path / "repo"
    root = repo / sub if sub else repo
    shutil.copytree(BASE, root)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo, root


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_no_change_reports_nothing(tmp_path):
    _, root = make_repo(tmp_path)
    report = changes_since(root, "main")
    assert (report.changed, report.added, report.moved, report.conflicts, report.diagnostics) == ([], [], [], [], [])


def test_added_claim_moved_verdict_and_new_conflict(tmp_path):
    _, root = make_repo(tmp_path)
    knee = root / KNEE
    knee.write_text(knee.read_text().replace("stance: qualifies", "stance: contradicts"))
    (root / "claims" / "knee" / "knee-stress-higher.yaml").write_text(OPPOSITE)
    report = changes_since(root, "main")
    assert report.changed == ["claims/knee/knee-stress-higher.yaml", KNEE]
    assert [row[0] for row in report.added] == ["knee-stress-higher"]
    assert report.moved == [("knee-stress-reduced-up-to-40pct", KNEE, "partly-supported", "contradicted", "very-low", "very-low")]
    assert {d.rule for d in report.conflicts} == {"conflicting-figures"}   # opposite direction, and 10 vs 40
    assert all(new for d, new in report.diagnostics if d.rule == "conflicting-figures")
    result = run("changes", "--root", root, "--since", "main")
    assert result.exit_code == 0
    md = result.output
    assert md.startswith("### ✅ evkb: what this change does to the evidence (since `main`)")
    assert f"1 claim added, 0 removed, 1 with a verdict or grade that moved, {len(report.conflicts)} new conflicts" in md
    assert "| `knee-stress-reduced-up-to-40pct` | partly-supported → **contradicted** | very-low |" in md
    assert "#### New conflicts" in md and "F006 conflicting-figures" in md


def test_only_diagnostics_that_touch_changed_files(tmp_path):
    _, root = make_repo(tmp_path)
    (root / "claims" / "knee" / "broken.yaml").write_text(OPPOSITE.replace("knee-stress-higher", "broken")
                                                          .replace("[pfjcf-peak]", "[pfjcf-peek]"))
    report = changes_since(root, "main")
    paths = {d.path for d, _ in report.diagnostics}
    assert "claims/knee/broken.yaml" in paths
    assert all(d.rule != "figure-mismatch" for d, _ in report.diagnostics)   # the unchanged claim's warning
    result = run("changes", "--root", root, "--since", "main", "--format", "json")
    assert result.exit_code == 1                                 # the change has an error: it fails
    payload = json.loads(result.output)
    assert payload["summary"]["errors"] == 1 and payload["claims_added"][0]["id"] == "broken"
    unknown = [d for d in payload["diagnostics"] if d["rule"] == "unknown-finding"]
    assert unknown[0]["line"] == 10 and unknown[0]["new"] is True


def test_removed_claim_and_a_base_in_a_subfolder(tmp_path):
    repo, root = make_repo(tmp_path, "kb")
    git(repo, "rm", "-q", f"kb/{KNEE}")
    report = changes_since(root, "HEAD")
    assert report.removed == [("knee-stress-reduced-up-to-40pct", "partly-supported", "very-low")]
    assert report.changed == [KNEE]


def test_a_base_that_did_not_exist_at_ref(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "empty")
    shutil.copytree(BASE, repo / "kb")
    report = changes_since(repo / "kb", "main")
    assert [row[0] for row in report.added] == ["knee-stress-reduced-up-to-40pct"]


def test_unknown_ref_and_no_repository(tmp_path):
    _, root = make_repo(tmp_path)
    result = run("changes", "--root", root, "--since", "origin/nope")
    assert result.exit_code == 2 and "no commit 'origin/nope'" in result.output
    plain = tmp_path / "plain"
    shutil.copytree(BASE, plain)
    assert run("changes", "--root", plain, "--since", "main").exit_code == 2


def test_output_writes_the_report_to_a_file(tmp_path):
    _, root = make_repo(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier\n")
    result = run("changes", "--root", root, "--since", "main", "--output", summary)
    assert result.exit_code == 0 and result.output == ""
    assert summary.read_text().startswith("### ")           # --output replaces, as for every command


def test_summary_turns_the_json_report_into_markdown_tables(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(BASE, root)
    report = run("check", "--root", root, "--no-cache", "--format", "json").output
    result = CliRunner().invoke(main, ["summary"], input=report)
    assert result.exit_code == 0
    assert result.output.startswith("### evkb check: ✅ no errors\n")
    assert "| 4 | 1 | 1 | 0 | 1 | 0 | 0 |" in result.output
    assert "| `claims/knee/knee-stress-reduced-up-to-40pct.yaml:13` | warning | F005 figure-mismatch |" in result.output
    bad = CliRunner().invoke(main, ["summary"], input="not json")
    assert bad.exit_code == 2


@pytest.mark.parametrize("pipe", ["a|b", "x\ny"])
def test_markdown_cells_are_escaped(pipe):
    from evkb.contrib.mdtable import cell
    assert "|" not in cell(pipe).replace("\\|", "") and "\n" not in cell(pipe)


def test_check_files_reports_only_the_given_files(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(BASE, root)
    (root / "claims" / "knee" / "broken.yaml").write_text(OPPOSITE.replace("knee-stress-higher", "broken")
                                                          .replace("[pfjcf-peak]", "[pfjcf-peek]"))
    mine = run("check-files", "--root", root, root / "claims" / "knee" / "broken.yaml")
    assert mine.exit_code == 1 and "claims/knee/broken.yaml:10:" in mine.output and "F005" not in mine.output
    other = run("check-files", "--root", root, root / KNEE)
    assert other.exit_code == 0 and "F005" in other.output and "broken.yaml:10:" not in other.output


def test_restrict_to_changes_is_what_check_changed_since_calls(tmp_path):
    from evkb.engine.check import run_check
    from evkb.engine.config import load_config
    from evkb.contrib.changes import restrict_to_changes
    from evkb.load.loader import load
    _, root = make_repo(tmp_path)
    (root / "claims" / "knee" / "broken.yaml").write_text(OPPOSITE.replace("knee-stress-higher", "broken")
                                                          .replace("[pfjcf-peak]", "[pfjcf-peek]"))
    result = run_check(load(root, None), load_config(root))
    assert any(d.rule == "figure-mismatch" for d in result.diagnostics)
    from evkb.contrib.changes_report import render_markdown
    markdown = render_markdown(restrict_to_changes(result, root, "main"))
    assert {d.path for d in result.diagnostics} == {"claims/knee/broken.yaml"} | {
        d.path for d in result.diagnostics if d.rule == "conflicting-figures"}
    assert result.count("error") == 1 and markdown.startswith("### ❌ evkb:")
