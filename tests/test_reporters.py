"""Every report format, produced by the real `evkb check` in a subprocess, has its documented shape.

JSON is validated against tests/data/report.schema.json (also embedded in docs/report-format.md).
SARIF is validated against the SARIF 2.1.0 JSON Schema vendored in tests/data/sarif/ (its
README says where it comes from); tests/test_gate_reports.py covers what GitHub needs of it.
"""
from __future__ import annotations

import json
import re

import jsonschema
import pytest

from evkb_testlib import DATA, TESTS, check_json, make_base, run_cli, write
from evkb.engine.rules import all_rules

REPORT_SCHEMA = json.loads((DATA / "report.schema.json").read_text(encoding="utf-8"))
SARIF_SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
DOC = TESTS.parent / "docs" / "report-format.md"

TEXT_LINE = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) "
                       r"\[(?P<rule>[a-z0-9-]+)\] (?P<level>error|warning|info): (?P<message>.+)$")
TEXT_SUPPRESSED = re.compile(r"^[^:\s][^:]*:\d+:\d+: [A-Z]\d{3} \[[a-z0-9-]+\] suppressed: .+ \(reason: .+\)$")
TEXT_FRAME = re.compile(r"^  +(\d+ )?\|( .*)?$")
TEXT_SUMMARY = re.compile(r"^\d+ files, \d+ claims, \d+ references: \d+ errors, \d+ warnings, \d+ infos, "
                          r"\d+ suppressed$")
GITHUB_LINE = re.compile(r"^::(?P<kind>error|warning|notice) file=(?P<file>[^,:]+),line=(?P<line>[1-9]\d*),"
                         r"col=(?P<col>[1-9]\d*),title=(?P<title>[^,:]+)::(?P<body>[^\r\n]+)$")

