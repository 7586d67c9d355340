"""`evkb new claim|finding|reference`: well-formed records, never an overwrite, stable keys."""
from __future__ import annotations

import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from evkb.cli.app import main
from evkb.contrib import ContribError
from evkb.contrib.bibkey import base_key, family_of, first_word, unique_key
from evkb.contrib.bibfile import plan_filing
from evkb.contrib.schemaref import PREFIX, schema_comment
from evkb.model.schema import schema_for

BASE = Path(__file__).parent / "data" / "contrib-base"


@pytest.fixture
def base(tmp_path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(BASE, root)
    return root


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


class _NoDates(yaml.SafeLoader):
    """YAML as yaml-language-server reads it: dates stay strings."""


_NoDates.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def as_editor_sees(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDates)


def test_new_claim_writes_a_schema_valid_record_with_the_schema_comment(base):
    result = run("new", "claim", "--root", base, "energy/more-energy")
    assert result.exit_code == 0, result.output
    path = base / "claims" / "energy" / "more-energy.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == PREFIX + "../../docs/schemas/claim.schema.json"
    jsonschema.validate(as_editor_sees(path), schema_for("claim"))
    assert "created claims/energy/more-energy.yaml" in result.output
    assert "next:" in result.output and "population" in result.output


def test_new_finding_is_schema_valid_and_names_its_reference(base):
    result = run("new", "finding", "--root", base, "roos2012new", "--design", "rct")
    assert result.exit_code == 0, result.output
    path = base / "references" / "findings" / "roos2012new.yaml"
    data = as_editor_sees(path)
    jsonschema.validate(data, schema_for("findings"))
    assert data["ref"] == "roos2012new" and data["design"] == "rct"
    assert path.read_text().startswith(PREFIX + "../../docs/schemas/findings.schema.json\n")


def test_unfilled_placeholders_are_flagged_by_the_check(base):
    run("new", "claim", "--root", base, "energy/more-energy")
    result = run("check", "--root", base, "--no-cache")
    assert result.exit_code == 1
    assert "claims/energy/more-energy.yaml:" in result.output and "'TODO'" in result.output


def test_never_overwrites(base):
    path = base / "claims" / "knee" / "knee-stress-reduced-up-to-40pct.yaml"
    before = path.read_bytes()
    result = run("new", "claim", "--root", base, "knee/knee-stress-reduced-up-to-40pct")
    assert result.exit_code == 1 and "already exists" in result.output
    assert path.read_bytes() == before
    other = run("new", "claim", "--root", base, "other/knee-stress-reduced-up-to-40pct")
    assert other.exit_code == 1 and "already exists" in other.output
    again = run("new", "finding", "--root", base, "roos2012pfjcf")
    assert again.exit_code == 1 and "already exists" in again.output


@pytest.mark.parametrize("spec", ["no-topic", "Knee/x", "knee/Bad_Id", "../x/y", "knee/a..b"])
def test_rejects_bad_names(base, spec):
    result = run("new", "claim", "--root", base, spec)
    assert result.exit_code == 1 and result.output.startswith("error:")
    assert not list((base / "claims").rglob("*.yaml"))[1:]


def test_schema_comment_is_relative_to_the_record(tmp_path):
    assert schema_comment(tmp_path, tmp_path / "claims" / "a" / "b" / "c.yaml", "claim").endswith(
        "=../../../docs/schemas/claim.schema.json")


@pytest.mark.parametrize("person, year, title, key", [
    ("Roos, Paulien E.", "2012", "Patellofemoral joint compression forces in backward running", "roos2012patellofemoral"),
    ("van Deursen, Robert", "2012", "The effect of backward walking", "deursen2012effect"),
    (r"M{\"u}ller, J{\"o}rg", "2019", "On {\\'E}tude of gait", "muller2019etude"),
    ("Åström, Karl", "n.d.", "A 12-week study of walking", "astromndweek"),
])
def test_stable_key(person, year, title, key):
    assert base_key(family_of(person), year, title) == key


def test_key_collisions_take_a_b_suffixes():
    assert unique_key("roos2012x", set()) == "roos2012x"
    assert unique_key("roos2012x", {"roos2012x"}) == "roos2012xa"
    assert unique_key("roos2012x", {"roos2012x", "roos2012xa"}) == "roos2012xb"
    assert first_word("The: a of") == "untitled"


ENTRY = """@article{whatever,
  author  = {Roos, Paulien and Other, Anna},
  title   = {Patellofemoral loads in retro running},
  journal = {Gait \\& Posture},
  year    = {2012},
}
"""


def test_new_reference_from_stdin_files_it_under_a_stable_key(base):
    result = CliRunner().invoke(main, ["new", "reference", "--root", str(base)], input=ENTRY)
    assert result.exit_code == 0, result.output
    assert "filed roos2012patellofemoral (was whatever) in references/base.bib" in result.output
    assert "evkb new finding roos2012patellofemoral" in result.output
    text = (base / "references" / "base.bib").read_text()
    assert "@article{roos2012pfjcf," in text and "@article{roos2012patellofemoral," in text
    again = CliRunner().invoke(main, ["new", "reference", "--root", str(base)], input=ENTRY)
    assert "filed roos2012patellofemorala" in again.output
    assert run("check", "--root", base, "--no-cache").exit_code == 0


def test_new_reference_from_a_file_into_a_chosen_bib(base, tmp_path):
    (tmp_path / "e.bib").write_text(ENTRY)
    result = run("new", "reference", "--root", base, tmp_path / "e.bib", "--bib", base / "references" / "new.bib",
                 "--keep-key")
    assert result.exit_code == 0, result.output
    assert (base / "references" / "new.bib").read_text().startswith("@article{whatever,")


def test_new_reference_refuses_a_known_doi_and_bad_bibtex(base):
    before = (base / "references" / "base.bib").read_bytes()
    dup = "@article{x, author={A, B}, title={T}, year={2000}, doi={10.1016/J.JBIOMECH.2012.03.019}}"
    result = CliRunner().invoke(main, ["new", "reference", "--root", str(base)], input=dup)
    assert result.exit_code == 1 and "already in the base as 'roos2012pfjcf'" in result.output
    broken = CliRunner().invoke(main, ["new", "reference", "--root", str(base)], input="@article{x, title={T}")
    assert broken.exit_code == 1 and "does not parse" in broken.output
    empty = CliRunner().invoke(main, ["new", "reference", "--root", str(base)], input="nothing here")
    assert empty.exit_code == 1 and "no BibTeX entry" in empty.output
    assert (base / "references" / "base.bib").read_bytes() == before


def test_new_reference_may_use_macros_defined_in_the_base(base):
    (base / "references" / "strings.bib").write_text("@string{GP = {Gait and Posture}}\n")
    filing = plan_filing(base, "@article{k, author={Lee, A}, title={Gait}, journal=GP, year={2001}}")
    assert filing.keys == [("k", "lee2001gait")] and filing.entries[0].get("journal") == "Gait and Posture"


def test_schema_comments_command_lists_and_fixes(base):
    path = base / "claims" / "knee" / "knee-stress-reduced-up-to-40pct.yaml"
    path.write_text("\n".join(path.read_text().splitlines()[1:]) + "\n")
    listed = run("schema-comments", "--root", base)
    assert listed.exit_code == 1 and "claims/knee/knee-stress-reduced-up-to-40pct.yaml" in listed.output
    assert run("schema-comments", "--root", base, "--write").exit_code == 0
    assert path.read_text().startswith(PREFIX) and run("schema-comments", "--root", base).exit_code == 0
    assert run("check", "--root", base, "--no-cache").exit_code == 0


def test_contrib_error_is_an_exception():
    with pytest.raises(ContribError):
        plan_filing(BASE, "")
