"""A claim cites a finding id that its reference's findings file does not contain.

Sources point at specific results (`findings: [pfjcf-peak]`) so the engine can
compare figures and directions; a wrong id silently drops that evidence. Finding
ids must also be unique within a findings file.

Failing example:

    sources:
      - {ref: roos2012pfjcf, findings: [pfj-peak], stance: supports}

Fixed example:

    sources:
      - {ref: roos2012pfjcf, findings: [pfjcf-peak], stance: supports}
"""
from ...load.validate import did_you_mean
from ._util import at, loc

CODE = "R007"
NAME = "unknown-finding"
LEVEL = "error"
OPTIONS: dict = {}


def check_claim(ctx, loaded):
    kb = ctx.kb
    for i, source in enumerate(loaded.record.sources):
        rec = kb.findings.get(source.ref)
        if not source.findings or source.ref not in kb.references:
            continue
        ids = kb.findings_by_id(source.ref)
        if ("findings", source.ref) in kb.unreadable:
            continue   # the file has errors of its own; unreadable-record points there
        for j, fid in enumerate(source.findings):
            if fid not in ids:
                where = f"in references/findings/{source.ref}.yaml" if rec else "(it has no findings file)"
                yield at(loaded, "sources", i, "findings", j, value=True,
                         message=f"{source.ref} has no finding {fid!r} {where}",
                         hint=did_you_mean(fid, ids) or f"add the finding to references/findings/{source.ref}.yaml")


def check_findings(ctx, loaded):
    seen, key = {}, loaded.record.ref
    for i, finding in enumerate(loaded.record.findings):
        if finding.id in seen:
            yield at(loaded, "findings", i, "id", value=True, subject=key,
                     message=f"finding id {finding.id!r} is used twice in this file",
                     hint="give each finding its own id", related=[loc(loaded, "findings", seen[finding.id], "id")])
        seen.setdefault(finding.id, i)
