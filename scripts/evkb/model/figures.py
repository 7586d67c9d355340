"""Numbers: claim figures as intervals, comparable values of findings, and comparison."""
from __future__ import annotations

from dataclasses import dataclass

from . import records as model
from .units import IncompatibleUnits, compatible, convert

OPPOSITE = {"lower": {"higher", "no-difference"}, "higher": {"lower", "no-difference"},
            "improved": {"worse", "no-difference"}, "worse": {"improved", "no-difference"}}


def figure_bounds(value) -> tuple[float, float, str]:
    """(low, high, form) of a figure value: form is exact, range, up_to, at_least or direction (no value)."""
    if value is None:
        return float("nan"), float("nan"), "direction"
    if isinstance(value, model.Bound):
        if value.up_to is not None:
            return value.up_to, value.up_to, "up_to"
        return value.at_least, value.at_least, "at_least"
    if isinstance(value, tuple):
        return min(value), max(value), "range"
    return value, value, "exact"


def figure_numbers(value) -> list[float]:
    if value is None:
        return []
    low, high, form = figure_bounds(value)
    return [low] if low == high else [low, high]


@dataclass(frozen=True)
class Comparable:
    """One finding's value on a figure's measure and comparison, in the figure's unit."""
    source_index: int
    ref: str
    finding: object
    low: float
    high: float
    direct: bool


def finding_interval(finding, unit: str, vocab) -> tuple[float, float] | None:
    """The finding's value(s) in `unit`, or None when it has no value in a compatible unit."""
    candidates = []
    if finding.derived is not None:
        candidates.append(((finding.derived.value, finding.derived.value), finding.derived.unit))
    if finding.value is not None and finding.unit:
        candidates.append(((finding.value, finding.value), finding.unit))
    if finding.range is not None and finding.unit:
        candidates.append((tuple(sorted(finding.range)), finding.unit))
    if finding.effect is not None:
        eff_unit = finding.unit if finding.effect.type == "md" and finding.unit else finding.effect.type
        candidates.append(((finding.effect.estimate, finding.effect.estimate), eff_unit))
    for (low, high), from_unit in candidates:
        if compatible(vocab, from_unit, unit):
            try:
                return convert(vocab, low, from_unit, unit), convert(vocab, high, from_unit, unit)
            except IncompatibleUnits:
                continue
    return None


def is_direct(kb, claim, finding, rec) -> bool:
    population = finding.population or rec.population
    activity = finding.activity or rec.activity
    return (kb.vocab.within("populations", population, claim.population)
            and kb.vocab.within("activities", activity, claim.activity))


def comparables(kb, claim, figure) -> list[Comparable]:
    out = []
    for si, source in enumerate(claim.sources):
        if source.stance == "mentions":
            continue
        rec = kb.findings.get(source.ref)
        if rec is None:
            continue
        for fid in source.findings:
            finding = next((f for f in rec.record.findings if f.id == fid), None)
            if finding is None or (finding.measure, finding.comparison) != (figure.measure, figure.comparison):
                continue
            interval = finding_interval(finding, figure.unit, kb.vocab) if figure.unit else None
            if interval is not None:
                out.append(Comparable(si, source.ref, finding, interval[0], interval[1],
                                      is_direct(kb, claim, finding, rec.record)))
    return out


@dataclass(frozen=True)
class Mismatch:
    kind: str          # overstated | understated
    claimed: float
    found: float       # the finding value the figure is compared with
    ratio: float
    difference: float
    against: tuple     # Comparables used


def compare_figure(figure, found: list[Comparable], tolerance: float) -> Mismatch | None:
    """None when the figure agrees with the findings (or nothing is comparable)."""
    if not found or figure.value is None or not figure.unit:
        return None
    direct = [c for c in found if c.direct] or found
    low, high, form = figure_bounds(figure.value)
    top = max(c.high for c in direct)
    bottom = min(c.low for c in direct)
    if form == "up_to" or form == "at_least":
        if low > top * (1 + tolerance) + 1e-9:
            return _mismatch("overstated", low, top, direct)
        return None
    if any(_overlaps(low, high, c.low, c.high, tolerance) for c in direct):
        return None
    if low > top:
        return _mismatch("overstated", low, top, direct)
    return _mismatch("understated", high, bottom, direct)


def _overlaps(a_low, a_high, b_low, b_high, tol) -> bool:
    slack = tol * max(abs(b_low), abs(b_high), 1e-12)
    return a_low <= b_high + slack and a_high >= b_low - slack


def _mismatch(kind, claimed, found, against) -> Mismatch:
    ratio = claimed / found if found else float("inf")
    return Mismatch(kind, claimed, found, ratio, claimed - found, tuple(against))


def directions_conflict(claimed: str | None, found: str) -> bool:
    return bool(claimed) and found in OPPOSITE.get(claimed, ())
