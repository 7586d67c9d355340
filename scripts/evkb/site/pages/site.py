"""Everything the pages need, indexed once per build so each page is cheap to generate."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from . import links
from .citation import format_citation, short_label


@dataclass
class Options:
    repo_url: str = ""
    edit_base: str = ""          # URL prefix a record's path is appended to, for "edit this claim"
    directory_urls: bool = True
    site_url: str = ""
    site_name: str = ""
    extra_diagnostics: list = field(default_factory=list)   # e.g. citation problems of hand-written pages
    handwritten: frozenset = frozenset()                     # docs paths written by hand
    schemas: tuple = ()                                      # docs paths of JSON Schemas, if any


class Site:
    def __init__(self, result, options: Options | None = None, text_cache=None):
        from ..speed.textcache import TextCache
        self.text_cache = text_cache if text_cache is not None else TextCache(None)
        self.result = result
        self.kb = result.kb
        self.options = options or Options()
        self.assessments = result.assessments
        self._labels = {}
        kb = self.kb
        self.cited_by = defaultdict(list)        # ref key -> [(claim id, Source)]
        self.credited = defaultdict(list)        # ref key -> [(claim id, Sighting)] (seen_in.actual)
        self.seen_in = defaultdict(list)         # media id -> [(claim id, Sighting)]
        self.claims_by_measure = defaultdict(set)
        self.claims_by_topic = defaultdict(list)
        self.related_back = defaultdict(set)
        for cid, loaded in kb.claims.items():
            claim = loaded.record
            self.claims_by_topic[loaded.topic].append(cid)
            for source in claim.sources:
                self.cited_by[source.ref].append((cid, source))
                rec = kb.findings.get(source.ref)
                if rec is not None:
                    wanted = set(source.findings)
                    for f in rec.record.findings:
                        if f.id in wanted:
                            self.claims_by_measure[f.measure].add(cid)
            for figure in claim.figures:
                self.claims_by_measure[figure.measure].add(cid)
            for s in claim.seen_in:
                self.seen_in[s.media].append((cid, s))
                for key in s.actual:
                    self.credited[key].append((cid, s))
            for other in claim.related:
                self.related_back[other].add(cid)
        self.findings_by_measure = defaultdict(list)   # measure -> [(ref, FindingsRecord, Finding)]
        for key, rec in sorted(kb.findings.items()):
            for f in rec.record.findings:
                self.findings_by_measure[f.measure].append((key, rec.record, f))
        self.path_to_claim = {loaded.path: cid for cid, loaded in kb.claims.items()}
        # the check's own unknown-citation rule and the build's scan of hand-written pages may both
        # report one citation: keep each (file, line, column, code) once
        merged = {}
        for d in list(result.diagnostics) + list(self.options.extra_diagnostics):
            merged.setdefault((d.path, d.location.line, d.location.column, d.code), d)
        self.diagnostics = list(merged.values())
        self.by_subject = defaultdict(list)
        self.conflicts = defaultdict(set)
        for d in self.diagnostics:
            self.by_subject[d.subject].append(d)
            if d.rule == "conflicting-figures":
                for r in d.related:
                    other = self.path_to_claim.get(r.path)
                    if other and other != d.subject:
                        self.conflicts[d.subject].add(other)
                        self.conflicts[other].add(d.subject)

    def prepare(self) -> None:
        """Compute what pages share before they are generated in forked workers (which could
        not hand anything they compute back)."""
        self._citations  # noqa: B018
        self.shared  # noqa: B018
        self.titles  # noqa: B018
        for key in self.kb.references:
            self.label(key)
        for cid in self.kb.claims:
            self.bottom_line(cid)
        self.measures  # noqa: B018

    # -- formatted references, cached: the same reference appears on many pages ------------
    @cached_property
    def _citations(self) -> dict:
        # every reference has a page: its texts are made at once (on every core when there are many)
        from ..speed.reftexts import fill
        refs = self.kb.references
        fill(self.text_cache, refs.values())
        return {key: self.text_cache.get("citation", ref, format_citation) for key, ref in refs.items()}

    def citation(self, key: str) -> str:
        if key not in self._citations:
            ref = self.kb.references.get(key)
            self._citations[key] = self.text_cache.get("citation", ref, format_citation) if ref else ""
        return self._citations[key]

    def bibtex(self, key: str) -> str:
        """The entry as BibTeX (for its page and the bibliography download)."""
        from .reference import bibtex_entry
        self._citations   # noqa: B018  (fills the cache for every reference)
        return self.text_cache.get("bibtex", self.kb.references[key], bibtex_entry)

    def csl(self, key: str) -> dict:
        from .data import csl_item
        self._citations   # noqa: B018
        return self.text_cache.get("csl", self.kb.references[key], csl_item)

    def label(self, key: str) -> str:
        label = self._labels.get(key)
        if label is None:
            ref = self.kb.references.get(key)
            label = self._labels[key] = short_label(ref) if ref else key
        return label

    @cached_property
    def titles(self) -> dict:
        from .headline import claim_title
        return {cid: claim_title(loaded.record) for cid, loaded in self.kb.claims.items()}

    def claim_title(self, claim_id: str) -> str:
        titles = self.__dict__.get("titles")
        if titles is None:          # before `prepare`, a page made alone needs only its own claims' titles
            from .headline import claim_title
            titles = self.__dict__.setdefault("_some_titles", {})
            if claim_id not in titles:
                loaded = self.kb.claims.get(claim_id)
                titles[claim_id] = claim_title(loaded.record) if loaded else claim_id
        return titles.get(claim_id, claim_id)

    def bottom_line(self, claim_id: str) -> str:
        """What the evidence shows, in at most about 40 plain words (made once per claim)."""
        cache = self.__dict__.setdefault("_bottom_lines", {})
        line = cache.get(claim_id)
        if line is None:
            from .reasons import reader_bottom_line
            line = cache[claim_id] = reader_bottom_line(self, self.kb.claims[claim_id].record,
                                                        self.assessments[claim_id])
        return line

    def media_title(self, media_id: str) -> str:
        from .headline import media_title
        from .media import OUTLET
        m = self.kb.media.get(media_id)
        return media_title(m.record, OUTLET.get(m.record.outlet, m.record.outlet)) if m else media_id

    @cached_property
    def shared(self) -> Counter:
        return Counter({cid: len(loaded.record.seen_in) for cid, loaded in self.kb.claims.items()})

    @cached_property
    def graph(self) -> dict:
        """The explorer's graph data (data/graph.json), built once per build."""
        from .data import explorer_graph
        return explorer_graph(self)

    @cached_property
    def measures(self) -> list[str]:
        return sorted(set(self.findings_by_measure) | set(self.claims_by_measure))

    def measure_name(self, measure: str) -> str:
        term = self.kb.vocab.get("measures", measure)
        return term.name if term else measure

    def term_name(self, kind: str, term_id: str | None) -> str:
        if not term_id:
            return ""
        term = self.kb.vocab.get(kind, term_id)
        return term.name if term else term_id

    def edit_url(self, record_path: str) -> str:
        base = self.options.edit_base
        from urllib.parse import quote
        return base + quote(record_path) if base.startswith(("http://", "https://")) else ""

    def record_page(self, d) -> str | None:
        """The docs path of the page of the record a diagnostic is about, if it has one."""
        kb = self.kb
        if d.subject in kb.claims and kb.claims[d.subject].path == d.path:
            return links.claim_path(d.subject)
        if d.subject in kb.media and kb.media[d.subject].path == d.path:
            return links.media_path(d.subject)
        if d.subject in kb.references:
            return links.reference_path(d.subject)
        if d.path in self.path_to_claim:
            return links.claim_path(self.path_to_claim[d.path])
        if d.subject.startswith("doc:"):
            return d.subject[len("doc:"):]
        return None
