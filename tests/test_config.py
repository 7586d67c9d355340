"""Configuration (select, ignore, levels, options, per-file-ignores) and suppressions in records."""
from __future__ import annotations

import json

import pytest

from evkb_testlib import RULES, check, check_json, make_base, positions, run_cli, write
from evkb.engine.config import Config, ConfigError, load_config, parse_config

# One base that produces diagnostics of several rules and levels:
#   F003 error (unsourced 8), F005 warning (up to 40 vs 25), R009 warning + R008/R010 info (bib)
NOISY_CLAIM = """\
id: noisy
kind: circulating
statement: Backward walking lowers knee load by up to 40% after 8 weeks.
reviewed: 2026-01-20
population: adults
activity: walking
figures:
  - {measure: knee-load, comparison: backward-vs-forward, direction: lower, value: {up_to: 40}, unit: percent}
sources:
  - {ref: smith2020knee, findings: [knee-peak], stance: supports}
"""
NOISY_BIB = "@misc{noid2019, title = {No identifier, no author}}\n"


@pytest.fixture
def noisy(tmp_path):
    root = make_base(tmp_path)
    write(root, "claims/knee/noisy.yaml", NOISY_CLAIM)
    write(root, "claims/drafts/noisy-draft.yaml", NOISY_CLAIM.replace("id: noisy", "id: noisy-draft"))
    write(root, "references/more.bib", NOISY_BIB)
    return root


def codes(result) -> set[str]:
    return {d.code for d in result.diagnostics}


def test_default_runs_everything(noisy):
    assert codes(check(noisy)) == {"F003", "F005", "R008", "R009", "R010"}


@pytest.mark.parametrize("select,expected", [
    (["R"], {"R008", "R009", "R010"}),                         # a one-letter prefix
    (["R00"], {"R008", "R009"}),                               # a longer prefix
    (["F003", "missing-identifier"], {"F003", "R009"}),        # a code and a name
    (["ALL"], {"F003", "F005", "R008", "R009", "R010"}),
])
def test_select(noisy, select, expected):
    assert codes(check(noisy, Config(select=select))) == expected


@pytest.mark.parametrize("ignore,gone", [
    (["R"], {"R008", "R009", "R010"}),
    (["F005", "unused-reference"], {"F005", "R008"}),
    (["R01"], {"R010"}),
])
def test_ignore(noisy, ignore, gone):
    everything = codes(check(noisy))
    assert codes(check(noisy, Config(ignore=ignore))) == everything - gone


def test_ignore_wins_over_select(noisy):
    assert codes(check(noisy, Config(select=["R"], ignore=["R009"]))) == {"R008", "R010"}


def test_levels_override_by_code_and_name(noisy):
    result = check(noisy, Config(levels={"R009": "error", "figure-mismatch": "info"}))
    levels = {d.code: d.level for d in result.diagnostics}
    assert levels["R009"] == "error" and levels["F005"] == "info"
    assert levels["F003"] == "error" and levels["R008"] == "info"         # untouched


def test_kind_dependent_default_level(noisy):
    """figure-mismatch is a warning on circulating claims and an error on assertions."""
    write(noisy, "claims/knee/noisy.yaml", NOISY_CLAIM.replace("kind: circulating", "kind: assertion"))
    levels = {d.path: d.level for d in check(noisy).diagnostics if d.code == "F005"}
    assert levels == {"claims/knee/noisy.yaml": "error", "claims/drafts/noisy-draft.yaml": "warning"}


def test_per_file_ignores(noisy):
    cfg = Config(per_file_ignores={"claims/drafts/*": ["F003", "figure-mismatch"], "references/*.bib": ["R"]})
    got = {(d.path, d.code) for d in check(noisy, cfg).diagnostics}
    assert ("claims/knee/noisy.yaml", "F003") in got and ("claims/knee/noisy.yaml", "F005") in got
    assert not any(path.startswith("claims/drafts/") for path, code in got if code in ("F003", "F005"))
    assert not any(code.startswith("R") for _, code in got)


def test_figure_mismatch_tolerance_option(noisy):
    """40 against 25 found is a ratio of 1.6: flagged at 0.10, accepted at 0.70."""
    strict = check(noisy)
    loose = check(noisy, parse_config({"options": {"figure-mismatch": {"tolerance": 0.7}}}, "test"))
    assert "F005" in codes(strict) and "F005" not in codes(loose)
    assert strict.assessments["noisy"].verdict == "partly-supported"
    assert loose.assessments["noisy"].verdict == "supported"      # the option reaches the verdict too


