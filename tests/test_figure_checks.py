"""Figure checks: every value form compared, nothing passed silently, and the numbers against
values others published.

Golden values come from publications (Normand 1999, Statistics in Medicine 18:321-359, Tables
VIII and IX; Borenstein, Hedges, Higgins & Rothstein 2009, Introduction to Meta-Analysis,
chapter 4) and from statsmodels run on the same input. Property tests (hypothesis) hold the
interval comparison to its definition. The behaviour tests write fresh claims into a copy of
the rule-example base and run the real check.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from evkb_testlib import DATA, check, make_base, run_cli, write
from evkb.model import records as model
from evkb.model.effects import Estimate, hedges_g, mean_difference, pool, ratio_of_means
from evkb.model.figure_checks import compare_interval
from evkb.load.vocabulary import load_vocabulary
from evkb.model.units import convert

NORMAND = yaml.safe_load((DATA / "golden" / "normand1999.yaml").read_text(encoding="utf-8"))


def arm(mean, sd, n, label="a"):
    return model.Arm(label=label, mean=mean, sd=sd, n=n)


# -- golden: effect sizes recomputed from published arm data ---------------------------------

@pytest.mark.parametrize("study", NORMAND["studies"], ids=lambda s: s["source"])
def test_mean_difference_and_variance_match_normand_table_viii(study):
    md = mean_difference(arm(study["m1"], study["sd1"], study["n1"]), arm(study["m2"], study["sd2"], study["n2"]))
    assert md.value == study["md"]
    assert round(md.se ** 2, 2) == study["var"]


def test_hedges_g_matches_the_borenstein_worked_example():
    # Introduction to Meta-Analysis (2009), ch. 4: d = 0.5970, Vd = 0.0418, J = 0.9923, g = 0.5924, Vg = 0.0411
    g = hedges_g(arm(103, 5.5, 50), arm(100, 4.5, 50))
    assert round(g.value, 4) == 0.5924
    assert round(g.se ** 2, 4) == 0.0411
    assert g.low == pytest.approx(0.5924 - 1.959964 * math.sqrt(0.0411), abs=2e-4)


def test_hedges_g_agrees_with_statsmodels_on_every_normand_study():
    from statsmodels.stats.meta_analysis import effectsize_smd
    for s in NORMAND["studies"]:
        ours = hedges_g(arm(s["m1"], s["sd1"], s["n1"]), arm(s["m2"], s["sd2"], s["n2"]))
        eff, var = effectsize_smd(s["m1"], s["sd1"], s["n1"], s["m2"], s["sd2"], s["n2"])
        # statsmodels uses the exact gamma-function correction; J = 1 - 3/(4df - 1) is within 1e-3 of it.
        # Its variance follows another textbook approximation than Borenstein's J^2 Vd used here
        # (held to the book above), so only the estimates are compared.
        assert ours.value == pytest.approx(float(eff), abs=1e-3)
        assert var > 0


def test_ratio_of_means_interval_is_symmetric_on_the_log_scale():
    r = ratio_of_means(arm(3.4, 1.4, 20), arm(4.5, 1.5, 20))
    assert r.value == pytest.approx(3.4 / 4.5)
    assert math.log(r.value) - math.log(r.low) == pytest.approx(math.log(r.high) - math.log(r.value))
    se = math.sqrt(1.4 ** 2 / (20 * 3.4 ** 2) + 1.5 ** 2 / (20 * 4.5 ** 2))
    assert r.se == pytest.approx(se)


# -- golden: the random-effects pool ---------------------------------------------------------

def _normand_estimates():
    return [(s["source"], Estimate("md", s["md"], math.sqrt(s["var"]), 0, 0)) for s in NORMAND["studies"]]


def test_dersimonian_laird_pool_matches_normand_table_ix():
    p = pool(_normand_estimates())
    published = NORMAND["random_effects_dl"]
    assert round(p.value, 2) == pytest.approx(published["estimate"], abs=0.011)
    assert round(p.low, 2) == pytest.approx(published["low"], abs=0.011)
    assert round(p.high, 2) == pytest.approx(published["high"], abs=0.011)
    assert p.tau2 == pytest.approx(published["tau2"], abs=0.5)
    assert p.k == 9


def test_pool_agrees_with_statsmodels_combine_effects_to_three_decimals():
    from statsmodels.stats.meta_analysis import combine_effects
    est = _normand_estimates()
    ours = pool(est)
    import numpy as np
    theirs = combine_effects(np.array([e.value for _, e in est]), np.array([e.se ** 2 for _, e in est]), method_re="dl")
    assert round(ours.value, 3) == round(float(theirs.mean_effect_re), 3)
    assert round(ours.se, 3) == round(float(theirs.sd_eff_w_re), 3)
    assert round(ours.tau2, 3) == round(float(theirs.tau2), 3)
    assert round(ours.i2, 3) == round(float(theirs.i2) * 100, 3)
    frame = theirs.summary_frame()
    low, high = frame.loc["random effect", "ci_low"], frame.loc["random effect", "ci_upp"]
    assert round(ours.low, 3) == round(float(low), 3) and round(ours.high, 3) == round(float(high), 3)


def test_pool_needs_two_studies():
    assert pool(_normand_estimates()[:1]) is None


# -- properties of the interval comparison ---------------------------------------------------

finite = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
TOL = 0.10


@settings(max_examples=300, deadline=None)
@given(v=finite, width=st.floats(min_value=0, max_value=10))
def test_a_figure_equal_to_the_source_always_matches(v, width):
    assert compare_interval((v, v, "exact"), (v, v), TOL) == "matches"
    assert compare_interval((v, v, "up_to"), (v, v), TOL) == "matches"
    assert compare_interval((v, v + width, "range"), (v, v + width), TOL) == "matches"


@settings(max_examples=300, deadline=None)
@given(v=finite, factor=st.floats(min_value=1.0001, max_value=100))
def test_scaling_a_figure_past_the_tolerance_gives_overstated(v, factor):
    claimed = v * (1 + TOL) * factor
    for form in ("exact", "up_to", "at_least"):
        assert compare_interval((claimed, claimed, form), (v, v), TOL) == "overstated"


@settings(max_examples=300, deadline=None)
@given(v=finite, factor=st.floats(min_value=1.0001, max_value=100))
def test_shrinking_a_figure_past_the_tolerance_gives_understated(v, factor):
    claimed = v * (1 - TOL) / factor
    assert compare_interval((claimed, claimed, "exact"), (v, v), TOL) == "understated"


VOCAB = load_vocabulary(Path("/nonexistent"), str)[0]
UNITS_BY_DIMENSION: dict = {}
for _uid, _term in VOCAB.terms["units"].items():
    UNITS_BY_DIMENSION.setdefault(_term.get("dimension"), []).append(_uid)
CONVERTIBLE = sorted((a, b) for units in UNITS_BY_DIMENSION.values() for a in units for b in units)


@settings(max_examples=300, deadline=None)
@given(x=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), pair=st.sampled_from(CONVERTIBLE))
def test_unit_conversion_round_trips(x, pair):
    a, b = pair
    assert convert(VOCAB, convert(VOCAB, x, a, b), b, a) == pytest.approx(x, rel=1e-9, abs=1e-9)


# -- behaviour on records --------------------------------------------------------------------

CHANGE_FINDINGS = """\
ref: smith2020knee
design: rct
n: 60
population: healthy-adults
activity: walking
evidence_basis: full-text
findings:
  - id: pain-change
    measure: knee-load
    comparison: backward-training-vs-control
    direction: lower
    where: Table 3
    unit: body-weights
    change:
      - {label: backward, mean: -0.5, sd: 0.4, n: 30}
      - {label: control, mean: -0.3, sd: 0.4, n: 30}
  - id: effort
    measure: walking-speed
    comparison: backward-vs-forward
    direction: lower
    where: Table 1
    unit: km/h
    value: 1.8
