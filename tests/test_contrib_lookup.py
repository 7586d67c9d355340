"""`evkb add` and `evkb verify-references` on response fixtures: never the network."""
from __future__ import annotations

import datetime
import http.server
import json
import shutil
import threading
import time
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from evkb.cli.app import main
from evkb.contrib import ContribError
from evkb.contrib.identifiers import Identifier, parse
from evkb.contrib.lookup import apply_add, plan_add
from evkb.contrib.metadata import expand_pages
from evkb.contrib.services import url_for
from evkb.contrib.transport import LookupFailure, file_transport, http_get

DATA = Path(__file__).parent / "data"
FIXTURES = DATA / "lookup-fixtures"
NOW = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.timezone.utc)
SCHEMAS = {"crossref": "crossref-work.schema.json", "pubmed": "pubmed-esummary.schema.json"}


@pytest.fixture
def base(tmp_path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(DATA / "contrib-base", root)
    return root


def snapshot(root: Path) -> dict:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# -- the fixtures themselves ---------------------------------------------------------------------

@pytest.mark.parametrize("service", sorted(SCHEMAS))
def test_fixtures_are_labelled_synthetic_and_valid_in_their_documented_format(service):
    schema = json.loads((FIXTURES / "schemas" / SCHEMAS[service]).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    files = sorted((FIXTURES / service).glob("*.json"))
    assert files
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data.get("_synthetic") is True, f"{path.name} must say it is synthetic"
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
        assert path.name in (FIXTURES / "README.md").read_text()


def test_identifier_parsing():
    assert parse("doi:10.1016/J.Jbiomech.2012.03.019") == Identifier("doi", "10.1016/j.jbiomech.2012.03.019")
    assert parse("https://doi.org/10.1234/x") == Identifier("doi", "10.1234/x")
    assert parse("10.1234/x").scheme == "doi" and parse("pmid:123").value == "123"
    for bad in ("pmid:PMC123", "isbn:123", "doi:11.1234/x", "10.1/x"):
        with pytest.raises(ContribError):
            parse(bad)
    assert url_for(parse("pmid:1")).endswith("db=pubmed&retmode=json&id=1")
    assert url_for(parse("doi:10.1234/a(b)<c>")) == "https://api.crossref.org/works/10.1234/a(b)%3Cc%3E"
    assert expand_pages("1656-60") == "1656--1660" and expand_pages("e123") == "e123"


# -- evkb add --------------------------------------------------------------------------------------

def test_add_files_entries_with_stable_keys_and_records_the_lock(base):
    plan = plan_add(base, ["pmid:99999901", "doi:10.5555/synthetic.0002"], file_transport(FIXTURES), now=NOW)
    apply_add(base, plan)
    assert plan.added == [("pmid:99999901", "doe2020backward"), ("doi:10.5555/synthetic.0002", "jones2019energy")]
    bib = (base / "references" / "base.bib").read_text()
    assert "@article{doe2020backward," in bib and "pages   = {101--109}," in bib and "pmid    = {99999901}," in bib
    lock = json.loads((base / "references" / "lookup.lock.json").read_text())
    assert set(lock) == {"pmid:99999901", "doi:10.5555/synthetic.0002"}
    entry = lock["doi:10.5555/synthetic.0002"]
    assert entry["service"] == "crossref" and entry["fetched"] == "2026-11-22T12:00:00+00:00"
    assert entry["response"] == json.loads((FIXTURES / "crossref" / "10.5555_synthetic.0002.json").read_text())
    assert run("check", "--root", base, "--no-cache").exit_code == 0


def test_add_command_prints_what_to_do_next(base):
    result = run("add", "--root", base, "--responses", FIXTURES, "doi:10.1016/j.jbiomech.2012.03.019")
    assert result.exit_code == 1 and "already in the base as 'roos2012pfjcf'" in result.output
    result = run("add", "--root", base, "--responses", FIXTURES, "pmid:99999901")
    assert result.exit_code == 0, result.output
    assert "filed doe2020backward (pmid:99999901) in references/base.bib" in result.output
    assert "evkb new finding doe2020backward" in result.output


@pytest.mark.parametrize("ident, message", [("pmid:99999902", "no record for pmid:99999902"),
                                            ("doi:10.5555/missing", "not found (HTTP 404)")])
def test_add_unknown_identifier_changes_nothing(base, ident, message):
    before = snapshot(base)
    result = run("add", "--root", base, "--responses", FIXTURES, "pmid:99999901", ident)
    assert result.exit_code == 1 and message in result.output and "no file was changed" in result.output
    assert snapshot(base) == before


class _Service(http.server.BaseHTTPRequestHandler):
    """A local stand-in for a failing service (loopback only)."""

    def do_GET(self):  # noqa: N802
        if "slow" in self.path:
            time.sleep(1.0)
        code = {"rate": 429, "down": 503}.get(self.path.strip("/").split("/")[-1], 200)
        self.send_response(code)
        if code == 429:
            self.send_header("Retry-After", "30")
        self.end_headers()
        self.wfile.write(b"{}" if code == 200 else b"error")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_service():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Service)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("suffix, message", [("rate", "rate limited (HTTP 429); try again after 30 s"),
                                             ("down", "the service failed (HTTP 503)"),
                                             ("slow", "no answer within 0.2 s")])
def test_network_failures_give_a_clear_message_and_change_no_file(base, local_service, suffix, message):
    def transport(url, timeout=None):   # the real urllib code, aimed at the local stand-in
        return http_get(f"{local_service}/{suffix}", timeout=0.2)
    before = snapshot(base)
    with pytest.raises(LookupFailure, match=message.replace("(", r"\(").replace(")", r"\)")):
        plan_add(base, ["doi:10.5555/synthetic.0002"], transport)
    assert snapshot(base) == before


def test_unreachable_host_is_a_clear_failure():
    with pytest.raises(LookupFailure, match="cannot connect"):
        http_get("http://127.0.0.1:9/", timeout=0.5)


def test_a_non_json_answer_is_refused(base):
    with pytest.raises(LookupFailure, match="not JSON"):
        plan_add(base, ["doi:10.5555/synthetic.0002"], lambda url, timeout=None: b"<html>")


# -- evkb verify-references ------------------------------------------------------------------------

MISATTRIBUTED = """
@article{smith2015energy,
  author  = {Smith, Jamie and Jones, Alex},
  title   = {The energy cost of backward walking},
  journal = {Gait \\& Posture},
  year    = {2015},
  doi     = {10.5555/synthetic.0002},
}
"""


def test_verify_flags_a_misattributed_entry_online_and_then_from_the_lock(base):
    with (base / "references" / "base.bib").open("a") as handle:
        handle.write(MISATTRIBUTED)
    online = run("verify-references", "--root", base, "--online", "--responses", FIXTURES, "--update-lock")
    assert online.exit_code == 1
    lines = online.output.splitlines()
    assert "references/base.bib:17: error: smith2015energy: year 2015, but doi:10.5555/synthetic.0002 (crossref) gives 2019" in lines
    assert any(":14: error: smith2015energy: first author 'Smith'" in line and "'Jones'" in line for line in lines)
    assert any(":16: error: smith2015energy: journal 'Gait & Posture'" in line for line in lines)
    assert any(":15: warning: smith2015energy: title differs" in line for line in lines)
    assert not any("roos2012pfjcf" in line for line in lines)          # the correct entry passes
    assert lines[-1] == "2 identifiers checked: 3 errors, 1 warnings, 0 unverified"
    offline = run("verify-references", "--root", base, "--format", "json")
    assert offline.exit_code == 1
    payload = json.loads(offline.output)
    assert {m["field"] for m in payload["mismatches"]} == {"year", "author", "journal", "title"}
    github = run("verify-references", "--root", base, "--format", "github")
    assert "::error file=references/base.bib,line=17,title=reference year mismatch::" in github.output


def test_verify_without_lock_reports_unverified_and_passes(base):
    result = run("verify-references", "--root", base)
    assert result.exit_code == 0
    assert "unverified: roos2012pfjcf: doi:10.1016/j.jbiomech.2012.03.019 not in the lock file" in result.output


def test_verify_accepts_abbreviations_particles_and_off_by_one_years(base):
    bib = base / "references" / "base.bib"
    bib.write_text(bib.read_text().replace("{Journal of Biomechanics}", "{J Biomech}").replace("{2012}", "{2011}"))
    result = run("verify-references", "--root", base, "--online", "--responses", FIXTURES)
    assert "warning: roos2012pfjcf: year 2011, but doi:10.1016/j.jbiomech.2012.03.019 (crossref) gives 2012 " \
           "(online and print years can differ by one)" in result.output
    assert "journal" not in result.output and "author" not in result.output
    assert result.exit_code == 0
    assert run("verify-references", "--root", base, "--online", "--responses", FIXTURES, "--strict").exit_code == 1


def test_verify_online_failure_exits_2_and_keeps_the_lock(base, local_service):
    (base / "references" / "lookup.lock.json").write_text("{}\n")
    from evkb.contrib.verify import verify
    with pytest.raises(LookupFailure):
        verify(base, {}, lambda url, timeout=None: http_get(f"{local_service}/rate", 0.5))
    assert (base / "references" / "lookup.lock.json").read_text() == "{}\n"
    assert run("verify-references", "--root", base, "--update-lock").exit_code == 2
