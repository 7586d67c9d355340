import json
import os
from pathlib import Path

import pytest

from harness import REPO, SITE_BASE, build_site, chromium_path, serve

collect_ignore = ["harness.py"]


@pytest.fixture(scope="session")
def chromium():
    return chromium_path()   # raises (the test fails) when there is no browser


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    config = Path(os.environ.get("EVKB_SITE_CONFIG") or SITE_BASE / "mkdocs.yml")
    if not config.is_absolute():
        config = REPO / config
    out = tmp_path_factory.mktemp("site")
    proc = build_site(config, out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


@pytest.fixture(scope="session")
def evidence(built_site):
    return json.loads((built_site / "data" / "evidence.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def base_url(built_site):
    with serve(built_site) as url:
        yield url
