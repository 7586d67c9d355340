"""MkDocs adapter: load and check the base once per build, add the generated pages.

A thin layer over `evkb.pages` (path -> Markdown, plus data files and static assets),
using `File.generated`. The check's findings are logged at INFO: warnings belong on the
site (the check report page), and `mkdocs build --strict` is about the site's own
problems. Errors stop the build. Hand-written pages may cite references with pandoc's
`[@key]`; an unknown key is logged as a located WARNING (so --strict fails) and listed
in the check report. A hand-written page at a generated page's path keeps its prose and
gets the generated content appended.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.plugins.evkb")


class EvkbConfig(Config):
    root = opt.Type(str, default=".")
    cache_dir = opt.Type(str, default="")     # "" = the default cache outside the repository
    fail_on_error = opt.Type(bool, default=True)
    records_edit_uri = opt.Optional(opt.Type(str))   # URL prefix for a record's path; default from repo_url
    contributing = opt.Type(str, default="CONTRIBUTING.md")  # a file beside the base, shown as contributing.md
    optional_pages = opt.ListOfItems(opt.Type(str), default=[])  # nav entries dropped while their file is missing


# Used when mkdocs.yml has no `nav`: only index pages, so a base of 10,000 claims does not
# render a 10,000-entry navigation into every page (build time grows with pages x nav size).
DEFAULT_NAV = [
    {"Home": "index.md"},
    {"Explorer": "explorer/index.md"},
    {"Claims": [{"All claims": "claims/index.md"}, {"Topics": "topics/index.md"},
                {"Popular articles": "media/index.md"}]},
    {"Evidence": [{"Bibliography": "references/index.md"}, {"Measures": "measures/index.md"},
                  {"Downloads": "downloads.md"}]},
    {"Check": [{"Check report": "check/index.md"}, {"Rules": "rules/index.md"}]},
    {"Method": [{"Verdicts and grades": "method/index.md"}]},
]


def _strip_front_matter(text: str) -> tuple[str, int]:
    m = re.match(r"^---[ \t]*\n.*?\n(---|\.\.\.)[ \t]*\n", text, re.S)
    return (text[m.end():], text.count("\n", 0, m.end())) if m else (text, 0)


class EvkbPlugin(BasePlugin[EvkbConfig]):
    def on_config(self, config):
        from .pages import THEME
        self.config_dir = Path(config.config_file_path).parent
        self.root = (self.config_dir / self.config.root).resolve()
        config.theme.dirs.insert(0, str(THEME))       # partial overrides (no request to the forge's API)
        if config.nav is None:
            config.nav = DEFAULT_NAV
        if "assets/evkb/evkb.css" not in config.extra_css:
            config.extra_css.append("assets/evkb/evkb.css")
        repo = (config.repo_url or "").rstrip("/")
        if self.config.records_edit_uri is not None:
            self.edit_base = self.config.records_edit_uri
        elif repo:
            edit_uri = (config.edit_uri or "edit/main/docs/").strip("/")
            self.edit_base = f"{repo}/{re.sub(r'/?docs$', '', edit_uri)}/"
        else:
            self.edit_base = ""
        return config

    def on_files(self, files: Files, config) -> Files:
        from .check import run_check
        from .config import load_config
        from .loader import load
        from .pages import ASSETS, Options, Site, data_files, generate, links
        from .pages.cite import unknown_citations
        from .cache import default_cache_dir
        cache = self.root / self.config.cache_dir if self.config.cache_dir else default_cache_dir(self.root)
        result = run_check(load(self.root, cache), load_config(self.root))
        self.result = result
        for d in result.diagnostics:
            log.info("%s:%s:%s: %s [%s] %s", d.path, d.location.line, d.location.column, d.code, d.rule, d.message)
        if self.config.fail_on_error and result.count("error"):
            raise PluginError(f"evkb check found {result.count('error')} errors; run `make check` for the report")
        handwritten = {f.src_uri: f for f in files.documentation_pages() if f.generated_by is None}
        extra = []
        for src_uri, f in sorted(handwritten.items()):
            body, offset = _strip_front_matter(Path(f.abs_src_path).read_text(encoding="utf-8-sig"))
            shown = os.path.relpath(f.abs_src_path, self.config_dir).replace(os.sep, "/")
            for d in unknown_citations(body, result.kb.references, shown, "doc:" + src_uri, offset):
                log.warning("%s:%s:%s: %s [%s] %s", d.path, d.location.line, d.location.column, d.code, d.rule,
                            d.message)
                extra.append(d)
        self.citation_problems = extra
        schemas = tuple(sorted(f.src_uri for f in files if f.src_uri.startswith("schemas/") and f.src_uri.endswith(".json")))
        options = Options(repo_url=config.repo_url or "", edit_base=self.edit_base,
                          directory_urls=config.use_directory_urls, site_url=config.site_url or "",
                          extra_diagnostics=extra, handwritten=frozenset(handwritten), schemas=schemas)
        self.options = options
        self._site = Site(result, options)      # one index (and one citation cache) per build
        pages = generate(result, config.repo_url or "", options, site=self._site)
        if "contributing.md" not in handwritten:
            pages["contributing.md"] = self._contributing(config)
        self._prune_nav(config, files, set(pages))
        self.appended = {}
        self.record_of = {links.claim_path(cid): c.path for cid, c in result.kb.claims.items()}
        for path, content in pages.items():
            if path in handwritten:
                self.appended[path] = _strip_front_matter(content)[0]
                continue
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))
        for path, content in data_files(result, options, site=self._site).items():
            files.append(File.generated(config, path, content=content))
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file() and asset.suffix != ".md":
                rel = "assets/evkb/" + asset.relative_to(ASSETS).as_posix()
                files.append(File.generated(config, rel, abs_src_path=str(asset)))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        from .pages import links
        from .pages.cite import render_citations
        src = page.file.src_uri
        if page.file.generated_by is not None:
            return markdown
        appended = self.appended.get(src)
        if appended:
            appended = re.sub(r"\A\s*# [^\n]*\n", "", appended, count=1)   # the hand-written page has its own title
            markdown = markdown.rstrip("\n") + "\n\n" + appended
        kb = self.result.kb
        site_cache = self._site
        def url_of(key):
            return get_relative_url(links.page_url(links.reference_path(key), config.use_directory_urls) or ".",
                                    page.url or ".")
        return render_citations(markdown, kb.references, site_cache.citation, site_cache.label, url_of)

    def on_page_context(self, context, page, config, nav):
        record = self.record_of.get(page.file.src_uri) if page.file.generated_by is not None else None
        if record and self.edit_base.startswith(("http://", "https://")):
            from urllib.parse import quote
            page.edit_url = self.edit_base + quote(record)
        return context

    def _prune_nav(self, config, files, generated):
        """Drop nav entries to `optional_pages` that no file provides yet (others write them)."""
        optional = set(self.config.optional_pages)
        if not optional or not config.nav:
            return
        def present(target):
            return not isinstance(target, str) or target not in optional or target in generated \
                or files.get_file_from_path(target) is not None
        def walk(items):
            out = []
            for item in items:
                if isinstance(item, dict):
                    (title, target), = item.items()
                    if isinstance(target, list):
                        target = walk(target)
                        if target:
                            out.append({title: target})
                    elif present(target):
                        out.append(item)
                    else:
                        log.info("nav: %s is not written yet; its entry is left out", target)
                elif present(item):
                    out.append(item)
            return out
        config.nav = walk(config.nav)

    def _contributing(self, config) -> str:
        source = self.config_dir / self.config.contributing
        repo = (config.repo_url or "").rstrip("/")
        if not source.is_file():
            return ("---\ntitle: Contributing\n---\n# Contributing\n\nClaims and references are YAML and BibTeX "
                    "files checked by `evkb check`; see [how verdicts are made](method/index.md) and the repository's "
                    "`docs/records.md`.\n")
        text = source.read_text(encoding="utf-8")
        def fix(m):
            label, target = m.group(1), m.group(2)
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target, re.I):
                return m.group(0)
            path, _, anchor = target.partition("#")
            if path.startswith("docs/"):
                new = path[len("docs/"):]
            elif repo:
                new = f"{repo}/blob/main/{path}"
            else:
                return label[1:-1]
            return f"[{label[1:-1]}]({new}{'#' + anchor if anchor else ''})"
        return re.sub(r"(\[[^\]\n]*\])\(([^)\s]+)\)", fix, text)

    def on_serve(self, server, config, builder):
        for folder in ("claims", "references"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server
