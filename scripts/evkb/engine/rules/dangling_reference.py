"""A claim cites, or a findings file describes, a BibTeX key that no .bib file defines.

Every source of a claim must resolve to a publication, or the citation cannot be
formatted, linked or checked. Credited works (`seen_in[].actual`) count too.

Failing example:

    sources:
      - {ref: roos2021pfj, stance: supports}

Fixed example:

    sources:
      - {ref: roos2012pfjcf, stance: supports}
"""
from ...load.validate import did_you_mean
from ._util import at

CODE = "R005"
NAME = "dangling-reference"
LEVEL = "error"
OPTIONS: dict = {}


def check_claim(ctx, loaded):
    refs = ctx.kb.references
    claim = loaded.record
    for i, source in enumerate(claim.sources):
        if source.ref not in refs:
            yield at(loaded, "sources", i, "ref", value=True, message=f"unknown reference {source.ref!r}",
                     hint=did_you_mean(source.ref, refs) or "add the entry to a .bib file under references/")
    for i, seen in enumerate(claim.seen_in):
        for j, key in enumerate(seen.actual):
            if key not in refs:
                yield at(loaded, "seen_in", i, "actual", j, value=True, message=f"unknown reference {key!r}",
                         hint=did_you_mean(key, refs) or "add the entry to a .bib file under references/")


def check_findings(ctx, loaded):
    refs, key = ctx.kb.references, loaded.record.ref
    if key not in refs:
        yield at(loaded, "ref", value=True, subject=key, message=f"findings for {key!r}, which no .bib entry defines",
                 hint=did_you_mean(key, refs) or "add the BibTeX entry, or rename the file to its key")
