"""Numbers: claim figures as intervals, whether a finding is direct evidence for a claim, and a mismatch."""
from __future__ import annotations

from dataclasses import dataclass

from . import records as model

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


def is_direct(kb, claim, finding, rec) -> bool:
    population = finding.population or rec.population
    activity = finding.activity or rec.activity
    return (kb.vocab.within("populations", population, claim.population)
            and kb.vocab.within("activities", activity, claim.activity))


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
