"""The record model: frozen dataclasses, the single source of truth.

Every record kind a contributor writes is described here once. The JSON Schemas
(`evkb.schema`) are generated from these classes and validation uses them, so a
field added here is a field users can write, documented and validated.

Field metadata keys understood by the schema generator:
  doc       -- one-line description (becomes the schema's "description")
  vocab     -- the vocabulary the string must belong to (checked by rules, not the schema)
  pattern   -- a regular expression the string must match
  minimum   -- numeric lower bound
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional, Union

Position = tuple[int, int]  # 1-based (line, column)
Path = tuple  # a path of keys and indexes inside one record

CLAIM_ID_PATTERN = r"^[a-z0-9](?:[a-z0-9-]|\.(?!\.))*$"
KEY_PATTERN = r"^[A-Za-z0-9_:.+-]+$"

Stance = Literal["supports", "contradicts", "qualifies", "mentions"]
CreditStatus = Literal["verified", "misattributed", "not-found", "none-given"]
ClaimKind = Literal["circulating", "assertion"]
Direction = Literal["lower", "higher", "no-difference", "improved", "worse", "mixed", "none"]


def doc(text: str, **extra) -> dict:
    return {"doc": text, **extra}


def _f(text: str, default=None, **extra):
    """A field with documentation; optional fields default to None or an empty tuple."""
    if default is list:
        return field(default=(), metadata=doc(text, **extra))
    return field(default=default, metadata=doc(text, **extra))


def _req(text: str, **extra):
    return field(metadata=doc(text, **extra))


@dataclass(frozen=True, kw_only=True)
class Bound:
    """A one-sided figure: `up_to` (at most) or `at_least`."""
    up_to: Optional[float] = _f("The figure is an upper bound: \"up to 40%\".")
    at_least: Optional[float] = _f("The figure is a lower bound: \"at least 5 minutes\".")


FigureValue = Union[float, tuple[float, float], Bound]


@dataclass(frozen=True, kw_only=True)
class Figure:
    """One number of a claim's statement that states a result."""
    measure: str = _req("What is measured.", vocab="measures")
    comparison: str = _req("What is compared with what.", vocab="comparisons")
    value: Optional[FigureValue] = _f(
        "A number, a [low, high] range, or {up_to: x} / {at_least: x}; omitted for a direction-only statement.")
    unit: Optional[str] = _f("The unit of the value (required with a value).", vocab="units")
    direction: Optional[Direction] = _f("Which way the intervention (or exposure) differs from the comparator (lower, higher, ...).")
    note: Optional[str] = _f("Anything a reviewer should know about how the figure was read.")


@dataclass(frozen=True, kw_only=True)
class Condition:
    """A number in the statement that is context, not a result ("after 8 weeks")."""
    value: FigureValue = _req("The number, range or bound as written in the statement.")
    unit: str = _req("Its unit.", vocab="units")
    what: Optional[str] = _f("What the number describes (duration, speed, dose...).")


@dataclass(frozen=True, kw_only=True)
class Source:
    """A publication a claim relies on, and how."""
    ref: str = _req("The BibTeX key of the publication.", pattern=KEY_PATTERN)
    stance: Stance = _req("supports | contradicts | qualifies | mentions.")
    findings: tuple[str, ...] = _f("Ids of the findings (in references/findings/<ref>.yaml) the claim rests on.", list)
    locator: Optional[str] = _f("Where in the publication: page, table, figure, section.")
    note: Optional[str] = _f("Why this source has this stance.")


@dataclass(frozen=True, kw_only=True)
class Sighting:
    """Where a circulating claim was seen, and whom the article credited."""
    media: str = _req("Id of the media record (references/media/<id>.yaml).", pattern=KEY_PATTERN)
    credited_as: Optional[str] = _f("Whom or what the article credits, in its own terms.")
    status: CreditStatus = _req("verified | misattributed | not-found | none-given.")
    actual: tuple[str, ...] = _f("Keys of what the credited work really is, where known.", list)
    note: Optional[str] = _f("What was found when the credit was checked.")


@dataclass(frozen=True, kw_only=True)
class Suppression:
    """Silences one rule for this record only; needs a written reason."""
    rule: str = _req("The rule's code or name.")
    reason: str = _req("Why the rule does not apply here.", pattern=r"\S")


@dataclass(frozen=True, kw_only=True)
class Claim:
    """claims/<topic>/<id>.yaml: a claim as made in the wild, or the base's own statement."""
    id: str = _req("Equals the file name without .yaml.", pattern=CLAIM_ID_PATTERN)
    kind: ClaimKind = _req("circulating (made in the wild) or assertion (the base's own voice).")
    statement: str = _req("The claim, in one sentence.")
    title: Optional[str] = _f("A short headline for readers (page title, links, search); "
                              "default: the statement, shortened.", maxLength=90)
    reviewed: str = _req("Date of the last review, YYYY-MM-DD.", format="date")
    population: str = _req("Who the claim is about.", vocab="populations")
    activity: str = _req("What activity the claim is about.", vocab="activities")
    explanation: Optional[str] = _f("The base's words on what the evidence shows.")
    figures: tuple[Figure, ...] = _f("Every number of the statement that states a result.", list)
    conditions: tuple[Condition, ...] = _f("Numbers of the statement that are context, not results.", list)
    sources: tuple[Source, ...] = _f("Publications the claim relies on.", list)
    seen_in: tuple[Sighting, ...] = _f("Where a circulating claim was seen (circulating claims only).", list)
    related: tuple[str, ...] = _f("Ids of claims a reader should see next.", list)
    suppress: tuple[Suppression, ...] = _f("Rules silenced for this record, each with a reason.", list)


