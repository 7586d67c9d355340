"""A re-check reuses per-record rule results; after any edit it reports exactly what a cold check reports.

Each test builds a small base with many kinds of diagnostics (figure mismatches, a direction
conflict, a stance that contradicts its finding, an unused reference, a missing identifier, a used
and an unused suppression), checks it with a cache (filling it), edits files, and checks again with
that cache. Every report format must be byte-identical to a check of the edited base with no cache
at all, and the edit must have changed the report, so the cache was really invalidated, not merely
bypassed. Nothing is mocked or timed: real files, the real loader, rules and cache files.
"""
from __future__ import annotations

import hashlib
import pickle
import shutil
import subprocess

import pytest

from evkb.engine.config import load_config
from evkb.report import FORMATS, render
from evkb_testlib import RULES, check, make_base, run_cli, write

LOWER = "claims/knee/knee-load-lower.yaml"
SPEED = "claims/gait/speed-slower.yaml"
FINDINGS = "references/findings/smith2020knee.yaml"

HIGHER_CLAIM = """id: knee-load-higher
kind: circulating
statement: Backward walking raises knee load by 30% compared with forward walking.
reviewed: 2026-01-20
population: healthy-adults
activity: walking
figures:
  - {measure: knee-load, comparison: backward-vs-forward, direction: higher, value: 30, unit: percent}
sources:
  - {ref: smith2020knee, findings: [knee-peak], stance: supports}
seen_in:
  - {media: blog-one, credited_as: a study of healthy adults, status: verified, actual: [smith2020knee]}
"""
SPEED_CLAIM = """id: speed-slower
kind: circulating
statement: Backward walking is 2 km/h slower than forward walking.
reviewed: 2026-01-20
population: healthy-adults
activity: walking
figures:
  - {measure: walking-speed, comparison: backward-vs-forward, direction: lower, value: 2, unit: km/h}
sources:
  - {ref: jones2021speed, findings: [speed], stance: supports}
suppress:
  - {rule: figure-mismatch, reason: the article rounds}
  - {rule: F099, reason: a rule that does not exist}
"""
FASTER_CLAIM = """id: speed-faster
kind: circulating
statement: Backward walking is 3 km/h faster than forward walking.
reviewed: 2026-01-20
population: healthy-adults
activity: walking
figures:
  - {measure: walking-speed, comparison: backward-vs-forward, direction: higher, value: 3, unit: km/h}
sources:
  - {ref: jones2021speed, findings: [speed], stance: supports}
"""
SPEED_FINDINGS = """ref: jones2021speed
design: rct
n: 40
population: healthy-adults
activity: walking
findings:
  - {id: speed, measure: walking-speed, comparison: backward-vs-forward, direction: lower, where: Table 1, value: 1.2, unit: km/h}
"""
MORE_BIB = """@article{jones2021speed,
  author = {Jones, Kim}, title = {Backward walking speed}, journal = {Gait and Posture}, year = {2021},
}
@article{forgotten2019,
  author = {Nobody, Anne}, title = {Never cited}, journal = {Gait and Posture}, year = {2019},
  doi = {10.1016/j.gaitpost.2019.01.001},
}
"""
EXPECTED_CODES = {"F002", "F005", "F006", "R008", "R009", "X001"}


@pytest.fixture
def kb(tmp_path):
    root = make_base(tmp_path, RULES / "figure-mismatch" / "fail")
    write(root, "claims/knee/knee-load-higher.yaml", HIGHER_CLAIM)
    write(root, SPEED, SPEED_CLAIM)
    write(root, "references/findings/jones2021speed.yaml", SPEED_FINDINGS)
    write(root, "references/more.bib", MORE_BIB)
    return root


def reports(root, cache_dir=None) -> dict:
    """Every report format of a check, and what was suppressed (which no format lists in full)."""
    result = check(root, load_config(root), cache_dir)
    out = {fmt: render(result, fmt) for fmt in FORMATS}
    out["suppressed"] = [(d.as_dict(), d.suppressed_by) for d in result.suppressed]
    return out


