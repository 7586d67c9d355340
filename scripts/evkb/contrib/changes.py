"""What a change does to the evidence: the diagnostics it causes (in the changed files and in the
records that depend on them), claims added or removed, verdicts and grades that moved, and new
conflicts. Compares the working tree with a git revision."""
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
    diagnostics: list = field(default_factory=list)   # (Diagnostic, new?) the change caused
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


def touches(d, changed: set) -> bool:
    return d.path in changed or any(r.path in changed for r in d.related)


def compare(ref: str, old, new, changed: list, reach=None) -> ChangeReport:
    """`reach` (dependents.Reach) widens the diagnostics to the records that depend on the changed
    files; without it only diagnostics in the changed files are kept."""
    from .dependents import caused, identity
    report = ChangeReport(ref, changed)
    before = {identity(d) for d in old.diagnostics}
    wanted = set(changed)
    kept = [d for d in new.diagnostics if touches(d, wanted)] if reach is None else caused(new, reach, before)
    report.diagnostics = [(d, identity(_uncaused(d)) not in before) for d in kept]
    report.conflicts = [d for d in new.diagnostics if d.rule in CONFLICT_RULES and identity(d) not in before]
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
    from .dependents import reach, view
    top, rel = repo_of(root)
    commit = resolve(top, ref)
    changed = changed_since(top, commit, rel)
    with tempfile.TemporaryDirectory(prefix="evkb-changes-") as tmp:
        old = check_base(extract(top, commit, rel, Path(tmp)))
        before = view(old.kb)   # read while the old files are there
    new = current or check_base(root)
    return compare(ref, old, new, changed, reach(before, view(new.kb), changed))


def _uncaused(d):
    """The diagnostic as the base reports it, without the gate's "caused by" note."""
    if not d.caused_by:
        return d
    from dataclasses import replace
    return replace(d, message=d.message.removesuffix(f" (caused by your change to {d.caused_by})"), caused_by="")


def restrict_to_changes(result, root: Path, ref: str):
    """For `evkb check --changed-since REF`: keep only the diagnostics the change since REF causes
    (in place, so every reporter and the exit status see just those); returns the ChangeReport."""
    report = changes_since(root, ref, current=result)
    result.diagnostics = [d for d, _ in report.diagnostics]
    return report
