"""What a change does to the evidence: diagnostics in the changed files, claims added or removed,
verdicts and grades that moved, and new conflicts. Compares the working tree with a git revision."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .gitsnap import changed_since, extract, repo_of, resolve

CONFLICT_RULES = ("conflicting-figures", "contested-claim")


@dataclass
class ChangeReport:
    ref: str
    changed: list = field(default_factory=list)       # base-relative paths
    diagnostics: list = field(default_factory=list)   # (Diagnostic, new?) touching changed files
    added: list = field(default_factory=list)         # (claim id, path, verdict, grade)
    removed: list = field(default_factory=list)       # (claim id, verdict, grade) as they were
    moved: list = field(default_factory=list)         # (claim id, path, old verdict, new verdict, old grade, new grade)
    conflicts: list = field(default_factory=list)     # new conflict diagnostics, anywhere

    def count(self, level: str) -> int:
        return sum(1 for d, _ in self.diagnostics if d.level == level)


def check_base(root: Path):
    from ..engine.check import run_check
    from ..engine.config import load_config
    from ..load.loader import load
    return run_check(load(root, None), load_config(root))


def _identity(d) -> tuple:
    return (d.path, d.code, d.subject, d.message)


def touches(d, changed: set) -> bool:
    return d.path in changed or any(r.path in changed for r in d.related)


def compare(ref: str, old, new, changed: list, changes: dict | None = None) -> ChangeReport:
    """`changes` (changed path -> changed identifiers) widens the diagnostics to the records that
    depend on the changed files; without it only diagnostics in the changed files are kept."""
    from .dependents import caused
    report = ChangeReport(ref, changed)
    before = {_identity(d) for d in old.diagnostics}
    wanted = set(changed)
    if changes is None:
        kept = [d for d in new.diagnostics if touches(d, wanted)]
    else:
        kept = caused(new, changes, before)
    report.diagnostics = [(d, _identity(_uncaused(d)) not in before) for d in kept]
    report.conflicts = [d for d in new.diagnostics if d.rule in CONFLICT_RULES and _identity(d) not in before]
    _claims(report, old, new)
    return report


def _claims(report, old, new) -> None:
    old_a, new_a = old.assessments, new.assessments
    for cid in sorted(new_a):
        a, path = new_a[cid], new.kb.claims[cid].path
        if cid not in old_a:
            report.added.append((cid, path, a.verdict, a.grade))
        elif (old_a[cid].verdict, old_a[cid].grade) != (a.verdict, a.grade):
            report.moved.append((cid, path, old_a[cid].verdict, a.verdict, old_a[cid].grade, a.grade))
    report.removed = [(cid, old_a[cid].verdict, old_a[cid].grade) for cid in sorted(set(old_a) - set(new_a))]


def changes_since(root: Path, ref: str, current=None) -> ChangeReport:
    """Check the base at `ref` and now (or take `current`, an existing CheckResult) and compare."""
    top, rel = repo_of(root)
    commit = resolve(top, ref)
    changed = changed_since(top, commit, rel)
    from .dependents import changes_in
    with tempfile.TemporaryDirectory(prefix="evkb-changes-") as tmp:
        old_root = extract(top, commit, rel, Path(tmp))
        old = check_base(old_root)
        changes = changes_in(root, changed, lambda p: _read(old_root / p))
    return compare(ref, old, current or check_base(root), changed, changes)


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def _uncaused(d):
    """The diagnostic as the base reports it, without the gate's "caused by" note."""
    if not d.caused_by:
        return d
    from dataclasses import replace
    return replace(d, message=d.message.removesuffix(f" (caused by your change to {d.caused_by})"), caused_by="")


def restrict_to_changes(result, root: Path, ref: str) -> str:
    """For `evkb check --changed-since REF`: keep only the diagnostics that touch files changed since REF
    (in place, so every reporter and the exit status see just those) and return the Markdown change report."""
    from .changes_report import render_markdown
    report = changes_since(root, ref, current=result)
    result.diagnostics = [d for d, _ in report.diagnostics]
    return render_markdown(report)