def replace_in(root, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_claim_moving_lines(root):
    path = root / LOWER
    path.write_text("# two lines more:\n# every position below moves\n" +
                    path.read_text(encoding="utf-8").replace("up_to: 40", "up_to: 60"), encoding="utf-8")


def edit_findings(root):
    """The cited finding now reports 40 %: "up to 40" matches, the assertion's 10-15 % is further off."""
    replace_in(root, FINDINGS, "{label: backward, mean: 3.0", "{label: backward, mean: 2.4")
    replace_in(root, FINDINGS, "value: 25", "value: 40")


def edit_bib_field(root):
    replace_in(root, "references/base.bib", "doi     = {10.1016/j.jbiomech.2020.01.001}", "doi = {not a doi}")


def edit_bib_keys(root):
    """jones2021speed goes: the claim and the findings file that use it now point nowhere."""
    write(root, "references/more.bib", MORE_BIB.split("@article{forgotten2019")[0].replace("jones2021speed",
                                                                                          "jones2021walk"))


def edit_vocabulary(root):
    replace_in(root, "references/vocabulary/measures.yaml", "walking-speed:", "gait-speed:")


def edit_config_options(root):
    write(root, "pyproject.toml", "[tool.evkb.options.figure-mismatch]\ntolerance = 0.7\n")


def edit_config_selection(root):
    write(root, "pyproject.toml", '[tool.evkb]\nignore = ["F006", "F002"]\n[tool.evkb.levels]\nR009 = "error"\n'
                                  '[tool.evkb.per-file-ignores]\n"claims/gait/*" = ["X001"]\n')


def edit_media(root):
    (root / "references/media/blog-one.yaml").unlink()


def edit_suppressions(root):
    replace_in(root, SPEED, "  - {rule: figure-mismatch, reason: the article rounds}\n", "")


def edit_add_and_remove_claims(root):
    """One claim goes (a conflict with it too); one comes, against the finding and the other speed claim."""
    (root / "claims/knee/knee-load-higher.yaml").unlink()
    write(root, "claims/gait/speed-faster.yaml", FASTER_CLAIM)


EDITS = [edit_claim_moving_lines, edit_findings, edit_bib_field, edit_bib_keys, edit_vocabulary,
         edit_config_options, edit_config_selection, edit_media, edit_suppressions, edit_add_and_remove_claims]


def test_the_base_has_the_diagnostics_the_edits_change(kb):
    result = check(kb, load_config(kb))
    assert EXPECTED_CODES <= {d.code for d in result.diagnostics}
    assert [d.code for d in result.suppressed] == ["F005"]


@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__.removeprefix("edit_"))
def test_a_recheck_after_an_edit_reports_what_a_cold_check_reports(kb, tmp_path, edit):
    cache = tmp_path / "cache"
    before = reports(kb, cache)
    assert list(cache.glob("rule-hits-*.pickle"))
    assert reports(kb, cache) == before          # a re-check of the unchanged base
    edit(kb)
    after = reports(kb, cache)
    assert after == reports(kb, None)
    assert after != before
    assert reports(kb, cache) == after           # and a second re-check, from what the first one cached


def edit_config_removed(root):
    (root / "pyproject.toml").unlink()


def test_a_recheck_after_several_edits_in_a_row(kb, tmp_path):
    """Ending with a claim added while a rule was ignored, then the rule enabled again."""
    cache = tmp_path / "cache"
    reports(kb, cache)
    last = [edit_config_selection, edit_add_and_remove_claims, edit_config_removed]
    for edit in [e for e in EDITS if e not in last] + last:
        edit(kb)
        assert reports(kb, cache) == reports(kb, None), edit.__name__


def rule_entries(cache) -> dict:
    """The rule cache's entries: path -> (file sha1, cited findings, hits by rule, indexes, suppressions)."""
    entries = {}
    for path in cache.glob("rule-hits-*.pickle"):
        with open(path, "rb") as fh:
            entries.update(pickle.load(fh)["entries"])
    return entries


