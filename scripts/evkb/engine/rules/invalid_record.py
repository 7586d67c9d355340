"""A record has a field of the wrong type, a missing required field, or an unknown field.

The record model's generated JSON Schema is the contract. Unknown fields get a did-you-mean hint, and a claim id must equal its file name and contain only lowercase letters, digits, - and . (never ..).

Failing example:

    id: Knee/../40pct
    kind: circulating
    statment: Backward walking cuts knee stress

Fixed example:

    id: knee-40pct
    kind: circulating
    statement: Backward walking cuts knee stress
"""
from ._load import load_problems

CODE = "S002"
NAME = "invalid-record"
LEVEL = "error"
OPTIONS: dict = {}


def check(ctx):
    yield from load_problems(ctx, NAME)