"""
COMPARISONS = """\
backward-vs-forward:
  name: Backward vs forward
  description: The same people moving backward and forward in one session.
  arms: {intervention: [backward], comparator: [forward]}
backward-training-vs-control:
  name: Backward training vs no training
  description: A trained group against an untrained one.
  arms: {intervention: [backward], comparator: [control]}
"""


def claim_yaml(cid, measure, comparison, value, unit, findings, extra=""):
    return f"""\
id: {cid}
kind: assertion
statement: Backward training changes the outcome by {value} ({unit}).
reviewed: 2026-01-20
population: healthy-adults
activity: walking
figures:
  - measure: {measure}
    comparison: {comparison}
    direction: lower
    value: {value}
    unit: {unit}
sources:
  - ref: smith2020knee
    findings: [{findings}]
    stance: supports
{extra}"""


@pytest.fixture
def change_base(tmp_path):
    root = make_base(tmp_path)
    write(root, "references/findings/smith2020knee.yaml", CHANGE_FINDINGS)
    write(root, "references/vocabulary/comparisons.yaml", COMPARISONS)
    (root / "claims/knee/knee-load-lower.yaml").unlink()
    (root / "references/media/blog-one.yaml").unlink()
    return root


def codes(result, cid):
    return sorted(d.code for d in result.for_subject(cid))


def test_an_overstated_change_from_baseline_is_flagged(change_base):
    # the backward group improved by 0.5 BW, the control by 0.3: the difference is 0.2 BW, not 0.5
    write(change_base, "claims/knee/change.yaml",
          claim_yaml("change", "knee-load", "backward-training-vs-control", 0.5, "body-weights", "pain-change"))
    result = check(change_base)
    trace = result.assessments["change"].traces[0]
    assert trace.outcome == "overstated"
    (c,) = trace.checks
    assert (c.form, c.low, c.outcome) == ("change", pytest.approx(0.2), "overstated")
    assert "F005" in codes(result, "change")
    assert result.assessments["change"].verdict == "partly-supported"


def test_a_figure_matching_the_difference_in_change_passes(change_base):
    write(change_base, "claims/knee/change.yaml",
          claim_yaml("change", "knee-load", "backward-training-vs-control", 0.2, "body-weights", "pain-change"))
    result = check(change_base)
    assert result.assessments["change"].traces[0].outcome == "matches"
    assert "F005" not in codes(result, "change") and "F009" not in codes(result, "change")


def test_a_figure_citing_a_finding_of_another_measure_is_unchecked(change_base):
    write(change_base, "claims/knee/other.yaml",
          claim_yaml("other", "knee-load", "backward-vs-forward", 25, "percent", "effort"))
    result = check(change_base)
    a = result.assessments["other"]
    assert a.traces[0].outcome == "unchecked"
    assert "walking-speed" in a.traces[0].reason
    assert a.verdict == "partly-supported"  # never "supported" on a figure nobody compared
    (d,) = [d for d in result.for_subject("other") if d.code == "F009"]
    assert d.level == "warning" and "walking-speed" in d.message


def test_a_percentage_is_never_compared_with_a_standardised_effect(change_base):
    write(change_base, "references/findings/smith2020knee.yaml", CHANGE_FINDINGS + """\
  - id: g
    measure: knee-load
    comparison: backward-vs-forward
    direction: lower
    where: Figure 2
    effect: {type: hedges-g, estimate: -0.8, ci: [-1.2, -0.4]}
