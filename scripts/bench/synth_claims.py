"""Claim and media records built from the plan's facts."""
from __future__ import annotations

import synth_vocab as vocab
from synth_yaml import Flow, Folded, Raw, num

TOPICS = ["knee-loading", "hip-mechanics", "ankle-mechanics", "muscle-activation", "strength",
          "cardiorespiratory", "energy-cost", "gait-speed", "gait-timing", "step-geometry", "balance",
          "falls", "pain", "function", "rehabilitation", "osteoarthritis", "stroke", "children",
          "running-injury", "adherence"]
ACT_PHRASES = {"walking": "Backward walking", "treadmill-walking": "Backward treadmill walking",
               "uphill-walking": "Backward uphill walking", "running": "Backward running",
               "treadmill-running": "Backward treadmill running", "sled-dragging": "Backward sled dragging"}
COMP_PHRASES = {
    "backward-vs-forward": "compared with forward locomotion at the same speed",
    "backward-vs-forward-self-selected": "compared with forward locomotion at a self-selected speed",
    "backward-training-vs-control": "compared with no training",
    "backward-vs-forward-training": "compared with forward walking training",
    "backward-training-vs-usual-care": "compared with usual care alone",
    "backward-uphill-vs-level": "compared with backward locomotion on the level",
    "backward-vs-lateral": "compared with sideways locomotion",
    "post-vs-pre-training": "compared with before the programme",
}
TRAINING = {"backward-training-vs-control", "backward-vs-forward-training", "backward-training-vs-usual-care",
            "post-vs-pre-training"}
VERBS = {"lower": ["reduces", "lowers", "cuts"], "higher": ["raises", "increases", "boosts"]}
OUTLETS = ["news", "magazine", "blog", "health-site", "hospital", "social", "video", "other"]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def date(rng, year: int = 2026) -> Raw:
    return Raw(f"{year}-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}")


def condition(rng, fact):
    """A context number for the statement, or None."""
    if rng.random() > 0.4:
        return None
    if fact.comparison in TRAINING:
        weeks = rng.randint(4, 12)
        return f" after {weeks} weeks", {"value": weeks, "unit": "week", "what": "training period"}
    speed = round(rng.uniform(3, 9), 1)
    return f" at {num(speed)} km/h", {"value": speed, "unit": "km/h", "what": "speed"}


def statement(rng, fact, measures: dict, bound: str, cond_text: str) -> str:
    act = ACT_PHRASES[fact.activity]
    what = lower_first(measures[fact.measure]["name"])
    pop = lower_first(vocab.POPULATIONS[fact.population][0])
    verb = rng.choice(VERBS[fact.direction])
    if fact.kind == "percent":
        amount = f"by {bound}{num(fact.value)}%"
    else:
        amount = f"to {bound}{num(fact.value)}{vocab.UNIT_SYMBOLS[fact.unit]}"
    return f"{act} {verb} {what} {amount} in {pop}{cond_text}, {COMP_PHRASES[fact.comparison]}."


def sources(rng, fact, refs: list) -> list[dict]:
    out = [{"ref": ref.key, "findings": [fid], "stance": "supports",
            "locator": rng.choice(["abstract", "results", "Table 2"])} for ref, fid in fact.reporters]
    cited = {ref.key for ref, _ in fact.reporters}
    while len(out) < 2 or (len(out) < 4 and rng.random() < 0.35):
        ref = rng.choice(refs)
        if ref.key not in cited:
            cited.add(ref.key)
            out.append({"ref": ref.key, "stance": "mentions", "note": "Background on the same question."})
    return out


def sighting(rng, fact, media_id: str, refs: list) -> dict:
    status = rng.choice(["verified", "verified", "misattributed", "not-found", "none-given"])
    ref = fact.reporters[0][0]
    out = {"media": media_id}
    if status == "verified":
        out.update(credited_as=f"a study in {ref.venue}", status=status, actual=[ref.key])
    elif status == "misattributed":
        out.update(credited_as=f"a paper in {rng.choice(refs).venue}", status=status, actual=[ref.key])
    elif status == "not-found":
        out.update(credited_as="research from a university", status=status, actual=[])
    else:
        out.update(status=status, actual=[])
    return out


def claim(rng, cid: str, fact, ctx: dict) -> dict:
    bound = "up to " if rng.random() < 0.25 else ""
    cond = condition(rng, fact)
    value = Flow({"up_to": fact.value}) if bound else fact.value
    kind = "circulating" if rng.random() < 0.7 else "assertion"
    rec = {"id": cid, "kind": kind,
           "statement": statement(rng, fact, ctx["measures"], bound, cond[0] if cond else ""),
           "explanation": Folded(explanation(fact)),
           "reviewed": date(rng), "population": fact.population, "activity": fact.activity,
           "figures": [{"measure": fact.measure, "comparison": fact.comparison, "direction": fact.direction,
                        "value": value, "unit": fact.unit}],
           "conditions": [Flow(cond[1])] if cond else [],
           "sources": sources(rng, fact, ctx["refs"])}
    if kind == "circulating":
        picks = rng.sample(ctx["media"], min(len(ctx["media"]), rng.choice([1, 1, 2])))
        rec["seen_in"] = [sighting(rng, fact, m, ctx["refs"]) for m in picks]
    related = [c for c in fact.claims if c != cid][:2]
    if related and rng.random() < 0.3:
        rec["related"] = related
    return rec


def explanation(fact) -> str:
    what = "relative difference computed from the arm means or reported directly" if fact.kind == "percent" \
        else "value the studies report"
    return (f"The supporting studies measured this in {lower_first(vocab.POPULATIONS[fact.population][0])} "
            f"during {vocab.ACTIVITIES[fact.activity][0].lower()}. The figure is the {what}, "
            f"{COMP_PHRASES[fact.comparison]}.")


def media(rng, mid: str) -> dict:
    rec = {"id": mid, "title": f"Walking backwards: what the studies say, part {mid.split('-')[-1]}",
           "title_given_by_base": rng.random() < 0.2, "outlet": rng.choice(OUTLETS), "seen": date(rng)}
    if rng.random() < 0.6:
        rec["url"] = f"https://example.org/articles/{mid}"
    rec["publisher"] = rng.choice(["an example wellness site", "a regional newspaper", "a fitness magazine"])
    return rec
