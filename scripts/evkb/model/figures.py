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
    kind: str             # overstated | understated | opposite-direction
    claimed: float | None
    found: float | None   # the finding value the figure is compared with (None: nothing numeric to hold)
    ratio: float | None
    difference: float | None
    against: tuple        # the checks (or Comparables) it rests on
    reason: str = ""

    def text(self) -> str:
        """"overstated: 40 claimed, 24.4 found (ratio 1.64, difference +15.6)", or the reason when not numeric."""
        if self.found is None or self.claimed is None:
            return f"{self.kind}: {self.reason}" if self.reason else self.kind
        ratio = f"ratio {self.ratio:.2f}, " if self.ratio is not None and self.ratio != float("inf") else ""
        return f"{self.kind}: {self.claimed:.3g} claimed, {self.found:.3g} found ({ratio}difference {self.difference:+.3g})"


def directions_conflict(claimed: str | None, found: str) -> bool:
    return bool(claimed) and found in OPPOSITE.get(claimed, ())
