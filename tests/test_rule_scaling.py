"""No rule compares all pairs: a counting hook on the comparison primitives, at n and 4n claims.

Two synthetic bases (scripts/bench/synth.py) of N and 4N claims are rewritten so that half of their
claims share ONE measure, comparison, population and activity: a rule that compared every pair of
figures in a group (or every pair of claims) would make about 16 times as many calls at 4N as at N.

Every comparison primitive the rules use is wrapped with a real counting wrapper, installed (with
pytest's monkeypatch) wherever the engine holds a reference to it, since rule modules import
helpers by name:

- every function of evkb.model.figures, figure_checks and finding_values (compare_interval,
  figure_bounds, offers, ...), evkb.model.units
  (convert, compatible, dimension) and evkb.assess;
- Vocabulary.within / ancestors / get / has, KnowledgeBase.claim_findings / finding, and
  evkb.validate.did_you_mean;
- every module-level function of every rule module (check, _groups, _value_conflicts, at, loc, ...).

The real engine then loads and checks each base (the counters are reset after loading, so they
count the check alone), and every counter must satisfy

    count(4N) <= GROWTH * count(N) + SLACK,   GROWTH = 1.25 * 4 * log2(4N) / log2(N)

that is n log n growth with a 25 % margin (about 6.3 for N = 200, where all pairs would be 16);
SLACK absorbs counters that are tiny at both sizes (a planted conflict, a duplicate key). A
control test adds an all-pairs rule and shows the same bound catches it. Nothing is timed.
"""
from __future__ import annotations

import inspect
import math
import sys
import types
from collections import Counter
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts" / "bench"))
sys.path.insert(0, str(REPO / "scripts"))

import synth  # noqa: E402
from evkb.engine import assess as assess_mod  # noqa: E402
from evkb.engine import check as check_mod  # noqa: E402
from evkb.model import figure_checks, figures, finding_values, units
from evkb.load import validate  # noqa: E402
from evkb.engine.config import Config  # noqa: E402
from evkb.load.kb import KnowledgeBase  # noqa: E402
from evkb.load.loader import load  # noqa: E402
from evkb.engine.rules import Rule, all_rules  # noqa: E402
from evkb.model.vocab import Vocabulary  # noqa: E402

N = 200
SCALE = 4
MARGIN = 1.25
GROWTH = MARGIN * SCALE * math.log2(SCALE * N) / math.log2(N)
SLACK = 24


def hot_base(root: Path, claims: int) -> Path:
    """A synthetic base where every other claim joins one (measure, comparison, population, activity) group."""
    synth.generate(root, claims, max(8, claims // 2), seed=5)
    paths = sorted((root / "claims").rglob("*.yaml"))
    first = yaml.load(paths[0].read_bytes(), Loader=yaml.CSafeLoader)
    hot = (first["figures"][0]["measure"], first["figures"][0]["comparison"], first["population"], first["activity"])
    for path in paths[1::2]:
        rec = yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        rec["population"], rec["activity"] = hot[2], hot[3]
        for fig in rec["figures"]:
            fig["measure"], fig["comparison"] = hot[0], hot[1]
        path.write_text(yaml.safe_dump(rec, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


def engine_modules() -> list[types.ModuleType]:
    return [m for name, m in sorted(sys.modules.items()) if (name == "evkb" or name.startswith("evkb.")) and m]


def targets() -> list[tuple[object, str, str]]:
    """(owner, attribute, counter name) of every primitive to count."""
    out = []
    modules = [figures, figure_checks, finding_values, units, assess_mod] + [r.module for r in all_rules()]
    modules += [sys.modules["evkb.engine.rules._util"], sys.modules["evkb.engine.rules._load"]]
    for mod in modules:
        for name, fn in vars(mod).items():
            if inspect.isfunction(fn) and fn.__module__ == mod.__name__:
                out.append((mod, name, f"{mod.__name__}.{name}"))
    out.append((validate, "did_you_mean", "evkb.load.validate.did_you_mean"))
    for cls, names in ((Vocabulary, ("within", "ancestors", "get", "has")),
                       (KnowledgeBase, ("claim_findings", "finding"))):
        out += [(cls, name, f"{cls.__module__}.{cls.__name__}.{name}") for name in names]
    return out


def install_counters(monkeypatch) -> Counter:
    """Wrap every target with a counting wrapper, everywhere the engine refers to it."""
    counts = Counter()

    def counting(fn, label):
        def wrapper(*args, **kwargs):
            counts[label] += 1
            return fn(*args, **kwargs)
        wrapper.__wrapped__ = fn
        wrapper.__name__ = fn.__name__
        return wrapper

    modules = engine_modules()
    for owner, attr, label in targets():
        original = getattr(owner, attr)
        wrapped = counting(original, label)
        if isinstance(owner, type):
            monkeypatch.setattr(owner, attr, wrapped)
            continue
        for mod in modules:  # `from ..figures import figure_bounds` binds the name in the rule module too
            for name, value in list(vars(mod).items()):
                if value is original:
                    monkeypatch.setattr(mod, name, wrapped)
    return counts


def counted_check(root: Path, counts: Counter) -> Counter:
    kb = load(root)
    counts.clear()
    result = check_mod.run_check(kb, Config())
    assert result.diagnostics is not None
    return Counter(counts)


def violations(small: Counter, large: Counter) -> dict:
    return {k: (small.get(k, 0), v) for k, v in large.items() if v > GROWTH * small.get(k, 0) + SLACK}


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("scaling")
    return hot_base(root / "small", N), hot_base(root / "large", SCALE * N)


def test_the_bases_have_one_large_group(bases):
    from evkb.engine.rules.conflicting_figures import _groups
    for root, claims in zip(bases, (N, SCALE * N)):
        sizes = sorted(len(items) for items in _groups(load(root)).values())
        assert sizes[-1] >= claims // 2


def test_no_rule_compares_all_pairs(bases, monkeypatch):
    counts = install_counters(monkeypatch)
    small = counted_check(bases[0], counts)
    large = counted_check(bases[1], counts)
    # the hook really counted the comparisons of the large group
    for name in ("evkb.model.figures.figure_bounds", "evkb.model.figure_checks.compare_interval",
                 "evkb.model.finding_values.offers", "evkb.model.units.convert",
                 "evkb.model.vocab.Vocabulary.within", "evkb.engine.rules.conflicting_figures._value_conflicts"):
        assert small[name] > 0, name
    assert small["evkb.model.figures.figure_bounds"] >= N // 2
    assert violations(small, large) == {}, f"grows faster than n log n (bound {GROWTH:.2f}x + {SLACK})"


def _all_pairs_check(ctx):
    """A deliberately quadratic rule: compares every pair of claim figures."""
    items = [f for c in ctx.kb.claims.values() for f in c.record.figures if f.value is not None]
    for a in items:
        for b in items:
            figures.figure_bounds(a.value) <= figures.figure_bounds(b.value)
    return iter(())


def test_the_hook_catches_an_all_pairs_rule(bases, monkeypatch):
    demo = types.ModuleType("evkb_all_pairs_demo")
    demo.check = _all_pairs_check
    rule = Rule("Z999", "all-pairs-demo", "warning", {}, demo)
    monkeypatch.setattr(check_mod, "all_rules", lambda: all_rules() + (rule,))
    counts = install_counters(monkeypatch)
    small = counted_check(bases[0], counts)
    large = counted_check(bases[1], counts)
    bad = violations(small, large)
    assert "evkb.model.figures.figure_bounds" in bad
    got = bad["evkb.model.figures.figure_bounds"]
    assert got[1] / got[0] > 12  # close to 16: all pairs
