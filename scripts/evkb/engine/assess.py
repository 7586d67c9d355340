"""Verdicts and evidence grades, computed from the records; never typed by hand.

The verdict says whether the evidence backs the claim as stated; the grade says
how certain that evidence is (in the spirit of GRADE). Both list their reasons.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model.figure_checks import check_figure
from ..model.figures import is_direct
from ..model.vocab import GRADES  # re-exported: the site lists the grades from here

EVIDENCE_STANCES = ("supports", "contradicts", "qualifies")
VERDICTS = ("supported", "partly-supported", "contested", "contradicted", "no-evidence")
VERDICT_LABELS = {"supported": "Supported", "partly-supported": "Partly supported", "contested": "Contested",
                  "contradicted": "Contradicted", "no-evidence": "No evidence found"}
IMPRECISION_THRESHOLD = 100   # participants, summed over the evidence
POOLED_STUDIES_PRECISE = 5    # a pooled analysis of this many studies counts as precise
WEAK_BASIS = ("abstract", "record", "title")


@dataclass(frozen=True)
class Assessment:
    verdict: str
    reasons: tuple[str, ...]
    grade: str | None
    start: str | None
    downgrades: tuple[tuple[str, str], ...]   # (domain, why)
    mismatches: tuple = ()                    # (figure index, Mismatch)
    indirect: tuple = ()                      # refs whose cited findings are about another population or activity
    traces: tuple = ()                        # FigureTrace per figure: every check made, and its outcome

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


def evidence_records(kb, claim):
    """(Source, FindingsRecord) pairs for sources that are evidence and have a findings file."""
    for source in claim.sources:
        rec = kb.findings.get(source.ref)
        if source.stance in EVIDENCE_STANCES and rec is not None:
            yield source, rec.record


def figure_traces(kb, claim, tolerance: float) -> tuple:
    return tuple(check_figure(kb, claim, i, figure, tolerance) for i, figure in enumerate(claim.figures))


def indirect_sources(kb, claim) -> list[str]:
    """Refs whose cited findings are all about another population or activity than the claim."""
    out = []
    for source, rec in evidence_records(kb, claim):
        cited = [f for f in rec.findings if f.id in source.findings]
        if cited and not any(is_direct(kb, claim, f, rec) for f in cited):
            out.append(source.ref)
        elif not cited and not is_direct(kb, claim, _Whole(), rec):
            out.append(source.ref)
    return out


class _Whole:
    population = activity = None


def _start_level(kb, rec) -> int:
    term = kb.vocab.get("designs", rec.design)
    return GRADES.index(term.get("start", "very-low")) if term else 0


def assess(kb, claim, tolerance: float = 0.10) -> Assessment:
    evidence = list(evidence_records(kb, claim))
    if not evidence:
        return Assessment("no-evidence", ("no source supports, contradicts or qualifies the claim",),
                          None, None, ())
    traces = figure_traces(kb, claim, tolerance)
    mismatches = tuple((t.index, t.mismatch) for t in traces if t.mismatch is not None)
    indirect = indirect_sources(kb, claim)
    verdict, reasons = _verdict(kb, claim, evidence, mismatches, indirect, traces)
    start, grade, downgrades = _grade(kb, claim, evidence, indirect)
    return Assessment(verdict, tuple(reasons), grade, start, tuple(downgrades), mismatches, tuple(indirect), traces)


def _verdict(kb, claim, evidence, mismatches, indirect, traces=()):
    by_stance = {s: [(src, rec) for src, rec in evidence if src.stance == s] for s in EVIDENCE_STANCES}
    sup, con, qual = by_stance["supports"], by_stance["contradicts"], by_stance["qualifies"]
    if sup and con:
        strongest = lambda pairs: max(_start_level(kb, rec) for _, rec in pairs)
        gap = strongest(sup) - strongest(con)
        if abs(gap) < 2:
            return "contested", [f"sources disagree: {_keys(sup)} support it, {_keys(con)} contradict it"]
        if gap < 0:
            return "contradicted", [f"stronger designs contradict it ({_keys(con)}) than support it ({_keys(sup)})"]
        sup_reason = f"stronger designs support it ({_keys(sup)}) than contradict it ({_keys(con)})"
        return "partly-supported", [sup_reason]
    if con:
        return "contradicted", [f"contradicted by {_keys(con)}"]
    if not sup:
        return "partly-supported", [f"sources only qualify it: {_keys(qual)}"]
    reasons = []
    if qual:
        reasons.append(f"qualified by {_keys(qual)}")
    for i, m in mismatches:
        reasons.append(f"figure {i + 1} {m.text()}")
    for t in traces:
        if t.outcome == "unchecked":
            reasons.append(f"figure {t.index + 1} could not be checked against its sources: {t.reason}")
    if indirect:
        reasons.append(f"indirect evidence (other population or activity): {', '.join(indirect)}")
    bad_credit = [s for s in claim.seen_in if s.status in ("misattributed", "not-found")]
    if bad_credit:
        reasons.append("credited source " + ", ".join(f"{s.status} in {s.media}" for s in bad_credit))
    if reasons:
        return "partly-supported", reasons
    return "supported", [f"supported by {_keys(sup)}"]


def _keys(pairs) -> str:
    return ", ".join(dict.fromkeys(src.ref for src, _ in pairs))


def _grade(kb, claim, evidence, indirect):
    levels = {rec.ref: _start_level(kb, rec) for _, rec in evidence}
    start = max(levels.values())
    best = [rec for _, rec in evidence if levels[rec.ref] == start]
    downgrades = []
    weak = [rec for rec in best if rec.grey or rec.design == "protocol" or rec.verification == "partial"
            or rec.evidence_basis in WEAK_BASIS]
    if len(weak) == len(best):
        downgrades.append(("risk of bias", _bias_reason(weak)))
    if len(indirect) == len({rec.ref for _, rec in evidence}):
        downgrades.append(("indirectness", "every source studied another population or activity: "
                           + ", ".join(indirect)))
    stances = {src.stance for src, _ in evidence}
    if {"supports", "contradicts"} <= stances:
        downgrades.append(("inconsistency", "sources point in opposite directions"))
    total, pooled = _participants(evidence)
    if not pooled and total < IMPRECISION_THRESHOLD:
        downgrades.append(("imprecision", f"{total} participants in all, below {IMPRECISION_THRESHOLD}"))
    grade = max(0, start - len(downgrades))
    return GRADES[start], GRADES[grade], downgrades


def _bias_reason(weak) -> str:
    parts = []
    for rec in weak:
        why = ("grey literature" if rec.grey else "protocol only" if rec.design == "protocol"
               else "partly verified metadata" if rec.verification == "partial"
               else f"data from the {rec.evidence_basis} only")
        parts.append(f"{rec.ref} ({why})")
    return "; ".join(parts)


def _participants(evidence) -> tuple[int, bool]:
    seen, total, pooled = set(), 0, False
    for _, rec in evidence:
        if rec.ref in seen:
            continue
        seen.add(rec.ref)
        total += rec.n or 0
        pooled = pooled or (rec.studies or 0) >= POOLED_STUDIES_PRECISE
    return total, pooled
