"""Every figure of a claim held against every cited finding of its measure, with a trace.

For each figure, each finding cited for it (by a source that is evidence, not a
mere mention) of the same measure and comparison is compared: its offers (see
`finding_values`) are tried in order and the first in a unit that converts to the
figure's unit is used. Each comparison is one `Check` with the source's value in
the figure's unit, where it came from, the ratio and difference, and the outcome.
A measure may stand for another only when the vocabulary declares them related
(`related: [{measure: ..., reason: ...}]` on either term); the check says so.
A figure no finding could be compared with is "unchecked", with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass

from .effects import pool
from .figures import Mismatch, OPPOSITE, figure_bounds, is_direct
from .finding_values import FORM_WORDS, Offer, offers
from .units import compatible, convert, dimension

OUTCOMES = ("matches", "overstated", "understated", "opposite-direction", "not-comparable")
SECONDARY_DESIGNS = ("meta-analysis", "systematic-review", "narrative-review")


@dataclass(frozen=True)
class Check:
    """One figure against one finding."""
    ref: str
    finding: str
    measure: str
    outcome: str                   # one of OUTCOMES
    form: str | None = None        # the value form the compared number came from
    low: float | None = None       # the source's value in the figure's unit
    high: float | None = None
    ratio: float | None = None     # claimed / found
    difference: float | None = None
    basis: str = ""                # how the source's number was obtained
    reason: str = ""               # why not comparable, or what the outcome rests on
    direct: bool = True            # same population and activity as the claim
    related_via: str = ""          # the declared relation, when another measure stood in
    ci: tuple | None = None        # the source's interval in the figure's unit, where known
    computed: bool = False
    direction: str | None = None   # which way the source's value goes (its sign, or the finding's direction)

    @property
    def comparable(self) -> bool:
        return self.outcome != "not-comparable"


@dataclass(frozen=True)
class FigureTrace:
    """What became of one figure: its checks, the outcome and, where it could be computed, a pool."""
    index: int
    outcome: str                   # matches | overstated | understated | opposite-direction | unchecked
    checks: tuple[Check, ...]
    reason: str = ""
    measures_cited: tuple[str, ...] = ()
    pooled: object = None          # effects.Pooled, computed here
    mismatch: Mismatch | None = None


def related_measures(vocab, measure: str) -> dict:
    """measure id -> the declared reason, for measures declared related to `measure` (either side)."""
    index = vocab.__dict__.get("_related_index")
    if index is None:
        index = vocab.__dict__["_related_index"] = {}
        for term_id, term in vocab.terms["measures"].items():
            for entry in term.get("related") or ():
                if isinstance(entry, dict) and isinstance(entry.get("measure"), str):
                    reason = str(entry.get("reason", ""))
                    index.setdefault(term_id, {})[entry["measure"]] = reason
                    index.setdefault(entry["measure"], {}).setdefault(term_id, reason)
    return index.get(measure, {})


def cited_findings(kb, claim):
    """(Source, FindingsRecord, Finding) for every finding cited by a source that is evidence."""
    for source in claim.sources:
        if source.stance == "mentions":
            continue
        rec = kb.findings.get(source.ref)
        if rec is None:
            continue
        by_id = {f.id: f for f in rec.record.findings}
        for fid in source.findings:
            if fid in by_id:
                yield source, rec.record, by_id[fid]


def _in_unit(vocab, offer: Offer, unit: str):
    if not offer.unit or not compatible(vocab, offer.unit, unit):
        return None
    conv = lambda v: convert(vocab, v, offer.unit, unit)
    ci = None
    if offer.estimate is not None and offer.estimate.kind not in ("ratio-of-means",):
        ci = (conv(offer.estimate.low), conv(offer.estimate.high))
    return conv(offer.low), conv(offer.high), ci


def reported_value(finding, unit: str, vocab) -> tuple[float, float] | None:
    """The finding's own number in `unit` (derived, value, range, reported change or effect), for
    charts of what studies report; None when it has none in a convertible unit."""
    for offer in offers(finding, vocab.get("comparisons", finding.comparison))[0]:
        converted = None if offer.computed else _in_unit(vocab, offer, unit)
        if converted is not None:
            return converted[0], converted[1]
    return None


def _not_comparable_reason(vocab, figure, found: list[Offer], reasons: list[str]) -> str:
    if figure.value is None:
        return "the figure states a direction only"
    parts = [f"{FORM_WORDS[o.form]} in {o.unit}" for o in found if o.unit]
    if not parts:
        return "; ".join(reasons) or f"no value in {figure.unit}"
    why = f"no value in {figure.unit}: the finding offers " + ", ".join(dict.fromkeys(parts))
    if dimension(vocab, figure.unit) == "relative" and any(o.unit in ("hedges-g", "smd") for o in found):
        why += "; a percentage is never compared with a standardised mean difference"
    return "; ".join([why, *reasons])


def _directions_conflict(figure_dir, finding_dir) -> bool:
    return bool(figure_dir) and finding_dir in OPPOSITE.get(figure_dir, ())


def _sign_direction(low, high) -> str | None:
    return "lower" if high < 0 else "higher" if low > 0 else None


def compare_interval(claimed: tuple, found: tuple, tolerance: float) -> str:
    """matches | overstated | understated for a figure (low, high, form) against a value (low, high)."""
    low, high, form = claimed
    f_low, f_high = found
    if form in ("up_to", "at_least"):
        return "overstated" if low > f_high * (1 + tolerance) + 1e-9 else "matches"
    slack = tolerance * max(abs(f_low), abs(f_high), 1e-12)
    if low <= f_high + slack and high >= f_low - slack:
        return "matches"
    return "overstated" if low > f_high else "understated"


def check_finding(kb, claim, figure, rec, finding, tolerance, via="") -> Check:
    term = kb.vocab.get("comparisons", finding.comparison)
    direct = is_direct(kb, claim, finding, rec)
    base = dict(ref=rec.ref, finding=finding.id, measure=finding.measure, direct=direct, related_via=via,
                direction=finding.direction)
    found, reasons = offers(finding, term)
    if figure.value is None:
        if _directions_conflict(figure.direction, finding.direction):
            return Check(outcome="opposite-direction", reason=f"the finding says {finding.direction}", **base)
        if figure.direction and finding.direction == figure.direction:
            return Check(outcome="matches", reason=f"both say {finding.direction}", **base)
        return Check(outcome="not-comparable", reason=f"the figure says {figure.direction or 'no direction'}, "
                     f"the finding {finding.direction}", **base)
    claimed = figure_bounds(figure.value)
    for offer in found:
        converted = _in_unit(kb.vocab, offer, figure.unit) if figure.unit else None
        if converted is None:
            continue
        low, high, ci = converted
        sign_dir = _sign_direction(low, high) if offer.signed else None
        if offer.signed and claimed[0] >= 0:
            low, high = sorted((abs(low), abs(high)))
            if ci is not None:
                ci = tuple(sorted((abs(ci[0]), abs(ci[1])))) if ci[0] * ci[1] > 0 else (0.0, max(map(abs, ci)))
        extra = dict(form=offer.form, low=low, high=high, basis=offer.basis, ci=ci, computed=offer.computed)
        if sign_dir:
            base["direction"] = sign_dir
        outcome = compare_interval(claimed, (low, high), tolerance)
        if figure.direction not in (None, "none", "no-difference") and finding.direction == "no-difference":
            if outcome == "matches":
                outcome = "overstated"
            extra["reason"] = "the study found no difference"
        elif _directions_conflict(figure.direction, finding.direction) or (
                figure.direction in ("lower", "higher") and sign_dir and sign_dir != figure.direction):
            return Check(outcome="opposite-direction", reason=f"the finding goes {sign_dir or finding.direction}",
                         **extra, **base)
        nearest = high if claimed[0] > high else low if claimed[1] < low else (low + high) / 2
        against = claimed[0] if outcome == "overstated" else claimed[1] if outcome == "understated" else claimed[0]
        ratio = against / nearest if nearest else None
        return Check(outcome=outcome, ratio=ratio, difference=against - nearest, **extra, **base)
    if figure.direction not in (None, "none", "no-difference") and finding.direction == "no-difference":
        return Check(outcome="overstated", reason="the study found no difference", **base)
    if _directions_conflict(figure.direction, finding.direction):
        return Check(outcome="opposite-direction", reason=f"the finding says {finding.direction}", **base)
    if not found and not reasons:
        reasons = [f"the finding reports a direction only ({finding.direction})"]
    return Check(outcome="not-comparable", reason=_not_comparable_reason(kb.vocab, figure, found, reasons), **base)


def check_figure(kb, claim, index, figure, tolerance) -> FigureTrace:
    related = related_measures(kb.vocab, figure.measure)
    checks, measures = [], []
    for source, rec, finding in cited_findings(kb, claim):
        measures.append(finding.measure)
        if finding.comparison != figure.comparison:
            if finding.measure == figure.measure:
                checks.append(Check(rec.ref, finding.id, finding.measure, "not-comparable", direct=False,
                                    reason=f"the finding compares {finding.comparison}, the figure {figure.comparison}"))
            continue
        if finding.measure == figure.measure:
            checks.append(check_finding(kb, claim, figure, rec, finding, tolerance))
        elif finding.measure in related:
            via = f"{finding.measure} stands for {figure.measure}: {related[finding.measure]}"
            checks.append(check_finding(kb, claim, figure, rec, finding, tolerance, via))
    return _decide(kb, index, figure, tuple(checks), tuple(dict.fromkeys(measures)))


def _decide(kb, index, figure, checks, measures) -> FigureTrace:
    usable = [c for c in checks if c.comparable]
    if not usable:
        if not any(c.measure == figure.measure or c.related_via for c in checks):
            reason = (f"no cited finding measures {figure.measure}; the cited findings measure {', '.join(measures)}"
                      if measures else "none of the findings the sources cite exists in their findings files")
        else:
            reason = "; ".join(dict.fromkeys(f"{c.ref}/{c.finding}: {c.reason}" for c in checks))
        return FigureTrace(index, "unchecked", checks, reason, measures)
    direct = [c for c in usable if c.direct] or usable
    pooled = _pool(kb, checks, figure)
    outcome, mismatch = _overall(figure, direct)
    return FigureTrace(index, outcome, checks, "", measures, pooled, mismatch)


def _overall(figure, direct):
    outcomes = [c.outcome for c in direct]
    if "matches" in outcomes:
        return "matches", None
    valued = [c for c in direct if c.low is not None and c.outcome in ("overstated", "understated")]
    if figure.value is not None and valued:
        low, high, form = figure_bounds(figure.value)
        top, bottom = max(c.high for c in valued), min(c.low for c in valued)
        if form not in ("up_to", "at_least") and low >= bottom and high <= top:
            return "matches", None   # between the findings, each beyond the tolerance on one side
        if low > top:
            return "overstated", _mismatch("overstated", low, top, valued)
        if all(c.outcome == "understated" for c in valued):
            return "understated", _mismatch("understated", high, bottom, valued)
    kind = next(k for k in ("overstated", "understated", "opposite-direction") if k in outcomes)
    reasons = "; ".join(dict.fromkeys(c.reason for c in direct if c.outcome == kind and c.reason))
    claimed = figure_bounds(figure.value)[0] if figure.value is not None else None
    return kind, Mismatch(kind, claimed, None, None, None, tuple(direct), reasons)


def _mismatch(kind, claimed, found, against) -> Mismatch:
    ratio = claimed / found if found else None
    return Mismatch(kind, claimed, found, ratio, claimed - found, tuple(against))


def _pool(kb, checks, figure):
    """A random-effects pool of the computed or reported effects of two or more primary studies.

    Studies of studies (reviews, meta-analyses) are never pooled: their results are shown as
    published, and pooling them with the trials they contain would count those trials twice.
    Only effects of one kind (and, for mean differences, one unit) and one population are pooled.
    """
    groups: dict = {}
    for c in checks:
        rec = kb.findings[c.ref].record
        if rec.design in SECONDARY_DESIGNS or rec.studies or not c.comparable or c.low is None:
            continue
        finding = next(f for f in rec.findings if f.id == c.finding)
        for offer in offers(finding, kb.vocab.get("comparisons", finding.comparison))[0]:
            est = offer.estimate
            if est is not None and est.kind in ("hedges-g", "smd", "md"):
                key = (est.kind, offer.unit if est.kind == "md" else "", finding.population or rec.population)
                groups.setdefault(key, {}).setdefault(c.ref, (c.ref, est))
    best = max(groups.values(), key=len, default={})
    return pool(list(best.values())) if len(best) >= 2 else None

