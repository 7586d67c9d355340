"""A site build never holds every generated page whole (`site/mkdocs/stored.py`, `deferred.py`):
each page's Markdown and data file is kept compressed until MkDocs reads it, a page's
rendered body is set aside compressed until the page is built and let go once it is
written. The peak memory itself is a benchmark figure (`make bench`); here the build is
watched from inside, at the points where MkDocs would otherwise hold everything."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import SITE_BASE, build_site  # noqa: E402

from evkb.site.mkdocs.stored import PageStore, StoredFile, compress, decompress, stored_files_work  # noqa: E402

WATCH = r'''
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from evkb.site.mkdocs.stored import StoredFile
config = load_config(sys.argv[1], site_dir=sys.argv[2])
seen = {}

def on_env(env, config, files):
    pages = [f for f in files.documentation_pages() if f.generated_by is not None]
    seen["generated pages"] = len(pages)
    seen["stored as text"] = [f.src_uri for f in pages if not isinstance(f, StoredFile) or f._plain]
    seen["markdown kept"] = [f.src_uri for f in pages if f.page.markdown is not None]
    seen["body kept"] = [f.src_uri for f in pages if f.page.content or "render" in f.page.__dict__]
    data = [f for f in files if f.generated_by is not None and f.src_uri.startswith("data/")]
    seen["data files"] = len(data)
    seen["data as text"] = [f.src_uri for f in data if not isinstance(f, StoredFile) or f._plain is not None]
    seen["pages"] = pages
    return env

def on_post_build(config):
    seen["body kept after writing"] = [f.src_uri for f in seen.pop("pages") if f.page.content]

config.plugins.events["env"].append(on_env)
config.plugins.events["post_build"].append(on_post_build)
build(config)
print(json.dumps(seen))
'''


def test_a_build_holds_pages_compressed_and_lets_each_go_once_written(tmp_path):
    run = subprocess.run([sys.executable, "-c", WATCH, str(SITE_BASE / "mkdocs.yml"), str(tmp_path / "site")],
                         capture_output=True, text=True, cwd=SITE_BASE,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["generated pages"] > 50 and seen["data files"] >= 4
    for held in ("stored as text", "markdown kept", "body kept", "data as text", "body kept after writing"):
        assert seen[held] == [], held


def test_the_site_is_the_same_byte_for_byte_with_files_held_as_text(tmp_path):
    """The stored files' guard made to fail: every generated file is handed over as text."""
    stored = build_site(SITE_BASE / "mkdocs.yml", tmp_path / "stored", strict=False)
    assert stored.returncode == 0, stored.stderr[-3000:]
    script = ("import sys\n"
              "from evkb.site.mkdocs import guards\n"
              "guards.EXPECTS['stored'] += (('mkdocs.structure.files', 'File.no_such_attribute'),)\n"
              "from mkdocs.__main__ import cli\n"
              "cli(sys.argv[1:])\n")
    text = subprocess.run([sys.executable, "-c", script, "build", "--clean", "--no-strict", "-f",
                           str(SITE_BASE / "mkdocs.yml"), "-d", str(tmp_path / "text")],
                          capture_output=True, text=True, cwd=SITE_BASE,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert text.returncode == 0, text.stderr[-3000:]
    assert "the stored shortcut is off" in text.stderr
    assert "the stored shortcut is off" not in stored.stderr

    def files(site):
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
                if p.is_file() and p.suffix != ".gz"}
    a, b = files(tmp_path / "stored"), files(tmp_path / "text")
    assert len(a) > 50 and sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


def test_a_stored_file_reads_back_and_writes_as_mkdocs_would(tmp_path):
    assert stored_files_work()
    text = "# Gehen rückwärts — 24 % weniger\n\nDruck auf das Knie.\n"
    f = StoredFile("claims/x.md", src_dir=None, dest_dir=str(tmp_path), use_directory_urls=True)
    f._plain, f._blob = None, compress(text)
    assert len(f._blob) < len(text.encode()) + 16 and decompress(f._blob) == text
    assert f.content_string == text and f.content_bytes == text.encode("utf-8") and f.is_modified()
    f.copy_file()
    assert Path(f.abs_dest_path).read_text(encoding="utf-8") == text
    f.content_string = ""                   # what the plugin does once the page is read
    assert f._blob is None and f.content_string == ""
    plain = File("claims/x.md", src_dir=None, dest_dir=str(tmp_path), use_directory_urls=True)
    assert plain.dest_uri == f.dest_uri and plain.url == f.url


def test_a_page_is_compressed_with_its_body_where_it_is_made():
    page = PageStore()("claims/x.md", "# Title\n\n<p>body</p>\n")
    assert page.body is None and page.text == "# Title\n\n<p>body</p>\n"
    assert zlib.decompress(page.blob).decode() == page.text
