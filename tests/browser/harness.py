"""Build a site, serve it on 127.0.0.1 and drive the system's Chromium with Playwright.

Shared by the browser tests and `make screenshots`. The browser is Debian's `chromium`
(`make browser` installs it); a missing browser raises, it never skips.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
SITE_BASE = REPO / "tests" / "data" / "site-base"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-default-apps",
                 "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                 "--no-default-browser-check", "--metrics-recording-only", "--disable-features=Translate,OptimizationHints,MediaRouter"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str:
    for candidate in (os.environ.get("EVKB_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError("no Chromium found: run `make browser` (apt-get install chromium) or set EVKB_CHROMIUM")


def build_site(config: Path, out: Path, strict: bool = True) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config), "-d", str(out)]
    cmd.append("--strict" if strict else "--no-strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=config.parent)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Watch:
    """Every request and console error of a page; requests elsewhere are failures."""

    def __init__(self, page):
        self.requests, self.foreign, self.errors = [], [], []
        page.on("request", self._request)
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _request(self, request):
        url = request.url
        self.requests.append(url)
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            return
        if parsed.hostname != "127.0.0.1":
            self.foreign.append(url)


@contextmanager
def browser_context(viewport=DESKTOP, color_scheme="light"):
    from playwright.sync_api import sync_playwright
    exe = chromium_path()
    profile = tempfile.mkdtemp(prefix="evkb-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=exe, headless=True, args=CHROMIUM_ARGS, viewport=viewport,
                color_scheme=color_scheme, service_workers="block")
            # anything not on this machine is refused outright, and recorded by Watch
            context.route(lambda url: urlparse(url).hostname not in ("127.0.0.1", None),
                          lambda route: route.abort())
            try:
                yield context
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
