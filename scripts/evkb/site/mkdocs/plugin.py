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

import functools
import logging
import os
import re
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from . import guards
from ..pages.contributing import contributing_page
from .a11y import name_search_dialog
from .deferred import DeferredBodies
from .fastbody import FastBodies
from .nav import DEFAULT_NAV, prune_nav
from .serve import build_inputs
from .stored import PageStore, StoredFile, StoredPage, compress, stored_files_work
from .themecache import TEMPLATE as THEME_TEMPLATE

log = logging.getLogger("mkdocs.plugins.evkb")


class EvkbConfig(Config):
    root = opt.Type(str, default=".")
    cache_dir = opt.Type(str, default="")     # "" = the default cache outside the repository
    fail_on_error = opt.Type(bool, default=True)
    records_edit_uri = opt.Optional(opt.Type(str))   # URL prefix for a record's path; default from repo_url
    contributing = opt.Type(str, default="CONTRIBUTING.md")  # a file beside the base, shown as contributing.md
    optional_pages = opt.ListOfItems(opt.Type(str), default=[])  # nav entries dropped while their file is missing
    fast_html = opt.Type(bool, default=True)   # set generated pages' raw HTML blocks aside from Markdown
    fast_pages = opt.Type(bool, default=True)  # generated pages: bodies without Markdown, theme output by substitution


def _strip_front_matter(text: str) -> tuple[str, int]:
    m = re.match(r"^---[ \t]*\n.*?\n(---|\.\.\.)[ \t]*\n", text, re.S)
    return (text[m.end():], text.count("\n", 0, m.end())) if m else (text, 0)


