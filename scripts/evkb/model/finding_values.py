"""What numbers a finding offers for comparison, whatever value form it takes.

A finding holds one value form (a value, a range, per-arm means, per-arm change
scores or a reported effect) and may carry a derived value the base computed.
`offers` turns each into the numbers a claim's figure can be held against: for
arms, the difference between the intervention and the comparator arm (absolute,
relative and standardised); for change scores, the difference in change between
the intervention and a comparator arm, or the change itself when the comparison
is within one group. Which arm is which comes from the comparison's vocabulary
term (`arms: {intervention: [...], comparator: [...]}`); `within_group: true`
marks comparisons of a group with itself (after vs before).
"""
from __future__ import annotations

from dataclasses import dataclass

from .effects import Estimate, from_interval, hedges_g, mean_difference, ratio_of_means

STANDARDISED = {"hedges-g": "hedges-g", "smd": "smd"}
FORM_WORDS = {"value": "a single value", "range": "a range", "arms": "per-group means",
              "change": "change scores", "derived": "a value computed by the base", "effect": "an effect size"}


@dataclass(frozen=True)
class Offer:
    """One number (or interval) a finding offers, in the finding's own unit."""
    form: str                      # value | range | arms | change | derived | effect
    low: float
    high: float
    unit: str | None
    basis: str                     # how it was obtained, in words
    signed: bool = False           # a computed difference: its sign is the direction
    estimate: Estimate | None = None
    computed: bool = False         # computed here from the finding's numbers (not reported)


def arm_roles(term, arms) -> tuple[object, object] | str:
    """(intervention arm, comparator arm), or why they cannot be told apart."""
    spec = term.get("arms") if term is not None else None
    labels = ", ".join(a.label for a in arms)
    if not isinstance(spec, dict):
        return (f"the comparison does not say which arm is the comparator (arms {labels}); declare "
                "`arms: {intervention: [...], comparator: [...]}` on the comparison term")
    pick = lambda role: next((a for a in arms if a.label in (spec.get(role) or ())), None)
    intervention, comparator = pick("intervention"), pick("comparator")
    if intervention is None or comparator is None:
        missing = "intervention" if intervention is None else "comparator"
        return f"no arm is labelled as the {missing} of this comparison (arms {labels})"
    return intervention, comparator


def _arm_offers(finding, a, b) -> list[Offer]:
    unit = finding.unit
    said = f"{a.label} {a.mean:g} vs {b.label} {b.mean:g}"
    out = [Offer("arms", a.mean - b.mean, a.mean - b.mean, unit, f"difference of means, {said}", True,
                 mean_difference(a, b), True)]
    if b.mean:
        rel = (a.mean - b.mean) / b.mean * 100
        rom = ratio_of_means(a, b)
        est = Estimate("relative", rel, rom.se, (rom.low - 1) * 100, (rom.high - 1) * 100) if rom else None
        out.append(Offer("arms", rel, rel, "percent", f"relative difference, {said}", True, est, True))
    g = hedges_g(a, b)
    if g is not None:
        out.append(Offer("arms", g.value, g.value, "hedges-g", f"Hedges' g, {said}", True, g, True))
    return out


def _change_offers(finding, term, reasons) -> list[Offer]:
    within = bool(term is not None and term.get("within_group"))
    roles = arm_roles(term, finding.change) if len(finding.change) > 1 else None
    if isinstance(roles, tuple):
        a, b = roles
        said = f"{a.label} changed by {a.mean:g}, {b.label} by {b.mean:g}"
        out = [Offer("change", a.mean - b.mean, a.mean - b.mean, finding.unit,
                     f"difference in change, {said}", True, mean_difference(a, b), True)]
        g = hedges_g(a, b)
        if g is not None:
            out.append(Offer("change", g.value, g.value, "hedges-g", f"Hedges' g of the change, {said}", True, g, True))
        return out
    if within:
        means = [arm.mean for arm in finding.change]
        said = ", ".join(f"{arm.label} {arm.mean:g}" for arm in finding.change)
        return [Offer("change", min(means), max(means), finding.unit, f"change within the group ({said})", True)]
    reasons.append(roles if isinstance(roles, str) else
                   f"only one group's change is reported ({finding.change[0].label}); the comparison needs "
                   "the comparator's change too")
    return []


def _effect_offer(effect, unit) -> Offer | None:
    kind = STANDARDISED.get(effect.type) or ("md" if effect.type == "md" else None)
    eff_unit = STANDARDISED.get(effect.type) or (unit if effect.type == "md" else None)
    if eff_unit is None:
        return None
    est = from_interval(kind, effect.estimate, *effect.ci, effect.level) if effect.ci else None
    return Offer("effect", effect.estimate, effect.estimate, eff_unit, f"reported {effect.type}", False, est)


def offers(finding, term) -> tuple[list[Offer], list[str]]:
    """The numbers `finding` offers, best first, and why some value form offered none."""
    out, reasons = [], []
    if finding.derived is not None:
        d = finding.derived
        out.append(Offer("derived", d.value, d.value, d.unit, f"computed here from the reported values: {d.formula}"))
    if finding.value is not None:
        out.append(Offer("value", finding.value, finding.value, finding.unit, "reported value"))
    if finding.range is not None:
        low, high = sorted(finding.range)
        out.append(Offer("range", low, high, finding.unit, "reported range"))
    if finding.arms:
        roles = arm_roles(term, finding.arms)
        if isinstance(roles, str):
            reasons.append(roles)
        else:
            out.extend(_arm_offers(finding, *roles))
    if finding.change:
        out.extend(_change_offers(finding, term, reasons))
    if finding.effect is not None:
        offer = _effect_offer(finding.effect, finding.unit)
        if offer is None:
            reasons.append(f"a ratio effect ({finding.effect.type}) is compared only with a figure on its own scale")
        else:
            out.append(offer)
    if finding.not_reported:
        reasons.append("the publication gives no usable value")
    return out, reasons
