"""What each vocabulary term's fields hold (docs/records.md, "Vocabulary"), checked as terms are read.

The rules trust a term's fields (a unit's `factor` is multiplied, a comparison's `arms` are searched),
so a field of the wrong shape is reported at its line and left out of the term, which the rest of
the base can still use. A field the kind does not have is reported with a did-you-mean hint.
"""
from __future__ import annotations

import math

from ..model.vocab import GRADES


def _text(v) -> bool:
    return isinstance(v, str)


def _texts(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _related(v) -> bool:
    return isinstance(v, list) and all(isinstance(x, dict) and isinstance(x.get("measure"), str)
                                       and set(x) <= {"measure", "reason"} and _text(x.get("reason", ""))
                                       for x in v)


def _arms(v) -> bool:
    return isinstance(v, dict) and set(v) <= {"intervention", "comparator"} and all(map(_texts, v.values()))


def _factor(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v > 0


def _rank(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


COMMON = {"name": (_text, "text"), "description": (_text, "text")}
FIELDS = {
    "measures": {"unit": (_text, "a unit id"), "alternative_units": (_texts, "a list of unit ids"),
                 "related": (_related, "a list of {measure: ..., reason: ...}")},
    "comparisons": {"arms": (_arms, "{intervention: [labels], comparator: [labels]}"),
                    "within_group": (lambda v: isinstance(v, bool), "true or false")},
    "populations": {"broader": (_text, "a population id")},
    "activities": {"broader": (_text, "an activity id")},
    "units": {"symbol": (_text, "text"), "dimension": (_text, "a dimension name"),
              "factor": (_factor, "a positive number")},
    "designs": {"start": (lambda v: v in GRADES, " | ".join(GRADES)), "rank": (_rank, "a whole number")},
}


def check_term(kind: str, spec: dict):
    """(field, message, hint) for each field of a term's mapping that the kind does not take as written."""
    from .validate import did_you_mean
    allowed = {**COMMON, **FIELDS.get(kind, {})}
    for key, value in spec.items():
        if key not in allowed:
            yield key, f"unknown field {key!r} in a {kind} term", \
                did_you_mean(key, allowed) or f"allowed fields: {', '.join(allowed)}"
            continue
        ok, expected = allowed[key]
        if not ok(value):
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
            yield key, f"{key} has the wrong type or shape: {shown}", f"expected {expected}"
