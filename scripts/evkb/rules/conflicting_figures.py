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

from ..figures import OPPOSITE, figure_bounds
from ..units import IncompatibleUnits, convert
from ._util import at, loc

CODE = "F006"
NAME = "conflicting-figures"
LEVEL = "warning"
OPTIONS = {"tolerance": 0.10}


def _groups(kb):
    groups = defaultdict(list)
    for loaded in kb.claims.values():
        claim = loaded.record
        for i, figure in enumerate(claim.figures):
            groups[(figure.measure, figure.comparison, claim.population, claim.activity)].append((loaded, i, figure))
    return groups


def check(ctx):
    tol = ctx.option("tolerance")
    for key, items in _groups(ctx.kb).items():
        if len(items) > 1:
            yield from _direction_conflicts(items)
            yield from _value_conflicts(ctx.kb.vocab, items, tol)


def _direction_conflicts(items):
    first = {}
    for loaded, i, figure in items:
        if figure.direction:
            first.setdefault(figure.direction, (loaded, i, figure))
    directions = sorted(first)
    for a in directions:
        for b in directions:
            if a < b and (b in OPPOSITE.get(a, ()) or a in OPPOSITE.get(b, ())):
                loaded, i, figure = first[b]
                o_loaded, o_i, _ = first[a]
                yield _hit(loaded, i, figure, o_loaded, o_i, f"says {b!r} where {o_loaded.record.id} says {a!r}")


def _value_conflicts(vocab, items, tol):
    unit = next((f.unit for _, _, f in items if f.value is not None), None)
    spans = []
    for loaded, i, figure in items:
        if figure.value is None or (figure.direction and figure.direction not in ("lower", "higher", "improved", "worse")):
            continue
        low, high, _ = figure_bounds(figure.value)
        try:
            spans.append((convert(vocab, low, figure.unit, unit), convert(vocab, high, figure.unit, unit), loaded, i, figure))
        except IncompatibleUnits:
            continue
    spans.sort(key=lambda s: (s[0], s[1]))
    reach = None
    for low, high, loaded, i, figure in spans:
        if reach is not None and low > reach[0] * (1 + tol) + 1e-9 and loaded.record.id != reach[2].record.id:
            r_high, _, r_loaded, r_i, r_fig = reach
            gives = f"{low:g}" if low == high else f"{low:g}–{high:g}"
            yield _hit(loaded, i, figure, r_loaded, r_i,
                       f"gives {gives}, which does not overlap {r_loaded.record.id}'s {r_high:g}")
        if reach is None or high > reach[0]:
            reach = (high, low, loaded, i, figure)


def _hit(loaded, i, figure, other, other_i, what):
    return at(loaded, "figures", i, "value", value=True,
              message=f"{figure.measure} ({figure.comparison}, {loaded.record.population}, {loaded.record.activity}): "
                      f"this claim {what}",
              hint="check both claims against the evidence; if both are circulating, the conflict is the finding",
              related=[loc(other, "figures", other_i, "value", value=True)])
