"""One file's parse as the loader keeps it: problems and identifier at hand, the record built on first use.

A re-check needs every file's problems and identifier, but the record itself only for
the few files whose rule results are not cached; unpickling all 14,000 records was a
third of a re-check at 10,000 claims. So the cache keeps each record (with its
vocabulary terms) as its own pickled bytes, unpickled only when something reads it. On a
cold check the workers that parse the files make those bytes (in parallel), send them
rather than the objects, and the cache is written from them without pickling again.
"""
from __future__ import annotations

import io
import pickle

from ..model import records as model

_UNREAD = object()


class Parsed:
    __slots__ = ("problems", "ident", "_record", "_terms", "_blob", "origin")

    def __init__(self, record=None, problems=None, terms: tuple = (), ident: str | None = None):
        self.problems = problems if problems is not None else []   # (line, col, code, message, hint)
        self.ident = ident          # the record's id (claims, media) or ref (findings); None when invalid
        self._record, self._terms, self._blob = record, terms, None
        self.origin = None          # (kind, shown, file): parsed again from there if the cached bytes are damaged

    @property
    def record(self):
        if self._record is _UNREAD:
            self._unpack()
        return self._record

    @property
    def terms(self) -> tuple:
        """(path, value, vocabulary) of every controlled term, found once at parse time."""
        if self._record is _UNREAD:
            self._unpack()
        return self._terms

    def _unpack(self) -> None:
        try:
            record, terms = loads(self._blob)
        except Exception:
            record, terms = self._parse_again()
        # the bytes are no longer needed (pickling again, if ever, starts from the record)
        self._record, self._terms, self._blob = record, terms, None

    def _parse_again(self):
        if self.origin is None:
            raise RuntimeError("a cached record is damaged; delete the evkb cache folder")
        kind, shown, file = self.origin
        with open(file, "rb") as fh:
            fresh = parse_record(kind, shown, fh.read())
        return fresh.record, fresh.terms

    def __getstate__(self):
        blob = self._blob   # not kept when made here: the record is in memory already
        if blob is None and self._record is not None:
            blob = pickle.dumps((self._record, self._terms), protocol=pickle.HIGHEST_PROTOCOL)
        return self.problems, self.ident, blob

    def __setstate__(self, state):
        self.problems, self.ident, self._blob = state
        if not (isinstance(self.problems, list) and isinstance(self.ident, (str, type(None)))
                and isinstance(self._blob, (bytes, type(None)))):
            raise ValueError("not a parse the cache wrote")   # the whole cache file is then ignored
        self._record = _UNREAD if self._blob is not None else None
        self._terms, self.origin = (), None

    def __eq__(self, other):
        return isinstance(other, Parsed) and (self.record, self.problems) == (other.record, other.problems)

    def __hash__(self):
        return hash(self.ident)


class RecordUnpickler(pickle.Unpickler):
    """Loads only what the cache writes: Parsed and the record model's classes.

    The cache folder may sit inside a repository a pull request can write to, so the
    file is not trusted to name arbitrary callables (plain pickle.load would run them).
    """
    ALLOWED = {"evkb.load.bibtex": ("BibResult", "Reference"), "evkb.engine.assess": ("Assessment",),
               "evkb.model.figures": ("Mismatch",), "evkb.engine.rules": ("Hit",),
               "evkb.model.figure_checks": ("Check", "FigureTrace"), "evkb.model.effects": ("Estimate", "Pooled"),
               
               "evkb.engine.diagnostics": ("Location",)}

    FOUND: dict = {}   # (module, name) -> class, once allowed (records are unpickled one by one)

    def find_class(self, module, name):
        found = self.FOUND.get((module, name))
        if found is None:
            found = self.FOUND[module, name] = self._allowed(module, name)
        return found

    def _allowed(self, module, name):
        if name in self.ALLOWED.get(module, ()):
            import importlib
            return getattr(importlib.import_module(module), name)
        if (module, name) == (Parsed.__module__, "Parsed"):
            return Parsed
        if module == model.__name__ and isinstance(getattr(model, name, None), type):
            return getattr(model, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the record cache")


def loads(data: bytes):
    """Unpickle bytes the cache wrote, with the same restrictions as its files."""
    return RecordUnpickler(io.BytesIO(data)).load()


def parse_record(kind: str, shown: str, raw: bytes) -> Parsed:
    from .validate import build, validate
    from .yamlnodes import parse_yaml
    doc = parse_yaml(shown, raw)
    if doc.problems:
        return Parsed(problems=list(doc.problems))
    problems = validate(doc, kind)
    data = doc.data
    if problems:
        data = usable_findings(doc.data) if kind == "findings" else None
        if data is None:
            return Parsed(problems=list(problems))
    from .walk import vocab_terms
    record = build(model.RECORD_KINDS[kind], data)
    return Parsed(record, list(problems), tuple(vocab_terms(record)), getattr(record, "ref" if kind == "findings" else "id"))


def usable_findings(data):
    """A findings record without its invalid findings, or None when what is left is not valid either.

    One bad value (a negative SD) should not take a publication's other findings with it: they
    stay usable, and the bad one is reported at its own line.
    """
    from .validate import finding_problem_indexes, is_valid
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        return None
    bad = finding_problem_indexes(data)
    if bad is None or not bad:
        return None
    kept = dict(data, findings=[f for i, f in enumerate(data["findings"]) if i not in bad])
    return kept if is_valid("findings", kept) and finding_problem_indexes(kept) == set() else None
