"""Fixtures of the engine's tests; the helper functions live in evkb_testlib.py.

(A uniquely named module, because another conftest.py under tests/ would shadow `import conftest`.)
"""
from __future__ import annotations

from pathlib import Path

import pytest

from evkb_testlib import make_base


@pytest.fixture
def base(tmp_path) -> Path:
    """A fresh copy of the valid base (tests/rules/_base) in a temporary folder."""
    return make_base(tmp_path)
