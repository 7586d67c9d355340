"""`evkb lsp`: a real `python -m evkb lsp` subprocess driven over stdio by pygls' own client.

Nothing is mocked: the server loads a copy of the test base, the engine checks it, and the
client sees what an editor would. Buffers are changed without saving, and the files on
disk are checked to be untouched. No test measures time (the latency is in `make bench`).
"""
from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from lsprotocol import types

from evkb_testlib import make_base, write

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts" / "bench"))
from lspclient import Editor  # noqa: E402  (shared with the benchmark)

CLAIM = "claims/knee/knee-load-lower.yaml"
FINDINGS = "references/findings/smith2020knee.yaml"
BIB = "references/base.bib"


def run(scenario):
    return asyncio.run(scenario())


def test_a_dangling_ref_is_marked_and_cleared_as_the_buffer_is_fixed(tmp_path):
    root = make_base(tmp_path)
    good = (root / CLAIM).read_text(encoding="utf-8")
    bad = good.replace("- ref: smith2020knee", "- ref: smith2021knee")
    write(root, CLAIM, bad)

    async def scenario():
        async with Editor(root, tmp_path / "cache") as ed:
            await ed.open(CLAIM)
            diags = await ed.diagnostics(CLAIM)
            dangling = [d for d in diags if d.code == "R005"]
            assert len(dangling) == 1, diags
            start = ed.position(bad, "smith2021knee")
            assert dangling[0].range == types.Range(start=start, end=types.Position(
                line=start.line, character=start.character + len("smith2021knee")))
            assert dangling[0].severity == types.DiagnosticSeverity.Error
            assert "unknown reference 'smith2021knee'" in dangling[0].message
            assert "did you mean 'smith2020knee'" in dangling[0].message
            await ed.change(CLAIM, good)                      # fixed in the buffer, not saved
            assert [d for d in await ed.diagnostics(CLAIM) if d.code == "R005"] == []
            await ed.change(CLAIM, bad.replace("stance: supports", "stance: supports\n  bad: [", 1))
            syntax = await ed.diagnostics(CLAIM)
            assert [d.code for d in syntax] == ["S001"], syntax   # half-typed YAML: one located error
            await ed.change(CLAIM, good)
            assert await ed.diagnostics(CLAIM) == []
            await ed.close(CLAIM)                              # unsaved work dropped: the file counts again
            reopened = await ed.wait(CLAIM, lambda v, d: v is None and any(x.code == "R005" for x in d))
            assert len(reopened) == 1
    run(scenario)
    assert (root / CLAIM).read_text(encoding="utf-8") == bad   # the server never writes a record


def test_editing_a_finding_id_marks_the_claim_citing_it_though_it_is_not_open(tmp_path):
    root = make_base(tmp_path)
    findings = (root / FINDINGS).read_text(encoding="utf-8")
    bib = (root / BIB).read_text(encoding="utf-8")

    async def scenario():
        async with Editor(root, tmp_path / "cache") as ed:
            await ed.open(FINDINGS)
            assert await ed.diagnostics(FINDINGS) == []
            await ed.change(FINDINGS, findings.replace("- id: knee-peak", "- id: knee-top"))
            await ed.diagnostics(FINDINGS)
            claim = await ed.wait(CLAIM, lambda v, d: any(x.code == "R007" for x in d))
            unknown = next(d for d in claim if d.code == "R007")
            assert "no finding 'knee-peak'" in unknown.message
            await ed.change(FINDINGS, findings)
            await ed.diagnostics(FINDINGS)
            assert await ed.wait(CLAIM, lambda v, d: not any(x.code == "R007" for x in d)) == []
            await ed.open(BIB)                                   # a .bib buffer counts too
            await ed.change(BIB, bib.replace("@article{smith2020knee,", "@article{smith2020knees,"))
            await ed.diagnostics(BIB)
            claim = await ed.wait(CLAIM, lambda v, d: any(x.code == "R005" for x in d))
            assert any("smith2020knee" in d.message for d in claim if d.code == "R005")
    run(scenario)
    assert (root / FINDINGS).read_text(encoding="utf-8") == findings


def test_files_written_outside_the_editor_count_once_reported(tmp_path):
    root = make_base(tmp_path)
    text = (root / CLAIM).read_text(encoding="utf-8")
    findings = (root / FINDINGS).read_text(encoding="utf-8")
    new = "claims/knee/new-claim.yaml"
    changed = types.FileChangeType

    async def scenario():
        async with Editor(root, tmp_path / "cache") as ed:
            await ed.open(CLAIM)
            assert await ed.diagnostics(CLAIM) == []
            write(root, new, text.replace("id: knee-load-lower", "id: new-claim").replace("ref: smith2020knee", "ref: nobody"))
            await ed.files_changed((new, changed.Created))
            created = await ed.wait(new, lambda v, d: bool(d))
            assert [d.code for d in created if d.code == "R005"] == ["R005"]
            write(root, FINDINGS, findings.replace("- id: knee-peak", "- id: knee-top"))
            await ed.files_changed((FINDINGS, changed.Changed))
            assert any(d.code == "R007" for d in await ed.wait(CLAIM, lambda v, d: bool(d)))
            write(root, FINDINGS, findings)
            await ed.saved(FINDINGS)                        # a save of a file not open is read again too
            assert await ed.wait(CLAIM, lambda v, d: not d) == []
            (root / new).unlink()
            await ed.files_changed((new, changed.Deleted))
            assert await ed.wait(new, lambda v, d: not d) == []
    run(scenario)