def test_options_by_rule_code(noisy):
    cfg = parse_config({"options": {"F005": {"tolerance": 0.7}}}, "test")
    assert cfg.options == {"figure-mismatch": {"tolerance": 0.7}}
    assert "F005" not in codes(check(noisy, cfg))


def test_config_files_are_found(noisy):
    write(noisy, "pyproject.toml", '[project]\nname = "x"\n\n[tool.evkb]\nignore = ["R"]\n')
    assert load_config(noisy).ignore == ["R"]
    write(noisy, "evkb.toml", 'ignore = ["F"]\n')                     # evkb.toml takes precedence
    assert load_config(noisy).ignore == ["F"]
    other = write(noisy, "ci.toml", 'select = ["R009"]\n')
    assert load_config(noisy, other).select == ["R009"]
    report, proc = check_json(noisy, "--config", str(other))
    assert {d["code"] for d in report["diagnostics"]} == {"R009"} and proc.returncode == 0


def test_pyproject_without_evkb_table_means_defaults(tmp_path):
    root = make_base(tmp_path)
    write(root, "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(root) == Config(source="defaults")


# --- configuration errors: exit 2 with a clear message ----------------------------------------------

@pytest.mark.parametrize("toml,words", [
    ('select = ["F999"]\n', ["unknown rule", "F999"]),
    ('ignore = ["figure-mismach"]\n', ["unknown rule", "figure-mismach"]),
    ('[levels]\nR009 = "fatal"\n', ["level", "R009", "fatal", "error, warning, info"]),
    ('[levels]\nno-such-rule = "error"\n', ["unknown rule", "no-such-rule"]),
    ('[options.figure-mismatch]\ntolerence = 0.2\n', ["no option", "tolerence", "tolerance"]),
    ('[options.no-such-rule]\ntolerance = 0.2\n', ["unknown rule", "no-such-rule"]),
    ('[per-file-ignores]\n"claims/*" = ["Z1"]\n', ["unknown rule", "Z1"]),
    ('selcet = ["ALL"]\n', ["unknown setting", "selcet"]),
    ('select = "ALL"\n', ["select", "list"]),
    ('[options]\nfigure-mismatch = 0.2\n', ["figure-mismatch", "table"]),
    ('[options.figure-mismatch]\ntolerance = "ten percent"\n', ["tolerance", "number"]),
    ('[per-file-ignores]\n"claims/*" = "F003"\n', ["claims/*", "list"]),
    ('strict = "yes"\n', ["strict", "true or false"]),
    ('select = [\n', ["evkb.toml"]),                               # not TOML at all
])
def test_bad_configuration_exits_2(tmp_path, toml, words):
    root = make_base(tmp_path)
    write(root, "evkb.toml", toml)
    proc = run_cli(["check", "--root", str(root), "--no-cache"])
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    for word in words:
        assert word in proc.stderr, (word, proc.stderr)
    with pytest.raises(ConfigError):
        load_config(root)


def test_missing_explicit_config_exits_2(tmp_path):
    root = make_base(tmp_path)
    proc = run_cli(["check", "--root", str(root), "--config", str(tmp_path / "nope.toml")])
    assert proc.returncode == 2 and "nope.toml" in proc.stderr


# --- suppressions --------------------------------------------------------------------------------

SUPPRESSING = NOISY_CLAIM + """\
suppress:
  - {rule: figure-mismatch, reason: The article's "up to 40%" is kept as written.}
  - {rule: F003, reason: The 8 weeks are the article's own framing.}
"""


def test_suppression_needs_a_reason(tmp_path):
    root = make_base(tmp_path)
    write(root, "claims/knee/noisy.yaml", NOISY_CLAIM + "suppress:\n  - {rule: figure-mismatch}\n")
    write(root, "claims/knee/noisy2.yaml",
          NOISY_CLAIM.replace("id: noisy", "id: noisy2") + "suppress:\n  - {rule: F003, reason: }\n")
    result = check(root)
    assert ("claims/knee/noisy.yaml", 12, 5, "S002") in positions(result)      # missing reason
    assert ("claims/knee/noisy2.yaml", 12, 26, "S002") in positions(result)    # null reason
    assert result.suppressed == []


def test_suppression_reason_may_not_be_blank(tmp_path):
    root = make_base(tmp_path)
    write(root, "claims/knee/noisy.yaml", NOISY_CLAIM + 'suppress:\n  - {rule: F005, reason: "  "}\n')
    result = check(root)
    assert positions(result, "S002") == [("claims/knee/noisy.yaml", 12, 26, "S002")]
    assert result.suppressed == []


def test_suppressions_by_code_and_name(tmp_path):
    root = make_base(tmp_path)
    write(root, "claims/knee/noisy.yaml", SUPPRESSING)
    result = check(root)
    assert not [d for d in result.diagnostics if d.path == "claims/knee/noisy.yaml"]
    assert sorted((d.code, d.suppressed_by) for d in result.suppressed) == [
        ("F003", "The 8 weeks are the article's own framing."),
        ("F005", 'The article\'s "up to 40%" is kept as written.')]


def test_suppression_never_changes_a_verdict(tmp_path):
    plain = check(make_base(tmp_path / "plain"))
    root_plain = make_base(tmp_path / "a")
    write(root_plain, "claims/knee/noisy.yaml", NOISY_CLAIM)
    root_supp = make_base(tmp_path / "b")
    write(root_supp, "claims/knee/noisy.yaml", SUPPRESSING)
    without, with_ = check(root_plain), check(root_supp)
    assert with_.assessments == without.assessments
    assert with_.assessments["noisy"].verdict == "partly-supported"
    assert with_.assessments["noisy"].mismatches                          # still known, only not reported
    assert with_.assessments["knee-load-lower"] == plain.assessments["knee-load-lower"]
    assert "F005" in codes(without) and "F005" not in codes(with_)


def test_suppression_only_covers_its_own_file(tmp_path):
    """A claim cannot silence a diagnostic about another file (here an unused reference)."""
    root = make_base(tmp_path)
    write(root, "references/more.bib", NOISY_BIB)
    write(root, "claims/knee/knee-load-lower.yaml",
          (RULES / "_base/claims/knee/knee-load-lower.yaml").read_text(encoding="utf-8")
          + "suppress:\n  - {rule: unused-reference, reason: trying to hide a .bib problem}\n")
    result = check(root)
    assert "R008" in codes(result)
    assert ("claims/knee/knee-load-lower.yaml", 24, 12, "X001") in positions(result)


def test_unused_suppression_is_flagged_per_claim(tmp_path):
    root = make_base(tmp_path)
    write(root, "claims/knee/noisy.yaml", SUPPRESSING)
    clean = (RULES / "_base/claims/knee/knee-load-lower.yaml").read_text(encoding="utf-8")
    write(root, "claims/knee/knee-load-lower.yaml",
          clean + "suppress:\n  - {rule: figure-mismatch, reason: nothing to hide here}\n")
    result = check(root)
    assert positions(result, "X001") == [("claims/knee/knee-load-lower.yaml", 24, 12, "X001")]
    assert result.count("warning") == 1


def test_unused_suppression_can_be_ignored(tmp_path):
    root = make_base(tmp_path, RULES / "unused-suppression" / "fail")
    assert "X001" in codes(check(root))
    assert "X001" not in codes(check(root, Config(ignore=["X001"])))


def test_suppressions_are_listed_in_every_format(tmp_path):
    root = make_base(tmp_path)
    write(root, "claims/knee/noisy.yaml", SUPPRESSING)
    base = ["check", "--root", str(root), "--no-cache", "--format"]
    text = run_cli(base + ["text"]).stdout
    assert "claims/knee/noisy.yaml:8:84: F005 [figure-mismatch] suppressed:" in text
    assert "(reason: The 8 weeks are the article's own framing.)" in text
    assert text.rstrip().endswith("2 suppressed")
    report = json.loads(run_cli(base + ["json"]).stdout)
    assert sorted((s["code"], s["line"], s["column"], s["reason"]) for s in report["suppressed"]) == [
        ("F003", 3, 12, "The 8 weeks are the article's own framing."),
        ("F005", 8, 84, 'The article\'s "up to 40%" is kept as written.')]
    assert report["summary"]["suppressed"] == 2 and report["diagnostics"] == []
    sarif = json.loads(run_cli(base + ["sarif"]).stdout)
    justified = sorted((r["ruleId"], r["suppressions"][0]["justification"])
                       for r in sarif["runs"][0]["results"] if r.get("suppressions"))
    assert justified == [("F003", "The 8 weeks are the article's own framing."),
                         ("F005", 'The article\'s "up to 40%" is kept as written.')]


def test_suppressed_errors_do_not_fail_the_check(tmp_path):
    root = make_base(tmp_path)
    write(root, "claims/knee/noisy.yaml", SUPPRESSING.replace("kind: circulating", "kind: assertion"))
    proc = run_cli(["check", "--root", str(root), "--no-cache", "--strict"])
    assert proc.returncode == 0, proc.stdout
