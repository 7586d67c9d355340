"""Every page of the hostile base (tests/data/xss-base) loaded in Chromium: no record text
runs as script, no dialog opens, no request leaves 127.0.0.1, and the text is still shown."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest

from harness import REPO, Watch, browser_context, build_site, serve

XSS_BASE = REPO / "tests" / "data" / "xss-base"
TRAP = """
window.__pwned = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...a) => { window.__pwned.push(name + ":" + a.join(",")); };
}
"""


@pytest.fixture(scope="module")
def xss_url(tmp_path_factory, chromium):
    out = tmp_path_factory.mktemp("xss-browser")
    proc = build_site(XSS_BASE / "mkdocs.yml", out, strict=False)
    assert proc.returncode == 0, proc.stderr
    paths = sorted(p.relative_to(out).parent.as_posix() for p in out.rglob("index.html") if "assets" not in p.parts)
    with serve(out) as url:
        yield url, paths


def test_nothing_from_the_records_executes(xss_url):
    url, paths = xss_url
    assert "claims/evil-claim" in paths and "explorer" in paths
    with browser_context() as context:
        context.add_init_script(TRAP)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        watch = Watch(page)
        for path in paths:
            page.goto(urljoin(url, "" if path == "." else path + "/"))
            if path == "explorer":
                page.wait_for_selector("#evkb-explorer[data-ready='true']", timeout=30000)
                page.fill("#evkb-x-search", "script")
                page.locator("#evkb-x-results a").first.wait_for(timeout=5000)
                assert "<script>" in page.locator("#evkb-x-results").inner_text()
            # hover everything that could carry a handler
            for el in page.locator("a, td, span, li, p").all()[:200]:
                try:
                    el.dispatch_event("mouseover")
                except Exception:
                    pass
            assert page.evaluate("window.__pwned") == [], path
            assert page.evaluate("document.querySelectorAll('[onerror],[onload],[onmouseover],iframe').length") == 0, path
            if path == "claims/evil-claim":
                text = page.locator(".evkb-statement").inner_text()
                assert "</script><script>alert('statement')</script>" in text
        assert dialogs == []
        assert watch.foreign == [], watch.foreign
        assert watch.errors == [], watch.errors