def test_hover_definition_and_completion(tmp_path):
    root = make_base(tmp_path)
    text = (root / CLAIM).read_text(encoding="utf-8")
    findings = (root / FINDINGS).read_text(encoding="utf-8")

    async def scenario():
        async with Editor(root, tmp_path / "cache") as ed:
            await ed.open(CLAIM)
            await ed.diagnostics(CLAIM)
            ref_at = ed.position(text, "ref: smith2020knee", len("ref: smi"))
            found = await ed.hover(CLAIM, ref_at)
            assert "Knee load in backward and forward walking" in found.contents.value
            assert "Smith, Anna; Müller, Jörg (2020)" in found.contents.value
            finding_at = ed.position(text, "[knee-peak]", 3)
            found = await ed.hover(CLAIM, finding_at)
            assert "measure: knee-load" in found.contents.value
            assert "forward 4 (sd 1) n=120; backward 3 (sd 1) n=120 body-weights" in found.contents.value
            assert await ed.hover(CLAIM, ed.position(text, "statement", 2)) is None

            where = await ed.definition(CLAIM, ref_at)
            assert where.uri == (root / BIB).as_uri() and where.range.start.line == 1   # @article{smith2020knee,
            where = await ed.definition(CLAIM, finding_at)
            assert where.uri == (root / FINDINGS).as_uri()
            assert where.range.start == ed.position(findings, "knee-peak")
            where = await ed.definition(CLAIM, ed.position(text, "population: healthy-adults", 15))
            assert where.uri == (root / "references/vocabulary/populations.yaml").as_uri()

            typing = text.replace("findings: [knee-peak]", "findings: [kn").replace("- ref: smith2020knee", "- ref: sm")
            await ed.change(CLAIM, typing)
            await ed.diagnostics(CLAIM)
            keys = await ed.completion(CLAIM, ed.position(typing, "ref: sm", len("ref: sm")))
            assert [i.label for i in keys.items] == ["smith2020knee"]
            assert keys.items[0].text_edit.range.start == ed.position(typing, "sm")
            ids = await ed.completion(CLAIM, ed.position(typing + "\n", "[kn", 3))
            assert [i.label for i in ids.items] == []          # the source's ref is being typed: no publication yet
            typing = typing.replace("- ref: sm", "- ref: smith2020knee")
            await ed.change(CLAIM, typing)
            await ed.diagnostics(CLAIM)
            ids = await ed.completion(CLAIM, ed.position(typing, "[kn", 3))
            assert [i.label for i in ids.items] == ["knee-peak"]
            terms = await ed.completion(CLAIM, ed.position(typing, "measure: knee-load", len("measure: ")))
            assert "knee-load" in [i.label for i in terms.items]
            media = await ed.completion(CLAIM, ed.position(typing, "media: blog-one", len("media: b")))
            assert [i.label for i in media.items] == ["blog-one"]
    run(scenario)


def test_hover_text_from_a_hostile_record_stays_text(tmp_path):
    root = make_base(tmp_path)
    bib = (root / BIB).read_text(encoding="utf-8")
    write(root, BIB, bib.replace("{Knee load in backward and forward walking}",
                                 "{<img src=x onerror=alert(1)> [click](javascript:alert(1)) *bold*}"))
    text = (root / CLAIM).read_text(encoding="utf-8")

    async def scenario():
        async with Editor(root, tmp_path / "cache") as ed:
            await ed.open(CLAIM)
            await ed.diagnostics(CLAIM)
            found = await ed.hover(CLAIM, ed.position(text, "ref: smith2020knee", 8))
            value = found.contents.value
            assert "\\<img src=x onerror=alert(1)\\>" in value and "<img" not in value.replace("\\<img", "")
            assert "\\[click\\](javascript" in value and "\\*bold\\*" in value
    run(scenario)


def test_the_server_publishes_what_evkb_check_reports(tmp_path):
    """Every diagnostic of `evkb check --format json`, at its position, and nothing else."""
    root = make_base(tmp_path)
    text = (root / CLAIM).read_text(encoding="utf-8")
    write(root, CLAIM, text.replace("- ref: smith2020knee", "- ref: smith2021knee").replace("walking\n", "walkin\n", 1))
    write(root, "claims/knee/broken.yaml", "id: broken\nkind: [\n")
    write(root, "claims/knee/unsourced.yaml", text.replace("id: knee-load-lower", "id: unsourced")
          .split("sources:")[0].replace("measure: knee-load", "measure: knee-loads"))
    write(root, "references/extra.bib", "@article{lonely2021,\n  title = {Alone},\n  year = {2021},\n}\n")
    report = subprocess.run([sys.executable, "-m", "evkb", "check", "--root", str(root), "--format", "json",
                             "--cache-dir", str(tmp_path / "cache")], capture_output=True, text=True)
    expected = sorted((d["path"], d["line"], d["column"], d["code"], d["message"])
                      for d in json.loads(report.stdout)["diagnostics"])
    assert len({e[3] for e in expected}) >= 4, expected

    async def scenario():
        async with Editor(root, tmp_path / "cache") as ed:
            await ed.open(CLAIM)
            await ed.diagnostics(CLAIM)
            await ed.hover(CLAIM, types.Position(line=0, character=0))   # answered after all that check published
            got = sorted((uri[len(root.as_uri()) + 1:], d.range.start.line + 1, d.range.start.character + 1,
                          d.code, d.message.split("\nhint: ")[0])
                         for uri, published in ed.published.items() for d in published[-1][1])
            assert got == expected
    run(scenario)
