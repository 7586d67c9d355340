"""What the synthetic base says, before it is written: references, facts and who reports them.

A fact is one result on a (measure, comparison, population, activity) tuple. Every fact is reported by
2-3 references and claimed by a few claims that cite exactly those findings, so claims agree with their
sources. Facts whose populations and activities share a root agree with each other, except for the
planted conflicts: a second fact on an existing tuple with the opposite direction.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import synth_vocab as vocab
from synth_bib import SURNAMES

ENTRY_KINDS = [("article", 0.82), ("inproceedings", 0.08), ("phdthesis", 0.05), ("misc", 0.05)]
ARTICLE_DESIGNS = ["rct", "rct", "crossover", "controlled-trial", "cohort", "lab-comparison", "lab-comparison",
                   "pre-post", "cross-sectional", "modelling", "meta-analysis", "systematic-review", "case-series"]
DESIGN_PHRASES = {
    "rct": "a randomised controlled trial", "crossover": "a randomised crossover trial",
    "controlled-trial": "a controlled trial", "cohort": "a cohort study", "lab-comparison": "a laboratory study",
    "pre-post": "a pre-post study", "cross-sectional": "a cross-sectional study", "modelling": "a modelling study",
    "meta-analysis": "a meta-analysis", "systematic-review": "a systematic review", "case-series": "a case series",
    "thesis": "a thesis",
}
OTHER_DESIGNS = {"inproceedings": ["lab-comparison", "cross-sectional"], "phdthesis": ["thesis"],
                 "misc": ["rct", "cohort", "pre-post"]}


@dataclass
class Ref:
    index: int
    kind: str
    design: str
    year: int
    first: int
    has_findings: bool
    key: str = ""
    venue: str = ""
    population: str = ""
    activity: str = ""
    cited: list = field(default_factory=list)  # (fact, finding id)


@dataclass
class Fact:
    measure: str
    comparison: str
    population: str
    activity: str
    direction: str
    kind: str  # percent | absolute
    value: float
    unit: str
    reporters: list = field(default_factory=list)  # (Ref, finding id)
    claims: list = field(default_factory=list)
    conflict_with: "Fact | None" = None
    measure_unit: str = ""


@dataclass
class Plan:
    refs: list
    parents: list
    facts: list
    conflicts: list
    measures: dict
    n_parents: int


def pick_weighted(rng, table):
    x, acc = rng.random(), 0.0
    for item, weight in table:
        acc += weight
        if x < acc:
            return item
    return table[-1][0]


def make_refs(rng, count: int) -> list[Ref]:
    refs = []
    for i in range(count):
        kind = pick_weighted(rng, ENTRY_KINDS)
        design = rng.choice(OTHER_DESIGNS.get(kind, ARTICLE_DESIGNS))
        refs.append(Ref(i, kind, design, rng.randint(1988, 2025), rng.randrange(len(SURNAMES)),
                        has_findings=i < 2 or rng.random() < 0.85))
    return refs


class Pool:
    """Hands out references with findings round-robin so that reports spread evenly."""

    def __init__(self, rng, refs):
        self.items = [r for r in refs if r.has_findings]
        rng.shuffle(self.items)
        self.pos = 0

    def take(self, n: int, avoid=()) -> list[Ref]:
        picked = []
        for _ in range(len(self.items)):
            if len(picked) == n:
                break
            ref = self.items[self.pos % len(self.items)]
            self.pos += 1
            if ref not in picked and ref not in avoid:
                picked.append(ref)
        return picked


def make_facts(rng, count: int, measures: dict) -> list[Fact]:
    count = min(count, 30000)  # the tuple space holds about 35k
    used, shared, facts = set(), {}, []
    mids, comps = list(measures), list(vocab.COMPARISONS)
    pops, acts = list(vocab.POPULATIONS), list(vocab.ACTIVITIES)
    while len(facts) < count:
        t = (rng.choice(mids), rng.choice(comps), rng.choice(pops), rng.choice(acts))
        if t in used:
            continue
        used.add(t)
        family = (t[0], t[1], vocab.root(vocab.POPULATIONS, t[2]), vocab.root(vocab.ACTIVITIES, t[3]))
        if family not in shared:
            shared[family] = draw_result(rng, measures[t[0]]["unit"])
        facts.append(Fact(*t, *shared[family], measure_unit=measures[t[0]]["unit"]))
    return facts


def draw_result(rng, unit: str, direction: str = "") -> tuple:
    direction = direction or rng.choice(["lower", "higher"])
    if rng.random() < 0.65:
        return direction, "percent", rng.randint(5, 60), "percent"
    low, high, places = vocab.UNIT_RANGES[unit]
    value = round(rng.uniform(low, high), places)
    return direction, "absolute", int(value) if places == 0 else value, unit


def plant_conflict(rng, base: Fact, measures: dict) -> Fact:
    opposite = "higher" if base.direction == "lower" else "lower"
    result = draw_result(rng, measures[base.measure]["unit"], opposite)
    if result[1:] == (base.kind, base.value, base.unit):
        result = (opposite, "percent", base.value % 50 + 7, "percent")
    return Fact(base.measure, base.comparison, base.population, base.activity, *result, conflict_with=base,
                measure_unit=base.measure_unit)


def assign_reporters(rng, facts: list[Fact], pool: Pool) -> None:
    for fact in facts:
        if fact.conflict_with:
            picked = pool.take(rng.choice([1, 2]), avoid=[r for r, _ in fact.conflict_with.reporters])
        else:
            picked = pool.take(rng.choice([2, 2, 3]))
        for ref in picked:
            fid = f"{fact.measure}-{len(ref.cited) + 1}"
            ref.cited.append((fact, fid))
            fact.reporters.append((ref, fid))


def build(rng, claims: int, references: int) -> Plan:
    measures = vocab.measures()
    n_parents = max(1, references // 250)
    refs = make_refs(rng, max(2, references - n_parents))
    n_conflicts = max(1, min(20, claims // 500))
    facts = make_facts(rng, max(1, (claims - n_conflicts) // 3), measures)
    step = max(1, len(facts) // n_conflicts)
    conflicts = [plant_conflict(rng, facts[i * step % len(facts)], measures) for i in range(n_conflicts)]
    assign_reporters(rng, facts + conflicts, Pool(rng, refs))
    return Plan(refs, [], facts, conflicts, measures, n_parents)
