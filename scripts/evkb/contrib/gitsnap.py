"""The base as it was at a git revision, and the files changed since then."""
from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from . import ContribError


def git(top: Path, *args: str, binary: bool = False):
    proc = subprocess.run(["git", "-C", str(top), *args], capture_output=True, check=False)
    if proc.returncode != 0:
        raise ContribError(f"git {' '.join(args)}: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout if binary else proc.stdout.decode("utf-8", errors="replace")


def repo_of(root: Path) -> tuple[Path, str]:
    """(repository top folder, the base's folder relative to it, "" at the top)."""
    try:
        top = Path(git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    except (ContribError, FileNotFoundError):
        raise ContribError(f"{root} is not inside a git repository") from None
    rel = root.resolve().relative_to(top).as_posix()
    return top, "" if rel == "." else rel


def resolve(top: Path, ref: str) -> str:
    try:
        return git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except ContribError:
        raise ContribError(f"no commit {ref!r} in {top}; fetch it first (CI: actions/checkout with fetch-depth: 0)") from None


def extract(top: Path, commit: str, rel: str, dest: Path) -> Path:
    """Write the base's files at commit into dest; returns the base's folder there (maybe empty)."""
    listed = git(top, "ls-tree", "-r", "--name-only", "-z", commit, "--", rel or ".")
    base = dest / rel if rel else dest
    base.mkdir(parents=True, exist_ok=True)
    if listed.strip("\0"):
        data = git(top, "archive", "--format=tar", commit, "--", rel or ".", binary=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(dest, filter="data")
    return base


def changed_since(top: Path, commit: str, rel: str) -> list[str]:
    """Base-relative paths changed between commit and the working tree, untracked files included."""
    spec = ["--", rel] if rel else []
    names = git(top, "diff", "--name-only", "--no-renames", "-z", commit, *spec).split("\0")
    names += git(top, "ls-files", "--others", "--exclude-standard", "-z", *spec).split("\0")
    prefix = rel + "/" if rel else ""
    return sorted({n[len(prefix):] for n in names if n and n.startswith(prefix)})


def staged_deletions(top: Path, rel: str) -> list[str]:
    """Base-relative paths deleted in the index (a pre-commit hook is not given them)."""
    spec = ["--", rel] if rel else []
    names = git(top, "diff", "--cached", "--no-renames", "--name-only", "--diff-filter=D", "-z", *spec).split("\0")
    prefix = rel + "/" if rel else ""
    return sorted(n[len(prefix):] for n in names if n and n.startswith(prefix))
