"""Two claims give incompatible figures for the same measure, comparison, population and activity.

Claims are grouped by (measure, comparison, population, activity) first, then
sorted within each group, so the rule is n log n, never all pairs. Two figures
conflict when their directions are opposite (lower vs higher) or their values,
converted to one unit, do not overlap within the relative `tolerance`.

Failing example:

    claims/energy/a.yaml  figures: [{measure: energy-cost, comparison: backward-vs-forward, value: [20, 40], unit: percent}]
    claims/energy/b.yaml  figures: [{measure: energy-cost, comparison: backward-vs-forward, value: 5, unit: percent}]

Fixed example:

    one of the figures corrected, or the populations told apart (healthy-adults / knee-oa)
"""
from collections import defaultdict
from sys import intern

from ...model.figures import OPPOSITE, figure_bounds
from ...model.units import IncompatibleUnits, convert
from ._util import at, loc

CODE = "F006"
NAME = "conflicting-figures"
LEVEL = "warning"
OPTIONS = {"tolerance": 0.10}


VALUE_DIRECTIONS = ("lower", "higher", "improved", "worse")


def index_claim(ctx, loaded):
    """What the rule needs of one claim, cached with it so a re-check reads no record:
    (id, population, activity, figures), each figure (index, measure, comparison, direction,
    (low, high) of its value or None, unit)."""
    claim = loaded.record   # terms repeat across claims: interned, the cached index holds each once
    figures = tuple([(i, intern(f.measure), intern(f.comparison), f.direction and intern(f.direction),
                      figure_bounds(f.value)[:2] if f.value is not None else None, f.unit and intern(f.unit))
                     for i, f in enumerate(claim.figures)])
    return claim.id, intern(claim.population), intern(claim.activity), figures


def _groups(kb, index=None):
    """(measure, comparison, population, activity) -> [(loaded, claim id, figure)], in the base's order."""
    groups = defaultdict(list)
    pairs = index if index is not None else [(loaded, index_claim(None, loaded)) for loaded in kb.claims.values()]
    for loaded, (claim_id, population, activity, figures) in pairs:
        for figure in figures:
            groups[(figure[1], figure[2], population, activity)].append((loaded, claim_id, figure))
    return groups


def check(ctx):
    tol = ctx.option("tolerance")
    for key, items in _groups(ctx.kb, ctx.claim_index(NAME)).items():
        if len(items) > 1:
            yield from _direction_conflicts(key, items)
            yield from _value_conflicts(ctx.kb.vocab, key, items, tol)


def _direction_conflicts(key, items):
    first = {}
    for item in items:
        if item[2][3]:
            first.setdefault(item[2][3], item)
    directions = sorted(first)
    for a in directions:
        for b in directions:
            if a < b and (b in OPPOSITE.get(a, ()) or a in OPPOSITE.get(b, ())):
                yield _hit(key, first[b], first[a], f"says {b!r} where {first[a][1]} says {a!r}")


def _value_conflicts(vocab, key, items, tol):
    unit = next((figure[5] for _, _, figure in items if figure[4] is not None), None)
    spans = []
    for item in items:
        _, _, _, direction, bounds, figure_unit = item[2]
        if bounds is None or (direction and direction not in VALUE_DIRECTIONS):
            continue
        try:
            spans.append((convert(vocab, bounds[0], figure_unit, unit), convert(vocab, bounds[1], figure_unit, unit), item))
        except IncompatibleUnits:
            continue
    spans.sort(key=lambda s: (s[0], s[1]))
    reach = None
    for low, high, item in spans:
        if reach is not None and low > reach[0] * (1 + tol) + 1e-9 and item[1] != reach[2][1]:
            r_high, _, r_item = reach
            gives = f"{low:g}" if low == high else f"{low:g}–{high:g}"
            yield _hit(key, item, r_item, f"gives {gives}, which does not overlap {r_item[1]}'s {r_high:g}")
        if reach is None or high > reach[0]:
            reach = (high, low, item)


def _hit(key, item, other, what):
    measure, comparison, population, activity = key
    return at(item[0], "figures", item[2][0], "value", value=True,
              message=f"{measure} ({comparison}, {population}, {activity}): this claim {what}",
              hint="check both claims against the evidence; if both are circulating, the conflict is the finding",
              related=[loc(other[0], "figures", other[2][0], "value", value=True)])
