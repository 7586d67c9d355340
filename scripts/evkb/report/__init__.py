"""Stage 4, report: a check result -> text for one audience (text, json, github, sarif), and `show`.

Reporters are chosen by name (`{format}_report` modules); they are the only code that
formats diagnostics for output, and they return text: the command line prints it.

May import: evkb.model, evkb.load, evkb.engine.
"""
from __future__ import annotations

from collections import Counter

FORMATS = ("text", "json", "github", "sarif")


def summary(result) -> dict:
    by_rule = Counter(d.rule for d in result.diagnostics)
    return {"errors": result.count("error"), "warnings": result.count("warning"), "infos": result.count("info"),
            "by_rule": dict(sorted(by_rule.items())), "files": len(result.kb.files),
            "claims": len(result.kb.claims), "references": len(result.kb.references),
            "suppressed": len(result.suppressed)}


def render(result, fmt: str, **kwargs) -> str:
    from importlib import import_module
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return import_module(f"{__name__}.{fmt}_report").render(result, **kwargs)
