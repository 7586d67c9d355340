"""A claim cites a findings or media file that has errors, so part of its evidence could not be read.

A findings file that does not parse, or whose values fail validation, is reported at its
own lines (yaml-syntax, invalid-record); its valid findings stay usable. The claims citing
it get this note instead of being told the file or the finding is missing, so the
contributor is sent to the file that needs the fix.

Failing example (the findings file has a negative SD in knee-peak):

    sources: [{ref: smith2020knee, findings: [knee-peak], stance: supports}]

Fixed example: correct the value in references/findings/smith2020knee.yaml.
"""
from ..diagnostics import Location
from ._util import at

CODE = "R011"
NAME = "unreadable-record"
LEVEL = "info"
OPTIONS: dict = {}
ABOUT_BROKEN_FILES = True   # its examples have load problems by design


def check_claim(ctx, loaded):
    kb = ctx.kb
    if not kb.unreadable:
        return
    for i, source in enumerate(loaded.record.sources):
        broken = kb.unreadable.get(("findings", source.ref))
        if broken is None:
            continue
        ids = kb.findings_by_id(source.ref)
        missing = [fid for fid in source.findings if fid not in ids]
        if missing or not ids:
            what = f"finding {', '.join(repr(m) for m in missing)}" if missing else "its findings"
            yield at(loaded, "sources", i, "ref", value=True, related=[Location(*broken[:3])],
                     message=f"{what} of {source.ref} could not be read: {broken[0]} has errors (line {broken[1]})",
                     hint=f"fix {broken[0]}; its own diagnostics say what is wrong")
    for i, seen in enumerate(loaded.record.seen_in):
        broken = kb.unreadable.get(("media", seen.media))
        if broken is not None and seen.media not in kb.media:
            yield at(loaded, "seen_in", i, "media", value=True, related=[Location(*broken[:3])],
                     message=f"media record {seen.media!r} could not be read: {broken[0]} has errors (line {broken[1]})",
                     hint=f"fix {broken[0]}; its own diagnostics say what is wrong")
