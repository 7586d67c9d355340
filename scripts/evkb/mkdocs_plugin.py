"""MkDocs adapter: load and check the base once per build, add the generated pages.

A thin layer over `evkb.pages.generate` (path -> Markdown) using `File.generated`.
The check's findings are logged at INFO: warnings belong on the site, and
`mkdocs build --strict` is about MkDocs' own problems. Errors stop the build.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.evkb")


class EvkbConfig(Config):
    root = opt.Type(str, default=".")
    cache_dir = opt.Type(str, default=".evkb-cache")
    fail_on_error = opt.Type(bool, default=True)


class EvkbPlugin(BasePlugin[EvkbConfig]):
    def on_config(self, config):
        self.root = (Path(config.config_file_path).parent / self.config.root).resolve()
        return config

    def on_files(self, files: Files, config) -> Files:
        from .check import run_check
        from .config import load_config
        from .loader import load
        from .pages import generate
        result = run_check(load(self.root, self.root / self.config.cache_dir), load_config(self.root))
        self.result = result
        for d in result.diagnostics:
            log.info("%s:%s:%s: %s [%s] %s", d.path, d.location.line, d.location.column, d.code, d.rule, d.message)
        if self.config.fail_on_error and result.count("error"):
            raise PluginError(f"evkb check found {result.count('error')} errors; run `make check` for the report")
        for path, content in generate(result, config.repo_url or "").items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server, config, builder):
        for folder in ("claims", "references"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server
