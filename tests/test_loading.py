"""Bad input never stops a check: every problem is located, the rest loads, nothing is modified."""
from __future__ import annotations

import json
import pickle
import subprocess
import sys

from evkb_testlib import check, make_base, positions, run_cli, tree_digest, write
from evkb.load.speed.cache import SHARDS, RecordCache
from evkb.load.loader import load

GOOD_CLAIM = """\
id: {id}
kind: assertion
statement: Backward walking lowers knee load.
reviewed: 2026-01-20
population: healthy-adults
activity: walking
sources:
  - {{ref: smith2020knee, findings: [knee-peak], stance: supports}}
"""

BILLION_LAUGHS = "\n".join(
    ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]) + "\n"


def test_three_broken_files_are_all_reported_and_the_good_one_loads(base):
    write(base, "claims/knee/a-syntax.yaml", "id: a-syntax\nkind: [assertion\nstatement: x\n")
    write(base, "claims/knee/b-record.yaml", GOOD_CLAIM.format(id="b-record").replace("reviewed", "reviwed"))
    write(base, "claims/knee/c-bytes.yaml", b"id: c-bytes\nstatement: caf\xe9\n")
    write(base, "claims/knee/d-good.yaml", GOOD_CLAIM.format(id="d-good"))
    result = check(base)
    load_problems = [p for p in positions(result) if p[3] in ("S001", "S002")]
    assert [(path, code) for path, _, _, code in load_problems] == [
        ("claims/knee/a-syntax.yaml", "S001"),
        ("claims/knee/b-record.yaml", "S002"),   # missing 'reviewed'
        ("claims/knee/b-record.yaml", "S002"),   # unknown 'reviwed'
        ("claims/knee/c-bytes.yaml", "S001")]
    lines = {(path, line) for path, line, _, _ in load_problems}
    assert ("claims/knee/a-syntax.yaml", 3) in lines      # where the unclosed [ of line 2 fails
    assert ("claims/knee/b-record.yaml", 4) in lines      # the misspelt key
    assert ("claims/knee/c-bytes.yaml", 2) in lines       # the Latin-1 byte
    assert set(result.kb.claims) == {"knee-load-lower", "d-good"}
    assert result.assessments["d-good"].verdict == "supported"
    assert {"claims/knee/a-syntax.yaml", "claims/knee/b-record.yaml", "claims/knee/c-bytes.yaml",
            "claims/knee/d-good.yaml"} <= set(result.kb.files)


def test_every_kind_of_file_keeps_going(base):
    """A broken findings, media, vocabulary and .bib file: each reported, the others still load."""
    write(base, "references/findings/smith2020knee.yaml", "ref: smith2020knee\ndesign: rct\n\tn: 3\n")
    write(base, "references/media/blog-two.yaml", "id: blog-two\ntitle: t\noutlet: blogg\nseen: 2026-01-01\n")
    write(base, "references/vocabulary/comparisons.yaml",
          "backward-vs-forward: {name: B}\nbackward-vs-forward: {name: C}\n")
    write(base, "references/zz.bib", "@article{zz1,\n  title = {Unclosed,\n  year = {2020}\n\n"
                                      "@article{zz2, title = {Fine}, year = {2021}, url = {https://x.org}}\n")
    result = check(base)
    got = {(path, line, code) for path, line, _, code in positions(result) if code in ("S001", "S002", "S003")}
    assert ("references/findings/smith2020knee.yaml", 3, "S001") in got
    assert ("references/media/blog-two.yaml", 3, "S002") in got
    assert ("references/vocabulary/comparisons.yaml", 2, "S001") in got
    assert any(path == "references/zz.bib" and code == "S003" for path, _, code in got)
    assert "blog-one" in result.kb.media and "blog-two" not in result.kb.media
    assert "smith2020knee" in result.kb.references
    assert result.kb.vocab.has("measures", "knee-load")


def test_claim_outside_a_topic_folder(base):
    write(base, "claims/loose.yaml", GOOD_CLAIM.format(id="loose"))
    result = check(base)
    assert ("claims/loose.yaml", 1, 1, "S002") in positions(result)