class EvkbPlugin(BasePlugin[EvkbConfig]):
    _incremental = None             # IncrementalServe under `mkdocs serve --dirty`
    _search = None                  # Material's search plugin, when it is in use

    def on_config(self, config):
        from ..pages import THEME
        from ..pages.rawhtml import RawBlocks
        self._raw = RawBlocks()
        self._blocks = {}
        self._fast = None
        self._prepared = {}
        self._deferred = DeferredBodies()
        self._searcher = None
        self._rendered = 0
        if self._incremental:
            self._incremental.begin()
        self._full_content = None
        self._lite = None
        # each shortcut only where asked for and where the installed packages have what it expects
        fast = self.config.fast_pages
        self.use_rawhtml = self.config.fast_html and guards.usable("rawhtml")
        self.use_fastbody = fast and guards.usable("fastbody") and self.use_rawhtml
        self.use_themecache = fast and guards.usable("themecache")
        self.use_fastsearch = fast and guards.usable("fastsearch")
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

    def on_env(self, env, config, files):
        """After every page's body is rendered, before any is built: make the search entries."""
        if self.use_fastsearch and self._lite_search(config):
            from .fastsearch import FastSearch
            self._searcher = FastSearch(self._search)
            self._searcher.prepare([f.page for f in files.documentation_pages()
                                    if f.page is not None and f.generated_by is not None], self._deferred.content)
        from markupsafe import Markup
        from jinja2 import pass_context
        from .themecache import ThemeCache
        self.theme_cache = cache = ThemeCache()
        env.globals["evkb_generated_page"] = pass_context(lambda context: Markup(cache.render(context)))
        self._env = env
        return env

    _serving = False
    last_build = None               # under serve: (config, files, nav, env, other inputs) of the last build
    _checked = None                 # under serve: (build inputs, base, check result) the records-first step made
    _made = None                    # under serve: (Site, page inputs, pages) of the last generation
    _json_memo: dict = {}           # under serve: each record's JSON in data/evidence.json, reused while unchanged

    def on_startup(self, command, dirty):
        """Defining this keeps one plugin instance for all the builds of `mkdocs serve`, so a
        rebuild after an edit that changed no record reuses the generated pages."""
        self._serving = command == "serve"
        self._json_memo = {}
        if self._serving and dirty and guards.usable("serve"):
            from .serve import IncrementalServe
            self._incremental = IncrementalServe()

    def on_shutdown(self):
        if self._incremental is not None:
            self._incremental.close()

    def on_files(self, files: Files, config) -> Files:
        from ..pages import ASSETS
        inputs = build_inputs(self.root, self.config_dir, self.config.contributing, self.edit_base, files, config) \
            if getattr(self, "_serving", False) else None
        if self._incremental:
            from .serve_first import other_inputs
            self._other_inputs = other_inputs(config, self.root)
        previous = getattr(self, "_previous", None)
        if inputs is not None and previous is not None and previous[0] == inputs and \
                self._problem_key(self._citations(files, self.result.kb.references)) == previous[2]:
            log.info("evkb: no record changed since the last build; reusing the generated pages")
            pages, data, handwritten = previous[1]
            records_changed = False
        else:
            self._previous = None
            pages, data, handwritten = self._generate(files, config, inputs)
            records_changed = True
            if inputs is not None:
                self._previous = (inputs, (pages, data, handwritten), self._problem_key(self.citation_problems))
        prune_nav(config, files, set(pages), self.config.optional_pages)
        self.appended = {}
        stored_pages = False
        for path, content in pages.items():
            stored = isinstance(content, StoredPage)
            stored_pages |= stored
            if path in handwritten:
                self.appended[path] = _strip_front_matter(content.text if stored else content)[0]
                continue
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            if stored:
                files.append(StoredFile.stored(config, path, content.blob))
                if content.body is not None:
                    self._prepared[path] = content.body
            else:
                files.append(self._incremental.page_file(config, path, content) if self._incremental
                             else File.generated(config, path, content=content))
        for path, content in data.items():
            files.append(StoredFile.stored(config, path, content) if isinstance(content, bytes)
                         else File.generated(config, path, content=content))
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file() and asset.suffix != ".md":
                rel = "assets/evkb/" + asset.relative_to(ASSETS).as_posix()
                files.append(File.generated(config, rel, abs_src_path=str(asset)))
        if self._incremental:
            self._incremental.start_build(files, records_changed)
        elif self.use_fastbody and not stored_pages:     # stored pages came with their bodies
            self._prepared = self._fast_bodies(config).prepare(
                {path: text for path, text in pages.items() if path not in handwritten})
        self._files = files
        return files

    def on_nav(self, nav, config, files):
        self._nav = nav
        from .fastsearch import search_plugin
        self._search = search_plugin(config)
        if self._incremental:
            self._incremental.check_nav(nav)
        return nav

    def _generate(self, files, config, inputs=None):
        """Load and check the base, then generate every page and data file."""
        from ...engine.check import run_check
        from ...engine.config import load_config
        from ...load.loader import load
        from ..pages import Options, Site, data_files, generate, links
        from ...load.speed.cache import default_cache_dir
        from ..speed.textcache import TextCache
        cache = self.root / self.config.cache_dir if self.config.cache_dir else default_cache_dir(self.root)
        from ..speed.reftexts import start as start_reference_texts
        checked, self._checked = self._checked, None
        if checked is not None and inputs is not None and checked[0] == inputs:
            kb, result = checked[1], checked[2]     # checked a moment ago, for the records-first pages
            text_cache = self._made[0].text_cache
        else:
            kb = load(self.root, cache)
            if self._serving and self._made is not None:
                from ...load.speed.reuse import reuse_unchanged
                reuse_unchanged(kb, self._made[0].kb)
            text_cache = TextCache(cache)           # formatted citations, kept between builds
            texts = start_reference_texts(text_cache, kb.references.values())   # made while the base is checked
            try:
                result = run_check(kb, load_config(self.root))
            finally:
                texts.finish()
        self.result = result
        for d in result.diagnostics:
            log.info("%s:%s:%s: %s [%s] %s", d.path, d.location.line, d.location.column, d.code, d.rule, d.message)
        if self.config.fail_on_error and result.count("error"):
            raise PluginError(f"evkb check found {result.count('error')} errors; run `make check` for the report")
        handwritten = {f.src_uri: f for f in files.documentation_pages() if f.generated_by is None}
        extra = self._citations(files, result.kb.references)
        self.citation_problems = extra
        schemas = tuple(sorted(f.src_uri for f in files if f.src_uri.startswith("schemas/") and f.src_uri.endswith(".json")))
        options = Options(repo_url=config.repo_url or "", edit_base=self.edit_base,
                          directory_urls=config.use_directory_urls, site_url=config.site_url or "",
                          site_name=config.site_name or "",
                          extra_diagnostics=extra, handwritten=frozenset(handwritten), schemas=schemas)
        self.options = options
        self._site = Site(result, options, text_cache=text_cache)      # one index per build
        from ...load.speed.nogc import paused_gc
        inputs = only = None
        if self._serving:               # after an edit, only the record pages that read a changed record
            from ..pages.depends import page_inputs, pages_to_make
            inputs = page_inputs(self._site)
            if self._made is not None:
                only = pages_to_make(self._made[0], self._made[1], self._site, inputs)
        store = None        # a build (not serve, which compares pages between rebuilds) keeps them compressed
        if not self._serving and guards.usable("stored") and stored_files_work():
            store = PageStore(self._fast_bodies(config) if self.use_fastbody else None)
        with paused_gc():                       # thousands of pages of small acyclic strings
            pages = generate(result, config.repo_url or "", options, site=self._site, only=only, finish=store)
        if only is not None:
            kept = self._made[2]
            pages.update((path, kept[path]) for path in inputs if path not in pages)
            log.info("evkb: %d of %d record pages made again", len(only), len(inputs))
        if self._serving:
            self._made = (self._site, inputs, dict(pages))
        if "contributing.md" not in handwritten:
            page = contributing_page(self.config_dir / self.config.contributing, config.repo_url)
            pages["contributing.md"] = store("contributing.md", page) if store else page
        self.record_of = {links.claim_path(cid): c.path for cid, c in result.kb.claims.items()}
        data = data_files(result, options, site=self._site, memo=self._json_memo if self._serving else None,
                          finish=(lambda path, text: compress(text)) if store else None)
        text_cache.save()
        return pages, data, frozenset(handwritten)

    def changed_record_pages(self, files, config, most: int) -> dict | None:
        """For `serve_first`: the record pages an edit changed, from a fresh check of the base;
        None when more than a few record pages may change (a page came or went, the vocabulary
        or configuration changed, the check found errors)."""
        from ...engine.check import run_check
        from ...engine.config import load_config
        from ..pages import Site, record_pages
        from ..pages.depends import page_inputs, pages_to_make
        if self._made is None:
            return None
        old_site, old_inputs, _ = self._made
        inputs = build_inputs(self.root, self.config_dir, self.config.contributing, self.edit_base, files, config)
        kb = self._records_now(inputs[0])
        if kb is None:
            return None
        result = run_check(kb, load_config(self.root))
        if self.config.fail_on_error and result.count("error"):
            return None
        self._checked = (inputs, kb, result)
        site = Site(result, self.options, text_cache=old_site.text_cache)
        now = page_inputs(site)
        if now.keys() != old_inputs.keys():
            return None
        only = pages_to_make(old_site, old_inputs, site, now)
        if only is None or len(only) > most:
            return None
        return record_pages(site, only)

    _workspace = None               # under serve: the records as last read, for `changed_record_pages`

    def _records_now(self, stats: tuple):
        """The base as on disk now, from the records read before and the files written since;
        None when files came or went."""
        from ...load.buffers import Workspace
        from ...load.speed.cache import default_cache_dir
        held = self._workspace
        if held is None:
            cache = self.root / self.config.cache_dir if self.config.cache_dir else default_cache_dir(self.root)
            workspace = Workspace(self.root, cache)
        else:
            workspace, before = held
            if len(before) != len(stats) or any(a[0] != b[0] for a, b in zip(before, stats)):
                self._workspace = None
                return None
            for old, new in zip(before, stats):
                if old != new:
                    if not Path(new[0]).is_absolute():      # the engine's configuration: not a record
                        self._workspace = None
                        return None
                    workspace.saved(Path(new[0]).relative_to(self.root).as_posix())
        self._workspace = (workspace, stats)
        return workspace.base({})

    def incremental_update(self, path: str, content: str) -> bool:
        return self._incremental.update(path, content)

    def _citations(self, files, references) -> list:
        """Unknown citation keys in the hand-written pages, each logged as a located warning."""
        from ..pages.cite import unknown_citations
        extra = []
        handwritten = {f.src_uri: f for f in files.documentation_pages() if f.generated_by is None}
        for src_uri, f in sorted(handwritten.items()):
            body, offset = _strip_front_matter(Path(f.abs_src_path).read_text(encoding="utf-8-sig"))
            shown = os.path.relpath(f.abs_src_path, self.config_dir).replace(os.sep, "/")
            for d in unknown_citations(body, references, shown, "doc:" + src_uri, offset):
                log.warning("%s:%s:%s: %s [%s] %s", d.path, d.location.line, d.location.column, d.code, d.rule,
                            d.message)
                extra.append(d)
        return extra

    @staticmethod
    def _problem_key(problems) -> tuple:
        return tuple((d.path, d.location.line, d.location.column, d.message) for d in problems)

    def on_page_markdown(self, markdown, page, config, files):
        self._rendered += 1
        from ..pages import links
        from ..pages.cite import render_citations
        src = page.file.src_uri
        if page.file.generated_by is not None:
            if src.endswith(".md") and self.use_rawhtml:
                if page.parent is None and self.use_themecache:
                    page.meta["template"] = THEME_TEMPLATE
                fast = self._fast_bodies(config) if self.use_fastbody else None
                body = FastBodies.unpack(self._prepared.pop(src, None)) if fast is not None else None
                if body is not None and fast.enabled and not fast.proof_due():
                    page.render = functools.partial(self._render_fast, page, body, False)
                    return markdown
                skeleton, blocks = self._raw.split(markdown)
                if blocks:
                    self._blocks[src] = (markdown, blocks)
                if body is None and fast is not None:
                    body = fast.body(skeleton, blocks)
                if body is not None:
                    page.render = functools.partial(self._render_fast, page, body, fast.take_proof())
                return skeleton if blocks else markdown
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

    def _fast_bodies(self, config):
        if self._fast is None:
            from .fastbody import FastBodies
            self._fast = FastBodies(config, self._raw)
        return self._fast

    def _render_fast(self, page, body, proof, config, files):
        """Stands in for `Page.render` on a generated page whose body needs no Markdown."""
        page.__dict__.pop("render", None)      # this partial holds the body: let it go with the page's own copy
        fast = self._fast
        if fast.enabled and proof:
            type(page).render(page, config, files)
            held = self._blocks.get(page.file.src_uri)
            if not fast.same(page, self._raw.join(page.content, held[1]) if held else page.content, body):
                return                          # on_page_content joins the blocks, as without the fast path
        if fast.enabled:
            self._blocks.pop(page.file.src_uri, None)
            fast.apply(page, body)
        else:
            type(page).render(page, config, files)

    def on_page_content(self, html, page, config, files):
        held = self._blocks.pop(page.file.src_uri, None)
        if held is None:
            return self._release_source(page, config, html)
        from ..pages.rawhtml import anchor_ids
        markdown, blocks = held
        joined = self._raw.join(html, blocks)
        if joined is None:      # an extension rewrote a placeholder: render the page whole instead
            log.debug("%s: raw HTML placeholders were changed; rendering the page with Markdown", page.file.src_uri)
            page.markdown = markdown
            page.render(config, files)
            return page.content
        if page.present_anchor_ids is not None:
            page.present_anchor_ids = page.present_anchor_ids | anchor_ids(blocks)
        return self._release_source(page, config, joined)

    def _release_source(self, page, config, html: str) -> str:
        """A generated page's Markdown is not read again once its body is rendered: let it go, so a
        build holds one copy of each page (its HTML, compressed until the page is built: see
        `deferred`) instead of three. Not under `mkdocs serve`
        (a rebuild may read it again), and only when no other plugin reads pages after this."""
        if page.file.generated_by is None or self._serving or not self._lite_search(config) \
                or not guards.usable("release"):
            return html
        page.markdown = None
        page.file.content_string = ""
        return self._deferred.set_aside(page.file.src_uri, html) if html else html

    @event_priority(100)
    def _search_input(self, context, page, config, nav):
        """Before search indexes the page: hand it a lighter body with the same text."""
        self._full_content = None
        self._deferred.restore(page)
        if self._incremental:
            self._incremental.before_search(self._search_index())
        if page.file.generated_by is not None and self._lite_search(config) and page.content:
            from ..pages.rawhtml import search_html
            if self._searcher is not None and self._searcher.index(page):
                self._full_content, page.content = page.content, ""   # indexed: search finds nothing more
            else:
                lite = search_html(page.content)
                if lite is not None:
                    self._full_content, page.content = page.content, lite
        return context

    @event_priority(-100)
    def _page_context(self, context, page, config, nav):
        if self._full_content is not None:      # after search: the page is rendered in full
            page.content, self._full_content = self._full_content, None
        if self._incremental:
            self._incremental.after_search(page, self._search_index())
        record = self.record_of.get(page.file.src_uri) if page.file.generated_by is not None else None
        if record and self.edit_base.startswith(("http://", "https://")):
            from urllib.parse import quote
            page.edit_url = self.edit_base + quote(record)
        return context

    on_page_context = CombinedEvent(_search_input, _page_context)

    def _search_index(self):
        return getattr(self._search, "search_index", None)

    def _lite_search(self, config) -> bool:
        """Only when search is the one other plugin that reads pages in on_page_context."""
        if self._lite is None:
            owners = {getattr(getattr(m, "__self__", None), "__module__", "") or getattr(m, "__module__", "")
                      for m in config.plugins.events.get("page_context", ())}
            owners.discard(__name__)
            self._lite = bool(owners) and all(o.startswith(("material.plugins.search", "mkdocs.contrib.search"))
                                              for o in owners)
        return self._lite

    def on_post_page(self, output, page, config):
        """Once a generated page is written its HTML body is not read again (search took its
        entries before): release it too, outside `mkdocs serve`. Name the theme's search dialog
        (`a11y`)."""
        if page.markdown is None and page.file.generated_by is not None and not self._serving:
            page.content = None
        return name_search_dialog(output)

    @event_priority(100)
    def on_post_build(self, config):
        if self._incremental and self._search_index() is not None:
            self._incremental.whole_index(self._files, self._search)
        bodies = self._fast.fast if self._fast is not None else 0
        indexed = self._searcher.fast if self._searcher is not None else 0
        log.info("evkb: %d generated pages without a Markdown pass; theme output by substitution for %d, "
                 "in full for %d; %d indexed without the HTML parser", bodies, self.theme_cache.fast,
                 self.theme_cache.slow, indexed)
        if self._incremental:
            log.info("evkb: %d generated pages changed; %d pages rebuilt", self._incremental.rewritten,
                     self._rendered)
            self.last_build = (config, self._files, self._nav, self._env, self._other_inputs)
            if self._workspace is None and self._previous is not None:     # read now, not on the first edit
                self._records_now(self._previous[0][0])

    def on_serve(self, server, config, builder):
        for folder in ("claims", "references"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        from .serve_first import RecordPagesFirst, server_usable
        if self._incremental and guards.usable("first") and server_usable(server):
            server.builder = RecordPagesFirst(self, server.builder, server)
        return server
