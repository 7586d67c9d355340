"""The build's fast paths (page bodies without Markdown, theme output by substitution) change
no byte of the site: each site is built with them and without them and every file compared."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from harness import REPO, SITE_BASE, build_site  # noqa: E402

XSS_BASE = Path(__file__).parent / "data" / "xss-base"
SLOW = {"fast_pages": False}


def _config_without_fast_paths(config: Path, tmp: Path) -> Path:
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
            plugin = {"evkb": {**options, **SLOW}}
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
    assert _values(Page) == ["plain-id", "", "plain-id", "", ""]
