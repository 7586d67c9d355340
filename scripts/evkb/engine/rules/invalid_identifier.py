"""A DOI, PMID, PMCID, ISBN or URL is malformed.

Identifiers become links on the site and keys for look-ups; a malformed one is a
broken link at best and a pointer to the wrong paper at worst. Only http(s) URLs
are accepted.

Failing example:

    @article{roos2012, doi = {https://doi.org/10.1016/j.jbiomech}, pmid = {PMC3391667}}

Fixed example:

    @article{roos2012, doi = {10.1016/j.jbiomech.2012.03.019}, pmcid = {PMC3391667}}
"""
import re

from . import Hit

CODE = "R004"
NAME = "invalid-identifier"
LEVEL = "error"
OPTIONS: dict = {}

PATTERNS = {
    "doi": (re.compile(r"^10\.\d{4,9}/\S+$"), "a bare DOI such as 10.1186/s12891-019-2537-9"),
    "pmid": (re.compile(r"^[1-9]\d{0,8}$"), "digits only, such as 15029939"),
    "pmcid": (re.compile(r"^PMC\d{4,9}$"), "PMC followed by digits, such as PMC6456984"),
    "isbn": (re.compile(r"^(97[89])?\d{9}[\dX]$"), "10 or 13 digits (hyphens allowed)"),
    "url": (re.compile(r"^https?://[^\s<>\"'`]+$"), "an http:// or https:// address"),
}


def normalise(name: str, value: str) -> str:
    value = (value or "").strip()
    if name == "doi":
        return value.lower()
    if name == "isbn":
        return value.replace("-", "").replace(" ", "").upper()
    return value


def valid(name: str, value: str) -> bool:
    return bool(PATTERNS[name][0].match(normalise(name, value) if name == "isbn" else value.strip()))


def check_bibliography(ctx):
    for ref in ctx.kb.references.values():
        for name, (_, form) in PATTERNS.items():
            value = ref.get(name)
            if value and not valid(name, value):
                yield Hit(ref.path, ref.line_of(name), 1, f"{name} {value!r} of {ref.key!r} is not valid",
                          f"write {form}", subject=ref.key)
