"""Shared helpers for the engine's tests (imported as `evkb_testlib`; conftest.py re-exports them).

Every test works on a throw-away copy of a small knowledge base: `make_base` copies
tests/rules/_base into a temporary folder and lays an example folder over it. Nothing
here mocks the engine: the real loader, the real PyYAML C loader, real pybtex and, for
the command line, the real `evkb` in a subprocess.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from evkb.engine.check import run_check
from evkb.engine.config import Config
from evkb.load.loader import load

TESTS = Path(__file__).parent
RULES = TESTS / "rules"
BASE = RULES / "_base"
DATA = TESTS / "data"

# Files of an example folder that describe the example rather than belong to the base.
META_FILES = {"expected.txt", "links.txt", "README.md"}


def make_base(tmp_path: Path, overlay: Path | None = None) -> Path:
    """Copy the shared base into tmp_path/kb, then the overlay folder on top; return the root.

    An overlay may hold `links.txt`: lines `link -> target` creating symbolic links, where a
    target starting with `@outside/` points into tmp_path/outside (a folder beside the base,
    i.e. outside the repository), created with a small file in it.
    """
    root = tmp_path / "kb"
    shutil.copytree(BASE, root)
    if overlay is not None:
        for src in sorted(overlay.rglob("*")):
            rel = src.relative_to(overlay)
            if src.is_dir() or rel.as_posix() in META_FILES:
                continue
            dest = root / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
        links = overlay / "links.txt"
        if links.is_file():
            make_links(tmp_path, root, links.read_text(encoding="utf-8"))
    return root


def make_links(tmp_path: Path, root: Path, spec: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.yaml").write_text("id: secret\n", encoding="utf-8")
    (outside / "secret.bib").write_text("@misc{secret, title = {Secret}, year = {2020}}\n", encoding="utf-8")
    for line in spec.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        link, target = (part.strip() for part in line.split("->"))
        if target == "@outside" or target.startswith("@outside/"):
            target = str(outside / target.removeprefix("@outside").lstrip("/"))
        path = root / link
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)


def write(root: Path, rel: str, text: str | bytes) -> Path:
    """Write one file of a base (creating folders); bytes are written as they are."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def check(root: Path, config: Config | None = None, cache_dir: Path | None = None):
    """Load and check a base in-process with the real engine; returns the CheckResult."""
    return run_check(load(root, cache_dir), config or Config())


def positions(result, code: str | None = None) -> list[tuple[str, int, int, str]]:
    """(path, line, column, code) of the result's diagnostics, optionally of one rule only."""
    return [(d.path, d.location.line, d.location.column, d.code)
            for d in result.diagnostics if code is None or d.code == code]


def read_expected(path: Path) -> list[tuple[str, int, int, str]]:
    """expected.txt: one `path:line:col CODE` per line; blank lines and # comments ignored."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where, code = line.split()
        file, ln, col = where.rsplit(":", 2)
        out.append((file, int(ln), int(col), code))
    return out


def run_cli(args: list[str], cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line (`python -m evkb ...`) in a subprocess."""
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}  # CI must not change the format
    full_env.update({"PYTHONIOENCODING": "utf-8", **(env or {})})
    return subprocess.run([sys.executable, "-m", "evkb", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=300)


def check_json(root: Path, *extra: str) -> tuple[dict, subprocess.CompletedProcess]:
    proc = run_cli(["check", "--root", str(root), "--no-cache", "--format", "json", *extra])
    assert proc.stdout, proc.stderr
    return json.loads(proc.stdout), proc


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder (links by their target), to prove nothing was modified."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
