"""A figure's or finding's unit cannot measure its measure.

Each measure has a canonical unit; a value must be in a unit of the same
dimension (km/h and m/s are both speeds), or a relative one (percent,
percentage points) or a standardised effect, or `unreported` (the publication gives no unit; never compared), or one of the measure's declared
`alternative_units` (newtons for a force usually given in body weights). Anything else cannot be converted
and compared, so it is an error.

Failing example:

    figures:
      - {measure: walking-speed, comparison: backward-vs-forward, value: 3, unit: bpm}

Fixed example:

    figures:
      - {measure: walking-speed, comparison: backward-vs-forward, value: 3, unit: km/h}
"""
from ...model.units import dimension
from ._util import at

CODE = "V003"
NAME = "incompatible-unit"
LEVEL = "error"
OPTIONS: dict = {}
ALWAYS = {"relative", "percentage-points", "standardised-effect", "unreported"}


def allowed(vocab, measure: str) -> set | None:
    term = vocab.get("measures", measure)
    if term is None or dimension(vocab, term.get("unit", "")) is None:
        return None
    extra = {dimension(vocab, u) for u in term.get("alternative_units", ())}
    return ALWAYS | {dimension(vocab, term.get("unit"))} | extra


def _check(ctx, loaded, path, measure, unit):
    vocab = ctx.kb.vocab
    table = ctx.shared("allowed-dimensions", dict)
    if measure not in table:
        table[measure] = allowed(vocab, measure)
    dims = table[measure]
    dim = dimension(vocab, unit) if unit else None
    if dims is None or dim is None or dim in dims:
        return
    canonical = vocab.get("measures", measure).get("unit")
    yield at(loaded, *path, "unit", value=True,
             message=f"unit {unit!r} ({dim}) cannot express {measure!r}, measured in {canonical!r}",
             hint=f"use {canonical!r}, a unit of the same dimension, or percent for a relative difference")


def check_claim(ctx, loaded):
    for i, figure in enumerate(loaded.record.figures):
        yield from _check(ctx, loaded, ("figures", i), figure.measure, figure.unit)


def check_findings(ctx, loaded):
    for i, finding in enumerate(loaded.record.findings):
        if finding.unit:
            yield from _check(ctx, loaded, ("findings", i), finding.measure, finding.unit)
        if finding.derived:
            yield from _check(ctx, loaded, ("findings", i, "derived"), finding.measure, finding.derived.unit)