def test_oversized_file_is_refused_with_a_line(base):
    write(base, "claims/knee/huge.yaml", "id: huge\n" + "# padding\n" * 250_000)
    result = check(base)
    assert ("claims/knee/huge.yaml", 1, 1, "S001") in positions(result)
    assert "huge" not in result.kb.claims


def test_check_never_modifies_the_records(base):
    write(base, "claims/knee/broken.yaml", "id: broken\nkind: [\n")
    write(base, "references/zz.bib", "@article{zz, title = {x}, title = {y}}\n")
    before = {**tree_digest(base / "claims"), **{"r/" + k: v for k, v in tree_digest(base / "references").items()}}
    cache_home = base.parent / "xdg-cache"
    for fmt in ("text", "json", "github", "sarif"):
        proc = run_cli(["check", "--root", str(base), "--format", fmt], env={"XDG_CACHE_HOME": str(cache_home)})
        assert proc.returncode == 1, proc.stderr
    check(base)
    after = {**tree_digest(base / "claims"), **{"r/" + k: v for k, v in tree_digest(base / "references").items()}}
    assert after == before
    assert list((cache_home / "evkb").glob("*/records-*.pickle"))  # the cache lives outside the repository
    assert not (base / ".evkb-cache").exists()


def test_alias_bomb_is_rejected_without_expanding(tmp_path):
    """Ten levels of ten aliases (10^10 strings if expanded) load with little memory.

    The check runs in a child process that reports its own peak memory: an expansion would
    need tens of gigabytes, the refusal needs what an ordinary check needs.
    """
    root = make_base(tmp_path)
    write(root, "claims/knee/bomb.yaml", BILLION_LAUGHS)
    write(root, "references/media/bomb.yaml", BILLION_LAUGHS)
    script = (
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "from evkb.load.loader import load\n"
        "from evkb.engine.check import run_check\n"
        "from evkb.engine.config import Config\n"
        "r = run_check(load(Path(sys.argv[1])), Config())\n"
        "peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'peak_kib': peak_kib, 'diags': [[d.path, d.location.line, d.location.column, d.code,"
        " d.message] for d in r.diagnostics]}))\n")
    proc = subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    bombs = [d for d in out["diags"] if d[0].endswith("bomb.yaml") and d[3] == "S001"]
    assert [(d[0], d[1], d[2]) for d in bombs] == [("claims/knee/bomb.yaml", 2, 10),
                                                  ("references/media/bomb.yaml", 2, 10)]
    assert all("alias" in d[4] for d in bombs)
    assert out["peak_kib"] < 512 * 1024, f"peak memory {out['peak_kib']} KiB"


def test_unsafe_links_are_reported_and_not_read(tmp_path):
    """Links out of the base, even a whole claims/ or references/findings/ folder, are never read."""
    root = make_base(tmp_path)
    outside = tmp_path / "outside"
    write(outside, "claims/knee/stolen.yaml", GOOD_CLAIM.format(id="stolen"))
    write(outside, "findings/smith2020knee.yaml", "ref: smith2020knee\ndesign: rct\n")
    write(outside, "measures.yaml", "stolen-measure: {name: Stolen, unit: N}\n")
    import shutil
    shutil.rmtree(root / "claims")
    (root / "claims").symlink_to(outside / "claims")
    shutil.rmtree(root / "references" / "findings")
    (root / "references" / "findings").symlink_to(outside / "findings")
    (root / "references" / "vocabulary" / "measures.yaml").unlink()
    (root / "references" / "vocabulary" / "measures.yaml").symlink_to(outside / "measures.yaml")
    result = check(root)
    unsafe = sorted(p for p in positions(result) if p[3] == "S004")
    assert unsafe == [("claims", 1, 1, "S004"), ("references/findings", 1, 1, "S004"),
                      ("references/vocabulary/measures.yaml", 1, 1, "S004")]
    assert result.kb.claims == {} and result.kb.findings == {}
    assert not result.kb.vocab.has("measures", "stolen-measure")
    assert not any("outside" in f or f.startswith("/") for f in result.kb.files)


