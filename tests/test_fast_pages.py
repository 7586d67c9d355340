"""The build's fast paths (page bodies without Markdown, theme output by substitution) change
no byte of the site: each site is built with them and without them and every file compared."""
from __future__ import annotations

import html.parser
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import REPO, SITE_BASE, build_site  # noqa: E402

XSS_BASE = Path(__file__).parent / "data" / "xss-base"
SLOW = {"fast_pages": False}


def _config_without_fast_paths(config: Path, tmp: Path, switched_off: dict = SLOW) -> Path:
    """The same site with the fast paths off, as a config file outside the project."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["docs_dir"] = str((config.parent / data.get("docs_dir", "docs")).resolve())
    plugins = []
    for plugin in data.get("plugins", []):
        if plugin == "evkb" or (isinstance(plugin, dict) and "evkb" in plugin):
            options = dict((plugin["evkb"] or {}) if isinstance(plugin, dict) else {})
            options["root"] = str((config.parent / options.get("root", ".")).resolve())
            if "contributing" in options or (config.parent / "CONTRIBUTING.md").is_file():
                options["contributing"] = str((config.parent / options.get("contributing", "CONTRIBUTING.md")))
            plugin = {"evkb": {**options, **switched_off}}
        plugins.append(plugin)
    data["plugins"] = plugins
    out = tmp / "mkdocs-slow.yml"
    out.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return out


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix != ".gz"}


@pytest.mark.parametrize("config", [REPO / "mkdocs.yml", SITE_BASE / "mkdocs.yml", XSS_BASE / "mkdocs.yml"],
                         ids=["real-base", "site-base", "hostile-base"])
def test_fast_paths_change_no_byte(config, tmp_path):
    fast = build_site(config, tmp_path / "fast", strict=False)
    assert fast.returncode == 0, fast.stderr[-3000:]
    slow = build_site(_config_without_fast_paths(config, tmp_path), tmp_path / "slow", strict=False)
    assert slow.returncode == 0, slow.stderr[-3000:]
    used = re.search(r"evkb: (\d+) generated pages without a Markdown pass; theme output by substitution "
                     r"for (\d+), in full for (\d+); (\d+) indexed without the HTML parser", fast.stderr)
    assert used and int(used.group(1)) > 0 and int(used.group(2)) > 0 and int(used.group(4)) > 0, \
        fast.stderr[-2000:]
    fast_files, slow_files = _files(tmp_path / "fast"), _files(tmp_path / "slow")
    assert sorted(fast_files) == sorted(slow_files)
    differ = [name for name in fast_files if fast_files[name] != slow_files[name]]
    assert differ == []


def test_hostile_titles_are_rendered_in_full(tmp_path):
    """Record text that a template filter would change never goes through substitution."""
    from evkb.site.mkdocs.themecache import _values

    class Page:
        meta = {"title": "<script>x</script>"}
        title = url = "claims/x/"
        content, toc, edit_url, canonical_url = "", [], None, None
    assert _values(Page) is None
    Page.meta = {"title": "plain-id"}
    Page.url = "claims/plain-id/"
    assert _values(Page) == ["plain-id", "", "plain-id", "", "", ""]


class _Text(html.parser.HTMLParser):
    """The text a reader sees in a page (scripts and styles left out), whitespace collapsed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style") and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def _visible(site: Path) -> dict[str, str]:
    out = {}
    for name, raw in _files(site).items():
        if name.endswith(".html"):
            reader = _Text()
            reader.feed(raw.decode("utf-8"))
            out[name] = " ".join(" ".join(reader.parts).split())
    return out


def test_every_shortcut_off_gives_the_same_pages(tmp_path):
    """fast_pages and fast_html both off: the plain MkDocs path for every generated page."""
    fast = build_site(SITE_BASE / "mkdocs.yml", tmp_path / "fast", strict=False)
    assert fast.returncode == 0, fast.stderr[-3000:]
    plain_config = _config_without_fast_paths(SITE_BASE / "mkdocs.yml", tmp_path,
                                              {"fast_pages": False, "fast_html": False})
    plain = build_site(plain_config, tmp_path / "plain", strict=False)
    assert plain.returncode == 0, plain.stderr[-3000:]
    assert "evkb: 0 generated pages without a Markdown pass" in plain.stderr
    assert sorted(_files(tmp_path / "fast")) == sorted(_files(tmp_path / "plain"))
    fast_text, plain_text = _visible(tmp_path / "fast"), _visible(tmp_path / "plain")
    assert len(fast_text) > 20
    assert [n for n in fast_text if fast_text[n] != plain_text[n]] == []


def test_shortcuts_whose_internals_are_missing_fall_back_and_say_so_once(tmp_path):
    """As with a MkDocs or Material release that moved what a shortcut reaches for: every guard
    is told to expect a name that does not exist, and the build must still give the same pages."""
    normal = build_site(SITE_BASE / "mkdocs.yml", tmp_path / "normal", strict=False)
    assert normal.returncode == 0, normal.stderr[-3000:]
    script = ("import sys\n"
              "from evkb.site.mkdocs import guards\n"
              "for name in guards.EXPECTS:\n"
              "    guards.EXPECTS[name] += (('mkdocs.plugins', 'NoSuchHook'),)\n"
              "from mkdocs.__main__ import cli\n"
              "cli(sys.argv[1:])\n")
    moved = subprocess.run([sys.executable, "-c", script, "build", "--clean", "--no-strict", "-f",
                            str(SITE_BASE / "mkdocs.yml"), "-d", str(tmp_path / "moved")],
                           capture_output=True, text=True, cwd=SITE_BASE, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert moved.returncode == 0, moved.stderr[-3000:]
    for name in ("rawhtml", "fastbody", "themecache", "fastsearch", "stored"):
        said = re.findall(rf"evkb: the {name} shortcut is off: the installed packages have no "
                          r"mkdocs\.plugins\.NoSuchHook", moved.stderr)
        assert len(said) == 1, (name, moved.stderr[-2000:])
    assert re.search(r"evkb: 0 generated pages without a Markdown pass; theme output by substitution for 0, "
                     r"in full for \d+; 0 indexed without the HTML parser", moved.stderr), moved.stderr[-2000:]
    normal_text, moved_text = _visible(tmp_path / "normal"), _visible(tmp_path / "moved")
    assert sorted(_files(tmp_path / "normal")) == sorted(_files(tmp_path / "moved"))
    assert [n for n in normal_text if normal_text[n] != moved_text[n]] == []


def test_a_guard_names_what_is_missing(monkeypatch):
    from evkb.site.mkdocs import guards
    assert all(guards.missing(name) is None for name in guards.EXPECTS)     # what this build installs
    import material.plugins.search.plugin as search
    monkeypatch.delattr(search.SearchIndex, "create_entry_for_section")
    assert guards.missing("fastsearch") == "material.plugins.search.plugin.SearchIndex.create_entry_for_section"
    monkeypatch.setitem(guards.EXPECTS, "serve", (("no_such_package.files", "File"),))
    assert guards.missing("serve") == "no_such_package.files"
