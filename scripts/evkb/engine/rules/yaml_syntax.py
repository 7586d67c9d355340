"""A file is not valid YAML, or uses YAML features records may not use.

Tabs, duplicate keys, object tags, aliases, non-UTF-8 bytes and empty files are reported here with their line. PyYAML silently keeps the last of two repeated keys; evkb reports the repetition instead. Aliases are refused so that an alias bomb cannot expand.

Failing example:

    statement: Backward walking
    statement: burns more energy

Fixed example:

    statement: Backward walking burns more energy
"""
from ._load import load_problems

CODE = "S001"
NAME = "yaml-syntax"
LEVEL = "error"
OPTIONS: dict = {}


def check(ctx):
    yield from load_problems(ctx, NAME)
