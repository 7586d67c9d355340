"""Every registered rule has a documented failing and fixed example, and the examples behave.

tests/rules/<rule-name>/fail*/ and pass*/ are overlays on tests/rules/_base: the files an
example adds or replaces. A fail folder's expected.txt lists the exact diagnostics of that
rule (`path:line:col CODE`); a pass folder must produce none of that rule.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from evkb_testlib import BASE, RULES, check, make_base, positions, read_expected
from evkb.engine.rules import all_rules

ALL_RULES = all_rules()
RULE_IDS = [r.name for r in ALL_RULES]


def examples(kind: str) -> list[tuple[object, Path]]:
    """(rule, folder) for every example folder named kind or kind-<case> of every rule."""
    out = []
    for rule in ALL_RULES:
        folder = RULES / rule.name
        if folder.is_dir():
            out += [(rule, d) for d in sorted(folder.iterdir())
                    if d.is_dir() and (d.name == kind or d.name.startswith(kind + "-"))]
    return out


def example_id(param) -> str:
    rule, folder = param
    return f"{rule.code}-{rule.name}/{folder.name}"


FAIL_EXAMPLES = examples("fail")
PASS_EXAMPLES = examples("pass")


def test_rule_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes) >= 27 and len(set(names)) == len(names)
    assert all(re.fullmatch(r"[SRVFPX]\d{3}", c) for c in codes), codes
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)+", n) for n in names), names


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_rule_has_fail_and_pass_examples(rule):
    folder = RULES / rule.name
    assert folder.is_dir(), f"no example folder tests/rules/{rule.name}/"
    names = [d.name for d in folder.iterdir() if d.is_dir()]
    assert any(n == "fail" or n.startswith("fail-") for n in names), f"{rule.name}: no fail/ example"
    assert any(n == "pass" or n.startswith("pass-") for n in names), f"{rule.name}: no pass/ example"
    for name in names:
        if name.startswith("fail"):
            assert (folder / name / "expected.txt").is_file(), f"{rule.name}/{name} has no expected.txt"


@pytest.mark.parametrize("rule", ALL_RULES, ids=RULE_IDS)
def test_rule_is_documented(rule):
    doc = rule.module.__doc__ or ""
    assert doc.strip(), f"{rule.name} has no docstring"
    assert "Failing example" in doc, f"{rule.name}: the docstring lacks a 'Failing example'"
    assert "Fixed example" in doc, f"{rule.name}: the docstring lacks a 'Fixed example'"
    assert rule.name == rule.name.lower() and " " not in rule.name
    assert rule.level in ("error", "warning", "info") or isinstance(rule.level, dict)


def test_example_folders_name_registered_rules():
    """A typo in an example folder's name would silently test nothing."""
    names = {r.name for r in ALL_RULES}
    folders = {d.name for d in RULES.iterdir() if d.is_dir() and not d.name.startswith("_")}
    assert folders <= names, f"example folders for no rule: {sorted(folders - names)}"


@pytest.mark.parametrize("param", FAIL_EXAMPLES, ids=example_id)
def test_fail_example(param, tmp_path):
    rule, folder = param
    expected = read_expected(folder / "expected.txt")
    assert expected, f"{folder}/expected.txt lists nothing"
    assert all(code == rule.code for *_, code in expected), "expected.txt may only list this rule's code"
    root = make_base(tmp_path, folder)
    result = check(root)
    got = positions(result, rule.code)
    assert sorted(got) == sorted(expected)
    if not rule.code.startswith("S") and not getattr(rule.module, "ABOUT_BROKEN_FILES", False):
        assert load_problems(result) == [], "the example must load cleanly, or it tests something else"


LOAD_CODES = ("S001", "S002", "S003", "S004")


def load_problems(result) -> list:
    """Diagnostics of the load rules: a record that did not load makes an example vacuous."""
    return [p for p in positions(result) if p[3] in LOAD_CODES]


@pytest.mark.parametrize("param", PASS_EXAMPLES, ids=example_id)
def test_pass_example(param, tmp_path):
    rule, folder = param
    assert not (folder / "expected.txt").exists(), "a pass example expects nothing"
    root = make_base(tmp_path, folder)
    result = check(root)
    assert positions(result, rule.code) == []
    assert load_problems(result) == [], "a pass example must load cleanly (else it passes vacuously)"
    assert result.kb.files, "the example loaded no file at all"


def test_base_is_clean(tmp_path):
    """The shared base has no error or warning, so any diagnostic an example produces is its own."""
    result = check(make_base(tmp_path))
    serious = [d for d in result.diagnostics if d.level in ("error", "warning")]
    assert serious == []
    assert set(result.kb.claims) == {"knee-load-lower"}
    assert set(result.kb.references) == {"smith2020knee"}
    assert set(result.kb.findings) == {"smith2020knee"} and set(result.kb.media) == {"blog-one"}
    assert result.assessments["knee-load-lower"].verdict == "supported"


def test_base_has_the_documented_layout():
    for rel in ("references/vocabulary/measures.yaml", "references/vocabulary/comparisons.yaml",
                "references/vocabulary/populations.yaml", "references/vocabulary/activities.yaml",
                "references/findings", "references/media", "claims/knee"):
        assert (BASE / rel).exists(), rel
    assert list(BASE.glob("references/*.bib"))


@pytest.mark.parametrize("param", [p for p in FAIL_EXAMPLES if "not-utf8" in p[1].name], ids=example_id)
def test_latin1_examples_are_still_latin1(param):
    """Guard against an editor re-encoding the committed Latin-1 examples as UTF-8."""
    raw = b"".join(p.read_bytes() for p in param[1].rglob("*") if p.is_file() and p.name != "expected.txt")
    assert b"\xfc" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def messages(tmp_path, example: str, code: str) -> list[tuple[str, str]]:
    result = check(make_base(tmp_path, RULES / example))
    return [(d.message, d.hint) for d in result.diagnostics if d.code == code]


def test_unknown_field_has_a_did_you_mean_hint(tmp_path):
    got = messages(tmp_path, "invalid-record/fail-unknown-field", "S002")
    assert ("unknown field 'statment' in the record", "did you mean 'statement'?") in got
    assert ("unknown field 'locater' in sources[0]", "did you mean 'locator'?") in got


def test_wrong_type_hint_names_the_expected_type(tmp_path):
    got = dict(messages(tmp_path, "invalid-record/fail-wrong-type", "S002"))
    assert got["n has the wrong type or shape: 'one hundred and twenty'"].startswith("expected a whole number")
    assert got["grey has the wrong type or shape: 'no'"].startswith("expected true or false")


def test_path_characters_in_a_claim_id_are_refused(tmp_path):
    result = check(make_base(tmp_path, RULES / "invalid-record/fail-path-id"))
    assert "../x" not in result.kb.claims and all(".." not in c for c in result.kb.claims)
    assert any("'../x' does not have the required form" in d.message for d in result.diagnostics)


def test_rule_messages_read_well(tmp_path):
    assert messages(tmp_path / "a", "unknown-term/fail", "V002")[0][0] == "unknown activity 'walkng'"
    assert ("smith2020knee has no finding 'knee-peek' in references/findings/smith2020knee.yaml",
            "did you mean 'knee-peak'?") in messages(tmp_path / "b", "unknown-finding/fail", "R007")
    assert any("gives 60, which does not overlap" in m for m, _ in messages(tmp_path / "c", "conflicting-figures/fail",
                                                                             "F006"))
    assert any(m.startswith("YAML aliases") for m, _ in messages(tmp_path / "d", "yaml-syntax/fail-alias-bomb", "S001"))
