"""A record uses a design, unit, comparison, population or activity the vocabulary does not define.

Controlled terms make records comparable: a finding on `knee-oa` is direct
evidence for a claim about `knee-oa` only if both spell it the same way.

Failing example:

    design: randomized-trial
    population: knee-osteoarthritis

Fixed example:

    design: rct
    population: knee-oa
"""
from .unknown_measure import unknown_terms

CODE = "V002"
NAME = "unknown-term"
LEVEL = "error"
OPTIONS: dict = {}


KINDS = ("designs", "units", "comparisons", "populations", "activities")


def check_claim(ctx, loaded):
    yield from unknown_terms(ctx, loaded, KINDS)


def check_findings(ctx, loaded):
    yield from unknown_terms(ctx, loaded, KINDS)


def check_media(ctx, loaded):
    yield from unknown_terms(ctx, loaded, KINDS)
