"""The real base against the checksummed copy of the independent dossier (tests/data/)."""
import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from evkb.engine.check import run_check
from evkb.engine.config import load_config
from evkb.load.loader import load

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
LABELS = {"supported": "supported", "partly-supported": "partly supported", "contradicted": "contradicted",
          "no-evidence": "no source found", "contested": "contested"}
TARGET = 0.90


@pytest.fixture(scope="module")
def result():
    return run_check(load(ROOT, None), load_config(ROOT))


@pytest.fixture(scope="module")
def dossier():
    return {c["id"]: c for c in yaml.load((DATA / "seed-claims.yaml").read_bytes(), Loader=yaml.CSafeLoader)}


def test_dossier_copies_are_unchanged():
    for line in (DATA / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, name


def test_every_dossier_claim_is_a_circulating_claim(result, dossier):
    circulating = {cid for cid, c in result.kb.claims.items() if c.record.kind == "circulating"}
    assert circulating == set(dossier)


def test_reference_keys_equal_the_dossier(result):
    keys = set(re.findall(r"^@\w+\{([^,]+),", (DATA / "references.bib").read_text(encoding="utf-8"), re.M))
    assert set(result.kb.references) == keys


def test_real_base_has_no_errors(result):
    errors = [f"{d.path}:{d.location.line}: {d.code} {d.message}" for d in result.diagnostics if d.level == "error"]
    assert errors == []


def test_verdicts_agree_with_the_dossier(result, dossier, capsys):
    matrix = Counter()
    for cid, claim in dossier.items():
        matrix[(claim["verdict"], LABELS[result.assessments[cid].verdict])] += 1
    agree = sum(n for (want, got), n in matrix.items() if want == got)
    with capsys.disabled():
        print("\n" + confusion_table(matrix) + f"\nagreement: {agree}/{len(dossier)} = {agree / len(dossier):.0%}")
    assert agree / len(dossier) >= TARGET


def confusion_table(matrix) -> str:
    rows = sorted({w for w, _ in matrix})
    cols = sorted(set(LABELS.values()))
    lines = ["dossier \\ engine".ljust(18) + "".join(c[:16].rjust(18) for c in cols)]
    for r in rows:
        lines.append(r.ljust(18) + "".join(str(matrix.get((r, c), 0)).rjust(18) for c in cols))
    return "\n".join(lines)


def test_every_topic_has_an_assertion(result):
    topics = {c.topic for c in result.kb.claims.values()}
    with_assertion = {c.topic for c in result.kb.claims.values() if c.record.kind == "assertion"}
    assert topics == with_assertion