MIXED_CLAIM = """\
id: mixed-claim
kind: circulating
statement: Backward walking lowers knee load by 25% in 2020.
reviewed: 2026-01-20
population: healthy-adults
activity: running
figures:
  - {measure: knee-load, comparison: backward-vs-forward, direction: lower, value: 25, unit: percent}
sources:
  - {ref: smith2020knee, findings: [knee-peak], stance: supports}
  - {ref: nosuchkey, stance: mentions}
suppress:
  - {rule: F003, reason: "2020 is a year, not a result: 100% sure"}
"""


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A base with an error, warnings, infos, a related location, a suppression and an odd file name."""
    root = make_base(tmp_path_factory.mktemp("mixed"))
    write(root, "claims/knee/mixed-claim.yaml", MIXED_CLAIM)
    write(root, "references/odd,name.bib", "@misc{unused2019,\n  title = {50% of: nothing},\n  year = {2019},\n}\n"
                                           "@misc{smith2020knee, title = {Duplicate key}, year = {2020}}\n")
    write(root, "references/with space.bib", "@misc{spaced2018, title = {Spaced}, year = {2018}, url = {https://x.org}}\n")
    return root


def render(root, fmt, *extra):
    return run_cli(["check", "--root", str(root), "--no-cache", "--format", fmt, *extra])


# --- JSON ---------------------------------------------------------------------------------------

def test_json_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(REPORT_SCHEMA)
    jsonschema.Draft4Validator.check_schema(SARIF_SCHEMA)


def test_json_report_validates(mixed):
    report, proc = check_json(mixed)
    assert proc.returncode == 1
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(report)
    levels = {d["level"] for d in report["diagnostics"]}
    assert levels == {"error", "warning", "info"}               # the fixture exercises every level
    assert any(d["related"] for d in report["diagnostics"])
    assert [s["code"] for s in report["suppressed"]] == ["F003"]
    assert report["suppressed"][0]["reason"] == "2020 is a year, not a result: 100% sure"


def test_json_summary_agrees_with_the_diagnostics(mixed):
    report, _ = check_json(mixed)
    diags, summary = report["diagnostics"], report["summary"]
    for level, key in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
        assert summary[key] == sum(d["level"] == level for d in diags)
    by_rule = {}
    for d in diags:
        by_rule[d["rule"]] = by_rule.get(d["rule"], 0) + 1
    assert summary["by_rule"] == by_rule
    assert summary["suppressed"] == len(report["suppressed"])
    assert summary["claims"] == 2 and summary["references"] == 3
    keys = [(d["path"], d["line"], d["column"], d["code"]) for d in diags]
    assert keys == sorted(keys)


def test_json_of_a_clean_base_validates(tmp_path):
    report, proc = check_json(make_base(tmp_path))
    assert proc.returncode == 0
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(report)
    assert report["diagnostics"] == [] and report["suppressed"] == []


def test_schema_rejects_a_wrong_report(mixed):
    """The schema is strict enough to catch a changed shape."""
    report, _ = check_json(mixed)
    validator = jsonschema.Draft202012Validator(REPORT_SCHEMA)
    broken = json.loads(json.dumps(report))
    broken["diagnostics"][0]["line"] = 0
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(report))
    broken["diagnostics"][0]["severity"] = "high"
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(report))
    del broken["suppressed"][0]["reason"]
    assert not validator.is_valid(broken)


def test_docs_embed_the_same_schema():
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- report-schema -->\s*```json\n(.*?)```", text, re.S)
    assert len(blocks) == 1, "docs/report-format.md must embed the schema once, after <!-- report-schema -->"
    assert json.loads(blocks[0]) == REPORT_SCHEMA


def test_docs_example_report_validates():
    text = DOC.read_text(encoding="utf-8")
    examples = [json.loads(b) for b in re.findall(r"```json\n(.*?)```", text, re.S)]
    reports = [e for e in examples if "diagnostics" in e and "$schema" not in e]
    assert len(reports) == 1
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(reports[0])


def test_docs_list_every_format_and_exit_code():
    text = DOC.read_text(encoding="utf-8")
    for word in ("--format text", "--format json", "--format github", "--format sarif", "`0`", "`1`", "`2`"):
        assert word in text, word


# --- text ---------------------------------------------------------------------------------------

def test_text_lines(mixed):
    proc = render(mixed, "text")
    lines = proc.stdout.splitlines()
    report, _ = check_json(mixed)
    diag_lines = [m for m in map(TEXT_LINE.match, lines) if m]
    assert len(diag_lines) == len(report["diagnostics"])
    for m, d in zip(diag_lines, report["diagnostics"]):
        assert (m["path"], int(m["line"]), int(m["col"]), m["code"], m["rule"], m["level"], m["message"]) == \
               (d["path"], d["line"], d["column"], d["code"], d["rule"], d["level"], d["message"])
    others = [line for line in lines if not TEXT_LINE.match(line)]
    assert any(TEXT_FRAME.match(line) for line in others)      # the offending line under its diagnostic
    assert all(line.startswith(("    hint: ", "    see: ")) or TEXT_FRAME.match(line) or TEXT_SUPPRESSED.match(line) or TEXT_SUMMARY.match(line)
               for line in others), others
    assert sum(bool(TEXT_SUPPRESSED.match(line)) for line in lines) == 1
    assert TEXT_SUMMARY.match(lines[-1])
    assert "\x1b[" not in proc.stdout                         # no colour when not a terminal


# --- GitHub workflow commands -------------------------------------------------------------------

def test_github_lines_are_workflow_commands(mixed):
    proc = render(mixed, "github")
    lines = proc.stdout.splitlines()
    report, _ = check_json(mixed)
    assert len(lines) == len(report["diagnostics"])
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    order = ["error", "warning", "info"]                          # errors first, then by path and line
    ranked = sorted(report["diagnostics"], key=lambda d: (order.index(d["level"]), d["path"], d["line"], d["column"]))
    for line, d in zip(lines, ranked):
        m = GITHUB_LINE.match(line)
        assert m, line
        assert m["kind"] == kinds[d["level"]]
        assert m["file"].replace("%2C", ",").replace("%3A", ":").replace("%25", "%") == d["path"]
        assert (int(m["line"]), int(m["col"])) == (d["line"], d["column"])
        body = m["body"].replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
        assert body.startswith(d["message"])
    assert any("%2C" in line for line in lines)                # the comma in odd,name.bib is escaped
    assert TEXT_SUMMARY.match(proc.stderr.strip().splitlines()[-1])


def test_github_is_the_default_under_actions(mixed):
    proc = run_cli(["check", "--root", str(mixed), "--no-cache"], env={"GITHUB_ACTIONS": "true"})
    assert proc.stdout.startswith("::")


# --- SARIF --------------------------------------------------------------------------------------

def test_sarif_validates(mixed):
    proc = render(mixed, "sarif")
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in all_rules()]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    report, _ = check_json(mixed)
    plain = [r for r in run["results"] if "suppressions" not in r]
    assert len(plain) == len(report["diagnostics"])
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [(r["ruleId"], r["suppressions"][0]["kind"], r["suppressions"][0]["justification"])
            for r in suppressed] == [("F003", "inSource", "2020 is a year, not a result: 100% sure")]
    assert any(r.get("relatedLocations") for r in plain)
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"] for loc in r["locations"] + r.get("relatedLocations", [])]
    assert all(re.fullmatch(r"[A-Za-z0-9/._~,;@!$&'()*+=%-]+", uri) for uri in uris), uris
    assert "references/with%20space.bib" in uris
    from urllib.parse import unquote
    assert {unquote(u) for u in uris} >= {d["path"] for d in report["diagnostics"]}


def test_sarif_schema_catches_a_broken_log(mixed):
    log = json.loads(render(mixed, "sarif").stdout)
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA)
    log["runs"][0]["results"][0]["level"] = "info"            # SARIF says "note"
    assert not validator.is_valid(log)


# --- exit codes ---------------------------------------------------------------------------------

def test_exit_0_without_errors(tmp_path):
    root = make_base(tmp_path)
    write(root, "references/more.bib", "@misc{noid2019, title = {No identifier}, year = {2019}}\n")  # a warning
    proc = render(root, "text")
    assert proc.returncode == 0, proc.stdout
    assert "R009" in proc.stdout


def test_exit_1_with_errors(mixed):
    assert render(mixed, "text").returncode == 1


def test_exit_1_with_warnings_when_strict(tmp_path):
    root = make_base(tmp_path)
    write(root, "references/more.bib", "@misc{noid2019, title = {No identifier}, year = {2019}}\n")
    assert render(root, "text", "--strict").returncode == 1
    write(root, "evkb.toml", "strict = true\n")
    assert render(root, "text").returncode == 1
    write(root, "evkb.toml", "strict = false\n")
    assert render(root, "text").returncode == 0


def test_exit_1_not_for_infos_even_when_strict(tmp_path):
    root = make_base(tmp_path)
    write(root, "references/more.bib", "@misc{spare2019, title = {Spare}, year = {2019}, url = {https://x.org}}\n")
    proc = render(root, "json", "--strict")
    assert {d["level"] for d in json.loads(proc.stdout)["diagnostics"]} == {"info"}
    assert proc.returncode == 0


def test_exit_2_for_an_unknown_rule_in_the_config(tmp_path):
    root = make_base(tmp_path)
    write(root, "evkb.toml", 'ignore = ["no-such-rule"]\n')
    proc = render(root, "text")
    assert proc.returncode == 2
    assert "no-such-rule" in proc.stderr and proc.stdout == ""


def test_exit_2_for_a_bad_root(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for root in (empty, tmp_path / "missing"):
        proc = render(root, "text")
        assert proc.returncode == 2
        assert "--root" in proc.stderr
    a_file = write(tmp_path, "file.txt", "x")
    assert render(a_file, "text").returncode == 2


def test_output_file(mixed, tmp_path):
    out = tmp_path / "report.json"
    proc = run_cli(["check", "--root", str(mixed), "--no-cache", "--format", "json", "--output", str(out)])
    assert proc.returncode == 1 and proc.stdout == ""
    jsonschema.Draft202012Validator(REPORT_SCHEMA).validate(json.loads(out.read_text(encoding="utf-8")))
