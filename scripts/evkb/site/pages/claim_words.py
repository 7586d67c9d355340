"""A claim's figures against the evidence in plain words, from the figure checks' trace
(`FigureTrace`, `Check`): the bottom line of a claim page and one sentence per check.

The bottom line is plain text (it is also the page's meta description); the other
sentences are Markup with sources linked by author and year.
"""
from __future__ import annotations

from markupsafe import Markup

from ...model.figure_text import figure_text
from ...model.units import symbol

STATUS_WORDS = {"misattributed": "does not say what the article says it does", "not-found": "could not be found"}
VERDICT_LINES = {
    "supported": "The cited studies back this claim.",
    "partly-supported": "The studies back only part of this claim, or back it with caveats.",
    "contested": "The studies disagree on this claim.",
    "contradicted": "The cited studies contradict this claim.",
    "no-evidence": "No cited study tests this claim.",
}
BOTTOM_WORDS = 40


def num(v: float) -> str:
    if v is None:
        return "?"
    if abs(v) >= 10:
        return f"{round(v):g}"
    return f"{v:.2g}" if abs(v) >= 1 else f"{v:.2g}"


def _measure(site, measure: str) -> str:
    name = site.measure_name(measure)
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def _value(check, unit_sym: str, precise: bool = False) -> str:
    fmt = (lambda v: f"{v:.3g}") if precise else num
    if check.low == check.high:
        return f"{fmt(check.low)}{unit_sym}"
    return f"{fmt(check.low)}–{fmt(check.high)}{unit_sym}"


def _direction(figure) -> str:
    return f" {figure.direction}" if figure.direction in ("lower", "higher") else ""


def _check_direction(check, figure) -> str:
    """Which way the source's own value goes, in words ("lower"), where that can be said."""
    way = check.direction if check.direction in ("lower", "higher") else None
    return f" {way}" if way else "" if check.direction == "no-difference" else _direction(figure)


def _usable(trace):
    """The checks a reader is told the numbers of: those with a value, direct ones first, and
    (when the figure has a direction) those going the figure's way, if there are any."""
    valued = [c for c in trace.checks if c.comparable and c.low is not None]
    valued = [c for c in valued if c.direct] or valued
    figure_way = {c.direction for c in valued} & {"lower", "higher"}
    same = [c for c in valued if c.direction not in ("lower", "higher", "no-difference") or
            c.direction == _figure_way(trace, valued)] if figure_way else valued
    return same or valued


def _figure_way(trace, valued):
    ways = [c.direction for c in valued if c.direction in ("lower", "higher") and c.outcome != "opposite-direction"]
    return ways[0] if ways else None


def _found(checks, unit_sym: str) -> str:
    lows, highs = [c.low for c in checks], [c.high for c in checks]
    if len(checks) == 1 or (min(lows) == max(lows) and min(highs) == max(highs)):
        return "about " + _value(checks[0], unit_sym)
    return f"between {num(min(lows))}{unit_sym} and {num(max(highs))}{unit_sym}"


def bottom_line(site, claim, a) -> str | None:
    """At most about 40 plain words on what the evidence shows, with the real number where there is
    one; None when no figure of the claim says anything (see `plain_bottom_line`)."""
    for trace in a.traces:
        figure = claim.figures[trace.index]
        if figure.value is None:
            continue
        unit_sym = symbol(site.kb.vocab, figure.unit)
        claimed = figure_text(figure.value, unit_sym)
        checks = _usable(trace)
        refs = list(dict.fromkeys(c.ref for c in checks))
        who = "One study" if len(refs) == 1 else f"{len(refs)} studies" if refs else ""
        if trace.outcome == "unchecked" or not checks:
            if trace.outcome == "opposite-direction":
                return _words(f"The cited studies found {_measure(site, figure.measure)} going the other way, "
                              f"not {claimed}{_direction(figure)}.")
            continue
        found = f"{_measure(site, figure.measure)} {_found(checks, unit_sym)}{_direction(figure)}"
        if trace.outcome == "overstated":
            line = f"{who} found {found}, not {claimed}."
        elif trace.outcome == "understated":
            line = f"{who} found {found}: more than the claim’s {claimed}."
        elif trace.outcome == "opposite-direction":
            line = f"{who} found {_measure(site, figure.measure)} going the other way, not {claimed}{_direction(figure)}."
        else:
            line = f"{who} found {found}, in line with the claim’s {claimed}."
        if not any(c.direct for c in checks):
            line += " It studied another population or activity."
        return _words(line)
    if any(t.outcome == "unchecked" for t in a.traces):
        return _words(VERDICT_LINES[a.verdict] + " Its number could not be checked against the studies.")
    return None


