"""Shared by the rules that report problems found while loading files."""
from . import Hit


def load_problems(ctx, code_name: str):
    for path, line, col, code, message, hint, subject in ctx.kb.problems:
        if code == code_name:
            yield Hit(path, line, col, message, hint, subject=subject)