def sha1(path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


def test_a_changed_finding_invalidates_the_cached_hits_of_the_claims_citing_it(kb, tmp_path):
    cache = tmp_path / "cache"
    first = check(kb, load_config(kb), cache)
    assert "F005" in {d.code for d in first.diagnostics if d.path == LOWER}
    entry, speed_entry = rule_entries(cache)[LOWER], rule_entries(cache)[SPEED]
    assert entry[1] == (("smith2020knee", sha1(kb / FINDINGS)),)
    assert "figure-mismatch" in dict(entry[2])

    edit_findings(kb)
    second = check(kb, load_config(kb), cache)
    assert "F005" not in {d.code for d in second.diagnostics if d.path == LOWER}
    assert [d.as_dict() for d in second.diagnostics] == [d.as_dict() for d in check(kb, load_config(kb)).diagnostics]
    entry = rule_entries(cache)[LOWER]
    assert entry[1] == (("smith2020knee", sha1(kb / FINDINGS)),)
    assert "figure-mismatch" not in dict(entry[2])
    assert rule_entries(cache)[SPEED] == speed_entry   # a claim citing another publication kept its entry


def test_a_damaged_or_foreign_rule_cache_is_ignored(kb, tmp_path):
    cache = tmp_path / "cache"
    expected = reports(kb, cache)
    files = sorted(cache.glob("rule-hits-*.pickle"))
    assert files
    for content in (b"\x80\x05 not a pickle", pickle.dumps({"base": "x", "entries": {LOWER: "junk"}}),
                    pickle.dumps(["a list"])):
        for path in files:
            path.write_bytes(content)
        assert reports(kb, cache) == expected
    reports(kb, cache)                           # good files again; now damage one entry in place
    for path in cache.glob("rule-hits-*.pickle"):
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if LOWER in data["entries"]:
            digest = data["entries"][LOWER][0]
            for junk in ("junk", (digest, (), (("figure-mismatch", ("not a hit",)),), (), ()), (digest, 5, (), (), ())):
                data["entries"][LOWER] = junk
                path.write_bytes(pickle.dumps(data))
                assert reports(kb, cache) == expected
    marker = tmp_path / "planted"
    for path in files:
        path.write_bytes(pickle.dumps({"base": "x", "entries": {LOWER: _Planted(marker)}}))
    assert reports(kb, cache) == expected
    assert not marker.exists()


class _Planted:
    """Pickles as a call to open(marker, 'w'): what a hostile cache file could try."""
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def git(cwd, *args):
    subprocess.run(["git", "-C", str(cwd), "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
                   check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_command_line_recheck_is_byte_identical_in_every_format(kb, tmp_path):
    git(kb, "init", "-q", "-b", "main")
    git(kb, "add", "-A")
    git(kb, "commit", "-q", "-m", "base")
    env = {"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    run_cli(["check", "--root", str(kb)], env=env)                  # fills the cache
    edit_claim_moving_lines(kb)
    edit_findings(kb)
    for extra in [["--format", fmt] for fmt in FORMATS] + [["--format", "json", "--changed-since", "main"],
                                                           ["--changed-since", "main"]]:
        warm = run_cli(["check", "--root", str(kb), *extra], env=env)
        cold = run_cli(["check", "--root", str(kb), "--no-cache", *extra], env=env)
        assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr), extra
        assert warm.stdout


def _crash_on_higher(ctx, loaded):
    if loaded.record.id == "knee-load-higher":
        raise ValueError("a bug in a rule")
    yield from ()


def test_a_rule_that_crashes_on_one_record_is_one_error_and_is_not_cached(kb, tmp_path, monkeypatch):
    import types
    from evkb.engine import check as check_mod
    from evkb.engine.rules import Rule, all_rules
    demo = types.ModuleType("evkb_crash_demo")
    demo.check_claim = _crash_on_higher
    monkeypatch.setattr(check_mod, "all_rules", lambda: all_rules() + (Rule("Z998", "crash-demo", "warning", {},
                                                                             demo),))
    cache = tmp_path / "cache"
    for _ in range(2):   # the second run must not find a cached entry for the claim the rule crashed on
        result = check(kb, load_config(kb), cache)
        failures = [d for d in result.diagnostics if d.code == "Z998"]
        assert [(d.path, d.message) for d in failures] == [
            ("pyproject.toml", "rule crash-demo failed: ValueError: a bug in a rule")]
        assert EXPECTED_CODES <= {d.code for d in result.diagnostics}


def test_a_file_rewritten_within_its_mtime_tick_is_read_again(kb, tmp_path):
    """Same size, same mtime (a second edit in the clock tick of the first, as git's racily clean files):
    the check that saw the first version must not let the next one skip reading the second."""
    import os
    import time
    cache, path = tmp_path / "cache", kb / LOWER
    stamp = time.time_ns() + 10**9   # just after the check starts, as a tick-coarse clock could make it
    os.utime(path, ns=(stamp, stamp))
    before = reports(kb, cache)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("up_to: 40", "up_to: 60"), encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    assert path.stat().st_size == len(text.encode()) and path.stat().st_mtime_ns == stamp
    after = reports(kb, cache)
    assert after == reports(kb, None) and after != before


def test_a_damaged_cached_record_is_parsed_again_from_its_file(kb, tmp_path):
    """Records are kept as their own pickled bytes inside the cache, unpickled on first use; bytes that
    do not unpickle (or name a class the cache never writes) make the engine parse the file again."""
    from evkb.load.parse import Parsed
    cache = tmp_path / "cache"
    expected = reports(kb, cache)
    damaged = 0
    for path in cache.glob("records-*.pickle"):
        with open(path, "rb") as fh:
            shard = pickle.load(fh)
        for shown, (kind, size, mtime, digest, parsed) in shard.items():
            if shown.startswith("claims/"):
                bad = b"not a pickle" if damaged % 2 else pickle.dumps((_Planted(tmp_path / "planted"), ()))
                shard[shown] = (kind, size, mtime, digest, Parsed.__new__(Parsed))
                shard[shown][4].__setstate__((parsed.problems, parsed.ident, bad))
                damaged += 1
        path.write_bytes(pickle.dumps(shard))
    assert damaged >= 3
    for path in cache.glob("rule-hits-*.pickle"):   # so that every record is read
        path.unlink()
    assert reports(kb, cache) == expected
    assert not (tmp_path / "planted").exists()