def test_cache_is_reused_and_same_diagnostics(base, tmp_path):
    cache = tmp_path / "cache"
    write(base, "claims/knee/typo.yaml", GOOD_CLAIM.format(id="typo").replace("kind", "knd"))
    first = positions(check(base, cache_dir=cache))
    files = list(cache.glob("records-*.pickle"))
    assert len(files) == SHARDS   # the cache is sharded so a one-file change rewrites one shard
    second = positions(check(base, cache_dir=cache))
    assert second == first and ("claims/knee/typo.yaml", 2, 1, "S002") in first
    # The cached entries are keyed by content: given the digest of a cached file, the cache
    # returns its stored parse without reading the bytes (here deliberately wrong bytes).
    import hashlib
    raw = (base / "claims/knee/knee-load-lower.yaml").read_bytes()
    reused = RecordCache(cache).get_or_parse("claim", "claims/knee/knee-load-lower.yaml", b"not: [yaml",
                                             hashlib.sha1(raw).hexdigest())
    assert reused.problems == [] and reused.record.id == "knee-load-lower"


def test_cache_reparses_an_edited_file(base, tmp_path):
    cache = tmp_path / "cache"
    assert [p for p in positions(check(base, cache_dir=cache)) if p[3] == "V002"] == []
    claim = base / "claims/knee/knee-load-lower.yaml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("activity: walking", "activity: walkin"),
                     encoding="utf-8")
    after = positions(check(base, cache_dir=cache))
    assert ("claims/knee/knee-load-lower.yaml", 6, 11, "V002") in after


def test_corrupt_cache_is_ignored(base, tmp_path):
    cache = tmp_path / "cache"
    expected = positions(check(base, cache_dir=cache))
    shards = sorted(cache.glob("records-*.pickle"))
    assert shards
    for cache_file in shards:
        cache_file.write_bytes(b"\x80\x05 this is not a pickle")
    assert positions(check(base, cache_dir=cache)) == expected
    for cache_file in shards:                   # and the next run wrote a good cache again
        with open(cache_file, "rb") as fh:
            assert isinstance(pickle.load(fh), dict)
    for cache_file in shards:
        cache_file.write_bytes(pickle.dumps(["a list, not the cache's dict"]))
    assert positions(check(base, cache_dir=cache)) == expected


def test_cli_cache_round_trip(base):
    """The real CLI: a cold and a warm run report the same; --no-cache writes no cache."""
    env = {"XDG_CACHE_HOME": str(base.parent / "xdg-cache")}
    cold = run_cli(["check", "--root", str(base), "--format", "json"], env=env)
    warm = run_cli(["check", "--root", str(base), "--format", "json"], env=env)
    assert cold.returncode == warm.returncode == 0
    assert json.loads(cold.stdout) == json.loads(warm.stdout)
    assert list((base.parent / "xdg-cache" / "evkb").glob("*/records-*.pickle"))
    fresh = make_base(base.parent / "other")
    env = {"XDG_CACHE_HOME": str(base.parent / "xdg-other")}
    run_cli(["check", "--root", str(fresh), "--no-cache"], env=env)
    assert not (base.parent / "xdg-other").exists()


def test_load_is_deterministic(base):
    one, two = load(base), load(base)
    assert one.files == two.files and list(one.references) == list(two.references)


class _Planted:
    """Pickles as a call to open(marker, 'w'): what a hostile cache file committed to a repository could do."""
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_cache_never_runs_code_from_the_cache_file(base, tmp_path):
    cache = tmp_path / "cache"
    expected = positions(check(base, cache_dir=cache))
    marker = tmp_path / "planted"
    for cache_file in cache.glob("records-*.pickle"):
        cache_file.write_bytes(pickle.dumps({("claim", "claims/knee/x.yaml", "0" * 40): _Planted(marker)}))
    assert positions(check(base, cache_dir=cache)) == expected
    assert not marker.exists()
