"""`make serve` (mkdocs serve --dirty): after a record changes, only the pages whose text
changed are rebuilt, and what is served equals a clean build of the edited base."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import SITE_BASE, build_site  # noqa: E402

REBUILT = re.compile(r"evkb: (\d+) generated pages changed; (\d+) pages rebuilt")
FIRST = re.compile(r"evkb: (\d+) record pages shown first")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base: Path, tmp: Path):
        self.port = _free_port()
        self.log = tmp / "serve.log"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XDG_CACHE_HOME": str(tmp / "xdg")}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}", "-f",
             str(base / "mkdocs.yml")], cwd=base, env=env, stdout=subprocess.DEVNULL,
            stderr=self.log.open("w"))

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def builds(self) -> list[tuple[int, int]]:
        return [(int(a), int(b)) for a, b in REBUILT.findall(self.text())]

    def wait_for_build(self, count: int, timeout: float = 120) -> tuple[int, int]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                pytest.fail("mkdocs serve stopped:\n" + self.text()[-3000:])
            builds = self.builds()
            if len(builds) >= count and "Serving on" in self.text():
                return builds[count - 1]
            time.sleep(0.2)
        pytest.fail(f"no build {count} within {timeout} s:\n" + self.text()[-3000:])

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=30) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, ""

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _article(html: str) -> str:
    m = re.search(r"<article.*?</article>", html, re.S)
    return m.group(0) if m else ""


def _index_docs(text: str) -> list:
    return sorted(json.dumps(d, sort_keys=True) for d in json.loads(text)["docs"])


@pytest.fixture
def served(tmp_path):
    base = tmp_path / "base"
    shutil.copytree(SITE_BASE, base)
    server = Server(base, tmp_path)
    try:
        yield base, server
    finally:
        server.stop()


def test_serve_rebuilds_only_what_changed_and_serves_a_clean_builds_content(served, tmp_path):
    base, server = served
    _, first = server.wait_for_build(1)
    time.sleep(1.5)     # the watcher takes its first look once serving starts: an earlier edit goes unseen
    claim = base / "claims" / "energy" / "burns-more-calories.yaml"
    text = claim.read_text(encoding="utf-8")
    claim.write_text(re.sub(r"(?m)^statement: ", "statement: Zebraword ", text, count=1), encoding="utf-8")
    changed, rebuilt = server.wait_for_build(2)
    shown = [int(n) for n in FIRST.findall(server.text())]     # the record pages shown before the rebuild
    assert len(shown) == 1 and shown[0] >= 1, server.text()[-3000:]
    assert 1 <= shown[0] + changed < 10 and 1 <= rebuilt < first / 2, (shown, changed, rebuilt, first)

    added = base / "claims" / "energy" / "new-claim-for-serve.yaml"
    added.write_text(text.replace("id: burns-more-calories", "id: new-claim-for-serve"), encoding="utf-8")
    server.wait_for_build(3)
    assert server.get("claims/new-claim-for-serve/")[0] == 200
    added.unlink()
    server.wait_for_build(4)
    assert server.get("claims/new-claim-for-serve/")[0] == 404

    clean = tmp_path / "clean"
    config = base / "mkdocs-clean.yml"      # the same site with the served address, as serve sets it
    config.write_text((base / "mkdocs.yml").read_text(encoding="utf-8") +
                      f"\nsite_url: http://127.0.0.1:{server.port}/\n", encoding="utf-8")
    proc = build_site(config, clean, strict=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    status, page = server.get("claims/burns-more-calories/")
    assert status == 200 and "Zebraword" in page
    for html in sorted(clean.rglob("index.html")):
        path = html.parent.relative_to(clean).as_posix()
        status, served_html = server.get("" if path == "." else path + "/")
        assert status == 200, path
        assert _article(served_html) == _article(html.read_text(encoding="utf-8")), path
    status, index = server.get("search/search_index.json")
    assert _index_docs(index) == _index_docs((clean / "search/search_index.json").read_text(encoding="utf-8"))
    for data in sorted((clean / "data").rglob("*.json")):   # downloads too: each record's JSON is reused
        rel = data.relative_to(clean).as_posix()
        status, served_data = server.get(rel)
        assert status == 200 and served_data == data.read_text(encoding="utf-8"), rel
    assert "Zebraword" in server.get("data/evidence.json")[1]


MADE = re.compile(r"evkb: (\d+) of (\d+) record pages made again")


def _articles(server, paths) -> dict:
    return {p: _article(server.get(p)[1]) for p in paths}


def test_edits_to_a_reference_and_a_vocabulary_term_reach_exactly_their_dependents(served, tmp_path):
    base, server = served
    server.wait_for_build(1)
    time.sleep(1.5)     # the watcher's first look
    claim_files = {f"claims/{f.stem}/": f for f in (base / "claims").rglob("*.yaml")}
    record_pages = sorted(claim_files)
    citing = [p for p in record_pages if "alghadir2019retro" in claim_files[p].read_text(encoding="utf-8")]
    others = [p for p in record_pages if p not in citing]
    assert citing and others
    before = _articles(server, record_pages + ["references/alghadir2019retro/"])

    bib = base / "references" / "site.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Effect of 6-week retro", "Effect of six-week retro", 1),
                   encoding="utf-8")
    server.wait_for_build(2)
    made = MADE.findall(server.text())
    assert made and int(made[-1][0]) < int(made[-1][1]), made       # not every record page
    after = _articles(server, record_pages + ["references/alghadir2019retro/"])
    assert "six-week retro" in after["references/alghadir2019retro/"]
    assert [p for p in others if after[p] != before[p]] == []        # pages that do not cite it are untouched

    vocab = base / "references" / "vocabulary" / "measures.yaml"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace("name: Pain intensity", "name: Pain severity", 1),
                     encoding="utf-8")
    server.wait_for_build(3)
    assert len(MADE.findall(server.text())) == len(made)             # a term reaches every page: all made again

    clean = tmp_path / "clean"
    config = base / "mkdocs-clean.yml"
    config.write_text((base / "mkdocs.yml").read_text(encoding="utf-8") +
                      f"\nsite_url: http://127.0.0.1:{server.port}/\n", encoding="utf-8")
    proc = build_site(config, clean, strict=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Pain severity" in (clean / "measures" / "pain" / "index.html").read_text(encoding="utf-8")
    for html in sorted(clean.rglob("index.html")):
        path = html.parent.relative_to(clean).as_posix()
        status, served_html = server.get("" if path == "." else path + "/")
        assert status == 200, path
        assert _article(served_html) == _article(html.read_text(encoding="utf-8")), path
