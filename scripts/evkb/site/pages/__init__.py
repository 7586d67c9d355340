"""The page generator: a checked knowledge base -> {site path: Markdown} (and data files).

It knows nothing of MkDocs (`generator.generate` is a plain function); `evkb.site.mkdocs`
is a thin adapter that turns these pages into MkDocs files, so moving to another
generator stays small.

Untrusted record text only ever appears inside block-level HTML, escaped by the Jinja
filters of `templating` (Markdown leaves block HTML alone), or inside JSON made safe for a
<script> block. Page titles and paths come from ids, through `links.slug`.
"""
from __future__ import annotations

from pathlib import Path

from .citation import format_citation, short_label
from .generator import data_files, generate, record_pages
from .links import claim_path, media_path, measure_path, reference_path, topic_path
from .site import Options, Site
from .templating import render

ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"

__all__ = ["generate", "data_files", "record_pages", "render", "format_citation", "short_label", "claim_path", "reference_path",
           "media_path", "measure_path", "topic_path", "Options", "Site", "ASSETS", "THEME"]
