"""Identifiers a reference can be looked up by: `doi:10.…` and `pmid:…`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import ContribError

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^[1-9]\d{0,8}$")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:")


@dataclass(frozen=True)
class Identifier:
    scheme: str   # "doi" | "pmid"
    value: str    # a DOI in lower case, or the PMID's digits

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


def parse(text: str) -> Identifier:
    raw = text.strip()
    low = raw.lower()
    if low.startswith("pmid:"):
        value = raw[5:].strip()
        if PMID.match(value):
            return Identifier("pmid", value)
        raise ContribError(f"{raw!r}: a PMID is digits only, e.g. pmid:12345678")
    for prefix in _DOI_PREFIXES:
        if low.startswith(prefix):
            low = low[len(prefix):].strip()
            break
    if DOI.match(low):
        return Identifier("doi", low)
    raise ContribError(f"{raw!r}: write doi:10.xxxx/... or pmid:12345678")


def of_reference(ref) -> list[Identifier]:
    """The reference's look-up identifiers, DOI first."""
    out = []
    doi, pmid = ref.get("doi").strip().lower(), ref.get("pmid").strip()
    if DOI.match(doi):
        out.append(Identifier("doi", doi))
    if PMID.match(pmid):
        out.append(Identifier("pmid", pmid))
    return out
