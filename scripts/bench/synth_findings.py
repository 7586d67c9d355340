"""Findings records: the cited results of each fact, plus uncited results in every other value form."""
from __future__ import annotations

import synth_vocab as vocab
from synth_plan import DESIGN_PHRASES
from synth_yaml import Flow

WHERE = ["abstract", "Table 2", "Table 3", "Figure 2", "results section", "p. 281"]
SPEED_COMPARISONS = {"backward-vs-forward", "backward-uphill-vs-level", "backward-vs-lateral"}


def p_value(rng) -> str:
    return rng.choice(["< 0.001", "< 0.01", "< 0.05", "= 0.03", "= 0.004"])


def arm(label: str, mean, sd, n: int) -> Flow:
    return Flow({"label": label, "mean": mean, "sd": sd, "n": n})


def _sd(rng, mean: float) -> float:
    return round(abs(mean) * rng.uniform(0.1, 0.4), 2) or 0.01


def percent_arms(rng, fact, finding: dict) -> None:
    """Arms whose relative difference is exactly the fact's percentage, and the derived value."""
    intervention, comparator, _ = vocab.COMPARISONS[fact.comparison]
    unit = fact.measure_unit
    low, high, places = vocab.UNIT_RANGES[unit]
    base = round(rng.uniform(low, high), max(places, 1)) or 1.0
    sign = -1 if fact.direction == "lower" else 1
    other = round(base * (100 + sign * fact.value) / 100, max(places, 1) + 2)
    n = rng.randint(8, 60)
    finding["unit"] = unit
    finding["arms"] = [arm(comparator, base, _sd(rng, base), n), arm(intervention, other, _sd(rng, other), n)]
    if rng.random() < 0.5:
        finding["p"] = p_value(rng)
    diff = f"({comparator} - {intervention})" if sign < 0 else f"({intervention} - {comparator})"
    finding["derived"] = {"formula": f"{diff} / {comparator} * 100", "value": fact.value, "unit": "percent"}


def cited_finding(rng, fact, fid: str, ref) -> dict:
    finding = {"id": fid, "measure": fact.measure, "comparison": fact.comparison,
               "direction": fact.direction, "where": rng.choice(WHERE)}
    if fact.kind == "percent" and rng.random() < 0.6:
        percent_arms(rng, fact, finding)
    else:
        finding["value"], finding["unit"] = fact.value, fact.unit
    if fact.comparison in SPEED_COMPARISONS and rng.random() < 0.5:
        finding["condition"] = "same speed in both conditions"
    if fact.population != ref.population:
        finding["population"] = fact.population
    if fact.activity != ref.activity:
        finding["activity"] = fact.activity
    return finding


def extra_finding(rng, fid: str, measures: dict) -> dict:
    measure = rng.choice(list(measures))
    unit = measures[measure]["unit"]
    finding = {"id": fid, "measure": measure, "comparison": rng.choice(list(vocab.COMPARISONS)),
               "where": rng.choice(WHERE)}
    form = rng.choice([_p_only, _effect, _change, _direction_only, _not_reported, _range])
    form(rng, finding, unit)
    return finding


def _p_only(rng, f: dict, unit: str) -> None:
    f["direction"], f["p"] = rng.choice(["lower", "higher"]), p_value(rng)


def _effect(rng, f: dict, unit: str) -> None:
    kind = rng.choice(["hedges-g", "smd", "or", "rr"])
    if kind in ("or", "rr"):
        est = round(rng.uniform(1.2, 3.5), 2)
        ci = [round(est * 0.6, 2), round(est * 1.5, 2)]
    else:
        est = round(rng.uniform(0.2, 1.2), 2)
        ci = [round(est - 0.15, 2), round(est + 0.3, 2)]
    f["direction"] = "higher"
    f["effect"] = Flow({"type": kind, "estimate": est, "ci": ci, "level": 0.95})


def _change(rng, f: dict, unit: str) -> None:
    low, high, places = vocab.UNIT_RANGES[unit]
    big = round(rng.uniform(low, high) / 5, max(places, 1))
    small = round(big * rng.uniform(0.2, 0.7), max(places, 1))
    n = rng.randint(10, 40)
    f["direction"], f["unit"] = "higher", unit
    f["change"] = [arm("control", small, _sd(rng, small), n), arm("training", big, _sd(rng, big), n)]


def _direction_only(rng, f: dict, unit: str) -> None:
    f["direction"] = rng.choice(["improved", "no-difference", "mixed"])
    f["note"] = "The abstract states the direction only."


def _not_reported(rng, f: dict, unit: str) -> None:
    f["direction"], f["not_reported"] = "none", True


def _range(rng, f: dict, unit: str) -> None:
    low, high, places = vocab.UNIT_RANGES[unit]
    a = round(rng.uniform(low, (low + high) / 2), places)
    b = round(rng.uniform((low + high) / 2, high), places)
    f["direction"], f["unit"] = "higher", unit
    f["range"] = [int(a) if places == 0 else a, int(b) if places == 0 else b]


def record(rng, ref, measures: dict) -> dict:
    findings = [cited_finding(rng, fact, fid, ref) for fact, fid in ref.cited]
    for i in range(rng.choice([0, 1, 1, 2]) if findings else rng.randint(1, 2)):
        findings.append(extra_finding(rng, f"extra-{i + 1}", measures))
    rec = {"ref": ref.key, "design": ref.design}
    if ref.design in ("meta-analysis", "systematic-review"):
        rec["studies"] = rng.randint(3, 40)
    rec.update({"n": rng.randint(8, 400), "population": ref.population, "activity": ref.activity,
                "evidence_basis": rng.choice(["abstract", "abstract", "full-text", "record"]),
                "grey": ref.kind != "article", "verification": "partial" if rng.random() < 0.05 else "verified",
                "summary": f"Synthetic record for benchmarking the check: {DESIGN_PHRASES[ref.design]}.",
                "findings": findings})
    return rec
