"""Which records a change reaches, so a gate reports what the change caused, not only where it was made.

Read off the knowledge-base graph (`model.graph.dependencies`) of the base before the change and
after it, both as loaded (so a damaged file costs no more here than in the check). A changed file
changes the nodes it defines whose fingerprint differs: a renamed finding changes its findings
file's node, a deleted BibTeX entry its key, an edited term that term. Every record that uses a
changed node is reached, and so are the records using those in turn (a unit, then the measure
declaring it, then the claims stating that measure), each with the changed file as its cause. A
changed record also reaches what it used before or uses now (a reference it no longer cites may
become unused); a .bib file whose `@string` macros changed reaches the other .bib files; a changed
configuration file reaches every record.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

CONFIG_FILES = ("pyproject.toml", "evkb.toml")
SUBJECT_KINDS = ("ref", "media", "claim", "findings")


@dataclass
class View:
    """One side of a change: what each file defines and what each user uses (`model.graph.dependencies`)."""
    defines: dict = field(default_factory=dict)
    uses: dict = field(default_factory=dict)


def view(kb) -> View:
    """The graph of a loaded base, with the .bib files' macros; read while kb.root still exists."""
    from ..load.bibtex import string_definitions
    from ..model.graph import dependencies
    defines, uses = dependencies(kb)
    bibs = [p for p in kb.files if p.endswith(".bib")]
    for path in bibs:
        try:
            text = (kb.root / path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        defines.setdefault(path, {})[("macros", path)] = string_definitions(text)
        uses.setdefault(path, set()).update(("macros", other) for other in bibs if other != path)
    return View(defines, uses)


@dataclass
class Reach:
    """Who depends on a change: record path -> the changed file it follows from; subjects likewise."""
    changed: set = field(default_factory=set)
    paths: dict = field(default_factory=dict)
    subjects: dict = field(default_factory=dict)
    everything: str | None = None   # a changed configuration file: it reaches every record

    def cause(self, d) -> str | None:
        """The changed file a diagnostic follows from ("" when it is in a changed file), or None."""
        if d.path in self.changed or any(r.path in self.changed for r in d.related):
            return ""
        return self.paths.get(d.path) or self.subjects.get(d.subject) or self.everything


def reach(old: View, new: View, changed) -> Reach:
    out = Reach(set(changed))
    out.everything = next((p for p in sorted(out.changed) if p in CONFIG_FILES), None)
    cause: dict = {}
    for path in sorted(out.changed):
        before, after = old.defines.get(path, {}), new.defines.get(path, {})
        nodes = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}
        for node in sorted(nodes or _named_by(path), key=repr):
            cause.setdefault(node, path)
    users: dict = {}
    for user, nodes in new.uses.items():
        for node in nodes:
            users.setdefault(node, []).append(user)
    queue = list(cause)
    while queue:
        node = queue.pop()
        for user in users.get(node, ()):
            if isinstance(user, tuple):          # a term or an entry: it changes with what it uses
                reached = [user]
            elif user in out.changed or user in out.paths:
                continue
            else:
                out.paths[user] = cause[node]
                reached = list(new.defines.get(user, ()))
            for other in reached:
                if other not in cause:
                    cause[other] = cause[node]
                    queue.append(other)
    owner = {node: path for path, nodes in new.defines.items() for node in nodes}
    for node, why in cause.items():
        if node[0] in SUBJECT_KINDS:
            out.subjects.setdefault(node[1], why)
        elif node[0] == "term" and owner.get(node) not in (None, *out.changed):
            out.paths.setdefault(owner[node], why)   # a term reached through another: its vocabulary file
    for path in sorted(out.changed):                 # what a changed record used, or uses now
        for node in old.uses.get(path, set()) | new.uses.get(path, set()):
            if node[0] in SUBJECT_KINDS:
                out.subjects.setdefault(node[1], path)
    return out


def _named_by(path: str) -> set:
    """What a file defines by its name, when it loaded on neither side (a record that never parsed)."""
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if path.startswith("claims/"):
        return {("claim", stem)}
    for kind in ("findings", "media"):
        if path.startswith(f"references/{kind}/"):
            return {(kind, stem)}
    return set()


def identity(d) -> tuple:
    return (d.path, d.code, d.level, d.subject, d.message)


def caused(result, where: Reach, before: set | None = None) -> list:
    """The diagnostics a change caused: those in the changed files, and those of the records that
    depend on them, marked with the change they follow from. With `before` (the identities of the
    diagnostics the base had before the change), a dependent's diagnostic it already had is left out."""
    out = []
    for d in result.diagnostics:
        why = where.cause(d)
        if why is None or (why and before is not None and identity(d) in before):
            continue
        out.append(d if why == "" else replace(d, message=f"{d.message} (caused by your change to {why})",
                                               caused_by=why))
    return out
