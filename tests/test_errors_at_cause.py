"""Errors point at the cause: a damaged file is reported at its own lines, what still reads stays
usable, and the records citing it are sent there instead of being told it is missing.

Every test damages one real file of the rule-example base (tests/rules/_base) in a temporary folder
and runs the real loader and rules, or the real command line.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import jsonschema
import pytest

from evkb_testlib import check, run_cli, write
from evkb.load.validate import is_valid
from evkb.model.schema import schema_for

CLAIM = "claims/knee/knee-load-lower.yaml"
FINDINGS = "references/findings/smith2020knee.yaml"
MEDIA = "references/media/blog-one.yaml"
SECOND_FINDING = """\
  - id: knee-second
    measure: knee-load
    comparison: backward-vs-forward
    direction: lower
    where: Table 3
    unit: percent
    value: 25
"""


def edit(root, rel: str, old: str, new: str) -> str:
    text = (root / rel).read_text(encoding="utf-8")
    assert old in text, (rel, old)
    write(root, rel, text.replace(old, new, 1))
    return rel


def line_of(root, rel: str, needle: str) -> int:
    return next(i for i, l in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1) if needle in l)


def codes(result, path: str | None = None) -> list[str]:
    return sorted(d.code for d in result.diagnostics if path is None or d.path == path)


def test_a_negative_sd_is_reported_at_its_line_and_the_other_findings_stay_usable(base):
    write(base, FINDINGS, (base / FINDINGS).read_text(encoding="utf-8") + SECOND_FINDING)
    edit(base, FINDINGS, "sd: 1.0, n: 120}\n      - {label: backward", "sd: -1.0, n: 120}\n      - {label: backward")
    write(base, "claims/knee/second.yaml", (base / CLAIM).read_text(encoding="utf-8")
          .replace("id: knee-load-lower", "id: second").replace("[knee-peak]", "[knee-second]"))
    result = check(base)
    own = [d for d in result.diagnostics if d.path == FINDINGS and d.level == "error"]
    assert [(d.code, d.location.line) for d in own] == [("S002", line_of(base, FINDINGS, "sd: -1.0"))]
    assert "sd" in own[0].message and "minimum" in own[0].message
    assert result.kb.finding("smith2020knee", "knee-second") is not None        # the valid finding loaded
    assert codes(result, "claims/knee/second.yaml") == []                      # and its claim is checked
    notes = [d for d in result.diagnostics if d.path == CLAIM]
    assert [(d.code, d.level) for d in notes] == [("R011", "info")]            # no R007 "no finding"
    assert FINDINGS in notes[0].message and notes[0].related[0].path == FINDINGS


def test_a_findings_file_with_a_yaml_syntax_error_gives_one_note_to_its_claims(base):
    edit(base, FINDINGS, "    where: Table 2", "    where: [Table 2")
    result = check(base)
    assert codes(result, FINDINGS) == ["S001"]
    assert [d.location.line for d in result.diagnostics if d.path == FINDINGS] == [line_of(base, FINDINGS, "where: [")
                                                                                  + 1]
    claim = [d for d in result.diagnostics if d.path == CLAIM]
    assert [d.code for d in claim] == ["R011"] and "has errors" in claim[0].message


def test_a_broken_media_record_is_reported_there_not_as_a_missing_media_record(base):
    edit(base, MEDIA, "seen: 2026-01-15", "seen: 2026-02-30")
    result = check(base)
    own = [d for d in result.diagnostics if d.path == MEDIA]
    assert [(d.code, d.location.line) for d in own] == [("S002", line_of(base, MEDIA, "seen:"))]
    assert "not a real calendar date" in own[0].message
    assert codes(result, CLAIM) == ["R011"]                                     # not R006 dangling-media


@pytest.mark.parametrize("date", ["2026-13-45", "2026-02-30", "2025-02-29", "2026-04-31"])
def test_impossible_dates_fail_the_rule_and_both_schema_validators(base, date):
    edit(base, CLAIM, "reviewed: 2026-01-20", f"reviewed: {date}")
    result = check(base)
    assert [(d.code, d.location.line) for d in result.diagnostics if d.path == CLAIM] == [
        ("S002", line_of(base, CLAIM, "reviewed:"))]
    record = {"id": "x", "kind": "assertion", "statement": "s", "reviewed": date, "population": "p",
              "activity": "a"}
    schema = schema_for("claim")
    assert schema["properties"]["reviewed"]["format"] == "date"
    checker = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert not checker.is_valid(record)
    assert not is_valid("claim", record)                                        # the compiled validator
    assert is_valid("claim", {**record, "reviewed": "2024-02-29"}) and checker.is_valid({**record, "reviewed": "2024-02-29"})


def test_the_committed_schemas_check_the_calendar():
    docs = Path(__file__).parent.parent / "docs" / "schemas"
    for kind, field in (("claim", "reviewed"), ("media", "seen")):
        schema = json.loads((docs / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert schema["properties"][field]["format"] == "date"


@pytest.mark.parametrize("depth", [5000, 40000])
def test_deep_nesting_is_a_diagnostic_not_a_traceback_or_a_crash(base, depth):
    write(base, FINDINGS, (base / FINDINGS).read_text(encoding="utf-8") + "note: " + "[" * depth + "]" * depth + "\n")
    proc = run_cli(["check", "--root", str(base), "--no-cache", "--format", "json"])
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    own = [d for d in json.loads(proc.stdout)["diagnostics"] if d["path"] == FINDINGS]
    assert [d["code"] for d in own] == ["S001"] and "nested more than 40 levels" in own[0]["message"]


@pytest.mark.parametrize("value", ["9" * 5000, "9" * 400, ".nan", "-.inf", "1.0e+400"])
def test_numbers_no_float_can_hold_are_reported_at_their_field(base, value):
    edit(base, FINDINGS, "mean: 4.0", f"mean: {value}")
    result = check(base)
    own = [d for d in result.diagnostics if d.path == FINDINGS]
    assert [(d.code, d.location.line) for d in own] == [("S002", line_of(base, FINDINGS, "mean: "))]
    assert "not a finite number" in own[0].message and len(own[0].message) < 200


def test_a_formula_that_overflows_is_an_error_not_a_silent_pass(base):
    edit(base, FINDINGS, "formula: (forward - backward) / forward * 100", "formula: 1e300 * 1e300 * forward")
    result = check(base)
    assert any(d.code == "F001" and "infinite" in d.message for d in result.diagnostics)


def test_an_unclosed_bibtex_entry_names_its_key_and_lines_and_swallows_nothing(base):
    bib = "references/base.bib"
    text = (base / bib).read_text(encoding="utf-8")
    write(base, bib, "@article{jones2019x,\n  title = {Unclosed},\n  year  = {2019},\n\n" + text)
    result = check(base)
    errors = [d for d in result.diagnostics if d.path == bib and d.code == "S003"]
    assert len(errors) == 1 and errors[0].location.line == 1
    message = errors[0].message
    assert "'jones2019x' (line 1) is not closed" in message
    assert f"before entry 'smith2020knee' starts at line {line_of(base, bib, '@article{smith2020knee')}" in message
    assert "lost the entry after line 3" in message
    assert not any(d.subject == "smith2020knee" or "smith2020knee" in d.message
                   for d in result.diagnostics if d.code in ("R005", "R009"))   # read as written, still cited


@pytest.mark.parametrize("damage, expected", [
    ("  year    = 2020 2021,", "in entry 'smith2020knee' (starting at line 2): syntax error in line 6"),
    ("  year    = {2020}}},", "entry 'smith2020knee' (line 2) is closed at line 6, before its field 'volume' at line 7"),
])
def test_other_bibtex_damage_names_the_entry_and_its_lines_without_false_field_warnings(base, damage, expected):
    bib = "references/base.bib"
    edit(base, bib, "  year    = {2020},", damage)
    result = check(base)
    errors = [d for d in result.diagnostics if d.path == bib and d.code == "S003"]
    assert len(errors) == 1 and expected in errors[0].message, [d.message for d in errors]
    # the doi after the damage is lost to the parser, not missing from the entry: no R009/R010
    assert codes(result) == ["S003"]


def test_a_bibtex_macro_bomb_is_refused_within_a_budget(base):
    macros = "@string{m0 = {lol}}\n" + "".join(f"@string{{m{i} = m{i - 1} # m{i - 1}}}\n" for i in range(1, 64))
    write(base, "references/strings.bib", (base / "references/strings.bib").read_text(encoding="utf-8") + macros)
    started = time.monotonic()
    result = check(base)
    assert time.monotonic() - started < 60      # a guard against a hang, not a timing test
    bomb = [d for d in result.diagnostics if d.code == "S003" and "not expanded" in d.message]
    assert len(bomb) == 1 and bomb[0].path == "references/strings.bib"
    assert bomb[0].location.line == line_of(base, "references/strings.bib", bomb[0].message.split("'")[1] + " =")


def test_a_vocabulary_term_of_the_wrong_shape_is_reported_at_its_field(base):
    rel = "references/vocabulary/measures.yaml"
    edit(base, rel, "  alternative_units: [N]", "  alternative_units: N\n  brodaer: x")
    result = check(base)
    own = [(d.code, d.location.line, d.message) for d in result.diagnostics if d.path == rel]
    assert [(c, l) for c, l, _ in own] == [("S002", line_of(base, rel, "alternative_units")),
                                           ("S002", line_of(base, rel, "brodaer"))]
    assert "wrong type or shape" in own[0][2] and "unknown field 'brodaer'" in own[1][2]


def test_a_vocabulary_file_that_does_not_parse_does_not_cascade_into_every_record(base):
    rel = "references/vocabulary/measures.yaml"
    write(base, rel, (base / rel).read_text(encoding="utf-8") + "broken: [\n")
    result = check(base)
    assert codes(result) == ["S001"] and result.diagnostics[0].path == rel


def test_a_configuration_nested_too_deeply_is_a_usage_error(base):
    write(base, "evkb.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    proc = run_cli(["check", "--root", str(base), "--no-cache"])
    assert proc.returncode == 2 and "nested too deeply" in proc.stderr and "Traceback" not in proc.stderr
