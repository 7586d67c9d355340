"""The method page "How a figure is checked": its worked examples are run through the check itself.

Each example is a finding as a contributor would record it and a claim figure; the page
shows what the real comparison (`model.figure_checks.check_finding`) makes of them, so
the page cannot drift from the code. tests/test_figure_checks.py holds every example to
its expected outcome and every value form to an example.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from ...load.vocabulary import load_vocabulary
from ...model import records as model
from ...model.figure_checks import check_finding
from ...model.figure_text import figure_text, finding_value
from ...model.units import symbol
from ...model.vocab import Term
from .templating import render

TERMS = {
    "measures": {"knee-load": {"name": "Knee load", "unit": "body-weights",
                               "related": [{"measure": "knee-moment", "reason": "the moment drives the joint force"}]},
                 "knee-moment": {"name": "Knee moment", "unit": "Nm"},
                 "pain": {"name": "Pain", "unit": "points"}},
    "comparisons": {"backward-vs-forward": {"name": "Backward vs forward",
                                            "arms": {"intervention": ["backward"], "comparator": ["forward"]}},
                    "training-vs-control": {"name": "Training vs control",
                                            "arms": {"intervention": ["trained"], "comparator": ["control"]}},
                    "after-vs-before": {"name": "After vs before", "within_group": True,
                                        "arms": {"intervention": ["after"], "comparator": ["before"]}}},
    "populations": {"adults": {"name": "Adults"}},
    "activities": {"walking": {"name": "Walking"}},
}


@dataclass(frozen=True)
class Example:
    title: str
    form: str                      # the value form it shows (a key of finding_values.FORM_WORDS)
    finding: dict
    figure: dict
    expected: str                  # the outcome the check must give
    note: str = ""
    design: str = "rct"


def _arm(label, mean, sd=None, n=None):
    return model.Arm(label=label, mean=mean, sd=sd, n=n)


EXAMPLES = (
    Example("A single value", "value",
            dict(measure="knee-load", comparison="backward-vs-forward", direction="lower", unit="percent", value=24),
            dict(value=25.0, unit="percent"), "matches", "25 is within 10 % of 24."),
    Example("A range", "range",
            dict(measure="knee-load", comparison="backward-vs-forward", direction="lower", unit="percent", range=(15, 20)),
            dict(value=model.Bound(up_to=40.0), unit="percent"), "overstated",
            "\"Up to 40 %\" is held against the top of the range, 20."),
    Example("Per-group means", "arms",
            dict(measure="knee-load", comparison="backward-vs-forward", direction="lower", unit="body-weights",
                 arms=(_arm("forward", 4.5, 1.5, 20), _arm("backward", 3.4, 1.4, 20))),
            dict(value=24.0, unit="percent"), "matches",
            "The relative difference (3.4 − 4.5) / 4.5 = −24.4 % is computed from the arms; the sign is the direction."),
    Example("Change scores with a control group", "change",
            dict(measure="pain", comparison="training-vs-control", direction="improved", unit="points",
                 change=(_arm("trained", 1.8, 1.1, 30), _arm("control", 1.0, 1.2, 30))),
            dict(value=1.8, unit="points", direction="improved"), "overstated",
            "The trained group's own change (1.8) is not the effect of training: the control group improved "
            "by 1.0 too, so the difference is 0.8."),
    Example("Change within one group", "change",
            dict(measure="pain", comparison="after-vs-before", direction="improved", unit="points",
                 change=(_arm("after", 2.1),)),
            dict(value=2.0, unit="points", direction="improved"), "matches",
            "For a group compared with itself the change is the comparison."),
    Example("A value the base derived", "derived",
            dict(measure="knee-load", comparison="backward-vs-forward", direction="lower", unit="N",
                 arms=(_arm("forward", 4253), _arm("backward", 2277)),
                 derived=model.Derived(formula="(forward - backward) / forward * 100", value=46.5, unit="percent")),
            dict(value=46.0, unit="percent"), "matches", "The derived value is used first; its formula is re-checked "
            "by the derived-value-mismatch rule."),
    Example("A reported effect size", "effect",
            dict(measure="pain", comparison="training-vs-control", direction="improved",
                 effect=model.Effect(type="hedges-g", estimate=-1.0, ci=(-1.3, -0.7))),
            dict(value=40.0, unit="percent", direction="improved"), "not-comparable",
            "A percentage is never compared with a standardised mean difference; the figure stays unchecked."),
    Example("A related measure", "value",
            dict(measure="knee-moment", comparison="backward-vs-forward", direction="lower", unit="percent", value=21),
            dict(value=20.0, unit="percent"), "matches",
            "The vocabulary declares knee-moment related to knee-load, so it may stand in; the check says so."),
)


def example_vocabulary():
    vocab = load_vocabulary(Path("/nonexistent-evkb-topic"), str)[0]
    for kind, terms in TERMS.items():
        for tid, spec in terms.items():
            vocab.terms[kind][tid] = Term(tid, kind, spec["name"], "", spec)
    return vocab


def run_example(example: Example, vocab):
    finding = model.Finding(id="f", where="Table 2", **example.finding)
    rec = model.FindingsRecord(ref="example", design=example.design, population="adults", activity="walking",
                               findings=(finding,))
    figure = model.Figure(measure="knee-load" if example.finding["measure"] == "knee-moment" else example.finding["measure"],
                          comparison=example.finding["comparison"],
                          **{"direction": example.finding["direction"], **example.figure})
    claim = model.Claim(id="example", kind="assertion", statement="", reviewed="2026-01-01", population="adults",
                        activity="walking", figures=(figure,))
    kb = SimpleNamespace(vocab=vocab)
    via = ""
    if figure.measure != finding.measure:
        via = f"{finding.measure} stands for {figure.measure}"
    return finding, figure, check_finding(kb, claim, figure, rec, finding, TOLERANCE, via)


def default_tolerance() -> float:
    from ...engine.rules import find
    return find("figure-mismatch").options["tolerance"]


TOLERANCE = default_tolerance()


def method_figures_page(site) -> str:
    vocab = example_vocabulary()
    rows = []
    for ex in EXAMPLES:
        finding, figure, check = run_example(ex, vocab)
        sym = symbol(vocab, figure.unit)
        value = "—" if check.low is None else (f"{check.low:.3g}{sym}" if check.low == check.high
                                               else f"{check.low:.3g}–{check.high:.3g}{sym}")
        rows.append({"example": ex, "recorded": finding_value(finding, vocab), "claimed": figure_text(figure.value, sym),
                     "value": value, "check": check})
    return render("method_figures.md.j2", rows=rows, tolerance=TOLERANCE)