""")
    write(change_base, "claims/knee/pct.yaml", claim_yaml("pct", "knee-load", "backward-vs-forward", 80, "percent", "g"))
    result = check(change_base)
    trace = result.assessments["pct"].traces[0]
    assert trace.outcome == "unchecked"
    assert "never compared with a standardised mean difference" in trace.reason


def test_a_related_measure_stands_in_only_when_declared_and_says_so(change_base):
    write(change_base, "claims/knee/rel.yaml",
          claim_yaml("rel", "walking-speed", "backward-vs-forward", 1.8, "km/h", "effort"))
    measures = (change_base / "references/vocabulary/measures.yaml").read_text(encoding="utf-8")
    write(change_base, "claims/knee/rel.yaml",
          claim_yaml("rel", "knee-load", "backward-vs-forward", 1.8, "km/h", "effort"))
    assert check(change_base).assessments["rel"].traces[0].outcome == "unchecked"
    write(change_base, "references/vocabulary/measures.yaml", measures.replace(
        "  alternative_units: [N]\n",
        "  alternative_units: [N]\n  related:\n    - {measure: walking-speed, reason: a test relation}\n"))
    trace = check(change_base).assessments["rel"].traces[0]
    assert trace.outcome == "matches"
    assert "a test relation" in trace.checks[0].related_via


def test_show_prints_the_trace_as_text_and_json(change_base):
    write(change_base, "claims/knee/change.yaml",
          claim_yaml("change", "knee-load", "backward-training-vs-control", 0.5, "body-weights", "pain-change"))
    text = run_cli(["show", "change", "--root", str(change_base), "--no-cache"])
    assert text.returncode == 0, text.stderr
    assert "smith2020knee/pain-change: 0.2 BW" in text.stdout and "overstated" in text.stdout
    out = run_cli(["show", "change", "--root", str(change_base), "--no-cache", "--format", "json"])
    data = json.loads(out.stdout)
    (check_,) = data["figures"][0]["checks"]
    assert check_["ref"] == "smith2020knee" and check_["finding"] == "pain-change"
    assert check_["form"] == "change" and check_["outcome"] == "overstated"
    assert check_["value"] == [pytest.approx(0.2), pytest.approx(0.2)]
    assert check_["ratio"] == pytest.approx(2.5) and check_["difference"] == pytest.approx(0.3)


def test_every_figure_of_the_base_has_a_trace():
    from evkb.load.loader import load
    from evkb.engine.assess import assess
    root = Path(__file__).parent.parent
    kb = load(root, None)
    seen = 0
    for loaded in kb.claims.values():
        a = assess(kb, loaded.record)
        assert len(a.traces) == len(loaded.record.figures)
        for t in a.traces:
            seen += 1
            assert t.outcome in ("matches", "overstated", "understated", "opposite-direction", "unchecked")
            assert t.outcome != "unchecked" or t.reason
    assert seen >= 15


# -- the method page: generated from the check, one example per value form ---------------------

def test_every_method_example_gives_its_stated_outcome():
    from evkb.site.pages.method_figures import EXAMPLES, example_vocabulary, run_example
    vocab = example_vocabulary()
    for ex in EXAMPLES:
        _, _, got = run_example(ex, vocab)
        assert got.outcome == ex.expected, (ex.title, got)


def test_the_method_page_has_an_example_for_every_value_form():
    from evkb.model.finding_values import FORM_WORDS
    from evkb.site.pages.method_figures import EXAMPLES, method_figures_page
    assert {ex.form for ex in EXAMPLES} == set(FORM_WORDS)
    page = method_figures_page(None)
    for ex in EXAMPLES:
        assert ex.title in page
    assert "| matches |" in page and "| overstated |" in page and "| not comparable |" in page


def test_assessments_with_their_traces_are_read_back_from_the_cache(tmp_path, monkeypatch):
    """Every class an assessment holds must be allowed by the cache's restricted unpickler, or the
    cache is silently ignored and every build recomputes every verdict."""
    from evkb.engine.speed import assess_cache
    from evkb.load.loader import load
    root = Path(__file__).parent.parent
    first = assess_cache.cached_assessments(load(root, tmp_path), 0.10)
    assert any(t.checks for a in first.values() for t in a.traces)

    def must_not_run(*args, **kwargs):
        raise AssertionError("an assessment was computed again instead of read from the cache")
    monkeypatch.setattr(assess_cache, "assess", must_not_run)
    again = assess_cache.cached_assessments(load(root, tmp_path), 0.10)
    assert again == first
