"""A file under claims/ or references/ is a link that leads outside the repository.

A pull request must not make the check or the build read files from elsewhere on the machine.

Failing example:

    claims/knee/x.yaml -> /etc/passwd

Fixed example:

    claims/knee/x.yaml (a real file)
"""
from ._load import load_problems

CODE = "S004"
NAME = "unsafe-path"
LEVEL = "error"
OPTIONS: dict = {}


def check(ctx):
    yield from load_problems(ctx, NAME)
