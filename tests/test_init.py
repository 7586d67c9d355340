"""`evkb init DIR --topic NAME`: a base for another topic that checks and builds at once, and
grows to one claim, one reference and its findings, checked and built end to end."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from evkb.contrib.init import action_name, base_files
from evkb.model import project
from evkb_testlib import run_cli, tree_digest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TOPIC = "cold-water-swimming"

MEASURE = """
resting-heart-rate:
  name: Resting heart rate
  description: Heart beats per minute at rest.
  unit: bpm
"""
ENTRY = """@article{tipton2017cold,
  author  = {Tipton, Michael J. and Collier, Neil and Massey, Heather},
  title   = {Cold water immersion: kill or cure?},
  journal = {Experimental Physiology},
  year    = {2017},
  volume  = {102},
  pages   = {1335--1355},
  doi     = {10.1113/EP086283},
}
"""
FINDINGS = """ref: tipton2017cold
design: narrative-review
population: adults
activity: any-activity
evidence_basis: abstract
summary: A review of the physiological responses to immersion in cold water.
findings:
  - id: hr-after
    measure: resting-heart-rate
    comparison: after-vs-before
    direction: lower
    where: abstract
    unit: bpm
    change:
      - {label: after, mean: -5}
"""
CLAIM = """id: cold-swims-lower-resting-heart-rate
kind: assertion
statement: Regular cold-water swimming lowers the resting heart rate.
explanation: One review reports a lower resting heart rate after a period of cold-water immersion.
reviewed: 2026-12-01
population: adults
activity: any-activity
figures: []
sources:
  - {ref: tipton2017cold, findings: [hr-after], stance: supports, locator: abstract}
"""


def evkb(*args, cwd=None):
    return run_cli([str(a) for a in args], cwd=cwd)


def mkdocs_build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", "site"], cwd=root,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("init") / "cws"
    proc = evkb("init", root, "--topic", TOPIC)
    assert proc.returncode == 0, proc.stderr
    return root


def test_init_writes_the_files_of_a_base(fresh):
    for rel in ("claims/cold-water-swimming", "references/findings", "references/media", "docs/schemas"):
        assert (fresh / rel).is_dir(), rel
    assert (fresh / f"references/{TOPIC}.bib").is_file()
    mkdocs = yaml.safe_load((fresh / "mkdocs.yml").read_text())
    assert "evkb" in mkdocs["plugins"] and "Cold water swimming" in mkdocs["site_name"]
    hooks = yaml.safe_load((fresh / ".pre-commit-config.yaml").read_text())["repos"][0]
    assert (hooks["repo"], hooks["rev"]) == (project.repository(), project.release_tag())
    workflow = (fresh / ".github/workflows/evkb.yml").read_text()
    assert f"uses: {action_name()}@{project.release_tag()}" in workflow and (REPO / "action.yml").is_file()
    assert action_name() == project.repository().split("github.com/")[1]


def test_the_vocabularies_hold_only_generic_terms(fresh):
    terms = {f.stem: yaml.safe_load(f.read_text()) or {} for f in (fresh / "references/vocabulary").glob("*.yaml")}
    assert terms["measures"] == {}
    every = " ".join(f"{k} {v}" for kind in terms.values() for k, v in kind.items()).lower()
    for word in ("walk", "backward", "retro", "knee", "swim"):
        assert word not in every, word


def test_nothing_the_engine_writes_assumes_the_example_topic():
    text = "\n".join(base_files("any-topic").values()).lower()
    for word in ("retro", "backward", "walking", "knee", "roos", "example.com", "github.com/example"):
        assert word not in text, word


def test_a_fresh_base_checks_and_builds_at_once(fresh):
    proc = evkb("check", "--root", fresh, "--no-cache", "--strict")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 errors, 0 warnings" in proc.stdout
    build = mkdocs_build(fresh)
    assert build.returncode == 0, build.stderr
    assert (fresh / "site" / "index.html").is_file() and (fresh / "site" / "rules" / "F004" / "index.html").is_file()


def test_the_generated_workflow_passes_actionlint(fresh):
    proc = subprocess.run([str(BIN / "actionlint"), "-no-color", str(fresh / ".github/workflows/evkb.yml")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    target = tmp_path / "kb"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n")
    before = tree_digest(target)
    proc = evkb("init", target, "--topic", TOPIC)
    assert proc.returncode == 1 and "not empty" in proc.stderr and "no file was changed" in proc.stderr
    assert tree_digest(target) == before
    assert evkb("init", tmp_path / "x", "--topic", "Bad Topic").returncode == 1
    assert not (tmp_path / "x").exists()


def test_one_claim_one_reference_and_findings_end_to_end(tmp_path):
    root = tmp_path / "cws"
    assert evkb("init", root, "--topic", TOPIC).returncode == 0
    with (root / "references/vocabulary/measures.yaml").open("w") as handle:
        handle.write(MEASURE)
    entry = tmp_path / "entry.bib"
    entry.write_text(ENTRY)
    filed = evkb("new", "reference", entry, "--root", root)
    assert filed.returncode == 0, filed.stderr
    assert f"filed tipton2017cold in references/{TOPIC}.bib" in filed.stdout     # the stable key, in the base's .bib
    assert evkb("new", "finding", "tipton2017cold", "--root", root).returncode == 0
    findings = root / "references/findings/tipton2017cold.yaml"
    findings.write_text(findings.read_text().split("\nref:")[0] + "\n" + FINDINGS)
    made = evkb("new", "claim", f"{TOPIC}/cold-swims-lower-resting-heart-rate", "--kind", "assertion", "--root", root)
    assert made.returncode == 0, made.stderr
    claim = root / f"claims/{TOPIC}/cold-swims-lower-resting-heart-rate.yaml"
    claim.write_text(claim.read_text().split("\nid:")[0] + "\n" + CLAIM)
    media = evkb("new", "media", "tabloid-2026", "--outlet", "news", "--title", "Ice baths cure all", "--root", root)
    assert media.returncode == 0, media.stderr
    proc = evkb("check", "--root", root, "--no-cache", "--format", "json")
    assert proc.returncode == 0, proc.stdout
    shown = evkb("show", "cold-swims-lower-resting-heart-rate", "--root", root, "--format", "json")
    assert '"verdict": "supported"' in shown.stdout, shown.stdout
    build = mkdocs_build(root)
    assert build.returncode == 0, build.stderr
    page = root / "site" / "claims" / "cold-swims-lower-resting-heart-rate" / "index.html"
    assert "Regular cold-water swimming lowers the resting heart rate." in page.read_text(encoding="utf-8")
    assert (root / "site" / "media" / "tabloid-2026" / "index.html").is_file()
