"""load/buffers.py: a base with unsaved buffers in place of files checks exactly as the saved base.

For each edit, the Workspace's base with the edit as a buffer is checked, then the same
bytes are written into a copy of the base and checked with the loader: the diagnostics
(positions, messages, hints, related locations) must be the same, and the buffer's file
on disk is never written by the Workspace.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evkb.engine.check import run_check
from evkb.engine.config import load_config
from evkb.load.buffers import Workspace, kind_of
from evkb.load.loader import load

SITE_BASE = Path(__file__).parent / "data" / "site-base"
CLAIM = "claims/knee/knee-stress-reduced-up-to-40pct.yaml"
FINDINGS = "references/findings/roos2012pfjcf.yaml"


def _report(kb, root):
    return [(d.path, d.location.line, d.location.column, d.code, d.message, d.hint, d.related)
            for d in run_check(kb, load_config(root, None)).diagnostics]


def _edits(root: Path) -> dict:
    claim = (root / CLAIM).read_text(encoding="utf-8")
    findings = (root / FINDINGS).read_text(encoding="utf-8")
    bib = (root / "references/site.bib").read_text(encoding="utf-8")
    measures = (root / "references/vocabulary/measures.yaml").read_text(encoding="utf-8")
    first_finding = findings.split("- id: ", 1)[1].split("\n", 1)[0]
    first_measure = measures.split(":", 1)[0]
    first_key = bib.split("{", 1)[1].split(",", 1)[0]
    return {
        "claim dangling ref": {CLAIM: claim.replace("ref: roos2012pfjcf", "ref: roos2012pfj", 1)},
        "claim syntax error": {CLAIM: claim + "\n  broken: [\n"},
        "claim moved down two lines": {CLAIM: "# a\n# b\n" + claim.replace("ref: roos2012pfjcf", "ref: x", 1)},
        "finding id renamed": {FINDINGS: findings.replace(f"- id: {first_finding}", "- id: renamed", 1)},
        "findings file emptied": {FINDINGS: ""},
        "measure renamed in the vocabulary": {"references/vocabulary/measures.yaml":
                                               measures.replace(first_measure + ":", "renamed-measure:", 1)},
        "bib key renamed": {"references/site.bib": bib.replace(first_key + ",", first_key + "x,", 1)},
        "a new claim not yet on disk": {"claims/knee/new-claim.yaml": claim.replace(
            "id: knee-stress-reduced-up-to-40pct", "id: new-claim")},
        "two buffers at once": {CLAIM: claim.replace("ref: roos2012pfjcf", "ref: roos2012pfj", 1),
                                FINDINGS: findings.replace(f"- id: {first_finding}", "- id: renamed", 1)},
    }


@pytest.mark.parametrize("name", sorted(_edits(SITE_BASE)))
def test_a_buffer_checks_as_the_saved_file(tmp_path, name):
    root = tmp_path / "kb"
    shutil.copytree(SITE_BASE, root)
    buffers = {shown: text.encode("utf-8") for shown, text in _edits(root)[name].items()}
    before = {shown: (root / shown).read_bytes() if (root / shown).exists() else None for shown in buffers}
    workspace = Workspace(root, tmp_path / "cache")
    unchanged = _report(workspace.base({}), root)
    in_buffers = _report(workspace.base(buffers), root)
    assert {shown: (root / shown).read_bytes() if (root / shown).exists() else None for shown in buffers} == before
    assert unchanged == _report(load(root, tmp_path / "cache"), root)
    for shown, raw in buffers.items():
        (root / shown).write_bytes(raw)
    saved = _report(load(root, tmp_path / "cache"), root)
    assert in_buffers == saved
    assert in_buffers != unchanged or name == "claim moved down two lines"


def test_a_saved_file_is_read_again(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(SITE_BASE, root)
    workspace = Workspace(root, tmp_path / "cache")
    for shown, text in _edits(root)["two buffers at once"].items():
        (root / shown).write_text(text, encoding="utf-8")
        workspace.saved(shown)
    assert _report(workspace.base({}), root) == _report(load(root, tmp_path / "cache"), root)


def test_which_files_are_records():
    assert [kind_of(p) for p in ("claims/a/b.yaml", "references/findings/k.yaml", "references/media/m.yml",
                                 "references/vocabulary/units.yaml", "references/x.bib", "docs/a.md",
                                 "references/findings/deep/k.yaml", "mkdocs.yml")] == [
        "claim", "findings", "media", "vocabulary", "bib", None, None, None]