def plain_bottom_line(site, claim, a, first_reason: str = "") -> str:
    """The bottom line; for a claim with no number to hold, the verdict in a line and its first reason."""
    line = bottom_line(site, claim, a)
    if line is not None:
        return line
    line = VERDICT_LINES[a.verdict]
    if first_reason and a.verdict not in ("supported", "no-evidence"):
        first = first_reason[:1].lower() + first_reason[1:] if first_reason.startswith(("The ", "A ")) else first_reason
        line = line.rstrip(".") + ": " + first
    return _words(line)


def _words(text: str) -> str:
    words = text.split()
    return text if len(words) <= BOTTOM_WORDS else " ".join(words[:BOTTOM_WORDS]).rstrip(",;:") + "…"


def figure_sentence(site, claim, figure, trace, names, lead: bool = False) -> Markup:
    """The figure's outcome in one sentence, naming the studies it rests on."""
    unit_sym = symbol(site.kb.vocab, figure.unit)
    claimed = figure_text(figure.value, unit_sym) if figure.value is not None else "its direction"
    checks = _usable(trace)
    outcome = {"overstated": "overstates", "understated": "understates", "opposite-direction": "goes against",
               "matches": "matches"}.get(trace.outcome, "was compared with")
    if checks:
        return Markup("The claim’s figure ({}) {} what {} found: {}{}.").format(
            claimed, outcome, names.many(c.ref for c in checks), _found(checks, unit_sym), _direction(figure))
    refs = [c.ref for c in trace.checks if c.comparable]
    return Markup("The claim’s figure ({}) {} the direction {} found.").format(claimed, outcome, names.many(refs))


def unchecked_why(site, figure, trace, names) -> Markup:
    if not any(c.measure == figure.measure or c.related_via for c in trace.checks):
        return Markup("no cited study measured {}").format(_measure(site, figure.measure))
    return Markup("; ").join(Markup("{}: {}").format(names(c.ref), c.reason) for c in trace.checks)


def check_sentence(site, figure, check, names) -> Markup:
    """"Roos et al. 2012 measured 24.4% lower (computed ...): the claim's up to 40% is 1.6 times that."""
    unit_sym = symbol(site.kb.vocab, figure.unit)
    who = names(check.ref)
    if not check.comparable:
        return Markup("{} could not be compared: {}.").format(who, check.reason)
    claimed = figure_text(figure.value, unit_sym) if figure.value is not None else None
    if check.low is None:
        said = Markup("{} {} ({}).").format(who, "goes the other way" if check.outcome == "opposite-direction"
                                            else "agrees on the direction", check.reason)
        return said
    value = _value(check, unit_sym, precise=True) + _check_direction(check, figure)
    ci = f", 95% interval {check.ci[0]:.3g} to {check.ci[1]:.3g}{unit_sym}" if check.ci else ""
    start = Markup("{} measured {} ({}{})").format(who, value, check.basis, ci)
    if check.outcome == "overstated":
        times = f" is {check.ratio:.2g} times that" if check.ratio and check.ratio != float("inf") else " goes beyond it"
        tail = Markup(": the claim’s {}{}").format(claimed, times)
    elif check.outcome == "understated":
        tail = Markup(": the claim’s {} is less than that").format(claimed)
    elif check.outcome == "opposite-direction":
        tail = Markup(": the opposite direction to the claim ({})").format(check.reason)
    else:
        tail = Markup(": in line with the claim’s {}").format(claimed)
    extra = Markup("")
    if check.reason and check.outcome in ("overstated", "understated"):
        extra += Markup(" ({})").format(check.reason)
    if not check.direct:
        extra += Markup(" It studied another population or activity.")
    if check.related_via:
        extra += Markup(" A related measure stands in: {}.").format(check.related_via)
    return start + tail + Markup(".") + extra