@dataclass(frozen=True, kw_only=True)
class Arm:
    """One group or condition of a finding: mean (± sd) and its size."""
    label: str = _req("The arm's name, e.g. intervention, control, after, before.")
    mean: float = _req("The arm's mean (or the single value reported).")
    sd: Optional[float] = _f("Standard deviation.", minimum=0)
    n: Optional[int] = _f("Participants in the arm.", minimum=0)


@dataclass(frozen=True, kw_only=True)
class Effect:
    """An effect size with its confidence interval."""
    type: Literal["hedges-g", "smd", "md", "or", "rr"] = _req("hedges-g | smd | md | or | rr.")
    estimate: float = _req("The point estimate.")
    ci: Optional[tuple[float, float]] = _f("The confidence interval, [low, high].")
    level: float = _f("The interval's level, e.g. 0.95.", 0.95)


@dataclass(frozen=True, kw_only=True)
class Derived:
    """A value the base computed from reported ones, with the formula to recompute it."""
    formula: str = _req("Arithmetic over arm means, e.g. (control - intervention) / control * 100.")
    value: float = _req("The value the base states.")
    unit: str = _req("Its unit.", vocab="units")
    tolerance: Optional[float] = _f("Largest accepted difference from the recomputed value (default 0.5% of it, at least 0.05).",
                                    minimum=0)


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One result a publication reports, in exactly one value form."""
    id: str = _req("Unique within the file.", pattern=KEY_PATTERN)
    measure: str = _req("What is measured.", vocab="measures")
    comparison: str = _req("What is compared with what.", vocab="comparisons")
    where: str = _req("Locator: abstract, Table 2, p. 281...")
    direction: Direction = _req("Which way the intervention (or exposure) differs from the comparator.")
    unit: Optional[str] = _f("Unit of value/range/arms/change, or of an MD effect.", vocab="units")
    value: Optional[float] = _f("Value form: a single value.")
    range: Optional[tuple[float, float]] = _f("Value form: a [low, high] range.")
    arms: tuple[Arm, ...] = _f("Value form: per-arm values (any number of arms).", list)
    change: tuple[Arm, ...] = _f("Value form: change scores per arm.", list)
    effect: Optional[Effect] = _f("Value form: an effect size with CI.")
    p: Optional[str] = _f("A p-value as reported: '< 0.001', '= 0.04', '> 0.05'.", pattern=r"^\s*(<|<=|=|>|>=)\s*[0-9.]+(e-?[0-9]+)?\s*$")
    not_reported: Optional[bool] = _f("Value form: the publication gives no usable value.")
    derived: Optional[Derived] = _f("A value computed by the base, checked by recomputation.")
    population: Optional[str] = _f("Overrides the file's population for this finding.", vocab="populations")
    activity: Optional[str] = _f("Overrides the file's activity for this finding.", vocab="activities")
    condition: Optional[str] = _f("Context of the result: speed, grade, duration.")
    note: Optional[str] = _f("Anything a reader needs to interpret the result.")


# The value forms of a finding: at most one of these fields (a `p` may accompany any of them,
# and a finding with none of them reports a direction only).
EXCLUSIVE_VALUE_FORMS = ("value", "range", "arms", "change", "effect", "not_reported")


@dataclass(frozen=True, kw_only=True)
class FindingsRecord:
    """references/findings/<bibkey>.yaml: what a publication itself reports."""
    ref: str = _req("The BibTeX key; equals the file name.", pattern=KEY_PATTERN)
    design: str = _req("Study design.", vocab="designs")
    population: str = _req("Who was studied.", vocab="populations")
    activity: str = _req("What activity was studied.", vocab="activities")
    n: Optional[int] = _f("Participants analysed (planned, for a protocol).", minimum=0)
    studies: Optional[int] = _f("Studies pooled, for reviews and meta-analyses.", minimum=0)
    population_detail: Optional[str] = _f("The population in the publication's terms.")
    summary: Optional[str] = _f("The study in one or two sentences, in the base's words.")
    evidence_basis: Literal["full-text", "abstract", "record", "title"] = _f(
        "What the findings were read from: full-text, abstract, record or title.", "abstract")
    grey: bool = _f("Grey literature: thesis, poster, conference abstract, preprint.", False)
    verification: Literal["verified", "partial"] = _f("verified, or partial when core metadata were not displayed.", "verified")
    findings: tuple[Finding, ...] = _f("The results.", list)


@dataclass(frozen=True, kw_only=True)
class Media:
    """references/media/<id>.yaml: a popular article or post that circulates claims."""
    id: str = _req("Equals the file name.", pattern=KEY_PATTERN)
    title: str = _req("The article's title.")
    title_given_by_base: bool = _f("True when the article has no title and the base wrote one.", False)
    outlet: Literal["news", "magazine", "blog", "health-site", "hospital", "social", "video", "other"] = _req(
        "The kind of outlet.")
    seen: str = _req("Date the article was read, YYYY-MM-DD.", format="date")
    url: Optional[str] = _f("Where it was published, if known.")
    publisher: Optional[str] = _f("The outlet's name, if known.")
    note: Optional[str] = _f("Anything a reader should know about the article.")


RECORD_KINDS = {"claim": Claim, "findings": FindingsRecord, "media": Media}
