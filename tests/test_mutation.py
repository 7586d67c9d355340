"""Seeded mutation test: damaged records give diagnostics, never a traceback, a hang or a written file.

Real records (the rule-example base, plus claims and findings of this repository's own base) are
damaged in the ways pull requests and editors damage files: truncation, bad bytes, deep nesting,
alias bombs, YAML tags, wrong types, bad numbers and BibTeX damage. Each mutant goes through the
real loader, every rule and every reporter in this process, under a time limit; the tree is hashed
before and after. The seed is fixed, so a failure names a mutant that can be replayed.
"""
from __future__ import annotations

import random
import shutil
import signal
from pathlib import Path

import pytest

from evkb_testlib import BASE, tree_digest
from evkb.engine.check import run_check
from evkb.engine.config import Config
from evkb.load.loader import load
from evkb.report import render

REPO = Path(__file__).parent.parent
SEED = 20261207
PER_KIND = 40
TIME_LIMIT = 20   # seconds per mutant; a hang is a failure, not a slow test

YAML_TARGETS = ["claims/knee/knee-load-lower.yaml", "references/findings/smith2020knee.yaml",
                "references/media/blog-one.yaml", "references/vocabulary/measures.yaml"]
REAL = ["claims/knee-load/knee-stress-reduced-up-to-40pct.yaml", "references/findings/roos2012pfjcf.yaml",
        "references/findings/alghadir2019retro.yaml"]


def _truncate(rng, text):
    return text[: rng.randrange(len(text))]


def _bad_bytes(rng, text):
    raw = bytearray(text.encode("utf-8"))
    for _ in range(rng.randint(1, 4)):
        raw[rng.randrange(len(raw))] = rng.choice([0x00, 0xFF, 0xC3, 0x80, 0xFE, 0x09, 0x1B])
    return bytes(raw)


def _deep(rng, text):
    depth = rng.choice([45, 500, 5000, 40000])
    style = rng.choice(["flow", "block", "map"])
    if style == "flow":
        nest = "[" * depth + "1" + "]" * depth
    elif style == "block":
        nest = "\n" + "- " * depth + "x"
    else:
        nest = "{a: " * depth + "1" + "}" * depth
    return text.rstrip("\n") + f"\nnote: {nest}\n" if rng.random() < 0.5 else f"related: {nest}\n" + text


def _alias_bomb(rng, text):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return text + "\n" + "\n".join(lines) + "\n"


def _tag(rng, text):
    tag = rng.choice(["!!python/object/apply:os.system ['echo hi']", "!custom x", "!!binary aGVsbG8=",
                      "!!set {a, b}", "!!omap [a: 1]", "!!float 1", "!<tag:yaml.org,2002:str> x"])
    lines = text.splitlines()
    i = rng.randrange(len(lines))
    if ":" in lines[i]:
        k = lines[i].split(":", 1)[0]
        lines[i] = f"{k}: {tag}"
    return "\n".join(lines) + "\n"


def _wrong_type(rng, text):
    lines = text.splitlines()
    candidates = [i for i, l in enumerate(lines) if ": " in l and not l.rstrip().endswith(":")]
    i = rng.choice(candidates)
    k = lines[i].split(": ", 1)[0]
    lines[i] = f"{k}: " + rng.choice(["[1, 2, 3]", "{a: b}", "null", "true", "12", "''", "[[[]]]", "{}"])
    return "\n".join(lines) + "\n"


def _bad_number(rng, text):
    lines = text.splitlines()
    candidates = [i for i, l in enumerate(lines) if any(c.isdigit() for c in l.split(":")[-1])] or [0]
    i = rng.choice(candidates)
    head = lines[i].rsplit(":", 1)[0] if ":" in lines[i] else "value"
    lines[i] = f"{head}: " + rng.choice([".nan", ".inf", "-.inf", "1e999", "-0", "9" * 400, "0x1F", "1_000",
                                          "0o17", "1.2.3", "12e", "NaN"])
    return "\n".join(lines) + "\n"


