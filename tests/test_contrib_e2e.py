"""A new contributor, on a clean clone, following CONTRIBUTING.md: every step scripted.

Adds a reference (`evkb new reference`), its findings (`evkb new finding`) and a claim citing
them (`evkb new claim`) with a deliberate mistake; sees the check name the file and line; fixes
it; sees the check pass, the change report and the claim's page on the built site. Runs the real
`evkb` and `mkdocs` commands in subprocesses, as a contributor types them.

The base is tests/data/contrib-base (a small base that checks cleanly) with the repository's
CONTRIBUTING.md, pyproject.toml and workflow files, so the test does not depend on the main base,
which is edited independently.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BASE = REPO / "tests" / "data" / "contrib-base"
BIN = Path(sys.executable).parent
CLAIM = "claims/energy/backward-walking-burns-more-energy.yaml"
FINDINGS = "references/findings/doe2020energy.yaml"
ENTRY = """@article{doe-energy,
  author  = {Doe, Jane and Roe, Richard},
  title   = {Energy cost of walking backward and forward},
  journal = {Journal of Synthetic Gait Studies},
  year    = {2020},
  doi     = {10.5555/synthetic.0004},
}
"""
FINDINGS_BLOCK = """findings:
  - id: energy-cost
    measure: energy-cost
    comparison: backward-vs-forward
    direction: higher
    where: abstract
    condition: same walking speed
    unit: percent
    value: 30
"""
SOURCES_BLOCK = """sources:
  - ref: doe2020energy
    findings: [energy-costs]
    stance: supports
    locator: abstract
"""


def sh(cwd: Path, *args: str, stdin: str | None = None, ok: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_MKDOCS_2_WARNING": "1",
           "GIT_AUTHOR_NAME": "New Contributor", "GIT_AUTHOR_EMAIL": "new@example.invalid",
           "GIT_COMMITTER_NAME": "New Contributor", "GIT_COMMITTER_EMAIL": "new@example.invalid"}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run(list(args), cwd=cwd, input=stdin, capture_output=True, text=True, env=env, timeout=600)
    if ok:
        assert proc.returncode == 0, f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc


def set_field(path: Path, name: str, value: str) -> None:
    """What a contributor does in the editor: replace a top-level `name: TODO...` line."""
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(rf"(?m)^(# )?{name}:.*$", f"{name}: {value}", text, count=1)
    assert count == 1, f"{name} not in {path}"
    path.write_text(new, encoding="utf-8")


def replace_block(path: Path, key: str, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert f"\n{key}: []\n" in text
    path.write_text(text.replace(f"\n{key}: []\n", "\n" + block), encoding="utf-8")


@pytest.fixture
def clone(tmp_path) -> Path:
    """The project's upstream (the small base plus the repository's contributor files), cloned."""
    upstream = tmp_path / "upstream"
    shutil.copytree(BASE, upstream)
    for name in ("CONTRIBUTING.md", "pyproject.toml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, upstream / name)
    shutil.copytree(REPO / ".github", upstream / ".github")
    sh(upstream, "git", "init", "-q", "-b", "main")
    sh(upstream, "git", "add", "-A")
    sh(upstream, "git", "commit", "-q", "-m", "The base")
    sh(tmp_path, "git", "clone", "-q", str(upstream), "evkb")
    return tmp_path / "evkb"


def test_a_new_contributor_adds_a_claim_end_to_end(clone):
    guide = (clone / "CONTRIBUTING.md").read_text(encoding="utf-8")
    sh(clone, "git", "switch", "-q", "-c", "claim/my-first-claim")

    # The publication, from a BibTeX entry on standard input.
    out = sh(clone, "evkb", "new", "reference", stdin=ENTRY).stdout
    assert "filed doe2020energy (was doe-energy) in references/base.bib" in out

    # What it reports.
    out = sh(clone, "evkb", "new", "finding", "doe2020energy").stdout
    assert f"created {FINDINGS}" in out and "design" in out
    findings = clone / FINDINGS
    for name, value in (("design", "crossover"), ("population", "healthy-adults"), ("activity", "walking"),
                        ("n", "24"), ("summary", "Twenty-four adults walked backward and forward at one speed.")):
        set_field(findings, name, value)
    replace_block(findings, "findings", FINDINGS_BLOCK)

    # The claim, with a deliberate mistake: a finding id that does not exist.
    out = sh(clone, "evkb", "new", "claim", "energy/backward-walking-burns-more-energy").stdout
    assert f"created {CLAIM}" in out and "statement" in out
    claim = clone / CLAIM
    for name, value in (("statement", "Walking backward burns more energy than walking forward."),
                        ("explanation", "One crossover study found a higher energy cost walking backward."),
                        ("population", "healthy-adults"), ("activity", "walking")):
        set_field(claim, name, value)
    replace_block(claim, "sources", SOURCES_BLOCK)
    lines = claim.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "energy-costs" in text)
    column = lines[line - 1].index("energy-costs") + 1

    # The check names the file, the line and the column, and suggests the fix.
    failed = sh(clone, "evkb", "check", ok=False)
    assert failed.returncode == 1
    expected = f"{CLAIM}:{line}:{column}: R007 [unknown-finding] error: "
    reported = [text for text in failed.stdout.splitlines() if text.startswith(expected)]
    assert len(reported) == 1 and "'energy-costs'" in reported[0], failed.stdout
    assert "hint: did you mean 'energy-cost'?" in failed.stdout
    assert expected in guide, "CONTRIBUTING.md shows this diagnostic, with its line and column, as its example"

    # Fixed, the check passes.
    claim.write_text(claim.read_text(encoding="utf-8").replace("[energy-costs]", "[energy-cost]"), encoding="utf-8")
    passed = sh(clone, "evkb", "check")
    assert " 0 errors" in passed.stdout
    shown = sh(clone, "evkb", "show", "backward-walking-burns-more-energy").stdout
    assert "Walking backward burns more energy" in shown

    # What the change does, as the pull request will show it.
    report = sh(clone, "evkb", "changes", "--since", "origin/main").stdout
    assert "1 claim added" in report and "`backward-walking-burns-more-energy`" in report
    sh(clone, "evkb", "verify-references")

    # The site shows the claim (and the contributing guide).
    sh(clone, "mkdocs", "build", "--strict")
    page = clone / "site" / "claims" / "backward-walking-burns-more-energy" / "index.html"
    assert page.is_file()
    assert "Walking backward burns more energy than walking forward." in page.read_text(encoding="utf-8")
    assert "Add a claim, end to end" in (clone / "site" / "contributing" / "index.html").read_text(encoding="utf-8")

    # Every command of this walk-through is in the guide.
    for command in ("evkb new reference < entry.bib", "evkb new finding doe2020energy",
                    "evkb new claim energy/backward-walking-burns-more-energy", "evkb check\n",
                    "evkb show backward-walking-burns-more-energy", "mkdocs build --strict",
                    "evkb changes --since origin/main", "evkb verify-references\n", "git switch -c claim/my-first-claim"):
        assert command in guide, command
    for line in (FINDINGS_BLOCK + SOURCES_BLOCK).splitlines():
        assert line in guide, f"CONTRIBUTING.md's example lacks {line!r}"