def _bib_damage(rng, text):
    choice = rng.randrange(6)
    if choice == 0:
        return text.replace("}", "", 1) if "}" in text else text + "{"
    if choice == 1:
        i = text.rfind("}")
        return text[:i] + text[i + 1:]
    if choice == 2:
        return text + "\n" + text            # every key twice
    if choice == 3:
        return text.replace("= {", '= "', 1)
    if choice == 4:
        return text[: rng.randrange(len(text))]
    return text.replace("@article{", "@article{ , ", 1) + "\n@string{X = {unclosed\n"


YAML_MUTATIONS = [_truncate, _bad_bytes, _deep, _alias_bomb, _tag, _wrong_type, _bad_number]


def mutants():
    rng = random.Random(SEED)
    sources = [(t, (BASE / t).read_text(encoding="utf-8"), t) for t in YAML_TARGETS]
    sources += [(t, (REPO / t).read_text(encoding="utf-8"), "claims/knee/real.yaml" if t.startswith("claims")
                 else f"references/findings/{Path(t).name}") for t in REAL]
    out = []
    for mutate in YAML_MUTATIONS:
        for n in range(PER_KIND):
            origin, text, dest = sources[rng.randrange(len(sources))]
            out.append((f"{mutate.__name__[1:]}-{n}", dest, mutate(rng, text)))
    bib = (BASE / "references/base.bib").read_text(encoding="utf-8")
    real_bib = (REPO / "references/retro-walking.bib").read_text(encoding="utf-8")[:6000]
    for n in range(PER_KIND):
        out.append((f"bib-{n}", "references/base.bib", _bib_damage(rng, bib if n % 2 else real_bib + "\n" + bib)))
    return out


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("mutants")


MUTANTS = mutants()


def test_there_are_hundreds_of_mutants_of_every_kind():
    kinds = {name.rsplit("-", 1)[0] for name, _, _ in MUTANTS}
    assert len(MUTANTS) >= 300
    assert kinds == {"truncate", "bad_bytes", "deep", "alias_bomb", "tag", "wrong_type", "bad_number", "bib"}


def test_no_mutant_ends_in_a_traceback_a_hang_or_a_written_file(workspace):
    failures = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for name, dest, content in MUTANTS:
            root = workspace / name
            shutil.copytree(BASE, root)
            path = root / dest
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            before = tree_digest(root)
            signal.alarm(TIME_LIMIT)
            try:
                result = run_check(load(root, None), Config())
                for fmt in ("text", "json", "github", "sarif"):
                    render(result, fmt)
            except Hang:
                failures.append(f"{name}: no result within {TIME_LIMIT} s")
            except BaseException as exc:   # noqa: BLE001 - any escape is the defect under test
                failures.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
            finally:
                signal.alarm(0)
            if tree_digest(root) != before:
                failures.append(f"{name}: the check changed files in the base")
            shutil.rmtree(root)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert failures == [], "\n".join(failures)


def test_damaged_files_are_reported_at_their_own_path():
    """Every damaged YAML file that no longer loads is named by a diagnostic of its own."""
    import tempfile
    rng = random.Random(SEED + 1)
    text = (BASE / "references/findings/smith2020knee.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(20):
            root = Path(tmp) / str(n)
            shutil.copytree(BASE, root)
            mutated = _truncate(rng, text) if n % 2 else _bad_bytes(rng, text)
            target = root / "references/findings/smith2020knee.yaml"
            target.write_bytes(mutated if isinstance(mutated, bytes) else mutated.encode("utf-8"))
            result = run_check(load(root, None), Config())
            kb = result.kb
            if "smith2020knee" in kb.findings and not kb.unreadable:
                continue   # the cut fell where the file is still a valid record
            assert any(d.path == "references/findings/smith2020knee.yaml" for d in result.diagnostics), n
            assert not any(d.code == "R007" for d in result.diagnostics), n   # no cascade onto the claim
